//! The glossary: phrases of court movements and what they mean, in words a client
//! understands. The portal shows the explanation beside matching movements.
use crate::api::movements::{add_glossary_entry, delete_glossary_entry, list_glossary, update_glossary_entry};
use crate::app::components::forms::{FieldError, FormError, action_error, invalid};
use crate::app::components::text::PageTitle;
use crate::i18n::*;
use crate::model::movement::{GlossaryEntry, GlossaryInput};
use leptos::prelude::*;
use crate::app::sync_view::IntoSyncAny;

/// The glossary page (staff).
#[component]
pub fn GlossaryPage() -> impl IntoView {
    let i18n = use_i18n();
    let entries = Resource::new(|| (), |_| list_glossary());
    let refresh = Callback::new(move |_| entries.refetch());
    view! {
        <PageTitle text=|l| td_string!(l, glossary.title).to_string()/>
        <div class="page-header">
            <div>
                <h1 class="page-title">{t!(i18n, glossary.title)}</h1>
                <p class="subtitle">{t!(i18n, glossary.subtitle)}</p>
            </div>
        </div>
        <AddEntry refresh/>
        <Transition fallback=move || view! { <p class="loading">{t!(i18n, common.loading)}</p> }>
            {move || Suspend::new(async move {
                match entries.await {
                    Ok(list) => {
                        let n = list.len() as i64;
                        view! {
                            <section class="card section" aria-labelledby="glossary-h">
                                <h2 class="card-title" id="glossary-h">{move || t_string!(i18n, glossary.count, count = n).to_string()}</h2>
                                {if list.is_empty() {
                                    view! { <p class="muted">{t!(i18n, glossary.empty)}</p> }.into_sync_any()
                                } else {
                                    view! {
                                        <ul class="glossary-list">
                                            {list.into_iter().map(|e| view! { <EntryItem e refresh/> }).collect_view()}
                                        </ul>
                                    }.into_sync_any()
                                }}
                            </section>
                        }.into_sync_any()
                    }
                    Err(_) => view! { <p class="empty">{t!(i18n, errors.not_found)}</p> }.into_sync_any(),
                }
            })}
        </Transition>
    }
}

/// The phrase and explanation fields, shared by the new-entry form and each edit.
#[component]
fn EntryFields(phrase: RwSignal<String>, explanation: RwSignal<String>, err: Signal<Option<crate::model::AppError>>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <label class="field">
            <span>{t!(i18n, glossary.phrase)}</span>
            <input type="text" required maxlength="200" bind:value=phrase aria-invalid=invalid(err, "phrase")/>
            <FieldError field="phrase" error=err/>
        </label>
        <label class="field">
            <span>{t!(i18n, glossary.explanation)}</span>
            <textarea rows="2" required maxlength="1000" bind:value=explanation aria-invalid=invalid(err, "explanation")></textarea>
            <FieldError field="explanation" error=err/>
        </label>
    }
}

#[component]
fn AddEntry(refresh: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let phrase = RwSignal::new(String::new());
    let explanation = RwSignal::new(String::new());
    let add = Action::new(move |input: &GlossaryInput| add_glossary_entry(input.clone()));
    Effect::new(move |_| {
        if let Some(Ok(_)) = add.value().get() {
            phrase.set(String::new());
            explanation.set(String::new());
            refresh.run(());
        }
    });
    let err = action_error(add.value());
    view! {
        <section class="card section" aria-labelledby="glossary-add-h">
            <h2 class="card-title" id="glossary-add-h">{t!(i18n, glossary.add_title)}</h2>
            <form class="form" on:submit=move |ev| {
                ev.prevent_default();
                add.dispatch(GlossaryInput { phrase: phrase.get(), explanation: explanation.get() });
            }>
                <FormError error=err fields=&["phrase", "explanation"]/>
                <EntryFields phrase explanation err/>
                <div class="form-actions">
                    <button class="btn btn-primary" type="submit" disabled=move || add.pending().get()>{t!(i18n, glossary.add)}</button>
                </div>
            </form>
        </section>
    }
}

#[component]
fn EntryItem(e: GlossaryEntry, refresh: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let editing = RwSignal::new(false);
    let phrase = RwSignal::new(e.phrase.clone());
    let explanation = RwSignal::new(e.explanation.clone());
    let (id_save, id_del) = (e.id.clone(), e.id.clone());
    let save = Action::new(move |input: &GlossaryInput| update_glossary_entry(id_save.clone(), input.clone()));
    let delete = Action::new(move |_: &()| delete_glossary_entry(id_del.clone()));
    Effect::new(move |_| {
        if matches!(save.value().get(), Some(Ok(_))) || matches!(delete.value().get(), Some(Ok(_))) {
            editing.set(false);
            refresh.run(());
        }
    });
    let err = Signal::derive(move || save.value().get().and_then(|r| r.err()).or_else(|| delete.value().get().and_then(|r| r.err())));
    let shown = e.clone();
    view! {
        <li class="glossary-entry">
            <Show when=move || editing.get() fallback=move || view! {
                <span class="glossary-phrase">{shown.phrase.clone()}</span>
                <span>{shown.explanation.clone()}</span>
                <div class="movement-actions">
                    <button class="btn btn-ghost btn-sm" type="button" on:click=move |_| editing.set(true)
                        aria-label=format!("{} {}", t_string!(i18n, common.edit), shown.phrase)>{t!(i18n, common.edit)}</button>
                    <button class="btn btn-ghost btn-sm btn-danger" type="button" on:click=move |_| { delete.dispatch(()); }
                        aria-label=format!("{} {}", t_string!(i18n, common.delete), shown.phrase)>{t!(i18n, common.delete)}</button>
                </div>
            }>
                <form class="form" on:submit=move |ev| {
                    ev.prevent_default();
                    save.dispatch(GlossaryInput { phrase: phrase.get(), explanation: explanation.get() });
                }>
                    <EntryFields phrase explanation err/>
                    <div class="form-actions">
                        <button class="btn btn-primary btn-sm" type="submit">{t!(i18n, common.save)}</button>
                        <button class="btn btn-ghost btn-sm" type="button" on:click=move |_| editing.set(false)>{t!(i18n, common.cancel)}</button>
                    </div>
                </form>
            </Show>
            <FormError error=err fields=&["phrase", "explanation"]/>
        </li>
    }
}
