//! The UI: pages and components. No SQL and no server-only code here.
pub mod components;
mod lazy_pages;
pub mod sync_view;
pub mod pages;

use crate::i18n::*;
use components::layout::StaffLayout;
use leptos::prelude::*;
use leptos_meta::{HashedStylesheet, MetaTags, Title, provide_meta_context};
use leptos_router::components::{ParentRoute, Redirect, Route, Router, Routes};
use leptos_router::{Lazy, SsrMode, path};
use components::portal_layout::PortalLayout;
use lazy_pages::*;

/// Pages served without the wasm: the client's read-only portal pages, whose links,
/// language switch and sign-out are plain HTML, and the offline page. Forms (a new
/// ticket, a reply, sign-in) and every staff page load the app. `url` is the
/// request's as the server integration gives it (absolute, or a path).
pub fn without_wasm(url: &str) -> bool {
    let path = url.split_once("://").map_or(url, |(_, rest)| rest.find('/').map_or("/", |i| &rest[i..]));
    let path = path.split(['?', '#']).next().unwrap_or(path);
    let path = path.strip_suffix('/').filter(|p| !p.is_empty()).unwrap_or(path);
    matches!(path, "/portal" | "/portal/contact" | "/portal/tickets" | "/portal/offline")
        || path.strip_prefix("/portal/m/").is_some_and(|id| !id.is_empty() && !id.contains('/'))
}

/// The HTML document around the app (server side).
pub fn shell(options: LeptosOptions) -> impl IntoView {
    let bare = use_context::<leptos_router::location::RequestUrl>().is_some_and(|u| without_wasm(u.as_ref()));
    view! {
        <!DOCTYPE html>
        <html>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="theme-color" content="#1e2a44"/>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
                <HashedStylesheet options=options.clone() id="leptos"/>
                <AutoReload options=options.clone()/>
                {(!bare).then(|| view! { <HydrationScripts options/> })}
                <MetaTags/>
            </head>
            // data-static: no app code will run on this page (tests wait for it or
            // for data-hydrated).
            <body data-static=bare.then_some("")>
                <App/>
            </body>
        </html>
    }
}

