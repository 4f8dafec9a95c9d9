//! Matters (legal matters and projects) as the staff UI sees them.
use serde::{Deserialize, Serialize};

/// The kind of record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum MatterKind {
    Legal,
    Project,
    Recurring,
}

/// Where the matter stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum MatterStatus {
    Active,
    OnHold,
    Closed,
}

/// Which staff may see the matter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Visibility {
    Workspace,
    Team,
    Private,
}

/// How two matters are linked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum LinkKind {
    /// The linked matter is an appeal or offshoot of the other one.
    Appeal,
    /// Merely attached; never widens what a client sees.
    Related,
}

stored_enum!(MatterKind { Legal = "legal", Project = "project", Recurring = "recurring" });
stored_enum!(MatterStatus { Active = "active", OnHold = "on_hold", Closed = "closed" });
stored_enum!(Visibility { Workspace = "workspace", Team = "team", Private = "private" });
stored_enum!(LinkKind { Appeal = "appeal", Related = "related" });

/// One row of the matters list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MatterSummary {
    pub id: String,
    pub kind: MatterKind,
    pub title: String,
    pub reference: String,
    pub deadline: Option<String>,
    pub status: MatterStatus,
    pub visibility: Visibility,
    pub archived: bool,
    pub open_tasks: i64,
}

/// Filters of the matters list.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct MatterFilter {
    pub q: String,
    pub kind: String,
    pub status: String,
    pub archived: bool,
}

/// A schedule stage.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Stage {
    pub id: String,
    pub name: String,
    pub starts_on: String,
    pub ends_on: String,
    pub done: bool,
}

/// A party of the matter (a client).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Party {
    pub client_id: String,
    pub name: String,
    pub email: String,
}

/// A link to another matter, seen from this one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MatterLink {
    pub id: String,
    pub kind: LinkKind,
    /// True when the other matter is an appeal/offshoot of this one (or related to it).
    pub incoming: bool,
    pub other_id: String,
    pub other_title: String,
}

/// Everything the matter page shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MatterDetail {
    pub id: String,
    pub kind: MatterKind,
    pub title: String,
    pub reference: String,
    pub description: String,
    pub deadline: Option<String>,
    pub status: MatterStatus,
    pub visibility: Visibility,
    pub team_id: Option<String>,
    pub archived: bool,
    pub stages: Vec<Stage>,
    pub parties: Vec<Party>,
    pub links: Vec<MatterLink>,
    /// The server's date (ISO), for days-left and the timeline's today marker.
    pub today: String,
}

/// Input of the matter form (create and edit). Dates are ISO `YYYY-MM-DD`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct MatterInput {
    pub kind: String,
    pub title: String,
    pub reference: String,
    pub description: String,
    pub deadline: String,
    pub status: String,
    pub visibility: String,
    pub team_id: String,
    pub party_ids: Vec<String>,
    pub stages: Vec<StageInput>,
}

/// One stage row of the matter form.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct StageInput {
    pub name: String,
    pub starts_on: String,
    pub ends_on: String,
    pub done: bool,
}
