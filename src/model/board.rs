//! The staff Kanban of a matter.
use serde::{Deserialize, Serialize};

/// A task card as staff see it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Task {
    pub id: String,
    pub column_id: String,
    pub title: String,
    pub description: String,
    pub due_on: Option<String>,
    pub assignee_id: Option<String>,
    pub assignee_name: Option<String>,
    pub is_public: bool,
    /// The ticket this task was made from: (ticket id, ticket number).
    pub ticket: Option<(String, i64)>,
}

/// A board column with its tasks in order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Column {
    pub id: String,
    pub name: String,
    pub is_done: bool,
    pub tasks: Vec<Task>,
}

/// The whole board, plus who tasks can be assigned to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Board {
    pub matter_id: String,
    pub columns: Vec<Column>,
    pub assignees: Vec<(String, String)>,
}

/// Input of the task form (create and edit).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TaskInput {
    pub title: String,
    pub description: String,
    pub due_on: String,
    pub assignee_id: String,
    pub is_public: bool,
}
