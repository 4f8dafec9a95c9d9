//! Sharing, staff side: the share dialog, the workspace's client accesses, edits,
//! removal, secret links and the access log. Mail is queued in the same
//! transaction as the change.
use super::client_logins::{self, INVITE_TTL_MS};
use super::matters::ensure_visible;
use crate::i18n::td_string;
use crate::model::fields::{Email, optional_date};
use crate::model::sharing::*;
use crate::model::AppError;
use crate::server::auth::{Admin, Staff, tokens};
use crate::server::db::{Db, Tx, in_list, new_id, now_ms};
use crate::server::mail::{self, MailCtx, templates};
use std::collections::BTreeMap;

/// At most this many addresses per share.
pub const MAX_EMAILS: usize = 50;

type AccessRow = (String, String, String, String, Option<String>, String, Option<String>, Option<String>, i64, Option<i64>, Option<String>, Option<i64>, i64);

const ACCESS_SQL: &str = "SELECT g.id, c.id, c.name, c.email, c.access_type, g.scope, g.matter_id, m.title, \
    g.include_private, c.last_seen_at, c.link_hash, c.link_expires_at, \
    (SELECT COUNT(*) FROM client_logins l WHERE l.email = c.email) \
    FROM grants g JOIN clients c ON c.id = g.client_id AND c.workspace_id = g.workspace_id \
    LEFT JOIN matters m ON m.id = g.matter_id WHERE g.workspace_id = $1";

async fn accesses(db: &Db, workspace_id: &str, matter_id: Option<&str>) -> Result<Vec<Access>, AppError> {
    let rows: Vec<AccessRow> = match matter_id {
        Some(m) => {
            sqlx::query_as(&format!(
                "{ACCESS_SQL} AND (g.matter_id = $2 OR (g.scope = 'parties' AND g.client_id IN \
                 (SELECT p.client_id FROM matter_parties p WHERE p.matter_id = $2))) ORDER BY c.name, g.scope"
            ))
            .bind(workspace_id)
            .bind(m)
            .fetch_all(&db.pool)
            .await?
        }
        None => sqlx::query_as(&format!("{ACCESS_SQL} ORDER BY c.name, g.scope, m.title"))
            .bind(workspace_id)
            .fetch_all(&db.pool)
            .await?,
    };
    // The blocks of these grants only (not the whole firm's: thousands of rows on a
    // big firm). `|| ''` keeps SQLite on the grant ids instead of the workspace index.
    let mut by_grant: BTreeMap<String, Vec<Block>> = BTreeMap::new();
    let ids: Vec<&String> = rows.iter().map(|r| &r.0).collect();
    for chunk in ids.chunks(500) {
        let list = in_list(2, chunk.len());
        let sql = format!(
            "SELECT b.grant_id, b.block FROM grant_blocks b JOIN grants g ON g.id = b.grant_id \
             WHERE b.grant_id IN ({list}) AND g.workspace_id || '' = $1"
        );
        let mut q = sqlx::query_as::<_, (String, String)>(&sql).bind(workspace_id);
        for id in chunk {
            q = q.bind(*id);
        }
        for (g, b) in q.fetch_all(&db.pool).await? {
            if let Some(b) = Block::parse(&b) {
                by_grant.entry(g).or_default().push(b);
            }
        }
    }
    let now = now_ms();
    Ok(rows
        .into_iter()
        .map(|(grant_id, client_id, client_name, client_email, access, scope, matter_id, matter_title, private, seen, link, expires, logins)| {
            let access_type = access.as_deref().and_then(AccessType::parse);
            let ready = match access_type {
                Some(AccessType::Account) => logins > 0,
                Some(AccessType::Link) => link.is_some() && expires.is_none_or(|e| e > now),
                None => false,
            };
            let mut blocks = by_grant.remove(&grant_id).unwrap_or_default();
            blocks.sort();
            Access {
                grant_id,
                client_id,
                client_name,
                client_email,
                access_type,
                scope: Scope::parse(&scope).unwrap_or(Scope::Matter),
                matter_id,
                matter_title,
                include_private: private != 0,
                blocks,
                last_seen_at: seen,
                ready,
                link_expires_at: if access_type == Some(AccessType::Link) { expires } else { None },
            }
        })
        .collect())
}