/// The app: language context, routes.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        <I18nContextProvider>
            <Title formatter=|t: String| if t.is_empty() { "Portico".to_string() } else { format!("{t} · Portico") }/>
            <Router>
                <Routes fallback=|| view! { <NotFoundPage/> }>
                    <Route path=path!("/login") ssr=SsrMode::Async view={Lazy::<Login>::new()}/>
                    <Route path=path!("/setup") ssr=SsrMode::Async view={Lazy::<Setup>::new()}/>
                    <Route path=path!("/portal/login") ssr=SsrMode::Async view={Lazy::<PortalLogin>::new()}/>
                    <Route path=path!("/portal/forgot") ssr=SsrMode::Async view={Lazy::<PortalForgot>::new()}/>
                    <Route path=path!("/portal/password/:token") ssr=SsrMode::Async view={Lazy::<PortalPassword>::new()}/>
                    <Route path=path!("/portal/link-invalid") ssr=SsrMode::Async view={Lazy::<PortalLinkInvalid>::new()}/>
                    <Route path=path!("/portal/offline") view={Lazy::<PortalOffline>::new()}/>
                    <ParentRoute path=path!("/portal") ssr=SsrMode::Async view=PortalLayout>
                        <Route path=path!("") ssr=SsrMode::Async view={Lazy::<PortalHome>::new()}/>
                        <Route path=path!("m/:id") ssr=SsrMode::Async view={Lazy::<PortalMatter>::new()}/>
                        <Route path=path!("m/:id/new-ticket") ssr=SsrMode::Async view={Lazy::<PortalNewTicket>::new()}/>
                        <Route path=path!("contact") ssr=SsrMode::Async view={Lazy::<PortalContact>::new()}/>
                        <Route path=path!("tickets") ssr=SsrMode::Async view={Lazy::<PortalTickets>::new()}/>
                        <Route path=path!("tickets/:id") ssr=SsrMode::Async view={Lazy::<PortalTicket>::new()}/>
                    </ParentRoute>
                    <ParentRoute path=path!("/preview/:client") ssr=SsrMode::Async view=PortalLayout>
                        <Route path=path!("") ssr=SsrMode::Async view={Lazy::<PortalHome>::new()}/>
                        <Route path=path!("m/:id") ssr=SsrMode::Async view={Lazy::<PortalMatter>::new()}/>
                        <Route path=path!("contact") ssr=SsrMode::Async view={Lazy::<PortalContact>::new()}/>
                        <Route path=path!("tickets") ssr=SsrMode::Async view={Lazy::<PortalTickets>::new()}/>
                        <Route path=path!("tickets/:id") ssr=SsrMode::Async view={Lazy::<PortalTicket>::new()}/>
                    </ParentRoute>
                    <ParentRoute path=path!("") ssr=SsrMode::Async view=StaffLayout>
                        <Route path=path!("") ssr=SsrMode::Async view=|| view! { <Redirect path="/matters"/> }/>
                        <Route path=path!("matters") ssr=SsrMode::Async view={Lazy::<Matters>::new()}/>
                        <Route path=path!("matters/new") ssr=SsrMode::Async view={Lazy::<MatterForm>::new()}/>
                        <Route path=path!("matters/:id") ssr=SsrMode::Async view={Lazy::<Matter>::new()}/>
                        <Route path=path!("matters/:id/edit") ssr=SsrMode::Async view={Lazy::<MatterForm>::new()}/>
                        <Route path=path!("matters/:id/movements") ssr=SsrMode::Async view={Lazy::<Movements>::new()}/>
                        <Route path=path!("matters/:id/publications") ssr=SsrMode::Async view={Lazy::<Publications>::new()}/>
                        <Route path=path!("matters/:id/documents") ssr=SsrMode::Async view={Lazy::<Documents>::new()}/>
                        <Route path=path!("matters/:id/cycles") ssr=SsrMode::Async view={Lazy::<Cycles>::new()}/>
                        <Route path=path!("clients") ssr=SsrMode::Async view={Lazy::<Clients>::new()}/>
                        <Route path=path!("clients/new") ssr=SsrMode::Async view={Lazy::<ClientForm>::new()}/>
                        <Route path=path!("clients/:id") ssr=SsrMode::Async view={Lazy::<ClientForm>::new()}/>
                        <Route path=path!("settings/staff") ssr=SsrMode::Async view={Lazy::<Staff>::new()}/>
                        <Route path=path!("settings/access") ssr=SsrMode::Async view={Lazy::<Accesses>::new()}/>
                        <Route path=path!("settings/glossary") ssr=SsrMode::Async view={Lazy::<Glossary>::new()}/>
                        <Route path=path!("settings/integrations") ssr=SsrMode::Async view={Lazy::<Integrations>::new()}/>
                        <Route path=path!("tickets") ssr=SsrMode::Async view={Lazy::<Tickets>::new()}/>
                        <Route path=path!("tickets/:id") ssr=SsrMode::Async view={Lazy::<Ticket>::new()}/>
                    </ParentRoute>
                </Routes>
            </Router>
        </I18nContextProvider>
    }
}

/// Marks `<body data-hydrated="true">` once the page's own view has hydrated (tests
/// wait for it): placed in each lazily loaded page (`lazy_pages`) and the 404 page.
#[component]
fn HydrationMarker() -> impl IntoView {
    Effect::new(move |_| {
        if let Some(body) = document().body() {
            let _ = body.set_attribute("data-hydrated", "true");
        }
    });
}

/// Makes the page's answer a 404 (rendered on the server; nothing in the browser).
#[component]
pub fn NotFoundStatus() -> impl IntoView {
    #[cfg(feature = "ssr")]
    {
        if let Some(resp) = use_context::<leptos_axum::ResponseOptions>() {
            resp.set_status(axum::http::StatusCode::NOT_FOUND);
        }
    }
}

/// Shown for unknown addresses.
#[component]
fn NotFoundPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <NotFoundStatus/>
        <HydrationMarker/>
        <div class="auth-page">
            <div class="auth-card card stack">
                <h1>{t!(i18n, errors.page_not_found)}</h1>
                <a class="btn btn-primary" href="/matters">{t!(i18n, nav.back_home)}</a>
            </div>
        </div>
    }
}
