//! The client's way in: sign-in, forgotten password, the emailed password page
//! (whose button spends the token) and the page for dead links.
use super::auth::go;
use crate::api::portal::{client_login, client_token_info, forgot_client_password, set_client_password};
use crate::app::components::forms::{FieldError, FormError, SignInForm, action_error, invalid};
use crate::app::components::layout::LangSwitch;
use crate::app::components::portal_layout::{PortalInstallLinks, PortalOffline};
use crate::app::components::text::PageTitle;
use crate::i18n::*;
use leptos::prelude::*;
use crate::app::sync_view::IntoSyncAny;
use leptos_router::hooks::use_params_map;

/// The card every portal sign-in page sits in. Arriving here signed out deletes what
/// this device kept of a client's portal.
#[component]
fn AuthCard(children: Children) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <PortalInstallLinks/>
        <PortalOffline mode="clear"/>
        <div class="auth-page">
            <div class="auth-card card stack">
                <div class="row">
                    <span class="brand-large">"Portico"</span>
                    <span class="badge">{t!(i18n, nav.portal)}</span>
                    <span class="spacer"></span>
                    <LangSwitch/>
                </div>
                {children()}
            </div>
        </div>
    }
}

/// Email and password sign-in for clients with account access.
#[component]
pub fn PortalLoginPage() -> impl IntoView {
    let i18n = use_i18n();
    let act = Action::new(|(e, p): &(String, String)| client_login(e.clone(), p.clone()));
    Effect::new(move |_| {
        if let Some(Ok(_)) = act.value().get() {
            go("/portal");
        }
    });
    let err = action_error(act.value());
    view! {
        <PageTitle text=|l| td_string!(l, portal.login_title).to_string()/>
        <AuthCard>
            <h1>{t!(i18n, portal.login_title)}</h1>
            <p class="muted">{t!(i18n, portal.login_intro)}</p>
            <SignInForm on_submit=Callback::new(move |c| { act.dispatch(c); }) pending=act.pending().into() error=err/>
            <p class="row">
                <a href="/portal/forgot">{t!(i18n, portal.forgot)}</a>
                <span class="spacer"></span>
                <a class="muted" href="/login">{t!(i18n, portal.staff_login)}</a>
            </p>
        </AuthCard>
    }
}

/// Asks for a password reset link; answers the same whether or not the email exists.
#[component]
pub fn PortalForgotPage() -> impl IntoView {
    let i18n = use_i18n();
    let email = RwSignal::new(String::new());
    let act = Action::new(|e: &String| forgot_client_password(e.clone()));
    let err = action_error(act.value());
    let sent = move || matches!(act.value().get(), Some(Ok(_)));
    view! {
        <PageTitle text=|l| td_string!(l, portal.forgot_title).to_string()/>
        <AuthCard>
            <h1>{t!(i18n, portal.forgot_title)}</h1>
            <Show
                when=sent
                fallback=move || view! {
                    <p class="muted">{t!(i18n, portal.forgot_intro)}</p>
                    <form class="form" on:submit=move |ev| { ev.prevent_default(); act.dispatch(email.get()); }>
                        <FormError error=err fields=&["email"]/>
                        <label class="field">
                            <span>{t!(i18n, login.email)}</span>
                            <input type="email" name="email" autocomplete="username" required bind:value=email
                                aria-invalid=invalid(err, "email") aria-describedby="email-error"/>
                            <FieldError field="email" error=err/>
                        </label>
                        <div class="form-actions">
                            <button class="btn btn-primary" type="submit" disabled=move || act.pending().get()>{t!(i18n, portal.forgot_submit)}</button>
                        </div>
                    </form>
                }
            >
                <p class="notice" role="status">{t!(i18n, portal.forgot_sent)}</p>
            </Show>
            <p><a href="/portal/login">{t!(i18n, portal.back_login)}</a></p>
        </AuthCard>
    }
}

