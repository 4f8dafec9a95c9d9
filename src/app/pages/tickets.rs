//! Staff tickets: the inbox (filters, sort, pages, unread marks) and a ticket's page
//! (conversation, internal notes, status, task from ticket).
use crate::api::tickets::*;
use crate::app::components::forms::{FieldError, FormError, action_error};
use crate::app::components::text::{PageTitle, age, fmt_count, fmt_time, state_label};
use crate::app::components::upload::AttachmentList;
use crate::app::pages::portal_tickets::{MessageField, PriorityBadge, StateBadge};
use crate::i18n::*;
use crate::model::board::TaskInput;
use crate::model::ticket::*;
use leptos::prelude::*;
use crate::app::sync_view::IntoSyncAny;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// The workspace's ticket inbox.
#[component]
pub fn TicketsPage() -> impl IntoView {
    let i18n = use_i18n();
    let state = RwSignal::new(String::new());
    let priority = RwSignal::new(String::new());
    let client = RwSignal::new(String::new());
    let matter = RwSignal::new(String::new());
    let sort = RwSignal::new("age".to_string());
    let desc = RwSignal::new(true);
    let page = RwSignal::new(0i64);
    let query = Memo::new(move |_| InboxQuery {
        state: state.get(),
        priority: priority.get(),
        client_id: client.get(),
        matter_id: matter.get(),
        sort: sort.get(),
        desc: desc.get(),
        page: page.get(),
    });
    let inbox = Resource::new(move || query.get(), list_tickets);
    // The client and matter options load when a picker is first used, not with the page.
    let want_choices = RwSignal::new(false);
    let choices = Resource::new(move || want_choices.get(), |want| async move {
        if want { ticket_filter_choices().await } else { Ok(InboxFilterChoices::default()) }
    });
    let on_focus = move |_: web_sys::FocusEvent| want_choices.set(true);
    let on_pointer = move |_: web_sys::PointerEvent| want_choices.set(true);
    let me = Resource::new(|| (), |_| crate::api::auth::current_user());
    // Any filter change goes back to the first page.
    let reset = move || page.set(0);
    let select = move |sig: RwSignal<String>| move |ev| { sig.set(event_target_value(&ev)); reset(); };
    view! {
        <PageTitle text=|l| td_string!(l, tickets.title).to_string()/>
        <div class="page-header">
            <div>
                <h1 class="page-title">{t!(i18n, tickets.title)}</h1>
                <p class="subtitle">{t!(i18n, tickets.subtitle)}</p>
            </div>
        </div>
        <div class="toolbar inbox-filters" role="group" aria-label=move || t_string!(i18n, tickets.filters).to_string()>
            <div class="field">
                <label for="f-state">{t!(i18n, tickets.status)}</label>
                <select id="f-state" on:change=select(state)>
                    <option value="">{t!(i18n, tickets.any)}</option>
                    {TicketState::ALL.iter().map(|s| view! { <option value=s.as_str()>{move || state_label(i18n.get_locale(), *s)}</option> }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="f-priority">{t!(i18n, tickets.priority)}</label>
                <select id="f-priority" on:change=select(priority)>
                    <option value="">{t!(i18n, tickets.any)}</option>
                    {Priority::ALL.iter().map(|p| {
                        let p = *p;
                        view! { <option value=p.as_str()>{move || crate::app::components::text::priority_label(i18n.get_locale(), p)}</option> }
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="f-client">{t!(i18n, tickets.client)}</label>
                <select id="f-client" on:change=select(client) on:focus=on_focus on:pointerdown=on_pointer>
                    <option value="">{t!(i18n, tickets.any)}</option>
                    <Transition fallback=|| ()>
                        {move || Suspend::new(async move {
                            choices.await.unwrap_or_default().clients.into_iter().map(|c| view! { <option value=c.id.clone()>{c.label.clone()}</option> }).collect_view()
                        })}
                    </Transition>
                </select>
            </div>
            <div class="field">
                <label for="f-matter">{t!(i18n, tickets.matter)}</label>
                <select id="f-matter" on:change=select(matter) on:focus=on_focus on:pointerdown=on_pointer>
                    <option value="">{t!(i18n, tickets.any)}</option>
                    <Transition fallback=|| ()>
                        {move || Suspend::new(async move {
                            choices.await.unwrap_or_default().matters.into_iter().map(|m| view! { <option value=m.id.clone()>{m.label.clone()}</option> }).collect_view()
                        })}
                    </Transition>
                </select>
            </div>
            <div class="field">
                <label for="f-sort">{t!(i18n, tickets.sort)}</label>
                <select id="f-sort" on:change=select(sort)>
                    <option value="age">{t!(i18n, tickets.sort_age)}</option>
                    <option value="priority">{t!(i18n, tickets.sort_priority)}</option>
                    <option value="client">{t!(i18n, tickets.sort_client)}</option>
                    <option value="matter">{t!(i18n, tickets.sort_matter)}</option>
                    <option value="status">{t!(i18n, tickets.sort_status)}</option>
                </select>
            </div>
            <label class="checkbox">
                <input type="checkbox" prop:checked=move || desc.get() on:change=move |ev| { desc.set(event_target_checked(&ev)); reset(); }/>
                <span>{t!(i18n, tickets.desc)}</span>
            </label>
        </div>
        <Transition fallback=move || view! { <p class="loading">{t!(i18n, common.loading)}</p> }>
            {move || Suspend::new(async move {
                match inbox.await {
                    Ok(p) if p.rows.is_empty() => view! { <p class="empty">{t!(i18n, tickets.inbox_empty)}</p> }.into_sync_any(),
                    Ok(p) => view! { <InboxTable p page/> }.into_sync_any(),
                    Err(_) => view! { <p class="form-error" role="alert">{t!(i18n, errors.internal)}</p> }.into_sync_any(),
                }
            })}
        </Transition>
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                let admin = matches!(me.await, Ok(Some(m)) if m.role == crate::model::people::Role::Admin);
                let names = inbox.await.ok().map(|p| p.status_names);
                match (admin, names) {
                    (true, Some(names)) => view! { <StatusNamesForm names on_save=Callback::new(move |_| inbox.refetch())/> }.into_sync_any(),
                    _ => ().into_sync_any(),
                }
            })}
        </Transition>
    }
}

/// Admins rename the four ticket states of the workspace.
#[component]
fn StatusNamesForm(names: StatusNames, on_save: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let fields: Vec<(TicketState, RwSignal<String>)> = names.0.iter().map(|(s, n)| (*s, RwSignal::new(n.clone()))).collect();
    let values = fields.clone();
    let save = Action::new(|names: &Vec<String>| set_ticket_status_names(names.clone()));
    Effect::new(move |_| {
        if matches!(save.value().get(), Some(Ok(_))) {
            on_save.run(());
        }
    });
    let err = action_error(save.value());
    view! {
        <details class="card section status-names">
            <summary class="card-title">{t!(i18n, tickets.status_names)}</summary>
            <p class="muted">{t!(i18n, tickets.status_names_hint)}</p>
            <form class="form" on:submit=move |ev| { ev.prevent_default(); save.dispatch(values.iter().map(|(_, v)| v.get()).collect()); }>
                <FormError error=err/>
                <div class="field-row">
                    {fields.into_iter().enumerate().map(|(i, (s, v))| view! {
                        <label class="field">
                            <span>{move || state_label(i18n.get_locale(), s)}</span>
                            <input type="text" maxlength="40" required bind:value=v/>
                            <FieldError field=format!("names.{i}") error=err/>
                        </label>
                    }).collect_view()}
                </div>
                <div class="form-actions">
                    <button class="btn btn-secondary" type="submit" disabled=move || save.pending().get()>{t!(i18n, tickets.save_names)}</button>
                </div>
                {move || matches!(save.value().get(), Some(Ok(_))).then(|| view! { <p class="notice" role="status">{t!(i18n, tickets.saved)}</p> })}
            </form>
        </details>
    }
}


#[component]
fn InboxTable(p: InboxPage, page: RwSignal<i64>) -> impl IntoView {
    let i18n = use_i18n();
    let now = p.now;
    let from = p.page * p.per_page + 1;
    let to = (from + p.rows.len() as i64 - 1).max(from);
    let total = p.total;
    let more = p.total_is_lower_bound;
    let has_next = to < total;
    let has_prev = p.page > 0;
    view! {
        <table class="table card inbox">
            <thead><tr>
                <th scope="col">{t!(i18n, tickets.field_title)}</th>
                <th scope="col">{t!(i18n, tickets.priority)}</th>
                <th scope="col">{t!(i18n, tickets.client)}</th>
                <th scope="col">{t!(i18n, tickets.matter)}</th>
                <th scope="col">{t!(i18n, tickets.status)}</th>
                <th scope="col">{t!(i18n, tickets.age)}</th>
            </tr></thead>
            <tbody>
                {p.rows.into_iter().map(|r| {
                    let created = r.created_at;
                    view! {
                        <tr class=if r.unread { "unread" } else { "" }>
                            <td data-label=move || t_string!(i18n, tickets.field_title).to_string()>
                                {r.unread.then(|| view! { <span class="unread-dot" role="img" aria-label=move || t_string!(i18n, tickets.unread).to_string()></span> })}
                                <a href=format!("/tickets/{}", r.id)>{format!("#{} {}", r.number, r.title)}</a>
                            </td>
                            <td data-label=move || t_string!(i18n, tickets.priority).to_string()><PriorityBadge p=r.priority/></td>
                            <td data-label=move || t_string!(i18n, tickets.client).to_string()>{r.client_name.clone()}</td>
                            <td data-label=move || t_string!(i18n, tickets.matter).to_string()><a href=format!("/matters/{}", r.matter_id)>{r.matter_title.clone()}</a></td>
                            <td data-label=move || t_string!(i18n, tickets.status).to_string()><StateBadge state=r.state name=r.state_name.clone()/></td>
                            <td data-label=move || t_string!(i18n, tickets.age).to_string()>
                                <span title=move || fmt_time(i18n.get_locale(), created)>{move || age(i18n.get_locale(), created, now)}</span>
                            </td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
        <nav class="row pager" aria-label=move || t_string!(i18n, tickets.pages).to_string()>
            <span class="muted">{move || {
                let l = i18n.get_locale();
                let (from, to, total) = (fmt_count(l, from), fmt_count(l, to), fmt_count(l, total));
                if more {
                    td_string!(l, tickets.page_of_more, from = from, to = to, total = total).to_string()
                } else {
                    td_string!(l, tickets.page_of, from = from, to = to, total = total).to_string()
                }
            }}</span>
            <span class="spacer"></span>
            <button class="btn btn-secondary btn-sm" type="button" disabled={!has_prev} on:click=move |_| page.update(|p| *p -= 1)>{t!(i18n, tickets.prev)}</button>
            <button class="btn btn-secondary btn-sm" type="button" disabled={!has_next} on:click=move |_| page.update(|p| *p += 1)>{t!(i18n, tickets.next)}</button>
        </nav>
    }
}

/// A ticket's page for staff.
#[component]
pub fn TicketPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").unwrap_or_default()));
    let ticket = Resource::new(move || id.get(), get_ticket);
    view! {
        <Transition fallback=move || view! { <p class="loading">{t!(i18n, common.loading)}</p> }>
            {move || Suspend::new(async move {
                match ticket.await {
                    Ok(t) => view! { <TicketView t on_change=Callback::new(move |_| ticket.refetch())/> }.into_sync_any(),
                    Err(_) => view! {
                        <div class="empty">
                            <h1>{t!(i18n, errors.not_found)}</h1>
                            <a href="/tickets">{t!(i18n, tickets.back_inbox)}</a>
                        </div>
                    }.into_sync_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn TicketView(t: TicketDetail, on_change: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let id = t.row.id.clone();
    let body = RwSignal::new(String::new());
    let as_note = RwSignal::new(false);
    let rid = id.clone();
    let send = Action::new(move |(b, note): &(String, bool)| {
        let (id, b, note) = (rid.clone(), b.clone(), *note);
        async move { if note { add_ticket_note(id, b).await } else { reply_ticket(id, b).await } }
    });
    let sid = id.clone();
    let set_state = Action::new(move |s: &String| set_ticket_state(sid.clone(), s.clone()));
    let new_state = RwSignal::new(t.row.state.as_str().to_string());
    Effect::new(move |_| {
        if matches!(send.value().get(), Some(Ok(_))) {
            body.set(String::new());
            on_change.run(());
        }
        if matches!(set_state.value().get(), Some(Ok(_))) {
            on_change.run(());
        }
    });
    let err = action_error(send.value());
    let state_err = action_error(set_state.value());
    let closed = t.row.state == TicketState::Closed;
    let title = format!("#{} {}", t.row.number, t.row.title);
    let opened = t.row.created_at;
    let names = t.status_names.clone();
    view! {
        <Title text=title.clone()/>
        <div class="page-header">
            <div>
                <p class="muted"><a href="/tickets">{t!(i18n, nav.tickets)}</a></p>
                <h1 class="page-title">{title.clone()}</h1>
                <p class="matter-meta">
                    <StateBadge state=t.row.state name=t.row.state_name.clone()/>
                    <PriorityBadge p=t.row.priority/>
                    <span>{move || t_string!(i18n, tickets.opened, when = fmt_time(i18n.get_locale(), opened)).to_string()}</span>
                </p>
            </div>
        </div>
        <div class="grid-2 section">
            <section class="card" aria-labelledby="details-h">
                <h2 class="card-title" id="details-h">{t!(i18n, tickets.description)}</h2>
                <dl class="kv">
                    <dt>{t!(i18n, tickets.client)}</dt><dd>{format!("{} <{}>", t.row.client_name, t.client_email)}</dd>
                    <dt>{t!(i18n, tickets.matter)}</dt><dd><a href=format!("/matters/{}", t.row.matter_id)>{t.row.matter_title.clone()}</a></dd>
                </dl>
                <p class="description">{t.description.clone()}</p>
                <AttachmentList files=t.attachments.clone()/>
            </section>
            <section class="card stack" aria-labelledby="status-h">
                <h2 class="card-title" id="status-h">{t!(i18n, tickets.change_status)}</h2>
                <form class="row" on:submit=move |ev| { ev.prevent_default(); set_state.dispatch(new_state.get()); }>
                    <label class="field">
                        <span class="sr-only">{t!(i18n, tickets.status)}</span>
                        <select bind:value=new_state>
                            {names.0.iter().map(|(s, n)| view! { <option value=s.as_str()>{n.clone()}</option> }).collect_view()}
                        </select>
                    </label>
                    <button class="btn btn-secondary" type="submit">{t!(i18n, tickets.apply)}</button>
                    {(!closed).then(|| view! {
                        <button class="btn btn-ghost" type="button" on:click=move |_| { set_state.dispatch("closed".into()); }>{t!(i18n, tickets.close)}</button>
                    })}
                </form>
                <FormError error=state_err/>
                <TaskFromTicket t=t.clone() on_change/>
            </section>
        </div>
        <section class="card section" aria-labelledby="conv-h">
            <h2 class="card-title" id="conv-h">{t!(i18n, tickets.conversation)}</h2>
            <ol class="conversation">
                {t.events.into_iter().map(|e| {
                    let at = e.created_at;
                    let names = t.status_names.clone();
                    match (e.kind, e.state) {
                        (EventKind::Status, Some(s)) => view! {
                            <li class="event event-status">
                                <span>{move || t_string!(i18n, tickets.status_changed, status = names.name(s)).to_string()}</span>
                                <span class="muted small">{move || format!("{} · {}", e.author, fmt_time(i18n.get_locale(), at))}</span>
                            </li>
                        }.into_sync_any(),
                        (kind, _) => view! {
                            <li class=match (kind, e.from_client) { (EventKind::Note, _) => "event event-note", (_, true) => "event event-client", _ => "event event-mine" }>
                                <p class="event-head">
                                    <strong>{e.author.clone()}</strong>" "
                                    {(kind == EventKind::Note).then(|| view! { <span class="badge badge-private">{t!(i18n, tickets.note)}</span> })}
                                    " "<span class="muted small">{move || fmt_time(i18n.get_locale(), at)}</span>
                                </p>
                                <p class="description">{e.body.clone()}</p>
                            </li>
                        }.into_sync_any(),
                    }
                }).collect_view()}
            </ol>
            <form class="form" on:submit=move |ev| { ev.prevent_default(); send.dispatch((body.get(), as_note.get())); }>
                <FormError error=err fields=&["body"]/>
                <fieldset class="field">
                    <legend class="sr-only">{t!(i18n, tickets.reply)}</legend>
                    <div class="checks">
                        <label class="checkbox"><input type="radio" name="mode" prop:checked=move || !as_note.get() on:change=move |_| as_note.set(false)/><span>{t!(i18n, tickets.mode_reply)}</span></label>
                        <label class="checkbox"><input type="radio" name="mode" prop:checked=move || as_note.get() on:change=move |_| as_note.set(true)/><span>{t!(i18n, tickets.mode_note)}</span></label>
                    </div>
                </fieldset>
                <MessageField body error=err/>
                <div class="form-actions">
                    <button class="btn btn-primary" type="submit" disabled=move || send.pending().get()>{t!(i18n, tickets.send)}</button>
                </div>
            </form>
        </section>
    }
}

/// The linked task, or the form that makes one (column of the matter, public flag).
#[component]
fn TaskFromTicket(t: TicketDetail, on_change: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    if let Some((task_id, title, column)) = t.task.clone() {
        let href = format!("/matters/{}#task-{task_id}", t.row.matter_id);
        return view! {
            <p><a href=href>{move || t_string!(i18n, tickets.task_linked, title = title.clone(), column = column.clone()).to_string()}</a></p>
        }
        .into_sync_any();
    }
    let column = RwSignal::new(String::new());
    let title = RwSignal::new(t.row.title.clone());
    let public = RwSignal::new(true);
    let id = t.row.id.clone();
    let description = t.description.clone();
    let make = Action::new(move |(c, title, public): &(String, String, bool)| {
        let input = TaskInput { title: title.clone(), description: description.clone(), due_on: String::new(), assignee_id: String::new(), is_public: *public };
        create_task_from_ticket(id.clone(), c.clone(), input)
    });
    Effect::new(move |_| {
        if matches!(make.value().get(), Some(Ok(_))) {
            on_change.run(());
        }
    });
    let err = action_error(make.value());
    view! {
        <form class="form task-from-ticket" on:submit=move |ev| { ev.prevent_default(); make.dispatch((column.get(), title.get(), public.get())); }>
            <h3>{t!(i18n, tickets.make_task)}</h3>
            <FormError error=err fields=&["column_id", "title"]/>
            <label class="field">
                <span>{t!(i18n, tickets.field_title)}</span>
                <input type="text" bind:value=title required maxlength="200"/>
                <FieldError field="title" error=err/>
            </label>
            <label class="field">
                <span>{t!(i18n, tickets.column)}</span>
                <select bind:value=column required>
                    <option value="">"—"</option>
                    {t.columns.iter().map(|(id, name)| view! { <option value=id.clone()>{name.clone()}</option> }).collect_view()}
                </select>
                <FieldError field="column_id" error=err/>
            </label>
            <label class="checkbox">
                <input type="checkbox" bind:checked=public/>
                <span>{t!(i18n, tickets.public)}</span>
            </label>
            <div class="form-actions">
                <button class="btn btn-secondary" type="submit" disabled=move || make.pending().get()>{t!(i18n, tickets.create_task)}</button>
            </div>
        </form>
    }
    .into_sync_any()
}
