//! Custom metadata fields, saved extensions, named transformations, usage, origins, URL
//! endpoints and webhooks: each a small stateful collection.

mod support;

use ik_mock_server::{MockServer, Options};
use serde_json::{json, Value};
use support::*;

fn plain() -> MockServer {
    MockServer::start_with(Options {
        tls: false,
        ..Default::default()
    })
}

fn count(s: &MockServer, path: &str) -> usize {
    get(s.addr(), path).json().as_array().unwrap().len()
}

#[test]
fn custom_metadata_fields() {
    let s = plain();
    let a = s.addr();
    let body = json!({"name": "brand", "label": "Brand", "schema": {"type": "Text", "maxLength": 50}});
    let r = send_json(a, "POST", "/v1/customMetadataFields", &body);
    assert_eq!(r.status, 201, "{}", r.text());
    let f = r.json();
    let id = f["id"].as_str().unwrap();
    assert_eq!(
        f,
        json!({"id": id, "name": "brand", "label": "Brand", "schema": {"type": "Text", "maxLength": 50}})
    );
    assert_eq!(
        send_json(a, "POST", "/v1/customMetadataFields", &body).status,
        400,
        "name taken"
    );
    let bad_type = json!({"name": "x", "label": "X", "schema": {"type": "Colour"}});
    assert_eq!(send_json(a, "POST", "/v1/customMetadataFields", &bad_type).status, 400);
    let select = json!({"name": "size", "label": "Size", "schema": {"type": "SingleSelect"}});
    assert_eq!(
        send_json(a, "POST", "/v1/customMetadataFields", &select).status,
        400,
        "needs selectOptions"
    );

    let r = send_json(
        a,
        "PATCH",
        &format!("/v1/customMetadataFields/{id}"),
        &json!({"label": "Make", "schema": {"type": "Number", "minLength": 2}}),
    );
    assert_eq!(r.status, 200);
    assert_eq!(r.json()["label"], "Make");
    assert_eq!(
        r.json()["schema"],
        json!({"type": "Text", "maxLength": 50, "minLength": 2}),
        "type cannot change"
    );
    assert_eq!(
        send_json(a, "PATCH", &format!("/v1/customMetadataFields/{id}"), &json!({})).status,
        400
    );

    assert_eq!(count(&s, "/v1/customMetadataFields"), 1);
    assert_eq!(
        call(a, "DELETE", &format!("/v1/customMetadataFields/{id}"), b"").status,
        204
    );
    assert_eq!(count(&s, "/v1/customMetadataFields"), 0);
    assert_eq!(
        count(&s, "/v1/customMetadataFields?includeDeleted=false&folderPath=/a"),
        0
    );
    assert_eq!(count(&s, "/v1/customMetadataFields?includeDeleted=true"), 1);
    assert_eq!(get(a, "/v1/customMetadataFields?includeDeleted=maybe").status, 400);
    assert_eq!(
        call(a, "DELETE", &format!("/v1/customMetadataFields/{id}"), b"").status,
        404
    );
    let again = json!({"name": "brand", "label": "Brand", "schema": {"type": "Text"}});
    assert_eq!(
        send_json(a, "POST", "/v1/customMetadataFields", &again).status,
        400,
        "a deleted name stays taken"
    );
}

/// Create → get → list → update → delete → gone, for one collection.
fn crud_round_trip(
    s: &MockServer,
    base: &str,
    create: Value,
    update_verb: &str,
    update: Value,
    changed: (&str, Value),
) -> Value {
    let a = s.addr();
    let before = count(s, base);
    let r = send_json(a, "POST", base, &create);
    assert_eq!(r.status, 201, "{base}: {}", r.text());
    let rec = r.json();
    let id = rec["id"].as_str().unwrap().to_string();
    assert_eq!(get(a, &format!("{base}/{id}")).json(), rec);
    assert_eq!(count(s, base), before + 1);
    let r = send_json(a, update_verb, &format!("{base}/{id}"), &update);
    assert_eq!(r.status, 200, "{base}: {}", r.text());
    assert_eq!(r.json()[changed.0], changed.1, "{base}");
    assert_eq!(get(a, &format!("{base}/{id}")).json()[changed.0], changed.1);
    assert_eq!(call(a, "DELETE", &format!("{base}/{id}"), b"").status, 204);
    assert_eq!(get(a, &format!("{base}/{id}")).status, 404);
    assert_eq!(call(a, "DELETE", &format!("{base}/{id}"), b"").status, 404);
    assert_eq!(count(s, base), before);
    rec
}

