//! Settings › Client access (admins): every client access of the workspace, and
//! party-wide access (every matter where the client is a party).
use crate::api::clients::list_clients;
use crate::api::sharing::{grant_party_access, list_accesses};
use crate::app::components::forms::{FieldError, FormError, action_error};
use crate::app::components::share::{AccessRow, AccessTypePicker, BlockPicker};
use crate::app::components::text::PageTitle;
use crate::i18n::*;
use crate::model::sharing::{Block, GrantInput};
use leptos::prelude::*;
use crate::app::sync_view::IntoSyncAny;

/// The workspace's client accesses.
#[component]
pub fn AccessesPage() -> impl IntoView {
    let i18n = use_i18n();
    let accesses = Resource::new(|| (), |_| list_accesses());
    let clients = Resource::new(|| (), |_| list_clients(String::new()));
    let client = RwSignal::new(String::new());
    let blocks = RwSignal::new(vec![Block::Deadline, Block::Schedule, Block::Tasks]);
    let access_type = RwSignal::new("account".to_string());
    let include_private = RwSignal::new(false);
    let grant = Action::new(|(c, input): &(String, GrantInput)| grant_party_access(c.clone(), input.clone()));
    Effect::new(move |_| {
        if matches!(grant.value().get(), Some(Ok(_))) {
            accesses.refetch();
        }
    });
    let err = action_error(grant.value());
    let refresh = Callback::new(move |_| accesses.refetch());
    view! {
        <PageTitle text=|l| td_string!(l, nav.access).to_string()/>
        <div class="page-header">
            <div><h1 class="page-title">{t!(i18n, nav.access)}</h1></div>
        </div>
        <section class="card section" aria-labelledby="party-h">
            <h2 class="card-title" id="party-h">{t!(i18n, share.party_title)}</h2>
            <form class="form" on:submit=move |ev| {
                ev.prevent_default();
                grant.dispatch((client.get(), GrantInput {
                    blocks: blocks.get().iter().map(|b| b.as_str().to_string()).collect(),
                    include_private: include_private.get(),
                    access_type: access_type.get(),
                }));
            }>
                <FormError error=err fields=&["blocks"]/>
                <label class="field">
                    <span>{t!(i18n, share.client)}</span>
                    <select bind:value=client required>
                        <option value="">"—"</option>
                        <Transition fallback=|| ()>
                            {move || Suspend::new(async move {
                                clients.await.unwrap_or_default().into_iter().map(|c| view! {
                                    <option value=c.id.clone()>{format!("{} <{}>", c.name, c.email)}</option>
                                }).collect_view()
                            })}
                        </Transition>
                    </select>
                    <FieldError field="client_id" error=err/>
                </label>
                <BlockPicker selected=blocks id="party" error=err/>
                <AccessTypePicker value=access_type name="party-type"/>
                <label class="checkbox">
                    <input type="checkbox" bind:checked=include_private/>
                    <span>{t!(i18n, share.include_private)}</span>
                </label>
                <div class="form-actions">
                    <button class="btn btn-primary" type="submit" disabled=move || grant.pending().get()>{t!(i18n, share.grant)}</button>
                </div>
            </form>
        </section>
        <section class="card section" aria-labelledby="all-h">
            <h2 class="card-title" id="all-h">{t!(i18n, share.who)}</h2>
            <Transition fallback=move || view! { <p class="loading">{t!(i18n, common.loading)}</p> }>
                {move || Suspend::new(async move {
                    let list = accesses.await.unwrap_or_default();
                    if list.is_empty() {
                        view! { <p class="muted">{t!(i18n, share.nobody)}</p> }.into_sync_any()
                    } else {
                        view! {
                            <ul class="access-list">
                                {list.into_iter().map(|a| {
                                    let href = match &a.matter_id {
                                        Some(m) => format!("/preview/{}/m/{m}", a.client_id),
                                        None => format!("/preview/{}", a.client_id),
                                    };
                                    view! { <AccessRow a preview_href=href on_change=refresh/> }
                                }).collect_view()}
                            </ul>
                        }.into_sync_any()
                    }
                })}
            </Transition>
        </section>
    }
}
