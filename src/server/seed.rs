//! The demo workspace seeded by `portico serve --demo` into a new database.
use super::auth::identity::load_staff;
use super::db::Db;
use super::locale::default_columns;
use super::mail::MailCtx;
use super::repo::{board, client_logins, clients, cycles, matters, movements, publications, sharing, staff, workspace};
use crate::model::movement::{MovementInput, MovementSource};
use crate::model::cycle::{CycleInput, TimeInput};
use crate::model::publication::PublicationInput;
use crate::model::sharing::ShareInput;
use crate::i18n::Locale;
use crate::model::board::TaskInput;
use crate::model::matter::{MatterInput, StageInput};
use crate::model::people::Client;
use crate::model::AppError;
use chrono::{Datelike, Duration, Utc};

/// A login printed for the demo.
pub struct DemoLogin {
    pub role: &'static str,
    pub email: &'static str,
    pub password: &'static str,
}

const PASSWORD: &str = "portico-demo";

/// The demo's logins (valid unless someone changed the passwords).
pub const DEMO_LOGINS: &[DemoLogin] = &[
    DemoLogin { role: "admin", email: "ana@souzalima.example", password: PASSWORD },
    DemoLogin { role: "member", email: "bruno@souzalima.example", password: PASSWORD },
    DemoLogin { role: "client", email: "contato@boavista.example", password: PASSWORD },
];

