//! The portal is installable: a public web app manifest per language, linked from
//! the client's pages (never from a staff preview), with icons that exist.
use crate::both;
use crate::helpers::*;
use crate::sharing::{invited_client, shared_matter};
use serde_json::{Value, json};

both!(the_manifest_is_public_per_language_and_linked_from_client_pages);

const LINK_PT: &str = r#"<link href="/manifest.webmanifest?lang=pt-BR" rel="manifest">"#;

async fn the_manifest_is_public_per_language_and_linked_from_client_pages(app: TestApp) {
    let anon = app.user();
    let r = anon.http.get(app.url("/manifest.webmanifest?lang=en")).send().await.unwrap();
    assert_eq!(r.status(), 200);
    let h = r.headers().clone();
    assert_eq!(h["content-type"], "application/manifest+json");
    assert_eq!(h["cache-control"], "public, max-age=3600");
    let en: Value = r.json().await.unwrap();
    assert_eq!((en["lang"].as_str(), en["name"].as_str()), (Some("en"), Some("Portico: client portal")));
    assert_eq!((en["start_url"].as_str(), en["scope"].as_str(), en["display"].as_str()), (Some("/portal"), Some("/portal"), Some("standalone")));
    let pt: Value = anon.http.get(app.url("/manifest.webmanifest?lang=pt-BR")).send().await.unwrap().json().await.unwrap();
    assert_eq!((pt["lang"].as_str(), pt["name"].as_str()), (Some("pt-BR"), Some("Portico: portal do cliente")));
    // Without ?lang the browser's language decides; an unknown one is refused.
    let by_header: Value = anon.http.get(app.url("/manifest.webmanifest")).header("accept-language", "en-US,en;q=0.9").send().await.unwrap().json().await.unwrap();
    assert_eq!(by_header["lang"], "en");
    let bad = anon.http.get(app.url("/manifest.webmanifest?lang=xx")).send().await.unwrap();
    assert_eq!(bad.status(), 400);
    // Every icon it lists is a file of the site, PNGs of the size they claim.
    for icon in en["icons"].as_array().unwrap() {
        let src = icon["src"].as_str().unwrap();
        let bytes = std::fs::read(format!("{}/public{src}", env!("CARGO_MANIFEST_DIR"))).unwrap_or_else(|e| panic!("{src}: {e}"));
        if icon["type"] == "image/png" {
            let (w, hgt) = (u32::from_be_bytes(bytes[16..20].try_into().unwrap()), u32::from_be_bytes(bytes[20..24].try_into().unwrap()));
            assert_eq!(format!("{w}x{hgt}"), icon["sizes"].as_str().unwrap(), "{src}");
        }
    }
    assert!(en["icons"].as_array().unwrap().iter().any(|i| i["purpose"] == "maskable"));

    // Linked from the client's sign-in page and portal, not from a staff preview.
    let (status, login) = anon.get("/portal/login").await;
    assert_eq!(status, 200);
    assert!(login.contains(LINK_PT), "portal login links the manifest");
    let firm = app.firm("Souza").await;
    let (m, _) = shared_matter(&firm, "Instalável").await;
    let client = invited_client(&app, &firm, &m, "instalar@cliente.example", &["tasks"]).await;
    let (status, home) = client.get("/portal").await;
    assert_eq!(status, 200);
    assert!(home.contains(LINK_PT), "the portal links the manifest");
    let client_id = firm.admin.call("list_matter_access", json!({"matter_id": m})).await.unwrap()[0]["client_id"].clone();
    let (status, preview) = firm.admin.get(&format!("/preview/{}", client_id.as_str().unwrap())).await;
    assert_eq!(status, 200);
    assert!(!preview.contains("manifest.webmanifest"), "a staff preview is not installable");
    let (_, staff) = firm.admin.get("/matters").await;
    assert!(!staff.contains("manifest.webmanifest"), "staff pages are not installable");
}
