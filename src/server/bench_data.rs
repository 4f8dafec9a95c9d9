//! Benchmark support for `scripts/bench.sh` (hidden commands). `bench-data` fills an
//! empty database with one large workspace written straight through SQL, in
//! multi-row INSERTs inside transactions of a few thousand rows, shaped like the rows
//! the repositories write (ids from `new_id()`, epoch-ms times, 0/1 flags, stored enum
//! strings). `bench-ceiling` serves one file's bytes from a bare axum router: the
//! fastest the same bytes can leave this machine, which each page is compared to.
use crate::i18n::Locale;
use crate::model::matter::{LinkKind, MatterKind, MatterStatus, Visibility};
use crate::model::sharing::{AccessType, Block, Scope};
use crate::model::ticket::{EventKind, Priority, TicketState};
use crate::server::auth::password;
use crate::server::db::{Backend, Db, new_id, now_ms, values_sql};
use crate::server::locale::default_columns;
use crate::server::repo::workspace;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde::Serialize;
use std::time::Instant;

/// The password of every bench login (admin, members, the bench client).
pub const PASSWORD: &str = "portico-bench";
/// The workspace admin the benchmark signs in as.
pub const ADMIN_EMAIL: &str = "bench-admin@portico.example";
/// The client (account access, password set) the benchmark signs in as.
pub const CLIENT_EMAIL: &str = "bench-client@portico.example";
/// Public tasks on the bench client's main matter (what its portal page renders).
pub const CLIENT_MATTER_PUBLIC_TASKS: usize = 200;
/// Private tasks on that matter (on the staff board only).
const CLIENT_MATTER_PRIVATE_TASKS: usize = 40;
/// Matters shared with the bench client, every block granted.
const CLIENT_MATTERS: usize = 5;
/// Staff members besides the admin.
const MEMBERS: usize = 9;
const TEAMS: usize = 3;
const DAY_MS: i64 = 24 * 3600 * 1000;

/// How much to generate.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Sizes {
    pub matters: usize,
    pub tasks: usize,
    pub clients: usize,
    pub tickets: usize,
}

impl Sizes {
    /// The default set, or the `--large` one (clients scale with matters).
    pub fn new(large: bool) -> Sizes {
        if large {
            Sizes { matters: 100_000, tasks: 1_000_000, clients: 100_000, tickets: 100_000 }
        } else {
            Sizes { matters: 1_000, tasks: 20_000, clients: 1_000, tickets: 10_000 }
        }
    }
}

/// What was made: the ids and logins the bench script needs, and row counts.
#[derive(Debug, Clone, Serialize)]
pub struct Generated {
    pub backend: &'static str,
    pub workspace_id: String,
    pub admin_email: &'static str,
    pub client_email: &'static str,
    pub password: &'static str,
    /// The bench client's matter with stages, a deadline and exactly 200 public tasks.
    pub client_matter_id: String,
    /// The matter whose staff page is measured (the same one: the biggest board).
    pub staff_matter_id: String,
    /// Another matter shared with the bench client, where it files tickets.
    pub ticket_matter_id: String,
    pub sizes: Sizes,
    /// Rows written per table.
    pub rows: Vec<(&'static str, u64)>,
    pub seconds: f64,
}

/// One value of a generated row.
enum V {
    T(String),
    S(&'static str),
    I(i64),
    Null,
}

fn t(s: impl Into<String>) -> V {
    V::T(s.into())
}

fn opt(s: Option<String>) -> V {
    s.map(V::T).unwrap_or(V::Null)
}

/// Rows per transaction.
const ROWS_PER_TX: usize = 5_000;
/// Bound parameters per statement: well under SQLite's 32,766 and PostgreSQL's 65,535.
const PARAMS_PER_STMT: usize = 12_000;

/// Writes rows into tables, a few thousand per transaction, and counts them.
struct Writer<'a> {
    db: &'a Db,
    rows: Vec<(&'static str, u64)>,
}

impl Writer<'_> {
    /// Inserts every row of `rows` (each with one value per column of `cols`).
    async fn insert(&mut self, table: &'static str, cols: &[&str], rows: impl Iterator<Item = Vec<V>>) -> anyhow::Result<()> {
        let per_stmt = (PARAMS_PER_STMT / cols.len()).min(1_000);
        let started = Instant::now();
        let mut buf: Vec<Vec<V>> = Vec::with_capacity(ROWS_PER_TX);
        let mut n = 0u64;
        for row in rows {
            anyhow::ensure!(row.len() == cols.len(), "{table}: {} values for {} columns", row.len(), cols.len());
            buf.push(row);
            if buf.len() == ROWS_PER_TX {
                n += self.flush(table, cols, per_stmt, &mut buf).await?;
            }
        }
        n += self.flush(table, cols, per_stmt, &mut buf).await?;
        eprintln!("  {table:<16} {n:>9} rows in {:>6.2} s", started.elapsed().as_secs_f64());
        self.rows.push((table, n));
        Ok(())
    }

