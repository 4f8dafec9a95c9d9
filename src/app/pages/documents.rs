//! A matter's documents (staff): upload several at once (drop them or pick them),
//! each with its progress bar; the list with size, date and who uploaded; download,
//! share with the client or not (shared by default), delete.
use crate::api::documents::{delete_document, list_documents, set_document_shared};
use crate::app::components::forms::FormError;
use crate::app::components::matter_tabs::{MatterNotFound, MatterSectionHead, MatterTab};
use crate::app::components::text::fmt_time;
use crate::app::components::upload::{UploadProgress, UploadState, human_size};
use crate::i18n::*;
use crate::model::document::{Document, MatterDocuments};
use leptos::prelude::*;
use crate::app::sync_view::IntoSyncAny;
use leptos_router::hooks::use_params_map;

/// The documents page of a matter.
#[component]
pub fn DocumentsPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").unwrap_or_default()));
    let list = Resource::new(move || id.get(), list_documents);
    let refresh = Callback::new(move |_| list.refetch());
    // Kept outside the list's suspense, which renders again when the list reloads.
    let uploads = RwSignal::new(Vec::<UploadState>::new());
    let shared = RwSignal::new(true);
    view! {
        <Transition fallback=move || view! { <p class="loading">{t!(i18n, common.loading)}</p> }>
            {move || Suspend::new(async move {
                match list.await {
                    Ok(m) => view! { <DocumentsView m refresh uploads shared/> }.into_sync_any(),
                    Err(_) => view! { <MatterNotFound/> }.into_sync_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn DocumentsView(m: MatterDocuments, refresh: Callback<()>, uploads: RwSignal<Vec<UploadState>>, shared: RwSignal<bool>) -> impl IntoView {
    let i18n = use_i18n();
    let n = m.items.len() as i64;
    view! {
        <MatterSectionHead id=m.matter_id.clone() title=m.title.clone() reference=m.reference.clone() current=MatterTab::Documents/>
        <UploadCard matter_id=m.matter_id.clone() max=m.max_file_bytes refresh uploads shared/>
        <section class="card section" aria-labelledby="documents-h">
            <h2 class="card-title" id="documents-h">{move || t_string!(i18n, documents.count, count = n).to_string()}</h2>
            {if m.items.is_empty() {
                view! { <p class="muted">{t!(i18n, documents.empty)}</p> }.into_sync_any()
            } else {
                view! {
                    <ul class="doc-list" aria-label=move || t_string!(i18n, documents.list_label).to_string()>
                        {m.items.into_iter().map(|d| view! { <DocumentItem d refresh/> }).collect_view()}
                    </ul>
                }.into_sync_any()
            }}
        </section>
    }
}

/// The drop zone and picker; files go up one after the other as soon as chosen.
#[component]
fn UploadCard(matter_id: String, max: u64, refresh: Callback<()>, uploads: RwSignal<Vec<UploadState>>, shared: RwSignal<bool>) -> impl IntoView {
    let i18n = use_i18n();
    let dragging = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let start = move |files: Vec<web_sys::File>| {
        if files.is_empty() || busy.get_untracked() {
            return;
        }
        #[cfg(feature = "hydrate")]
        {
            busy.set(true);
            let target = format!("/files/matters/{}?shared={}&", matter_id, shared.get_untracked());
            let done = Callback::new(move |_| {
                busy.set(false);
                // Finished ones leave the list; failed ones stay, with their reason.
                uploads.update(|u| u.retain(|s| s.error.is_some()));
                refresh.run(());
            });
            crate::app::components::upload::upload_all(target, files, Some(max), uploads, done);
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (&matter_id, max, refresh);
    };
    let start_drop = start.clone();
    let to_vec = |list: Option<web_sys::FileList>| {
        let mut out = vec![];
        if let Some(list) = list {
            for i in 0..list.length() {
                if let Some(f) = list.get(i) {
                    out.push(f);
                }
            }
        }
        out
    };
    let max_text = human_size(max as i64);
    view! {
        <section class="card section" aria-labelledby="upload-h">
            <h2 class="card-title" id="upload-h">{t!(i18n, documents.upload_title)}</h2>
            <div class="dropzone" class:dropzone-active=move || dragging.get()
                on:dragover=move |ev| { ev.prevent_default(); dragging.set(true); }
                on:dragleave=move |_| dragging.set(false)
                on:drop=move |ev| {
                    ev.prevent_default();
                    dragging.set(false);
                    start_drop(to_vec(ev.data_transfer().and_then(|d| d.files())));
                }>
                <p>{t!(i18n, documents.drop_here)}</p>
                <label class="btn btn-secondary file-button">
                    {t!(i18n, documents.choose)}
                    <input type="file" multiple class="file-input" aria-describedby="upload-hint"
                        disabled=move || busy.get()
                        on:change=move |ev| {
                            use wasm_bindgen::JsCast;
                            let input = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok());
                            if let Some(input) = input {
                                start(to_vec(input.files()));
                                input.set_value("");
                            }
                        }/>
                </label>
                <p class="hint" id="upload-hint">{move || t_string!(i18n, documents.upload_hint, max = max_text.clone()).to_string()}</p>
            </div>
            <label class="checkbox">
                <input type="checkbox" bind:checked=shared/>
                <span>{t!(i18n, documents.share_new)}</span>
            </label>
            <UploadProgress uploads/>
        </section>
    }
}

/// One document: download link, facts, shared switch, delete.
#[component]
fn DocumentItem(d: Document, refresh: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let (id_share, id_del) = (d.id.clone(), d.id.clone());
    let share = Action::new(move |v: &bool| set_document_shared(id_share.clone(), *v));
    let delete = Action::new(move |_: &()| delete_document(id_del.clone()));
    Effect::new(move |_| {
        if matches!(share.value().get(), Some(Ok(_))) || matches!(delete.value().get(), Some(Ok(_))) {
            refresh.run(());
        }
    });
    let err = Signal::derive(move || share.value().get().and_then(|r| r.err()).or_else(|| delete.value().get().and_then(|r| r.err())));
    let Document { id, file_name, size, created_at, uploaded_by, shared, .. } = d;
    let (share_label, delete_label, ask) = (file_name.clone(), file_name.clone(), file_name.clone());
    view! {
        <li class="doc-item">
            <div class="doc-main">
                <a class="doc-name" href=format!("/files/{id}") download=file_name.clone()>{file_name.clone()}</a>
                <span class="muted small">{move || {
                    let when = fmt_time(i18n.get_locale(), created_at);
                    let facts = format!("{} · {}", human_size(size), when);
                    match uploaded_by.clone() {
                        Some(who) => format!("{facts} · {}", t_string!(i18n, documents.by, name = who)),
                        None => facts,
                    }
                }}</span>
            </div>
            <div class="doc-actions">
                <label class="checkbox">
                    <input type="checkbox" prop:checked=shared disabled=move || share.pending().get()
                        aria-label=move || format!("{}: {}", t_string!(i18n, documents.shared), share_label)
                        on:change=move |_| { share.dispatch(!shared); }/>
                    <span aria-hidden="true">{t!(i18n, documents.shared)}</span>
                </label>
                <button class="btn btn-ghost btn-sm btn-danger" type="button"
                    aria-label=move || format!("{} {}", t_string!(i18n, common.delete), delete_label)
                    on:click=move |_| {
                        let q = t_string!(i18n, documents.confirm_delete, name = ask.clone()).to_string();
                        if window().confirm_with_message(&q).unwrap_or(false) {
                            delete.dispatch(());
                        }
                    }>{t!(i18n, common.delete)}</button>
            </div>
            <FormError error=err fields=&[]/>
        </li>
    }
}
