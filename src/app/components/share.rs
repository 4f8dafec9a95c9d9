//! Sharing widgets for staff: one access row (edit, remove, links, preview) and the
//! share panel of a matter. Their forms (`share_forms`) load when first opened.
use super::forms::{FormError, action_error};
use super::share_forms::{GrantForm, ShareForm};
use super::text::{block_label, fmt_time};
use crate::api::sharing::{remove_grant, rotate_client_link};
use crate::i18n::*;
use crate::model::sharing::*;
use crate::model::AppError;
use leptos::lazy;
use leptos::prelude::*;

/// A sharing form to open: a matter's share form, or one access's edit form.
pub enum AccessForm {
    Share { matter_id: String, access: Resource<Result<Vec<Access>, AppError>>, done: RwSignal<Option<String>> },
    Edit { access: Access, editing: RwSignal<bool>, on_change: Callback<()> },
}

/// The form's view, from its own wasm chunk (fetched the first time one is opened).
#[lazy]
fn access_form(form: AccessForm) -> AnyView {
    match form {
        AccessForm::Share { matter_id, access, done } => view! { <ShareForm matter_id access done/> }.into_any(),
        AccessForm::Edit { access, editing, on_change } => view! { <GrantForm a=access editing on_change/> }.into_any(),
    }
}

/// Shows `form` once its code has loaded.
fn lazy_form(form: impl Fn() -> AccessForm + Send + Sync + 'static) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Suspense fallback=move || view! { <p class="loading">{t!(i18n, common.loading)}</p> }>
            {move || Suspend::new(access_form(form()))}
        </Suspense>
    }
}

/// One client access, with its status and actions.
#[component]
pub fn AccessRow(a: Access, #[prop(into)] preview_href: String, on_change: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let editing = RwSignal::new(false);
    let grant = a.grant_id.clone();
    let remove = Action::new(move |_: &()| remove_grant(grant.clone()));
    Effect::new(move |_| {
        if matches!(remove.value().get(), Some(Ok(_))) {
            on_change.run(());
        }
    });
    let edited = a.clone();
    let name = a.client_name.clone();
    let confirm_remove = move |_| {
        let msg = t_string!(i18n, share.remove_confirm, name = name.clone()).to_string();
        if window().confirm_with_message(&msg).unwrap_or(false) {
            remove.dispatch(());
        }
    };
    let scope_label = match (&a.scope, &a.matter_title) {
        (Scope::Matter, Some(t)) => Some(t.clone()),
        _ => None,
    };
    let parties = a.scope == Scope::Parties;
    let with_private = a.include_private;
    let kind = a.access_type;
    let (seen, ready, expires) = (a.last_seen_at, a.ready, a.link_expires_at);
    let shown_blocks = a.blocks.clone();
    let is_link = kind == Some(AccessType::Link);
    let client_id = a.client_id.clone();
    view! {
        <li class="access-row">
            <div class="access-main">
                <div class="access-who">
                    <strong>{a.client_name.clone()}</strong>
                    <span class="muted">{a.client_email.clone()}</span>
                    <span class="badge">{move || match kind {
                        Some(AccessType::Link) => t_string!(i18n, share.type_link_short).to_string(),
                        _ => t_string!(i18n, share.type_account_short).to_string(),
                    }}</span>
                </div>
                <p class="access-scope small">
                    {scope_label.map(|t| view! { <span>{t}</span> })}
                    {parties.then(|| view! {
                        <span>{t!(i18n, share.scope_parties)}
                            {with_private.then(|| view! { <span class="muted">{move || format!(" ({})", t_string!(i18n, share.with_private))}</span> })}
                        </span>
                    })}
                </p>
                <ul class="block-badges" aria-label=move || t_string!(i18n, share.blocks).to_string()>
                    {shown_blocks.into_iter().map(|b| view! { <li class="badge badge-block">{move || block_label(i18n.get_locale(), b)}</li> }).collect_view()}
                </ul>
                <p class="muted small access-status">
                    {move || match seen {
                        Some(ms) => t_string!(i18n, share.last_seen, when = fmt_time(i18n.get_locale(), ms)).to_string(),
                        None => t_string!(i18n, share.never_seen).to_string(),
                    }}
                    {move || match (kind, ready) {
                        (Some(AccessType::Account), false) => format!(" · {}", t_string!(i18n, share.pending_invite)),
                        (Some(AccessType::Link), false) => format!(" · {}", t_string!(i18n, share.no_link)),
                        _ => String::new(),
                    }}
                    {move || match expires {
                        Some(ms) => format!(" · {}", t_string!(i18n, share.link_until, date = fmt_time(i18n.get_locale(), ms))),
                        None => String::new(),
                    }}
                </p>
            </div>
            <div class="access-actions">
                <a class="btn btn-ghost btn-sm" href=preview_href>{t!(i18n, share.preview)}</a>
                <button class="btn btn-ghost btn-sm" type="button" aria-expanded=move || editing.get().to_string()
                    on:click=move |_| editing.update(|e| *e = !*e)>{t!(i18n, share.edit)}</button>
                <button class="btn btn-ghost btn-sm btn-danger-text" type="button" on:click=confirm_remove>{t!(i18n, share.remove)}</button>
            </div>
            <Show when=move || editing.get()>
                {let edited = edited.clone(); lazy_form(move || AccessForm::Edit { access: edited.clone(), editing, on_change })}
            </Show>
            {is_link.then(|| view! { <LinkTools client_id=client_id.clone()/> })}
        </li>
    }
}

