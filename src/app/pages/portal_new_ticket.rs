//! A new ticket on a shared matter: its own page (the matter's page loads no app
//! code). Typed without a connection, the ticket is kept on the device as a draft
//! and offered again; sent, the client goes back to the matter's tickets.
use crate::api::portal::portal_home;
use crate::api::tickets::create_ticket;
use crate::app::components::draft;
use crate::app::components::forms::{FieldError, FormError, action_error, invalid};
use crate::app::components::text::{PageTitle, priority_label};
use crate::app::components::upload::{UploadProgress, UploadState, human_size};
use crate::app::pages::auth::go;
use crate::i18n::*;
use crate::model::ticket::*;
use leptos::prelude::*;
use crate::app::sync_view::IntoSyncAny;
use leptos_router::hooks::use_params_map;

/// What the new-ticket form says about a draft kept on this device.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum DraftNote {
    /// Just kept: submitted without a connection.
    Kept,
    /// Found on the device when the page opened.
    Restored,
}

/// The new-ticket page of the shared matter in the path (not found when the matter
/// is not shared with this client).
#[component]
pub fn PortalNewTicketPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").unwrap_or_default()));
    let home = Resource::new(|| (), |_| portal_home(String::new()));
    view! {
        <PageTitle text=|l| td_string!(l, tickets.new).to_string()/>
        <Transition fallback=move || view! { <p class="loading">{t!(i18n, common.loading)}</p> }>
            {move || Suspend::new(async move {
                let id = id.get_untracked();
                let found = home.await.ok().and_then(|h| {
                    let limits = h.upload_limits;
                    h.firms.into_iter().find_map(|f| {
                        let name = f.name;
                        f.matters.into_iter().find(|m| m.id == id).map(|m| (name, m.title, limits))
                    })
                });
                match found {
                    Some((firm, title, limits)) => view! { <NewTicket matter_id=id firm title limits/> }.into_sync_any(),
                    None => view! {
                        <div class="empty">
                            <crate::app::NotFoundStatus/>
                            <h1>{t!(i18n, errors.not_found)}</h1>
                            <a href="/portal">{t!(i18n, nav.back_home)}</a>
                        </div>
                    }.into_sync_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn NewTicket(matter_id: String, firm: String, title: String, limits: UploadLimits) -> impl IntoView {
    let i18n = use_i18n();
    let back = format!("/portal/m/{matter_id}");
    let matter_title = title;
    let title = RwSignal::new(String::new());
    let priority = RwSignal::new("normal".to_string());
    let description = RwSignal::new(String::new());
    let mid = matter_id.clone();
    let create = Action::new(move |input: &TicketInput| create_ticket(mid.clone(), input.clone(), String::new()));
    // A ticket typed without a connection is kept on the device and offered again.
    let note = RwSignal::new(None::<DraftNote>);
    let draft_of = StoredValue::new(matter_id.clone());
    Effect::new(move |_| {
        if let Some(d) = draft_of.with_value(|m| draft::load(m)) {
            title.set(d.title);
            priority.set(d.priority);
            description.set(d.description);
            note.set(Some(DraftNote::Restored));
        }
    });
    let file_input = NodeRef::<leptos::html::Input>::new();
    let uploads = RwSignal::new(Vec::<UploadState>::new());
    #[cfg(feature = "hydrate")]
    let picked = StoredValue::new_local(Vec::<web_sys::File>::new());
    // Files over a limit are named as soon as they are chosen, and the ticket is not
    // sent with them: nothing is uploaded only to be refused.
    let over = RwSignal::new(None::<OverLimit>);
    let check_files = move || {
        #[cfg(feature = "hydrate")]
        {
            over.set(limits.check(chosen(file_input).iter().map(|f| (f.name(), f.size() as u64))));
        }
    };
    let done_url = back.clone();
    Effect::new(move |_| {
        if let Some(Ok(ticket_id)) = create.value().get() {
            draft_of.with_value(|m| draft::remove(m));
            note.set(None);
            let done_url = done_url.clone();
            #[cfg(feature = "hydrate")]
            {
                let files = picked.get_value();
                picked.set_value(vec![]);
                if !files.is_empty() {
                    let url = done_url.clone();
                    let all_done = Callback::new(move |_| {
                        // Failed uploads stay listed here; otherwise back to the matter.
                        if uploads.with_untracked(|u| u.iter().all(|s| s.error.is_none())) {
                            go(&url);
                        }
                    });
                    crate::app::components::upload::upload_all(format!("/files/tickets/{ticket_id}?"), files, Some(limits.file), uploads, all_done);
                    return;
                }
            }
            let _ = ticket_id;
            go(&done_url);
        }
    });
    let err = action_error(create.value());
    // Named with its matter, as the offline page lists it among the saved pages.
    let page_title = matter_title.clone();
    view! {
        <leptos_meta::Title text=move || format!("{} — {}", t_string!(i18n, tickets.new), page_title)/>
        <div class="page-header">
            <div>
                <p class="muted"><a href=back.clone()>{matter_title.clone()}</a>" · "{firm}</p>
                <h1 class="page-title">{t!(i18n, tickets.new)}</h1>
            </div>
        </div>
        <form id="ticket-form" class="form ticket-form card section" data-offline-draft=matter_id.clone() on:submit=move |ev| {
            ev.prevent_default();
            check_files();
            if over.get_untracked().is_some() {
                if let Some(i) = file_input.get_untracked() {
                    let _ = i.focus();
                }
                return;
            }
            let input = TicketInput { title: title.get(), priority: priority.get(), description: description.get() };
            if !draft::online() {
                if draft_of.with_value(|m| draft::save(m, &input)) {
                    note.set(Some(DraftNote::Kept));
                }
                return;
            }
            #[cfg(feature = "hydrate")]
            picked.set_value(chosen(file_input));
            create.dispatch(input);
        }>
            <p class="muted">{t!(i18n, tickets.new_intro)}</p>
            {move || note.get().map(|n| view! {
                <div class="notice" role="status">
                    <p>{match n {
                        DraftNote::Kept => t_string!(i18n, offline.draft_kept),
                        DraftNote::Restored => t_string!(i18n, offline.draft_restored),
                    }}</p>
                    <p class="hint">{t!(i18n, offline.draft_files)}</p>
                </div>
            })}
            <FormError error=err fields=&["title", "priority", "description"]/>
            <label class="field">
                <span>{t!(i18n, tickets.field_title)}</span>
                <input type="text" name="title" maxlength="200" required bind:value=title
                    aria-invalid=invalid(err, "title") aria-describedby="title-error"/>
                <FieldError field="title" error=err/>
            </label>
            <label class="field">
                <span>{t!(i18n, tickets.priority)}</span>
                <select name="priority" bind:value=priority>
                    {Priority::ALL.iter().map(|p| {
                        let p = *p;
                        view! { <option value=p.as_str()>{move || priority_label(i18n.get_locale(), p)}</option> }
                    }).collect_view()}
                </select>
                <FieldError field="priority" error=err/>
            </label>
            <label class="field">
                <span>{t!(i18n, tickets.description)}</span>
                <textarea name="description" rows="4" bind:value=description></textarea>
                <FieldError field="description" error=err/>
            </label>
            <label class="field">
                <span>{t!(i18n, tickets.attach)}</span>
                <input type="file" name="files" multiple node_ref=file_input aria-describedby="attach-hint attach-error"
                    aria-invalid=move || if over.get().is_some() { "true" } else { "false" }
                    on:change=move |_| check_files()
                    accept=".pdf,.png,.jpg,.jpeg,.gif,.webp,.txt,.csv,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.odt,.ods,.odp,.rtf,.zip,image/*,application/pdf,text/plain"/>
                <span class="hint" id="attach-hint">{move || {
                    let (file, ticket) = (human_size(limits.file as i64), human_size(limits.ticket as i64));
                    t_string!(i18n, tickets.attach_hint, file = file, ticket = ticket).to_string()
                }}</span>
                {move || over.get().map(|o| {
                    let text = match o {
                        OverLimit::File(name) => t_string!(i18n, tickets.file_over_limit, name = name, max = human_size(limits.file as i64)).to_string(),
                        OverLimit::Ticket => t_string!(i18n, tickets.files_over_total, max = human_size(limits.ticket as i64)).to_string(),
                    };
                    view! { <span class="field-error" id="attach-error" role="alert">{text}</span> }
                })}
            </label>
            <div class="form-actions">
                <button class="btn btn-primary" type="submit" disabled=move || create.pending().get()>{t!(i18n, tickets.submit)}</button>
            </div>
        </form>
        <UploadProgress uploads/>
        <p><a href=back>{t!(i18n, tickets.cancel_new)}</a></p>
    }
}

/// The files picked in the form's file input.
#[cfg(feature = "hydrate")]
fn chosen(input: NodeRef<leptos::html::Input>) -> Vec<web_sys::File> {
    let list = input.get_untracked().and_then(|i| i.files());
    list.map(|l| (0..l.length()).filter_map(|i| l.get(i)).collect()).unwrap_or_default()
}
