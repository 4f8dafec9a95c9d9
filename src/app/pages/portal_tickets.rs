//! The client's tickets: the list and form on a shared matter, "my tickets", and a
//! ticket's page with its status history and conversation. Read-only in preview.
use crate::api::tickets::{create_ticket, get_my_ticket, list_my_tickets, reply_my_ticket};
use crate::app::components::draft::{self, TicketDraft};
use crate::app::components::forms::{FieldError, FormError, action_error, invalid};
use crate::app::components::portal_layout::PortalCtx;
use crate::app::components::text::{PageTitle, fmt_time, priority_label};
use crate::app::components::upload::{AttachmentList, UploadProgress, UploadState};
use crate::i18n::*;
use crate::model::ticket::*;
use crate::model::AppError;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

fn ctx() -> PortalCtx {
    use_context::<PortalCtx>().unwrap_or(PortalCtx { preview: String::new(), base: "/portal".into() })
}

/// The priority as a coloured badge.
#[component]
pub fn PriorityBadge(p: Priority) -> impl IntoView {
    let i18n = use_i18n();
    view! { <span class=format!("badge badge-priority-{}", p.as_str())>{move || priority_label(i18n.get_locale(), p)}</span> }
}

/// The state as a badge with the workspace's name.
#[component]
pub fn StateBadge(state: TicketState, #[prop(into)] name: String) -> impl IntoView {
    view! { <span class=format!("badge badge-state-{}", state.as_str())>{name}</span> }
}

/// The message box of a ticket's conversation (client replies, staff replies and notes).
#[component]
pub fn MessageField(body: RwSignal<String>, error: Signal<Option<AppError>>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <label class="field">
            <span>{t!(i18n, tickets.reply_label)}</span>
            <textarea name="body" rows="3" bind:value=body aria-invalid=invalid(error, "body") aria-describedby="body-error"></textarea>
            <FieldError field="body" error/>
        </label>
    }
}

/// What the new-ticket form says about a draft kept on this device.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum DraftNote {
    /// Just kept: submitted without a connection.
    Kept,
    /// Found on the device when the page opened.
    Restored,
}