#[test]
fn saved_extensions_and_named_transformations() {
    let s = plain();
    let cfg = json!({"name": "google-auto-tagging", "minConfidence": 70, "maxTags": 5});
    let rec = crud_round_trip(
        &s,
        "/v1/saved-extensions",
        json!({"name": "Tagger", "description": "Tags things", "config": cfg}),
        "PATCH",
        json!({"description": "Tags more"}),
        ("description", json!("Tags more")),
    );
    assert_eq!(rec["config"], cfg);
    assert!(rec["createdAt"].is_string() && rec["updatedAt"].is_string());
    let bad = json!({"name": "n", "description": "d", "config": {"name": "saved-extension", "id": "x"}});
    assert_eq!(send_json(s.addr(), "POST", "/v1/saved-extensions", &bad).status, 400);

    let rec = crud_round_trip(
        &s,
        "/v1/named-transformations",
        json!({"name": "thumb_small", "transformation": "w-100,h-100"}),
        "PATCH",
        json!({"enabled": false}),
        ("enabled", json!(false)),
    );
    assert_eq!(rec["enabled"], true);
    assert_eq!(rec["transformation"], "w-100,h-100");
    let a = s.addr();
    let nt = json!({"name": "one", "transformation": "w-1"});
    assert_eq!(send_json(a, "POST", "/v1/named-transformations", &nt).status, 201);
    assert_eq!(
        send_json(a, "POST", "/v1/named-transformations", &nt).status,
        400,
        "unique"
    );
    let bad = json!({"name": "no spaces", "transformation": "w-1"});
    assert_eq!(send_json(a, "POST", "/v1/named-transformations", &bad).status, 400);
}

#[test]
fn usage_and_usage_analytics() {
    let s = plain();
    let a = s.addr();
    let u = get(a, "/v1/accounts/usage?startDate=2024-01-01&endDate=2024-01-31").json();
    for k in [
        "bandwidthBytes",
        "mediaLibraryStorageBytes",
        "videoProcessingUnitsCount",
        "extensionUnitsCount",
        "originalCacheStorageBytes",
    ] {
        assert!(u[k].is_u64(), "{k}: {u}");
    }
    assert_eq!(
        get(a, "/v1/accounts/usage?startDate=2024-01-31&endDate=2024-01-01").status,
        400
    );
    assert_eq!(
        get(a, "/v1/accounts/usage?startDate=2024-01-01&endDate=2024-01-01").status,
        400,
        "end excluded"
    );
    assert_eq!(
        get(a, "/v1/accounts/usage?startDate=2024-01-01&endDate=2024-06-01").status,
        400,
        "90 days"
    );
    assert_eq!(
        get(a, "/v1/accounts/usage?startDate=01/01/2024&endDate=2024-01-02").status,
        400
    );
    assert_eq!(get(a, "/v1/accounts/usage?startDate=2024-01-01").status, 400);

    let r = get(
        a,
        "/v1/accounts/usage-analytics?startDate=2024-01-01&endDate=2024-01-01",
    );
    assert_eq!(r.status, 200, "both days included");
    let v = r.json();
    assert_eq!(
        (v["startDate"].as_str(), v["endDate"].as_str()),
        (Some("2024-01-01"), Some("2024-01-01"))
    );
    for k in ["bandwidthBytes", "requestCount"] {
        assert!(v[k].is_u64());
    }
    for k in ["hitCount", "missCount", "errorCount"] {
        assert!(v["cache"][k].is_u64());
    }
    for k in [
        "browser",
        "country",
        "device",
        "format",
        "topImages",
        "topImageTransforms",
        "topOtherAssets",
        "topReferrers",
        "topUserAgents",
        "topVideos",
        "topVideoTransforms",
        "urlEndpoints",
    ] {
        let e = &v[k]["byBandwidth"][0];
        assert!(
            e["name"].is_string() && e["bandwidthBytes"].is_u64() && e["requestCount"].is_u64(),
            "{k}: {v}"
        );
        assert!(v[k]["byRequests"].is_array());
    }
    assert!(v["country"]["byRequests"][0]["code"].is_string());
    assert!(v["statusCodes"][0]["requestCount"].is_u64() && v["extensions"][0]["operationCount"].is_u64());
    assert!(v["videoProcessing"][0]["durationSeconds"].is_u64());
    assert_eq!(
        get(
            a,
            "/v1/accounts/usage-analytics?startDate=2024-01-02&endDate=2024-01-01"
        )
        .status,
        400
    );
}

