//! Staff sign-in and first-run setup.
use crate::api::auth::{login, setup_needed, setup_workspace};
use crate::app::components::forms::{FieldError, FormError, SignInForm, action_error, invalid};
use crate::app::components::layout::LangSwitch;
use crate::app::components::text::PageTitle;
use crate::i18n::*;
use leptos::prelude::*;
use leptos_router::components::Redirect;

/// Full navigation (a fresh page load, so every resource starts clean).
pub fn go(path: &str) {
    let _ = window().location().set_href(path);
}

/// Email and password sign-in for staff.
#[component]
pub fn LoginPage() -> impl IntoView {
    let i18n = use_i18n();
    let act = Action::new(|(e, p): &(String, String)| login(e.clone(), p.clone()));
    Effect::new(move |_| {
        if let Some(Ok(_)) = act.value().get() {
            go("/matters");
        }
    });
    let err = action_error(act.value());
    let setup = Resource::new(|| (), |_| setup_needed());
    view! {
        <PageTitle text=|l| td_string!(l, login.title).to_string()/>
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                matches!(setup.await, Ok(true)).then(|| view! { <Redirect path="/setup"/> })
            })}
        </Transition>
        <div class="auth-page">
            <div class="auth-card card stack">
                <div class="row"><span class="brand-large">"Portico"</span><span class="spacer"></span><LangSwitch/></div>
                <h1>{t!(i18n, login.title)}</h1>
                <p class="muted">{t!(i18n, login.subtitle)}</p>
                <SignInForm on_submit=Callback::new(move |c| { act.dispatch(c); }) pending=act.pending().into() error=err/>
                <p class="muted"><a href="/portal/login">{t!(i18n, portal.client_login)}</a></p>
            </div>
        </div>
    }
}

/// First run: create the firm's workspace and its admin.
#[component]
pub fn SetupPage() -> impl IntoView {
    let i18n = use_i18n();
    let ws = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let act = Action::new(|(w, n, e, p): &(String, String, String, String)| {
        setup_workspace(w.clone(), n.clone(), e.clone(), p.clone())
    });
    Effect::new(move |_| {
        if let Some(Ok(_)) = act.value().get() {
            go("/matters");
        }
    });
    let err = action_error(act.value());
    let needed = Resource::new(|| (), |_| setup_needed());
    view! {
        <PageTitle text=|l| td_string!(l, setup.title).to_string()/>
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                matches!(needed.await, Ok(false)).then(|| view! { <Redirect path="/login"/> })
            })}
        </Transition>
        <div class="auth-page">
            <div class="auth-card card stack">
                <div class="row"><span class="brand-large">"Portico"</span><span class="spacer"></span><LangSwitch/></div>
                <h1>{t!(i18n, setup.title)}</h1>
                <p class="muted">{t!(i18n, setup.subtitle)}</p>
                <form class="form" on:submit=move |ev| {
                    ev.prevent_default();
                    act.dispatch((ws.get(), name.get(), email.get(), password.get()));
                }>
                    <FormError error=err fields=&["workspace_name", "name", "email", "password"]/>
                    <label class="field">
                        <span>{t!(i18n, setup.workspace_name)}</span>
                        <input type="text" bind:value=ws aria-invalid=invalid(err, "workspace_name")/>
                        <FieldError field="workspace_name" error=err/>
                    </label>
                    <label class="field">
                        <span>{t!(i18n, setup.name)}</span>
                        <input type="text" autocomplete="name" bind:value=name aria-invalid=invalid(err, "name")/>
                        <FieldError field="name" error=err/>
                    </label>
                    <label class="field">
                        <span>{t!(i18n, login.email)}</span>
                        <input type="email" autocomplete="username" bind:value=email aria-invalid=invalid(err, "email")/>
                        <FieldError field="email" error=err/>
                    </label>
                    <label class="field">
                        <span>{t!(i18n, login.password)}</span>
                        <input type="password" autocomplete="new-password" bind:value=password aria-invalid=invalid(err, "password")/>
                        <span class="hint">{t!(i18n, setup.password_hint)}</span>
                        <FieldError field="password" error=err/>
                    </label>
                    <div class="form-actions">
                        <button class="btn btn-primary" type="submit" disabled=move || act.pending().get()>{t!(i18n, setup.submit)}</button>
                    </div>
                </form>
            </div>
        </div>
    }
}
