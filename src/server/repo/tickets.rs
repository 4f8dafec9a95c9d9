//! Tickets, staff side: the inbox (filters, sort, pages), the ticket page with its
//! conversation and internal notes, replies, status changes, and the task made
//! from a ticket. Staff see the tickets of the matters they may see.
use super::matters::{VISIBLE_MATTER, bind_visible, ensure_visible};
use crate::i18n::Locale;
use crate::model::board::TaskInput;
use crate::model::fields::{TEXT_MAX, required_text};
use crate::model::ticket::*;
use crate::model::AppError;
use crate::server::auth::{Admin, Staff};
use crate::server::db::{Db, Tx, new_id, now_ms};
use crate::server::mail::{self, MailCtx, templates};
use sqlx::{Any, Executor};

/// Inbox rows per page.
pub const PER_PAGE: i64 = 50;

/// The workspace's state names, falling back to the defaults of `locale`.
pub async fn status_names<'e, E: Executor<'e, Database = Any>>(exec: E, workspace_id: &str, locale: Locale) -> Result<StatusNames, AppError> {
    let custom: Vec<(String, String)> =
        sqlx::query_as("SELECT state, name FROM ticket_status_names WHERE workspace_id = $1").bind(workspace_id).fetch_all(exec).await?;
    Ok(StatusNames(
        TicketState::ALL
            .iter()
            .map(|s| {
                let name = custom.iter().find(|(c, _)| c == s.as_str()).map(|(_, n)| n.clone()).unwrap_or_else(|| crate::app::components::text::state_label(locale, *s));
                (*s, name)
            })
            .collect(),
    ))
}


