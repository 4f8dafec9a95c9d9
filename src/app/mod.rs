//! The UI: pages and components. No SQL and no server-only code here.
pub mod components;
pub mod pages;

use crate::i18n::*;
use components::layout::StaffLayout;
use leptos::prelude::*;
use leptos_meta::{HashedStylesheet, MetaTags, Title, provide_meta_context};
use leptos_router::components::{ParentRoute, Redirect, Route, Router, Routes};
use leptos_router::{SsrMode, path};
use components::portal_layout::PortalLayout;
use pages::portal::{PortalContactPage, PortalHomePage, PortalMatterPage};
use pages::portal_auth::*;
use pages::portal_new_ticket::PortalNewTicketPage;
use pages::portal_tickets::{PortalTicketPage, PortalTicketsPage};
use pages::tickets::{TicketPage, TicketsPage};
use pages::{accesses::AccessesPage, auth::*, clients::*, matter::MatterPage, matter_form::MatterFormPage, matters::MattersPage, staff::StaffPage};

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
            <HydrationMarker/>
            <Router>
                <Routes fallback=|| view! { <NotFoundPage/> }>
                    <Route path=path!("/login") ssr=SsrMode::Async view=LoginPage/>
                    <Route path=path!("/setup") ssr=SsrMode::Async view=SetupPage/>
                    <Route path=path!("/portal/login") ssr=SsrMode::Async view=PortalLoginPage/>
                    <Route path=path!("/portal/forgot") ssr=SsrMode::Async view=PortalForgotPage/>
                    <Route path=path!("/portal/password/:token") ssr=SsrMode::Async view=PortalPasswordPage/>
                    <Route path=path!("/portal/link-invalid") ssr=SsrMode::Async view=PortalLinkInvalidPage/>
                    <Route path=path!("/portal/offline") view=PortalOfflinePage/>
                    <ParentRoute path=path!("/portal") ssr=SsrMode::Async view=PortalLayout>
                        <Route path=path!("") ssr=SsrMode::Async view=PortalHomePage/>
                        <Route path=path!("m/:id") ssr=SsrMode::Async view=PortalMatterPage/>
                        <Route path=path!("m/:id/new-ticket") ssr=SsrMode::Async view=PortalNewTicketPage/>
                        <Route path=path!("contact") ssr=SsrMode::Async view=PortalContactPage/>
                        <Route path=path!("tickets") ssr=SsrMode::Async view=PortalTicketsPage/>
                        <Route path=path!("tickets/:id") ssr=SsrMode::Async view=PortalTicketPage/>
                    </ParentRoute>
                    <ParentRoute path=path!("/preview/:client") ssr=SsrMode::Async view=PortalLayout>
                        <Route path=path!("") ssr=SsrMode::Async view=PortalHomePage/>
                        <Route path=path!("m/:id") ssr=SsrMode::Async view=PortalMatterPage/>
                        <Route path=path!("contact") ssr=SsrMode::Async view=PortalContactPage/>
                        <Route path=path!("tickets") ssr=SsrMode::Async view=PortalTicketsPage/>
                        <Route path=path!("tickets/:id") ssr=SsrMode::Async view=PortalTicketPage/>
                    </ParentRoute>
                    <ParentRoute path=path!("") ssr=SsrMode::Async view=StaffLayout>
                        <Route path=path!("") ssr=SsrMode::Async view=|| view! { <Redirect path="/matters"/> }/>
                        <Route path=path!("matters") ssr=SsrMode::Async view=MattersPage/>
                        <Route path=path!("matters/new") ssr=SsrMode::Async view=MatterFormPage/>
                        <Route path=path!("matters/:id") ssr=SsrMode::Async view=MatterPage/>
                        <Route path=path!("matters/:id/edit") ssr=SsrMode::Async view=MatterFormPage/>
                        <Route path=path!("clients") ssr=SsrMode::Async view=ClientsPage/>
                        <Route path=path!("clients/new") ssr=SsrMode::Async view=ClientFormPage/>
                        <Route path=path!("clients/:id") ssr=SsrMode::Async view=ClientFormPage/>
                        <Route path=path!("settings/staff") ssr=SsrMode::Async view=StaffPage/>
                        <Route path=path!("settings/access") ssr=SsrMode::Async view=AccessesPage/>
                        <Route path=path!("tickets") ssr=SsrMode::Async view=TicketsPage/>
                        <Route path=path!("tickets/:id") ssr=SsrMode::Async view=TicketPage/>
                    </ParentRoute>
                </Routes>
            </Router>
        </I18nContextProvider>
    }
}

/// Marks `<body data-hydrated="true">` once the browser app runs (tests wait for it).
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
        <div class="auth-page">
            <div class="auth-card card stack">
                <h1>{t!(i18n, errors.page_not_found)}</h1>
                <a class="btn btn-primary" href="/matters">{t!(i18n, nav.back_home)}</a>
            </div>
        </div>
    }
}
