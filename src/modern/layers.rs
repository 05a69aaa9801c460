//! Layers (node7's `processOverlay`, `url-generation.md` §4): the `overlay` of a step becomes
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
use super::json::{Scalar, ScalarSeed, Str, Trail};
use super::transform::{StepWriter, StepsSeed};
use base64::Engine;
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, Visitor};
use std::borrow::Cow;
use std::fmt;

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
    pub fn write(&self, w: &mut StepWriter, trail: &Trail) -> Result<(), String> {
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
        let misplaced = |field: &str, present: bool| -> Result<(), String> {
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
pub struct LayerSeed<'t> {
    pub trail: &'t Trail<'t>,
}

impl<'de> DeserializeSeed<'de> for LayerSeed<'_> {
    type Value = Option<Layer<'de>>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

fn string_field<'de, A: MapAccess<'de>>(map: &mut A, trail: &Trail) -> Result<Option<Cow<'de, str>>, A::Error> {
    match map.next_value_seed(ScalarSeed { trail, lists: false })? {
        Scalar::Null => Ok(None),
        Scalar::Str(s) => Ok(Some(s)),
        other => Err(de::Error::custom(format!(
            "`{trail}` must be a string, got {}",
            other.type_name()
        ))),
    }
}

impl<'de> Visitor<'de> for LayerSeed<'_> {
    type Value = Option<Layer<'de>>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(
            f,
            "`{}` to be a layer object ({{\"type\":\"text\",\"text\":…}})",
            self.trail
        )
    }
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut layer = Layer::default();
        while let Some(Str(key)) = map.next_key::<Str>()? {
            let t = self.trail.key(&key);
            match &*key {
                "type" => layer.kind = string_field(&mut map, &t)?,
                "text" => {
                    let v = map.next_value_seed(ScalarSeed {
                        trail: &t,
                        lists: false,
                    })?;
                    if matches!(v, Scalar::Bool(_)) {
                        return Err(de::Error::custom(format!("`{t}` must be a string, got a boolean")));
                    }
                    layer.text = Some(v);
                }
                "input" => layer.input = string_field(&mut map, &t)?,
                "color" => layer.color = string_field(&mut map, &t)?,
                "encoding" => layer.encoding = string_field(&mut map, &t)?,
                "layerMode" | "layer_mode" => layer.layer_mode = string_field(&mut map, &t)?,
                "position" => map.next_value_seed(Fields {
                    trail: &t,
                    names: POSITION,
                    into: &mut layer.position,
                })?,
                "timing" => map.next_value_seed(Fields {
                    trail: &t,
                    names: TIMING,
                    into: &mut layer.timing,
                })?,
                "transformation" => {
                    layer.nested.clear();
                    map.next_value_seed(StepsSeed {
                        out: &mut layer.nested,
                        trail: &t,
                    })?;
                }
                other => {
                    return Err(de::Error::custom(format!(
                        "unknown key `{other}` in `{}` (known: {LAYER_KEYS})",
                        self.trail
                    )));
                }
            }
        }
        Ok(Some(layer))
    }
}

/// `position` / `timing`: an object of string or number fields.
struct Fields<'t, 'i, 'de> {
    trail: &'t Trail<'t>,
    names: &'static [(&'static str, &'static str, &'static str)],
    into: &'i mut [Option<Scalar<'de>>],
}

impl<'de> DeserializeSeed<'de> for Fields<'_, '_, 'de> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Fields<'_, '_, 'de> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "`{}` to be an object", self.trail)
    }
    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(Str(key)) = map.next_key::<Str>()? {
            let t = self.trail.key(&key);
            let Some(i) = self
                .names
                .iter()
                .position(|(camel, snake, _)| *camel == key || *snake == key)
            else {
                let known: Vec<&str> = self.names.iter().map(|n| n.0).collect();
                return Err(de::Error::custom(format!(
                    "unknown key `{key}` in `{}` (known: {})",
                    self.trail,
                    known.join(", ")
                )));
            };
            let v = map.next_value_seed(ScalarSeed {
                trail: &t,
                lists: false,
            })?;
            if matches!(v, Scalar::Bool(_)) {
                return Err(de::Error::custom(format!(
                    "`{t}` must be a string or number, got a boolean"
                )));
            }
            self.into[i] = Some(v);
        }
        Ok(())
    }
}
