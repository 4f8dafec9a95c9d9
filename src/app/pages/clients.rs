//! Clients (contacts): list with search, and the create/edit form.
use crate::api::clients::{create_client, get_client, list_clients, update_client};
use crate::app::components::forms::{FieldError, FormError, action_error, invalid};
use crate::app::components::text::PageTitle;
use crate::i18n::*;
use crate::model::people::Client;
use crate::model::AppError;
use leptos::prelude::*;
use crate::app::sync_view::IntoSyncAny;
use leptos_router::hooks::use_params_map;

/// The firm's clients.
#[component]
pub fn ClientsPage() -> impl IntoView {
    let i18n = use_i18n();
    let q = RwSignal::new(String::new());
    let clients = Resource::new(move || q.get(), list_clients);
    view! {
        <PageTitle text=|l| td_string!(l, clients.title).to_string()/>
        <div class="page-header">
            <div>
                <h1 class="page-title">{t!(i18n, clients.title)}</h1>
                <p class="subtitle">{t!(i18n, clients.subtitle)}</p>
            </div>
            <div class="actions"><a class="btn btn-primary" href="/clients/new">{t!(i18n, clients.new)}</a></div>
        </div>
        <div class="toolbar" role="search">
            <label class="sr-only" for="client-search">{t!(i18n, clients.search)}</label>
            <input id="client-search" type="search" placeholder=move || t_string!(i18n, clients.search).to_string()
                on:input=move |ev| q.set(event_target_value(&ev)) prop:value=q/>
        </div>
        <Transition fallback=move || view! { <p class="loading">{t!(i18n, common.loading)}</p> }>
            {move || Suspend::new(async move {
                match clients.await {
                    Ok(list) if list.is_empty() => view! { <p class="empty">{t!(i18n, clients.empty)}</p> }.into_sync_any(),
                    Ok(list) => view! {
                        <table class="table card">
                            <thead><tr>
                                <th scope="col">{t!(i18n, clients.name)}</th>
                                <th scope="col">{t!(i18n, clients.email)}</th>
                                <th scope="col">{t!(i18n, clients.phone)}</th>
                                <th scope="col">{t!(i18n, clients.document)}</th>
                            </tr></thead>
                            <tbody>
                                {list.into_iter().map(|c| view! {
                                    <tr>
                                        <td data-label=move || t_string!(i18n, clients.name).to_string()><a href=format!("/clients/{}", c.id)>{c.name.clone()}</a></td>
                                        <td data-label=move || t_string!(i18n, clients.email).to_string()>{c.email.clone()}</td>
                                        <td data-label=move || t_string!(i18n, clients.phone).to_string()>{c.phone.clone()}</td>
                                        <td data-label=move || t_string!(i18n, clients.document).to_string()>{c.document.clone()}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    }.into_sync_any(),
                    Err(_) => view! { <p class="form-error" role="alert">{t!(i18n, errors.internal)}</p> }.into_sync_any(),
                }
            })}
        </Transition>
    }
}

/// /clients/new and /clients/:id.
#[component]
pub fn ClientFormPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id")));
    let existing = Resource::new(move || id.get(), |id| async move {
        match id {
            Some(id) => get_client(id).await.map(Some),
            None => Ok::<_, AppError>(None),
        }
    });
    view! {
        <Transition fallback=move || view! { <p class="loading">{t!(i18n, common.loading)}</p> }>
            {move || Suspend::new(async move {
                match existing.await {
                    Ok(c) => view! { <ClientForm existing=c/> }.into_sync_any(),
                    Err(_) => view! { <p class="empty">{t!(i18n, errors.not_found)}</p> }.into_sync_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn ClientForm(existing: Option<Client>) -> impl IntoView {
    let i18n = use_i18n();
    let is_edit = existing.is_some();
    let c = existing.unwrap_or(Client {
        id: String::new(),
        name: String::new(),
        email: String::new(),
        phone: String::new(),
        document: String::new(),
        address: String::new(),
        notes: String::new(),
    });
    let id = c.id.clone();
    let name = RwSignal::new(c.name);
    let email = RwSignal::new(c.email);
    let phone = RwSignal::new(c.phone);
    let document = RwSignal::new(c.document);
    let address = RwSignal::new(c.address);
    let notes = RwSignal::new(c.notes);
    let saved = RwSignal::new(false);
    let save = Action::new(move |input: &Client| {
        let input = input.clone();
        async move {
            if input.id.is_empty() { create_client(input).await } else { update_client(input.clone()).await.map(|_| input.id) }
        }
    });
    Effect::new(move |_| {
        if let Some(Ok(new_id)) = save.value().get() {
            if is_edit {
                saved.set(true);
            } else {
                leptos_router::hooks::use_navigate()(&format!("/clients/{new_id}"), Default::default());
            }
        }
    });
    let err = action_error(save.value());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        saved.set(false);
        save.dispatch(Client {
            id: id.clone(),
            name: name.get(),
            email: email.get(),
            phone: phone.get(),
            document: document.get(),
            address: address.get(),
            notes: notes.get(),
        });
    };
    let heading = move || if is_edit { t_string!(i18n, clients.edit_title).to_string() } else { t_string!(i18n, clients.new_title).to_string() };
    view! {
        <PageTitle text=if is_edit { |l| td_string!(l, clients.edit_title).to_string() } else { |l| td_string!(l, clients.new_title).to_string() }/>
        <div class="page-header">
            <div>
                <p class="muted"><a href="/clients">{t!(i18n, clients.title)}</a></p>
                <h1 class="page-title">{heading}</h1>
            </div>
        </div>
        <form class="form card" on:submit=submit novalidate>
            <FormError error=err fields=&["name", "email", "phone", "document", "address", "notes"]/>
            <Show when=move || saved.get()><p class="notice" role="status">{t!(i18n, common.saved)}</p></Show>
            <label class="field">
                <span>{t!(i18n, clients.name)}</span>
                <input type="text" autocomplete="off" bind:value=name aria-invalid=invalid(err, "name")/>
                <FieldError field="name" error=err/>
            </label>
            <div class="field-row">
                <label class="field">
                    <span>{t!(i18n, clients.email)}</span>
                    <input type="email" autocomplete="off" bind:value=email aria-invalid=invalid(err, "email")/>
                    <FieldError field="email" error=err/>
                </label>
                <label class="field">
                    <span>{t!(i18n, clients.phone)}</span>
                    <input type="tel" bind:value=phone aria-invalid=invalid(err, "phone")/>
                    <FieldError field="phone" error=err/>
                </label>
            </div>
            <label class="field">
                <span>{t!(i18n, clients.document)}</span>
                <input type="text" inputmode="numeric" bind:value=document aria-invalid=invalid(err, "document")/>
                <span class="hint">{t!(i18n, clients.document_hint)}</span>
                <FieldError field="document" error=err/>
            </label>
            <label class="field">
                <span>{t!(i18n, clients.address)}</span>
                <input type="text" bind:value=address aria-invalid=invalid(err, "address")/>
                <FieldError field="address" error=err/>
            </label>
            <label class="field">
                <span>{t!(i18n, clients.notes)}</span>
                <textarea rows="3" bind:value=notes aria-invalid=invalid(err, "notes")></textarea>
                <FieldError field="notes" error=err/>
            </label>
            <div class="form-actions">
                <button class="btn btn-primary" type="submit" disabled=move || save.pending().get()>{t!(i18n, common.save)}</button>
                <a class="btn btn-secondary" href="/clients">{t!(i18n, common.back)}</a>
            </div>
        </form>
    }
}
