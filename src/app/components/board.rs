//! The staff Kanban: columns of task cards. Cards move by dragging (mouse, pen or
//! touch on the grip) or, from the keyboard, with each card's actions menu.
use super::forms::{FieldError, FormError, action_error, invalid};
use super::text::fmt_date;
use crate::api::board::*;
use crate::i18n::*;
use crate::model::board::{Board, Column, Task, TaskInput};
use crate::model::AppError;
use leptos::ev;
use leptos::prelude::*;
use crate::app::sync_view::IntoSyncAny;
use wasm_bindgen::JsCast;

/// A card being dragged: where it started and where it would land.
#[derive(Clone, Debug, PartialEq)]
struct Drag {
    task_id: String,
    start: (i32, i32),
    offset: (i32, i32),
    active: bool,
    over: Option<(String, usize)>,
}

/// Everything a card or column needs to change the board.
#[derive(Clone, Copy)]
struct BoardCtx {
    board: Resource<Result<Board, AppError>>,
    drag: RwSignal<Option<Drag>>,
    editing: RwSignal<Option<Task>>,
    move_task: Action<(String, String, i64), Result<(), AppError>>,
    error: RwSignal<Option<AppError>>,
}

/// The board of `matter_id`; the page owns the `board` resource (made during hydration).
#[component]
pub fn BoardView(matter_id: String, board: Resource<Result<Board, AppError>>) -> impl IntoView {
    let i18n = use_i18n();
    let drag = RwSignal::new(None::<Drag>);
    let editing = RwSignal::new(None::<Task>);
    let error = RwSignal::new(None::<AppError>);
    let move_task = Action::new(|(t, c, i): &(String, String, i64)| {
        let (t, c, i) = (t.clone(), c.clone(), *i);
        async move { move_task(t, c, i).await }
    });
    Effect::new(move |_| {
        if let Some(r) = move_task.value().get() {
            error.set(r.err());
            board.refetch();
        }
    });
    let ctx = BoardCtx { board, drag, editing, move_task, error };
    provide_context(ctx);
    install_drag_listeners(ctx);
    let add_column = Action::new(move |name: &String| add_column(matter_id.clone(), name.clone()));
    let new_column = RwSignal::new(String::new());
    Effect::new(move |_| {
        if let Some(Ok(_)) = add_column.value().get() {
            new_column.set(String::new());
            board.refetch();
        }
    });
    let add_col_err = action_error(add_column.value());
    view! {
        <FormError error=error.into()/>
        <Transition fallback=move || view! { <p class="loading">{t!(i18n, common.loading)}</p> }>
            {move || Suspend::new(async move {
                match board.await {
                    Ok(b) => {
                        let all_columns: Vec<(String, String)> = b.columns.iter().map(|c| (c.id.clone(), c.name.clone())).collect();
                        let assignees = b.assignees.clone();
                        let cols = b.columns.into_iter().enumerate().map(|(i, c)| {
                            view! { <ColumnView column=c index=i all_columns=all_columns.clone()/> }
                        }).collect_view();
                        view! {
                            <div class="board" role="list" aria-label=move || t_string!(i18n, board.title).to_string()>
                                {cols}
                                <div class="column add-column" role="listitem">
                                    <form class="stack" on:submit=move |ev| { ev.prevent_default(); add_column.dispatch(new_column.get()); }>
                                        <label class="field">
                                            <span>{t!(i18n, board.new_column)}</span>
                                            <input type="text" bind:value=new_column aria-invalid=invalid(add_col_err, "name")/>
                                        </label>
                                        <FieldError field="name" error=add_col_err/>
                                        <button class="btn btn-secondary btn-sm" type="submit">{t!(i18n, board.add_column)}</button>
                                    </form>
                                </div>
                            </div>
                            <TaskDialog assignees/>
                        }.into_sync_any()
                    }
                    Err(_) => view! { <p class="form-error" role="alert">{t!(i18n, errors.internal)}</p> }.into_sync_any(),
                }
            })}
        </Transition>
    }
}