/// Who has access to matter `matter_id` now (its own grants and party-wide ones).
pub async fn matter_accesses(db: &Db, staff: &Staff, matter_id: &str) -> Result<Vec<Access>, AppError> {
    ensure_visible(&db.pool, staff, matter_id).await?;
    accesses(db, staff.workspace_id(), Some(matter_id)).await
}

/// Every grant of the workspace (Settings › Client access).
pub async fn workspace_accesses(db: &Db, admin: &Admin) -> Result<Vec<Access>, AppError> {
    accesses(db, admin.staff().workspace_id(), None).await
}

fn parse_blocks(raw: &[String]) -> Result<Vec<Block>, AppError> {
    let mut out = vec![];
    for b in raw {
        let b = Block::parse(b).ok_or_else(|| AppError::invalid("blocks", "bad_choice"))?;
        if !out.contains(&b) {
            out.push(b);
        }
    }
    if out.is_empty() {
        return Err(AppError::invalid("blocks", "blocks_required"));
    }
    Ok(out)
}

fn parse_access(raw: &str) -> Result<AccessType, AppError> {
    AccessType::parse(raw).ok_or_else(|| AppError::invalid("access_type", "bad_choice"))
}

/// Splits the emails field; names every bad address.
fn parse_emails(raw: &str) -> Result<Vec<Email>, AppError> {
    let mut good: Vec<Email> = vec![];
    let mut bad = vec![];
    for part in raw.split(|c: char| c == ',' || c == ';' || c.is_whitespace()).filter(|p| !p.is_empty()) {
        match Email::parse("emails", part) {
            Ok(e) if !good.contains(&e) => good.push(e),
            Ok(_) => {}
            Err(_) => bad.push(part.to_string()),
        }
    }
    if !bad.is_empty() {
        return Err(AppError::rejected("emails", "bad_emails", bad));
    }
    if good.is_empty() {
        return Err(AppError::invalid("emails", "required"));
    }
    if good.len() > MAX_EMAILS {
        return Err(AppError::invalid("emails", "too_many"));
    }
    Ok(good)
}

async fn workspace_name(tx: &mut Tx, workspace_id: &str) -> Result<String, AppError> {
    let (name,): (String,) =
        sqlx::query_as("SELECT name FROM workspaces WHERE id = $1").bind(workspace_id).fetch_one(&mut **tx).await?;
    Ok(name)
}

/// A client record as sharing needs it.
struct ClientAccess {
    id: String,
    email: String,
    access: Option<AccessType>,
    live_link: bool,
}

async fn client_access(tx: &mut Tx, workspace_id: &str, client_id: &str) -> Result<ClientAccess, AppError> {
    let row: Option<(String, String, Option<String>, Option<String>, Option<i64>)> = sqlx::query_as(
        "SELECT id, email, access_type, link_hash, link_expires_at FROM clients WHERE id = $1 AND workspace_id = $2",
    )
    .bind(client_id)
    .bind(workspace_id)
    .fetch_optional(&mut **tx)
    .await?;
    let (id, email, access, link, expires) = row.ok_or(AppError::NotFound)?;
    Ok(ClientAccess {
        id,
        email,
        access: access.as_deref().and_then(AccessType::parse),
        live_link: link.is_some() && expires.is_none_or(|e| e > now_ms()),
    })
}

/// Sets the client's access type and queues the mail that tells them how to come
/// in: an invitation or a new link when they have no way in yet, else a notice.
async fn grant_mail(
    tx: &mut Tx,
    c: &ClientAccess,
    access: AccessType,
    firm: &str,
    what: &str,
    ctx: &MailCtx,
) -> Result<(), AppError> {
    if c.access != Some(access) {
        sqlx::query(
            "UPDATE clients SET access_type = $1, \
             link_hash = CASE WHEN $1 = 'link' THEN link_hash ELSE NULL END, \
             link_expires_at = CASE WHEN $1 = 'link' THEN link_expires_at ELSE NULL END WHERE id = $2",
        )
        .bind(access.as_str())
        .bind(&c.id)
        .execute(&mut **tx)
        .await?;
    }
    let base = &ctx.base_url;
    let m = match access {
        AccessType::Account if client_logins::has_login(&mut **tx, &c.email).await? => {
            templates::shared(ctx.locale, &c.email, firm, what, &format!("{base}/portal/login"))
        }
        AccessType::Account => {
            let secret = client_logins::issue(tx, "invite", &c.email, INVITE_TTL_MS).await?;
            templates::invite(ctx.locale, &c.email, firm, what, &format!("{base}/portal/password/{secret}"))
        }
        AccessType::Link if c.live_link && c.access == Some(AccessType::Link) => {
            templates::shared_by_link(ctx.locale, &c.email, firm, what)
        }
        AccessType::Link => {
            let secret = new_link(tx, &c.id, None).await?;
            templates::link(ctx.locale, &c.email, firm, &format!("{base}/l/{secret}"))
        }
    };
    mail::enqueue(tx, &ctx.key, &m).await
}

