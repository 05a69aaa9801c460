//! Transformation names → URL keys: one row per name, shared by both URL builders.
//!
//! Columns: the name, its URL key, which builders map it ([`Builders`]), how the modern builder
//! emits its value ([`Kind`]) and, for today's names (node7/js5 spelling), the Go binding's
//! `Transformation` field and its type ([`Field`]); those rows come first, in the field order of
//! that struct, so the struct can be generated from them. Then the original SDK's names
//! (imagekitio 3.2.0 + 4.2.0's two additions, every legacy `overlay_*` name) and the other official
//! spellings (Node 6 / Go 1 camelCase, the current SDKs' snake_case). A name not in the table
//! passes through verbatim (the caller does that).
//!
//! The `Modern` rows: the original SDK's official vectors (`tests/data/url_official.json`, cases
//! 091–096, 100–102, 136, 137) pin `xCenter`, `yCenter`, `aiRemoveBackground`,
//! `aiRemoveBackgroundExternal` and `aiDropShadow` unmapped for `ik_url` (`xCenter-30`), while the
//! modern builder maps them as node7 does. Their snake_case spellings are mapped by both.

/// Which builders map a name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Builders {
    /// Both the original SDK's builder (`crate::url`) and the modern one (`crate::modern`).
    Both,
    /// The modern builder only; `ik_url` emits the name verbatim.
    Modern,
}

/// How the modern builder emits a parameter (the original SDK's builder always writes
/// `key-value`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `key-value`.
    Value,
    /// An on/off effect: the key alone for `true`, `"true"` or `"-"`, nothing for `false`.
    Flag,
    /// The key alone when "on" without parameters (`true`, `"true"`, blank, `"-"`), nothing for
    /// `false`, `key-value` otherwise.
    FlagOrValue,
}

/// The value a today's name takes, as the Go binding types it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Type {
    /// A number or a string (`any`).
    Any,
    /// A string.
    Text,
    /// A boolean emitted as given, `false` included (`*bool`).
    Switch,
    /// An on/off effect, emitted only when true (`bool`).
    Bool,
    /// A list of strings (`[]string`).
    List,
}

/// A today's name's field in the Go binding's `Transformation` struct.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Field {
    pub go: &'static str,
    pub ty: Type,
}

/// One row of the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Name {
    pub name: &'static str,
    pub key: &'static str,
    pub builders: Builders,
    pub kind: Kind,
    /// `Some` for today's names.
    pub field: Option<Field>,
}

use Builders::{Both, Modern};

const fn today(
    name: &'static str,
    key: &'static str,
    builders: Builders,
    go: &'static str,
    ty: Type,
    kind: Kind,
) -> Name {
    Name {
        name,
        key,
        builders,
        kind,
        field: Some(Field { go, ty }),
    }
}

const fn other(name: &'static str, key: &'static str, kind: Kind) -> Name {
    Name {
        name,
        key,
        builders: Both,
        kind,
        field: None,
    }
}

