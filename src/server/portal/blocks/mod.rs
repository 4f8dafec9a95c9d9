//! The portal's blocks, registered in one list. Each block is one module here (its
//! query, the gate on its items, and what counts as a change since a client's last
//! visit) and one component in `app::components::portal_blocks`.
pub mod cycles;
pub mod deadline;
pub mod documents;
pub mod movements;
pub mod publications;
pub mod schedule;
pub mod tasks;

use crate::model::portal::PortalSection;
use crate::model::sharing::Block;
use crate::model::AppError;
use crate::server::db::Db;
use std::collections::{BTreeSet, HashMap};

/// The blocks the portal renders, in display order.
pub const REGISTRY: &[Block] = &[
    Block::Deadline,
    Block::Schedule,
    Block::Tasks,
    Block::Cycles,
    Block::AutoMovements,
    Block::ManualMovements,
    Block::Publications,
    Block::Documents,
];

/// What a block needs of its matter (read once by the matter page).
#[derive(Debug, Clone)]
pub struct MatterHead {
    pub id: String,
    pub workspace_id: String,
    pub deadline: Option<String>,
}

/// The data of the granted, registered blocks of one matter, in display order.
/// Only granted blocks are queried.
pub async fn load(db: &Db, head: &MatterHead, granted: &BTreeSet<Block>) -> Result<Vec<PortalSection>, AppError> {
    let mut out = Vec::new();
    for block in REGISTRY.iter().filter(|b| granted.contains(b)) {
        out.push(match block {
            Block::Deadline => deadline::load(db, head).await?,
            Block::Schedule => schedule::load(db, head).await?,
            Block::Tasks => tasks::load(db, head).await?,
            Block::AutoMovements => movements::load(db, head, true).await?,
            Block::ManualMovements => movements::load(db, head, false).await?,
            Block::Publications => publications::load(db, head).await?,
            Block::Documents => documents::load(db, head).await?,
            Block::Cycles => cycles::load(db, head).await?,
        });
    }
    Ok(out)
}

/// Changes since each matter's last visit by client record `client_id`, counted by
/// the granted blocks only: one query per block for all the client's matters.
/// `granted`: matter → blocks, for the matters this record sees.
pub async fn changes(
    db: &Db,
    client_id: &str,
    granted: &HashMap<String, BTreeSet<Block>>,
) -> Result<HashMap<String, i64>, AppError> {
    let mut total: HashMap<String, i64> = HashMap::new();
    for block in REGISTRY {
        if !granted.values().any(|b| b.contains(block)) {
            continue;
        }
        let counts = match block {
            Block::Deadline => deadline::changes(db, client_id).await?,
            Block::Schedule => schedule::changes(db, client_id).await?,
            Block::Tasks => tasks::changes(db, client_id).await?,
            Block::AutoMovements => movements::changes(db, client_id, true).await?,
            Block::ManualMovements => movements::changes(db, client_id, false).await?,
            Block::Publications => publications::changes(db, client_id).await?,
            Block::Documents => documents::changes(db, client_id).await?,
            // Logging time is not news.
            Block::Cycles => continue,
        };
        for (matter, n) in counts {
            if granted.get(&matter).is_some_and(|b| b.contains(block)) {
                *total.entry(matter).or_default() += n;
            }
        }
    }
    Ok(total)
}

/// The latest visit of client record `$1` per matter, as a subquery `v(matter_id, last)`.
pub(super) const LAST_VISITS: &str =
    "(SELECT matter_id, MAX(at) AS last FROM access_log WHERE client_id = $1 GROUP BY matter_id) v";

/// Matters visited by client record `client_id` whose `changed_at` column (a
/// `matters` column kept by the matter's edit) is later than that visit: 1 each.
pub(super) async fn matter_field_changed(db: &Db, client_id: &str, changed_at: &'static str) -> Result<HashMap<String, i64>, AppError> {
    let rows: Vec<(String,)> = sqlx::query_as(&format!(
        "SELECT v.matter_id FROM {LAST_VISITS} JOIN matters m ON m.id = v.matter_id WHERE m.{changed_at} > v.last"
    ))
    .bind(client_id)
    .fetch_all(&db.pool)
    .await?;
    Ok(rows.into_iter().map(|(m,)| (m, 1)).collect())
}
