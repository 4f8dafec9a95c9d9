//! The pages are loaded in six groups of wasm chunks (Leptos `#[lazy]` split by
//! cargo-leptos `--split`): the matter page (the heaviest staff screen: board, share
//! panel, timeline), the staff's lists (matters, a matter's movements, clients), the
//! settings (matter form, staff, client access, glossary, integrations), the ticket inbox, the
//! client's portal, and the sign-in pages.
//! The main chunk holds the router, the layouts and the shared runtime; the browser
//! fetches a group when it shows one of its pages (on a first visit the server names
//! it in `<link rel="preload">`), so a staff screen never reaches a client's phone.
//! Few groups, not one per page: every set of groups sharing code becomes a chunk
//! of its own, and one group per page made a staff matter page 240 requests.
//!
//! Each route's data half is empty: the pages start their own resources, and on a
//! first visit the server has already sent their data with the page.
use leptos::prelude::*;
use crate::app::sync_view::IntoSyncAny;
use leptos::lazy;
use leptos_router::LazyRoute;

use super::pages::{accesses, auth, clients, cycles, documents, glossary, integrations, matter, matter_form, matters, movements, portal, portal_auth, publications};
use super::pages::{portal_new_ticket, portal_tickets, staff, tickets};
use super::HydrationMarker;

/// The pages of each group.
#[derive(Clone, Copy)]
pub enum Entry { Login, Setup, PortalLogin, PortalForgot, PortalPassword, PortalLinkInvalid, PortalOffline }
#[derive(Clone, Copy)]
pub enum Portal { Home, Matter, Contact, NewTicket, Tickets, Ticket }
#[derive(Clone, Copy)]
pub enum StaffList { Matters, Movements, Publications, Documents, Cycles, Clients, ClientForm }
#[derive(Clone, Copy)]
pub enum Settings { MatterForm, Staff, Accesses, Glossary, Integrations }
#[derive(Clone, Copy)]
pub enum Inbox { Tickets, Ticket }

#[lazy]
fn entry_page(page: Entry) -> AnyView {
    match page {
        Entry::Login => auth::LoginPage().into_sync_any(),
        Entry::Setup => auth::SetupPage().into_sync_any(),
        Entry::PortalLogin => portal_auth::PortalLoginPage().into_sync_any(),
        Entry::PortalForgot => portal_auth::PortalForgotPage().into_sync_any(),
        Entry::PortalPassword => portal_auth::PortalPasswordPage().into_sync_any(),
        Entry::PortalLinkInvalid => portal_auth::PortalLinkInvalidPage().into_sync_any(),
        Entry::PortalOffline => portal_auth::PortalOfflinePage().into_sync_any(),
    }
}

#[lazy]
fn portal_page(page: Portal) -> AnyView {
    match page {
        Portal::Home => portal::PortalHomePage().into_sync_any(),
        Portal::Matter => portal::PortalMatterPage().into_sync_any(),
        Portal::Contact => portal::PortalContactPage().into_sync_any(),
        Portal::NewTicket => portal_new_ticket::PortalNewTicketPage().into_sync_any(),
        Portal::Tickets => portal_tickets::PortalTicketsPage().into_sync_any(),
        Portal::Ticket => portal_tickets::PortalTicketPage().into_sync_any(),
    }
}

#[lazy]
fn list_page(page: StaffList) -> AnyView {
    match page {
        StaffList::Matters => matters::MattersPage().into_sync_any(),
        StaffList::Movements => movements::MovementsPage().into_sync_any(),
        StaffList::Publications => publications::PublicationsPage().into_sync_any(),
        StaffList::Documents => documents::DocumentsPage().into_sync_any(),
        StaffList::Cycles => cycles::CyclesPage().into_sync_any(),
        StaffList::Clients => clients::ClientsPage().into_sync_any(),
        StaffList::ClientForm => clients::ClientFormPage().into_sync_any(),
    }
}

