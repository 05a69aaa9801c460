//! The stateful API: upload → list → details → update → delete, metadata, purge, auth.

mod support;

use ik_mock_server::{MockServer, Options, URL_FILE_SIZE};
use serde_json::{json, Value};
use support::*;

fn plain() -> MockServer {
    MockServer::start_with(Options {
        tls: false,
        ..Default::default()
    })
}

#[test]
fn auth_errors_have_imagekit_bodies() {
    let s = plain();
    let mut c = Conn::plain(s.addr());
    let r = c.request("GET", "/v1/files", &[], b"");
    assert_eq!(r.status, 401);
    assert_eq!(r.header("content-type"), Some("application/json"));
    assert_eq!(
        r.body,
        br#"{"message":"Your request does not contain private API key.","help":"For support kindly contact us at support@imagekit.io."}"#
    );
    let r = c.request(
        "GET",
        "/v1/files",
        &[("Authorization".into(), basic("other_key", ""))],
        b"",
    );
    assert_eq!(r.status, 403);
    assert_eq!(
        r.json()["help"],
        "For support kindly contact us at support@imagekit.io."
    );
    for a in [basic(KEY, ""), basic(KEY, "do_not_set"), format!("Basic {KEY}")] {
        assert_eq!(
            c.request("GET", "/v1/files", &[("Authorization".into(), a)], b"")
                .status,
            200
        );
    }
    // Upload without any credentials.
    let (ct, body) = Form::new()
        .file("file", "a.jpg", "image/jpeg", b"x")
        .text("fileName", "a.jpg")
        .finish();
    let r = c.request("POST", "/api/v1/files/upload", &[("Content-Type".into(), ct)], &body);
    assert_eq!(r.status, 401);
    let custom = MockServer::start_with(Options {
        tls: false,
        private_key: "pk_other".into(),
        ..Default::default()
    });
    assert_eq!(get(custom.addr(), "/v1/files").status, 403);
}

