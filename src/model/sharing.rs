//! Sharing as staff see it: blocks, access types, grants and the share dialog.
use serde::{Deserialize, Serialize};

/// A part of a matter that can be shown to a client.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Block {
    Deadline,
    Schedule,
    Tasks,
    Cycles,
    AutoMovements,
    ManualMovements,
    Publications,
    Documents,
}

/// How a client reaches the portal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum AccessType {
    /// Email and a password the client sets through an emailed link.
    Account,
    /// A secret link that opens the portal without a login.
    Link,
}

/// What a grant covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Scope {
    /// One matter and its appeals/offshoots.
    Matter,
    /// Every matter where the client is a party (and their appeals/offshoots).
    Parties,
}

stored_enum!(Block {
    Deadline = "deadline",
    Schedule = "schedule",
    Tasks = "tasks",
    Cycles = "cycles",
    AutoMovements = "auto_movements",
    ManualMovements = "manual_movements",
    Publications = "publications",
    Documents = "documents",
});
stored_enum!(AccessType { Account = "account", Link = "link" });
stored_enum!(Scope { Matter = "matter", Parties = "parties" });

/// One grant in the staff's lists (the share dialog and the workspace's accesses).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Access {
    pub grant_id: String,
    pub client_id: String,
    pub client_name: String,
    pub client_email: String,
    /// None until the client's access type is chosen.
    pub access_type: Option<AccessType>,
    pub scope: Scope,
    /// The shared matter (scope `Matter`).
    pub matter_id: Option<String>,
    pub matter_title: Option<String>,
    pub include_private: bool,
    pub blocks: Vec<Block>,
    /// Epoch ms of the client's last portal request.
    pub last_seen_at: Option<i64>,
    /// Account access: the client has set a password. Link access: a link is live.
    pub ready: bool,
    /// Link access: when the link stops working (epoch ms).
    pub link_expires_at: Option<i64>,
}

/// The share dialog's form.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ShareInput {
    /// One or more addresses, separated by commas, semicolons, spaces or new lines.
    pub emails: String,
    pub blocks: Vec<String>,
    pub access_type: String,
}

/// What sharing did, per address.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ShareOutcome {
    pub email: String,
    /// True when the address became a new client (and got an invitation or a link).
    pub new_client: bool,
}

/// Input of a party-wide grant, or of an edit of any grant.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct GrantInput {
    pub blocks: Vec<String>,
    pub include_private: bool,
    pub access_type: String,
}

/// A freshly made secret link: shown once, never stored in clear.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SecretLink {
    pub url: String,
    pub expires_at: Option<i64>,
}

/// One line of the access log.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AccessLogEntry {
    pub client_name: String,
    pub matter_title: String,
    pub via: AccessType,
    pub at: i64,
}
