//! A matter's movements ("andamentos"). Staff write the manual ones; the automatic
//! ones (DataJud, the import) are the feed's and are not edited here.
use super::glossary;
use super::matters::ensure_visible;
use crate::model::fields::{required_date, required_text};
use crate::model::movement::{MOVEMENT_MAX, MatterMovements, Movement, MovementInput, MovementSource, SyncStatus, explain};
use crate::model::AppError;
use crate::server::auth::Staff;
use crate::server::db::{Db, Tx, new_id, now_ms};

type Row = (String, String, String, String, Option<String>);

/// The movements of matter `matter_id`, newest first, each with its glossary
/// explanation.
pub async fn list(db: &Db, staff: &Staff, matter_id: &str, datajud_on: bool) -> Result<MatterMovements, AppError> {
    ensure_visible(&db.pool, staff, matter_id).await?;
    let (title, reference, kind, sync_at, sync_status, sync_added): (String, String, String, Option<i64>, Option<String>, i64) =
        sqlx::query_as("SELECT title, reference, kind, sync_at, sync_status, sync_added FROM matters WHERE id = $1")
            .bind(matter_id)
            .fetch_one(&db.pool)
            .await?;
    let can_sync = datajud_on && kind == "legal" && !reference.trim().is_empty();
    let sync = sync_at.zip(sync_status).map(|(at, status)| SyncStatus { at, status, added: sync_added });
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT mv.id, mv.occurred_at, mv.body, mv.source, s.name FROM movements mv \
         LEFT JOIN staff s ON s.id = mv.author_id \
         WHERE mv.matter_id = $1 ORDER BY mv.occurred_at DESC, mv.created_at DESC",
    )
    .bind(matter_id)
    .fetch_all(&db.pool)
    .await?;
    let terms = glossary::terms(&db.pool, staff.workspace_id()).await?;
    let items = rows
        .into_iter()
        .map(|(id, occurred_at, text, source, author)| Movement {
            explanation: explain(&terms, &text).map(str::to_string),
            source: MovementSource::parse(&source).unwrap_or(MovementSource::Import),
            id,
            occurred_at,
            text,
            author,
        })
        .collect();
    Ok(MatterMovements { matter_id: matter_id.to_string(), title, reference, items, today: chrono::Utc::now().date_naive().to_string(), can_sync, sync })
}

fn parse(input: &MovementInput) -> Result<(String, String), AppError> {
    let on = required_date("on", &input.on)?;
    let text = required_text("text", &input.text, MOVEMENT_MAX)?;
    Ok((on.to_string(), text))
}

/// Adds a manual movement to matter `matter_id`; returns its id.
pub async fn add(db: &Db, staff: &Staff, matter_id: &str, input: &MovementInput) -> Result<String, AppError> {
    let (on, text) = parse(input)?;
    let mut tx = db.begin().await?;
    ensure_visible(&mut *tx, staff, matter_id).await?;
    let id = new_id();
    let now = now_ms();
    sqlx::query(
        "INSERT INTO movements (id, matter_id, occurred_at, body, source, external_id, author_id, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, 'manual', NULL, $5, $6, $6)",
    )
    .bind(&id)
    .bind(matter_id)
    .bind(&on)
    .bind(&text)
    .bind(staff.id())
    .bind(now)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// The reference of legal matter `matter_id`, if the caller sees it (what a sync
/// fetches).
pub async fn sync_target(db: &Db, staff: &Staff, matter_id: &str) -> Result<String, AppError> {
    ensure_visible(&db.pool, staff, matter_id).await?;
    let (kind, reference): (String, String) =
        sqlx::query_as("SELECT kind, reference FROM matters WHERE id = $1").bind(matter_id).fetch_one(&db.pool).await?;
    if kind != "legal" || reference.trim().is_empty() {
        return Err(AppError::invalid("reference", "bad_number"));
    }
    Ok(reference)
}

/// The matter of manual movement `id`, if the caller sees it. Automatic movements
/// are the court's record: they are not edited nor deleted by hand.
async fn manual_place(tx: &mut Tx, staff: &Staff, id: &str) -> Result<String, AppError> {
    let row: Option<(String, String)> = sqlx::query_as(
        "SELECT mv.matter_id, mv.source FROM movements mv JOIN matters m ON m.id = mv.matter_id \
         WHERE mv.id = $1 AND m.workspace_id = $2",
    )
    .bind(id)
    .bind(staff.workspace_id())
    .fetch_optional(&mut **tx)
    .await?;
    let (matter_id, source) = row.ok_or(AppError::NotFound)?;
    ensure_visible(&mut **tx, staff, &matter_id).await?;
    if source != MovementSource::Manual.as_str() {
        return Err(AppError::invalid("id", "movement_automatic"));
    }
    Ok(matter_id)
}

/// Edits manual movement `id`.
pub async fn update(db: &Db, staff: &Staff, id: &str, input: &MovementInput) -> Result<(), AppError> {
    let (on, text) = parse(input)?;
    let mut tx = db.begin().await?;
    manual_place(&mut tx, staff, id).await?;
    sqlx::query("UPDATE movements SET occurred_at = $1, body = $2, updated_at = $3 WHERE id = $4")
        .bind(&on)
        .bind(&text)
        .bind(now_ms())
        .bind(id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// Deletes manual movement `id`.
pub async fn delete(db: &Db, staff: &Staff, id: &str) -> Result<(), AppError> {
    let mut tx = db.begin().await?;
    manual_place(&mut tx, staff, id).await?;
    sqlx::query("DELETE FROM movements WHERE id = $1").bind(id).execute(&mut *tx).await?;
    tx.commit().await?;
    Ok(())
}

/// A movement brought by a feed (DataJud, the import): its own id in that feed.
#[derive(Debug, Clone)]
pub struct FeedMovement {
    pub source: MovementSource,
    pub external_id: String,
    /// `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM`.
    pub occurred_at: String,
    pub text: String,
}

/// Adds a feed's movement to matter `matter_id` unless that feed already brought it
/// (same source and external id): true when added. The caller has checked the
/// matter belongs to the feed's workspace.
pub async fn add_from_feed<'e, E>(exec: E, matter_id: &str, m: &FeedMovement) -> Result<bool, AppError>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    let now = now_ms();
    let done = sqlx::query(
        "INSERT INTO movements (id, matter_id, occurred_at, body, source, external_id, author_id, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, NULL, $7, $7) ON CONFLICT (matter_id, source, external_id) DO NOTHING",
    )
    .bind(new_id())
    .bind(matter_id)
    .bind(&m.occurred_at)
    .bind(&m.text)
    .bind(m.source.as_str())
    .bind(&m.external_id)
    .bind(now)
    .execute(exec)
    .await?;
    Ok(done.rows_affected() == 1)
}