#[test]
fn origins_and_url_endpoints() {
    let s = plain();
    let a = s.addr();
    let s3 = json!({"name": "Bucket", "type": "S3", "bucket": "b1", "accessKey": "AK", "secretKey": "SK"});
    let rec = crud_round_trip(
        &s,
        "/v1/accounts/origins",
        s3.clone(),
        "PUT",
        json!({"name": "Web", "type": "WEB_FOLDER", "baseUrl": "https://images.example.com"}),
        ("type", json!("WEB_FOLDER")),
    );
    assert!(
        rec.get("accessKey").is_none() && rec.get("secretKey").is_none(),
        "secrets are not answered: {rec}"
    );
    assert_eq!(
        (rec["prefix"].as_str(), rec["includeCanonicalHeader"].as_bool()),
        (Some(""), Some(false))
    );
    let no_secret = json!({"name": "B", "type": "S3", "bucket": "b", "accessKey": "AK"});
    assert_eq!(send_json(a, "POST", "/v1/accounts/origins", &no_secret).status, 400);
    let bad_type = json!({"name": "B", "type": "FTP"});
    assert_eq!(send_json(a, "POST", "/v1/accounts/origins", &bad_type).status, 400);

    // The default endpoint exists and cannot be deleted.
    let list = get(a, "/v1/accounts/url-endpoints").json();
    assert_eq!(
        list,
        json!([{"id": "default", "description": "Default URL endpoint", "urlPrefix": "", "origins": []}])
    );
    assert_eq!(call(a, "DELETE", "/v1/accounts/url-endpoints/default", b"").status, 400);
    let origin = send_json(a, "POST", "/v1/accounts/origins", &s3).json();
    let oid = origin["id"].as_str().unwrap();
    let ep = json!({"description": "Products", "urlPrefix": "products", "origins": [oid]});
    let r = send_json(a, "POST", "/v1/accounts/url-endpoints", &ep);
    assert_eq!(r.status, 201, "{}", r.text());
    let eid = r.json()["id"].as_str().unwrap().to_string();
    assert_eq!(
        send_json(a, "POST", "/v1/accounts/url-endpoints", &ep).status,
        400,
        "prefix taken"
    );
    let ghost = json!({"description": "G", "urlPrefix": "g", "origins": ["nope"]});
    assert_eq!(
        send_json(a, "POST", "/v1/accounts/url-endpoints", &ghost).status,
        400,
        "unknown origin"
    );
    assert_eq!(
        call(a, "DELETE", &format!("/v1/accounts/origins/{oid}"), b"").status,
        400,
        "in use"
    );
    let r = send_json(
        a,
        "PUT",
        &format!("/v1/accounts/url-endpoints/{eid}"),
        &json!({"description": "P2", "urlPrefix": "p2"}),
    );
    assert_eq!(
        r.json(),
        json!({"id": eid, "description": "P2", "urlPrefix": "p2", "origins": []})
    );
    assert_eq!(
        call(a, "DELETE", &format!("/v1/accounts/origins/{oid}"), b"").status,
        204
    );
    crud_round_trip(
        &s,
        "/v1/accounts/url-endpoints",
        json!({"description": "Tmp", "urlPrefix": "tmp"}),
        "PUT",
        json!({"description": "Tmp 2", "urlPrefix": "tmp"}),
        ("description", json!("Tmp 2")),
    );
    let r = send_json(
        a,
        "PUT",
        "/v1/accounts/url-endpoints/default",
        &json!({"description": "Main"}),
    );
    assert_eq!((r.status, r.json()["urlPrefix"].clone()), (200, json!("")));
}