    async fn flush(&self, table: &str, cols: &[&str], per_stmt: usize, buf: &mut Vec<Vec<V>>) -> anyhow::Result<u64> {
        if buf.is_empty() {
            return Ok(0);
        }
        let n = buf.len() as u64;
        let mut tx = self.db.begin().await?;
        let mut rows = std::mem::take(buf).into_iter().peekable();
        while rows.peek().is_some() {
            let chunk: Vec<Vec<V>> = rows.by_ref().take(per_stmt).collect();
            let sql = values_sql(self.db.backend, table, cols, chunk.len());
            let mut q = sqlx::query(&sql);
            for v in chunk.into_iter().flatten() {
                q = match v {
                    V::T(s) => q.bind(s),
                    V::S(s) => q.bind(s),
                    V::I(i) => q.bind(i),
                    V::Null => q.bind(None::<String>),
                };
            }
            q.execute(&mut *tx).await.map_err(|e| anyhow::anyhow!("inserting into {table}: {e}"))?;
        }
        tx.commit().await?;
        Ok(n)
    }
}

const FIRST: &[&str] = &[
    "Ana", "Bruno", "Carla", "Daniel", "Eduarda", "Felipe", "Gabriela", "Henrique", "Isabela", "João", "Larissa",
    "Marcos", "Natália", "Otávio", "Paula", "Rafael", "Sofia", "Tiago", "Vanessa", "Wagner",
];
const LAST: &[&str] = &[
    "Almeida", "Barbosa", "Cardoso", "Dias", "Esteves", "Ferreira", "Gomes", "Horta", "Lima", "Martins", "Nunes",
    "Oliveira", "Pereira", "Queiroz", "Ribeiro", "Santos", "Teixeira", "Vieira",
];
const COMPANY: &[&str] = &["Comércio", "Transportes", "Alimentos", "Construtora", "Tecnologia", "Distribuidora", "Agropecuária"];
const MATTER_TITLE: &[&str] = &[
    "Ação de cobrança", "Reclamação trabalhista", "Revisão contratual", "Inventário", "Recuperação judicial",
    "Mandado de segurança", "Consultoria tributária", "Registro de marca", "Due diligence", "Execução fiscal",
];
const TASK_TITLE: &[&str] = &[
    "Protocolar petição", "Revisar minuta", "Reunião com o cliente", "Juntar documentos", "Calcular valores",
    "Preparar recurso", "Enviar notificação", "Conferir prazos", "Pedir certidões", "Responder ofício",
];
const TICKET_TITLE: &[&str] = &[
    "Dúvida sobre o andamento", "Envio de documentos", "Pedido de reunião", "Segunda via de boleto",
    "Atualização de endereço", "Prazo da audiência", "Cópia do contrato", "Esclarecimento de cobrança",
];
const STAGE_NAME: &[&str] =
    &["Petição inicial", "Citação", "Contestação", "Audiência de conciliação", "Instrução", "Sentença", "Recurso", "Execução"];

fn pick<'a>(rng: &mut StdRng, list: &[&'a str]) -> &'a str {
    list[rng.gen_range(0..list.len())]
}

