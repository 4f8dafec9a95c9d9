//! Matter life cycle, search and filters, links, staff visibility, bad input.
use crate::both;
use crate::helpers::*;
use portico::model::AppError;
use serde_json::{Value, json};

both!(matter_life_cycle, matter_bad_input_changes_nothing, matter_links, staff_visibility);

fn all() -> Value {
    json!({"filter": {"q": "", "kind": "", "status": "", "archived": false}})
}

async fn matter_life_cycle(app: TestApp) {
    let firm = app.firm("Lima").await;
    let client = firm.admin.call("create_client", json!({"input": {"id": "", "name": "Carla", "email": "carla@x.example", "phone": "", "document": "", "address": "", "notes": ""}})).await.unwrap();
    let mut input = matter("Ação de cobrança");
    input["party_ids"] = json!([client]);
    let id = firm.member.call("create_matter", json!({"input": input})).await.unwrap();
    let id = id.as_str().unwrap();
    let m = firm.member.call("get_matter", json!({"id": id})).await.unwrap();
    assert_eq!(m["title"], "Ação de cobrança");
    assert_eq!(m["kind"], "Legal");
    assert_eq!(m["deadline"], "2027-03-01");
    assert_eq!(m["stages"].as_array().unwrap().len(), 2);
    assert_eq!(m["stages"][0]["name"], "Petição");
    assert_eq!(m["stages"][0]["done"], true);
    assert_eq!(m["parties"][0]["name"], "Carla");
    // Edit: new title, one stage, project, on hold.
    let mut edit = matter("Projeto site");
    edit["kind"] = json!("project");
    edit["status"] = json!("on_hold");
    edit["stages"] = json!([{"name": "Design", "starts_on": "2026-03-01", "ends_on": "2026-03-01", "done": false}]);
    firm.admin.call("update_matter", json!({"id": id, "input": edit})).await.unwrap();
    let m = firm.admin.call("get_matter", json!({"id": id})).await.unwrap();
    assert_eq!((m["title"].as_str(), m["kind"].as_str(), m["status"].as_str()), (Some("Projeto site"), Some("Project"), Some("OnHold")));
    assert_eq!(m["stages"].as_array().unwrap().len(), 1);
    assert_eq!(m["parties"].as_array().unwrap().len(), 0);
    // Search and filters.
    firm.admin.call("create_matter", json!({"input": matter("Inventário Mendes")})).await.unwrap();
    let search = |q: &str, kind: &str, status: &str| json!({"filter": {"q": q, "kind": kind, "status": status, "archived": false}});
    let titles = |v: Value| v.as_array().unwrap().iter().map(|m| m["title"].as_str().unwrap().to_string()).collect::<Vec<_>>();
    assert_eq!(titles(firm.member.call("list_matters", search("SITE", "", "")).await.unwrap()), vec!["Projeto site"]);
    assert_eq!(titles(firm.member.call("list_matters", search("", "legal", "")).await.unwrap()), vec!["Inventário Mendes"]);
    assert_eq!(titles(firm.member.call("list_matters", search("", "", "on_hold")).await.unwrap()), vec!["Projeto site"]);
    assert_eq!(firm.member.call("list_matters", all()).await.unwrap().as_array().unwrap().len(), 2);
    // Reference number search.
    assert_eq!(firm.member.call("list_matters", search("0001234", "", "")).await.unwrap().as_array().unwrap().len(), 2);
    // Archive: gone from the default list, present among archived; restore.
    firm.member.call("set_matter_archived", json!({"id": id, "archived": true})).await.unwrap();
    assert_eq!(titles(firm.member.call("list_matters", all()).await.unwrap()), vec!["Inventário Mendes"]);
    let archived = json!({"filter": {"q": "", "kind": "", "status": "", "archived": true}});
    assert_eq!(titles(firm.member.call("list_matters", archived).await.unwrap()), vec!["Projeto site"]);
    firm.member.call("set_matter_archived", json!({"id": id, "archived": false})).await.unwrap();
    assert_eq!(firm.member.call("list_matters", all()).await.unwrap().as_array().unwrap().len(), 2);
}

