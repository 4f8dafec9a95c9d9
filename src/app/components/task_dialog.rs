//! The edit dialog of a board task. It opens on a click and is loaded then
//! (`#[lazy]`), so viewing a board does not download it.
use super::board::BoardCtx;
use super::forms::{FieldError, FormError, invalid};
use crate::api::board::{delete_task, update_task};
use crate::i18n::*;
use crate::model::board::{Task, TaskInput};
use leptos::lazy;
use leptos::prelude::*;

/// The dialog for `task` (the one in `BoardCtx::editing`), from its own wasm chunk.
#[lazy]
pub(super) fn task_dialog(ctx: BoardCtx, task: Task, assignees: Vec<(String, String)>) -> AnyView {
    view! { <TaskDialog ctx task assignees/> }.into_any()
}

#[component]
fn TaskDialog(ctx: BoardCtx, task: Task, assignees: Vec<(String, String)>) -> impl IntoView {
    let i18n = use_i18n();
    let title = RwSignal::new(task.title.clone());
    let description = RwSignal::new(task.description.clone());
    let due_on = RwSignal::new(task.due_on.clone().unwrap_or_default());
    let assignee = RwSignal::new(task.assignee_id.clone().unwrap_or_default());
    let public = RwSignal::new(task.is_public);
    let save = Action::new(move |(id, input): &(String, TaskInput)| update_task(id.clone(), input.clone()));
    let remove = Action::new(move |id: &String| delete_task(id.clone()));
    Effect::new(move |_| {
        let saved = matches!(save.value().get(), Some(Ok(_)));
        let removed = matches!(remove.value().get(), Some(Ok(_)));
        if saved || removed {
            ctx.editing.set(None);
            ctx.board.refetch();
        }
    });
    let err = Signal::derive(move || {
        save.value().get().and_then(|r| r.err()).or_else(|| remove.value().get().and_then(|r| r.err()))
    });
    let close = move || ctx.editing.set(None);
    let id = task.id.clone();
    let id2 = task.id.clone();
    let options = assignees
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
}