/// An ISO date `days` from today.
fn date(days: i64) -> String {
    (chrono::Utc::now().date_naive() + chrono::Duration::days(days)).to_string()
}

/// Fills an empty database with the bench workspace. Refuses a database that has
/// any workspace, so it never mixes its rows into real ones.
pub async fn generate(db: &Db, sizes: Sizes) -> anyhow::Result<Generated> {
    if !workspace::is_empty(&db.pool).await.map_err(|e| anyhow::anyhow!("counting workspaces: {e}"))? {
        anyhow::bail!("bench-data needs an empty database (this one has a workspace): point DATABASE_URL at a new one");
    }
    anyhow::ensure!(
        sizes.matters > CLIENT_MATTERS && sizes.clients > 1,
        "bench-data needs more than {CLIENT_MATTERS} matters and more than one client"
    );
    let started = Instant::now();
    let mut rng = StdRng::seed_from_u64(8);
    let now = now_ms();
    let ws = workspace::create(
        db,
        workspace::NewWorkspace {
            workspace_name: "Bench & Associados".into(),
            admin_name: "Bench Admin".into(),
            admin_email: ADMIN_EMAIL.into(),
            admin_password: PASSWORD.into(),
        },
        true,
    )
    .await
    .map_err(|e| anyhow::anyhow!("creating the bench workspace: {e}"))?;
    let hash = password::hash(PASSWORD.into()).await.map_err(|e| anyhow::anyhow!("hashing: {e}"))?;
    let wsid = ws.workspace_id.clone();
    let mut w = Writer { db, rows: vec![("workspaces", 1)] };

    // Staff: the admin and members, in teams.
    let mut staff_ids = vec![ws.admin_id.clone()];
    staff_ids.extend((0..MEMBERS).map(|_| new_id()));
    w.insert(
        "staff",
        &["id", "workspace_id", "email", "name", "password_hash", "role", "active", "created_at"],
        staff_ids.iter().enumerate().skip(1).map(|(i, id)| {
            vec![
                t(id),
                t(&wsid),
                t(format!("bench-member{i}@portico.example")),
                t(format!("{} {}", FIRST[i % FIRST.len()], LAST[(i * 7) % LAST.len()])),
                t(&hash),
                V::S("member"),
                V::I(1),
                V::I(now - 400 * DAY_MS),
            ]
        }),
    )
    .await?;
    let team_ids: Vec<String> = (0..TEAMS).map(|_| new_id()).collect();
    w.insert(
        "teams",
        &["id", "workspace_id", "name", "created_at"],
        team_ids.iter().enumerate().map(|(i, id)| vec![t(id), t(&wsid), t(format!("Equipe {}", i + 1)), V::I(now - 400 * DAY_MS)]),
    )
    .await?;
    w.insert(
        "team_members",
        &["team_id", "staff_id"],
        staff_ids.iter().enumerate().map(|(i, s)| vec![t(&team_ids[i % TEAMS]), t(s)]),
    )
    .await?;

    // Clients: client 0 is the bench client; every tenth was invited (account access).
    let client_ids: Vec<String> = (0..sizes.clients).map(|_| new_id()).collect();
    let client_names: Vec<String> = (0..sizes.clients)
        .map(|i| match i {
            0 => "Cliente Bench Ltda".to_string(),
            i if i % 3 == 0 => format!("{} {} {i}", COMPANY[i % COMPANY.len()], LAST[(i / 3) % LAST.len()]),
            i => format!("{} {} {i}", FIRST[i % FIRST.len()], LAST[(i / 7) % LAST.len()]),
        })
        .collect();
    {
        let rng = &mut rng;
        w.insert(
            "clients",
            &["id", "workspace_id", "name", "email", "phone", "document", "address", "notes", "access_type", "created_at"],
            client_ids.iter().enumerate().map(|(i, id)| {
                let email = if i == 0 { CLIENT_EMAIL.to_string() } else { format!("client{i}@bench.example") };
                let access = if i == 0 || i % 10 == 0 { V::S(AccessType::Account.as_str()) } else { V::Null };
                vec![
                    t(id),
                    t(&wsid),
                    t(&client_names[i]),
                    t(email),
                    t(format!("+55 11 9{:04}-{:04}", rng.gen_range(0..10_000), rng.gen_range(0..10_000))),
                    t(format!("{:03}.{:03}.{:03}-{:02}", i / 1_000_000 % 1000, i / 1000 % 1000, i % 1000, i % 97)),
                    t(format!("Rua {} {}, {}, São Paulo - SP", pick(rng, FIRST), pick(rng, LAST), rng.gen_range(1..2000))),
                    t(if i % 5 == 0 { "Cliente desde 2020." } else { "" }),
                    access,
                    V::I(now - rng.gen_range(30..700) * DAY_MS),
                ]
            }),
        )
        .await?;
    }
    w.insert(
        "client_logins",
        &["email", "password_hash", "created_at", "updated_at"],
        std::iter::once(vec![t(CLIENT_EMAIL), t(&hash), V::I(now - 60 * DAY_MS), V::I(now - 60 * DAY_MS)]),
    )
    .await?;

    // Matters: 0..CLIENT_MATTERS are the bench client's (workspace-visible, active);
    // matter 0 has a schedule and a deadline. Matter i's first party is client
    // `party(i)`; every fourth has a second one.
    let m = sizes.matters;
    let c = sizes.clients;
    let party = |i: usize| if i < CLIENT_MATTERS { 0 } else { 1 + (i - CLIENT_MATTERS) % (c - 1) };
    let matter_ids: Vec<String> = (0..m).map(|_| new_id()).collect();
    let mut updated: Vec<i64> = Vec::with_capacity(m);
    {
        let rng = &mut rng;
        let updated = &mut updated;
        let (staff_ids, team_ids, client_names) = (&staff_ids, &team_ids, &client_names);
        w.insert(
            "matters",
            &[
                "id", "workspace_id", "kind", "title", "reference", "description", "deadline", "status", "visibility",
                "team_id", "owner_id", "archived", "created_at", "updated_at", "deadline_changed_at",
                "schedule_changed_at",
            ],
            matter_ids.iter().enumerate().map(|(i, id)| {
                let bench = i < CLIENT_MATTERS;
                let kind = match rng.gen_range(0..10) {
                    0..6 => MatterKind::Legal,
                    6..9 => MatterKind::Project,
                    _ => MatterKind::Recurring,
                };
                let status = match (bench, rng.gen_range(0..20)) {
                    (true, _) | (_, 0..14) => MatterStatus::Active,
                    (_, 14..17) => MatterStatus::OnHold,
                    _ => MatterStatus::Closed,
                };
                let visibility = match (bench, rng.gen_range(0..10)) {
                    (true, _) | (_, 0..7) => Visibility::Workspace,
                    (_, 7..9) => Visibility::Team,
                    _ => Visibility::Private,
                };
                let team = (visibility == Visibility::Team).then(|| team_ids[i % TEAMS].clone());
                let reference = match kind {
                    MatterKind::Legal => format!("{:07}-{:02}.2026.8.26.{:04}", i, i % 97, 100 + i % 900),
                    _ => format!("PRJ-2026-{i:06}"),
                };
                let deadline = if i == 0 {
                    Some(date(100))
                } else {
                    (rng.gen_range(0..10) < 6).then(|| date(rng.gen_range(-30..365)))
                };
                let created = now - rng.gen_range(30..720) * DAY_MS;
                let touched = if bench { now - 3 * DAY_MS } else { created + rng.gen_range(0..(now - created).max(1)) };
                updated.push(touched);
                vec![
                    t(id),
                    t(&wsid),
                    V::S(kind.as_str()),
                    t(format!("{} — {}", pick(rng, MATTER_TITLE), client_names[party(i)])),
                    t(reference),
                    t(if i % 2 == 0 { "Acompanhamento do caso com o cliente; detalhes no quadro de tarefas." } else { "" }),
                    opt(deadline),
                    V::S(status.as_str()),
                    V::S(visibility.as_str()),
                    opt(team),
                    t(&staff_ids[i % staff_ids.len()]),
                    V::I((status == MatterStatus::Closed && i % 2 == 0) as i64),
                    V::I(created),
                    V::I(touched),
                    V::I(touched),
                    V::I(touched),
                ]
            }),
        )
        .await?;
    }
    w.insert(
        "matter_parties",
        &["matter_id", "client_id"],
        matter_ids.iter().enumerate().flat_map(|(i, id)| {
            let mut rows = vec![vec![t(id), t(&client_ids[party(i)])]];
            let second = if i < CLIENT_MATTERS { 1 + i } else { 1 + (i * 7 + 3) % (c - 1) };
            if (i % 4 == 0 || i < CLIENT_MATTERS) && second != party(i) {
                rows.push(vec![t(id), t(&client_ids[second])]);
            }
            rows
        }),
    )
    .await?;
    // Every 20th matter is an appeal of the one before, every 30th related to one
    // two before (never touching the bench client's matters).
    w.insert(
        "matter_links",
        &["id", "from_matter_id", "to_matter_id", "kind", "created_at"],
        (CLIENT_MATTERS + 2..m).filter(|i| i % 20 == 0 || i % 30 == 0).map(|i| {
            let (to, kind) = if i % 20 == 0 { (i - 1, LinkKind::Appeal) } else { (i - 2, LinkKind::Related) };
            vec![t(new_id()), t(&matter_ids[i]), t(&matter_ids[to]), V::S(kind.as_str()), V::I(now - 10 * DAY_MS)]
        }),
    )
    .await?;
    {
        let rng = &mut rng;
        w.insert(
            "stages",
            &["id", "matter_id", "name", "starts_on", "ends_on", "done", "position"],
            matter_ids.iter().enumerate().flat_map(|(i, id)| {
                let n = if i == 0 { 6 } else if i % 3 == 0 { rng.gen_range(2..5) } else { 0 };
                let mut start = -60i64;
                (0..n)
                    .map(|p| {
                        let len = if i == 0 { 25 } else { rng.gen_range(10..60) };
                        let row = vec![
                            t(new_id()),
                            t(id),
                            t(STAGE_NAME[p % STAGE_NAME.len()]),
                            t(date(start)),
                            t(date(start + len)),
                            V::I((start + len < 0) as i64),
                            V::I(p as i64),
                        ];
                        start += len + 1;
                        row
                    })
                    .collect::<Vec<_>>()
            }),
        )
        .await?;
    }
    let column_ids: Vec<[String; 3]> = (0..m).map(|_| [new_id(), new_id(), new_id()]).collect();
    let column_names = default_columns(Locale::pt_BR);
    w.insert(
        "board_columns",
        &["id", "matter_id", "name", "position", "is_done"],
        column_ids.iter().zip(&matter_ids).flat_map(|(cols, mid)| {
            (0..3).map(|p| vec![t(&cols[p]), t(mid), t(&column_names[p]), V::I(p as i64), V::I((p == 2) as i64)]).collect::<Vec<_>>()
        }),
    )
    .await?;

    // Tasks: matter 0 has exactly CLIENT_MATTER_PUBLIC_TASKS public ones and some
    // private; the rest are spread evenly over the other matters.
    let big = CLIENT_MATTER_PUBLIC_TASKS + CLIENT_MATTER_PRIVATE_TASKS;
    let rest = sizes.tasks.saturating_sub(big);
    let (per, extra) = (rest / (m - 1), rest % (m - 1));
    {
        let rng = &mut rng;
        let (staff_ids, updated) = (&staff_ids, &updated);
        w.insert(
            "tasks",
            &[
                "id", "matter_id", "column_id", "title", "description", "due_on", "assignee_id", "is_public", "position",
                "created_at", "updated_at",
            ],
            matter_ids.iter().enumerate().flat_map(|(i, mid)| {
                let n = if i == 0 { big } else { per + usize::from(i <= extra) };
                let mut next = [0i64; 3];
                (0..n)
                    .map(|k| {
                        let (col, public) = if i == 0 {
                            // Public: 90 to do, 60 doing, 50 done; private: 20, 10, 10.
                            let public = k < CLIENT_MATTER_PUBLIC_TASKS;
                            let k = if public { k } else { k - CLIENT_MATTER_PUBLIC_TASKS };
                            let col = if public {
                                if k < 90 { 0 } else if k < 150 { 1 } else { 2 }
                            } else if k < 20 {
                                0
                            } else if k < 30 {
                                1
                            } else {
                                2
                            };
                            (col, public)
                        } else {
                            (rng.gen_range(0..3usize), rng.gen_bool(0.5))
                        };
                        let pos = next[col];
                        next[col] += 1;
                        let at = updated[i] - rng.gen_range(0..30) * DAY_MS;
                        vec![
                            t(new_id()),
                            t(mid),
                            t(&column_ids[i][col]),
                            t(format!("{} {}", pick(rng, TASK_TITLE), k + 1)),
                            t(if k % 3 == 0 { "Ver observações anexadas ao processo e confirmar com o cliente." } else { "" }),
                            opt((rng.gen_range(0..10) < 6).then(|| date(rng.gen_range(-20..120)))),
                            opt((rng.gen_range(0..10) < 7).then(|| staff_ids[rng.gen_range(0..staff_ids.len())].clone())),
                            V::I(public as i64),
                            V::I(pos),
                            V::I(at - DAY_MS),
                            V::I(at),
                        ]
                    })
                    .collect::<Vec<_>>()
            }),
        )
        .await?;
    }

    // Grants: the bench client sees every block of its matters; every tenth client
    // (invited, no password yet) one matter with three blocks; every hundredth also
    // every matter where it is a party.
    let all_blocks: Vec<&'static str> = Block::ALL.iter().map(|b| b.as_str()).collect();
    let some_blocks = vec![Block::Deadline.as_str(), Block::Schedule.as_str(), Block::Tasks.as_str()];
    let mut grants: Vec<(String, usize, Option<usize>, Vec<&'static str>)> = vec![];
    for i in 0..CLIENT_MATTERS {
        grants.push((new_id(), 0, Some(i), all_blocks.clone()));
    }
    for ci in (10..c).step_by(10) {
        let matter = CLIENT_MATTERS + ci - 1;
        if matter < m {
            grants.push((new_id(), ci, Some(matter), some_blocks.clone()));
        }
        if ci % 100 == 50 {
            grants.push((new_id(), ci, None, vec![Block::Deadline.as_str(), Block::Tasks.as_str()]));
        }
    }
    w.insert(
        "grants",
        &["id", "workspace_id", "client_id", "scope", "matter_id", "include_private", "created_at", "updated_at"],
        grants.iter().map(|(id, ci, matter, _)| {
            let scope = if matter.is_some() { Scope::Matter } else { Scope::Parties };
            vec![
                t(id),
                t(&wsid),
                t(&client_ids[*ci]),
                V::S(scope.as_str()),
                opt(matter.map(|mi| matter_ids[mi].clone())),
                V::I(0),
                V::I(now - 60 * DAY_MS),
                V::I(now - 60 * DAY_MS),
            ]
        }),
    )
    .await?;
    w.insert(
        "grant_blocks",
        &["grant_id", "block"],
        grants.iter().flat_map(|(id, _, _, blocks)| blocks.iter().map(|b| vec![t(id), V::S(b)]).collect::<Vec<_>>()),
    )
    .await?;
    // The bench client last looked at its matters two days ago (home counts changes since).
    w.insert(
        "access_log",
        &["id", "workspace_id", "client_id", "matter_id", "via", "at"],
        (0..CLIENT_MATTERS).map(|i| {
            vec![t(new_id()), t(&wsid), t(&client_ids[0]), t(&matter_ids[i]), V::S(AccessType::Account.as_str()), V::I(now - 2 * DAY_MS)]
        }),
    )
    .await?;

    // Tickets, oldest first (numbers follow age): one in fifty is the bench client's
    // in one of its matters, the rest in a random matter by its first party. Older
    // ones are mostly done or closed.
    let k = sizes.tickets;
    let span = 365 * DAY_MS;
    struct Ticket {
        id: String,
        client: usize,
        created: i64,
        updated: i64,
        state: TicketState,
    }
    let mut tickets: Vec<Ticket> = Vec::with_capacity(k);
    {
        let rng = &mut rng;
        let tickets = &mut tickets;
        let (matter_ids, client_ids) = (&matter_ids, &client_ids);
        w.insert(
            "tickets",
            &[
                "id", "workspace_id", "matter_id", "client_id", "number", "title", "description", "priority",
                "priority_rank", "state", "created_at", "updated_at",
            ],
            (0..k).map(|j| {
                let matter = if j % 50 == 0 { 1 + (j / 50) % (CLIENT_MATTERS - 1) } else { rng.gen_range(CLIENT_MATTERS..m) };
                let client = party(matter);
                let created = now - span + (j as i64) * span / (k as i64) - rng.gen_range(0..3_600_000);
                let age_days = (now - created) / DAY_MS;
                let roll = rng.gen_range(0..10);
                let state = if age_days > 90 {
                    match roll {
                        0..6 => TicketState::Closed,
                        6..9 => TicketState::Done,
                        _ => TicketState::InProgress,
                    }
                } else {
                    match roll {
                        0..4 => TicketState::Received,
                        4..7 => TicketState::InProgress,
                        7..9 => TicketState::Done,
                        _ => TicketState::Closed,
                    }
                };
                let priority = match rng.gen_range(0..10) {
                    0..2 => Priority::Low,
                    2..7 => Priority::Normal,
                    7..9 => Priority::High,
                    _ => Priority::Urgent,
                };
                let updated = if state == TicketState::Received { created } else { (created + rng.gen_range(1..10) * 3_600_000).min(now) };
                let id = new_id();
                tickets.push(Ticket { id: id.clone(), client, created, updated, state });
                vec![
                    t(id),
                    t(&wsid),
                    t(&matter_ids[matter]),
                    t(&client_ids[client]),
                    V::I(j as i64 + 1),
                    t(format!("{} #{}", pick(rng, TICKET_TITLE), j + 1)),
                    t("Bom dia, poderiam verificar e me retornar? Obrigado."),
                    V::S(priority.as_str()),
                    V::I(priority.rank()),
                    V::S(state.as_str()),
                    V::I(created),
                    V::I(updated),
                ]
            }),
        )
        .await?;
    }
    // Events as the code writes them: "received" by the client at filing; for a third
    // a staff reply and the client's answer; one in five an internal note; then the
    // staff's status change when the state moved on.
    {
        let (client_ids, staff_ids) = (&client_ids, &staff_ids);
        w.insert(
            "ticket_events",
            &["id", "ticket_id", "kind", "author_staff_id", "author_client_id", "body", "state", "created_at"],
            tickets.iter().enumerate().flat_map(|(j, tk)| {
                let staff = &staff_ids[j % staff_ids.len()];
                let client = &client_ids[tk.client];
                let mid = tk.created + (tk.updated - tk.created) / 2;
                let ev = |kind: EventKind, st: Option<&String>, cl: Option<&String>, body: &str, state: Option<TicketState>, at: i64| {
                    vec![
                        t(new_id()),
                        t(&tk.id),
                        V::S(kind.as_str()),
                        opt(st.cloned()),
                        opt(cl.cloned()),
                        t(body),
                        state.map(|s| V::S(s.as_str())).unwrap_or(V::Null),
                        V::I(at),
                    ]
                };
                let mut rows = vec![ev(EventKind::Status, None, Some(client), "", Some(TicketState::Received), tk.created)];
                if tk.state != TicketState::Received {
                    if j % 3 == 0 {
                        rows.push(ev(EventKind::Message, Some(staff), None, "Recebemos seu pedido e estamos verificando.", None, mid));
                        rows.push(ev(EventKind::Message, None, Some(client), "Obrigado, aguardo.", None, mid + 1));
                    }
                    if j % 5 == 0 {
                        rows.push(ev(EventKind::Note, Some(staff), None, "Conferir com o responsável antes de responder.", None, mid + 2));
                    }
                    rows.push(ev(EventKind::Status, Some(staff), None, "", Some(tk.state), tk.updated));
                }
                rows
            }),
        )
        .await?;
    }
    // The admin has opened most tickets (some before their last change: unread again).
    w.insert(
        "ticket_reads",
        &["ticket_id", "staff_id", "read_at"],
        tickets.iter().enumerate().filter(|(j, _)| j % 5 != 0).map(|(j, tk)| {
            let read_at = if j % 7 == 0 { tk.created + 1 } else { tk.updated + 1 };
            vec![t(&tk.id), t(&ws.admin_id), V::I(read_at)]
        }),
    )
    .await?;

    // New tickets continue the workspace's counter.
    sqlx::query("UPDATE workspaces SET ticket_seq = (SELECT COALESCE(MAX(number), 0) FROM tickets WHERE workspace_id = $1) WHERE id = $1")
        .bind(&wsid)
        .execute(&db.pool)
        .await?;

    // PostgreSQL's autovacuum would gather statistics soon after such a load; do it
    // now so every run measures the same plans. SQLite is left as the app leaves it.
    if db.backend == Backend::Postgres {
        let t0 = Instant::now();
        sqlx::query("ANALYZE").execute(&db.pool).await?;
        eprintln!("  ANALYZE in {:.2} s", t0.elapsed().as_secs_f64());
    }
    Ok(Generated {
        backend: match db.backend {
            Backend::Sqlite => "sqlite",
            Backend::Postgres => "postgres",
        },
        workspace_id: wsid,
        admin_email: ADMIN_EMAIL,
        client_email: CLIENT_EMAIL,
        password: PASSWORD,
        client_matter_id: matter_ids[0].clone(),
        staff_matter_id: matter_ids[0].clone(),
        ticket_matter_id: matter_ids[1].clone(),
        sizes,
        rows: w.rows,
        seconds: started.elapsed().as_secs_f64(),
    })
}

/// Serves the bytes of `file` with `content_type` (and `content_encoding`, when the
/// page was compressed) to every request, from a bare axum router without
/// middleware, until the process is stopped.
pub async fn serve_ceiling(
    addr: std::net::SocketAddr,
    file: &std::path::Path,
    content_type: &str,
    content_encoding: &str,
) -> anyhow::Result<()> {
    use axum::http::{HeaderMap, HeaderValue, header};
    let body = bytes::Bytes::from(tokio::fs::read(file).await.map_err(|e| anyhow::anyhow!("reading {}: {e}", file.display()))?);
    let mut headers = HeaderMap::new();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_str(content_type)?);
    if !content_encoding.is_empty() {
        headers.insert(header::CONTENT_ENCODING, HeaderValue::from_str(content_encoding)?);
    }
    let app = axum::Router::new().fallback(move || {
        let (body, headers) = (body.clone(), headers.clone());
        async move { (headers, body) }
    });
    let listener = tokio::net::TcpListener::bind(addr).await?;
    axum::serve(listener, app).await?;
    Ok(())
}