/// Opened from an invitation or reset mail: shows the account, and only the button
/// spends the token.
#[component]
pub fn PortalPasswordPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let token = Memo::new(move |_| params.with(|p| p.get("token").unwrap_or_default()));
    let info = Resource::new(move || token.get(), client_token_info);
    view! {
        <PageTitle text=|l| td_string!(l, portal.password_title_invite).to_string()/>
        <AuthCard>
            <Transition fallback=move || view! { <p class="loading">{t!(i18n, common.loading)}</p> }>
                {move || Suspend::new(async move {
                    match info.await {
                        Ok(info) => view! { <PasswordForm token=token.get_untracked() info/> }.into_sync_any(),
                        Err(_) => view! { <DeadLink/> }.into_sync_any(),
                    }
                })}
            </Transition>
        </AuthCard>
    }
}

#[component]
fn PasswordForm(token: String, info: crate::model::portal::TokenInfo) -> impl IntoView {
    let i18n = use_i18n();
    let password = RwSignal::new(String::new());
    let confirm = RwSignal::new(String::new());
    let mismatch = RwSignal::new(false);
    let act = Action::new(move |p: &String| set_client_password(token.clone(), p.clone()));
    Effect::new(move |_| {
        if let Some(Ok(_)) = act.value().get() {
            go("/portal");
        }
    });
    let err = action_error(act.value());
    let invite = info.purpose == "invite";
    let email = info.email.clone();
    view! {
        <h1>{move || if invite { t_string!(i18n, portal.password_title_invite).to_string() } else { t_string!(i18n, portal.password_title_reset).to_string() }}</h1>
        <p class="muted">{move || t_string!(i18n, portal.password_intro, email = email.clone()).to_string()}</p>
        <form class="form" on:submit=move |ev| {
            ev.prevent_default();
            let ok = password.get() == confirm.get();
            mismatch.set(!ok);
            if ok { act.dispatch(password.get()); }
        }>
            <FormError error=err fields=&["password"]/>
            <label class="field">
                <span>{t!(i18n, portal.password)}</span>
                <input type="password" name="password" autocomplete="new-password" required minlength="10" bind:value=password
                    aria-invalid=invalid(err, "password") aria-describedby="password-hint password-error"/>
                <span class="hint" id="password-hint">{t!(i18n, setup.password_hint)}</span>
                <FieldError field="password" error=err/>
            </label>
            <label class="field">
                <span>{t!(i18n, portal.password_confirm)}</span>
                <input type="password" name="confirm" autocomplete="new-password" required bind:value=confirm
                    aria-invalid=move || if mismatch.get() { "true" } else { "false" }/>
                <Show when=move || mismatch.get()>
                    <p class="field-error" role="alert">{t!(i18n, portal.password_mismatch)}</p>
                </Show>
            </label>
            <div class="form-actions">
                <button class="btn btn-primary" type="submit" disabled=move || act.pending().get()>{t!(i18n, portal.password_submit)}</button>
            </div>
        </form>
    }
}

/// The message for used, expired or replaced links.
#[component]
fn DeadLink() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <h1>{t!(i18n, portal.link_dead_title)}</h1>
        <p>{t!(i18n, portal.link_dead)}</p>
        <p><a href="/portal/login">{t!(i18n, portal.back_login)}</a></p>
    }
}

/// Where dead secret links land.
#[component]
pub fn PortalLinkInvalidPage() -> impl IntoView {
    view! {
        <PageTitle text=|l| td_string!(l, portal.link_dead_title).to_string()/>
        <AuthCard><DeadLink/></AuthCard>
    }
}

/// Shown by the service worker, offline, for a portal page this device never saved:
/// the pages it did save (listed by the page script). Server-rendered, no wasm.
#[component]
pub fn PortalOfflinePage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <PageTitle text=|l| td_string!(l, offline.title).to_string()/>
        <PortalInstallLinks/>
        <PortalOffline mode="offline"/>
        <div class="auth-page">
            <div class="auth-card card stack">
                <div class="row">
                    <span class="brand-large">"Portico"</span>
                    <span class="badge">{t!(i18n, nav.portal)}</span>
                </div>
                <h1>{t!(i18n, offline.title)}</h1>
                <p class="muted">{t!(i18n, offline.intro)}</p>
                <ul id="offline-pages" class="offline-pages" hidden></ul>
                <p id="offline-none" class="muted">{t!(i18n, offline.none)}</p>
                <p><a class="btn btn-primary" href="/portal">{t!(i18n, offline.retry)}</a></p>
            </div>
        </div>
    }
}
