//! Automatic movements from DataJud, against a local fake court that answers as
//! DataJud's public API does (`POST /api_publica_<court>/_search`, `Authorization:
//! APIKey …`, a `match` on `numeroProcesso`, Elasticsearch hits with `movimentos`).
use crate::helpers::*;
use crate::sharing::{invited_client, shared_matter};
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use portico::model::AppError;
use portico::server::datajud::{self, DataJud, cnj::with_check_digits};
use serde_json::{Value, json};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// How the fake court answers for one case number.
#[derive(Clone)]
enum Case {
    Movements(Vec<Value>),
    Malformed,
    Slow,
    Broken,
    Empty,
}

#[derive(Clone, Default)]
struct Court {
    cases: Arc<Mutex<HashMap<String, Case>>>,
    asked: Arc<Mutex<Vec<String>>>,
}

impl Court {
    fn set(&self, number: &str, case: Case) {
        let digits: String = number.chars().filter(|c| c.is_ascii_digit()).collect();
        self.cases.lock().unwrap().insert(digits, case);
    }
}

async fn search(State(court): State<Court>, Path(index): Path<String>, headers: HeaderMap, body: String) -> Response {
    if headers.get("authorization").and_then(|v| v.to_str().ok()) != Some("APIKey test-key") {
        return (StatusCode::UNAUTHORIZED, "unauthorized").into_response();
    }
    if index != "api_publica_tjsp" {
        return (StatusCode::NOT_FOUND, json!({"error": {"type": "index_not_found_exception"}}).to_string()).into_response();
    }
    let q: Value = serde_json::from_str(&body).unwrap_or_default();
    let number = q["query"]["match"]["numeroProcesso"].as_str().unwrap_or_default().to_string();
    court.asked.lock().unwrap().push(number.clone());
    let case = court.cases.lock().unwrap().get(&number).cloned().unwrap_or(Case::Empty);
    let hits = |hits: Vec<Value>| json!({"took": 3, "timed_out": false, "hits": {"total": {"value": hits.len(), "relation": "eq"}, "max_score": 1.0, "hits": hits}}).to_string();
    match case {
        Case::Movements(ms) => hits(vec![json!({
            "_index": "api_publica_tjsp", "_id": format!("TJSP_436_G1_{number}"), "_score": 1.0,
            "_source": {"numeroProcesso": number, "tribunal": "TJSP", "grau": "G1", "classe": {"codigo": 7, "nome": "Procedimento Comum Cível"},
                        "orgaoJulgador": {"codigo": 1, "nome": "1ª Vara Cível"}, "dataHoraUltimaAtualizacao": "2026-11-30T10:00:00.000Z",
                        "movimentos": ms}
        })])
        .into_response(),
        Case::Malformed => (StatusCode::OK, "{\"hits\": {\"hits\": [{\"_source\": ").into_response(),
        Case::Slow => {
            tokio::time::sleep(Duration::from_secs(3)).await;
            hits(vec![]).into_response()
        }
        Case::Broken => (StatusCode::BAD_GATEWAY, "upstream down").into_response(),
        Case::Empty => hits(vec![]).into_response(),
    }
}

/// The fake court on a random port; its base URL.
async fn court() -> (Court, String) {
    let court = Court::default();
    let app = axum::Router::new().route("/{index}/_search", post(search)).with_state(court.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (court, url)
}

async fn app_with_court(backend: Backend, key: &str) -> (TestApp, Court) {
    let (court, url) = court().await;
    let key = key.to_string();
    let app = spawn_app_with(backend, move |s| {
        s.datajud_api_key = Some(key.into());
        s.datajud_url = url;
        s.datajud_timeout_ms = 500;
    })
    .await;
    (app, court)
}

fn mov(codigo: i64, nome: &str, at: &str) -> Value {
    json!({"codigo": codigo, "nome": nome, "dataHora": at, "complementosTabelados": [], "orgaoJulgador": {"codigoOrgao": 1, "nomeOrgao": "1ª Vara Cível"}})
}

/// A legal matter with CNJ number `reference`; its id.
async fn legal_matter(firm: &Firm, title: &str, reference: &str) -> String {
    let mut input = matter(title);
    input["reference"] = json!(reference);
    firm.admin.call("create_matter", json!({"input": input})).await.unwrap().as_str().unwrap().to_string()
}

macro_rules! with_court {
    ($($name:ident),* $(,)?) => {$(
        mod $name {
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                let (app, court) = super::app_with_court(crate::helpers::Backend::Sqlite, "test-key").await;
                super::$name(app, court).await
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                let (app, court) = super::app_with_court(crate::helpers::Backend::Postgres, "test-key").await;
                super::$name(app, court).await
            }
        }
    )*};
}

