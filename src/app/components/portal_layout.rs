//! The client's portal frame: top bar with the client's navigation, language and
//! sign-out; in staff preview, a read-only banner instead of sign-out.
use crate::i18n::*;
use leptos::prelude::*;
use crate::app::sync_view::IntoSyncAny;
use leptos_router::components::{A, Outlet};
use leptos_router::hooks::use_params_map;

/// Which portal is being shown: the signed-in client's (`preview` empty, paths under
/// `/portal`), or staff previewing client `preview` (paths under `/preview/{id}`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PortalCtx {
    pub preview: String,
    pub base: String,
}

impl PortalCtx {
    /// The portal path `rest` (starting with `/`, or empty for home).
    pub fn path(&self, rest: &str) -> String {
        format!("{}{rest}", self.base)
    }
}

/// The links that make the portal installable (manifest in the page's language,
/// home-screen icon). On the client's portal and its sign-in pages, never in a
/// staff preview.
#[component]
pub fn PortalInstallLinks() -> impl IntoView {
    let i18n = use_i18n();
    let lang = leptos_i18n::Locale::as_str(i18n.get_locale_untracked());
    view! {
        <leptos_meta::Link rel="manifest" href=format!("/manifest.webmanifest?lang={lang}")/>
        <leptos_meta::Link rel="apple-touch-icon" href="/icons/portico-192.png"/>
    }
}

/// What the page script (`/portal/offline.js`) needs: its mode and the page's words.
/// `keep` on the client's portal pages (the service worker keeps them for offline
/// reading), `clear` on the sign-in pages (saved pages and drafts are deleted),
/// `offline` on the offline page. Never in a staff preview.
#[component]
pub fn PortalOffline(mode: &'static str) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <leptos_meta::Script src="/portal/offline.js" defer="defer"/>
        <div id="portico-offline" hidden data-mode=mode
            data-saved=move || t_string!(i18n, offline.saved_banner).to_string()
            data-offline=move || t_string!(i18n, offline.offline_banner).to_string()
            data-needs-connection=move || t_string!(i18n, offline.needs_connection).to_string()
            data-saved-at=move || t_string!(i18n, offline.saved_at).to_string()
            data-draft-kept=move || t_string!(i18n, offline.draft_kept).to_string()
            data-draft-restored=move || t_string!(i18n, offline.draft_restored).to_string()></div>
    }
}

/// Portal pages render inside this.
#[component]
pub fn PortalLayout() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let preview = params.with_untracked(|p| p.get("client").unwrap_or_default());
    let ctx = if preview.is_empty() {
        PortalCtx { preview, base: "/portal".into() }
    } else {
        PortalCtx { base: format!("/preview/{preview}"), preview }
    };
    provide_context(ctx.clone());
    let previewing = !ctx.preview.is_empty();
    view! {
        {(!previewing).then(|| view! { <PortalInstallLinks/><PortalOffline mode="keep"/> })}
        <div class="app-shell portal-shell">
            <header class="topbar">
                <a class="sr-only" href="#main">{t!(i18n, nav.skip)}</a>
                <a class="brand" href=ctx.path("")>"Portico"</a>
                <span class="muted workspace-name">{t!(i18n, nav.portal)}</span>
                <nav class="nav" aria-label=move || t_string!(i18n, nav.main).to_string()>
                    <A href=ctx.path("") exact=true>{t!(i18n, nav.my_matters)}</A>
                    <A href=ctx.path("/tickets")>{t!(i18n, nav.my_tickets)}</A>
                    <A href=ctx.path("/contact")>{t!(i18n, nav.my_details)}</A>
                </nav>
                <div class="topbar-actions">
                    <LangSwitch/>
                    {if previewing {
                        view! { <a class="btn btn-ghost btn-sm" href="/matters">{t!(i18n, portal.back_staff)}</a> }.into_sync_any()
                    } else {
                        // A plain form: it works on pages without the wasm.
                        view! {
                            <form method="post" action="/portal/logout" class="inline-form">
                                <button class="btn btn-ghost btn-sm" type="submit" data-portal-logout="">{t!(i18n, portal.logout)}</button>
                            </form>
                        }.into_sync_any()
                    }}
                </div>
            </header>
            <main class="main" id="main">
                {previewing.then(|| view! { <p class="notice preview-banner" role="status">{t!(i18n, portal.preview_banner)}</p> })}
                <Outlet/>
            </main>
        </div>
    }
}

use super::layout::LangSwitch;
