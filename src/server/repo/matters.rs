//! Matters: list, detail, create, edit, archive, links. Staff see a matter when it
//! is in their workspace and workspace-visible, theirs, of one of their teams, or
//! they are an admin.
use super::flag;
use crate::model::fields::{TEXT_MAX, TITLE_MAX, optional_date, optional_text, required_date, required_text};
use crate::model::matter::*;
use crate::model::{AppError, Choice};
use crate::server::auth::Staff;
use crate::server::db::{Db, Tx, new_id, now_ms};
use sqlx::{Any, Executor};

/// SQL condition "matter `m` is visible to the caller"; binds $1 workspace, $2 is-admin, $3 staff id.
macro_rules! visible {
    () => { "m.workspace_id = $1 AND (m.visibility = 'workspace' OR $2 = 1 OR m.owner_id = $3 \
     OR (m.visibility = 'team' AND m.team_id IN (SELECT tm.team_id FROM team_members tm WHERE tm.staff_id = $3)))" };
}

/// The condition "matter `m` is visible to the caller" (binds as [`visible!`]), for
/// other areas' queries that join `matters m`: the staff visibility rule is written
/// once, here.
pub const VISIBLE_MATTER: &str = visible!();

/// Binds the three parameters of [`visible!`].
pub fn bind_visible<'q, O>(
    q: sqlx::query::QueryAs<'q, Any, O, sqlx::any::AnyArguments<'q>>,
    staff: &'q Staff,
) -> sqlx::query::QueryAs<'q, Any, O, sqlx::any::AnyArguments<'q>> {
    q.bind(staff.workspace_id()).bind(staff.is_admin() as i64).bind(staff.id())
}

/// NotFound unless matter `id` exists and the caller may see it.
pub async fn ensure_visible<'e, E>(exec: E, staff: &Staff, id: &str) -> Result<(), AppError>
where
    E: Executor<'e, Database = Any>,
{
    let q = sqlx::query_as::<_, (i64,)>(concat!("SELECT 1 FROM matters m WHERE m.id = $4 AND ", visible!()));
    let hit = bind_visible(q, staff).bind(id).fetch_optional(exec).await?;
    hit.map(|_| ()).ok_or(AppError::NotFound)
}

/// The title and reference of matter `id`, in one query; NotFound unless the caller
/// may see it (the head of a matter's section pages).
pub async fn visible_name(db: &Db, staff: &Staff, id: &str) -> Result<(String, String), AppError> {
    let q = sqlx::query_as::<_, (String, String)>(concat!("SELECT m.title, m.reference FROM matters m WHERE m.id = $4 AND ", visible!()));
    bind_visible(q, staff).bind(id).fetch_optional(&db.pool).await?.ok_or(AppError::NotFound)
}

type SummaryRow = (String, String, String, String, Option<String>, String, String, i64, i64);

/// Every matter the caller sees that is not archived, as (id, title) choices, by title.
pub async fn choices(db: &Db, staff: &Staff) -> Result<Vec<Choice>, AppError> {
    let sql = concat!("SELECT m.id, m.title FROM matters m WHERE ", visible!(), " AND m.archived = 0 ORDER BY m.title");
    let rows: Vec<(String, String)> = bind_visible(sqlx::query_as(sql), staff).fetch_all(&db.pool).await?;
    Ok(rows.into_iter().map(|(id, label)| Choice { id, label }).collect())
}

/// The matters list with search (title or reference) and filters.
pub async fn list(db: &Db, staff: &Staff, f: &MatterFilter) -> Result<Vec<MatterSummary>, AppError> {
    let sql = concat!(
        "SELECT m.id, m.kind, m.title, m.reference, m.deadline, m.status, m.visibility, m.archived, \
           (SELECT COUNT(*) FROM tasks t JOIN board_columns c ON c.id = t.column_id \
             WHERE t.matter_id = m.id AND c.is_done = 0) \
         FROM matters m WHERE ", visible!(), " AND m.archived = $4 \
           AND ($5 = '' OR LOWER(m.title) LIKE $6 OR LOWER(m.reference) LIKE $6) \
           AND ($7 = '' OR m.kind = $7) AND ($8 = '' OR m.status = $8) \
         ORDER BY m.updated_at DESC LIMIT 500"
    );
    let q = f.q.trim().to_lowercase();
    let rows: Vec<SummaryRow> = bind_visible(sqlx::query_as(sql), staff)
        .bind(f.archived as i64)
        .bind(q.clone())
        .bind(format!("%{q}%"))
        .bind(f.kind.clone())
        .bind(f.status.clone())
        .fetch_all(&db.pool)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(id, kind, title, reference, deadline, status, visibility, archived, open)| MatterSummary {
            id,
            kind: MatterKind::parse(&kind).unwrap_or(MatterKind::Project),
            title,
            reference,
            deadline,
            status: MatterStatus::parse(&status).unwrap_or(MatterStatus::Active),
            visibility: Visibility::parse(&visibility).unwrap_or(Visibility::Private),
            archived: flag(archived),
            open_tasks: open,
        })
        .collect())
}