/// A list of the client's tickets.
#[component]
fn TicketList(rows: Vec<ClientTicketRow>, show_matter: bool) -> impl IntoView {
    let i18n = use_i18n();
    let c = ctx();
    if rows.is_empty() {
        return view! { <p class="muted">{t!(i18n, tickets.empty)}</p> }.into_any();
    }
    view! {
        <ul class="ticket-list">
            {rows.into_iter().map(|r| {
                let when = r.created_at;
                view! {
                    <li>
                        <a class="ticket-item card" href=c.path(&format!("/tickets/{}", r.id))>
                            <span class="ticket-title">{format!("#{} {}", r.number, r.title)}</span>
                            <span class="matter-meta">
                                <StateBadge state=r.state name=r.state_name.clone()/>
                                <PriorityBadge p=r.priority/>
                                {show_matter.then(|| view! { <span>{r.matter_title.clone()}</span> })}
                                <span>{move || t_string!(i18n, tickets.opened, when = fmt_time(i18n.get_locale(), when)).to_string()}</span>
                            </span>
                        </a>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
    .into_any()
}

/// The tickets card of a shared matter: the client's tickets and the new-ticket form.
#[component]
pub fn MatterTickets(matter_id: String, tickets: Resource<Result<Vec<ClientTicketRow>, AppError>>) -> impl IntoView {
    let i18n = use_i18n();
    let c = ctx();
    let preview = c.preview.clone();
    let read_only = !preview.is_empty();
    let open = RwSignal::new(false);
    let title = RwSignal::new(String::new());
    let priority = RwSignal::new("normal".to_string());
    let description = RwSignal::new(String::new());
    let mid = matter_id.clone();
    let create = Action::new(move |input: &TicketInput| create_ticket(mid.clone(), input.clone(), preview.clone()));
    // A ticket typed without a connection is kept on the device and offered again.
    let note = RwSignal::new(None::<DraftNote>);
    let draft_of = StoredValue::new(matter_id.clone());
    Effect::new(move |_| {
        if let Some(d) = (!read_only).then(|| draft_of.with_value(|m| draft::load(m))).flatten() {
            title.set(d.title);
            priority.set(d.priority);
            description.set(d.description);
            open.set(true);
            note.set(Some(DraftNote::Restored));
        }
    });
    let file_input = NodeRef::<leptos::html::Input>::new();
    let uploads = RwSignal::new(Vec::<UploadState>::new());
    #[cfg(feature = "hydrate")]
    let picked = StoredValue::new_local(Vec::<web_sys::File>::new());
    Effect::new(move |_| {
        if let Some(Ok(ticket_id)) = create.value().get() {
            draft_of.with_value(|m| draft::remove(m));
            note.set(None);
            title.set(String::new());
            description.set(String::new());
            open.set(false);
            #[cfg(feature = "hydrate")]
            {
                let files = picked.get_value();
                picked.set_value(vec![]);
                if !files.is_empty() {
                    let all_done = Callback::new(move |_| {
                        tickets.refetch();
                        uploads.update(|u| u.retain(|s| s.error.is_some()));
                    });
                    crate::app::components::upload::upload_all(ticket_id, files, uploads, all_done);
                    return;
                }
            }
            let _ = ticket_id;
            tickets.refetch();
        }
    });
    let err = action_error(create.value());
    view! {
        <section class="card section" aria-labelledby="tickets-h">
            <div class="card-header">
                <h2 class="card-title" id="tickets-h">{t!(i18n, nav.tickets)}</h2>
                <span class="spacer"></span>
                // In a staff preview the button is there, as the client sees it, but inert.
                <button class="btn btn-primary btn-sm" type="button" aria-expanded=move || open.get().to_string() aria-controls="ticket-form"
                    disabled=read_only on:click=move |_| open.update(|o| *o = !*o)>{t!(i18n, tickets.new)}</button>
            </div>
            <Show when=move || open.get()>
                <form id="ticket-form" class="form ticket-form" data-offline-draft="" on:submit=move |ev| {
                    ev.prevent_default();
                    if !draft::online() {
                        let d = TicketDraft { title: title.get(), priority: priority.get(), description: description.get() };
                        if draft_of.with_value(|m| draft::save(m, &d)) {
                            note.set(Some(DraftNote::Kept));
                        }
                        return;
                    }
                    #[cfg(feature = "hydrate")]
                    {
                        let mut files = vec![];
                        if let Some(list) = file_input.get().and_then(|i| i.files()) {
                            for i in 0..list.length() {
                                if let Some(f) = list.get(i) {
                                    files.push(f);
                                }
                            }
                        }
                        picked.set_value(files);
                    }
                    create.dispatch(TicketInput { title: title.get(), priority: priority.get(), description: description.get() });
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
                        <input type="file" name="files" multiple node_ref=file_input aria-describedby="attach-hint"
                            accept=".pdf,.png,.jpg,.jpeg,.gif,.webp,.txt,.csv,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.odt,.ods,.odp,.rtf,.zip,image/*,application/pdf,text/plain"/>
                        <span class="hint" id="attach-hint">{t!(i18n, tickets.attach_hint)}</span>
                    </label>
                    <div class="form-actions">
                        <button class="btn btn-primary" type="submit" disabled=move || create.pending().get()>{t!(i18n, tickets.submit)}</button>
                    </div>
                </form>
            </Show>
            <UploadProgress uploads/>
            <Transition fallback=move || view! { <p class="loading">{t!(i18n, common.loading)}</p> }>
                {move || Suspend::new(async move {
                    let rows = tickets.await.unwrap_or_default();
                    view! { <TicketList rows show_matter=false/> }
                })}
            </Transition>
        </section>
    }
}

/// "My tickets": every ticket of the client, newest first.
#[component]
pub fn PortalTicketsPage() -> impl IntoView {
    let i18n = use_i18n();
    let c = ctx();
    let rows = Resource::new(move || c.preview.clone(), |p| list_my_tickets(String::new(), p));
    view! {
        <PageTitle text=|l| td_string!(l, tickets.my_title).to_string()/>
        <div class="page-header">
            <div>
                <h1 class="page-title">{t!(i18n, tickets.my_title)}</h1>
                <p class="subtitle">{t!(i18n, tickets.my_intro)}</p>
            </div>
        </div>
        <Transition fallback=move || view! { <p class="loading">{t!(i18n, common.loading)}</p> }>
            {move || Suspend::new(async move {
                let rows = rows.await.unwrap_or_default();
                view! { <TicketList rows show_matter=true/> }
            })}
        </Transition>
    }
}

/// One of the client's tickets: details, status history, conversation, reply.
#[component]
pub fn PortalTicketPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let c = ctx();
    let preview = c.preview.clone();
    let id = Memo::new(move |_| params.with(|p| p.get("id").unwrap_or_default()));
    let ticket = Resource::new(move || (id.get(), preview.clone()), |(id, p)| get_my_ticket(id, p));
    view! {
        <Transition fallback=move || view! { <p class="loading">{t!(i18n, common.loading)}</p> }>
            {move || {
                let c = c.clone();
                Suspend::new(async move {
                    match ticket.await {
                        Ok(t) => view! { <ClientTicketView t c on_change=Callback::new(move |_| ticket.refetch())/> }.into_any(),
                        Err(_) => view! {
                            <div class="empty">
                                <crate::app::NotFoundStatus/>
                                <h1>{t!(i18n, errors.not_found)}</h1>
                                <a href=c.path("/tickets")>{t!(i18n, nav.my_tickets)}</a>
                            </div>
                        }.into_any(),
                    }
                })
            }}
        </Transition>
    }
}

#[component]
fn ClientTicketView(t: ClientTicket, c: PortalCtx, on_change: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let body = RwSignal::new(String::new());
    let id = t.row.id.clone();
    let preview = c.preview.clone();
    let send = Action::new(move |b: &String| reply_my_ticket(id.clone(), b.clone(), preview.clone()));
    Effect::new(move |_| {
        if let Some(Ok(_)) = send.value().get() {
            body.set(String::new());
            on_change.run(());
        }
    });
    let err = action_error(send.value());
    let closed = t.row.state == TicketState::Closed;
    let read_only = !c.preview.is_empty();
    let title = format!("#{} {}", t.row.number, t.row.title);
    let opened = t.row.created_at;
    view! {
        <Title text=title.clone()/>
        <div class="page-header">
            <div>
                <p class="muted"><a href=c.path("/tickets")>{t!(i18n, nav.my_tickets)}</a>" · "
                    <a href=c.path(&format!("/m/{}", t.row.matter_id))>{t.row.matter_title.clone()}</a></p>
                <h1 class="page-title">{title.clone()}</h1>
                <p class="matter-meta">
                    <StateBadge state=t.row.state name=t.row.state_name.clone()/>
                    <PriorityBadge p=t.row.priority/>
                    <span>{move || t_string!(i18n, tickets.opened, when = fmt_time(i18n.get_locale(), opened)).to_string()}</span>
                </p>
            </div>
        </div>
        {(!t.description.is_empty() || !t.attachments.is_empty()).then(|| view! {
            <section class="card section">
                <p class="description">{t.description.clone()}</p>
                <AttachmentList files=t.attachments.clone()/>
            </section>
        })}
        <section class="card section" aria-labelledby="conv-h">
            <h2 class="card-title" id="conv-h">{t!(i18n, tickets.conversation)}</h2>
            <ol class="conversation">
                {t.events.into_iter().map(|e| {
                    let at = e.created_at;
                    match e.state_name.clone() {
                        Some(s) => view! {
                            <li class="event event-status">
                                <span>{move || t_string!(i18n, tickets.status_changed, status = s.clone()).to_string()}</span>
                                <span class="muted small">{move || fmt_time(i18n.get_locale(), at)}</span>
                            </li>
                        }.into_any(),
                        None => view! {
                            <li class=if e.from_client { "event event-mine" } else { "event event-firm" }>
                                <p class="event-head"><strong>{e.author.clone()}</strong>" "<span class="muted small">{move || fmt_time(i18n.get_locale(), at)}</span></p>
                                <p class="description">{e.body.clone()}</p>
                            </li>
                        }.into_any(),
                    }
                }).collect_view()}
            </ol>
            {if closed {
                view! { <p class="muted">{t!(i18n, tickets.closed_note)}</p> }.into_any()
            } else if read_only {
                ().into_any()
            } else {
                view! {
                    <form class="form" on:submit=move |ev| { ev.prevent_default(); send.dispatch(body.get()); }>
                        <FormError error=err fields=&["body"]/>
                        <MessageField body error=err/>
                        <div class="form-actions">
                            <button class="btn btn-primary" type="submit" disabled=move || send.pending().get()>{t!(i18n, tickets.send)}</button>
                        </div>
                    </form>
                }.into_any()
            }}
        </section>
    }
}
