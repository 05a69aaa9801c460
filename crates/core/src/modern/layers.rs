//! Layers (node7's `processOverlay`; docs/url-modern.md): the `overlay` of a step becomes
//! `l-<type>,<input>[,lm-…][,lx-…,ly-…,lxc-…,lyc-…,lfo-…,lap-…][,lso-…,leo-…,ldu-…][,<nested>],l-end`.
//!
//! | `type` | needs | emits |
//! |---|---|---|
//! | `text` | `text` | `l-text,i-<encodeURIComponent>` or `ie-<base64>` |
//! | `image` / `video` / `subtitle` | `input` (a path) | `l-image` / `l-video` / `l-subtitles`, `i-a@@b.png` or `ie-<base64>` |
//! | `solidColor` | `color` | `l-image,i-ik_canvas,bg-<color>` |
//!
//! `encoding`: `plain`, `base64` or `auto` (the default: plain when the text matches
//! `^[a-zA-Z0-9-._ ]*$`, a path `^[a-zA-Z0-9-._/ ]*$`, base64 otherwise). A layer without its
//! `type` or its required field adds nothing, as in node7. Fixes (★): `0` in `position` /
//! `timing` is emitted (`lx-0` is the left edge; node7 drops falsy values and centres the layer);
//! an unknown `type`, `encoding` or key, or a field that does not belong to the layer's type, is
//! an error instead of a broken or silently different URL; a space in a plain path is
//! percent-encoded by the final pass (node7 emits it raw).

use super::encode::push_component;
use super::json::{Reader, Scalar, Trail};
use super::transform::{steps, StepWriter};
use crate::error::Result;
use base64::Engine;
use std::borrow::Cow;

const POSITION: &[(&str, &str, &str)] = &[
    ("x", "x", "lx"),
    ("y", "y", "ly"),
    ("xCenter", "x_center", "lxc"),
    ("yCenter", "y_center", "lyc"),
    ("focus", "focus", "lfo"),
    ("anchorPoint", "anchor_point", "lap"),
];

const TIMING: &[(&str, &str, &str)] = &[
    ("start", "start", "lso"),
    ("end", "end", "leo"),
    ("duration", "duration", "ldu"),
];

const LAYER_KEYS: &str = "type, text, input, color, encoding, layerMode, position, timing, transformation";

/// An `overlay` object as read.
#[derive(Default)]
pub struct Layer<'a> {
    kind: Option<Cow<'a, str>>,
    text: Option<Scalar<'a>>,
    input: Option<Cow<'a, str>>,
    color: Option<Cow<'a, str>>,
    encoding: Option<Cow<'a, str>>,
    layer_mode: Option<Cow<'a, str>>,
    position: [Option<Scalar<'a>>; 6],
    timing: [Option<Scalar<'a>>; 3],
    nested: String,
}

#[derive(Clone, Copy, PartialEq)]
enum Encoding {
    Auto,
    Plain,
    Base64,
}

fn base64_component(out: &mut String, s: &str) {
    push_component(out, &base64::engine::general_purpose::STANDARD.encode(s.as_bytes()));
}

fn simple(s: &str, path: bool) -> bool {
    s.bytes()
        .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b' ') || (path && b == b'/'))
}

/// `i-<path with / as @@>` or `ie-<base64>` for an image, video or subtitle input.
fn push_input(out: &mut String, input: &str, enc: Encoding) {
    let s = input.strip_prefix('/').unwrap_or(input);
    let s = s.strip_suffix('/').unwrap_or(s);
    if enc == Encoding::Plain || (enc == Encoding::Auto && simple(s, true)) {
        out.push_str("i-");
        for (i, piece) in s.split('/').enumerate() {
            if i > 0 {
                out.push_str("@@");
            }
            out.push_str(piece);
        }
    } else {
        out.push_str("ie-");
        base64_component(out, s);
    }
}

/// `i-<encodeURIComponent>` or `ie-<base64>` for a text layer.
fn push_text(out: &mut String, text: &str, enc: Encoding) {
    if enc == Encoding::Plain || (enc == Encoding::Auto && simple(text, false)) {
        out.push_str("i-");
        push_component(out, text);
    } else {
        out.push_str("ie-");
        base64_component(out, text);
    }
}

fn filled<'a>(v: &'a Option<Cow<'_, str>>) -> Option<&'a str> {
    v.as_deref().filter(|s| !s.is_empty())
}

