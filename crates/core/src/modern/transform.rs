//! The transformation string (node7's `buildTransformationString`), written while the steps are
//! read: parameters of a step joined with `,`, steps with `:`, empty steps dropped.
//!
//! Value rules (node7's; docs/url-modern.md), with this builder's fixes marked ★:
//! - names go through the shared table ([`crate::urlkit::names`]: the original SDK's names, every
//!   older and newer official name in both spellings, this builder's rows included), then the
//!   same lookup on the lower-cased name; an unknown name is emitted verbatim;
//! - `null` skips the parameter; `true` / `false` / numbers print as JavaScript's `String()`
//!   (★ never in exponent form); `false` is emitted (`q-false`), not dropped as py5 does;
//! - the table's [`Kind`] column says how a value is emitted:
//!   - the flag effects (`grayscale`, `contrastStretch`, `aiRemoveBackground`, `aiUpscale`, …)
//!     emit the bare key for `true`, `"true"` or `"-"`; `false` / `"false"` leaves them out;
//!     ★ any other value is an error instead of being dropped silently;
//!   - `sharpen`, `shadow`, `gradient`, `unsharpMask`, `aiDropShadow` emit the bare key for
//!     `true`, `"true"` or a blank value, `key-value` otherwise; ★ `false` leaves them out (node7
//!     emits the meaningless `e-sharpen-false`) and ★ `"-"` is the bare key, as for the flag
//!     effects and in the original SDK's convention (node7 emits `e-sharpen--`);
//! - `defaultImage` / `fontFamily` drop one leading and one trailing `/` and turn `/` into `@@`;
//!   `streamingResolutions` joins an array with `_`; a blank `trim` is `t-true`;
//! - `raw` is emitted as given; ★ a blank `raw` adds nothing (node7 leaves a stray `,`/`:`);
//! - `overlay` is a layer ([`super::layers`]), emitted inside its step.
//!
//! The finished string is percent-encoded with [`Set::Tr`] by [`finish`] (★ node7 leaves spaces
//! and other unsafe bytes raw).

use super::encode::{is_clean, push_encoded, Set};
use super::json::{Reader, Scalar, Trail};
use super::layers;
use crate::error::Result;
use crate::urlkit::names::{self, Kind};

/// The URL key for a transformation name and how its value is emitted (node7: the name, then its
/// lower-case form, then the name itself).
#[inline]
pub fn key_for(name: &str) -> (&str, Kind) {
    match names::lookup(name) {
        Some(row) => (row.key, row.kind),
        None => key_for_rare(name),
    }
}

/// [`key_for`] for a name the table does not have as written.
#[inline(never)]
fn key_for_rare(name: &str) -> (&str, Kind) {
    if name.bytes().any(|b| b.is_ascii_uppercase()) {
        if let Some(row) = names::lookup(&name.to_ascii_lowercase()) {
            return (row.key, row.kind);
        }
    }
    (name, names::kind_of_key(name))
}

fn is_true(v: &Scalar) -> bool {
    matches!(v, Scalar::Bool(true)) || v.as_str() == Some("true")
}

fn is_false(v: &Scalar) -> bool {
    matches!(v, Scalar::Bool(false)) || v.as_str() == Some("false")
}

fn is_blank(v: &Scalar) -> bool {
    match v {
        Scalar::Str(s) => s.trim().is_empty(),
        Scalar::List(_) => v.to_js(",").trim().is_empty(),
        _ => false,
    }
}

/// A step under construction: `out[base..]` holds its parameters.
pub struct StepWriter<'o> {
    pub out: &'o mut String,
    base: usize,
}

impl StepWriter<'_> {
    /// Starts a parameter (writes the `,` between parameters).
    #[inline]
    pub fn part(&mut self) -> &mut String {
        if self.out.len() > self.base {
            self.out.push(',');
        }
        self.out
    }
}

