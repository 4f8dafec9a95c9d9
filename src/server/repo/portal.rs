//! The client's portal: home, a matter with only its granted blocks, the contact
//! card. Every read goes through [`super::visibility`]; every answer is built from
//! the portal types, which have no staff-only fields.
use super::flag;
use super::visibility::{blocks_of, covered_for};
use crate::model::portal::*;
use crate::model::sharing::Block;
use crate::model::AppError;
use crate::server::auth::PortalClient;
use crate::server::db::{Db, new_id, now_ms};

/// Notes the caller's visit (not when staff preview); at most once a minute, so
/// reading the portal does not write on every request.
async fn touch(db: &Db, caller: &PortalClient) -> Result<(), AppError> {
    if caller.is_preview() {
        return Ok(());
    }
    let now = now_ms();
    for r in caller.records() {
        sqlx::query("UPDATE clients SET last_seen_at = $1 WHERE id = $2 AND (last_seen_at IS NULL OR last_seen_at < $3)")
            .bind(now)
            .bind(&r.id)
            .bind(now - 60_000)
            .execute(&db.pool)
            .await?;
    }
    Ok(())
}

fn viewer(caller: &PortalClient) -> PortalViewer {
    PortalViewer {
        name: caller.records().first().map(|r| r.name.clone()).unwrap_or_default(),
        email: caller.email().to_string(),
        preview: caller.is_preview(),
    }
}

/// The caller's matters, grouped by firm, with what changed since the last visit.
pub async fn home(db: &Db, caller: &PortalClient) -> Result<ClientHome, AppError> {
    let covered = covered_for(db, caller).await?;
    let mut firms: Vec<PortalFirm> = Vec::new();
    for (matter_id, (record, blocks)) in covered {
        let rec = &caller.records()[record];
        let row: Option<(String, String, Option<String>, i64, String)> = sqlx::query_as(
            "SELECT m.title, m.reference, m.deadline, m.updated_at, w.name FROM matters m \
             JOIN workspaces w ON w.id = m.workspace_id WHERE m.id = $1 AND m.workspace_id = $2",
        )
        .bind(&matter_id)
        .bind(&rec.workspace_id)
        .fetch_optional(&db.pool)
        .await?;
        let Some((title, reference, deadline, updated_at, firm)) = row else { continue };
        let (last,): (Option<i64>,) =
            sqlx::query_as("SELECT MAX(at) FROM access_log WHERE client_id = $1 AND matter_id = $2")
                .bind(&rec.id)
                .bind(&matter_id)
                .fetch_one(&db.pool)
                .await?;
        let mut changes = 0;
        if let Some(last) = last {
            if blocks.contains(&Block::Tasks) {
                let (n,): (i64,) = sqlx::query_as(
                    "SELECT COUNT(*) FROM tasks WHERE matter_id = $1 AND is_public = 1 AND updated_at > $2",
                )
                .bind(&matter_id)
                .bind(last)
                .fetch_one(&db.pool)
                .await?;
                changes += n;
            }
            if updated_at > last && (blocks.contains(&Block::Deadline) || blocks.contains(&Block::Schedule)) {
                changes += 1;
            }
        }
        let summary = PortalMatterSummary {
            id: matter_id,
            title,
            reference,
            deadline: if blocks.contains(&Block::Deadline) { deadline } else { None },
            last_visit: last,
            changes,
        };
        match firms.iter_mut().find(|f| f.name == firm) {
            Some(f) => f.matters.push(summary),
            None => firms.push(PortalFirm { name: firm, matters: vec![summary] }),
        }
    }
    for f in &mut firms {
        f.matters.sort_by(|a, b| a.title.to_lowercase().cmp(&b.title.to_lowercase()));
    }
    firms.sort_by(|a, b| a.name.cmp(&b.name));
    touch(db, caller).await?;
    Ok(ClientHome { viewer: viewer(caller), firms })
}

/// One shared matter with only its granted blocks; the visit is logged.
pub async fn matter(db: &Db, caller: &PortalClient, matter_id: &str) -> Result<ClientMatter, AppError> {
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
    let rows: Vec<(String, String, String, i64)> =
        sqlx::query_as("SELECT name, starts_on, ends_on, done FROM stages WHERE matter_id = $1 ORDER BY position")
            .bind(matter_id)
            .fetch_all(&db.pool)
            .await?;
    let progress = blocks.contains(&Block::Deadline).then(|| {
        let done = rows.iter().filter(|r| flag(r.3)).count();
        if rows.is_empty() { 0 } else { (done * 100 / rows.len()) as u32 }
    });
    let stages = if blocks.contains(&Block::Schedule) {
        rows.into_iter()
            .map(|(name, starts_on, ends_on, done)| PortalStage { name, starts_on, ends_on, done: flag(done) })
            .collect()
    } else {
        vec![]
    };
    let board = if blocks.contains(&Block::Tasks) { Some(board(db, matter_id).await?) } else { None };
    if !caller.is_preview() {
        sqlx::query(
            "INSERT INTO access_log (id, workspace_id, client_id, matter_id, via, at) VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(new_id())
        .bind(&rec.workspace_id)
        .bind(&rec.id)
        .bind(matter_id)
        .bind(caller.via().as_str())
        .bind(now_ms())
        .execute(&db.pool)
        .await?;
    }
    touch(db, caller).await?;
    Ok(ClientMatter {
        id: matter_id.to_string(),
        firm,
        title,
        reference,
        blocks: blocks.iter().copied().collect(),
        deadline: if blocks.contains(&Block::Deadline) { deadline } else { None },
        progress,
        stages,
        board,
        today: chrono::Utc::now().date_naive().to_string(),
    })
}

/// The board with public tasks only.
async fn board(db: &Db, matter_id: &str) -> Result<Vec<PortalColumn>, AppError> {
    let cols: Vec<(String, String, i64)> =
        sqlx::query_as("SELECT id, name, is_done FROM board_columns WHERE matter_id = $1 ORDER BY position")
            .bind(matter_id)
            .fetch_all(&db.pool)
            .await?;
    let tasks: Vec<(String, String, String, Option<String>)> = sqlx::query_as(
        "SELECT column_id, title, description, due_on FROM tasks \
         WHERE matter_id = $1 AND is_public = 1 ORDER BY position",
    )
    .bind(matter_id)
    .fetch_all(&db.pool)
    .await?;
    Ok(cols
        .into_iter()
        .map(|(id, name, is_done)| PortalColumn {
            name,
            is_done: flag(is_done),
            tasks: tasks
                .iter()
                .filter(|t| t.0 == id)
                .map(|(_, title, description, due_on)| PortalTask {
                    title: title.clone(),
                    description: description.clone(),
                    due_on: due_on.clone(),
                })
                .collect(),
        })
        .collect())
}

/// The caller's contact card at each firm.
pub async fn contact(db: &Db, caller: &PortalClient) -> Result<Vec<ContactCard>, AppError> {
    let mut out = vec![];
    for r in caller.records() {
        let row: Option<(String, String, String, String, String)> = sqlx::query_as(
            "SELECT w.name, c.name, c.email, c.phone, c.address FROM clients c \
             JOIN workspaces w ON w.id = c.workspace_id WHERE c.id = $1 AND c.workspace_id = $2",
        )
        .bind(&r.id)
        .bind(&r.workspace_id)
        .fetch_optional(&db.pool)
        .await?;
        if let Some((firm, name, email, phone, address)) = row {
            out.push(ContactCard { firm, name, email, phone, address });
        }
    }
    touch(db, caller).await?;
    Ok(out)
}
