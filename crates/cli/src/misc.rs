//! `url`, `auth`, `token`, `webhook verify`, `usage` and the generic `api`.

use crate::cli::{ApiArgs, AuthArgs, TokenArgs, UrlArgs, UsageArgs, WebhookVerifyArgs};
use crate::context::{pairs, Context, Needs};
use crate::output::{Exit, Failure};
use imagekit_core::api::ops;
use serde_json::{json, Map, Value};
use std::io::Read;
use std::path::Path;

pub fn url(ctx: &Context, a: UrlArgs) -> Result<Exit, Failure> {
    let client = ctx.client(Needs::Endpoint)?;
    let transformation: Value = match &a.transformation {
        Some(text) => {
            serde_json::from_str(text).map_err(|e| Failure::usage(format!("--transformation is not JSON: {e}")))?
        }
        None => Value::Array(
            a.steps
                .iter()
                .map(|s| pairs(s, "-t").map(Value::Object))
                .collect::<Result<Vec<_>, _>>()?,
        ),
    };
    let signed = a.sign || a.expires.is_some();
    let full = a.src.starts_with("http://") || a.src.starts_with("https://");
    let url = if a.builder == "legacy" {
        let mut o = Map::new();
        o.insert(if full { "src" } else { "path" }.into(), json!(a.src));
        o.insert("transformation".into(), transformation);
        o.insert("signed".into(), json!(signed));
        if let Some(e) = a.expires {
            o.insert("expire_seconds".into(), json!(e));
        }
        if a.query {
            o.insert("transformation_position".into(), json!("query"));
        }
        client.url(&Value::Object(o).to_string())?
    } else {
        let mut o = Map::new();
        o.insert("src".into(), json!(a.src));
        o.insert("transformation".into(), transformation);
        o.insert("signed".into(), json!(signed));
        if let Some(e) = a.expires {
            o.insert("expiresIn".into(), json!(e));
        }
        o.insert(
            "transformationPosition".into(),
            json!(if a.query { "query" } else { "path" }),
        );
        imagekit_core::modern::build_url(&client, &Value::Object(o).to_string())?
    };
    if ctx.json() {
        ctx.out.object(&json!({"url": url}));
    } else {
        ctx.out.line(&url);
    }
    Ok(Exit::Ok)
}

pub fn auth(ctx: &Context, a: AuthArgs) -> Result<Exit, Failure> {
    let client = ctx.client(Needs::PrivateKey)?;
    let p = client.authentication_parameters_now(a.token.as_deref(), a.expire)?;
    ctx.out
        .object(&serde_json::from_str(&p.to_json()).unwrap_or(Value::Null));
    Ok(Exit::Ok)
}

pub fn token(ctx: &Context, a: TokenArgs) -> Result<Exit, Failure> {
    let client = ctx.client(Needs::PublicKey)?;
    let mut params = Map::new();
    params.insert("fileName".into(), json!(a.file_name));
    for p in &a.params {
        let (k, v) = p
            .split_once('=')
            .ok_or_else(|| Failure::usage(format!("--param: expected name=value, got {p:?}")))?;
        params.insert(k.trim().to_string(), json!(v));
    }
    let opts = imagekit_core::jwt::TokenOptions {
        expire_seconds: a.expire_seconds,
        now: None,
    };
    let token =
        imagekit_core::jwt::upload_v2_token(&client.config.private_key, &client.config.public_key, &params, opts)?;
    if ctx.json() {
        ctx.out.object(&json!({"token": token}));
    } else {
        ctx.out.line(&token);
    }
    Ok(Exit::Ok)
}

fn read_input(path: &Path, what: &str) -> Result<Vec<u8>, Failure> {
    if path == Path::new("-") {
        let mut buf = Vec::new();
        std::io::stdin()
            .read_to_end(&mut buf)
            .map_err(|e| Failure::usage(format!("cannot read {what} from stdin: {e}")))?;
        return Ok(buf);
    }
    std::fs::read(path).map_err(|e| Failure::usage(format!("cannot read {what} {}: {e}", path.display())))
}