/// Writes one parameter of a step (everything but `overlay`).
#[inline]
fn emit(w: &mut StepWriter, name: &str, v: Scalar, trail: &Trail) -> std::result::Result<(), String> {
    if matches!(v, Scalar::Null) {
        return Ok(());
    }
    let (key, kind) = key_for(name);
    if key.is_empty() {
        return Ok(());
    }
    if kind == Kind::Flag {
        if is_true(&v) || v.as_str() == Some("-") {
            w.part().push_str(key);
        } else if !is_false(&v) {
            return Err(format!(
                "`{trail}` is an on/off effect: use true or false (got {} {:?})",
                v.type_name(),
                v.to_js(",")
            ));
        }
        return Ok(());
    }
    if kind == Kind::FlagOrValue {
        if is_false(&v) {
            return Ok(());
        }
        if is_true(&v) || is_blank(&v) || v.as_str() == Some("-") {
            w.part().push_str(key);
            return Ok(());
        }
    }
    if name == "raw" {
        let Some(raw) = v.as_str() else {
            return Err(format!("`{trail}` must be a string, got {}", v.type_name()));
        };
        if !raw.trim().is_empty() {
            w.part().push_str(raw);
        }
        return Ok(());
    }
    let out = w.part();
    out.push_str(key);
    out.push('-');
    match key {
        "di" | "ff" => {
            let s = v.to_js(",");
            let s = s.strip_prefix('/').unwrap_or(&s);
            let s = s.strip_suffix('/').unwrap_or(s);
            for (i, piece) in s.split('/').enumerate() {
                if i > 0 {
                    out.push_str("@@");
                }
                out.push_str(piece);
            }
        }
        "sr" => v.write_js(out, "_"),
        "t" if is_blank(&v) => out.push_str("true"),
        _ => match &v {
            Scalar::Str(s) => out.push_str(s),
            other => other.write_js(out, ","),
        },
    }
    Ok(())
}

/// Reads a list of steps (or `null`) and appends their string to `out`.
pub fn steps(r: &mut Reader, out: &mut String, trail: &Trail) -> Result<()> {
    if !r.array(true, || {
        format!("`{trail}` to be an array of transformation steps (objects)")
    })? {
        return Ok(());
    }
    let mut first = true;
    let mut i = 0;
    while r.element(&mut first)? {
        step(r, out, &trail.index(i))?;
        i += 1;
    }
    Ok(())
}

/// One step: an object (or `null`, skipped).
fn step(r: &mut Reader, out: &mut String, trail: &Trail) -> Result<()> {
    if !r.object(true, || format!("`{trail}` to be a transformation step (an object)"))? {
        return Ok(());
    }
    let step_start = out.len();
    if step_start > 0 {
        out.push(':');
    }
    let base = out.len();
    let mut w = StepWriter { out, base };
    let mut first = true;
    while let Some(name) = r.key(&mut first)? {
        let t = trail.key(&name);
        if name == "overlay" {
            if let Some(layer) = layers::layer(r, &t)? {
                layer.write(&mut w, &t).map_err(|m| r.fail(m))?;
            }
            continue;
        }
        let v = r.scalar(&t, true)?;
        emit(&mut w, &name, v, &t).map_err(|m| r.fail(m))?;
    }
    if w.out.len() == base {
        w.out.truncate(step_start);
    }
    Ok(())
}

/// Makes the transformation string `tr` safe for a URL ([`Set::Tr`]).
pub fn finish(tr: &mut String) {
    if !is_clean(tr, Set::Tr) {
        let mut out = String::with_capacity(tr.len() + 16);
        push_encoded(&mut out, tr, Set::Tr);
        *tr = out;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert_eq!(key_for("width"), ("w", Kind::Value));
        assert_eq!(key_for("WIDTH"), ("w", Kind::Value));
        assert_eq!(key_for("xCenter"), ("xc", Kind::Value));
        assert_eq!(key_for("aiDropShadow"), ("e-dropshadow", Kind::FlagOrValue));
        assert_eq!(key_for("aiRemoveBackground"), ("e-bgremove", Kind::Flag));
        assert_eq!(key_for("aspectRatio"), ("ar", Kind::Value));
        assert_eq!(key_for("rndm_trnsf"), ("rndm_trnsf", Kind::Value));
        assert_eq!(key_for("Rndm"), ("Rndm", Kind::Value));
        // A URL key given as the name is emitted as its names are.
        assert_eq!(key_for("e-grayscale"), ("e-grayscale", Kind::Flag));
        assert_eq!(key_for("e-sharpen"), ("e-sharpen", Kind::FlagOrValue));
    }
}