/// Every name, one row each (see the module docs for the order).
#[rustfmt::skip] // one row a line
pub const NAMES: &[Name] = &[
    // Today's names (node7/js5 spelling), in the order of the Go binding's `Transformation` fields.
    today("width", "w", Both, "Width", Type::Any, Kind::Value),
    today("height", "h", Both, "Height", Type::Any, Kind::Value),
    today("aspectRatio", "ar", Both, "AspectRatio", Type::Any, Kind::Value),
    today("quality", "q", Both, "Quality", Type::Any, Kind::Value),
    today("crop", "c", Both, "Crop", Type::Text, Kind::Value),
    today("cropMode", "cm", Both, "CropMode", Type::Text, Kind::Value),
    today("focus", "fo", Both, "Focus", Type::Text, Kind::Value),
    today("x", "x", Both, "X", Type::Any, Kind::Value),
    today("y", "y", Both, "Y", Type::Any, Kind::Value),
    today("xCenter", "xc", Modern, "XCenter", Type::Any, Kind::Value),
    today("yCenter", "yc", Modern, "YCenter", Type::Any, Kind::Value),
    today("format", "f", Both, "Format", Type::Text, Kind::Value),
    today("videoCodec", "vc", Both, "VideoCodec", Type::Text, Kind::Value),
    today("audioCodec", "ac", Both, "AudioCodec", Type::Text, Kind::Value),
    today("radius", "r", Both, "Radius", Type::Any, Kind::Value),
    today("background", "bg", Both, "Background", Type::Text, Kind::Value),
    today("border", "b", Both, "Border", Type::Text, Kind::Value),
    today("rotation", "rt", Both, "Rotation", Type::Any, Kind::Value),
    today("blur", "bl", Both, "Blur", Type::Any, Kind::Value),
    today("named", "n", Both, "Named", Type::Text, Kind::Value),
    today("defaultImage", "di", Both, "DefaultImage", Type::Text, Kind::Value),
    today("dpr", "dpr", Both, "Dpr", Type::Any, Kind::Value),
    today("flip", "fl", Both, "Flip", Type::Text, Kind::Value),
    today("opacity", "o", Both, "Opacity", Type::Any, Kind::Value),
    today("zoom", "z", Both, "Zoom", Type::Any, Kind::Value),
    today("trim", "t", Both, "Trim", Type::Any, Kind::Value),
    today("page", "pg", Both, "Page", Type::Any, Kind::Value),
    today("startOffset", "so", Both, "StartOffset", Type::Any, Kind::Value),
    today("endOffset", "eo", Both, "EndOffset", Type::Any, Kind::Value),
    today("duration", "du", Both, "Duration", Type::Any, Kind::Value),
    today("streamingResolutions", "sr", Both, "StreamingResolutions", Type::List, Kind::Value),
    today("progressive", "pr", Both, "Progressive", Type::Switch, Kind::Value),
    today("lossless", "lo", Both, "Lossless", Type::Switch, Kind::Value),
    today("colorProfile", "cp", Both, "ColorProfile", Type::Switch, Kind::Value),
    today("metadata", "md", Both, "Metadata", Type::Switch, Kind::Value),
    today("original", "orig", Both, "Original", Type::Switch, Kind::Value),
    today("grayscale", "e-grayscale", Both, "Grayscale", Type::Bool, Kind::Flag),
    today("contrastStretch", "e-contrast", Both, "ContrastStretch", Type::Bool, Kind::Flag),
    today("aiUpscale", "e-upscale", Both, "AIUpscale", Type::Bool, Kind::Flag),
    today("aiRetouch", "e-retouch", Both, "AIRetouch", Type::Bool, Kind::Flag),
    today("aiVariation", "e-genvar", Both, "AIVariation", Type::Bool, Kind::Flag),
    today("aiRemoveBackground", "e-bgremove", Modern, "AIRemoveBackground", Type::Bool, Kind::Flag),
    today("aiRemoveBackgroundExternal", "e-removedotbg", Modern, "AIRemoveBackgroundExternal", Type::Bool, Kind::Flag),
    today("aiDropShadow", "e-dropshadow", Modern, "AIDropShadow", Type::Any, Kind::FlagOrValue),
    today("aiChangeBackground", "e-changebg", Both, "AIChangeBackground", Type::Text, Kind::Value),
    today("aiEdit", "e-edit", Both, "AIEdit", Type::Text, Kind::Value),
    today("sharpen", "e-sharpen", Both, "Sharpen", Type::Any, Kind::FlagOrValue),
    today("shadow", "e-shadow", Both, "Shadow", Type::Any, Kind::FlagOrValue),
    today("unsharpMask", "e-usm", Both, "UnsharpMask", Type::Any, Kind::FlagOrValue),
    today("gradient", "e-gradient", Both, "Gradient", Type::Any, Kind::FlagOrValue),
    today("colorReplace", "cr", Both, "ColorReplace", Type::Text, Kind::Value),
    today("colorize", "e-colorize", Both, "Colorize", Type::Text, Kind::Value),
    today("distort", "e-distort", Both, "Distort", Type::Text, Kind::Value),
    today("fontSize", "fs", Both, "FontSize", Type::Any, Kind::Value),
    today("fontFamily", "ff", Both, "FontFamily", Type::Text, Kind::Value),
    today("fontColor", "co", Both, "FontColor", Type::Text, Kind::Value),
    today("innerAlignment", "ia", Both, "InnerAlignment", Type::Text, Kind::Value),
    today("padding", "pa", Both, "Padding", Type::Any, Kind::Value),
    today("alpha", "al", Both, "Alpha", Type::Any, Kind::Value),
    today("typography", "tg", Both, "Typography", Type::Text, Kind::Value),
    today("lineHeight", "lh", Both, "LineHeight", Type::Any, Kind::Value),
    today("color", "co", Both, "Color", Type::Text, Kind::Value),
    today("fontOutline", "fol", Both, "FontOutline", Type::Text, Kind::Value),
    today("fontShadow", "fsh", Both, "FontShadow", Type::Text, Kind::Value),
    today("raw", "raw", Both, "Raw", Type::Text, Kind::Value),
    // The original SDK's names (imagekitio 3.2.0, plus 4.2.0's `effect_shadow` / `effect_gradient`).
    other("aspect_ratio", "ar", Kind::Value),
    other("crop_mode", "cm", Kind::Value),
    other("overlay_x", "ox", Kind::Value),
    other("overlay_y", "oy", Kind::Value),
    other("overlay_focus", "ofo", Kind::Value),
    other("overlay_height", "oh", Kind::Value),
    other("overlay_width", "ow", Kind::Value),
    other("overlay_image", "oi", Kind::Value),
    other("overlay_image_trim", "oit", Kind::Value),
    other("overlay_image_aspect_ratio", "oiar", Kind::Value),
    other("overlay_image_background", "oibg", Kind::Value),
    other("overlay_image_border", "oib", Kind::Value),
    other("overlay_image_dpr", "oidpr", Kind::Value),
    other("overlay_image_quality", "oiq", Kind::Value),
    other("overlay_image_cropping", "oic", Kind::Value),
    other("overlay_image_focus", "oifo", Kind::Value),
    other("overlay_text", "ot", Kind::Value),
    other("overlay_text_font_size", "ots", Kind::Value),
    other("overlay_text_font_family", "otf", Kind::Value),
    other("overlay_text_color", "otc", Kind::Value),
    other("overlay_text_transparency", "oa", Kind::Value),
    other("overlay_alpha", "oa", Kind::Value),
    other("overlay_text_typography", "ott", Kind::Value),
    other("overlay_background", "obg", Kind::Value),
    other("overlay_text_encoded", "ote", Kind::Value),
    other("overlay_text_width", "otw", Kind::Value),
    other("overlay_text_background", "otbg", Kind::Value),
    other("overlay_text_padding", "otp", Kind::Value),
    other("overlay_text_inner_alignment", "otia", Kind::Value),
    other("overlay_radius", "or", Kind::Value),
    other("color_profile", "cp", Kind::Value),
    other("default_image", "di", Kind::Value),
    other("effect_sharpen", "e-sharpen", Kind::FlagOrValue),
    other("effect_usm", "e-usm", Kind::FlagOrValue),
    other("effect_contrast", "e-contrast", Kind::Flag),
    other("effect_gray", "e-grayscale", Kind::Flag),
    other("effect_shadow", "e-shadow", Kind::FlagOrValue),
    other("effect_gradient", "e-gradient", Kind::FlagOrValue),
    // Older and newer official names in other spellings.
    // camelCase of the original SDK's names (Node 6, Go 1).
    other("effectSharpen", "e-sharpen", Kind::FlagOrValue),
    other("effectUSM", "e-usm", Kind::FlagOrValue),
    other("effectUsm", "e-usm", Kind::FlagOrValue),
    other("effectContrast", "e-contrast", Kind::Flag),
    other("effectGray", "e-grayscale", Kind::Flag),
    other("effectShadow", "e-shadow", Kind::FlagOrValue),
    other("effectGradient", "e-gradient", Kind::FlagOrValue),
    other("rotate", "rt", Kind::Value),
    other("overlayX", "ox", Kind::Value),
    other("overlayY", "oy", Kind::Value),
    other("overlayFocus", "ofo", Kind::Value),
    other("overlayHeight", "oh", Kind::Value),
    other("overlayWidth", "ow", Kind::Value),
    other("overlayImage", "oi", Kind::Value),
    other("overlayImageTrim", "oit", Kind::Value),
    other("overlayImageAspectRatio", "oiar", Kind::Value),
    other("overlayImageBackground", "oibg", Kind::Value),
    other("overlayImageBorder", "oib", Kind::Value),
    other("overlayImageDPR", "oidpr", Kind::Value),
    other("overlayImageDpr", "oidpr", Kind::Value),
    other("overlayImageQuality", "oiq", Kind::Value),
    other("overlayImageCropping", "oic", Kind::Value),
    other("overlayImageFocus", "oifo", Kind::Value),
    other("overlayImageX", "oix", Kind::Value),
    other("overlay_image_x", "oix", Kind::Value),
    other("overlayImageY", "oiy", Kind::Value),
    other("overlay_image_y", "oiy", Kind::Value),
    other("overlayImageXc", "oixc", Kind::Value),
    other("overlay_image_xc", "oixc", Kind::Value),
    other("overlayImageYc", "oiyc", Kind::Value),
    other("overlay_image_yc", "oiyc", Kind::Value),
    other("overlayText", "ot", Kind::Value),
    other("overlayTextFontSize", "ots", Kind::Value),
    other("overlayTextFontFamily", "otf", Kind::Value),
    other("overlayTextColor", "otc", Kind::Value),
    other("overlayTextTransparency", "oa", Kind::Value),
    other("overlayAlpha", "oa", Kind::Value),
    other("overlayTextTypography", "ott", Kind::Value),
    other("overlayBackground", "obg", Kind::Value),
    other("overlayTextEncoded", "ote", Kind::Value),
    other("overlayTextWidth", "otw", Kind::Value),
    other("overlayTextBackground", "otbg", Kind::Value),
    other("overlayTextPadding", "otp", Kind::Value),
    other("overlayTextInnerAlignment", "otia", Kind::Value),
    other("overlayRadius", "or", Kind::Value),
    other("xc", "xc", Kind::Value),
    other("yc", "yc", Kind::Value),
    // The current SDKs (JS 5, Node 7, Python 5, Go 2), both spellings.
    other("x_center", "xc", Kind::Value),
    other("y_center", "yc", Kind::Value),
    other("video_codec", "vc", Kind::Value),
    other("audio_codec", "ac", Kind::Value),
    other("start_offset", "so", Kind::Value),
    other("end_offset", "eo", Kind::Value),
    other("streaming_resolutions", "sr", Kind::Value),
    other("ai_upscale", "e-upscale", Kind::Flag),
    other("ai_retouch", "e-retouch", Kind::Flag),
    other("ai_variation", "e-genvar", Kind::Flag),
    other("ai_drop_shadow", "e-dropshadow", Kind::FlagOrValue),
    other("ai_change_background", "e-changebg", Kind::Value),
    other("ai_remove_background", "e-bgremove", Kind::Flag),
    other("ai_remove_background_external", "e-removedotbg", Kind::Flag),
    other("ai_edit", "e-edit", Kind::Value),
    other("contrast_stretch", "e-contrast", Kind::Flag),
    other("unsharp_mask", "e-usm", Kind::FlagOrValue),
    other("color_replace", "cr", Kind::Value),
    other("font_size", "fs", Kind::Value),
    other("font_family", "ff", Kind::Value),
    other("font_color", "co", Kind::Value),
    other("inner_alignment", "ia", Kind::Value),
    other("line_height", "lh", Kind::Value),
    other("font_outline", "fol", Kind::Value),
    other("font_shadow", "fsh", Kind::Value),
    other("density", "dn", Kind::Value),
    other("layer_mode", "lm", Kind::Value),
    other("layerMode", "lm", Kind::Value),
];

