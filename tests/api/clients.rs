//! Clients: life cycle, unique email, staff email refused, bad input.
use crate::both;
use crate::helpers::*;
use portico::model::AppError;
use serde_json::{Value, json};

both!(client_life_cycle_and_bad_input);

fn client(name: &str, email: &str) -> Value {
    json!({"id": "", "name": name, "email": email, "phone": "+55 11 3333-4444", "document": "123.456.789-09", "address": "Rua A, 1", "notes": "VIP"})
}

async fn client_life_cycle_and_bad_input(app: TestApp) {
    let firm = app.firm("Clientes").await;
    let id = firm.member.call("create_client", json!({"input": client("Carla Mendes", " Carla@Mendes.Example ")})).await.unwrap();
    let c = firm.member.call("get_client", json!({"id": id})).await.unwrap();
    assert_eq!((c["name"].as_str(), c["email"].as_str()), (Some("Carla Mendes"), Some("carla@mendes.example")));
    firm.member.call("create_client", json!({"input": client("Boa Vista Ltda", "contato@boavista.example")})).await.unwrap();
    let found = firm.member.call("list_clients", json!({"q": "carla"})).await.unwrap();
    assert_eq!(found.as_array().unwrap().len(), 1);
    assert_eq!(firm.member.call("list_clients", json!({"q": ""})).await.unwrap().as_array().unwrap().len(), 2);
    let mut edit = client("Carla M.", "carla@mendes.example");
    edit["id"] = id.clone();
    edit["document"] = json!("12.345.678/0001-90");
    firm.member.call("update_client", json!({"input": edit})).await.unwrap();
    assert_eq!(firm.member.call("get_client", json!({"id": id})).await.unwrap()["document"], "12.345.678/0001-90");
    let n = app.count("clients").await;
    assert_eq!(
        firm.member.call("create_client", json!({"input": client("Outra", "CARLA@mendes.example")})).await,
        Err(AppError::conflict("email", "email_taken"))
    );
    assert_eq!(
        firm.member.call("create_client", json!({"input": client("Staff", &firm.admin_email)})).await,
        Err(AppError::conflict("email", "email_is_staff"))
    );
    assert_invalid(firm.member.call("create_client", json!({"input": client("X", "not-an-email")})).await, "email", "bad_email");
    assert_invalid(firm.member.call("create_client", json!({"input": client("", "a@b.example")})).await, "name", "required");
    let mut bad_doc = client("X", "x@b.example");
    bad_doc["document"] = json!("123");
    assert_invalid(firm.member.call("create_client", json!({"input": bad_doc})).await, "document", "bad_document");
    let mut bad_phone = client("X", "x@b.example");
    bad_phone["phone"] = json!("call me maybe");
    assert_invalid(firm.member.call("create_client", json!({"input": bad_phone})).await, "phone", "bad_phone");
    assert_eq!(app.count("clients").await, n);
    // A client's email cannot become a staff account.
    assert_eq!(
        firm.admin.call("add_staff", json!({"name": "C", "email": "contato@boavista.example", "role": "member", "password": PASSWORD})).await,
        Err(AppError::conflict("email", "email_is_client"))
    );
    assert_eq!(firm.member.call("get_client", json!({"id": "nope"})).await, Err(AppError::NotFound));
}