type DetailRow = (String, String, String, String, String, Option<String>, String, String, Option<String>, i64);

/// Everything on the matter page.
pub async fn detail(db: &Db, staff: &Staff, id: &str) -> Result<MatterDetail, AppError> {
    let sql = concat!(
        "SELECT m.id, m.kind, m.title, m.reference, m.description, m.deadline, m.status, m.visibility, \
         m.team_id, m.archived FROM matters m WHERE m.id = $4 AND ", visible!()
    );
    let row: Option<DetailRow> = bind_visible(sqlx::query_as(sql), staff).bind(id).fetch_optional(&db.pool).await?;
    let (id, kind, title, reference, description, deadline, status, visibility, team_id, archived) =
        row.ok_or(AppError::NotFound)?;
    let stages: Vec<(String, String, String, String, i64)> = sqlx::query_as(
        "SELECT id, name, starts_on, ends_on, done FROM stages WHERE matter_id = $1 ORDER BY position",
    )
    .bind(&id)
    .fetch_all(&db.pool)
    .await?;
    let parties: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT c.id, c.name, c.email FROM matter_parties p JOIN clients c ON c.id = p.client_id \
         WHERE p.matter_id = $1 ORDER BY c.name",
    )
    .bind(&id)
    .fetch_all(&db.pool)
    .await?;
    // Links to matters the caller may not see are left out.
    let links_sql = concat!(
        "SELECT l.id, l.kind, CASE WHEN l.to_matter_id = $4 THEN 1 ELSE 0 END, m.id, m.title \
         FROM matter_links l JOIN matters m \
           ON m.id = CASE WHEN l.to_matter_id = $4 THEN l.from_matter_id ELSE l.to_matter_id END \
         WHERE (l.to_matter_id = $4 OR l.from_matter_id = $4) AND ", visible!(), " ORDER BY m.title"
    );
    let links: Vec<(String, String, i64, String, String)> =
        bind_visible(sqlx::query_as(links_sql), staff).bind(&id).fetch_all(&db.pool).await?;
    Ok(MatterDetail {
        id,
        kind: MatterKind::parse(&kind).unwrap_or(MatterKind::Project),
        title,
        reference,
        description,
        deadline,
        status: MatterStatus::parse(&status).unwrap_or(MatterStatus::Active),
        visibility: Visibility::parse(&visibility).unwrap_or(Visibility::Private),
        team_id,
        archived: flag(archived),
        stages: stages
            .into_iter()
            .map(|(id, name, starts_on, ends_on, done)| Stage { id, name, starts_on, ends_on, done: flag(done) })
            .collect(),
        parties: parties.into_iter().map(|(client_id, name, email)| Party { client_id, name, email }).collect(),
        links: links
            .into_iter()
            .map(|(id, kind, incoming, other_id, other_title)| MatterLink {
                id,
                kind: LinkKind::parse(&kind).unwrap_or(LinkKind::Related),
                incoming: flag(incoming),
                other_id,
                other_title,
            })
            .collect(),
        today: chrono::Utc::now().date_naive().to_string(),
    })
}

/// The matter form, parsed.
struct Parsed {
    kind: MatterKind,
    title: String,
    reference: String,
    description: String,
    deadline: Option<String>,
    status: MatterStatus,
    visibility: Visibility,
    team_id: Option<String>,
    stages: Vec<(String, String, String, bool)>,
}