/// Seeds the demo when no workspace exists; returns whether it did. `base_url`
/// goes into the links of the demo's mail; document files go into `store`.
pub async fn demo_if_empty(db: &Db, store: &dyn super::storage::BlobStore, base_url: &str) -> Result<bool, AppError> {
    if !workspace::is_empty(&db.pool).await? {
        return Ok(false);
    }
    let ws = workspace::create(
        db,
        workspace::NewWorkspace {
            workspace_name: "Souza & Lima Advogados".into(),
            admin_name: "Ana Souza".into(),
            admin_email: "ana@souzalima.example".into(),
            admin_password: PASSWORD.into(),
        },
        true,
    )
    .await?;
    let admin_staff = load_staff(db, &ws.admin_id).await?.ok_or(AppError::Internal)?;
    let admin = crate::server::auth::identity::admin_for_seed(admin_staff.clone());
    let bruno = staff::add(db, &admin, "Bruno Lima", "bruno@souzalima.example", "member", PASSWORD).await?;
    let team = staff::save_team(db, &admin, None, "Contencioso", &[ws.admin_id.clone(), bruno.clone()]).await?;
    let client = |name: &str, email: &str, phone: &str, doc: &str, addr: &str| Client {
        id: String::new(),
        name: name.into(),
        email: email.into(),
        phone: phone.into(),
        document: doc.into(),
        address: addr.into(),
        notes: String::new(),
    };
    let boa_vista = clients::create(
        db,
        &admin_staff,
        &client("Mercado Boa Vista Ltda", "contato@boavista.example", "+55 11 3333-4444", "12.345.678/0001-90", "Rua das Flores, 100, São Paulo - SP"),
    )
    .await?;
    let carla = clients::create(
        db,
        &admin_staff,
        &client("Carla Mendes", "carla@mendes.example", "+55 21 99999-0000", "123.456.789-09", "Av. Atlântica, 200, Rio de Janeiro - RJ"),
    )
    .await?;
    let today = Utc::now().date_naive();
    let d = |days: i64| (today + Duration::days(days)).to_string();
    let stage = |name: &str, a: i64, b: i64, done: bool| StageInput { name: name.into(), starts_on: d(a), ends_on: d(b), done };
    let cols = default_columns(Locale::pt_BR);
    let cobranca = matters::create(
        db,
        &admin_staff,
        &MatterInput {
            kind: "legal".into(),
            title: "Ação de cobrança — Mercado Boa Vista".into(),
            reference: "0001234-03.2026.8.26.0100".into(),
            description: "Cobrança de duplicatas vencidas contra distribuidora.".into(),
            deadline: d(75),
            status: "active".into(),
            visibility: "team".into(),
            team_id: team.clone(),
            party_ids: vec![boa_vista.clone()],
            stages: vec![
                stage("Petição inicial", -40, -30, true),
                stage("Citação", -29, 5, false),
                stage("Audiência de conciliação", 6, 30, false),
                stage("Sentença", 31, 75, false),
            ],
        },
        cols.clone(),
    )
    .await?;
    let apelacao = matters::create(
        db,
        &admin_staff,
        &MatterInput {
            kind: "legal".into(),
            title: "Apelação — Mercado Boa Vista".into(),
            reference: "0001234-03.2026.8.26.0100/50000".into(),
            status: "on_hold".into(),
            visibility: "workspace".into(),
            party_ids: vec![boa_vista],
            ..Default::default()
        },
        cols.clone(),
    )
    .await?;
    matters::add_link(db, &admin_staff, &apelacao, &cobranca, "appeal").await?;
    let site = matters::create(
        db,
        &admin_staff,
        &MatterInput {
            kind: "project".into(),
            title: "Inventário da família Mendes".into(),
            reference: "INV-2026-014".into(),
            description: "Inventário extrajudicial e partilha de bens.".into(),
            deadline: d(40),
            status: "active".into(),
            visibility: "workspace".into(),
            party_ids: vec![carla],
            stages: vec![stage("Levantamento de documentos", -10, 7, false), stage("Escritura em cartório", 8, 40, false)],
            ..Default::default()
        },
        cols,
    )
    .await?;
    for (matter, tasks) in [
        (&cobranca, vec![("Protocolar petição inicial", 2, true), ("Calcular atualização monetária", 1, false), ("Preparar proposta de acordo", 0, true), ("Revisar contrato social do réu", 0, false)]),
        (&site, vec![("Certidões dos herdeiros", 1, true), ("Avaliação do imóvel", 0, true), ("Minuta da escritura", 0, false)]),
    ] {
        let b = board::board(db, &admin_staff, matter).await?;
        for (i, (title, col, public)) in tasks.into_iter().enumerate() {
            let input = TaskInput {
                title: title.into(),
                due_on: d(3 + 4 * i as i64),
                assignee_id: if i % 2 == 0 { ws.admin_id.clone() } else { bruno.clone() },
                is_public: public,
                ..Default::default()
            };
            board::create_task(db, &admin_staff, &b.columns[col].id, &input).await?;
        }
    }
    // The suit's history: what the court published (as DataJud brings it) and what
    // the firm recorded itself.
    for (i, (days, time, text)) in [
        (-38, "10:12", "Distribuído por sorteio"),
        (-36, "16:40", "Conclusos para despacho"),
        (-30, "09:05", "Expedição de mandado de citação"),
        (-12, "14:22", "Mandado devolvido cumprido"),
        (-5, "11:47", "Juntada de petição de contestação"),
    ]
    .into_iter()
    .enumerate()
    {
        let m = movements::FeedMovement {
            source: MovementSource::DataJud,
            external_id: format!("demo-{i}"),
            occurred_at: format!("{}T{time}", d(days)),
            text: text.into(),
        };
        movements::add_from_feed(&db.pool, &cobranca, &m).await?;
    }
    for (days, text) in [
        (-39, "Petição inicial protocolada com as duplicatas e os protestos."),
        (-4, "Recebemos a contestação; estamos preparando a réplica e uma proposta de acordo."),
    ] {
        movements::add(db, &admin_staff, &cobranca, &MovementInput { on: d(days), text: text.into() }).await?;
    }
    // What the journals published: two reviewed (the client sees them), the latest
    // still waiting for a lawyer's review.
    for (days, journal, text, reviewed) in [
        (-29, "DJE-SP", "Intimação do autor: recolher as custas de citação no prazo de 5 dias.", true),
        (-11, "DJEN", "Certidão de cumprimento do mandado de citação juntada aos autos.", true),
        (-3, "DJEN", "Intimação do autor para réplica à contestação no prazo de 15 dias.", false),
    ] {
        let input = PublicationInput { on: d(days), journal: journal.into(), text: text.into() };
        let id = publications::add(db, &admin_staff, &cobranca, &input).await?;
        if reviewed {
            publications::set_reviewed(db, &admin_staff, &id, true).await?;
        }
    }
    // The suit is on a monthly retainer of 20 hours: time logged by both lawyers on
    // public and internal tasks over this month and the last two.
    let first = today.with_day(1).unwrap_or(today) - chrono::Months::new(2);
    cycles::set_plan(db, &admin_staff, &cobranca, &CycleInput { unit: "month".into(), days: String::new(), start: first.to_string(), budget_hours: "20".into() }).await?;
    let tasks: Vec<(String, i64)> = sqlx::query_as("SELECT id, is_public FROM tasks WHERE matter_id = $1 ORDER BY is_public DESC, title")
        .bind(&cobranca)
        .fetch_all(&db.pool)
        .await?;
    let bruno_staff = load_staff(db, &bruno).await?.ok_or(AppError::Internal)?;
    for (i, (days, hours, note)) in [(-55, "6", "Petição inicial"), (-48, "3,5", ""), (-30, "8", "Pesquisa de jurisprudência"), (-20, "4:30", ""), (-6, "2", "Reunião com o cliente"), (-2, "3", "")]
        .into_iter()
        .enumerate()
    {
        let on = today + Duration::days(days);
        if on < first {
            continue;
        }
        let who = if i % 2 == 0 { &admin_staff } else { &bruno_staff };
        let input = TimeInput { task_id: tasks[i % tasks.len()].0.clone(), on: on.to_string(), hours: hours.into(), note: note.into() };
        cycles::log_time(db, who, &cobranca, &input).await?;
    }
    // The suit's documents: the petition and the protests are shared with the
    // client; the firm's strategy notes are not.
    for (name, content_type, bytes, shared) in [
        ("Petição inicial.pdf", "application/pdf", demo_pdf("Peticao inicial - Acao de cobranca"), true),
        ("Protestos das duplicatas.pdf", "application/pdf", demo_pdf("Protestos das duplicatas"), true),
        ("Estratégia de acordo (interno).txt", "text/plain; charset=utf-8", "Proposta mínima: 80% do valor, em até 6 parcelas.".as_bytes().to_vec(), false),
    ] {
        super::documents::add_bytes(db, store, &admin_staff, &cobranca, name, content_type, bytes, shared).await?;
    }
    // The client Mercado Boa Vista follows its collection suit (and, through it, the
    // appeal) in the portal, with a password already set.
    let share = ShareInput {
        emails: "contato@boavista.example".into(),
        blocks: ["deadline", "schedule", "tasks", "cycles", "auto_movements", "manual_movements", "publications", "documents"]
            .map(String::from)
            .to_vec(),
        access_type: "account".into(),
    };
    let ctx = MailCtx { locale: Locale::pt_BR, base_url: base_url.to_string(), key: db.seal.clone() };
    sharing::share(db, &admin_staff, &cobranca, &share, &ctx).await?;
    client_logins::set_password_for_seed(db, "contato@boavista.example", PASSWORD).await?;
    Ok(true)
}

/// A one-page PDF that reads `title`.
fn demo_pdf(title: &str) -> Vec<u8> {
    let content = format!("BT /F1 18 Tf 72 720 Td ({title}) Tj ET");
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>".to_string(),
        format!("<< /Length {} >>\nstream\n{content}\nendstream", content.len()),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_string(),
    ];
    let mut pdf = b"%PDF-1.4\n".to_vec();
    let mut offsets = vec![];
    for (i, o) in objects.iter().enumerate() {
        offsets.push(pdf.len());
        pdf.extend_from_slice(format!("{} 0 obj\n{o}\nendobj\n", i + 1).as_bytes());
    }
    let xref = pdf.len();
    pdf.extend_from_slice(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes());
    for off in offsets {
        pdf.extend_from_slice(format!("{off:010} 00000 n \n").as_bytes());
    }
    pdf.extend_from_slice(format!("trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n", objects.len() + 1).as_bytes());
    pdf
}

/// Prints the demo logins on the terminal.
pub fn print_logins() {
    println!("Demo logins:");
    for l in DEMO_LOGINS {
        println!("  {:<7} {}  /  {}", l.role, l.email, l.password);
    }
    println!("Staff sign in at /login; clients at /portal/login.");
}
