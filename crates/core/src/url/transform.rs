//! The transformation string (`transformation_to_str` of the original Python SDK).
//!
//! Steps are joined with `:`, the parts of a step with `,`, in the caller's key order. For each
//! key (mapped through [`crate::urlkit::names`], unknown keys verbatim):
//! * the value `"-"` emits the key alone;
//! * booleans become `true` / `false`;
//! * for `oi` and `di` the (string) value loses its leading/trailing `/` and every other `/`
//!   becomes `@@`;
//! * `raw` emits its (string) value as it is;
//! * anything else emits `key-value`, numbers and `null` printed as Python's `str()` would
//!   (`1.0`, `1e-07`, `None`).
//!
//! A key repeated inside one step keeps its first position and its last value, as a Python
//! dict built from the JSON does (an invalid earlier value is then no error). Wrong types and
//! NUL characters are errors that name the step and the key.

use super::pyfmt;
use super::small::SmallList;
use crate::error::{invalid, Result};
use crate::urlkit::json::{has_nul, nul_error, Parser, Plain, Value};
use crate::urlkit::names;
use std::borrow::Cow;

/// Reads the value of the `transformation` option (the parser is on it) and appends the
/// transformation string to `out`. `null` means no transformation.
pub fn parse_transformation<'a>(p: &mut Parser<'a>, out: &mut String) -> Result<()> {
    if p.peek_value() != Some(b'[') {
        return match p.value(1)? {
            Value::Null => Ok(()),
            other => Err(invalid(format!(
                "option `transformation` must be a list (JSON array) of objects, got {}",
                other.type_name()
            ))),
        };
    }
    p.begin_array()?;
    let mut first = true;
    let mut i = 0;
    while p.next_element(&mut first)? {
        if p.peek_value() != Some(b'{') {
            let step = p.value(2)?;
            return Err(invalid(format!(
                "transformation step {i} must be an object, got {}",
                step.type_name()
            )));
        }
        if i > 0 {
            out.push(':');
        }
        let (at, len) = (p.mark(), out.len());
        if push_step_direct(p, out, i).is_none() {
            // A repeated key, or an error (reported exactly as the general path finds it, e.g.
            // a syntax error later in the step before a wrong type earlier): read it again.
            p.reset(at);
            out.truncate(len);
            push_step(p, out, i, &mut SmallList::default())?;
        }
        i += 1;
    }
    Ok(())
}

/// Most steps have a few distinct keys: each part is written as soon as it is read. `None` when
/// the step must be read by [`push_step`] instead (a repeated key or any error).
#[inline]
fn push_step_direct(p: &mut Parser<'_>, out: &mut String, step: usize) -> Option<()> {
    const MAX: usize = 8;
    let mut seen: [&str; MAX] = [""; MAX];
    let mut n = 0;
    p.begin_object().ok()?;
    let mut first_key = true;
    while let Some(k) = p.next_key(&mut first_key).ok()? {
        let Cow::Borrowed(k) = k else { return None };
        if n == MAX || seen[..n].contains(&k) {
            return None;
        }
        seen[n] = k;
        if n > 0 {
            out.push(',');
        }
        n += 1;
        match p.plain_scalar() {
            Some(plain) => push_plain_part(out, step, k, plain)?,
            None => push_part(out, step, k, &p.value(3).ok()?).ok()?,
        }
    }
    Some(())
}

/// [`push_part`] for a plain string or integer, which cannot be an error except for the keys
/// that want a string (`None` then: the step is read again by the general path).
#[inline]
fn push_plain_part(out: &mut String, step: usize, name: &str, v: Plain<'_>) -> Option<()> {
    let key = names::url_key(name).unwrap_or(name);
    let text = match v {
        Plain::String("-") => {
            out.push_str(key);
            return Some(());
        }
        Plain::String(s) if matches!(key, "oi" | "di" | "raw") => {
            return push_part(out, step, name, &Value::String(Cow::Borrowed(s))).ok();
        }
        Plain::Integer(_) if matches!(key, "oi" | "di" | "raw") => return None,
        // A plain integer literal is its own Python `str()`.
        Plain::String(s) | Plain::Integer(s) => s,
    };
    out.push_str(key);
    out.push('-');
    out.push_str(text);
    Some(())
}