impl Layer<'_> {
    /// Appends the layer to the step, or nothing when it lacks its type or required field.
    pub fn write(&self, w: &mut StepWriter, trail: &Trail) -> std::result::Result<(), String> {
        let Some(kind) = filled(&self.kind) else { return Ok(()) };
        let enc = match self.encoding.as_deref() {
            None | Some("auto") => Encoding::Auto,
            Some("plain") => Encoding::Plain,
            Some("base64") => Encoding::Base64,
            Some(other) => {
                return Err(format!(
                    "`{trail}.encoding` must be \"auto\", \"plain\" or \"base64\", got {other:?}"
                ));
            }
        };
        let misplaced = |field: &str, present: bool| -> std::result::Result<(), String> {
            if present {
                Err(format!("`{trail}.{field}` does not apply to a layer of type {kind:?}"))
            } else {
                Ok(())
            }
        };
        let text = match &self.text {
            None | Some(Scalar::Null) => None,
            Some(Scalar::Str(s)) if s.is_empty() => None,
            Some(v) => Some(v.to_js(",")),
        };
        let mut head = String::new();
        match kind {
            "text" => {
                misplaced("input", self.input.is_some())?;
                misplaced("color", self.color.is_some())?;
                let Some(text) = text else { return Ok(()) };
                head.push_str("l-text,");
                push_text(&mut head, &text, enc);
            }
            "image" | "video" | "subtitle" => {
                misplaced("text", self.text.is_some())?;
                misplaced("color", self.color.is_some())?;
                let Some(input) = filled(&self.input) else {
                    return Ok(());
                };
                head.push_str(match kind {
                    "image" => "l-image,",
                    "video" => "l-video,",
                    _ => "l-subtitles,",
                });
                push_input(&mut head, input, enc);
            }
            "solidColor" => {
                misplaced("text", self.text.is_some())?;
                misplaced("input", self.input.is_some())?;
                misplaced("encoding", self.encoding.is_some())?;
                let Some(color) = filled(&self.color) else {
                    return Ok(());
                };
                head.push_str("l-image,i-ik_canvas,bg-");
                head.push_str(color);
            }
            other => {
                return Err(format!(
                    "`{trail}.type` must be \"text\", \"image\", \"video\", \"subtitle\" or \"solidColor\", got {other:?}"
                ));
            }
        }
        // `x` places the layer's edge, `xCenter` its centre: both at once contradict each other
        // (node7 writes both and leaves the choice to the server).
        let given = |i: usize| match &self.position[i] {
            None | Some(Scalar::Null) => false,
            Some(Scalar::Str(s)) => !s.is_empty(),
            Some(_) => true,
        };
        for (edge, centre) in [(0, 2), (1, 3)] {
            if given(edge) && given(centre) {
                return Err(format!(
                    "`{trail}.position` gives both `{}` and `{}`: they place the layer in two ways, give one",
                    POSITION[edge].0, POSITION[centre].0
                ));
            }
        }
        let out = w.part();
        out.push_str(&head);
        if let Some(mode) = filled(&self.layer_mode) {
            out.push_str(",lm-");
            out.push_str(mode);
        }
        for (v, (_, _, code)) in self.position.iter().zip(POSITION).chain(self.timing.iter().zip(TIMING)) {
            match v {
                None | Some(Scalar::Null) => {}
                Some(Scalar::Str(s)) if s.is_empty() => {}
                Some(v) => {
                    out.push(',');
                    out.push_str(code);
                    out.push('-');
                    v.write_js(out, ",");
                }
            }
        }
        if !self.nested.trim().is_empty() {
            out.push(',');
            out.push_str(&self.nested);
        }
        out.push_str(",l-end");
        Ok(())
    }
}

/// Reads an `overlay` value: an object, or `null` (no layer).
pub fn layer<'a>(r: &mut Reader<'a>, trail: &Trail) -> Result<Option<Layer<'a>>> {
    if !r.object(true, || {
        format!("`{trail}` to be a layer object ({{\"type\":\"text\",\"text\":…}})")
    })? {
        return Ok(None);
    }
    let mut layer = Layer::default();
    let mut first = true;
    while let Some(key) = r.key(&mut first)? {
        let t = trail.key(&key);
        match &*key {
            "type" => layer.kind = string_field(r, &t)?,
            "text" => {
                let v = r.scalar(&t, false)?;
                if matches!(v, Scalar::Bool(_)) {
                    return Err(r.fail(format_args!("`{t}` must be a string, got a boolean")));
                }
                // `null` is no text, as for every other field.
                layer.text = (v != Scalar::Null).then_some(v);
            }
            "input" => layer.input = string_field(r, &t)?,
            "color" => layer.color = string_field(r, &t)?,
            "encoding" => layer.encoding = string_field(r, &t)?,
            "layerMode" | "layer_mode" => layer.layer_mode = string_field(r, &t)?,
            "position" => fields(r, &t, POSITION, &mut layer.position)?,
            "timing" => fields(r, &t, TIMING, &mut layer.timing)?,
            "transformation" => {
                layer.nested.clear();
                steps(r, &mut layer.nested, &t)?;
            }
            other => {
                return Err(r.fail(format_args!("unknown key `{other}` in `{trail}` (known: {LAYER_KEYS})")));
            }
        }
    }
    Ok(Some(layer))
}

fn string_field<'a>(r: &mut Reader<'a>, trail: &Trail) -> Result<Option<Cow<'a, str>>> {
    r.string(trail, || format!("`{trail}`"))
}

/// `position` / `timing`: an object (or `null`) of string or number fields.
fn fields<'a>(
    r: &mut Reader<'a>,
    trail: &Trail,
    names: &[(&str, &str, &str)],
    into: &mut [Option<Scalar<'a>>],
) -> Result<()> {
    if !r.object(true, || format!("`{trail}` to be an object"))? {
        return Ok(());
    }
    let mut first = true;
    while let Some(key) = r.key(&mut first)? {
        let t = trail.key(&key);
        let Some(i) = names
            .iter()
            .position(|(camel, snake, _)| *camel == key || *snake == key)
        else {
            let known: Vec<&str> = names.iter().map(|n| n.0).collect();
            return Err(r.fail(format_args!(
                "unknown key `{key}` in `{trail}` (known: {})",
                known.join(", ")
            )));
        };
        let v = r.scalar(&t, false)?;
        if matches!(v, Scalar::Bool(_)) {
            return Err(r.fail(format_args!("`{t}` must be a string or number, got a boolean")));
        }
        into[i] = Some(v);
    }
    Ok(())
}
