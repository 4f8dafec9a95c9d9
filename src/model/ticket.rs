//! Tickets: client requests in a matter. Staff types carry internal notes; the
//! client's types (`Client*`) do not have them at all.
use serde::{Deserialize, Serialize};

/// How urgent a ticket is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Priority {
    Low,
    Normal,
    High,
    Urgent,
}

/// The fixed underlying states; each workspace names them as it likes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum TicketState {
    Received,
    InProgress,
    Done,
    Closed,
}

/// What a ticket event is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum EventKind {
    Message,
    Note,
    Status,
}

stored_enum!(Priority { Low = "low", Normal = "normal", High = "high", Urgent = "urgent" });
stored_enum!(TicketState { Received = "received", InProgress = "in_progress", Done = "done", Closed = "closed" });
stored_enum!(EventKind { Message = "message", Note = "note", Status = "status" });

impl Priority {
    /// Sort rank: urgent first when sorting by priority, descending.
    pub fn rank(self) -> i64 {
        match self {
            Priority::Low => 0,
            Priority::Normal => 1,
            Priority::High => 2,
            Priority::Urgent => 3,
        }
    }
}

/// The client's new-ticket form.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TicketInput {
    pub title: String,
    pub priority: String,
    pub description: String,
}

/// How much a ticket's attachments may weigh, in bytes: the browser checks it
/// before sending anything; the server enforces it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct UploadLimits {
    /// The largest one file may be.
    pub file: u64,
    /// The most all of one ticket's files may add up to.
    pub ticket: u64,
}

impl UploadLimits {
    /// The first rule that files of these `(name, size)` break, if any.
    pub fn check<S: Into<String>>(&self, files: impl IntoIterator<Item = (S, u64)>) -> Option<OverLimit> {
        let mut total = 0u64;
        for (name, size) in files {
            if size > self.file {
                return Some(OverLimit::File(name.into()));
            }
            total = total.saturating_add(size);
        }
        (total > self.ticket).then_some(OverLimit::Ticket)
    }
}

/// Which upload limit was passed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OverLimit {
    /// This file alone is over the per-file limit.
    File(String),
    /// Together the files are over the per-ticket limit.
    Ticket,
}

/// The workspace's name for each state, in state order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StatusNames(pub Vec<(TicketState, String)>);

impl StatusNames {
    /// The name of `state`.
    pub fn name(&self, state: TicketState) -> String {
        self.0.iter().find(|(s, _)| *s == state).map(|(_, n)| n.clone()).unwrap_or_default()
    }
}

/// One row of the staff inbox.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TicketRow {
    pub id: String,
    pub number: i64,
    pub title: String,
    pub priority: Priority,
    pub state: TicketState,
    pub state_name: String,
    pub matter_id: String,
    pub matter_title: String,
    pub client_id: String,
    pub client_name: String,
    pub created_at: i64,
    pub updated_at: i64,
    /// Something happened since this staff member last opened it.
    pub unread: bool,
}

/// Filters, sort and page of the inbox. Empty strings mean "any".
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct InboxQuery {
    pub state: String,
    pub priority: String,
    pub client_id: String,
    pub matter_id: String,
    /// "age" (default), "priority", "client", "matter" or "status".
    pub sort: String,
    pub desc: bool,
    /// 0-based.
    pub page: i64,
}

/// One page of the inbox.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InboxPage {
    pub rows: Vec<TicketRow>,
    /// Tickets matching the filters (or, when `total_is_lower_bound`, at least this many).
    pub total: i64,
    /// The count stopped early: there are more than `total`.
    pub total_is_lower_bound: bool,
    pub page: i64,
    pub per_page: i64,
    pub status_names: StatusNames,
    /// The server's clock (epoch ms), so ages render the same on both sides.
    pub now: i64,
}

/// A ticket event as staff see it (notes included).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TicketEvent {
    pub kind: EventKind,
    pub author: String,
    pub from_client: bool,
    pub body: String,
    pub state: Option<TicketState>,
    pub created_at: i64,
}

/// The staff's ticket page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TicketDetail {
    pub row: TicketRow,
    pub description: String,
    pub client_email: String,
    pub events: Vec<TicketEvent>,
    /// The task made from this ticket: (id, title, column name).
    pub task: Option<(String, String, String)>,
    pub status_names: StatusNames,
    pub attachments: Vec<Attachment>,
    /// The columns of the matter's board (id, name), for "create task from ticket".
    pub columns: Vec<(String, String)>,
}

/// A ticket in the client's lists.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClientTicketRow {
    pub id: String,
    pub number: i64,
    pub title: String,
    pub priority: Priority,
    pub state: TicketState,
    pub state_name: String,
    pub matter_id: String,
    pub matter_title: String,
    pub created_at: i64,
    pub updated_at: i64,
}

/// A message or status change as the client sees it (never a note).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClientTicketEvent {
    pub author: String,
    pub from_client: bool,
    pub body: String,
    pub state_name: Option<String>,
    pub created_at: i64,
}

/// The client's ticket page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClientTicket {
    pub row: ClientTicketRow,
    pub description: String,
    pub events: Vec<ClientTicketEvent>,
    pub attachments: Vec<Attachment>,
}

/// A file attached to a ticket.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Attachment {
    pub id: String,
    pub file_name: String,
    pub content_type: String,
    pub size: i64,
    pub created_at: i64,
}

/// What the inbox's client and matter filters offer: those with tickets the caller sees.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct InboxFilterChoices {
    pub clients: Vec<super::Choice>,
    pub matters: Vec<super::Choice>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn upload_limits_name_the_first_file_over_and_count_the_total() {
        let limits = UploadLimits { file: 10, ticket: 15 };
        assert_eq!(limits.check([("a.pdf", 10), ("b.pdf", 5)]), None, "at the limits is allowed");
        assert_eq!(limits.check([("a.pdf", 3), ("grande.pdf", 11), ("c.pdf", 20)]), Some(OverLimit::File("grande.pdf".into())));
        assert_eq!(limits.check([("a.pdf", 10), ("b.pdf", 6)]), Some(OverLimit::Ticket));
        assert_eq!(limits.check(Vec::<(String, u64)>::new()), None);
    }
}
