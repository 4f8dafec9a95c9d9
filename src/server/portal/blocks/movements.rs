//! The two movements blocks: automatic (DataJud, the import) and manual (written by
//! staff). Each lists its movements, newest first, with the glossary's explanation.
//! Changes: movements of the block's kind added since the client's last visit.
use super::{LAST_VISITS, MatterHead};
use crate::model::movement::explain;
use crate::model::portal::{PortalMovement, PortalSection};
use crate::model::AppError;
use crate::server::db::Db;
use crate::server::repo::glossary;
use std::collections::HashMap;

/// The SQL condition on `mv.source` for one block.
fn source_is(automatic: bool) -> &'static str {
    if automatic { "mv.source <> 'manual'" } else { "mv.source = 'manual'" }
}

/// The block's movements of matter `head`.
pub async fn load(db: &Db, head: &MatterHead, automatic: bool) -> Result<PortalSection, AppError> {
    let rows: Vec<(String, String)> = sqlx::query_as(&format!(
        "SELECT mv.occurred_at, mv.body FROM movements mv WHERE mv.matter_id = $1 AND {} \
         ORDER BY mv.occurred_at DESC, mv.created_at DESC",
        source_is(automatic)
    ))
    .bind(&head.id)
    .fetch_all(&db.pool)
    .await?;
    let terms = if rows.is_empty() { vec![] } else { glossary::terms(&db.pool, &head.workspace_id).await? };
    let items = rows
        .into_iter()
        .map(|(occurred_at, text)| PortalMovement { explanation: explain(&terms, &text).map(str::to_string), occurred_at, text })
        .collect();
    Ok(PortalSection::Movements { automatic, items })
}

/// Movements of the block's kind added since client record `client_id` last visited each matter.
pub async fn changes(db: &Db, client_id: &str, automatic: bool) -> Result<HashMap<String, i64>, AppError> {
    let rows: Vec<(String, i64)> = sqlx::query_as(&format!(
        "SELECT v.matter_id, COUNT(mv.id) FROM {LAST_VISITS} \
         JOIN movements mv ON mv.matter_id = v.matter_id AND {} AND mv.created_at > v.last \
         GROUP BY v.matter_id",
        source_is(automatic)
    ))
    .bind(client_id)
    .fetch_all(&db.pool)
    .await?;
    Ok(rows.into_iter().collect())
}