#[test]
fn webhooks() {
    let s = plain();
    let a = s.addr();
    let rec = crud_round_trip(
        &s,
        "/v1/accounts/webhooks",
        json!({"endpoint": "https://example.com/hook", "events": ["file.created"]}),
        "PATCH",
        json!({"events": ["file.deleted", "folder.created"]}),
        ("events", json!(["file.deleted", "folder.created"])),
    );
    let secret = rec["secret"].as_str().unwrap();
    assert!(secret.starts_with("whsec_") && secret.len() > 20, "{secret}");
    assert_eq!(rec["enabled"], true);
    let mut secrets = Vec::new();
    for i in 0..3 {
        let r = send_json(
            a,
            "POST",
            "/v1/accounts/webhooks",
            &json!({"endpoint": format!("https://e.example/{i}"), "events": ["file.updated"]}),
        );
        assert_eq!(r.status, 201);
        secrets.push(r.json()["secret"].clone());
    }
    secrets.dedup();
    assert_eq!(secrets.len(), 3, "every webhook gets its own secret");
    let fourth = json!({"endpoint": "https://e.example/4", "events": ["file.updated"]});
    assert_eq!(
        send_json(a, "POST", "/v1/accounts/webhooks", &fourth).status,
        400,
        "at most 3"
    );
    let list = get(a, "/v1/accounts/webhooks").json();
    let id = list[0]["id"].as_str().unwrap();
    let r = send_json(
        a,
        "PATCH",
        &format!("/v1/accounts/webhooks/{id}"),
        &json!({"enabled": false}),
    );
    assert_eq!(r.json()["secret"], list[0]["secret"], "the secret never changes");
    assert_eq!(r.json()["enabled"], false);
    let bad = json!({"endpoint": "https://e.example/x", "events": ["file.exploded"]});
    assert_eq!(
        send_json(a, "PATCH", &format!("/v1/accounts/webhooks/{id}"), &bad).status,
        400
    );
    let dup = json!({"endpoint": "https://e.example/1"});
    assert_eq!(
        send_json(a, "PATCH", &format!("/v1/accounts/webhooks/{id}"), &dup).status,
        400,
        "endpoint taken"
    );
}

#[test]
fn reset_empties_every_resource_and_restores_the_default_endpoint() {
    let s = plain();
    let a = s.addr();
    let wh = json!({"endpoint": "https://e.example/r", "events": ["file.created"]});
    assert_eq!(send_json(a, "POST", "/v1/accounts/webhooks", &wh).status, 201);
    let ep = json!({"description": "X", "urlPrefix": "x"});
    assert_eq!(send_json(a, "POST", "/v1/accounts/url-endpoints", &ep).status, 201);
    let f = json!({"name": "n", "label": "N", "schema": {"type": "Number"}});
    assert_eq!(send_json(a, "POST", "/v1/customMetadataFields", &f).status, 201);
    assert_eq!(
        (s.stats()["webhooks"].as_u64(), s.stats()["url_endpoints"].as_u64()),
        (Some(1), Some(2))
    );
    s.reset();
    assert_eq!(count(&s, "/v1/accounts/webhooks"), 0);
    assert_eq!(count(&s, "/v1/customMetadataFields?includeDeleted=true"), 0);
    let eps = get(a, "/v1/accounts/url-endpoints").json();
    assert_eq!(eps.as_array().unwrap().len(), 1);
    assert_eq!(eps[0]["id"], "default");
}
