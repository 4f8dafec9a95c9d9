//! Tickets, client side: file a ticket in a shared matter, list and follow one's own
//! tickets, reply. Only matters the client may see now (the visibility rule), only
//! their own tickets, never internal notes. Staff previews are read-only.
use super::tickets::{add_event, status_names};
use super::visibility::{blocks_of, covered_for};
use crate::model::fields::{TEXT_MAX, TITLE_MAX, optional_text, required_text};
use crate::model::ticket::*;
use crate::model::AppError;
use crate::server::auth::PortalClient;
use crate::server::db::{Db, new_id, now_ms};
use crate::server::mail::{self, MailCtx, templates};

fn writable(caller: &PortalClient) -> Result<(), AppError> {
    if caller.is_preview() { Err(AppError::invalid("form", "preview_read_only")) } else { Ok(()) }
}

/// Files a ticket in matter `matter_id`; every admin of the firm gets a copy by mail.
pub async fn create(db: &Db, caller: &PortalClient, matter_id: &str, input: &TicketInput, ctx: &MailCtx) -> Result<String, AppError> {
    writable(caller)?;
    let title = required_text("title", &input.title, TITLE_MAX)?;
    let priority = Priority::parse(&input.priority).ok_or_else(|| AppError::invalid("priority", "bad_choice"))?;
    let description = optional_text("description", &input.description, TEXT_MAX)?;
    let (record, _) = blocks_of(db, caller, matter_id).await?;
    let rec = &caller.records()[record];
    let mut tx = db.begin().await?;
    // The workspace's counter, taken atomically: unique and gapless under concurrency
    // (the row stays locked until this transaction ends; a rollback gives it back).
    let (number,): (i64,) =
        sqlx::query_as("UPDATE workspaces SET ticket_seq = ticket_seq + 1 WHERE id = $1 RETURNING ticket_seq")
            .bind(&rec.workspace_id)
            .fetch_one(&mut *tx)
            .await?;
    let id = new_id();
    let now = now_ms();
    sqlx::query(
        "INSERT INTO tickets (id, workspace_id, matter_id, client_id, number, title, description, priority, priority_rank, \
         state, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'received', $10, $10)",
    )
    .bind(&id)
    .bind(&rec.workspace_id)
    .bind(matter_id)
    .bind(&rec.id)
    .bind(number)
    .bind(&title)
    .bind(&description)
    .bind(priority.as_str())
    .bind(priority.rank())
    .bind(now)
    .execute(&mut *tx)
    .await?;
    add_event(&mut tx, &id, EventKind::Status, None, Some(&rec.id), "", Some(TicketState::Received)).await?;
    let (matter_title,): (String,) = sqlx::query_as("SELECT title FROM matters WHERE id = $1").bind(matter_id).fetch_one(&mut *tx).await?;
    let admins: Vec<(String,)> =
        sqlx::query_as("SELECT email FROM staff WHERE workspace_id = $1 AND role = 'admin' AND active = 1 ORDER BY email")
            .bind(&rec.workspace_id)
            .fetch_all(&mut *tx)
            .await?;
    let url = format!("{}/tickets/{id}", ctx.base_url);
    let priority_name = crate::app::components::text::priority_label(ctx.locale, priority);
    for (to,) in admins {
        let m = templates::ticket_new(ctx.locale, &to, number, &title, &rec.name, &matter_title, &priority_name, &url);
        mail::enqueue(&mut tx, &ctx.key, &m).await?;
    }
    tx.commit().await?;
    Ok(id)
}

type Row = (String, i64, String, String, String, String, String, i64, i64, String, String);

/// The caller's own tickets (of one matter, or all), newest first, in matters they
/// may still see.
pub async fn list(db: &Db, caller: &PortalClient, matter_id: &str) -> Result<Vec<ClientTicketRow>, AppError> {
    let covered = covered_for(db, caller).await?;
    let mut out = vec![];
    // One matter's tickets are found by the (client, matter) index, all by the client's.
    let one_matter = if matter_id.is_empty() { "" } else { " AND t.matter_id = $3" };
    let sql = format!(
        "SELECT t.id, t.number, t.title, t.priority, t.state, t.matter_id, m.title, t.created_at, t.updated_at, \
         t.workspace_id, t.client_id FROM tickets t JOIN matters m ON m.id = t.matter_id \
         WHERE t.client_id = $1 AND t.workspace_id = $2{one_matter} ORDER BY t.created_at DESC"
    );
    for rec in caller.records() {
        let mut q = sqlx::query_as::<_, Row>(&sql).bind(&rec.id).bind(&rec.workspace_id);
        if !matter_id.is_empty() {
            q = q.bind(matter_id);
        }
        let rows = q.fetch_all(&db.pool).await?;
        let names = status_names(&db.pool, &rec.workspace_id, crate::server::locale::request_locale().await).await?;
        for r in rows.into_iter().filter(|r| covered.contains_key(&r.5)) {
            out.push(to_row(r, &names));
        }
    }
    out.sort_by(|a, b| b.created_at.cmp(&a.created_at));
    Ok(out)
}