#[test]
fn upload_list_details_update_delete_round_trip() {
    let s = plain();
    let a = s.addr();
    let data: Vec<u8> = (0..10_000u32).map(|i| (i % 251) as u8).collect();
    let up = upload_file(
        a,
        "photo one.jpg",
        &data,
        &[
            ("folder", "/products/shoes"),
            ("tags", "sale,summer"),
            ("customCoordinates", "10,10,100,100"),
            ("customMetadata", r#"{"brand":"Nike"}"#),
            (
                "responseFields",
                "tags,customCoordinates,isPrivateFile,customMetadata,metadata",
            ),
        ],
    );
    let id = up["fileId"].as_str().unwrap().to_string();
    assert_eq!(id.len(), 24);
    assert!(id.chars().all(|c| c.is_ascii_hexdigit()));
    let name = up["name"].as_str().unwrap();
    assert!(
        name.starts_with("photo_one_") && name.ends_with(".jpg") && name.len() == "photo_one_.jpg".len() + 9,
        "{name}"
    );
    assert_eq!(up["filePath"], format!("/products/shoes/{name}"));
    assert_eq!(up["url"], format!("https://ik.imagekit.io/mock/products/shoes/{name}"));
    assert_eq!(
        up["thumbnailUrl"],
        format!("https://ik.imagekit.io/mock/tr:n-ik_ml_thumbnail/products/shoes/{name}")
    );
    assert_eq!(up["size"], 10_000);
    assert_eq!(up["fileType"], "image");
    assert_eq!((up["width"].as_u64(), up["height"].as_u64()), (Some(1000), Some(500)));
    assert_eq!(up["versionInfo"], json!({"id": id, "name": "Version 1"}));
    assert_eq!(up["AITags"], Value::Null);
    assert_eq!(up["tags"], json!(["sale", "summer"]));
    assert_eq!(up["customCoordinates"], "10,10,100,100");
    assert_eq!(up["isPrivateFile"], false);
    assert_eq!(up["customMetadata"], json!({"brand": "Nike"}));
    assert_eq!(up["metadata"]["size"], 10_000);
    assert_eq!(up["metadata"]["pHash"].as_str().unwrap().len(), 16);
    assert!(up.get("isPublished").is_none(), "fields not in responseFields stay out");

    // The request log has the parts, without the file content.
    let rec = s.requests().pop().unwrap();
    let file = rec.part("file").unwrap();
    assert_eq!((file.size, file.crc32), (10_000, crc32(&data)));
    assert_eq!(file.filename.as_deref(), Some("photo one.jpg"));
    assert_eq!(file.prefix, data[..64].to_vec());
    assert_eq!(file.value, None);
    assert_eq!(rec.field("tags"), Some("sale,summer"));

    let list = get(a, "/v1/files").json();
    assert_eq!(list.as_array().unwrap().len(), 1);
    let d = &list[0];
    for k in [
        "fileId",
        "type",
        "name",
        "filePath",
        "tags",
        "AITags",
        "versionInfo",
        "isPrivateFile",
        "isPublished",
        "customCoordinates",
        "url",
        "thumbnail",
        "fileType",
        "mime",
        "width",
        "height",
        "size",
        "hasAlpha",
        "customMetadata",
        "createdAt",
        "updatedAt",
    ] {
        assert!(d.get(k).is_some(), "FileDetails lacks {k}: {d}");
    }
    assert_eq!(d["type"], "file");
    assert_eq!(d["mime"], "image/jpeg");
    assert_eq!(d["isPublished"], true);
    let created = d["createdAt"].as_str().unwrap();
    assert!(
        created.len() == 24 && created.ends_with('Z') && &created[10..11] == "T",
        "{created}"
    );

    let det = get(a, &format!("/v1/files/{id}/details")).json();
    assert_eq!(&det, d);

    let patch = json!({"tags": ["winter"], "customCoordinates": null, "customMetadata": {"brand": null, "color": "red"},
                       "description": "red shoe"});
    let r = call(
        a,
        "PATCH",
        &format!("/v1/files/{id}/details"),
        patch.to_string().as_bytes(),
    );
    assert_eq!(r.status, 200, "{}", r.text());
    let u = r.json();
    assert_eq!(u["tags"], json!(["winter"]));
    assert_eq!(u["customCoordinates"], Value::Null);
    assert_eq!(u["customMetadata"], json!({"color": "red"}));
    assert_eq!(u["description"], "red shoe");
    assert!(u["updatedAt"].as_str().unwrap() > d["updatedAt"].as_str().unwrap());
    assert_eq!(
        get(a, &format!("/v1/files/{id}/details")).json()["tags"],
        json!(["winter"])
    );

    let r = call(
        a,
        "PATCH",
        &format!("/v1/files/{id}/details"),
        br#"{"publish":{"isPublished":false}}"#,
    );
    assert_eq!(r.json()["isPublished"], false);

    let r = call(a, "DELETE", &format!("/v1/files/{id}"), b"");
    assert_eq!(r.status, 204);
    assert!(r.body.is_empty());
    assert!(r.header("content-length").is_none());
    assert!(r.header("x-ik-requestId").is_some());
    assert_eq!(get(a, "/v1/files").json(), json!([]));
    for (m, p) in [
        ("GET", format!("/v1/files/{id}/details")),
        ("DELETE", format!("/v1/files/{id}")),
        ("GET", format!("/v1/files/{id}/metadata")),
        ("PATCH", format!("/v1/files/{id}/details")),
    ] {
        let r = call(a, m, &p, if m == "PATCH" { b"{\"tags\":[]}" } else { b"" });
        assert_eq!(r.status, 404, "{m} {p}");
        assert_eq!(
            r.json(),
            json!({"message": "The requested file does not exist.", "help": "For support kindly contact us at support@imagekit.io."})
        );
    }
}

#[test]
fn upload_validation() {
    let s = plain();
    let a = s.addr();
    let msg = |f: Form| {
        let r = upload(a, f);
        assert_eq!(r.status, 400, "{}", r.text());
        assert_eq!(
            r.json()["help"],
            "For support kindly contact us at support@imagekit.io."
        );
        r.json()["message"].as_str().unwrap().to_string()
    };
    assert!(msg(Form::new().text("fileName", "a.jpg")).contains("missing file parameter"));
    assert!(msg(Form::new().file("file", "a.jpg", "image/jpeg", b"x")).contains("missing fileName parameter"));
    assert!(msg(Form::new().text("file", "this is not a file").text("fileName", "a.jpg")).contains("invalid file"));
    assert!(msg(Form::new().text("file", "ftp://host/a.jpg").text("fileName", "a.jpg")).contains("invalid file"));
    let f = || {
        Form::new()
            .file("file", "a.jpg", "image/jpeg", b"x")
            .text("fileName", "a.jpg")
    };
    assert!(msg(f().text("useUniqueFileName", "yes")).contains("useUniqueFileName"));
    assert!(msg(f().text("customMetadata", "[1]")).contains("customMetadata"));
    assert!(msg(f().text("extensions", "{not json")).contains("extensions"));
    assert!(msg(f().text("transformation", r#"{"x":1}"#)).contains("transformation"));
    assert!(msg(f().text("responseFields", "tags,bogus")).contains("responseFields"));
    assert!(msg(f().text("customCoordinates", "1,2")).contains("customCoordinates"));
    assert!(msg(f().text("tags", "a%b")).contains("tags"));
    let r = Conn::plain(a).request(
        "POST",
        "/api/v1/files/upload",
        &[auth(), ("Content-Type".into(), "application/json".into())],
        b"{}",
    );
    assert_eq!(r.status, 400);
    let (ct, _) = Form::new().finish();
    let r = Conn::plain(a).request(
        "POST",
        "/api/v1/files/upload",
        &[auth(), ("Content-Type".into(), ct)],
        b"--wrong-boundary\r\n\r\n",
    );
    assert_eq!(r.status, 400);
    assert!(s.files().is_empty(), "nothing stored by rejected uploads");
}

#[test]
fn text_file_forms_and_overwrite_rules() {
    let s = plain();
    let a = s.addr();
    let up = |file: &str, extra: &[(&str, &str)]| {
        let mut f = Form::new()
            .text("file", file)
            .text("fileName", "t.png")
            .text("useUniqueFileName", "false");
        for (k, v) in extra {
            f = f.text(k, v);
        }
        upload(a, f)
    };
    let r = up("https://example.com/some/image.png", &[]);
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json()["size"], URL_FILE_SIZE);
    assert_eq!(r.json()["name"], "t.png");
    let id = r.json()["fileId"].as_str().unwrap().to_string();

    // Same path again: a new version of the same file.
    let r = up(&b64(b"hello world"), &[]);
    assert_eq!(r.json()["size"], 11);
    assert_eq!(r.json()["fileId"], id);
    assert_eq!(r.json()["versionInfo"]["name"], "Version 2");
    assert_ne!(r.json()["versionInfo"]["id"], id);

    // overwriteFile=false with useUniqueFileName=false: refused.
    let r = up("data:image/png;base64,aGVsbG8=", &[("overwriteFile", "false")]);
    assert_eq!(r.status, 400);
    assert!(r.json()["message"].as_str().unwrap().contains("already exists"));

    let r = upload(
        a,
        Form::new()
            .text("file", "data:text/plain,hello%20there")
            .text("fileName", "note")
            .text("folder", "docs/"),
    );
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json()["fileType"], "non-image");
    assert_eq!(r.json()["filePath"].as_str().unwrap()[..6], *"/docs/");
    assert!(r.json().get("thumbnailUrl").is_none());
    assert_eq!(s.files().len(), 2);

    // Video: codecs in the response; with a pre-transformation, 202.
    let r = upload(
        a,
        Form::new()
            .file("file", "v.mp4", "video/mp4", &[0u8; 1000])
            .text("fileName", "v.mp4")
            .text(
                "transformation",
                r#"{"pre":"h-100","post":[{"type":"transformation","value":"w-50"}]}"#,
            ),
    );
    assert_eq!(r.status, 202);
    assert_eq!(
        r.json(),
        json!({"message": "The pre-transformation has been queued successfully."})
    );
    let r = upload(
        a,
        Form::new()
            .file("file", "v.mp4", "video/mp4", &[0u8; 10])
            .text("fileName", "v.mp4"),
    );
    assert_eq!(r.json()["videoCodec"], "h264");
    assert_eq!(r.json()["fileType"], "non-image");
}

#[test]
fn extensions_and_ai_tags() {
    let s = plain();
    let a = s.addr();
    let up = upload_file(
        a,
        "x.jpg",
        b"img",
        &[(
            "extensions",
            r#"[{"name":"google-auto-tagging","minConfidence":80,"maxTags":2},{"name":"remove-bg"}]"#,
        )],
    );
    assert_eq!(
        up["extensionStatus"],
        json!({"google-auto-tagging": "success", "remove-bg": "pending"})
    );
    assert_eq!(up["AITags"].as_array().unwrap().len(), 2);
    let id = up["fileId"].as_str().unwrap();
    let r = call(
        a,
        "PATCH",
        &format!("/v1/files/{id}/details"),
        br#"{"removeAITags":["Shirt"]}"#,
    );
    assert_eq!(r.json()["AITags"].as_array().unwrap().len(), 1);
    let r = call(
        a,
        "PATCH",
        &format!("/v1/files/{id}/details"),
        br#"{"removeAITags":"all"}"#,
    );
    assert_eq!(r.json()["AITags"], Value::Null);
    let r = call(
        a,
        "PATCH",
        &format!("/v1/files/{id}/details"),
        br#"{"extensions":[{"name":"aws-auto-tagging","minConfidence":90,"maxTags":5}],"webhookUrl":"https://example.com/hook"}"#,
    );
    assert_eq!(r.json()["extensionStatus"]["aws-auto-tagging"], "success");
    assert_eq!(
        r.json()["AITags"].as_array().unwrap().len(),
        2,
        "two tags of the vocabulary have confidence >= 90"
    );
}

#[test]
fn update_validation() {
    let s = plain();
    let a = s.addr();
    let id = upload_file(a, "x.jpg", b"img", &[])["fileId"]
        .as_str()
        .unwrap()
        .to_string();
    let p = format!("/v1/files/{id}/details");
    for bad in [
        &br#"{"colour":"red"}"#[..],
        br#"{"tags":"a"}"#,
        br#"{"tags":[1]}"#,
        br#"{"customCoordinates":"1,2"}"#,
        br#"{"customMetadata":[]}"#,
        br#"{"removeAITags":"some"}"#,
        br#"{"webhookUrl":"not a url"}"#,
        br#"{"publish":{"includeFileVersions":true}}"#,
        br#"{"publish":{"isPublished":true},"tags":[]}"#,
        br#"[1,2]"#,
        br#"{not json"#,
    ] {
        let r = call(a, "PATCH", &p, bad);
        assert_eq!(r.status, 400, "{}", String::from_utf8_lossy(bad));
        assert!(r.json()["message"].is_string());
    }
    let r = call(a, "PATCH", &p, br#"{"colour":"red"}"#);
    assert_eq!(r.json()["errors"], json!({"colour": "not allowed"}));
}

#[test]
fn list_filters_sort_and_paging() {
    let s = plain();
    let a = s.addr();
    upload_file(
        a,
        "b.jpg",
        &[0; 300],
        &[("useUniqueFileName", "false"), ("tags", "red,sale")],
    );
    upload_file(
        a,
        "a.pdf",
        &[0; 100],
        &[("useUniqueFileName", "false"), ("folder", "/docs")],
    );
    upload_file(
        a,
        "c.png",
        &[0; 200],
        &[
            ("useUniqueFileName", "false"),
            ("tags", "blue"),
            ("folder", "/docs/old"),
        ],
    );
    let names = |q: &str| -> Vec<String> {
        let r = get(a, &format!("/v1/files{q}"));
        assert_eq!(r.status, 200, "{q}: {}", r.text());
        r.json()
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["name"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(names(""), ["b.jpg", "a.pdf", "c.png"]);
    assert_eq!(names("?sort=DESC_CREATED"), ["c.png", "a.pdf", "b.jpg"]);
    assert_eq!(names("?sort=ASC_NAME"), ["a.pdf", "b.jpg", "c.png"]);
    assert_eq!(names("?sort=DESC_SIZE"), ["b.jpg", "c.png", "a.pdf"]);
    assert_eq!(names("?sort=ASC_SIZE&skip=1&limit=1"), ["c.png"]);
    // The four sorts the newest Python SDK added: no video here, so by creation.
    assert_eq!(names("?sort=ASC_DURATION"), ["b.jpg", "a.pdf", "c.png"]);
    assert_eq!(names("?sort=DESC_DURATION"), ["c.png", "a.pdf", "b.jpg"]);
    assert_eq!(names("?sort=ASC_ORIGINAL_CREATION_DATE"), ["b.jpg", "a.pdf", "c.png"]);
    assert_eq!(names("?sort=DESC_ORIGINAL_CREATION_DATE"), ["c.png", "a.pdf", "b.jpg"]);
    assert_eq!(names("?skip=5"), Vec::<String>::new());
    assert_eq!(names("?fileType=image"), ["b.jpg", "c.png"]);
    assert_eq!(names("?fileType=non-image"), ["a.pdf"]);
    assert_eq!(names("?path=/docs"), ["a.pdf"]);
    assert_eq!(names("?path=%2Fdocs%2F&type=all"), ["a.pdf", "old"]);
    assert_eq!(names("?type=folder"), ["docs", "old"]);
    assert_eq!(names("?includeFolder=true&path=/"), ["b.jpg", "docs"]);
    assert_eq!(names("?tags=blue,green"), ["c.png"]);
    assert_eq!(names("?name=a.pdf"), ["a.pdf"]);
    let q = |s: &str| {
        format!(
            "?searchQuery={}",
            s.replace(' ', "%20")
                .replace('"', "%22")
                .replace('[', "%5B")
                .replace(']', "%5D")
        )
    };
    assert_eq!(names(&q(r#"name = "b.jpg""#)), ["b.jpg"]);
    assert_eq!(names(&q(r#"tags IN ["sale", "blue"]"#)), ["b.jpg", "c.png"]);
    assert_eq!(names(&q("size > 150")), ["b.jpg", "c.png"]);
    assert_eq!(names(&q(r#"size > 150 AND NOT tags = "red""#)), ["c.png"]);
    assert_eq!(names(&q(r#"path : "/docs" AND format = "png""#)), ["c.png"]);
    assert_eq!(names(&q(r#"createdAt > "1h""#)).len(), 3);
    assert_eq!(names(&q(r#"type = "folder""#)), ["docs", "old"]);
    let folder = &get(a, "/v1/files?type=folder").json()[0];
    assert_eq!(folder["folderPath"], "/docs");
    assert_eq!(folder["folderId"].as_str().unwrap().len(), 24);

    for (query, needle) in [
        ("?limit=0", "Minimum value of limit parameter is 1. Value sent is 0."),
        (
            "?limit=2000",
            "Maximum value of limit parameter is 1000. Value sent is 2000.",
        ),
        (
            "?skip=-1",
            "The value of skip parameter should be greater than or equal to 0. Value sent is -1.",
        ),
        ("?limit=abc", "limit"),
        (
            "?sort=SIDEWAYS",
            "Your request contains invalid value for sort parameters.",
        ),
        ("?type=thing", "type parameter"),
        ("?fileType=video", "fileType"),
        ("?searchQuery=name%20%3D", "searchQuery"),
        ("?searchQuery=colour%20%3D%20%22red%22", "searchQuery"),
    ] {
        let r = get(a, &format!("/v1/files{query}"));
        assert_eq!(r.status, 400, "{query}");
        assert!(
            r.json()["message"].as_str().unwrap().contains(needle),
            "{query}: {}",
            r.text()
        );
    }
}

#[test]
fn metadata_and_remote_metadata() {
    let s = plain();
    let a = s.addr();
    let one = upload_file(a, "same.jpg", b"identical bytes", &[]);
    let two = upload_file(a, "same.jpg", b"identical bytes", &[]);
    let other = upload_file(a, "other.jpg", b"different bytes", &[]);
    let meta = |u: &Value| get(a, &format!("/v1/files/{}/metadata", u["fileId"].as_str().unwrap())).json();
    let m = meta(&one);
    for k in [
        "height",
        "width",
        "size",
        "format",
        "hasColorProfile",
        "quality",
        "density",
        "hasTransparency",
        "exif",
        "pHash",
    ] {
        assert!(m.get(k).is_some(), "Metadata lacks {k}");
    }
    assert_eq!((m["size"].as_u64(), m["format"].as_str()), (Some(15), Some("jpg")));
    assert_eq!(m["pHash"], meta(&two)["pHash"], "same bytes, same pHash");
    assert_ne!(m["pHash"], meta(&other)["pHash"]);

    let url = one["url"].as_str().unwrap();
    let r = get(
        a,
        &format!("/v1/metadata?url={}", url.replace(':', "%3A").replace('/', "%2F")),
    );
    assert_eq!(r.status, 200);
    assert_eq!(r.json(), m);
    let r = get(a, "/v1/metadata?url=https://ik.imagekit.io/mock/tr:w-100/missing.jpg");
    assert_eq!(r.status, 404);
    let r = get(a, "/v1/metadata?url=https://example.com/pic.png");
    assert_eq!(r.status, 200);
    assert_eq!(r.json()["format"], "png");
    assert_eq!(r.json()["pHash"].as_str().unwrap().len(), 16);
    assert_eq!(
        get(a, "/v1/files/metadata?url=https://example.com/pic.png").json(),
        r.json()
    );
    assert_eq!(get(a, "/v1/metadata").status, 400);
    assert_eq!(get(a, "/v1/metadata?url=nope").status, 400);
}

#[test]
fn purge_and_status() {
    let s = plain();
    let a = s.addr();
    let r = call(
        a,
        "POST",
        "/v1/files/purge",
        br#"{"url":"https://ik.imagekit.io/mock/a.jpg"}"#,
    );
    assert_eq!(r.status, 201);
    let id = r.json()["requestId"].as_str().unwrap().to_string();
    assert_eq!(
        get(a, &format!("/v1/files/purge/{id}")).json(),
        json!({"status": "Pending"})
    );
    assert_eq!(
        get(a, &format!("/v1/files/purge/{id}")).json(),
        json!({"status": "Completed"})
    );
    assert_eq!(get(a, "/v1/files/purge/000000000000000000000000").status, 404);
    assert_eq!(call(a, "POST", "/v1/files/purge", b"{}").status, 400);
    assert_eq!(call(a, "POST", "/v1/files/purge", br#"{"url":"nope"}"#).status, 400);
    assert_eq!(call(a, "POST", "/v1/files/purge", b"").status, 400);
}

/// HMAC-SHA1(private key, token + expire), lowercase hex, computed with ring.
fn signature(key: &str, token: &str, expire: &str) -> String {
    let k = ring::hmac::Key::new(ring::hmac::HMAC_SHA1_FOR_LEGACY_USE_ONLY, key.as_bytes());
    ring::hmac::sign(&k, format!("{token}{expire}").as_bytes())
        .as_ref()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[test]
fn client_side_upload_signature() {
    let s = plain();
    let a = s.addr();
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let expire = (now + 600).to_string();
    let form = |token: &str, sig: &str, expire: &str, public_key: &str| {
        let (ct, body) = Form::new()
            .file("file", "c.jpg", "image/jpeg", b"abc")
            .text("fileName", "c.jpg")
            .text("publicKey", public_key)
            .text("signature", sig)
            .text("expire", expire)
            .text("token", token)
            .finish();
        Conn::plain(a).request("POST", "/api/v1/files/upload", &[("Content-Type".into(), ct)], &body)
    };
    let good = signature(KEY, "tok-1", &expire);
    assert_eq!(form("tok-1", &good, &expire, "public_key_test").status, 200);
    let r = form("tok-1", &good, &expire, "public_key_test");
    assert_eq!(r.status, 400, "a token works once");
    assert!(r.json()["message"].as_str().unwrap().contains("token"));
    assert_eq!(
        form("tok-2", &signature(KEY, "tok-x", &expire), &expire, "public_key_test").status,
        403
    );
    assert_eq!(
        form("tok-3", &signature(KEY, "tok-3", &expire), &expire, "wrong_public").status,
        403
    );
    let late = (now + 7200).to_string();
    let r = form("tok-4", &signature(KEY, "tok-4", &late), &late, "public_key_test");
    assert_eq!(r.status, 400);
    assert!(r.json()["message"].as_str().unwrap().contains("expire"));
    let past = (now - 10).to_string();
    assert_eq!(
        form("tok-5", &signature(KEY, "tok-5", &past), &past, "public_key_test").status,
        400
    );

    // Signature fields together with Basic auth.
    let (ct, body) = Form::new()
        .file("file", "c.jpg", "image/jpeg", b"abc")
        .text("fileName", "c.jpg")
        .text("signature", "abc")
        .finish();
    let r = Conn::plain(a).request(
        "POST",
        "/api/v1/files/upload",
        &[auth(), ("Content-Type".into(), ct)],
        &body,
    );
    assert_eq!(r.status, 400);
    assert!(r.json()["message"]
        .as_str()
        .unwrap()
        .contains("both signature and basic auth"));
}

#[test]
fn reset_clears_state() {
    let s = plain();
    upload_file(s.addr(), "a.jpg", b"x", &[]);
    assert_eq!(s.files().len(), 1);
    assert_eq!(s.stats()["files"], 1);
    s.reset();
    assert!(s.files().is_empty());
    assert!(s.requests().is_empty());
    assert_eq!(get(s.addr(), "/v1/files").json(), json!([]));
}
