//! Sharing widgets for staff: the block picker, one access row (edit, remove,
//! links, preview), and the share panel of a matter.
use super::forms::{FieldError, FormError, action_error};
use super::text::{block_label, fmt_time};
use crate::api::sharing::{remove_grant, rotate_client_link, share_matter, update_grant};
use crate::i18n::*;
use crate::model::sharing::*;
use crate::model::AppError;
use leptos::prelude::*;
use crate::app::sync_view::IntoSyncAny;

/// Checkboxes for every block.
#[component]
pub fn BlockPicker(selected: RwSignal<Vec<Block>>, #[prop(into)] id: String, error: Signal<Option<AppError>>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <fieldset class="field block-picker" aria-describedby="blocks-error">
            <legend>{t!(i18n, share.blocks)}</legend>
            <div class="checks">
                {Block::ALL.iter().copied().map(|b| {
                    let input_id = format!("{id}-{}", b.as_str());
                    view! {
                        <label class="checkbox" for=input_id.clone()>
                            <input type="checkbox" id=input_id.clone() name="blocks" value=b.as_str()
                                prop:checked=move || selected.with(|s| s.contains(&b))
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    selected.update(|s| { s.retain(|x| *x != b); if on { s.push(b); s.sort(); } });
                                }/>
                            <span>{move || block_label(i18n.get_locale(), b)}</span>
                        </label>
                    }
                }).collect_view()}
            </div>
            <FieldError field="blocks" error/>
        </fieldset>
    }
}

/// Account or link.
#[component]
pub fn AccessTypePicker(value: RwSignal<String>, #[prop(into)] name: String) -> impl IntoView {
    let i18n = use_i18n();
    let opt = move |v: &'static str| {
        let name = name.clone();
        view! {
            <label class="checkbox">
                <input type="radio" name=name value=v prop:checked=move || value.get() == v on:change=move |_| value.set(v.to_string())/>
                <span>{move || if v == "link" { t_string!(i18n, share.type_link).to_string() } else { t_string!(i18n, share.type_account).to_string() }}</span>
            </label>
        }
    };
    view! {
        <fieldset class="field">
            <legend>{t!(i18n, share.access_type)}</legend>
            <div class="checks">{opt("account")}{opt("link")}</div>
        </fieldset>
    }
}

/// One client access, with its status and actions.
#[component]
pub fn AccessRow(a: Access, #[prop(into)] preview_href: String, on_change: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let editing = RwSignal::new(false);
    let blocks = RwSignal::new(a.blocks.clone());
    let access_type = RwSignal::new(a.access_type.map(|t| t.as_str()).unwrap_or("account").to_string());
    let include_private = RwSignal::new(a.include_private);
    let grant = a.grant_id.clone();
    let save = Action::new(move |input: &GrantInput| update_grant(grant.clone(), input.clone()));
    let grant = a.grant_id.clone();
    let remove = Action::new(move |_: &()| remove_grant(grant.clone()));
    Effect::new(move |_| {
        if matches!(save.value().get(), Some(Ok(_))) {
            editing.set(false);
            on_change.run(());
        }
        if matches!(remove.value().get(), Some(Ok(_))) {
            on_change.run(());
        }
    });
    let err = action_error(save.value());
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
                <form class="form access-edit" on:submit=move |ev| {
                    ev.prevent_default();
                    save.dispatch(GrantInput {
                        blocks: blocks.get().iter().map(|b| b.as_str().to_string()).collect(),
                        include_private: include_private.get(),
                        access_type: access_type.get(),
                    });
                }>
                    <FormError error=err fields=&["blocks"]/>
                    <BlockPicker selected=blocks id=format!("edit-{}", a.grant_id) error=err/>
                    <AccessTypePicker value=access_type name=format!("type-{}", a.grant_id)/>
                    {parties.then(|| view! {
                        <label class="checkbox">
                            <input type="checkbox" bind:checked=include_private/>
                            <span>{t!(i18n, share.include_private)}</span>
                        </label>
                    })}
                    <div class="form-actions">
                        <button class="btn btn-primary btn-sm" type="submit" disabled=move || save.pending().get()>{t!(i18n, share.save)}</button>
                        <button class="btn btn-ghost btn-sm" type="button" on:click=move |_| editing.set(false)>{t!(i18n, share.cancel)}</button>
                    </div>
                </form>
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
                view! { <p class="notice" role="status">{t!(i18n, share.link_sent)}</p> }.into_sync_any()
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
                }.into_sync_any()
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
    let emails = RwSignal::new(String::new());
    let blocks = RwSignal::new(vec![Block::Deadline, Block::Schedule, Block::Tasks]);
    let access_type = RwSignal::new("account".to_string());
    let mid = matter_id.clone();
    let share = Action::new(move |input: &ShareInput| share_matter(mid.clone(), input.clone()));
    let done = RwSignal::new(None::<String>);
    Effect::new(move |_| {
        if let Some(Ok(out)) = share.value().get() {
            done.set(Some(out.iter().map(|o| o.email.clone()).collect::<Vec<_>>().join(", ")));
            emails.set(String::new());
            access.refetch();
        }
    });
    let err = action_error(share.value());
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
                <form id="share-form" class="form share-form" on:submit=move |ev| {
                    ev.prevent_default();
                    done.set(None);
                    share.dispatch(ShareInput {
                        emails: emails.get(),
                        blocks: blocks.get().iter().map(|b| b.as_str().to_string()).collect(),
                        access_type: access_type.get(),
                    });
                }>
                    <FormError error=err fields=&["emails", "blocks"]/>
                    <label class="field">
                        <span>{t!(i18n, share.emails)}</span>
                        <textarea name="emails" rows="2" bind:value=emails aria-describedby="emails-hint emails-error"
                            aria-invalid=move || if err.get().and_then(|e| e.field().map(|f| f == "emails")).unwrap_or(false) { "true" } else { "false" }></textarea>
                        <span class="hint" id="emails-hint">{t!(i18n, share.emails_hint)}</span>
                        <FieldError field="emails" error=err/>
                    </label>
                    <BlockPicker selected=blocks id="share" error=err/>
                    <AccessTypePicker value=access_type name="share-type"/>
                    <div class="form-actions">
                        <button class="btn btn-primary" type="submit" disabled=move || share.pending().get()>{t!(i18n, share.submit)}</button>
                    </div>
                </form>
            </Show>
            {move || done.get().map(|list| view! { <p class="notice" role="status">{t_string!(i18n, share.done, list = list).to_string()}</p> })}
            <h3>{t!(i18n, share.who)}</h3>
            <Transition fallback=move || view! { <p class="loading">{t!(i18n, common.loading)}</p> }>
                {move || {
                    let mid = matter_id.clone();
                    Suspend::new(async move {
                        let list = access.await.unwrap_or_default();
                        if list.is_empty() {
                            view! { <p class="muted">{t!(i18n, share.nobody)}</p> }.into_sync_any()
                        } else {
                            view! {
                                <ul class="access-list">
                                    {list.into_iter().map(|a| {
                                        let href = format!("/preview/{}/m/{}", a.client_id, mid);
                                        view! { <AccessRow a preview_href=href on_change=refresh/> }
                                    }).collect_view()}
                                </ul>
                            }.into_sync_any()
                        }
                    })
                }}
            </Transition>
            <h3>{t!(i18n, share.log)}</h3>
            <Transition fallback=|| ()>
                {move || Suspend::new(async move {
                    let entries = log.await.unwrap_or_default();
                    if entries.is_empty() {
                        view! { <p class="muted">{t!(i18n, share.log_empty)}</p> }.into_sync_any()
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
                        }.into_sync_any()
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
