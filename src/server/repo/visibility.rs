//! How visibility is decided for clients: one rule, in one place (PRODUCT.md).
//!
//! Client C may see block B of matter M when some grant G of C, in M's workspace,
//! has B and covers M: G's scope is matter M0 and M is M0 or an appeal/offshoot of
//! M0 (transitively); or G's scope is "every matter where C is a party" and M is
//! such a matter or an appeal/offshoot of one, and M is workspace-visible or G
//! includes private and team matters. Merely related matters are never covered.
use crate::model::sharing::Block;
use crate::model::AppError;
use crate::server::auth::PortalClient;
use crate::server::db::Db;
use super::matters::ensure_visible;
use std::collections::{BTreeMap, BTreeSet};

/// The granted blocks of each matter one client record may see.
pub type Covered = BTreeMap<String, BTreeSet<Block>>;

// The CROSS JOINs keep SQLite's planner from putting the recursive CTE in an inner
// loop (some versions then re-run it per matter: 100 ms instead of 0.5 ms on 1,000
// matters); PostgreSQL plans them as ordinary joins.
const RULE: &str = "\
WITH RECURSIVE roots(grant_id, matter_id) AS ( \
    SELECT g.id, g.matter_id FROM grants g WHERE g.client_id = $1 AND g.scope = 'matter' \
  UNION \
    SELECT g.id, p.matter_id FROM grants g JOIN matter_parties p ON p.client_id = g.client_id \
    WHERE g.client_id = $1 AND g.scope = 'parties' \
), covered(grant_id, matter_id) AS ( \
    SELECT grant_id, matter_id FROM roots \
  UNION \
    SELECT c.grant_id, l.from_matter_id FROM covered c \
    JOIN matter_links l ON l.to_matter_id = c.matter_id AND l.kind = 'appeal' \
) \
SELECT c.matter_id, b.block FROM covered c \
  CROSS JOIN grants g CROSS JOIN clients cl CROSS JOIN matters m CROSS JOIN grant_blocks b \
 WHERE g.id = c.grant_id \
   AND cl.id = g.client_id AND cl.workspace_id = g.workspace_id \
   AND m.id = c.matter_id AND m.workspace_id = g.workspace_id \
   AND b.grant_id = g.id \
   AND (g.scope = 'matter' OR m.visibility = 'workspace' OR g.include_private = 1)";

/// What client record `client_id` may see.
pub async fn covered(db: &Db, client_id: &str) -> Result<Covered, AppError> {
    let rows: Vec<(String, String)> = sqlx::query_as(RULE).bind(client_id).fetch_all(&db.pool).await?;
    let mut out = Covered::new();
    for (matter, block) in rows {
        if let Some(b) = Block::parse(&block) {
            out.entry(matter).or_default().insert(b);
        }
    }
    Ok(out)
}

/// What a portal caller may see, across its client records: matter → (index of the
/// record that sees it, blocks).
pub type CallerCovered = BTreeMap<String, (usize, BTreeSet<Block>)>;

/// What the caller may see, computed once per request and kept in the caller.
/// A staff preview shows the client's view minus matters the previewer may not see.
pub async fn covered_for<'c>(db: &Db, caller: &'c PortalClient) -> Result<&'c CallerCovered, AppError> {
    caller.covered_cell().get_or_try_init(|| compute(db, caller)).await
}

async fn compute(db: &Db, caller: &PortalClient) -> Result<CallerCovered, AppError> {
    let mut out = CallerCovered::new();
    for (i, record) in caller.records().iter().enumerate() {
        for (matter, blocks) in covered(db, &record.id).await? {
            if let Some(staff) = caller.previewer() {
                if ensure_visible(&db.pool, staff, &matter).await.is_err() {
                    continue;
                }
            }
            out.entry(matter).or_insert_with(|| (i, BTreeSet::new())).1.extend(blocks);
        }
    }
    Ok(out)
}

/// The blocks of matter `matter_id` the caller may see, with the record that sees
/// them; `NotFound` when none (the matter is not theirs to know about).
pub async fn blocks_of(db: &Db, caller: &PortalClient, matter_id: &str) -> Result<(usize, BTreeSet<Block>), AppError> {
    covered_for(db, caller)
        .await?
        .get(matter_id)
        .filter(|(_, b)| !b.is_empty())
        .cloned()
        .ok_or(AppError::NotFound)
}
