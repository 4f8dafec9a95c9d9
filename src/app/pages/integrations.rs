//! Integrations (admins): the workspace's API tokens for the import endpoint. A
//! token's secret is shown once, when it is made; revoking one takes effect at once.
use crate::api::integrations::{create_api_token, list_api_tokens, revoke_api_token};
use crate::app::components::forms::{FieldError, FormError, action_error, invalid};
use crate::app::components::text::{PageTitle, fmt_time};
use crate::i18n::*;
use crate::model::import::{ApiToken, NewApiToken, TOKEN_NAME_MAX};
use leptos::prelude::*;
use crate::app::sync_view::IntoSyncAny;

/// The integrations page.
#[component]
pub fn IntegrationsPage() -> impl IntoView {
    let i18n = use_i18n();
    let tokens = Resource::new(|| (), |_| list_api_tokens());
    let refresh = Callback::new(move |_| tokens.refetch());
    view! {
        <PageTitle text=|l| td_string!(l, integrations.title).to_string()/>
        <div class="page-header">
            <div>
                <h1 class="page-title">{t!(i18n, integrations.title)}</h1>
                <p class="subtitle">{t!(i18n, integrations.subtitle)}</p>
            </div>
        </div>
        <CreateToken refresh/>
        <Transition fallback=move || view! { <p class="loading">{t!(i18n, common.loading)}</p> }>
            {move || Suspend::new(async move {
                match tokens.await {
                    Ok(list) => view! {
                        <section class="card section" aria-labelledby="tokens-h">
                            <h2 class="card-title" id="tokens-h">{t!(i18n, integrations.tokens)}</h2>
                            {if list.is_empty() {
                                view! { <p class="muted">{t!(i18n, integrations.empty)}</p> }.into_sync_any()
                            } else {
                                view! {
                                    <ul class="token-list">
                                        {list.into_iter().map(|tk| view! { <TokenItem tk refresh/> }).collect_view()}
                                    </ul>
                                }.into_sync_any()
                            }}
                        </section>
                    }.into_sync_any(),
                    Err(_) => view! { <p class="empty">{t!(i18n, errors.not_found)}</p> }.into_sync_any(),
                }
            })}
        </Transition>
        <HowTo/>
    }
}

#[component]
fn CreateToken(refresh: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let name = RwSignal::new(String::new());
    // The secret just made, shown until the admin says it is copied.
    let fresh = RwSignal::new(None::<NewApiToken>);
    let create = Action::new(move |n: &String| create_api_token(n.clone()));
    Effect::new(move |_| {
        if let Some(Ok(t)) = create.value().get() {
            fresh.set(Some(t));
            name.set(String::new());
            refresh.run(());
        }
    });
    let err = action_error(create.value());
    view! {
        <section class="card section" aria-labelledby="token-new-h">
            <h2 class="card-title" id="token-new-h">{t!(i18n, integrations.create_title)}</h2>
            {move || fresh.get().map(|t| view! { <FreshSecret secret=t.secret done=Callback::new(move |_| fresh.set(None))/> })}
            <form class="form" on:submit=move |ev| {
                ev.prevent_default();
                create.dispatch(name.get());
            }>
                <FormError error=err fields=&["name"]/>
                <label class="field">
                    <span>{t!(i18n, integrations.name)}</span>
                    <input type="text" required maxlength=TOKEN_NAME_MAX.to_string() bind:value=name
                        aria-invalid=invalid(err, "name") aria-describedby="token-name-hint"/>
                    <small class="hint" id="token-name-hint">{t!(i18n, integrations.name_hint)}</small>
                    <FieldError field="name" error=err/>
                </label>
                <div class="form-actions">
                    <button class="btn btn-primary" type="submit" disabled=move || create.pending().get()>{t!(i18n, integrations.create)}</button>
                </div>
            </form>
        </section>
    }
}