/// Window-level pointer listeners that carry a drag across columns.
fn install_drag_listeners(ctx: BoardCtx) {
    let BoardCtx { drag, move_task, .. } = ctx;
    let on_move = window_event_listener(ev::pointermove, move |e| {
        let Some(mut d) = drag.get_untracked() else { return };
        let (x, y) = (e.client_x(), e.client_y());
        d.offset = (x - d.start.0, y - d.start.1);
        if !d.active && d.offset.0.abs() + d.offset.1.abs() < 6 {
            return;
        }
        d.active = true;
        e.prevent_default();
        d.over = drop_target(x, y, &d.task_id);
        drag.set(Some(d));
    });
    let on_up = window_event_listener(ev::pointerup, move |_| {
        let Some(d) = drag.get_untracked() else { return };
        drag.set(None);
        if let (true, Some((col, idx))) = (d.active, d.over) {
            move_task.dispatch((d.task_id, col, idx as i64));
        }
    });
    let on_cancel = window_event_listener(ev::pointercancel, move |_| drag.set(None));
    on_cleanup(move || {
        on_move.remove();
        on_up.remove();
        on_cancel.remove();
    });
}

/// The column and index under the pointer, ignoring the card being dragged.
fn drop_target(x: i32, y: i32, dragged: &str) -> Option<(String, usize)> {
    let el = document().element_from_point(x as f32, y as f32)?;
    let col = el.closest("[data-column-id]").ok()??;
    let col_id = col.get_attribute("data-column-id")?;
    let cards = col.query_selector_all("[data-task-id]").ok()?;
    let mut index = 0;
    for i in 0..cards.length() {
        let Some(card) = cards.item(i).and_then(|n| n.dyn_into::<web_sys::Element>().ok()) else { continue };
        if card.get_attribute("data-task-id").as_deref() == Some(dragged) {
            continue;
        }
        let r = card.get_bounding_client_rect();
        if (y as f64) > r.top() + r.height() / 2.0 {
            index += 1;
        }
    }
    Some((col_id, index))
}

#[component]
fn ColumnView(column: Column, index: usize, all_columns: Vec<(String, String)>) -> impl IntoView {
    let _ = ();
    let ctx = expect_context::<BoardCtx>();
    let col_id = column.id.clone();
    let count = column.tasks.len();
    let n_columns = all_columns.len();
    let id_for_class = col_id.clone();
    let id_for_end = col_id.clone();
    let class = move || {
        let over = ctx.drag.with(|d| d.as_ref().filter(|d| d.active).and_then(|d| d.over.clone()));
        match over {
            Some((c, i)) if c == id_for_class && i >= count_without_dragged(&ctx, &id_for_end, count) => "column drop-target drop-end",
            Some((c, _)) if c == id_for_class => "column drop-target",
            _ => "column",
        }
    };
    let tasks = column.tasks.clone();
    let cards = tasks
        .iter()
        .cloned()
        .enumerate()
        .map(|(i, t)| view! { <TaskCard task=t index=i column_index=index all_columns=all_columns.clone() column_len=count/> })
        .collect_view();
    let heading_id = format!("col-{}", column.id);
    view! {
        <section class=class role="listitem" data-column-id=col_id.clone() aria-labelledby=heading_id.clone()>
            <ColumnHeader column=column.clone() index=index n_columns=n_columns heading_id=heading_id.clone() count/>
            <ul class="column-tasks">{cards}</ul>
            <AddTask column_id=col_id.clone()/>
        </section>
    }
}

/// Tasks of a column other than the one being dragged.
fn count_without_dragged(ctx: &BoardCtx, col_id: &str, count: usize) -> usize {
    let dragged_here = ctx.drag.with(|d| {
        d.as_ref().map(|d| {
            ctx.board.get().and_then(|b| b.ok()).map(|b| {
                b.columns.iter().any(|c| c.id == col_id && c.tasks.iter().any(|t| t.id == d.task_id))
            }) == Some(true)
        })
    });
    if dragged_here == Some(true) { count.saturating_sub(1) } else { count }
}