/// Make a new secret link (optionally with a last day), show it once, or email it.
#[component]
fn LinkTools(client_id: String) -> impl IntoView {
    let i18n = use_i18n();
    let expires = RwSignal::new(String::new());
    let act = Action::new(move |(e, send): &(String, bool)| rotate_client_link(client_id.clone(), e.clone(), *send));
    let sent = RwSignal::new(false);
    let copied = RwSignal::new(false);
    // The list is not refreshed here: that would rebuild this row and lose the
    // link, which is shown only once.
    let err = action_error(act.value());
    let url = move || act.value().get().and_then(|r| r.ok()).map(|l| l.url);
    view! {
        <div class="link-tools">
            <label class="field field-inline">
                <span>{t!(i18n, share.expires_on)}</span>
                <input type="date" bind:value=expires/>
            </label>
            <button class="btn btn-secondary btn-sm" type="button" on:click=move |_| { sent.set(false); copied.set(false); act.dispatch((expires.get(), false)); }>
                {t!(i18n, share.new_link)}
            </button>
            <button class="btn btn-secondary btn-sm" type="button" on:click=move |_| { sent.set(true); act.dispatch((expires.get(), true)); }>
                {t!(i18n, share.send_link)}
            </button>
            <FormError error=err/>
            {move || url().map(|u| if sent.get() {
                view! { <p class="notice" role="status">{t!(i18n, share.link_sent)}</p> }.into_any()
            } else {
                let to_copy = u.clone();
                view! {
                    <div class="notice stack-tight" role="status">
                        <p>{t!(i18n, share.link_ready)}</p>
                        <div class="row">
                            <input class="link-url" type="text" readonly value=u.clone()
                                aria-label=move || t_string!(i18n, share.copy).to_string()
                                on:focus=move |ev| { let _ = event_target::<web_sys::HtmlInputElement>(&ev).select(); }/>
                            <button class="btn btn-primary btn-sm" type="button" on:click=move |_| {
                                copy_text(&to_copy);
                                copied.set(true);
                            }>{move || if copied.get() { t_string!(i18n, share.copied).to_string() } else { t_string!(i18n, share.copy).to_string() }}</button>
                        </div>
                    </div>
                }.into_any()
            })}
        </div>
    }
}

/// The matter's sharing card: who has access, the share form, the access log.
#[component]
pub fn SharePanel(
    matter_id: String,
    access: Resource<Result<Vec<Access>, AppError>>,
    log: Resource<Result<Vec<AccessLogEntry>, AppError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let open = RwSignal::new(false);
    let done = RwSignal::new(None::<String>);
    let mid = matter_id.clone();
    let refresh = Callback::new(move |_| access.refetch());
    view! {
        <section class="card section share-panel" aria-labelledby="share-h">
            <div class="card-header">
                <h2 class="card-title" id="share-h">{t!(i18n, share.title)}</h2>
                <span class="spacer"></span>
                <button class="btn btn-primary btn-sm" type="button" aria-expanded=move || open.get().to_string() aria-controls="share-form"
                    on:click=move |_| { open.update(|o| *o = !*o); done.set(None); }>
                    {move || if open.get() { t_string!(i18n, share.close).to_string() } else { t_string!(i18n, share.open).to_string() }}
                </button>
            </div>
            <Show when=move || open.get()>
                {let mid = mid.clone(); lazy_form(move || AccessForm::Share { matter_id: mid.clone(), access, done })}
            </Show>
            {move || done.get().map(|list| view! { <p class="notice" role="status">{t_string!(i18n, share.done, list = list).to_string()}</p> })}
            <h3>{t!(i18n, share.who)}</h3>
            <Transition fallback=move || view! { <p class="loading">{t!(i18n, common.loading)}</p> }>
                {move || {
                    let mid = matter_id.clone();
                    Suspend::new(async move {
                        let list = access.await.unwrap_or_default();
                        if list.is_empty() {
                            view! { <p class="muted">{t!(i18n, share.nobody)}</p> }.into_any()
                        } else {
                            view! {
                                <ul class="access-list">
                                    {list.into_iter().map(|a| {
                                        let href = format!("/preview/{}/m/{}", a.client_id, mid);
                                        view! { <AccessRow a preview_href=href on_change=refresh/> }
                                    }).collect_view()}
                                </ul>
                            }.into_any()
                        }
                    })
                }}
            </Transition>
            <h3>{t!(i18n, share.log)}</h3>
            <Transition fallback=|| ()>
                {move || Suspend::new(async move {
                    let entries = log.await.unwrap_or_default();
                    if entries.is_empty() {
                        view! { <p class="muted">{t!(i18n, share.log_empty)}</p> }.into_any()
                    } else {
                        view! {
                            <ul class="link-list access-log">
                                {entries.into_iter().take(10).map(|e| {
                                    let via = e.via;
                                    view! {
                                        <li>
                                            <strong>{e.client_name.clone()}</strong>
                                            <span class="muted">{move || format!(" · {} · {}", fmt_time(i18n.get_locale(), e.at),
                                                if via == AccessType::Link { t_string!(i18n, share.via_link).to_string() } else { t_string!(i18n, share.via_account).to_string() })}</span>
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        }.into_any()
                    }
                })}
            </Transition>
        </section>
    }
}

/// Puts `text` on the clipboard (navigator.clipboard.writeText), where the browser allows it.
fn copy_text(text: &str) {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        let nav = window().navigator();
        let nav: &wasm_bindgen::JsValue = nav.as_ref();
        if let Ok(cb) = js_sys::Reflect::get(nav, &"clipboard".into()) {
            if let Ok(f) = js_sys::Reflect::get(&cb, &"writeText".into()) {
                if let Some(f) = f.dyn_ref::<js_sys::Function>() {
                    let _ = f.call1(&cb, &text.into());
                }
            }
        }
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = text;
}