/// A new token's secret, with a copy button; gone once dismissed.
#[component]
fn FreshSecret(secret: String, done: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let copied = RwSignal::new(false);
    let to_copy = secret.clone();
    let copy = move |_| {
        #[cfg(feature = "hydrate")]
        {
            let _ = window().navigator().clipboard().write_text(&to_copy);
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = &to_copy;
        copied.set(true);
    };
    view! {
        <div class="token-secret" role="status">
            <h3>{t!(i18n, integrations.secret_title)}</h3>
            <p>{t!(i18n, integrations.secret_once)}</p>
            <div class="token-secret-row">
                <input type="text" readonly class="token-secret-value" value=secret
                    aria-label=move || t_string!(i18n, integrations.secret_title).to_string()
                    on:focus=|ev| {
                        #[cfg(feature = "hydrate")]
                        {
                            use wasm_bindgen::JsCast;
                            if let Some(i) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) {
                                i.select();
                            }
                        }
                        #[cfg(not(feature = "hydrate"))]
                        let _ = ev;
                    }/>
                <button class="btn btn-ghost btn-sm" type="button" on:click=copy>
                    {move || if copied.get() { t_string!(i18n, integrations.copied) } else { t_string!(i18n, integrations.copy) }}
                </button>
            </div>
            <button class="btn btn-primary btn-sm" type="button" on:click=move |_| done.run(())>{t!(i18n, integrations.done)}</button>
        </div>
    }
}

#[component]
fn TokenItem(tk: ApiToken, refresh: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let id = tk.id.clone();
    let revoke = Action::new(move |_: &()| revoke_api_token(id.clone()));
    Effect::new(move |_| {
        if let Some(Ok(_)) = revoke.value().get() {
            refresh.run(());
        }
    });
    let err = Signal::derive(move || revoke.value().get().and_then(|r| r.err()));
    let ApiToken { name, hint, created_by, created_at, last_used_at, revoked_at, .. } = tk;
    let ask = name.clone();
    let label = name.clone();
    view! {
        <li class="token-item" class:token-revoked=revoked_at.is_some()>
            <div class="token-main">
                <span class="token-name">{name}</span>
                <span class="muted token-hint">{move || t_string!(i18n, integrations.hint, hint = hint.clone()).to_string()}</span>
            </div>
            <div class="token-facts muted">
                <span>{move || {
                    let date = fmt_time(i18n.get_locale(), created_at);
                    match created_by.clone() {
                        Some(who) => t_string!(i18n, integrations.created, date = date, who = who).to_string(),
                        None => t_string!(i18n, integrations.created_by_nobody, date = date).to_string(),
                    }
                }}</span>
                <span>{move || match last_used_at {
                    Some(at) => t_string!(i18n, integrations.last_used, date = fmt_time(i18n.get_locale(), at)).to_string(),
                    None => t_string!(i18n, integrations.never_used).to_string(),
                }}</span>
            </div>
            {match revoked_at {
                Some(at) => view! {
                    <span class="badge badge-status-closed">{move || t_string!(i18n, integrations.revoked, date = fmt_time(i18n.get_locale(), at)).to_string()}</span>
                }.into_sync_any(),
                None => view! {
                    <div class="token-actions">
                        <span class="badge badge-status-active">{t!(i18n, integrations.active)}</span>
                        <button class="btn btn-ghost btn-sm btn-danger" type="button"
                            aria-label=move || format!("{} {}", t_string!(i18n, integrations.revoke), label)
                            on:click=move |_| {
                                let question = t_string!(i18n, integrations.revoke_confirm, name = ask.clone()).to_string();
                                if window().confirm_with_message(&question).unwrap_or(false) {
                                    revoke.dispatch(());
                                }
                            }>{t!(i18n, integrations.revoke)}</button>
                    </div>
                }.into_sync_any(),
            }}
            <FormError error=err fields=&[]/>
        </li>
    }
}

/// How a feed sends lines, with an example.
#[component]
fn HowTo() -> impl IntoView {
    let i18n = use_i18n();
    let example = "curl -X POST \"$PORTICO_URL/integrations/import\" \\\n  -H 'Authorization: Bearer portico_…' \\\n  --data-binary @andamentos.jsonl\n\n\
         {\"reference\": \"0001234-03.2026.8.26.0100\", \"date\": \"2026-11-30\", \"text\": \"Juntada de petição\", \"source\": \"meu-sistema\", \"external_id\": \"123\"}";
    view! {
        <section class="card section" aria-labelledby="how-h">
            <h2 class="card-title" id="how-h">{t!(i18n, integrations.how_title)}</h2>
            <p>{t!(i18n, integrations.how)}</p>
            <pre class="code-sample"><code>{example}</code></pre>
        </section>
    }
}