/// Renames the states of the caller's workspace (one name per state, in order). Admin.
pub async fn set_status_names(db: &Db, admin: &Admin, names: &[String]) -> Result<(), AppError> {
    if names.len() != TicketState::ALL.len() {
        return Err(AppError::invalid("names", "bad_request"));
    }
    let mut parsed = vec![];
    for (i, n) in names.iter().enumerate() {
        parsed.push(required_text(&format!("names.{i}"), n, 40)?);
    }
    let ws = admin.staff().workspace_id();
    let mut tx = db.begin().await?;
    sqlx::query("DELETE FROM ticket_status_names WHERE workspace_id = $1").bind(ws).execute(&mut *tx).await?;
    for (s, n) in TicketState::ALL.iter().zip(parsed) {
        sqlx::query("INSERT INTO ticket_status_names (workspace_id, state, name) VALUES ($1, $2, $3)")
            .bind(ws)
            .bind(s.as_str())
            .bind(n)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(())
}

type Row = (String, i64, String, String, String, String, String, String, String, i64, i64, i64);

const ROW_SQL: &str = "SELECT t.id, t.number, t.title, t.priority, t.state, t.matter_id, m.title, t.client_id, c.name, \
    t.created_at, t.updated_at, CASE WHEN r.read_at IS NULL OR r.read_at < t.updated_at THEN 1 ELSE 0 END \
    FROM tickets t JOIN matters m ON m.id = t.matter_id JOIN clients c ON c.id = t.client_id \
    LEFT JOIN ticket_reads r ON r.ticket_id = t.id AND r.staff_id = $3 WHERE ";

fn to_row(r: Row, names: &StatusNames) -> TicketRow {
    let (id, number, title, priority, state, matter_id, matter_title, client_id, client_name, created_at, updated_at, unread) = r;
    let state = TicketState::parse(&state).unwrap_or(TicketState::Received);
    TicketRow {
        id,
        number,
        title,
        priority: Priority::parse(&priority).unwrap_or(Priority::Normal),
        state,
        state_name: names.name(state),
        matter_id,
        matter_title,
        client_id,
        client_name,
        created_at,
        updated_at,
        unread: unread != 0,
    }
}

/// Inbox totals are counted exactly up to this many rows past the page's start;
/// beyond that the inbox says "more than" (counting a large firm's 100,000 tickets
/// on every view cost more than the page itself).
pub const COUNT_AHEAD: i64 = 1_000;

/// One page of the workspace's tickets the caller may see.
pub async fn inbox(db: &Db, staff: &Staff, q: &InboxQuery, locale: Locale) -> Result<InboxPage, AppError> {
    if !q.state.is_empty() && TicketState::parse(&q.state).is_none() {
        return Err(AppError::invalid("state", "bad_choice"));
    }
    if !q.priority.is_empty() && Priority::parse(&q.priority).is_none() {
        return Err(AppError::invalid("priority", "bad_choice"));
    }
    // Age is the ticket number (numbers follow creation, and index every order below).
    let order = match q.sort.as_str() {
        "" | "age" => None,
        "priority" => Some("t.priority_rank"),
        "client" => Some("LOWER(c.name)"),
        "matter" => Some("LOWER(m.title)"),
        "status" => Some("CASE t.state WHEN 'received' THEN 0 WHEN 'in_progress' THEN 1 WHEN 'done' THEN 2 ELSE 3 END"),
        _ => return Err(AppError::invalid("sort", "bad_choice")),
    };
    let dir = if q.desc { "DESC" } else { "ASC" };
    let order = match order {
        Some(o) => format!("{o} {dir}, t.number {dir}"),
        None => format!("t.number {dir}"),
    };
    let page = q.page.clamp(0, 1_000_000);
    let offset = page * PER_PAGE;
    // Only the filters that are set become conditions, so each can use its index.
    let mut filter = String::new();
    let mut args: Vec<&str> = vec![];
    for (column, value) in [("t.state", &q.state), ("t.priority", &q.priority), ("t.client_id", &q.client_id), ("t.matter_id", &q.matter_id)] {
        if !value.is_empty() {
            args.push(value);
            filter.push_str(&format!(" AND {column} = ${}", 3 + args.len()));
        }
    }
    let sql = format!("{ROW_SQL}{}{filter} ORDER BY {order} LIMIT {PER_PAGE} OFFSET {offset}", visible_on_m(staff));
    let rows = args.iter().fold(bind_visible(sqlx::query_as::<_, Row>(&sql), staff), |q, a| q.bind(*a)).fetch_all(&db.pool).await?;
    let limit = offset + COUNT_AHEAD + 1;
    let count_sql = format!("SELECT COUNT(*) FROM (SELECT 1 {}{filter} LIMIT {limit}) x", visible_from(staff));
    let (counted,) =
        args.iter().fold(bind_visible(sqlx::query_as::<_, (i64,)>(&count_sql), staff), |q, a| q.bind(*a)).fetch_one(&db.pool).await?;
    let names = status_names(&db.pool, staff.workspace_id(), locale).await?;
    Ok(InboxPage {
        rows: rows.into_iter().map(|r| to_row(r, &names)).collect(),
        total: counted.min(limit - 1),
        total_is_lower_bound: counted == limit,
        page,
        per_page: PER_PAGE,
        status_names: names,
        now: now_ms(),
    })
}

/// The clients and matters that have tickets the caller sees, by name (inbox filters).
pub async fn filter_choices(db: &Db, staff: &Staff) -> Result<InboxFilterChoices, AppError> {
    let from = visible_from(staff);
    let clients: Vec<(String, String)> = bind_visible(sqlx::query_as(&format!(
        "SELECT c.id, c.name FROM clients c WHERE c.workspace_id = $1 AND c.id IN (SELECT t.client_id {from}) ORDER BY LOWER(c.name)"
    )), staff)
    .fetch_all(&db.pool)
    .await?;
    let matters: Vec<(String, String)> = bind_visible(sqlx::query_as(&format!(
        "SELECT m2.id, m2.title FROM matters m2 WHERE m2.workspace_id = $1 AND m2.id IN (SELECT t.matter_id {from}) ORDER BY LOWER(m2.title)"
    )), staff)
    .fetch_all(&db.pool)
    .await?;
    let choice = |(id, label): (String, String)| crate::model::Choice { id, label };
    Ok(InboxFilterChoices { clients: clients.into_iter().map(choice).collect(), matters: matters.into_iter().map(choice).collect() })
}

/// "FROM … WHERE …" of the tickets `t` the caller may see (binds as [`bind_visible`]):
/// admins see the whole workspace (no join at all); members, the tickets whose matter
/// is visible to them, checked row by row on the matter's primary key (a page of 50
/// stops after 50 visible tickets; building the set of visible matter ids first
/// read every matter of the firm).
fn visible_from(staff: &Staff) -> String {
    let join = if staff.is_admin() { "" } else { " JOIN matters m ON m.id = t.matter_id" };
    format!("FROM tickets t{join} WHERE {}", visible_on_m(staff))
}

/// The condition of [`visible_from`], on `tickets t` joined with its `matters m`.
fn visible_on_m(staff: &Staff) -> String {
    if staff.is_admin() {
        "t.workspace_id = $1 AND $2 = 1 AND $3 = $3".to_string()
    } else {
        format!("t.workspace_id = $1 AND {VISIBLE_MATTER}")
    }
}

/// The ticket `id` if the caller may see it: (matter id, client id, state, number, title).
async fn visible_ticket(tx: &mut Tx, staff: &Staff, id: &str) -> Result<(String, String, TicketState, i64, String), AppError> {
    let row: Option<(String, String, String, i64, String)> = sqlx::query_as(
        "SELECT matter_id, client_id, state, number, title FROM tickets WHERE id = $1 AND workspace_id = $2",
    )
    .bind(id)
    .bind(staff.workspace_id())
    .fetch_optional(&mut **tx)
    .await?;
    let (matter_id, client_id, state, number, title) = row.ok_or(AppError::NotFound)?;
    ensure_visible(&mut **tx, staff, &matter_id).await?;
    Ok((matter_id, client_id, TicketState::parse(&state).unwrap_or(TicketState::Received), number, title))
}

async fn mark_read(tx: &mut Tx, staff: &Staff, id: &str) -> Result<(), AppError> {
    sqlx::query(
        "INSERT INTO ticket_reads (ticket_id, staff_id, read_at) VALUES ($1, $2, $3) \
         ON CONFLICT (ticket_id, staff_id) DO UPDATE SET read_at = excluded.read_at",
    )
    .bind(id)
    .bind(staff.id())
    .bind(now_ms() + 1)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Appends an event and bumps the ticket's `updated_at`.
pub async fn add_event(
    tx: &mut Tx,
    ticket_id: &str,
    kind: EventKind,
    staff_id: Option<&str>,
    client_id: Option<&str>,
    body: &str,
    state: Option<TicketState>,
) -> Result<(), AppError> {
    let now = now_ms();
    sqlx::query(
        "INSERT INTO ticket_events (id, ticket_id, kind, author_staff_id, author_client_id, body, state, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(new_id())
    .bind(ticket_id)
    .bind(kind.as_str())
    .bind(staff_id)
    .bind(client_id)
    .bind(body)
    .bind(state.map(|s| s.as_str()))
    .bind(now)
    .execute(&mut **tx)
    .await?;
    sqlx::query("UPDATE tickets SET updated_at = $1 WHERE id = $2").bind(now).bind(ticket_id).execute(&mut **tx).await?;
    Ok(())
}

/// The ticket page (and marks it read for the caller).
pub async fn detail(db: &Db, staff: &Staff, id: &str, locale: Locale) -> Result<TicketDetail, AppError> {
    let mut tx = db.begin().await?;
    visible_ticket(&mut tx, staff, id).await?;
    let names = status_names(&mut *tx, staff.workspace_id(), locale).await?;
    let sql = format!("{ROW_SQL}t.id = $1 AND t.workspace_id = $2");
    let row: Row = sqlx::query_as(&sql).bind(id).bind(staff.workspace_id()).bind(staff.id()).fetch_one(&mut *tx).await?;
    let (description, email, task_id): (String, String, Option<String>) = sqlx::query_as(
        "SELECT t.description, c.email, t.task_id FROM tickets t JOIN clients c ON c.id = t.client_id WHERE t.id = $1",
    )
    .bind(id)
    .fetch_one(&mut *tx)
    .await?;
    let events: Vec<(String, Option<String>, Option<String>, String, Option<String>, i64)> = sqlx::query_as(
        "SELECT e.kind, s.name, c.name, e.body, e.state, e.created_at FROM ticket_events e \
         LEFT JOIN staff s ON s.id = e.author_staff_id LEFT JOIN clients c ON c.id = e.author_client_id \
         WHERE e.ticket_id = $1 ORDER BY e.created_at, e.id",
    )
    .bind(id)
    .fetch_all(&mut *tx)
    .await?;
    let task = match task_id {
        Some(t) => sqlx::query_as::<_, (String, String, String)>(
            "SELECT t.id, t.title, c.name FROM tasks t JOIN board_columns c ON c.id = t.column_id WHERE t.id = $1",
        )
        .bind(t)
        .fetch_optional(&mut *tx)
        .await?,
        None => None,
    };
    let attachments = attachments(&mut *tx, id).await?;
    let columns: Vec<(String, String)> =
        sqlx::query_as("SELECT id, name FROM board_columns WHERE matter_id = $1 ORDER BY position")
            .bind(&row.5)
            .fetch_all(&mut *tx)
            .await?;
    mark_read(&mut tx, staff, id).await?;
    tx.commit().await?;
    Ok(TicketDetail {
        attachments,
        columns,
        row: to_row(row, &names),
        description,
        client_email: email,
        events: events
            .into_iter()
            .map(|(kind, staff_name, client_name, body, state, created_at)| TicketEvent {
                kind: EventKind::parse(&kind).unwrap_or(EventKind::Message),
                from_client: client_name.is_some(),
                author: client_name.or(staff_name).unwrap_or_default(),
                body,
                state: state.as_deref().and_then(TicketState::parse),
                created_at,
            })
            .collect(),
        task,
        status_names: names,
    })
}

/// Where a mail to the ticket's client goes, and what it says about the firm.
async fn client_mail_target(tx: &mut Tx, ticket_id: &str) -> Result<(String, String), AppError> {
    let row: (String, String) = sqlx::query_as(
        "SELECT c.email, w.name FROM tickets t JOIN clients c ON c.id = t.client_id \
         JOIN workspaces w ON w.id = t.workspace_id WHERE t.id = $1",
    )
    .bind(ticket_id)
    .fetch_one(&mut **tx)
    .await?;
    Ok(row)
}

/// A staff reply: shown to the client and emailed to them. Refused on closed tickets.
pub async fn reply(db: &Db, staff: &Staff, id: &str, body: &str, ctx: &MailCtx) -> Result<(), AppError> {
    let body = required_text("body", body, TEXT_MAX)?;
    let mut tx = db.begin().await?;
    let (_, _, state, number, title) = visible_ticket(&mut tx, staff, id).await?;
    if state == TicketState::Closed {
        return Err(AppError::invalid("body", "ticket_closed"));
    }
    add_event(&mut tx, id, EventKind::Message, Some(staff.id()), None, &body, None).await?;
    let (email, firm) = client_mail_target(&mut tx, id).await?;
    let url = format!("{}/portal/tickets/{id}", ctx.base_url);
    mail::enqueue(&mut tx, &ctx.key, &templates::ticket_reply(ctx.locale, &email, &firm, number, &title, &body, &url)).await?;
    mark_read(&mut tx, staff, id).await?;
    tx.commit().await?;
    Ok(())
}

/// An internal note: staff only, never shown or sent to the client.
pub async fn note(db: &Db, staff: &Staff, id: &str, body: &str) -> Result<(), AppError> {
    let body = required_text("body", body, TEXT_MAX)?;
    let mut tx = db.begin().await?;
    visible_ticket(&mut tx, staff, id).await?;
    add_event(&mut tx, id, EventKind::Note, Some(staff.id()), None, &body, None).await?;
    mark_read(&mut tx, staff, id).await?;
    tx.commit().await?;
    Ok(())
}

/// Moves ticket `id` to `state` inside a transaction, recording it and telling the client.
async fn change_state(tx: &mut Tx, staff: &Staff, id: &str, state: TicketState, ctx: &MailCtx) -> Result<(), AppError> {
    let (_, _, current, number, title) = visible_ticket(tx, staff, id).await?;
    if current == state {
        return Ok(());
    }
    sqlx::query("UPDATE tickets SET state = $1 WHERE id = $2").bind(state.as_str()).bind(id).execute(&mut **tx).await?;
    add_event(tx, id, EventKind::Status, Some(staff.id()), None, "", Some(state)).await?;
    let names = status_names(&mut **tx, staff.workspace_id(), ctx.locale).await?;
    let (email, firm) = client_mail_target(tx, id).await?;
    let url = format!("{}/portal/tickets/{id}", ctx.base_url);
    mail::enqueue(tx, &ctx.key, &templates::ticket_status(ctx.locale, &email, &firm, number, &title, &names.name(state), &url)).await?;
    mark_read(tx, staff, id).await
}

/// Changes a ticket's state (closing included).
pub async fn set_state(db: &Db, staff: &Staff, id: &str, state: &str, ctx: &MailCtx) -> Result<(), AppError> {
    let state = TicketState::parse(state).ok_or_else(|| AppError::invalid("state", "bad_choice"))?;
    let mut tx = db.begin().await?;
    change_state(&mut tx, staff, id, state, ctx).await?;
    tx.commit().await?;
    Ok(())
}

/// Makes a task from ticket `id` in `column_id` of its matter; the ticket links to
/// it and, if it was just received, is now in progress.
pub async fn create_task(db: &Db, staff: &Staff, id: &str, column_id: &str, input: &TaskInput, ctx: &MailCtx) -> Result<String, AppError> {
    let mut tx = db.begin().await?;
    let (matter_id, _, state, _, _) = visible_ticket(&mut tx, staff, id).await?;
    let (has,): (Option<String>,) = sqlx::query_as("SELECT task_id FROM tickets WHERE id = $1").bind(id).fetch_one(&mut *tx).await?;
    if has.is_some() {
        return Err(AppError::conflict("task", "ticket_has_task"));
    }
    let (task_id, task_matter) =
        super::board::insert_task(&mut tx, staff, column_id, input).await.map_err(|e| match e {
            AppError::NotFound => AppError::invalid("column_id", "not_found"),
            e => e,
        })?;
    if task_matter != matter_id {
        return Err(AppError::invalid("column_id", "not_found"));
    }
    sqlx::query("UPDATE tickets SET task_id = $1 WHERE id = $2").bind(&task_id).bind(id).execute(&mut *tx).await?;
    if state == TicketState::Received {
        change_state(&mut tx, staff, id, TicketState::InProgress, ctx).await?;
    }
    tx.commit().await?;
    Ok(task_id)
}

/// Called when task `task_id` reaches a done column: its open ticket becomes done.
pub async fn task_done(tx: &mut Tx, staff: &Staff, task_id: &str, ctx: &MailCtx) -> Result<(), AppError> {
    let tickets: Vec<(String,)> =
        sqlx::query_as("SELECT id FROM tickets WHERE task_id = $1 AND state IN ('received', 'in_progress')")
            .bind(task_id)
            .fetch_all(&mut **tx)
            .await?;
    for (id,) in tickets {
        change_state(tx, staff, &id, TicketState::Done, ctx).await?;
    }
    Ok(())
}

/// The files of ticket `id`, oldest first.
pub async fn attachments<'e, E: Executor<'e, Database = Any>>(exec: E, id: &str) -> Result<Vec<Attachment>, AppError> {
    let rows: Vec<(String, String, String, i64, i64)> = sqlx::query_as(
        "SELECT id, file_name, content_type, size, created_at FROM attachments WHERE ticket_id = $1 ORDER BY created_at, id",
    )
    .bind(id)
    .fetch_all(exec)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, file_name, content_type, size, created_at)| Attachment { id, file_name, content_type, size, created_at })
        .collect())
}
