//! The signed-in staff frame: top bar with navigation, language and logout.
use crate::api::auth::{current_user, logout};
use crate::i18n::*;
use crate::model::people::{Me, Role};
use leptos::prelude::*;
use crate::app::sync_view::IntoSyncAny;
use leptos_router::components::{A, Outlet, Redirect};

/// Staff pages render inside this; it sends anonymous visitors to /login.
#[component]
pub fn StaffLayout() -> impl IntoView {
    let i18n = use_i18n();
    let me = Resource::new(|| (), |_| current_user());
    // Pages render outside the `me` suspense so that their resources are created
    // during hydration, not in an async continuation (they answer Unauthorized
    // on their own when nobody is signed in).
    view! {
        <div class="app-shell">
            <Transition fallback=|| view! { <header class="topbar"><span class="brand">"Portico"</span></header> }>
                {move || Suspend::new(async move {
                    match me.await {
                        Ok(Some(me)) => view! { <Topbar me=me.clone()/> }.into_sync_any(),
                        Ok(None) => view! { <Redirect path="/login"/> }.into_sync_any(),
                        Err(_) => view! { <p class="form-error" role="alert">{t!(i18n, errors.internal)}</p> }.into_sync_any(),
                    }
                })}
            </Transition>
            <main class="main" id="main">
                <Outlet/>
            </main>
        </div>
    }
}

#[component]
fn Topbar(me: Me) -> impl IntoView {
    let i18n = use_i18n();
    let out = Action::new(|_: &()| logout());
    Effect::new(move |_| {
        if out.value().get().is_some() {
            let _ = window().location().set_href("/login");
        }
    });
    let is_admin = me.role == Role::Admin;
    view! {
        <header class="topbar">
            <a class="sr-only" href="#main">{t!(i18n, nav.skip)}</a>
            <a class="brand" href="/matters">"Portico"</a>
            <span class="muted workspace-name">{me.workspace_name.clone()}</span>
            <nav class="nav" aria-label=move || t_string!(i18n, nav.main).to_string()>
                <A href="/matters">{t!(i18n, nav.matters)}</A>
                <A href="/tickets">{t!(i18n, nav.tickets)}</A>
                <A href="/clients">{t!(i18n, nav.clients)}</A>
                <A href="/settings/glossary">{t!(i18n, nav.glossary)}</A>
                <Show when=move || is_admin>
                    <A href="/settings/staff">{t!(i18n, nav.staff)}</A>
                    <A href="/settings/access">{t!(i18n, nav.access)}</A>
                    <A href="/settings/integrations">{t!(i18n, nav.integrations)}</A>
                </Show>
            </nav>
            <div class="topbar-actions">
                <LangSwitch/>
                <span class="user-name">{me.name.clone()}</span>
                <button class="btn btn-ghost btn-sm" on:click=move |_| { out.dispatch(()); }>
                    {t!(i18n, nav.logout)}
                </button>
            </div>
        </header>
    }
}

/// Switches between Português and English (remembered in a cookie). A plain link
/// to `/lang/{tag}?back=…` (pages without the wasm reload in the other language); with
/// the app running, the page switches in place.
#[component]
pub fn LangSwitch() -> impl IntoView {
    let i18n = use_i18n();
    let location = leptos_router::hooks::use_location();
    let other = move || match i18n.get_locale() {
        Locale::en => Locale::pt_BR,
        _ => Locale::en,
    };
    let tag = move || if other() == Locale::en { "en" } else { "pt-BR" };
    let href = move || {
        let back = format!("{}{}", location.pathname.get(), location.search.get());
        format!("/lang/{}?back={}", tag(), url_component(&back))
    };
    view! {
        // rel=external: the router never takes this link in the app (before the page's
        // code has loaded, the plain link sets the language on the server).
        <a class="btn btn-ghost btn-sm lang-switch" lang=tag hreflang=tag href=href rel="external"
            on:click=move |ev| {
                ev.prevent_default();
                i18n.set_locale(other());
            }
        >
            {move || if other() == Locale::en { "English" } else { "Português" }}
        </a>
    }
}

/// `s` percent-encoded for a query value (unreserved characters and `/` kept).
fn url_component(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}
