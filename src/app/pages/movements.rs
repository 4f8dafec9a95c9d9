//! A matter's movements ("andamentos"): the court's, imported, and the firm's own,
//! newest first. Staff record, edit and delete the manual ones.
use crate::api::movements::{add_movement, delete_movement, list_movements, sync_movements, update_movement};
use crate::app::components::forms::{FieldError, FormError, action_error, invalid};
use crate::app::components::matter_tabs::{MatterNotFound, MatterSectionHead, MatterTab};
use crate::app::components::text::{error_text, fmt_moment, fmt_time};
use crate::i18n::*;
use crate::model::movement::{MatterMovements, Movement, MovementInput, MovementSource, SyncStatus};
use leptos::prelude::*;
use crate::app::sync_view::IntoSyncAny;
use leptos_router::hooks::use_params_map;

/// The movements page of a matter.
#[component]
pub fn MovementsPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").unwrap_or_default()));
    let list = Resource::new(move || id.get(), list_movements);
    let refresh = Callback::new(move |_| list.refetch());
    // Kept outside the list's suspense, which renders again when the list reloads.
    let added = RwSignal::new(false);
    view! {
        <Transition fallback=move || view! { <p class="loading">{t!(i18n, common.loading)}</p> }>
            {move || Suspend::new(async move {
                match list.await {
                    Ok(m) => view! { <MovementsView m refresh added/> }.into_sync_any(),
                    Err(_) => view! { <MatterNotFound/> }.into_sync_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn MovementsView(m: MatterMovements, refresh: Callback<()>, added: RwSignal<bool>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <MatterSectionHead id=m.matter_id.clone() title=m.title.clone() reference=m.reference.clone() current=MatterTab::Movements/>
        {(m.can_sync || m.sync.is_some()).then(|| view! { <SyncCard matter_id=m.matter_id.clone() can_sync=m.can_sync sync=m.sync.clone() refresh/> })}
        <AddMovement matter_id=m.matter_id.clone() today=m.today.clone() refresh added/>
        <section class="card section" aria-labelledby="movements-h">
            <h2 class="card-title" id="movements-h">{t!(i18n, movements.title)}</h2>
            {if m.items.is_empty() {
                view! { <p class="muted">{t!(i18n, movements.empty)}</p> }.into_sync_any()
            } else {
                view! {
                    <ol class="movements" aria-label=move || t_string!(i18n, movements.list_label).to_string()>
                        {m.items.into_iter().map(|mv| view! { <MovementItem mv refresh/> }).collect_view()}
                    </ol>
                }.into_sync_any()
            }}
        </section>
    }
}

/// The form that records a manual movement; `added` says the last one was recorded.
#[component]
fn AddMovement(matter_id: String, today: String, refresh: Callback<()>, added: RwSignal<bool>) -> impl IntoView {
    let i18n = use_i18n();
    let on = RwSignal::new(today);
    let text = RwSignal::new(String::new());
    let add = Action::new(move |input: &MovementInput| add_movement(matter_id.clone(), input.clone()));
    Effect::new(move |_| {
        if let Some(Ok(_)) = add.value().get() {
            text.set(String::new());
            added.set(true);
            refresh.run(());
        }
    });
    let err = action_error(add.value());
    view! {
        <section class="card section" aria-labelledby="add-movement-h">
            <h2 class="card-title" id="add-movement-h">{t!(i18n, movements.add_title)}</h2>
            <form class="form" on:submit=move |ev| {
                ev.prevent_default();
                added.set(false);
                add.dispatch(MovementInput { on: on.get(), text: text.get() });
            }>
                <FormError error=err fields=&["on", "text"]/>
                <label class="field">
                    <span>{t!(i18n, movements.date)}</span>
                    <input type="date" name="on" required bind:value=on aria-invalid=invalid(err, "on")/>
                    <FieldError field="on" error=err/>
                </label>
                <label class="field">
                    <span>{t!(i18n, movements.text)}</span>
                    <textarea name="text" rows="3" required bind:value=text aria-invalid=invalid(err, "text")></textarea>
                    <FieldError field="text" error=err/>
                </label>
                <div class="form-actions">
                    <button class="btn btn-primary" type="submit" disabled=move || add.pending().get()>{t!(i18n, movements.add)}</button>
                </div>
                <Show when=move || added.get()><p class="notice" role="status">{t!(i18n, movements.added)}</p></Show>
            </form>
        </section>
    }
}

fn source_label(l: Locale, s: MovementSource) -> String {
    match s {
        MovementSource::Manual => td_string!(l, movements.source_manual),
        MovementSource::DataJud => td_string!(l, movements.source_datajud),
        MovementSource::Import => td_string!(l, movements.source_import),
    }
    .to_string()
}

/// One movement; the manual ones can be edited in place and deleted.
#[component]
fn MovementItem(mv: Movement, refresh: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let editing = RwSignal::new(false);
    let on = RwSignal::new(mv.occurred_at.get(..10).unwrap_or_default().to_string());
    let text = RwSignal::new(mv.text.clone());
    let (id_save, id_del) = (mv.id.clone(), mv.id.clone());
    let save = Action::new(move |input: &MovementInput| update_movement(id_save.clone(), input.clone()));
    let delete = Action::new(move |_: &()| delete_movement(id_del.clone()));
    Effect::new(move |_| {
        if matches!(save.value().get(), Some(Ok(_))) || matches!(delete.value().get(), Some(Ok(_))) {
            editing.set(false);
            refresh.run(());
        }
    });
    let err = Signal::derive(move || save.value().get().and_then(|r| r.err()).or_else(|| delete.value().get().and_then(|r| r.err())));
    let manual = mv.source == MovementSource::Manual;
    let source = mv.source;
    let at = mv.occurred_at.clone();
    let edit_id = format!("movement-edit-{}", mv.id);
    view! {
        <li class="movement">
            <div class="movement-head">
                <time class="movement-date" datetime=mv.occurred_at.clone()>{move || fmt_moment(i18n.get_locale(), &at)}</time>
                <span class="badge">{move || source_label(i18n.get_locale(), source)}</span>
                {mv.author.clone().map(|a| view! { <span class="muted small">{move || t_string!(i18n, movements.by, name = a.clone()).to_string()}</span> })}
            </div>
            <Show when=move || !editing.get() fallback=move || {
                let edit_id = edit_id.clone();
                view! {
                    <form class="form" id=edit_id on:submit=move |ev| { ev.prevent_default(); save.dispatch(MovementInput { on: on.get(), text: text.get() }); }>
                        <label class="field">
                            <span>{t!(i18n, movements.date)}</span>
                            <input type="date" required bind:value=on aria-invalid=invalid(err, "on")/>
                            <FieldError field="on" error=err/>
                        </label>
                        <label class="field">
                            <span>{t!(i18n, movements.text)}</span>
                            <textarea rows="3" required bind:value=text aria-invalid=invalid(err, "text")></textarea>
                            <FieldError field="text" error=err/>
                        </label>
                        <div class="form-actions">
                            <button class="btn btn-primary btn-sm" type="submit">{t!(i18n, common.save)}</button>
                            <button class="btn btn-ghost btn-sm" type="button" on:click=move |_| editing.set(false)>{t!(i18n, common.cancel)}</button>
                        </div>
                    </form>
                }
            }>
                <p class="movement-text">{mv.text.clone()}</p>
            </Show>
            {mv.explanation.clone().map(|e| view! {
                <p class="movement-meaning"><strong>{t!(i18n, movements.meaning)}</strong>" "{e}</p>
            })}
            <FormError error=err fields=&["on", "text"]/>
            {manual.then(|| view! {
                <Show when=move || !editing.get()>
                    <div class="movement-actions">
                        <button class="btn btn-ghost btn-sm" type="button" on:click=move |_| editing.set(true)>{t!(i18n, common.edit)}</button>
                        <button class="btn btn-ghost btn-sm btn-danger" type="button" on:click=move |_| {
                            let ok = window().confirm_with_message(&t_string!(i18n, movements.confirm_delete)).unwrap_or(false);
                            if ok { delete.dispatch(()); }
                        }>{t!(i18n, common.delete)}</button>
                    </div>
                </Show>
            })}
        </li>
    }
}

/// The matter's last DataJud sync and, when the sync is on, "Atualizar agora".
#[component]
fn SyncCard(matter_id: String, can_sync: bool, sync: Option<SyncStatus>, refresh: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let run = Action::new(move |_: &()| sync_movements(matter_id.clone()));
    Effect::new(move |_| {
        if let Some(Ok(_)) = run.value().get() {
            refresh.run(());
        }
    });
    let err = action_error(run.value());
    let status = move || {
        let l = i18n.get_locale();
        match &sync {
            None => view! { <p class="muted">{t!(i18n, movements.sync_never)}</p> }.into_sync_any(),
            Some(s) if s.status == "ok" => {
                let text = td_string!(l, movements.sync_ok, at = fmt_time(l, s.at), count = s.added).to_string();
                view! { <p class="notice" role="status">{text}</p> }.into_sync_any()
            }
            Some(s) => {
                let head = td_string!(l, movements.sync_failed, at = fmt_time(l, s.at)).to_string();
                view! { <p class="form-error">{head}" "{error_text(l, &s.status)}</p> }.into_sync_any()
            }
        }
    };
    view! {
        <section class="card section" aria-labelledby="sync-h">
            <div class="row">
                <h2 class="card-title" id="sync-h">{t!(i18n, movements.sync_title)}</h2>
                {can_sync.then(|| view! {
                    <button class="btn btn-secondary btn-sm" type="button" disabled=move || run.pending().get()
                        on:click=move |_| { run.dispatch(()); }>
                        {move || if run.pending().get() { t_string!(i18n, movements.syncing) } else { t_string!(i18n, movements.sync_now) }}
                    </button>
                })}
            </div>
            <p class="muted small">{t!(i18n, movements.sync_hint)}</p>
            {status}
            <FormError error=err/>
        </section>
    }
}