async fn matter_bad_input_changes_nothing(app: TestApp) {
    let firm = app.firm("Bad").await;
    let id = firm.admin.call("create_matter", json!({"input": matter("Original")})).await.unwrap();
    let id = id.as_str().unwrap().to_string();
    let (matters, stages) = (app.count("matters").await, app.count("stages").await);
    let with = |f: &dyn Fn(&mut Value)| {
        let mut m = matter("Novo");
        f(&mut m);
        json!({"input": m})
    };
    let cases: Vec<(Value, &str, &str)> = vec![
        (with(&|m| m["title"] = json!("   ")), "title", "required"),
        (with(&|m| m["title"] = json!("x".repeat(201))), "title", "too_long"),
        (with(&|m| m["kind"] = json!("spaceship")), "kind", "bad_choice"),
        (with(&|m| m["status"] = json!("")), "status", "bad_choice"),
        (with(&|m| m["deadline"] = json!("31/12/2026")), "deadline", "bad_date"),
        (with(&|m| m["stages"][1]["ends_on"] = json!("2026-02-01")), "stages.1.ends_on", "ends_before_start"),
        (with(&|m| m["stages"][0]["name"] = json!("")), "stages.0.name", "required"),
        (with(&|m| m["stages"][0]["starts_on"] = json!("2026-13-01")), "stages.0.starts_on", "bad_date"),
        (with(&|m| m["visibility"] = json!("team")), "team_id", "team_required"),
        (with(&|m| { m["visibility"] = json!("team"); m["team_id"] = json!("nope"); }), "team_id", "not_found"),
        (with(&|m| m["party_ids"] = json!(["no-such-client"])), "parties", "not_found"),
    ];
    for (args, field, code) in cases {
        assert_invalid(firm.admin.call("create_matter", args.clone()).await, field, code);
        let mut update = args;
        update["id"] = json!(id);
        assert_invalid(firm.admin.call("update_matter", update).await, field, code);
    }
    assert_eq!((app.count("matters").await, app.count("stages").await), (matters, stages));
    assert_eq!(firm.admin.call("get_matter", json!({"id": id})).await.unwrap()["title"], "Original");
    // Unknown ids.
    assert_eq!(firm.admin.call("get_matter", json!({"id": "nope"})).await, Err(AppError::NotFound));
    assert_eq!(firm.admin.call("update_matter", json!({"id": "nope", "input": matter("X")})).await, Err(AppError::NotFound));
    // Malformed request bodies are an error, not a crash.
    let r = firm.admin.post("create_matter", json!({"input": {"title": 5}})).await;
    assert!(!r.status().is_success());
    assert_eq!(app.count("matters").await, matters);
}

async fn matter_links(app: TestApp) {
    let firm = app.firm("Links").await;
    let a = firm.admin.call("create_matter", json!({"input": matter("Original")})).await.unwrap();
    let b = firm.admin.call("create_matter", json!({"input": matter("Apelação")})).await.unwrap();
    let c = firm.admin.call("create_matter", json!({"input": matter("Outro")})).await.unwrap();
    firm.admin.call("add_matter_link", json!({"id": b, "other_id": a, "kind": "appeal"})).await.unwrap();
    let link_c = firm.admin.call("add_matter_link", json!({"id": c, "other_id": a, "kind": "related"})).await.unwrap();
    let ma = firm.admin.call("get_matter", json!({"id": a})).await.unwrap();
    let links = ma["links"].as_array().unwrap();
    assert_eq!(links.len(), 2);
    let appeal = links.iter().find(|l| l["other_title"] == "Apelação").unwrap();
    assert_eq!((appeal["kind"].as_str(), appeal["incoming"].as_bool()), (Some("Appeal"), Some(true)));
    let mb = firm.admin.call("get_matter", json!({"id": b})).await.unwrap();
    assert_eq!((mb["links"][0]["other_title"].as_str(), mb["links"][0]["incoming"].as_bool()), (Some("Original"), Some(false)));
    assert_invalid(firm.admin.call("add_matter_link", json!({"id": a, "other_id": a, "kind": "related"})).await, "other_id", "link_self");
    assert_eq!(
        firm.admin.call("add_matter_link", json!({"id": a, "other_id": b, "kind": "related"})).await,
        Err(AppError::conflict("other_id", "link_exists"))
    );
    assert_invalid(firm.admin.call("add_matter_link", json!({"id": a, "other_id": b, "kind": "sibling"})).await, "kind", "bad_choice");
    firm.admin.call("remove_matter_link", json!({"id": a, "link_id": link_c})).await.unwrap();
    assert_eq!(firm.admin.call("get_matter", json!({"id": a})).await.unwrap()["links"].as_array().unwrap().len(), 1);
    assert_eq!(app.count("matter_links").await, 1);
}

async fn staff_visibility(app: TestApp) {
    let firm = app.firm("Vis").await;
    let m2 = firm.admin.call("add_staff", json!({"name": "Outro", "email": "outro@vis.example", "role": "member", "password": PASSWORD})).await.unwrap();
    let other = app.user();
    other.call("login", json!({"email": "outro@vis.example", "password": PASSWORD})).await.unwrap();
    let team = firm.admin.call("save_team", json!({"team_id": "", "name": "Contencioso", "member_ids": [firm.member_id]})).await.unwrap();
    let mut private = matter("Privado do membro");
    private["visibility"] = json!("private");
    let p = firm.member.call("create_matter", json!({"input": private})).await.unwrap();
    let mut team_only = matter("Da equipe");
    team_only["visibility"] = json!("team");
    team_only["team_id"] = team.clone();
    let t = other.call("create_matter", json!({"input": team_only})).await.unwrap();
    // The owner and admins see a private matter; another member does not.
    assert!(firm.member.call("get_matter", json!({"id": p})).await.is_ok());
    assert!(firm.admin.call("get_matter", json!({"id": p})).await.is_ok());
    assert_eq!(other.call("get_matter", json!({"id": p})).await, Err(AppError::NotFound));
    assert_eq!(other.call("get_board", json!({"matter_id": p})).await, Err(AppError::NotFound));
    // A team matter: its team and its owner see it.
    assert!(firm.member.call("get_matter", json!({"id": t})).await.is_ok());
    assert!(other.call("get_matter", json!({"id": t})).await.is_ok());
    let titles = |v: Value| v.as_array().unwrap().iter().map(|m| m["title"].as_str().unwrap().to_string()).collect::<Vec<_>>();
    let listed = titles(other.call("list_matters", all()).await.unwrap());
    assert_eq!(listed, vec!["Da equipe"]);
    let _ = m2;
}