#[component]
fn ColumnHeader(column: Column, index: usize, n_columns: usize, heading_id: String, count: usize) -> impl IntoView {
    let i18n = use_i18n();
    let ctx = expect_context::<BoardCtx>();
    let name = RwSignal::new(column.name.clone());
    let id = column.id.clone();
    let (id2, id3, id4) = (id.clone(), id.clone(), id.clone());
    let rename = Action::new(move |n: &String| rename_column(id2.clone(), n.clone()));
    let reorder = Action::new(move |i: &i64| move_column(id3.clone(), *i));
    let remove = Action::new(move |_: &()| delete_column(id4.clone()));
    Effect::new(move |_| {
        let results = [
            rename.value().get().map(|r| r.err()),
            reorder.value().get().map(|r| r.err()),
            remove.value().get().map(|r| r.err()),
        ];
        if results.iter().any(|r| r.is_some()) {
            ctx.error.set(results.into_iter().flatten().flatten().next());
            ctx.board.refetch();
        }
    });
    let rename_err = action_error(rename.value());
    let title = column.name.clone();
    view! {
        <header class="column-header">
            <h3 class="column-name" id=heading_id>{title.clone()}</h3>
            <span class="count" aria-label=move || format!("{count} {}", t_string!(i18n, board.tasks))>{count}</span>
            <span class="spacer"></span>
            <details class="task-actions">
                <summary class="icon-btn" aria-label=move || format!("{} {}", t_string!(i18n, board.column_actions), title)>"⋯"</summary>
                <div class="stack">
                    <form class="row" on:submit=move |ev| { ev.prevent_default(); rename.dispatch(name.get()); }>
                        <label class="sr-only" for=format!("rename-{id}")>{t!(i18n, board.column_name)}</label>
                        <input id=format!("rename-{id}") type="text" bind:value=name aria-invalid=invalid(rename_err, "name")/>
                        <button class="btn btn-secondary btn-sm" type="submit">{t!(i18n, common.save)}</button>
                    </form>
                    <FieldError field="name" error=rename_err/>
                    <div class="row">
                        <button class="btn btn-ghost btn-sm" type="button" disabled={index == 0}
                            on:click=move |_| { reorder.dispatch(index as i64 - 1); }>{t!(i18n, board.move_left)}</button>
                        <button class="btn btn-ghost btn-sm" type="button" disabled={index + 1 >= n_columns}
                            on:click=move |_| { reorder.dispatch(index as i64 + 1); }>{t!(i18n, board.move_right)}</button>
                        <button class="btn btn-ghost btn-sm" type="button"
                            on:click=move |_| { remove.dispatch(()); }>{t!(i18n, board.delete_column)}</button>
                    </div>
                </div>
            </details>
        </header>
    }
}

