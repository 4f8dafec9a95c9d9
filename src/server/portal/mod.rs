//! The client's portal: home, a matter with only its granted blocks, the contact
//! card. What a caller may see comes from [`crate::server::repo::visibility`]
//! (computed once per request); each block's data from [`blocks`]; answers are
//! built from the portal types, which have no staff-only fields. Reads never write:
//! visits go to the [`Visits`] buffer.
pub mod blocks;

use crate::model::portal::*;
use crate::model::sharing::Block;
use crate::model::ticket::UploadLimits;
use crate::model::AppError;
use crate::server::auth::PortalClient;
use crate::server::db::{Db, in_list, now_ms};
use crate::server::repo::visibility::{blocks_of, covered_for};
use crate::server::visits::{MatterVisit, Recorder};
use blocks::MatterHead;
use std::collections::{BTreeSet, HashMap};

/// Most ids bound in one `IN (…)` list.
const IN_CHUNK: usize = 500;

/// Notes that the caller used the portal (not when staff preview).
fn seen(visits: &Recorder<'_>, caller: &PortalClient) {
    if caller.is_preview() {
        return;
    }
    for r in caller.records() {
        visits.seen(&r.id);
    }
}

fn viewer(caller: &PortalClient) -> PortalViewer {
    PortalViewer {
        name: caller.records().first().map(|r| r.name.clone()).unwrap_or_default(),
        email: caller.email().to_string(),
        preview: caller.is_preview(),
    }
}

#[derive(sqlx::FromRow)]
struct SummaryRow {
    id: String,
    title: String,
    reference: String,
    deadline: Option<String>,
    firm: String,
}

/// The caller's matters, grouped by firm, with what changed since the last visit.
/// A fixed number of queries per client record, whatever the number of matters.
/// `upload_limits` go with it, for the browser to check before uploading.
pub async fn home(db: &Db, visits: &Recorder<'_>, caller: &PortalClient, upload_limits: UploadLimits) -> Result<ClientHome, AppError> {
    let covered = covered_for(db, caller).await?;
    let mut firms: Vec<PortalFirm> = Vec::new();
    for (i, rec) in caller.records().iter().enumerate() {
        let granted: HashMap<String, BTreeSet<Block>> = covered
            .iter()
            .filter(|(_, (r, _))| *r == i)
            .map(|(m, (_, b))| (m.clone(), b.clone()))
            .collect();
        if granted.is_empty() {
            continue;
        }
        let ids: Vec<&String> = granted.keys().collect();
        let mut rows: Vec<SummaryRow> = Vec::with_capacity(ids.len());
        for chunk in ids.chunks(IN_CHUNK) {
            let list = in_list(2, chunk.len());
            let sql = format!(
                "SELECT m.id, m.title, m.reference, m.deadline, w.name AS firm FROM matters m \
                 JOIN workspaces w ON w.id = m.workspace_id WHERE m.id IN ({list}) AND m.workspace_id || '' = $1"
            );
            let mut q = sqlx::query_as::<_, SummaryRow>(&sql).bind(&rec.workspace_id);
            for id in chunk {
                q = q.bind(*id);
            }
            rows.extend(q.fetch_all(&db.pool).await?);
        }
        let last: HashMap<String, i64> =
            sqlx::query_as::<_, (String, i64)>("SELECT matter_id, MAX(at) FROM access_log WHERE client_id = $1 GROUP BY matter_id")
                .bind(&rec.id)
                .fetch_all(&db.pool)
                .await?
                .into_iter()
                .collect();
        let changes = blocks::changes(db, &rec.id, &granted).await?;
        for r in rows {
            let blocks = &granted[&r.id];
            let last_visit = last.get(&r.id).copied();
            let summary = PortalMatterSummary {
                changes: if last_visit.is_some() { changes.get(&r.id).copied().unwrap_or(0) } else { 0 },
                deadline: if blocks.contains(&Block::Deadline) { r.deadline } else { None },
                id: r.id,
                title: r.title,
                reference: r.reference,
                last_visit,
            };
            match firms.iter_mut().find(|f| f.name == r.firm) {
                Some(f) => f.matters.push(summary),
                None => firms.push(PortalFirm { name: r.firm, matters: vec![summary] }),
            }
        }
    }
    for f in &mut firms {
        f.matters.sort_by_cached_key(|m| m.title.to_lowercase());
    }
    firms.sort_by(|a, b| a.name.cmp(&b.name));
    seen(visits, caller);
    Ok(ClientHome { viewer: viewer(caller), firms, upload_limits })
}

/// One shared matter with only its granted blocks; the visit is noted (not by a
/// staff preview) and written by the visit buffer, not by this read.
pub async fn matter(db: &Db, visits: &Recorder<'_>, caller: &PortalClient, matter_id: &str) -> Result<ClientMatter, AppError> {
    let (record, blocks) = blocks_of(db, caller, matter_id).await?;
    let rec = &caller.records()[record];
    let (title, reference, deadline, firm): (String, String, Option<String>, String) = sqlx::query_as(
        "SELECT m.title, m.reference, m.deadline, w.name FROM matters m \
         JOIN workspaces w ON w.id = m.workspace_id WHERE m.id = $1 AND m.workspace_id = $2",
    )
    .bind(matter_id)
    .bind(&rec.workspace_id)
    .fetch_optional(&db.pool)
    .await?
    .ok_or(AppError::NotFound)?;
    let head = MatterHead { id: matter_id.to_string(), workspace_id: rec.workspace_id.clone(), deadline };
    let sections = blocks::load(db, &head, &blocks).await?;
    if !caller.is_preview() {
        visits.matter(MatterVisit {
            workspace_id: rec.workspace_id.clone(),
            client_id: rec.id.clone(),
            matter_id: matter_id.to_string(),
            via: caller.via().as_str(),
            at: now_ms(),
        });
    }
    Ok(ClientMatter {
        id: head.id,
        firm,
        title,
        reference,
        blocks: blocks.iter().copied().collect(),
        sections,
        today: chrono::Utc::now().date_naive().to_string(),
    })
}

/// The caller's contact card at each firm.
pub async fn contact(db: &Db, visits: &Recorder<'_>, caller: &PortalClient) -> Result<Vec<ContactCard>, AppError> {
    let mut out = vec![];
    for r in caller.records() {
        let row: Option<(String, String, String, String, String, Option<i64>)> = sqlx::query_as(
            "SELECT w.name, c.name, c.email, c.phone, c.address, c.digest_since FROM clients c \
             JOIN workspaces w ON w.id = c.workspace_id WHERE c.id = $1 AND c.workspace_id = $2",
        )
        .bind(&r.id)
        .bind(&r.workspace_id)
        .fetch_optional(&db.pool)
        .await?;
        if let Some((firm, name, email, phone, address, digest)) = row {
            out.push(ContactCard { client_id: r.id.clone(), digest: digest.is_some(), firm, name, email, phone, address });
        }
    }
    seen(visits, caller);
    Ok(out)
}