/// Gives the client a new secret link (the old one dies); returns the secret.
async fn new_link(tx: &mut Tx, client_id: &str, expires_at: Option<i64>) -> Result<String, AppError> {
    let (secret, hash) = tokens::new_secret();
    sqlx::query("UPDATE clients SET link_hash = $1, link_expires_at = $2 WHERE id = $3")
        .bind(hash)
        .bind(expires_at)
        .bind(client_id)
        .execute(&mut **tx)
        .await?;
    Ok(secret)
}

/// Creates or replaces a grant's blocks; returns the grant id.
async fn upsert_grant(
    tx: &mut Tx,
    workspace_id: &str,
    client_id: &str,
    matter_id: Option<&str>,
    include_private: bool,
    blocks: &[Block],
) -> Result<String, AppError> {
    let existing: Option<(String,)> = match matter_id {
        Some(m) => sqlx::query_as("SELECT id FROM grants WHERE client_id = $1 AND matter_id = $2 AND scope = 'matter'")
            .bind(client_id)
            .bind(m)
            .fetch_optional(&mut **tx)
            .await?,
        None => sqlx::query_as("SELECT id FROM grants WHERE client_id = $1 AND scope = 'parties'")
            .bind(client_id)
            .fetch_optional(&mut **tx)
            .await?,
    };
    let now = now_ms();
    let id = match existing {
        Some((id,)) => {
            sqlx::query("UPDATE grants SET include_private = $1, updated_at = $2 WHERE id = $3")
                .bind(include_private as i64)
                .bind(now)
                .bind(&id)
                .execute(&mut **tx)
                .await?;
            id
        }
        None => {
            let id = new_id();
            sqlx::query(
                "INSERT INTO grants (id, workspace_id, client_id, scope, matter_id, include_private, created_at, updated_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $7)",
            )
            .bind(&id)
            .bind(workspace_id)
            .bind(client_id)
            .bind(if matter_id.is_some() { "matter" } else { "parties" })
            .bind(matter_id)
            .bind(include_private as i64)
            .bind(now)
            .execute(&mut **tx)
            .await?;
            id
        }
    };
    set_blocks(tx, &id, blocks).await?;
    Ok(id)
}