fn parse(input: &MatterInput) -> Result<Parsed, AppError> {
    let kind = MatterKind::parse(&input.kind).ok_or_else(|| AppError::invalid("kind", "bad_choice"))?;
    let title = required_text("title", &input.title, TITLE_MAX)?;
    let reference = optional_text("reference", &input.reference, 100)?;
    let description = optional_text("description", &input.description, TEXT_MAX)?;
    let deadline = optional_date("deadline", &input.deadline)?.map(|d| d.to_string());
    let status = MatterStatus::parse(&input.status).ok_or_else(|| AppError::invalid("status", "bad_choice"))?;
    let visibility =
        Visibility::parse(&input.visibility).ok_or_else(|| AppError::invalid("visibility", "bad_choice"))?;
    let team_id = Some(input.team_id.trim().to_string()).filter(|t| !t.is_empty());
    if visibility == Visibility::Team && team_id.is_none() {
        return Err(AppError::invalid("team_id", "team_required"));
    }
    if input.stages.len() > 100 {
        return Err(AppError::invalid("stages", "too_many"));
    }
    let mut stages = Vec::new();
    for (i, s) in input.stages.iter().enumerate() {
        let name = required_text(&format!("stages.{i}.name"), &s.name, TITLE_MAX)?;
        let start = required_date(&format!("stages.{i}.starts_on"), &s.starts_on)?;
        let end = required_date(&format!("stages.{i}.ends_on"), &s.ends_on)?;
        if end < start {
            return Err(AppError::invalid(&format!("stages.{i}.ends_on"), "ends_before_start"));
        }
        stages.push((name, start.to_string(), end.to_string(), s.done));
    }
    Ok(Parsed { kind, title, reference, description, deadline, status, visibility, team_id, stages })
}

async fn check_team(tx: &mut Tx, staff: &Staff, team_id: &Option<String>) -> Result<(), AppError> {
    if let Some(t) = team_id {
        let hit: Option<(i64,)> = sqlx::query_as("SELECT 1 FROM teams WHERE id = $1 AND workspace_id = $2")
            .bind(t)
            .bind(staff.workspace_id())
            .fetch_optional(&mut **tx)
            .await?;
        if hit.is_none() {
            return Err(AppError::invalid("team_id", "not_found"));
        }
    }
    Ok(())
}

