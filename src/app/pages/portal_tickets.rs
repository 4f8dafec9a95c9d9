//! The client's tickets: the list and form on a shared matter, "my tickets", and a
//! ticket's page with its status history and conversation. Read-only in preview.
use crate::api::tickets::{get_my_ticket, list_my_tickets, reply_my_ticket};
use crate::app::components::forms::{FieldError, FormError, action_error, invalid};
use crate::app::components::portal_layout::PortalCtx;
use crate::app::components::text::{PageTitle, fmt_time, priority_label};
use crate::app::components::upload::AttachmentList;
use crate::i18n::*;
use crate::model::ticket::*;
use crate::model::AppError;
use leptos::prelude::*;
use crate::app::sync_view::IntoSyncAny;
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

/// A list of the client's tickets.
#[component]
fn TicketList(rows: Vec<ClientTicketRow>, show_matter: bool) -> impl IntoView {
    let i18n = use_i18n();
    let c = ctx();
    if rows.is_empty() {
        return view! { <p class="muted">{t!(i18n, tickets.empty)}</p> }.into_sync_any();
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
    .into_sync_any()
}

/// The tickets card of a shared matter: the client's tickets and the way to a new
/// one (its own page, which loads the app; this page needs none).
#[component]
pub fn MatterTickets(matter_id: String, tickets: Resource<Result<Vec<ClientTicketRow>, AppError>>) -> impl IntoView {
    let i18n = use_i18n();
    let c = ctx();
    let read_only = !c.preview.is_empty();
    view! {
        <section class="card section" aria-labelledby="tickets-h">
            <div class="card-header">
                <h2 class="card-title" id="tickets-h">{t!(i18n, nav.tickets)}</h2>
                <span class="spacer"></span>
                // In a staff preview the button is there, as the client sees it, but inert.
                {if read_only {
                    view! { <button class="btn btn-primary btn-sm" type="button" disabled=true>{t!(i18n, tickets.new)}</button> }.into_sync_any()
                } else {
                    view! { <a class="btn btn-primary btn-sm" href=c.path(&format!("/m/{matter_id}/new-ticket"))>{t!(i18n, tickets.new)}</a> }.into_sync_any()
                }}
            </div>
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
                        Ok(t) => view! { <ClientTicketView t c on_change=Callback::new(move |_| ticket.refetch())/> }.into_sync_any(),
                        Err(_) => view! {
                            <div class="empty">
                                <crate::app::NotFoundStatus/>
                                <h1>{t!(i18n, errors.not_found)}</h1>
                                <a href=c.path("/tickets")>{t!(i18n, nav.my_tickets)}</a>
                            </div>
                        }.into_sync_any(),
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
                        }.into_sync_any(),
                        None => view! {
                            <li class=if e.from_client { "event event-mine" } else { "event event-firm" }>
                                <p class="event-head"><strong>{e.author.clone()}</strong>" "<span class="muted small">{move || fmt_time(i18n.get_locale(), at)}</span></p>
                                <p class="description">{e.body.clone()}</p>
                            </li>
                        }.into_sync_any(),
                    }
                }).collect_view()}
            </ol>
            {if closed {
                view! { <p class="muted">{t!(i18n, tickets.closed_note)}</p> }.into_sync_any()
            } else if read_only {
                ().into_sync_any()
            } else {
                view! {
                    <form class="form" on:submit=move |ev| { ev.prevent_default(); send.dispatch(body.get()); }>
                        <FormError error=err fields=&["body"]/>
                        <MessageField body error=err/>
                        <div class="form-actions">
                            <button class="btn btn-primary" type="submit" disabled=move || send.pending().get()>{t!(i18n, tickets.send)}</button>
                        </div>
                    </form>
                }.into_sync_any()
            }}
        </section>
    }
}
