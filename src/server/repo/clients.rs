//! Clients (contacts) of a workspace.
use crate::model::fields::{Email, TEXT_MAX, TITLE_MAX, optional_text, required_text};
use crate::model::people::Client;
use crate::model::AppError;
use crate::server::auth::Staff;
use crate::server::db::{Db, is_unique_violation, new_id, now_ms};

type Row = (String, String, String, String, String, String, String);

fn to_client((id, name, email, phone, document, address, notes): Row) -> Client {
    Client { id, name, email, phone, document, address, notes }
}

const COLS: &str = "id, name, email, phone, document, address, notes";

/// Clients of the caller's workspace whose name or email contains `q`.
pub async fn list(db: &Db, staff: &Staff, q: &str) -> Result<Vec<Client>, AppError> {
    let pattern = format!("%{}%", q.trim().to_lowercase());
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "SELECT {COLS} FROM clients WHERE workspace_id = $1 \
         AND (LOWER(name) LIKE $2 OR email LIKE $2) ORDER BY name LIMIT 500"
    ))
    .bind(staff.workspace_id())
    .bind(pattern)
    .fetch_all(&db.pool)
    .await?;
    Ok(rows.into_iter().map(to_client).collect())
}

/// One client of the caller's workspace.
pub async fn get(db: &Db, staff: &Staff, id: &str) -> Result<Client, AppError> {
    let row: Option<Row> = sqlx::query_as(&format!("SELECT {COLS} FROM clients WHERE id = $1 AND workspace_id = $2"))
        .bind(id)
        .bind(staff.workspace_id())
        .fetch_optional(&db.pool)
        .await?;
    row.map(to_client).ok_or(AppError::NotFound)
}

/// The parsed client form.
struct Parsed {
    name: String,
    email: Email,
    phone: String,
    document: String,
    address: String,
    notes: String,
}

fn parse(input: &Client) -> Result<Parsed, AppError> {
    let document = optional_text("document", &input.document, 32)?;
    let digits = document.chars().filter(|c| c.is_ascii_digit()).count();
    if !document.is_empty()
        && (!(digits == 11 || digits == 14) || document.chars().any(|c| !(c.is_ascii_digit() || ".-/ ".contains(c))))
    {
        return Err(AppError::invalid("document", "bad_document"));
    }
    let phone = optional_text("phone", &input.phone, 40)?;
    if phone.chars().any(|c| !(c.is_ascii_digit() || "+()- .".contains(c))) {
        return Err(AppError::invalid("phone", "bad_phone"));
    }
    Ok(Parsed {
        name: required_text("name", &input.name, TITLE_MAX)?,
        email: Email::parse("email", &input.email)?,
        phone,
        document,
        address: optional_text("address", &input.address, 500)?,
        notes: optional_text("notes", &input.notes, TEXT_MAX)?,
    })
}

/// Refuses an email used by a staff member of this workspace.
async fn ensure_not_staff(db: &Db, workspace_id: &str, email: &str) -> Result<(), AppError> {
    let hit: Option<(i64,)> = sqlx::query_as("SELECT 1 FROM staff WHERE workspace_id = $1 AND email = $2")
        .bind(workspace_id)
        .bind(email)
        .fetch_optional(&db.pool)
        .await?;
    if hit.is_some() { Err(AppError::conflict("email", "email_is_staff")) } else { Ok(()) }
}

fn map_unique(e: sqlx::Error) -> AppError {
    if is_unique_violation(&e) { AppError::conflict("email", "email_taken") } else { e.into() }
}

/// Creates a client (`input.id` is ignored) and returns its id.
pub async fn create(db: &Db, staff: &Staff, input: &Client) -> Result<String, AppError> {
    let p = parse(input)?;
    ensure_not_staff(db, staff.workspace_id(), p.email.as_str()).await?;
    let id = new_id();
    sqlx::query(
        "INSERT INTO clients (id, workspace_id, name, email, phone, document, address, notes, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(&id)
    .bind(staff.workspace_id())
    .bind(&p.name)
    .bind(p.email.as_str())
    .bind(&p.phone)
    .bind(&p.document)
    .bind(&p.address)
    .bind(&p.notes)
    .bind(now_ms())
    .execute(&db.pool)
    .await
    .map_err(map_unique)?;
    Ok(id)
}

/// Updates the client `input.id` of the caller's workspace.
pub async fn update(db: &Db, staff: &Staff, input: &Client) -> Result<(), AppError> {
    let p = parse(input)?;
    ensure_not_staff(db, staff.workspace_id(), p.email.as_str()).await?;
    let r = sqlx::query(
        "UPDATE clients SET name = $1, email = $2, phone = $3, document = $4, address = $5, notes = $6 \
         WHERE id = $7 AND workspace_id = $8",
    )
    .bind(&p.name)
    .bind(p.email.as_str())
    .bind(&p.phone)
    .bind(&p.document)
    .bind(&p.address)
    .bind(&p.notes)
    .bind(&input.id)
    .bind(staff.workspace_id())
    .execute(&db.pool)
    .await
    .map_err(map_unique)?;
    if r.rows_affected() == 0 { Err(AppError::NotFound) } else { Ok(()) }
}