/// Slots of the lookup table (a power of two, about 5× the number of names).
const SLOTS: usize = 1024;

/// A hash of a few bytes and the length: constant time whatever the name, and no collisions
/// worth the name among the table's entries (checked by a test).
#[inline]
const fn slot(name: &[u8]) -> usize {
    let n = name.len();
    if n == 0 {
        return 0;
    }
    let mix = (n as u64)
        | (name[0] as u64) << 8
        | (name[n - 1] as u64) << 16
        | (name[n / 2] as u64) << 24
        | (name[n / 3] as u64) << 32
        | (name[(2 * n) / 3] as u64) << 40;
    (mix.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 54) as usize & (SLOTS - 1)
}

/// 1 + an index into [`NAMES`]; 0 is an empty slot. Two bytes a slot keeps the whole table in
/// a few cache lines.
type Table = [u16; SLOTS];

/// The open-addressing table of [`NAMES`], built at compile time (no lazy initialisation to
/// check on every lookup).
static TABLE: Table = {
    assert!(NAMES.len() < u16::MAX as usize);
    let mut t: Table = [0; SLOTS];
    let mut j = 0;
    while j < NAMES.len() {
        let mut i = slot(NAMES[j].name.as_bytes());
        while t[i] != 0 {
            i = (i + 1) & (SLOTS - 1);
        }
        t[i] = j as u16 + 1;
        j += 1;
    }
    t
};