/// One step with Python dict semantics: a repeated key keeps its first position and takes the
/// last value.
fn push_step<'a>(
    p: &mut Parser<'a>,
    out: &mut String,
    step: usize,
    entries: &mut SmallList<(Cow<'a, str>, Value<'a>), 8>,
) -> Result<()> {
    p.begin_object()?;
    entries.clear();
    let mut first_key = true;
    while let Some(k) = p.next_key(&mut first_key)? {
        if has_nul(&k) {
            return Err(nul_error(&format!(
                "transformation step {step}: the key {:?}",
                k.as_ref()
            )));
        }
        let v = p.value(3)?;
        // A repeated key keeps its first position and takes the last value (Python dict).
        entries.upsert(k, v);
    }
    for (j, (name, value)) in entries.iter().enumerate() {
        if j > 0 {
            out.push(',');
        }
        push_part(out, step, name, value)?;
    }
    Ok(())
}

fn push_part(out: &mut String, step: usize, name: &str, value: &Value<'_>) -> Result<()> {
    let key = names::url_key(name).unwrap_or(name);
    if let Value::String(s) = value {
        if has_nul(s) {
            return Err(nul_error(&format!("transformation step {step}: the value of `{name}`")));
        }
        if s == "-" {
            out.push_str(key);
            return Ok(());
        }
    }
    let text: Cow<'_, str> = match value {
        Value::Bool(true) => Cow::Borrowed("true"),
        Value::Bool(false) => Cow::Borrowed("false"),
        Value::String(s) => Cow::Borrowed(s.as_ref()),
        other => {
            if key == "oi" || key == "di" || key == "raw" {
                return Err(invalid(format!(
                    "transformation step {step}: `{name}` must be a string, got {}",
                    other.type_name()
                )));
            }
            match other {
                Value::Null | Value::Number(_) => {
                    out.push_str(key);
                    out.push('-');
                    pyfmt::push_scalar(out, other);
                    return Ok(());
                }
                _ => {
                    return Err(invalid(format!(
                        "transformation step {step}: the value of `{name}` must be a string, number, \
                         boolean or null, got {}",
                        other.type_name()
                    )))
                }
            }
        }
    };
    if key == "raw" {
        out.push_str(&text);
    } else {
        out.push_str(key);
        out.push('-');
        if key == "oi" || key == "di" {
            let trimmed = text.trim_matches('/');
            let mut rest = trimmed;
            while let Some(i) = rest.find('/') {
                out.push_str(&rest[..i]);
                out.push_str("@@");
                rest = &rest[i + 1..];
            }
            out.push_str(rest);
        } else {
            out.push_str(&text);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tr(json: &str) -> Result<String> {
        let mut p = Parser::new(json);
        let mut s = String::new();
        parse_transformation(&mut p, &mut s)?;
        p.finish()?;
        Ok(s)
    }

    #[test]
    fn steps_keys_and_values() {
        assert_eq!(
            tr(r#"[{"height":"300","width":400},{"rotation":90}]"#).unwrap(),
            "h-300,w-400:rt-90"
        );
        assert_eq!(
            tr(r#"[{"effect_sharpen":"-","effect_contrast":"1"}]"#).unwrap(),
            "e-sharpen,e-contrast-1"
        );
        assert_eq!(
            tr(r#"[{"original":true,"overlay_image_trim":false}]"#).unwrap(),
            "orig-true,oit-false"
        );
        assert_eq!(tr(r#"[{"bg":"A94D34","rndm":"x"}]"#).unwrap(), "bg-A94D34,rndm-x");
        assert_eq!(
            tr(r#"[{"w":1.0,"q":1e-7,"dpr":2.50,"x":null}]"#).unwrap(),
            "w-1.0,q-1e-07,dpr-2.5,x-None"
        );
        assert_eq!(tr(r#"[{"":""}]"#).unwrap(), "-");
        assert_eq!(tr(r#"[]"#).unwrap(), "");
        assert_eq!(tr(r#"[{},{}]"#).unwrap(), ":");
        assert_eq!(tr(r#"[{"w":1},{},{"h":2}]"#).unwrap(), "w-1::h-2");
        assert_eq!(tr("null").unwrap(), "");
    }

    #[test]
    fn oi_di_and_raw() {
        assert_eq!(
            tr(r#"[{"default_image":"/folder/file.jpg/"}]"#).unwrap(),
            "di-folder@@file.jpg"
        );
        assert_eq!(tr(r#"[{"overlay_image":"//a//b//"}]"#).unwrap(), "oi-a@@@@b");
        assert_eq!(tr(r#"[{"oi":"a/b"}]"#).unwrap(), "oi-a@@b");
        assert_eq!(tr(r#"[{"di":true}]"#).unwrap(), "di-true");
        assert_eq!(tr(r#"[{"di":"-"}]"#).unwrap(), "di");
        assert_eq!(tr(r#"[{"raw":"w-1,h-2","h":3}]"#).unwrap(), "w-1,h-2,h-3");
        assert_eq!(tr(r#"[{"h":3,"raw":""}]"#).unwrap(), "h-3,");
        assert_eq!(tr(r#"[{"raw":false}]"#).unwrap(), "false");
    }

    #[test]
    fn duplicate_keys_keep_first_position_last_value() {
        assert_eq!(tr(r#"[{"w":1,"h":2,"w":3}]"#).unwrap(), "w-3,h-2");
        assert_eq!(tr(r#"[{"w":"-","w":5}]"#).unwrap(), "w-5");
    }

    #[test]
    fn direct_and_general_paths_agree() {
        // Escaped keys, more keys than the direct path tracks, repeats in a later step.
        assert_eq!(tr(r#"[{"he\u0069ght":1,"w":2}]"#).unwrap(), "h-1,w-2");
        assert_eq!(
            tr(r#"[{"a":1,"b":2,"c":3,"d":4,"e":5,"f":6,"g":7,"h":8,"i":9,"a":0}]"#).unwrap(),
            "a-0,b-2,c-3,d-4,e-5,f-6,g-7,h-8,i-9"
        );
        assert_eq!(tr(r#"[{"w":1},{"h":2,"h":3},{"q":4}]"#).unwrap(), "w-1:h-3:q-4");
        assert_eq!(tr(r#" [ { "w" : 1 , "h" : "-" } , { } ] "#).unwrap(), "w-1,h:");
        // A syntax error later in a step is reported before a wrong type earlier in it.
        let e = tr(r#"[{"raw":5,"w":}]"#).unwrap_err();
        assert!(e.message.contains("not valid JSON"), "{}", e.message);
        let e = tr(r#"[{"w":1},{"raw":5,"w":2}]"#).unwrap_err();
        assert!(e.message.contains("step 1: `raw` must be a string"), "{}", e.message);
    }

    #[test]
    fn wrong_types_are_named() {
        let e = tr(r#"{"w":1}"#).unwrap_err();
        assert!(e.message.contains("`transformation` must be a list"), "{}", e.message);
        let e = tr(r#"[{"w":1},"h-2"]"#).unwrap_err();
        assert!(
            e.message.contains("step 1 must be an object, got a string"),
            "{}",
            e.message
        );
        for (json, name) in [
            (r#"[{"raw":5}]"#, "`raw` must be a string, got a number"),
            (r#"[{"raw":null}]"#, "`raw` must be a string, got null"),
            (r#"[{"default_image":1}]"#, "`default_image` must be a string"),
            (r#"[{"overlay_image":["a"]}]"#, "`overlay_image` must be a string"),
            (
                r#"[{"w":[1]}]"#,
                "value of `w` must be a string, number, boolean or null, got an array",
            ),
            (r#"[{"w":{}}]"#, "got an object"),
        ] {
            let e = tr(json).unwrap_err();
            assert!(e.message.contains(name), "{json}: {}", e.message);
        }
    }
}