with_court!(
    a_sync_adds_new_movements_and_never_the_same_twice,
    court_problems_are_reported_on_the_matter_and_change_nothing,
    one_bad_matter_never_stops_the_others,
    a_wrong_key_is_reported,
);
crate::both!(without_a_key_or_a_legal_matter_there_is_nothing_to_sync);

async fn a_sync_adds_new_movements_and_never_the_same_twice(app: TestApp, court: Court) {
    let firm = app.firm("Souza").await;
    let number = with_check_digits(4242, 2025, 8, 26, 100);
    let m = legal_matter(&firm, "Ação de despejo", &number).await;
    let mut conclusao = mov(51, "Conclusão", "2026-11-20T17:05:00.000Z");
    conclusao["complementosTabelados"] = json!([{"codigo": 3, "valor": 5, "nome": "para despacho", "descricao": "tipo_de_conclusao"}]);
    court.set(&number, Case::Movements(vec![mov(26, "Distribuição", "2026-11-01T12:00:00.000Z"), conclusao.clone()]));

    let s = firm.member.call("sync_movements", json!({"matter_id": m})).await.unwrap();
    assert_eq!((s["status"].as_str(), s["added"].as_i64()), (Some("ok"), Some(2)), "{s}");
    assert_eq!(court.asked.lock().unwrap().as_slice(), [number.chars().filter(char::is_ascii_digit).collect::<String>()]);
    let list = firm.admin.call("list_movements", json!({"matter_id": m})).await.unwrap();
    assert_eq!(list["can_sync"], true);
    assert_eq!(list["sync"]["status"], "ok");
    let items = list["items"].as_array().unwrap();
    assert_eq!(items.len(), 2);
    assert_eq!(items[0]["text"], "Conclusão (para despacho)");
    assert_eq!(items[0]["occurred_at"], "2026-11-20T14:05", "Brasília time");
    assert_eq!(items[0]["source"], "DataJud");

    // Fetching again adds nothing; a new movement is added alone.
    let s = firm.admin.call("sync_movements", json!({"matter_id": m})).await.unwrap();
    assert_eq!(s["added"], 0);
    court.set(&number, Case::Movements(vec![mov(26, "Distribuição", "2026-11-01T12:00:00.000Z"), conclusao, mov(581, "Documento", "2026-11-28T09:30:00.000Z")]));
    let dj = DataJud::from_settings(&app.state.settings).unwrap();
    assert_eq!(datajud::sync_all(&app.state.db, &dj).await.unwrap(), 1, "the background job's pass");
    assert_eq!(app.count("movements").await, 3);
    let list = firm.admin.call("list_movements", json!({"matter_id": m})).await.unwrap();
    assert_eq!(list["sync"]["added"], 1);

    // The client granted the automatic block reads them; the manual block alone shows none.
    let auto = invited_client(&app, &firm, &m, "auto@cliente.example", &["auto_movements"]).await;
    let (_, html) = auto.get(&format!("/portal/m/{m}")).await;
    assert!(html.contains("Conclusão (para despacho)") && html.contains("20/11/2026 14:05"), "{html}");
    let manual = invited_client(&app, &firm, &m, "manual@cliente.example", &["manual_movements"]).await;
    let (_, html) = manual.get(&format!("/portal/m/{m}")).await;
    assert!(!html.contains("Conclusão"));
}