#[component]
fn TaskCard(task: Task, index: usize, column_index: usize, all_columns: Vec<(String, String)>, column_len: usize) -> impl IntoView {
    let i18n = use_i18n();
    let ctx = expect_context::<BoardCtx>();
    let tid = task.id.clone();
    let (t1, t2, t3) = (tid.clone(), tid.clone(), tid.clone());
    let column_id = task.column_id.clone();
    let col_for_class = column_id.clone();
    let class = move || {
        ctx.drag.with(|d| match d {
            Some(d) if d.active && d.task_id == t1 => "task-card dragging",
            Some(Drag { active: true, over: Some((c, i)), task_id, .. }) => {
                // `i` counts cards other than the dragged one.
                let dragged_before = ctx
                    .board
                    .get()
                    .and_then(|b| b.ok())
                    .and_then(|b| b.columns.into_iter().find(|c| c.id == col_for_class))
                    .map(|c| c.tasks.iter().take(index).any(|t| &t.id == task_id))
                    .unwrap_or(false);
                let my_index = if dragged_before { index.saturating_sub(1) } else { index };
                if *c == col_for_class && *i == my_index { "task-card drop-before" } else { "task-card" }
            }
            _ => "task-card",
        })
    };
    let style = move || {
        ctx.drag.with(|d| match d {
            Some(d) if d.active && d.task_id == t2 => format!("transform:translate({}px,{}px)", d.offset.0, d.offset.1),
            _ => String::new(),
        })
    };
    let on_down = move |e: ev::PointerEvent| {
        if e.button() != 0 {
            return;
        }
        let on_handle = e
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|el| el.closest(".drag-handle").ok().flatten())
            .is_some();
        let on_control = e
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|el| el.closest("select, input, textarea, .task-actions, a").ok().flatten())
            .is_some();
        if on_control || (e.pointer_type() == "touch" && !on_handle) {
            return;
        }
        ctx.drag.set(Some(Drag { task_id: t3.clone(), start: (e.client_x(), e.client_y()), offset: (0, 0), active: false, over: None }));
    };
    let move_to = {
        let tid = tid.clone();
        move |col: String, idx: i64| ctx.move_task.dispatch((tid.clone(), col, idx))
    };
    // The menu's controls are built when it is first opened: a board of hundreds of
    // cards does not send (or hydrate) hundreds of closed menus.
    let menu_open = RwSignal::new(false);
    let on_toggle = move |ev: ev::Event| {
        let open = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()).is_some_and(|e| e.has_attribute("open"));
        menu_open.set(open);
    };
    let menu = move || {
        let (mt_up, mt_down, mt_col) = (move_to.clone(), move_to.clone(), move_to.clone());
        let (col_up, col_down) = (column_id.clone(), column_id.clone());
        let options = all_columns
            .iter()
            .enumerate()
            .map(|(i, (id, name))| view! { <option value=id.clone() selected={i == column_index}>{name.clone()}</option> })
            .collect_view();
        view! {
            <div class="stack">
                <label class="field">
                    <span>{t!(i18n, board.move_to)}</span>
                    <select on:change=move |ev| { mt_col(event_target_value(&ev), 10_000); }>{options}</select>
                </label>
                <div class="row">
                    <button class="btn btn-ghost btn-sm" type="button" disabled={index == 0}
                        on:click=move |_| { mt_up(col_up.clone(), index as i64 - 1); }>{t!(i18n, board.move_up)}</button>
                    <button class="btn btn-ghost btn-sm" type="button" disabled={index + 1 >= column_len}
                        on:click=move |_| { mt_down(col_down.clone(), index as i64 + 1); }>{t!(i18n, board.move_down)}</button>
                </div>
            </div>
        }
    };
    let edit_task = task.clone();
    let due = task.due_on.clone();
    let title = task.title.clone();
    let title2 = task.title.clone();
    view! {
        <li class=class style=style data-task-id=tid.clone() on:pointerdown=on_down>
            <div class="row">
                <button class="drag-handle icon-btn" type="button" tabindex="-1" aria-hidden="true">"⠿"</button>
                <button class="btn-ghost task-title" type="button" on:click=move |_| ctx.editing.set(Some(edit_task.clone()))>
                    {title.clone()}
                </button>
            </div>
            <div class="task-meta">
                {task.is_public.then(|| view! { <span class="badge badge-public">{t!(i18n, board.public)}</span> })}
                {due.map(|d| view! { <span>{move || fmt_date(i18n.get_locale(), &d)}</span> })}
                {task.assignee_name.clone().map(|n| view! { <span>{n}</span> })}
                {task.ticket.clone().map(|(id, n)| view! { <a class="task-ticket" href=format!("/tickets/{id}")>{format!("Ticket #{n}")}</a> })}
                <span class="spacer"></span>
                <details class="task-actions" on:toggle=on_toggle>
                    <summary class="icon-btn" aria-label=move || format!("{} {}", t_string!(i18n, board.task_actions), title2)>"⋯"</summary>
                    {move || menu_open.get().then(menu.clone())}
                </details>
            </div>
        </li>
    }
}

#[component]
fn AddTask(column_id: String) -> impl IntoView {
    let i18n = use_i18n();
    let ctx = expect_context::<BoardCtx>();
    let title = RwSignal::new(String::new());
    let cid = column_id.clone();
    let create = Action::new(move |t: &String| {
        let input = TaskInput { title: t.clone(), ..Default::default() };
        create_task(cid.clone(), input)
    });
    Effect::new(move |_| {
        if let Some(Ok(_)) = create.value().get() {
            title.set(String::new());
            ctx.board.refetch();
        }
    });
    let err = action_error(create.value());
    let input_id = format!("add-{column_id}");
    view! {
        <form class="add-task" on:submit=move |ev| { ev.prevent_default(); create.dispatch(title.get()); }>
            <label class="sr-only" for=input_id.clone()>{t!(i18n, board.new_task)}</label>
            <input id=input_id type="text" bind:value=title placeholder=move || t_string!(i18n, board.new_task).to_string()
                aria-invalid=invalid(err, "title")/>
            <button class="btn btn-secondary btn-sm" type="submit">{t!(i18n, board.add_task)}</button>
            <FieldError field="title" error=err/>
        </form>
    }
}