#[lazy]
fn settings_page(page: Settings) -> AnyView {
    match page {
        Settings::MatterForm => matter_form::MatterFormPage().into_sync_any(),
        Settings::Staff => staff::StaffPage().into_sync_any(),
        Settings::Accesses => accesses::AccessesPage().into_sync_any(),
        Settings::Glossary => glossary::GlossaryPage().into_sync_any(),
        Settings::Integrations => integrations::IntegrationsPage().into_sync_any(),
    }
}

#[lazy]
fn inbox_page(page: Inbox) -> AnyView {
    match page {
        Inbox::Tickets => tickets::TicketsPage().into_sync_any(),
        Inbox::Ticket => tickets::TicketPage().into_sync_any(),
    }
}

#[lazy]
fn matter_page() -> AnyView {
    matter::MatterPage().into_sync_any()
}

/// `lazy_page!(Route => loader(args) / preloader)`: a route whose view is `loader`'s,
/// marked hydrated (`body[data-hydrated]`) once its page has hydrated.
macro_rules! lazy_page {
    ($($name:ident => $load:ident($($arg:expr)?) / $preload:ident;)+) => {$(
        #[doc = concat!("Lazily loaded route (`", stringify!($load), "`).")]
        pub struct $name;

        impl LazyRoute for $name {
            fn data() -> Self {
                $name
            }

            async fn view(_this: Self) -> AnyView {
                let page = $load($($arg)?).await;
                (page, HydrationMarker()).into_sync_any()
            }

            async fn preload() {
                #[cfg(feature = "hydrate")]
                $preload().await;
            }
        }
    )+};
}

lazy_page! {
    Login => entry_page(Entry::Login) / __preload_entry_page;
    Setup => entry_page(Entry::Setup) / __preload_entry_page;
    PortalLogin => entry_page(Entry::PortalLogin) / __preload_entry_page;
    PortalForgot => entry_page(Entry::PortalForgot) / __preload_entry_page;
    PortalPassword => entry_page(Entry::PortalPassword) / __preload_entry_page;
    PortalLinkInvalid => entry_page(Entry::PortalLinkInvalid) / __preload_entry_page;
    PortalOffline => entry_page(Entry::PortalOffline) / __preload_entry_page;
    PortalHome => portal_page(Portal::Home) / __preload_portal_page;
    PortalMatter => portal_page(Portal::Matter) / __preload_portal_page;
    PortalContact => portal_page(Portal::Contact) / __preload_portal_page;
    PortalNewTicket => portal_page(Portal::NewTicket) / __preload_portal_page;
    PortalTickets => portal_page(Portal::Tickets) / __preload_portal_page;
    PortalTicket => portal_page(Portal::Ticket) / __preload_portal_page;
    Matters => list_page(StaffList::Matters) / __preload_list_page;
    MatterForm => settings_page(Settings::MatterForm) / __preload_settings_page;
    Matter => matter_page() / __preload_matter_page;
    Clients => list_page(StaffList::Clients) / __preload_list_page;
    ClientForm => list_page(StaffList::ClientForm) / __preload_list_page;
    Staff => settings_page(Settings::Staff) / __preload_settings_page;
    Accesses => settings_page(Settings::Accesses) / __preload_settings_page;
    Tickets => inbox_page(Inbox::Tickets) / __preload_inbox_page;
    Ticket => inbox_page(Inbox::Ticket) / __preload_inbox_page;
    Movements => list_page(StaffList::Movements) / __preload_list_page;
    Publications => list_page(StaffList::Publications) / __preload_list_page;
    Documents => list_page(StaffList::Documents) / __preload_list_page;
    Cycles => list_page(StaffList::Cycles) / __preload_list_page;
    Glossary => settings_page(Settings::Glossary) / __preload_settings_page;
    Integrations => settings_page(Settings::Integrations) / __preload_settings_page;
}
