//! Server functions by area. Each one identifies the caller, parses input, calls
//! `server/`, and maps the result. Every endpoint is classified in [`SERVER_FNS`].
pub mod auth;
pub mod board;
pub mod clients;
pub mod cycles;
pub mod documents;
pub mod integrations;
pub mod matters;
pub mod movements;
pub mod portal;
pub mod publications;
pub mod sharing;
pub mod staff;
pub mod tickets;

/// Who may call a server fn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Anyone, signed in or not (answers only about the caller, or nothing secret).
    Public,
    /// Any active staff member; data scoped to their workspace and visibility.
    Staff,
    /// Workspace admins only.
    Admin,
    /// A signed-in client (their own data only), or staff previewing one of their clients.
    Client,
}

/// Every server fn endpoint (under `/api/`) and who may call it. A test fails
/// when a registered server fn is missing here.
pub const SERVER_FNS: &[(&str, Access)] = &[
    ("login", Access::Public),
    ("logout", Access::Public),
    ("current_user", Access::Public),
    ("setup_needed", Access::Public),
    ("setup_workspace", Access::Public),
    ("list_matters", Access::Staff),
    ("matter_choices", Access::Staff),
    ("get_matter", Access::Staff),
    ("create_matter", Access::Staff),
    ("update_matter", Access::Staff),
    ("set_matter_archived", Access::Staff),
    ("add_matter_link", Access::Staff),
    ("remove_matter_link", Access::Staff),
    ("get_board", Access::Staff),
    ("create_task", Access::Staff),
    ("update_task", Access::Staff),
    ("delete_task", Access::Staff),
    ("move_task", Access::Staff),
    ("add_column", Access::Staff),
    ("rename_column", Access::Staff),
    ("move_column", Access::Staff),
    ("delete_column", Access::Staff),
    ("list_movements", Access::Staff),
    ("sync_movements", Access::Staff),
    ("add_movement", Access::Staff),
    ("update_movement", Access::Staff),
    ("delete_movement", Access::Staff),
    ("list_glossary", Access::Staff),
    ("add_glossary_entry", Access::Staff),
    ("update_glossary_entry", Access::Staff),
    ("delete_glossary_entry", Access::Staff),
    ("list_publications", Access::Staff),
    ("add_publication", Access::Staff),
    ("update_publication", Access::Staff),
    ("delete_publication", Access::Staff),
    ("set_publication_reviewed", Access::Staff),
    ("list_documents", Access::Staff),
    ("set_document_shared", Access::Staff),
    ("delete_document", Access::Staff),
    ("list_cycles", Access::Staff),
    ("set_cycle_plan", Access::Staff),
    ("log_time", Access::Staff),
    ("delete_time_entry", Access::Staff),
    ("list_api_tokens", Access::Admin),
    ("create_api_token", Access::Admin),
    ("revoke_api_token", Access::Admin),
    ("list_clients", Access::Staff),
    ("get_client", Access::Staff),
    ("create_client", Access::Staff),
    ("update_client", Access::Staff),
    ("list_teams", Access::Staff),
    ("list_staff", Access::Admin),
    ("add_staff", Access::Admin),
    ("reset_staff_password", Access::Admin),
    ("set_staff_active", Access::Admin),
    ("set_staff_role", Access::Admin),
    ("save_team", Access::Admin),
    ("list_matter_access", Access::Staff),
    ("share_matter", Access::Staff),
    ("update_grant", Access::Staff),
    ("remove_grant", Access::Staff),
    ("rotate_client_link", Access::Staff),
    ("matter_access_log", Access::Staff),
    ("list_accesses", Access::Admin),
    ("grant_party_access", Access::Admin),
    ("portal_home", Access::Client),
    ("portal_matter", Access::Client),
    ("portal_contact", Access::Client),
    ("client_login", Access::Public),
    ("client_token_info", Access::Public),
    ("set_client_password", Access::Public),
    ("forgot_client_password", Access::Public),
    ("list_tickets", Access::Staff),
    ("ticket_filter_choices", Access::Staff),
    ("get_ticket", Access::Staff),
    ("reply_ticket", Access::Staff),
    ("add_ticket_note", Access::Staff),
    ("set_ticket_state", Access::Staff),
    ("create_task_from_ticket", Access::Staff),
    ("set_ticket_status_names", Access::Admin),
    ("create_ticket", Access::Client),
    ("list_my_tickets", Access::Client),
    ("get_my_ticket", Access::Client),
    ("reply_my_ticket", Access::Client),
];