/// `a == b` for short names, inline (a `memcmp` call costs more than the comparison, and a
/// byte loop showed at ~7% of a two-step URL): whole words, the last one overlapping the one
/// before it instead of a byte loop for the tail.
#[inline]
fn same(a: &[u8], b: &[u8]) -> bool {
    let n = a.len();
    if n != b.len() {
        return false;
    }
    let w8 = |s: &[u8], at: usize| u64::from_le_bytes(s[at..at + 8].try_into().expect("8 bytes"));
    let w4 = |s: &[u8], at: usize| u32::from_le_bytes(s[at..at + 4].try_into().expect("4 bytes"));
    match n {
        0..=3 => a == b,
        4..=7 => w4(a, 0) == w4(b, 0) && w4(a, n - 4) == w4(b, n - 4),
        _ => {
            let mut at = 0;
            while at + 8 < n {
                if w8(a, at) != w8(b, at) {
                    return false;
                }
                at += 8;
            }
            w8(a, n - 8) == w8(b, n - 8)
        }
    }
}

/// The row of a transformation name (either builder's), or `None` for a name to pass through
/// verbatim.
#[inline]
pub fn lookup(name: &str) -> Option<&'static Name> {
    let mut i = slot(name.as_bytes());
    loop {
        match TABLE[i] {
            0 => return None,
            n => {
                let row = &NAMES[usize::from(n - 1)];
                if same(row.name.as_bytes(), name.as_bytes()) {
                    return Some(row);
                }
                i = (i + 1) & (SLOTS - 1);
            }
        }
    }
}