fn to_row(r: Row, names: &StatusNames) -> ClientTicketRow {
    let (id, number, title, priority, state, matter_id, matter_title, created_at, updated_at, _, _) = r;
    let state = TicketState::parse(&state).unwrap_or(TicketState::Received);
    ClientTicketRow {
        id,
        number,
        title,
        priority: Priority::parse(&priority).unwrap_or(Priority::Normal),
        state,
        state_name: names.name(state),
        matter_id,
        matter_title,
        created_at,
        updated_at,
    }
}

/// One of the caller's tickets, with messages and status history (no notes).
pub async fn get(db: &Db, caller: &PortalClient, id: &str) -> Result<ClientTicket, AppError> {
    let (row, names, _) = own(db, caller, id).await?;
    let description: (String,) = sqlx::query_as("SELECT description FROM tickets WHERE id = $1").bind(id).fetch_one(&db.pool).await?;
    let events: Vec<(String, Option<String>, Option<String>, Option<String>, String, Option<String>, i64)> = sqlx::query_as(
        "SELECT e.kind, e.author_client_id, s.name, c.name, e.body, e.state, e.created_at FROM ticket_events e \
         LEFT JOIN staff s ON s.id = e.author_staff_id LEFT JOIN clients c ON c.id = e.author_client_id \
         WHERE e.ticket_id = $1 AND e.kind IN ('message', 'status') ORDER BY e.created_at, e.id",
    )
    .bind(id)
    .fetch_all(&db.pool)
    .await?;
    Ok(ClientTicket {
        attachments: super::tickets::attachments(&db.pool, id).await?,
        row,
        description: description.0,
        events: events
            .into_iter()
            .map(|(kind, author_client, staff_name, client_name, body, state, created_at)| ClientTicketEvent {
                from_client: author_client.is_some(),
                author: client_name.or(staff_name).unwrap_or_default(),
                body: if kind == "message" { body } else { String::new() },
                state_name: state.as_deref().and_then(TicketState::parse).map(|s| names.name(s)),
                created_at,
            })
            .collect(),
    })
}

/// The caller's ticket `id` in a matter they still see, its firm's state names and
/// the caller's client record it belongs to.
async fn own(db: &Db, caller: &PortalClient, id: &str) -> Result<(ClientTicketRow, StatusNames, String), AppError> {
    let row: Option<Row> = sqlx::query_as(
        "SELECT t.id, t.number, t.title, t.priority, t.state, t.matter_id, m.title, t.created_at, t.updated_at, \
         t.workspace_id, t.client_id FROM tickets t JOIN matters m ON m.id = t.matter_id WHERE t.id = $1",
    )
    .bind(id)
    .fetch_optional(&db.pool)
    .await?;
    let row = row.ok_or(AppError::NotFound)?;
    if !caller.records().iter().any(|r| r.id == row.10 && r.workspace_id == row.9) {
        return Err(AppError::NotFound);
    }
    blocks_of(db, caller, &row.5).await?;
    let names = status_names(&db.pool, &row.9, crate::server::locale::request_locale().await).await?;
    let client_id = row.10.clone();
    Ok((to_row(row, &names), names, client_id))
}

/// The client's reply; refused on closed tickets.
pub async fn reply(db: &Db, caller: &PortalClient, id: &str, body: &str) -> Result<(), AppError> {
    writable(caller)?;
    let body = required_text("body", body, TEXT_MAX)?;
    let (row, _, client_id) = own(db, caller, id).await?;
    if row.state == TicketState::Closed {
        return Err(AppError::invalid("body", "ticket_closed"));
    }
    let mut tx = db.begin().await?;
    add_event(&mut tx, id, EventKind::Message, None, Some(&client_id), &body, None).await?;
    tx.commit().await?;
    Ok(())
}
