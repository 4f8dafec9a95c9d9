//! The client's portal. These types have no staff-only fields at all: no internal
//! notes, no assignees, no non-public tasks, no visibility or team data.
use super::sharing::Block;
use serde::{Deserialize, Serialize};

/// Who is looking at the portal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PortalViewer {
    pub name: String,
    pub email: String,
    /// True when staff preview a client's portal (read-only).
    pub preview: bool,
}

/// The portal's home: the viewer's matters, grouped by firm.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClientHome {
    pub viewer: PortalViewer,
    pub firms: Vec<PortalFirm>,
    /// What a new ticket's attachments may weigh.
    pub upload_limits: super::ticket::UploadLimits,
}

/// One firm and the matters it shares with the viewer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PortalFirm {
    pub name: String,
    pub matters: Vec<PortalMatterSummary>,
}

/// A shared matter on the home page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PortalMatterSummary {
    pub id: String,
    pub title: String,
    pub reference: String,
    /// Deadline (only with the deadline block).
    pub deadline: Option<String>,
    /// Epoch ms of the viewer's previous visit of this matter; None: never opened.
    pub last_visit: Option<i64>,
    /// Visible things changed since that visit (public tasks, schedule, matter).
    pub changes: i64,
}

/// A shared matter with only the granted blocks filled in.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClientMatter {
    pub id: String,
    pub firm: String,
    pub title: String,
    pub reference: String,
    /// Every block granted on this matter.
    pub blocks: Vec<Block>,
    /// The data of the granted blocks the portal shows, in display order.
    pub sections: Vec<PortalSection>,
    pub today: String,
}

impl ClientMatter {
    /// The deadline, when the deadline block is granted.
    pub fn deadline(&self) -> Option<&str> {
        self.sections.iter().find_map(|s| match s {
            PortalSection::Deadline { deadline, .. } => deadline.as_deref(),
            _ => None,
        })
    }
}

/// One granted block of a matter with its data (each has one server module in
/// `server::portal::blocks` and one component in `app::components::portal_blocks`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum PortalSection {
    /// The deadline and the share of schedule stages done (0–100).
    Deadline { deadline: Option<String>, progress: u32 },
    /// The schedule stages, for the timeline.
    Schedule { stages: Vec<PortalStage> },
    /// The board with public tasks only.
    Tasks { columns: Vec<PortalColumn> },
    /// Movements, newest first: the automatic ones (court feeds) or the manual ones.
    Movements { automatic: bool, items: Vec<PortalMovement> },
    /// Reviewed publications, newest first.
    Publications { items: Vec<PortalPublication> },
    /// Shared documents, newest first (downloaded at `/files/{id}`).
    Documents { items: Vec<PortalDocument> },
    /// The cycles of a recurring project, newest first: hours used of the budget,
    /// and hours per public task (never who worked, never other tasks).
    Cycles { budget_minutes: i64, cycles: Vec<PortalCycle> },
}

/// One cycle as the client sees it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PortalCycle {
    pub starts_on: String,
    pub ends_on: String,
    /// All the time logged in the cycle.
    pub used_minutes: i64,
    pub current: bool,
    /// Hours per public task.
    pub tasks: Vec<crate::model::cycle::TaskHours>,
}

/// A shared document as the client sees it (no uploader).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PortalDocument {
    pub id: String,
    pub file_name: String,
    pub size: i64,
    /// Epoch milliseconds.
    pub created_at: i64,
}

/// A reviewed publication as the client sees it (no author, no reviewer).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PortalPublication {
    /// `YYYY-MM-DD`.
    pub published_on: String,
    pub journal: String,
    pub text: String,
}

/// A movement as the client sees it (no author, no source id).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PortalMovement {
    /// `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM`.
    pub occurred_at: String,
    pub text: String,
    /// What the text means, from the firm's glossary.
    pub explanation: Option<String>,
}

/// A schedule stage.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PortalStage {
    pub name: String,
    pub starts_on: String,
    pub ends_on: String,
    pub done: bool,
}

/// A Kanban column as the client sees it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PortalColumn {
    pub name: String,
    pub is_done: bool,
    pub tasks: Vec<PortalTask>,
}

/// A public task.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PortalTask {
    pub title: String,
    pub description: String,
    pub due_on: Option<String>,
}

/// The viewer's contact card, as each firm has it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ContactCard {
    /// The client record (one per firm).
    pub client_id: String,
    /// Whether this client gets the daily digest of this firm's news.
    pub digest: bool,
    pub firm: String,
    pub name: String,
    pub email: String,
    pub phone: String,
    pub address: String,
}

/// What an emailed password link is for, shown before the client spends it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TokenInfo {
    /// "invite" or "reset".
    pub purpose: String,
    pub email: String,
}