async fn set_blocks(tx: &mut Tx, grant_id: &str, blocks: &[Block]) -> Result<(), AppError> {
    sqlx::query("DELETE FROM grant_blocks WHERE grant_id = $1").bind(grant_id).execute(&mut **tx).await?;
    for b in blocks {
        sqlx::query("INSERT INTO grant_blocks (grant_id, block) VALUES ($1, $2)")
            .bind(grant_id)
            .bind(b.as_str())
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

/// The share dialog: gives every address the blocks of matter `matter_id`. Known
/// clients get access at once and a notice; new addresses become clients and get
/// an invitation (account) or a link. Any bad or staff address: nothing changes.
pub async fn share(db: &Db, staff: &Staff, matter_id: &str, input: &ShareInput, ctx: &MailCtx) -> Result<Vec<ShareOutcome>, AppError> {
    ensure_visible(&db.pool, staff, matter_id).await?;
    let emails = parse_emails(&input.emails)?;
    let blocks = parse_blocks(&input.blocks)?;
    let access = parse_access(&input.access_type)?;
    let ws = staff.workspace_id();
    let mut staff_emails = vec![];
    for e in &emails {
        let hit: Option<(String,)> = sqlx::query_as("SELECT id FROM staff WHERE workspace_id = $1 AND email = $2")
            .bind(ws)
            .bind(e.as_str())
            .fetch_optional(&db.pool)
            .await?;
        if hit.is_some() {
            staff_emails.push(e.as_str().to_string());
        }
    }
    if !staff_emails.is_empty() {
        return Err(AppError::rejected("emails", "emails_are_staff", staff_emails));
    }
    let mut tx = db.begin().await?;
    let firm = workspace_name(&mut tx, ws).await?;
    let (title,): (String,) = sqlx::query_as("SELECT title FROM matters WHERE id = $1 AND workspace_id = $2")
        .bind(matter_id)
        .bind(ws)
        .fetch_one(&mut *tx)
        .await?;
    let mut out = vec![];
    for e in emails {
        let found: Option<(String,)> = sqlx::query_as("SELECT id FROM clients WHERE workspace_id = $1 AND email = $2")
            .bind(ws)
            .bind(e.as_str())
            .fetch_optional(&mut *tx)
            .await?;
        let new_client = found.is_none();
        let client_id = match found {
            Some((id,)) => id,
            None => {
                let id = new_id();
                let name = e.as_str().split('@').next().unwrap_or_default().to_string();
                sqlx::query("INSERT INTO clients (id, workspace_id, name, email, created_at) VALUES ($1, $2, $3, $4, $5)")
                    .bind(&id)
                    .bind(ws)
                    .bind(name)
                    .bind(e.as_str())
                    .bind(now_ms())
                    .execute(&mut *tx)
                    .await?;
                id
            }
        };
        let c = client_access(&mut tx, ws, &client_id).await?;
        upsert_grant(&mut tx, ws, &client_id, Some(matter_id), false, &blocks).await?;
        grant_mail(&mut tx, &c, access, &firm, &title, ctx).await?;
        out.push(ShareOutcome { email: e.as_str().to_string(), new_client });
    }
    tx.commit().await?;
    Ok(out)
}

/// Gives client `client_id` access to every matter where they are a party. Admin.
pub async fn grant_parties(db: &Db, admin: &Admin, client_id: &str, input: &GrantInput, ctx: &MailCtx) -> Result<String, AppError> {
    let blocks = parse_blocks(&input.blocks)?;
    let access = parse_access(&input.access_type)?;
    let ws = admin.staff().workspace_id();
    let mut tx = db.begin().await?;
    let c = client_access(&mut tx, ws, client_id).await?;
    let firm = workspace_name(&mut tx, ws).await?;
    let id = upsert_grant(&mut tx, ws, client_id, None, input.include_private, &blocks).await?;
    let what = td_string!(ctx.locale, mail.all_matters).to_string();
    grant_mail(&mut tx, &c, access, &firm, &what, ctx).await?;
    tx.commit().await?;
    Ok(id)
}

/// The grant `grant_id` if the caller may manage it: a matter grant when they see
/// the matter, a party-wide grant when they are an admin.
async fn managed_grant(tx: &mut Tx, staff: &Staff, grant_id: &str) -> Result<(String, Option<String>), AppError> {
    let row: Option<(String, Option<String>)> =
        sqlx::query_as("SELECT client_id, matter_id FROM grants WHERE id = $1 AND workspace_id = $2")
            .bind(grant_id)
            .bind(staff.workspace_id())
            .fetch_optional(&mut **tx)
            .await?;
    let (client_id, matter_id) = row.ok_or(AppError::NotFound)?;
    match &matter_id {
        Some(m) => ensure_visible(&mut **tx, staff, m).await?,
        None if staff.is_admin() => {}
        None => return Err(AppError::NotFound),
    }
    Ok((client_id, matter_id))
}

/// Edits a grant's blocks, private-matters option and the client's access type.
pub async fn update_grant(db: &Db, staff: &Staff, grant_id: &str, input: &GrantInput, ctx: &MailCtx) -> Result<(), AppError> {
    let blocks = parse_blocks(&input.blocks)?;
    let access = parse_access(&input.access_type)?;
    let ws = staff.workspace_id();
    let mut tx = db.begin().await?;
    let (client_id, matter_id) = managed_grant(&mut tx, staff, grant_id).await?;
    let c = client_access(&mut tx, ws, &client_id).await?;
    sqlx::query("UPDATE grants SET include_private = $1, updated_at = $2 WHERE id = $3")
        .bind((matter_id.is_none() && input.include_private) as i64)
        .bind(now_ms())
        .bind(grant_id)
        .execute(&mut *tx)
        .await?;
    set_blocks(&mut tx, grant_id, &blocks).await?;
    if c.access != Some(access) {
        let firm = workspace_name(&mut tx, ws).await?;
        let what = match &matter_id {
            Some(m) => sqlx::query_as::<_, (String,)>("SELECT title FROM matters WHERE id = $1").bind(m).fetch_one(&mut *tx).await?.0,
            None => td_string!(ctx.locale, mail.all_matters).to_string(),
        };
        grant_mail(&mut tx, &c, access, &firm, &what, ctx).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Removes a grant; a client left without grants loses portal access entirely.
pub async fn remove_grant(db: &Db, staff: &Staff, grant_id: &str) -> Result<(), AppError> {
    let mut tx = db.begin().await?;
    let (client_id, _) = managed_grant(&mut tx, staff, grant_id).await?;
    sqlx::query("DELETE FROM grant_blocks WHERE grant_id = $1").bind(grant_id).execute(&mut *tx).await?;
    sqlx::query("DELETE FROM grants WHERE id = $1").bind(grant_id).execute(&mut *tx).await?;
    let left: Option<(String,)> = sqlx::query_as("SELECT id FROM grants WHERE client_id = $1 LIMIT 1")
        .bind(&client_id)
        .fetch_optional(&mut *tx)
        .await?;
    if left.is_none() {
        sqlx::query("UPDATE clients SET access_type = NULL, link_hash = NULL, link_expires_at = NULL WHERE id = $1")
            .bind(&client_id)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Makes a new secret link for a client with link access (the old link dies), with
/// an optional last day; emails it when `send`. The link is shown only now.
pub async fn rotate_link(
    db: &Db,
    staff: &Staff,
    client_id: &str,
    expires_on: &str,
    send: bool,
    ctx: &MailCtx,
) -> Result<SecretLink, AppError> {
    let expires_at = match optional_date("expires_on", expires_on)? {
        Some(d) => {
            if d < chrono::Utc::now().date_naive() {
                return Err(AppError::invalid("expires_on", "date_in_past"));
            }
            let end = d.and_hms_opt(23, 59, 59).expect("valid time").and_utc();
            Some(end.timestamp_millis())
        }
        None => None,
    };
    let ws = staff.workspace_id();
    let mut tx = db.begin().await?;
    let c = client_access(&mut tx, ws, client_id).await?;
    if c.access != Some(AccessType::Link) {
        return Err(AppError::invalid("access_type", "not_link_access"));
    }
    let secret = new_link(&mut tx, client_id, expires_at).await?;
    let url = format!("{}/l/{secret}", ctx.base_url);
    if send {
        let firm = workspace_name(&mut tx, ws).await?;
        mail::enqueue(&mut tx, &ctx.key, &templates::link(ctx.locale, &c.email, &firm, &url)).await?;
    }
    tx.commit().await?;
    Ok(SecretLink { url, expires_at })
}

/// The latest portal visits of matter `matter_id` (newest first).
pub async fn access_log(db: &Db, staff: &Staff, matter_id: &str) -> Result<Vec<AccessLogEntry>, AppError> {
    ensure_visible(&db.pool, staff, matter_id).await?;
    let rows: Vec<(String, String, String, i64)> = sqlx::query_as(
        "SELECT c.name, m.title, a.via, a.at FROM access_log a JOIN clients c ON c.id = a.client_id \
         JOIN matters m ON m.id = a.matter_id WHERE a.matter_id = $1 AND a.workspace_id = $2 \
         ORDER BY a.at DESC LIMIT 100",
    )
    .bind(matter_id)
    .bind(staff.workspace_id())
    .fetch_all(&db.pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(client_name, matter_title, via, at)| AccessLogEntry {
            client_name,
            matter_title,
            via: AccessType::parse(&via).unwrap_or(AccessType::Account),
            at,
        })
        .collect())
}
