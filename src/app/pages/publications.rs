//! A matter's publications ("publicações"), newest first. Staff type them or a feed
//! imports them; each is reviewed before clients see it.
use crate::api::publications::{add_publication, delete_publication, list_publications, set_publication_reviewed, update_publication};
use crate::app::components::forms::{FieldError, FormError, action_error, invalid};
use crate::app::components::matter_tabs::{MatterNotFound, MatterSectionHead, MatterTab};
use crate::app::components::text::{fmt_date, fmt_time};
use crate::i18n::*;
use crate::model::publication::{JOURNAL_MAX, MatterPublications, Publication, PublicationInput, PublicationSource};
use leptos::prelude::*;
use crate::app::sync_view::IntoSyncAny;
use leptos_router::hooks::use_params_map;

/// The publications page of a matter.
#[component]
pub fn PublicationsPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").unwrap_or_default()));
    let list = Resource::new(move || id.get(), list_publications);
    let refresh = Callback::new(move |_| list.refetch());
    let added = RwSignal::new(false);
    view! {
        <Transition fallback=move || view! { <p class="loading">{t!(i18n, common.loading)}</p> }>
            {move || Suspend::new(async move {
                match list.await {
                    Ok(m) => view! { <PublicationsView m refresh added/> }.into_sync_any(),
                    Err(_) => view! { <MatterNotFound/> }.into_sync_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn PublicationsView(m: MatterPublications, refresh: Callback<()>, added: RwSignal<bool>) -> impl IntoView {
    let i18n = use_i18n();
    let waiting = m.items.iter().filter(|p| p.reviewed_at.is_none()).count() as i64;
    view! {
        <MatterSectionHead id=m.matter_id.clone() title=m.title.clone() reference=m.reference.clone() current=MatterTab::Publications/>
        <AddPublication matter_id=m.matter_id.clone() today=m.today.clone() refresh added/>
        <section class="card section" aria-labelledby="publications-h">
            <div class="row">
                <h2 class="card-title" id="publications-h">{t!(i18n, publications.title)}</h2>
                {(waiting > 0).then(|| view! {
                    <span class="badge badge-status-on_hold">{move || t_string!(i18n, publications.waiting, count = waiting).to_string()}</span>
                })}
            </div>
            {if m.items.is_empty() {
                view! { <p class="muted">{t!(i18n, publications.empty)}</p> }.into_sync_any()
            } else {
                view! {
                    <ol class="movements" aria-label=move || t_string!(i18n, publications.list_label).to_string()>
                        {m.items.into_iter().map(|p| view! { <PublicationItem p refresh/> }).collect_view()}
                    </ol>
                }.into_sync_any()
            }}
        </section>
    }
}

/// Date, journal and text: the new-publication form and each edit.
#[component]
fn PublicationFields(on: RwSignal<String>, journal: RwSignal<String>, text: RwSignal<String>, err: Signal<Option<crate::model::AppError>>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="form-row">
            <label class="field">
                <span>{t!(i18n, publications.date)}</span>
                <input type="date" required bind:value=on aria-invalid=invalid(err, "on")/>
                <FieldError field="on" error=err/>
            </label>
            <label class="field">
                <span>{t!(i18n, publications.journal)}</span>
                <input type="text" maxlength=JOURNAL_MAX.to_string() placeholder="DJE-SP" bind:value=journal aria-invalid=invalid(err, "journal")/>
                <FieldError field="journal" error=err/>
            </label>
        </div>
        <label class="field">
            <span>{t!(i18n, publications.text)}</span>
            <textarea rows="5" required bind:value=text aria-invalid=invalid(err, "text")></textarea>
            <FieldError field="text" error=err/>
        </label>
    }
}

#[component]
fn AddPublication(matter_id: String, today: String, refresh: Callback<()>, added: RwSignal<bool>) -> impl IntoView {
    let i18n = use_i18n();
    let on = RwSignal::new(today);
    let journal = RwSignal::new(String::new());
    let text = RwSignal::new(String::new());
    let add = Action::new(move |input: &PublicationInput| add_publication(matter_id.clone(), input.clone()));
    Effect::new(move |_| {
        if let Some(Ok(_)) = add.value().get() {
            text.set(String::new());
            added.set(true);
            refresh.run(());
        }
    });
    let err = action_error(add.value());
    view! {
        <section class="card section" aria-labelledby="add-publication-h">
            <h2 class="card-title" id="add-publication-h">{t!(i18n, publications.add_title)}</h2>
            <form class="form" on:submit=move |ev| {
                ev.prevent_default();
                added.set(false);
                add.dispatch(PublicationInput { on: on.get(), journal: journal.get(), text: text.get() });
            }>
                <FormError error=err fields=&["on", "journal", "text"]/>
                <PublicationFields on journal text err/>
                <div class="form-actions">
                    <button class="btn btn-primary" type="submit" disabled=move || add.pending().get()>{t!(i18n, publications.add)}</button>
                </div>
                <Show when=move || added.get()><p class="notice" role="status">{t!(i18n, publications.added)}</p></Show>
            </form>
        </section>
    }
}

/// One publication: its review state and toggle; manual ones edit in place.
#[component]
fn PublicationItem(p: Publication, refresh: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let editing = RwSignal::new(false);
    let on = RwSignal::new(p.published_on.clone());
    let journal = RwSignal::new(p.journal.clone());
    let text = RwSignal::new(p.text.clone());
    let (id_save, id_del, id_rev) = (p.id.clone(), p.id.clone(), p.id.clone());
    let save = Action::new(move |input: &PublicationInput| update_publication(id_save.clone(), input.clone()));
    let delete = Action::new(move |_: &()| delete_publication(id_del.clone()));
    let review = Action::new(move |v: &bool| set_publication_reviewed(id_rev.clone(), *v));
    Effect::new(move |_| {
        if matches!(save.value().get(), Some(Ok(_))) || matches!(delete.value().get(), Some(Ok(_))) || matches!(review.value().get(), Some(Ok(_))) {
            editing.set(false);
            refresh.run(());
        }
    });
    let err = Signal::derive(move || {
        save.value().get().and_then(|r| r.err()).or_else(|| delete.value().get().and_then(|r| r.err())).or_else(|| review.value().get().and_then(|r| r.err()))
    });
    let manual = p.source == PublicationSource::Manual;
    let reviewed = p.reviewed_at.is_some();
    let date = p.published_on.clone();
    let short = p.text.chars().take(60).collect::<String>();
    let review_label = short.clone();
    view! {
        <li class="movement publication" class:publication-waiting=!reviewed>
            <div class="movement-head">
                <time class="movement-date" datetime=p.published_on.clone()>{move || fmt_date(i18n.get_locale(), &date)}</time>
                {(!p.journal.is_empty()).then(|| view! { <span class="badge">{p.journal.clone()}</span> })}
                <span class="muted small">{move || if manual { t_string!(i18n, publications.source_manual) } else { t_string!(i18n, publications.source_import) }}</span>
                {match (p.reviewed_at, p.reviewed_by.clone()) {
                    (Some(at), by) => view! {
                        <span class="badge badge-status-active">{move || {
                            let when = fmt_time(i18n.get_locale(), at);
                            match by.clone() {
                                Some(name) => t_string!(i18n, publications.reviewed_by, name = name, at = when).to_string(),
                                None => t_string!(i18n, publications.reviewed_at, at = when).to_string(),
                            }
                        }}</span>
                    }.into_sync_any(),
                    (None, _) => view! { <span class="badge badge-status-on_hold">{t!(i18n, publications.not_reviewed)}</span> }.into_sync_any(),
                }}
            </div>
            <Show when=move || !editing.get() fallback=move || view! {
                <form class="form" on:submit=move |ev| {
                    ev.prevent_default();
                    save.dispatch(PublicationInput { on: on.get(), journal: journal.get(), text: text.get() });
                }>
                    <PublicationFields on journal text err/>
                    <div class="form-actions">
                        <button class="btn btn-primary btn-sm" type="submit">{t!(i18n, common.save)}</button>
                        <button class="btn btn-ghost btn-sm" type="button" on:click=move |_| editing.set(false)>{t!(i18n, common.cancel)}</button>
                    </div>
                </form>
            }>
                <p class="movement-text publication-text">{p.text.clone()}</p>
            </Show>
            <FormError error=err fields=&["on", "journal", "text"]/>
            <Show when=move || !editing.get()>
                <div class="movement-actions">
                    {
                        let label = review_label.clone();
                        view! {
                            <button class=if reviewed { "btn btn-ghost btn-sm" } else { "btn btn-secondary btn-sm" } type="button"
                                disabled=move || review.pending().get()
                                aria-label=move || format!("{} — {}", if reviewed { t_string!(i18n, publications.unreview) } else { t_string!(i18n, publications.review) }, label)
                                on:click=move |_| { review.dispatch(!reviewed); }>
                                {move || if reviewed { t_string!(i18n, publications.unreview) } else { t_string!(i18n, publications.review) }}
                            </button>
                        }
                    }
                    {manual.then(|| view! {
                        <button class="btn btn-ghost btn-sm" type="button" on:click=move |_| editing.set(true)>{t!(i18n, common.edit)}</button>
                        <button class="btn btn-ghost btn-sm btn-danger" type="button" on:click=move |_| {
                            #[cfg(feature = "hydrate")]
                            let ok = window().confirm_with_message(&t_string!(i18n, publications.confirm_delete)).unwrap_or(false);
                            #[cfg(not(feature = "hydrate"))]
                            let ok = false;
                            if ok { delete.dispatch(()); }
                        }>{t!(i18n, common.delete)}</button>
                    })}
                </div>
            </Show>
        </li>
    }
}
