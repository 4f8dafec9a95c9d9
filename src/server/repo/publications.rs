//! A matter's publications ("publicações"). Staff type the manual ones and review
//! every one (clients see reviewed ones only); imported ones are the feed's and are
//! not edited here, only reviewed.
use super::matters::{ensure_visible, visible_name};
use crate::model::fields::{optional_text, required_date, required_text};
use crate::model::publication::{JOURNAL_MAX, MatterPublications, PUBLICATION_MAX, Publication, PublicationInput, PublicationSource};
use crate::model::AppError;
use crate::server::auth::Staff;
use crate::server::db::{Db, Tx, new_id, now_ms};

type Row = (String, String, String, String, String, Option<String>, Option<i64>, Option<String>);

/// The publications of matter `matter_id`, newest first.
pub async fn list(db: &Db, staff: &Staff, matter_id: &str) -> Result<MatterPublications, AppError> {
    let (title, reference) = visible_name(db, staff, matter_id).await?;
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT p.id, p.published_on, p.journal, p.body, p.source, a.name, p.reviewed_at, r.name FROM publications p \
         LEFT JOIN staff a ON a.id = p.author_id LEFT JOIN staff r ON r.id = p.reviewed_by \
         WHERE p.matter_id = $1 ORDER BY p.published_on DESC, p.created_at DESC",
    )
    .bind(matter_id)
    .fetch_all(&db.pool)
    .await?;
    let items = rows
        .into_iter()
        .map(|(id, published_on, journal, text, source, author, reviewed_at, reviewed_by)| Publication {
            id,
            published_on,
            journal,
            text,
            source: PublicationSource::parse(&source).unwrap_or(PublicationSource::Import),
            author,
            reviewed_at,
            reviewed_by,
        })
        .collect();
    Ok(MatterPublications { matter_id: matter_id.to_string(), title, reference, items, today: chrono::Utc::now().date_naive().to_string() })
}

fn parse(input: &PublicationInput) -> Result<(String, String, String), AppError> {
    let on = required_date("on", &input.on)?;
    let journal = optional_text("journal", &input.journal, JOURNAL_MAX)?;
    let text = required_text("text", &input.text, PUBLICATION_MAX)?;
    Ok((on.to_string(), journal, text))
}

/// Adds a manual publication (not yet reviewed) to matter `matter_id`; returns its id.
pub async fn add(db: &Db, staff: &Staff, matter_id: &str, input: &PublicationInput) -> Result<String, AppError> {
    let (on, journal, text) = parse(input)?;
    let mut tx = db.begin().await?;
    ensure_visible(&mut *tx, staff, matter_id).await?;
    let id = new_id();
    sqlx::query(
        "INSERT INTO publications (id, matter_id, published_on, journal, body, source, external_id, author_id, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, 'manual', NULL, $6, $7, $7)",
    )
    .bind(&id)
    .bind(matter_id)
    .bind(&on)
    .bind(&journal)
    .bind(&text)
    .bind(staff.id())
    .bind(now_ms())
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// The source of publication `id`, if the caller sees its matter.
async fn place(tx: &mut Tx, staff: &Staff, id: &str) -> Result<PublicationSource, AppError> {
    let row: Option<(String, String)> = sqlx::query_as(
        "SELECT p.matter_id, p.source FROM publications p JOIN matters m ON m.id = p.matter_id \
         WHERE p.id = $1 AND m.workspace_id = $2",
    )
    .bind(id)
    .bind(staff.workspace_id())
    .fetch_optional(&mut **tx)
    .await?;
    let (matter_id, source) = row.ok_or(AppError::NotFound)?;
    ensure_visible(&mut **tx, staff, &matter_id).await?;
    Ok(PublicationSource::parse(&source).unwrap_or(PublicationSource::Import))
}

/// A manual publication's place; imported ones are the feed's, not edited by hand.
async fn manual_place(tx: &mut Tx, staff: &Staff, id: &str) -> Result<(), AppError> {
    match place(tx, staff, id).await? {
        PublicationSource::Manual => Ok(()),
        PublicationSource::Import => Err(AppError::invalid("id", "publication_imported")),
    }
}

/// Edits manual publication `id` (its review stands).
pub async fn update(db: &Db, staff: &Staff, id: &str, input: &PublicationInput) -> Result<(), AppError> {
    let (on, journal, text) = parse(input)?;
    let mut tx = db.begin().await?;
    manual_place(&mut tx, staff, id).await?;
    sqlx::query("UPDATE publications SET published_on = $1, journal = $2, body = $3, updated_at = $4 WHERE id = $5")
        .bind(&on)
        .bind(&journal)
        .bind(&text)
        .bind(now_ms())
        .bind(id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// Deletes manual publication `id`.
pub async fn delete(db: &Db, staff: &Staff, id: &str) -> Result<(), AppError> {
    let mut tx = db.begin().await?;
    manual_place(&mut tx, staff, id).await?;
    sqlx::query("DELETE FROM publications WHERE id = $1").bind(id).execute(&mut *tx).await?;
    tx.commit().await?;
    Ok(())
}

/// Marks publication `id` reviewed (clients see it from now on) or not reviewed
/// (hidden from clients again). Marking it as it already is changes nothing.
pub async fn set_reviewed(db: &Db, staff: &Staff, id: &str, reviewed: bool) -> Result<(), AppError> {
    let mut tx = db.begin().await?;
    place(&mut tx, staff, id).await?;
    let now = now_ms();
    if reviewed {
        sqlx::query("UPDATE publications SET reviewed_at = $1, reviewed_by = $2, updated_at = $1 WHERE id = $3 AND reviewed_at IS NULL")
            .bind(now)
            .bind(staff.id())
            .bind(id)
            .execute(&mut *tx)
            .await?;
    } else {
        sqlx::query("UPDATE publications SET reviewed_at = NULL, reviewed_by = NULL, updated_at = $1 WHERE id = $2 AND reviewed_at IS NOT NULL")
            .bind(now)
            .bind(id)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// A publication brought by a feed (the import): its own id in that feed.
#[derive(Debug, Clone)]
pub struct FeedPublication {
    pub external_id: String,
    /// `YYYY-MM-DD`.
    pub published_on: String,
    pub journal: String,
    pub text: String,
}

/// Adds a feed's publication (not yet reviewed) to matter `matter_id` unless that
/// feed already brought it: true when added. The caller has checked the matter
/// belongs to the feed's workspace.
pub async fn add_from_feed<'e, E>(exec: E, matter_id: &str, p: &FeedPublication) -> Result<bool, AppError>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    let now = now_ms();
    let done = sqlx::query(
        "INSERT INTO publications (id, matter_id, published_on, journal, body, source, external_id, author_id, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, 'import', $6, NULL, $7, $7) ON CONFLICT (matter_id, source, external_id) DO NOTHING",
    )
    .bind(new_id())
    .bind(matter_id)
    .bind(&p.published_on)
    .bind(&p.journal)
    .bind(&p.text)
    .bind(&p.external_id)
    .bind(now)
    .execute(exec)
    .await?;
    Ok(done.rows_affected() == 1)
}