async fn court_problems_are_reported_on_the_matter_and_change_nothing(app: TestApp, court: Court) {
    let firm = app.firm("Souza").await;
    for (n, case, code) in [
        (1, Case::Malformed, "bad_answer"),
        (2, Case::Slow, "court_timeout"),
        (3, Case::Broken, "court_down"),
        (4, Case::Empty, "not_at_court"),
    ] {
        let number = with_check_digits(n, 2025, 8, 26, 100);
        court.set(&number, case);
        let m = legal_matter(&firm, &format!("Processo {n}"), &number).await;
        let s = firm.admin.call("sync_movements", json!({"matter_id": m})).await.unwrap();
        assert_eq!(s["status"], code, "case {n}");
        assert_eq!(s["added"], 0);
        let list = firm.admin.call("list_movements", json!({"matter_id": m})).await.unwrap();
        assert_eq!(list["sync"]["status"], code);
        // The staff page says it in Portuguese.
        let (_, html) = firm.admin.get(&format!("/matters/{m}/movements")).await;
        assert!(html.contains("sem sucesso"), "case {n}: {html}");
    }
    assert_eq!(app.count("movements").await, 0);
    // A court DataJud does not have (a federal court here), and a number whose check
    // digits are wrong, never reach the network.
    let before = court.asked.lock().unwrap().len();
    let federal = legal_matter(&firm, "Federal", &with_check_digits(9, 2025, 4, 3, 6100)).await;
    let s = firm.admin.call("sync_movements", json!({"matter_id": federal})).await.unwrap();
    assert_eq!(s["status"], "unknown_court", "trf3 is not served by this fake court: {s}");
    let typo = legal_matter(&firm, "Typo", "0004242-00.2025.8.26.0100").await;
    let s = firm.admin.call("sync_movements", json!({"matter_id": typo})).await.unwrap();
    assert_eq!(s["status"], "bad_number");
    assert_eq!(court.asked.lock().unwrap().len(), before, "only the federal court's index was tried, and answered 404");
}

async fn one_bad_matter_never_stops_the_others(app: TestApp, court: Court) {
    let firm = app.firm("Souza").await;
    let good = with_check_digits(77, 2024, 8, 26, 1);
    court.set(&good, Case::Movements(vec![mov(26, "Distribuição", "2024-02-01T12:00:00.000Z")]));
    let slow = with_check_digits(78, 2024, 8, 26, 1);
    court.set(&slow, Case::Slow);
    let bad = legal_matter(&firm, "Número errado", "0000001-00.2024.8.26.0001").await;
    let slow_m = legal_matter(&firm, "Lento", &slow).await;
    let good_m = legal_matter(&firm, "Bom", &good).await;
    let dj = DataJud::from_settings(&app.state.settings).unwrap();
    assert_eq!(datajud::sync_all(&app.state.db, &dj).await.unwrap(), 3);
    let status = |m: String| {
        let admin = &firm.admin;
        async move { admin.call("list_movements", json!({"matter_id": m})).await.unwrap()["sync"]["status"].as_str().unwrap().to_string() }
    };
    assert_eq!(status(bad).await, "bad_number");
    assert_eq!(status(slow_m).await, "court_timeout");
    assert_eq!(status(good_m.clone()).await, "ok");
    let list = firm.admin.call("list_movements", json!({"matter_id": good_m})).await.unwrap();
    assert_eq!(list["items"][0]["text"], "Distribuição");
}

async fn a_wrong_key_is_reported(app: TestApp, court: Court) {
    let firm = app.firm("Souza").await;
    let number = with_check_digits(5, 2025, 8, 26, 100);
    court.set(&number, Case::Movements(vec![mov(26, "Distribuição", "2026-11-01T12:00:00.000Z")]));
    let m = legal_matter(&firm, "Ação", &number).await;
    let mut settings = (*app.state.settings).clone();
    settings.datajud_api_key = Some("wrong".to_string().into());
    let dj = DataJud::from_settings(&settings).unwrap();
    let s = datajud::sync_matter(&app.state.db, &dj, &m, &number).await.unwrap();
    assert_eq!(s.status, "court_refused_key");
    assert_eq!(app.count("movements").await, 0);
}

async fn without_a_key_or_a_legal_matter_there_is_nothing_to_sync(app: TestApp) {
    let firm = app.firm("Souza").await;
    let (m, _) = shared_matter(&firm, "Ação de cobrança").await;
    assert_invalid(firm.admin.call("sync_movements", json!({"matter_id": m})).await, "datajud", "datajud_off");
    let list = firm.admin.call("list_movements", json!({"matter_id": m})).await.unwrap();
    assert_eq!(list["can_sync"], false);
    assert_eq!(list["sync"], Value::Null);
    let mut project = matter("Site novo");
    project["kind"] = json!("project");
    let p = firm.admin.call("create_matter", json!({"input": project})).await.unwrap();
    assert_invalid(firm.admin.call("sync_movements", json!({"matter_id": p})).await, "reference", "bad_number");
    let other = app.firm("Lima").await;
    assert_eq!(other.admin.call("sync_movements", json!({"matter_id": m})).await, Err(AppError::NotFound));
}
