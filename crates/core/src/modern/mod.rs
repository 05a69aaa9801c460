//! The modern URL builder: the newest SDKs' `buildSrc` with node7's
//! semantics (`src` + `urlEndpoint`, transformations in the query by default and unencoded,
//! percent-encoded paths, `expiresIn`, typed layers), js5's responsive image attributes, and
//! the fixes listed in each file's docs (marked ★) where the official SDKs are wrong.
//!
//! It stands on the floor it shares with the original SDK's builder (`ik_url`, `crate::url`):
//! [`crate::urlkit`]'s signer, transformation-name table and borrowing JSON pull parser, and
//! uses nothing of `crate::url`: the options are plain JSON read in one pass without a tree, the
//! transformation string written while its steps are read; none of `ik_url`'s
//! Python-compatibility parsing is used.
//!
//! | file | what |
//! |---|---|
//! | `json.rs` | the typed reader over the pull parser, scalars with JavaScript's `String()`, error trails |
//! | `options.rs` | the options document |
//! | `transform.rs` | the transformation string and its value rules |
//! | `layers.rs` | text, image, video, subtitle and solid-colour layers |
//! | `encode.rs` | percent-encoding sets |
//! | `urlparts.rs` | `http(s)` URL parts and WHATWG path rules |
//! | `build.rs` | the URL and its signature; per-thread buffers and the last parsed endpoint |
//! | `responsive.rs` | `src` / `srcSet` / `sizes` / `width` |
//!
//! One import cycle is forced by the grammar: a step holds overlays and an overlay holds steps,
//! so `transform.rs` and `layers.rs` use each other.

mod build;
mod encode;
mod json;
mod layers;
mod options;
mod responsive;
mod transform;
mod urlparts;

use crate::client::Client;
use crate::error::Result;

/// The endpoint for a call: the `urlEndpoint` option when given and not empty, else the client's.
fn endpoint<'a>(client: &'a Client, o: &'a options::Options<'a>) -> &'a str {
    o.url_endpoint
        .as_deref()
        .filter(|e| !e.is_empty())
        .unwrap_or(&client.config.url_endpoint)
}

/// `ik_build_url`: the URL for `options_json`, signed when asked; `""` when `src` is empty.
pub fn build_url(client: &Client, options_json: &str) -> Result<String> {
    build_url_with(client, options_json, str::to_owned)
}

/// Like [`build_url`], handing the URL to `f` where it was built (a buffer reused by the
/// thread), so a caller that copies it elsewhere anyway (the C ABI) copies it once.
pub fn build_url_with<T>(client: &Client, options_json: &str, f: impl FnOnce(&str) -> T) -> Result<T> {
    build::with_scratch(|scratch| {
        let mut o = options::Options::default();
        options::parse(options_json, false, &mut o, &mut scratch.tr)?;
        let req = build::Request {
            options: &o,
            endpoint: endpoint(client, &o),
            signer: &client.signer,
            expiry: build::expiry(&o, crate::clock::unix_now)?,
        };
        scratch.url(&req).map(f)
    })
}

/// `ik_build_transformation`: the transformation string alone.
pub fn build_transformation(json: &str) -> Result<String> {
    options::parse_transformation(json)
}