async fn write_children(tx: &mut Tx, staff: &Staff, id: &str, p: &Parsed, party_ids: &[String]) -> Result<(), AppError> {
    sqlx::query("DELETE FROM stages WHERE matter_id = $1").bind(id).execute(&mut **tx).await?;
    for (pos, (name, start, end, done)) in p.stages.iter().enumerate() {
        sqlx::query(
            "INSERT INTO stages (id, matter_id, name, starts_on, ends_on, done, position) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(new_id())
        .bind(id)
        .bind(name)
        .bind(start)
        .bind(end)
        .bind(*done as i64)
        .bind(pos as i64)
        .execute(&mut **tx)
        .await?;
    }
    sqlx::query("DELETE FROM matter_parties WHERE matter_id = $1").bind(id).execute(&mut **tx).await?;
    let unique: std::collections::BTreeSet<&String> = party_ids.iter().collect();
    for cid in unique {
        let r = sqlx::query(
            "INSERT INTO matter_parties (matter_id, client_id) SELECT $1, id FROM clients WHERE id = $2 AND workspace_id = $3",
        )
        .bind(id)
        .bind(cid)
        .bind(staff.workspace_id())
        .execute(&mut **tx)
        .await?;
        if r.rows_affected() == 0 {
            return Err(AppError::invalid("parties", "not_found"));
        }
    }
    Ok(())
}

/// Creates a matter with its stages, parties and the default board columns
/// (`column_names`: to do, doing, done, in the creator's language). Returns its id.
pub async fn create(db: &Db, staff: &Staff, input: &MatterInput, column_names: [String; 3]) -> Result<String, AppError> {
    let p = parse(input)?;
    let mut tx = db.begin().await?;
    check_team(&mut tx, staff, &p.team_id).await?;
    let id = new_id();
    let now = now_ms();
    sqlx::query(
        "INSERT INTO matters (id, workspace_id, kind, title, reference, description, deadline, status, \
         visibility, team_id, owner_id, archived, created_at, updated_at, deadline_changed_at, schedule_changed_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 0, $12, $12, $12, $12)",
    )
    .bind(&id)
    .bind(staff.workspace_id())
    .bind(p.kind.as_str())
    .bind(&p.title)
    .bind(&p.reference)
    .bind(&p.description)
    .bind(&p.deadline)
    .bind(p.status.as_str())
    .bind(p.visibility.as_str())
    .bind(&p.team_id)
    .bind(staff.id())
    .bind(now)
    .execute(&mut *tx)
    .await?;
    write_children(&mut tx, staff, &id, &p, &input.party_ids).await?;
    for (pos, name) in column_names.iter().enumerate() {
        sqlx::query("INSERT INTO board_columns (id, matter_id, name, position, is_done) VALUES ($1, $2, $3, $4, $5)")
            .bind(new_id())
            .bind(&id)
            .bind(name)
            .bind(pos as i64)
            .bind((pos == 2) as i64)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(id)
}

/// Replaces matter `id`'s fields, stages and parties.
pub async fn update(db: &Db, staff: &Staff, id: &str, input: &MatterInput) -> Result<(), AppError> {
    let p = parse(input)?;
    let mut tx = db.begin().await?;
    ensure_visible(&mut *tx, staff, id).await?;
    check_team(&mut tx, staff, &p.team_id).await?;
    // What clients see of the deadline and the schedule: note when each really changed.
    let (old_deadline,): (Option<String>,) =
        sqlx::query_as("SELECT deadline FROM matters WHERE id = $1").bind(id).fetch_one(&mut *tx).await?;
    let old_stages: Vec<(String, String, String, i64)> =
        sqlx::query_as("SELECT name, starts_on, ends_on, done FROM stages WHERE matter_id = $1 ORDER BY position")
            .bind(id)
            .fetch_all(&mut *tx)
            .await?;
    let old_stages: Vec<(String, String, String, bool)> =
        old_stages.into_iter().map(|(n, s, e, d)| (n, s, e, flag(d))).collect();
    sqlx::query(
        "UPDATE matters SET kind = $1, title = $2, reference = $3, description = $4, deadline = $5, \
         status = $6, visibility = $7, team_id = $8, updated_at = $9, \
         deadline_changed_at = CASE WHEN $12 = 1 THEN $9 ELSE deadline_changed_at END, \
         schedule_changed_at = CASE WHEN $13 = 1 THEN $9 ELSE schedule_changed_at END \
         WHERE id = $10 AND workspace_id = $11",
    )
    .bind(p.kind.as_str())
    .bind(&p.title)
    .bind(&p.reference)
    .bind(&p.description)
    .bind(&p.deadline)
    .bind(p.status.as_str())
    .bind(p.visibility.as_str())
    .bind(&p.team_id)
    .bind(now_ms())
    .bind(id)
    .bind(staff.workspace_id())
    .bind((old_deadline != p.deadline) as i64)
    .bind((old_stages != p.stages) as i64)
    .execute(&mut *tx)
    .await?;
    write_children(&mut tx, staff, id, &p, &input.party_ids).await?;
    tx.commit().await?;
    Ok(())
}

/// Archives or restores a matter.
pub async fn set_archived(db: &Db, staff: &Staff, id: &str, archived: bool) -> Result<(), AppError> {
    let mut tx = db.begin().await?;
    ensure_visible(&mut *tx, staff, id).await?;
    sqlx::query("UPDATE matters SET archived = $1, updated_at = $2 WHERE id = $3 AND workspace_id = $4")
        .bind(archived as i64)
        .bind(now_ms())
        .bind(id)
        .bind(staff.workspace_id())
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// Links `from_id` to `to_id`: `from` is an appeal/offshoot of `to`, or merely related.
pub async fn add_link(db: &Db, staff: &Staff, from_id: &str, to_id: &str, kind: &str) -> Result<String, AppError> {
    let kind = LinkKind::parse(kind).ok_or_else(|| AppError::invalid("kind", "bad_choice"))?;
    if from_id == to_id {
        return Err(AppError::invalid("other_id", "link_self"));
    }
    let mut tx = db.begin().await?;
    ensure_visible(&mut *tx, staff, from_id).await?;
    ensure_visible(&mut *tx, staff, to_id).await.map_err(|_| AppError::invalid("other_id", "not_found"))?;
    let exists: Option<(i64,)> = sqlx::query_as(
        "SELECT 1 FROM matter_links WHERE (from_matter_id = $1 AND to_matter_id = $2) \
         OR (from_matter_id = $2 AND to_matter_id = $1)",
    )
    .bind(from_id)
    .bind(to_id)
    .fetch_optional(&mut *tx)
    .await?;
    if exists.is_some() {
        return Err(AppError::conflict("other_id", "link_exists"));
    }
    let id = new_id();
    sqlx::query("INSERT INTO matter_links (id, from_matter_id, to_matter_id, kind, created_at) VALUES ($1, $2, $3, $4, $5)")
        .bind(&id)
        .bind(from_id)
        .bind(to_id)
        .bind(kind.as_str())
        .bind(now_ms())
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(id)
}

/// Removes a link; the caller must see the matter it is removed from.
pub async fn remove_link(db: &Db, staff: &Staff, matter_id: &str, link_id: &str) -> Result<(), AppError> {
    let mut tx = db.begin().await?;
    ensure_visible(&mut *tx, staff, matter_id).await?;
    let r = sqlx::query("DELETE FROM matter_links WHERE id = $1 AND (from_matter_id = $2 OR to_matter_id = $2)")
        .bind(link_id)
        .bind(matter_id)
        .execute(&mut *tx)
        .await?;
    if r.rows_affected() == 0 {
        return Err(AppError::NotFound);
    }
    tx.commit().await?;
    Ok(())
}