/// The edit dialog of the task in `BoardCtx::editing`.
#[component]
fn TaskDialog(assignees: Vec<(String, String)>) -> impl IntoView {
    let i18n = use_i18n();
    let ctx = expect_context::<BoardCtx>();
    let title = RwSignal::new(String::new());
    let description = RwSignal::new(String::new());
    let due_on = RwSignal::new(String::new());
    let assignee = RwSignal::new(String::new());
    let public = RwSignal::new(false);
    Effect::new(move |_| {
        if let Some(t) = ctx.editing.get() {
            title.set(t.title);
            description.set(t.description);
            due_on.set(t.due_on.unwrap_or_default());
            assignee.set(t.assignee_id.unwrap_or_default());
            public.set(t.is_public);
        }
    });
    let save = Action::new(move |(id, input): &(String, TaskInput)| update_task(id.clone(), input.clone()));
    let remove = Action::new(move |id: &String| delete_task(id.clone()));
    Effect::new(move |_| {
        let saved = matches!(save.value().get(), Some(Ok(_)));
        let removed = matches!(remove.value().get(), Some(Ok(_)));
        if saved || removed {
            save.value().set(None);
            remove.value().set(None);
            ctx.editing.set(None);
            ctx.board.refetch();
        }
    });
    let err = Signal::derive(move || {
        save.value().get().and_then(|r| r.err()).or_else(|| remove.value().get().and_then(|r| r.err()))
    });
    let close = move || {
        save.value().set(None);
        ctx.editing.set(None);
    };
    let opts = assignees;
    move || {
        ctx.editing.get().map(|task| {
            let id = task.id.clone();
            let id2 = task.id.clone();
            let options = opts
                .iter()
                .map(|(id, name)| view! { <option value=id.clone() selected={task.assignee_id.as_deref() == Some(id.as_str())}>{name.clone()}</option> })
                .collect_view();
            view! {
                <div class="dialog-backdrop" on:keydown=move |e| if e.key() == "Escape" { close() }>
                    <div class="dialog" role="dialog" aria-modal="true" aria-labelledby="task-dialog-title">
                        <div class="dialog-header">
                            <h2 id="task-dialog-title">{t!(i18n, board.edit_task)}</h2>
                            <button class="icon-btn" type="button" aria-label=move || t_string!(i18n, common.close).to_string() on:click=move |_| close()>"✕"</button>
                        </div>
                        <form class="form" on:submit=move |ev| {
                            ev.prevent_default();
                            let input = TaskInput { title: title.get(), description: description.get(), due_on: due_on.get(), assignee_id: assignee.get(), is_public: public.get() };
                            save.dispatch((id.clone(), input));
                        }>
                            <FormError error=err fields=&["title", "description", "due_on", "assignee_id"]/>
                            <label class="field">
                                <span>{t!(i18n, board.task_title)}</span>
                                <input type="text" bind:value=title aria-invalid=invalid(err, "title") autofocus/>
                                <FieldError field="title" error=err/>
                            </label>
                            <label class="field">
                                <span>{t!(i18n, board.task_description)}</span>
                                <textarea rows="4" bind:value=description></textarea>
                                <FieldError field="description" error=err/>
                            </label>
                            <div class="field-row">
                                <label class="field">
                                    <span>{t!(i18n, board.due_on)}</span>
                                    <input type="date" bind:value=due_on aria-invalid=invalid(err, "due_on")/>
                                    <FieldError field="due_on" error=err/>
                                </label>
                                <label class="field">
                                    <span>{t!(i18n, board.assignee)}</span>
                                    <select bind:value=assignee>
                                        <option value="">{t!(i18n, board.nobody)}</option>
                                        {options}
                                    </select>
                                    <FieldError field="assignee_id" error=err/>
                                </label>
                            </div>
                            <label class="checkbox">
                                <input type="checkbox" bind:checked=public/>
                                <span>{t!(i18n, board.public_task)}</span>
                            </label>
                            <p class="hint muted">{t!(i18n, board.public_hint)}</p>
                            <div class="dialog-actions">
                                <button class="btn btn-danger" type="button" on:click=move |_| { remove.dispatch(id2.clone()); }>{t!(i18n, common.delete)}</button>
                                <span class="spacer"></span>
                                <button class="btn btn-secondary" type="button" on:click=move |_| close()>{t!(i18n, common.cancel)}</button>
                                <button class="btn btn-primary" type="submit">{t!(i18n, common.save)}</button>
                            </div>
                        </form>
                    </div>
                </div>
            }
        })
    }
}