/// The URL key the original SDK's builder uses for a name, or `None` to pass it through verbatim.
#[inline]
pub fn url_key(name: &str) -> Option<&'static str> {
    match lookup(name) {
        Some(row) if row.builders == Both => Some(row.key),
        _ => None,
    }
}

/// How a URL key given directly as a name (`"e-grayscale": true`) is emitted: as the names that
/// map to it are.
#[cold]
pub fn kind_of_key(key: &str) -> Kind {
    NAMES
        .iter()
        .find(|row| row.key == key)
        .map_or(Kind::Value, |row| row.kind)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Official names the original SDK's builder must leave unmapped (see the module docs).
    const PINNED_VERBATIM: &[&str] = &[
        "xCenter",
        "yCenter",
        "aiRemoveBackground",
        "aiRemoveBackgroundExternal",
        "aiDropShadow",
    ];

    #[test]
    fn same_is_equality_at_every_length_and_position() {
        for n in 0..40usize {
            let a: Vec<u8> = (0..n).map(|i| b'a' + (i % 26) as u8).collect();
            assert!(same(&a, &a.clone()));
            for at in 0..n {
                let mut b = a.clone();
                b[at] ^= 0x20;
                assert!(!same(&a, &b), "length {n}, byte {at}");
            }
            let mut longer = a.clone();
            longer.push(b'z');
            assert!(!same(&a, &longer) && !same(&longer, &a));
        }
    }

    #[test]
    fn seed_names() {
        assert_eq!(url_key("height"), Some("h"));
        assert_eq!(url_key("border"), Some("b"));
        assert_eq!(url_key("overlay_image"), Some("oi"));
        assert_eq!(url_key("overlay_alpha"), Some("oa"));
        assert_eq!(url_key("overlay_text_transparency"), Some("oa"));
        assert_eq!(url_key("effect_gray"), Some("e-grayscale"));
        assert_eq!(url_key("effect_shadow"), Some("e-shadow"));
        assert_eq!(url_key("raw"), Some("raw"));
    }

    #[test]
    fn aliases_both_spellings() {
        for (a, b, key) in [
            ("aspectRatio", "aspect_ratio", "ar"),
            ("fontSize", "font_size", "fs"),
            ("effectUSM", "effect_usm", "e-usm"),
            ("overlayImageDPR", "overlay_image_dpr", "oidpr"),
            ("contrastStretch", "contrast_stretch", "e-contrast"),
            ("aiUpscale", "ai_upscale", "e-upscale"),
            ("streamingResolutions", "streaming_resolutions", "sr"),
            ("overlayImageXc", "overlay_image_xc", "oixc"),
        ] {
            assert_eq!(url_key(a), Some(key), "{a}");
            assert_eq!(url_key(b), Some(key), "{b}");
        }
        assert_eq!(url_key("grayscale"), Some("e-grayscale"));
        assert_eq!(url_key("rotate"), Some("rt"));
        assert_eq!(url_key("color"), Some("co"));
        assert_eq!(url_key("x_center"), Some("xc"));
        assert_eq!(url_key("ai_remove_background"), Some("e-bgremove"));
    }

    #[test]
    fn unknown_and_pinned_names_pass_through() {
        for name in ["bg", "rndm_trnsf", "", "Height", "height ", "l-text", "e-sharpen"] {
            assert_eq!(url_key(name), None, "{name:?}");
        }
        for name in PINNED_VERBATIM {
            assert_eq!(url_key(name), None, "{name}");
            assert_eq!(lookup(name).map(|r| r.builders), Some(Modern), "{name}");
        }
    }

    #[test]
    fn probes_are_short() {
        let mut worst = 0;
        for (j, row) in NAMES.iter().enumerate() {
            let start = slot(row.name.as_bytes());
            let at = (0..SLOTS)
                .find(|d| usize::from(TABLE[(start + d) % SLOTS]) == j + 1)
                .unwrap();
            worst = worst.max(at);
        }
        assert!(worst <= 3, "longest probe {worst}");
    }

    /// The effect kind belongs to the URL key: every name of a key has the same one, and only
    /// `e-` keys are effects.
    #[test]
    fn kind_follows_the_key() {
        for row in NAMES {
            assert_eq!(kind_of_key(row.key), row.kind, "{}", row.name);
            assert!(row.kind == Kind::Value || row.key.starts_with("e-"), "{}", row.name);
            if let Some(f) = row.field {
                assert_eq!(f.ty == Type::Bool, row.kind == Kind::Flag, "{}", row.name);
            }
        }
        assert_eq!(kind_of_key("e-grayscale"), Kind::Flag);
        assert_eq!(kind_of_key("e-sharpen"), Kind::FlagOrValue);
        assert_eq!(kind_of_key("rndm"), Kind::Value);
    }

    /// Today's names: camelCase, one per Go field, and only the pinned ones modern-only.
    #[test]
    fn todays_names() {
        let today: Vec<_> = NAMES.iter().filter(|r| r.field.is_some()).collect();
        assert_eq!(today.len(), 65);
        assert!(
            NAMES[..today.len()].iter().all(|r| r.field.is_some()),
            "today's names come first"
        );
        let mut fields = std::collections::HashSet::new();
        for r in &today {
            assert!(!r.name.contains('_'), "{}", r.name);
            assert!(fields.insert(r.field.unwrap().go), "{}", r.name);
        }
        let modern: Vec<_> = NAMES.iter().filter(|r| r.builders == Modern).map(|r| r.name).collect();
        assert_eq!(modern, PINNED_VERBATIM);
    }

    /// The Go binding's `Transformation` struct is the table's today's rows: the same fields, types,
    /// JSON names and order (the struct could be generated from them).
    #[test]
    fn go_transformation_struct_matches_the_table() {
        let go = include_str!("../../../../bindings/go/build_url.go");
        let body = go
            .split("type Transformation struct {")
            .nth(1)
            .and_then(|s| s.split("\n}").next())
            .unwrap();
        let fields: Vec<(String, Type, String)> = body
            .lines()
            .filter_map(|line| {
                let mut words = line.split_whitespace();
                let (go, ty, tag) = (words.next()?, words.next()?, words.next()?);
                let json = tag.strip_prefix("`json:\"")?.split([',', '"']).next()?;
                let ty = match ty {
                    "any" => Type::Any,
                    "string" => Type::Text,
                    "*bool" => Type::Switch,
                    "bool" => Type::Bool,
                    "[]string" => Type::List,
                    _ => return None, // the overlay and the extra parameters are not names
                };
                Some((go.to_string(), ty, json.to_string()))
            })
            .collect();
        let today: Vec<(String, Type, String)> = NAMES
            .iter()
            .filter_map(|r| r.field.map(|f| (f.go.to_string(), f.ty, r.name.to_string())))
            .collect();
        assert_eq!(fields, today);
    }

    #[test]
    fn no_duplicate_names() {
        let mut seen = std::collections::HashSet::new();
        for row in NAMES {
            assert!(seen.insert(row.name), "duplicate name {}", row.name);
        }
    }
}