/// `ik_responsive_image_attributes`: `{"src","srcSet","sizes","width"}` as JSON.
pub fn responsive_image_attributes(client: &Client, options_json: &str) -> Result<String> {
    build::with_scratch(|scratch| {
        let mut o = options::Options::default();
        options::parse(options_json, true, &mut o, &mut scratch.tr)?;
        responsive::attributes(
            &o,
            scratch,
            endpoint(client, &o),
            &client.signer,
            crate::clock::unix_now,
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    const CONFIG: &str = r#"{"private_key":"k","public_key":"p","url_endpoint":"https://ik.imagekit.io/demo"}"#;

    /// What a call gives, as the error message or the output.
    fn call(client: &Client, doc: &str) -> std::result::Result<String, String> {
        let r = if doc.contains("\"width\"") {
            responsive_image_attributes(client, doc)
        } else {
            build_url(client, doc)
        };
        r.map_err(|e| e.message.clone())
    }

    /// The per-thread endpoint and buffers never carry anything from one call into the next:
    /// every call gives what it gives on a fresh thread.
    #[test]
    fn a_call_gives_what_it_gives_on_a_fresh_thread() {
        let client = Arc::new(Client::from_json(CONFIG).unwrap());
        let huge = format!(r#"{{"src":"/{}.jpg","signed":true}}"#, "x".repeat(200_000));
        let docs = [
            r#"{"src":"/a.jpg","signed":true}"#,
            r#"{"src":"/a.jpg","urlEndpoint":"https://X.com/p/?q=1","signed":true}"#,
            r#"{"src":"/../../b.jpg","urlEndpoint":"https://X.com/p/?q=1","signed":true}"#,
            r#"{"src":"/a.jpg","urlEndpoint":"ftp://bad"}"#,
            r#"{"src":"/a.jpg","transformation":[{"width":300}],"signed":true}"#,
            r#"{"src":"https://ik.imagekit.io/demo/c.jpg","signed":true}"#,
            r#"{"src":"https://other.com/c.jpg","signed":true}"#,
            r#"{"src":"/a b.jpg","urlEndpoint":"https://x.com/p","transformationPosition":"path","transformation":[{"w":1}]}"#,
            r#"{"src":"/a.jpg","urlEndpoint":"https://x.com/p","width":100,"signed":true}"#,
            &huge,
            r#"{"src":"/a.jpg","transformation":[{"width":"bad value"}],"transformationPosition":"path"}"#,
        ];
        for _round in 0..2 {
            for doc in docs {
                let here = call(&client, doc);
                let (c, d) = (client.clone(), doc.to_string());
                let fresh = std::thread::spawn(move || call(&c, &d)).join().unwrap();
                assert_eq!(here, fresh, "{}", &doc[..doc.len().min(200)]);
            }
        }
        assert!(call(&client, docs[2]).unwrap_err().contains("cannot sign"));
        assert!(call(&client, docs[3]).unwrap_err().contains("http:// or https://"));
    }

    /// Nesting is limited (layers in layers recurse): the deepest document is read in a 2 MiB
    /// stack even unoptimized (about 128 KiB in a release build), and deeper ones are errors.
    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        fn nested(levels: usize) -> String {
            let mut t = r#"[{"width":1}]"#.to_string();
            for _ in 0..levels {
                t = format!(r#"[{{"overlay":{{"type":"image","input":"a.png","transformation":{t}}}}}]"#);
            }
            format!(r#"{{"src":"/a.jpg","transformation":{t}}}"#)
        }
        let client = Arc::new(Client::from_json(CONFIG).unwrap());
        let run = std::thread::Builder::new()
            .stack_size(2048 * 1024)
            .spawn(move || {
                // 3 containers a level, plus the document and the innermost step: 41 levels fit.
                let ok = build_url(&client, &nested(41)).unwrap();
                assert_eq!(ok.matches("l-image").count(), 41, "{ok}");
                for doc in [
                    nested(42),
                    nested(10_000),
                    format!(r#"{{"src":"/a.jpg","transformation":{}"#, "[".repeat(1_000_000)),
                    format!(
                        r#"{{"src":"/a.jpg","queryParameters":{{"a":{}}}}}"#,
                        "[".repeat(100_000)
                    ),
                ] {
                    let e = build_url(&client, &doc).unwrap_err();
                    assert!(
                        e.message.contains("recursion limit") || e.message.contains("invalid type"),
                        "{}",
                        &e.message[..e.message.len().min(300)]
                    );
                }
            })
            .unwrap();
        run.join().unwrap();
    }
}