/// Splits a captured raw HTTP request into its headers and body.
fn split_request(raw: &[u8]) -> Result<(Map<String, Value>, Vec<u8>), Failure> {
    let (head, body) = match raw.windows(4).position(|w| w == b"\r\n\r\n") {
        Some(at) => (&raw[..at], &raw[at + 4..]),
        None => match raw.windows(2).position(|w| w == b"\n\n") {
            Some(at) => (&raw[..at], &raw[at + 2..]),
            None => {
                return Err(Failure::usage(
                    "the request has no blank line between its headers and its body",
                ))
            }
        },
    };
    let head = std::str::from_utf8(head).map_err(|_| Failure::usage("the request's headers are not UTF-8"))?;
    let mut headers = Map::new();
    for (i, line) in head.lines().enumerate() {
        if i == 0 && line.contains(" HTTP/") {
            continue;
        }
        add_header(&mut headers, line)?;
    }
    Ok((headers, body.to_vec()))
}

fn add_header(headers: &mut Map<String, Value>, line: &str) -> Result<(), Failure> {
    let (k, v) = line
        .split_once(':')
        .ok_or_else(|| Failure::usage(format!("not a header line: {line:?}")))?;
    match headers.get_mut(k.trim()) {
        Some(Value::Array(list)) => list.push(json!(v.trim())),
        _ => {
            headers.insert(k.trim().to_string(), json!([v.trim()]));
        }
    }
    Ok(())
}

pub fn webhook_verify(ctx: &Context, a: WebhookVerifyArgs) -> Result<Exit, Failure> {
    let (mut headers, body) = match (&a.request, &a.body) {
        (Some(p), _) => split_request(&read_input(p, "the request")?)?,
        (None, Some(b)) => (Map::new(), read_input(b, "the body")?),
        (None, None) => {
            return Err(Failure::usage(
                "give a captured request file, or --body with -H headers",
            ))
        }
    };
    for h in &a.headers {
        add_header(&mut headers, h)?;
    }
    let opts = imagekit_core::webhook::UnwrapOptions {
        tolerance_seconds: a.tolerance,
        ..Default::default()
    };
    let verified =
        imagekit_core::webhook::unwrap(&a.secret, &body, &imagekit_core::webhook::Headers::new(&headers), &opts)
            .map_err(|e| Failure::failed(format!("webhook not verified: {}", e.message)))?;
    let event: Value = serde_json::from_str(verified.event).unwrap_or(Value::Null);
    if ctx.json() {
        ctx.out.object(&json!({"verified": true, "scheme": verified.scheme.name(), "timestamp": verified.timestamp, "event": event}));
    } else {
        ctx.out
            .info(&format!("verified ({} signature)", verified.scheme.name()));
        ctx.out.document(&event);
    }
    Ok(Exit::Ok)
}

pub fn usage(ctx: &Context, a: UsageArgs) -> Result<Exit, Failure> {
    let client = ctx.client(Needs::PrivateKey)?;
    let op = ops::find("accounts.usage.get").expect("accounts.usage.get is in the table");
    let answer = client.call(
        op,
        &[],
        Some(&json!({"startDate": a.start, "endDate": a.end}).to_string()),
    )?;
    ctx.out.document(&serde_json::from_str(&answer).unwrap_or(Value::Null));
    Ok(Exit::Ok)
}

pub fn api(ctx: &Context, a: ApiArgs) -> Result<Exit, Failure> {
    if a.list {
        for op in ops::OPS {
            if ctx.json() {
                ctx.out.object(&json!({"operation": op.py, "method": format!("{:?}", op.verb).to_uppercase(), "path": op.path, "doc": op.doc}));
            } else {
                ctx.out.line(&format!(
                    "{:<36} {:<6} {:<50} {}",
                    op.py,
                    format!("{:?}", op.verb).to_uppercase(),
                    op.path,
                    op.doc
                ));
            }
        }
        return Ok(Exit::Ok);
    }
    let name = a.operation.as_deref().unwrap_or_default();
    let op = ops::find(name)
        .ok_or_else(|| Failure::usage(format!("no operation {name:?}: `imagekit api --list` lists them")))?;
    if a.all && !op.pages {
        return Err(Failure::usage(format!("{name} does not page: drop --all")));
    }
    let client = ctx.client(Needs::PrivateKey)?;
    let ids: Vec<&str> = a.ids.iter().map(String::as_str).collect();
    let answer = if a.all {
        client.collect_all(op, a.data.as_deref(), 0)?
    } else {
        client.call(op, &ids, a.data.as_deref())?
    };
    let v: Value = serde_json::from_str(&answer).unwrap_or(Value::String(answer));
    if ctx.json() {
        match v {
            Value::Array(items) if a.all => items.iter().for_each(|i| ctx.out.object(i)),
            other => ctx.out.object(&other),
        }
    } else {
        ctx.out.document(&v);
    }
    Ok(Exit::Ok)
}
