//! Transformation names → URL keys (Decision 2).
//!
//! * The seed table: imagekitio 3.x's names, including every legacy `overlay_*` name, plus 4.x's
//!   `effect_shadow` / `effect_gradient` (`url-generation.md` §6, "py 3.2.0" and "py 4.2.0").
//! * Every other official name, old and new, in snake_case and camelCase: Node 6 / Go 1
//!   (`aspectRatio`, `effectUSM`, `overlayImageX`, `rotate`, …) and the current SDKs
//!   (`xCenter`/`x_center`, `grayscale`, `fontSize`/`font_size`, `aiUpscale`, …).
//! * Anything else passes through verbatim (the caller handles that).
//!
//! Exception, pinned by the official vectors (`tests/data/url_official.json`, cases 091–096,
//! 100–102, 136, 137): the seed builder leaves `xCenter`, `yCenter`, `aiRemoveBackground`,
//! `aiRemoveBackgroundExternal` and `aiDropShadow` unmapped (`xCenter-30`), and Decision 1 makes
//! those vectors the definition of `ik_url`. Their snake_case spellings are mapped.

/// The seed README's table (imagekitio 3.2.0 + 4.2.0's two additions).
const SEED: &[(&str, &str)] = &[
    ("height", "h"),
    ("width", "w"),
    ("aspect_ratio", "ar"),
    ("quality", "q"),
    ("crop", "c"),
    ("crop_mode", "cm"),
    ("x", "x"),
    ("y", "y"),
    ("focus", "fo"),
    ("format", "f"),
    ("radius", "r"),
    ("background", "bg"),
    ("border", "b"),
    ("rotation", "rt"),
    ("blur", "bl"),
    ("named", "n"),
    ("overlay_x", "ox"),
    ("overlay_y", "oy"),
    ("overlay_focus", "ofo"),
    ("overlay_height", "oh"),
    ("overlay_width", "ow"),
    ("overlay_image", "oi"),
    ("overlay_image_trim", "oit"),
    ("overlay_image_aspect_ratio", "oiar"),
    ("overlay_image_background", "oibg"),
    ("overlay_image_border", "oib"),
    ("overlay_image_dpr", "oidpr"),
    ("overlay_image_quality", "oiq"),
    ("overlay_image_cropping", "oic"),
    ("overlay_image_focus", "oifo"),
    ("overlay_text", "ot"),
    ("overlay_text_font_size", "ots"),
    ("overlay_text_font_family", "otf"),
    ("overlay_text_color", "otc"),
    ("overlay_text_transparency", "oa"),
    ("overlay_alpha", "oa"),
    ("overlay_text_typography", "ott"),
    ("overlay_background", "obg"),
    ("overlay_text_encoded", "ote"),
    ("overlay_text_width", "otw"),
    ("overlay_text_background", "otbg"),
    ("overlay_text_padding", "otp"),
    ("overlay_text_inner_alignment", "otia"),
    ("overlay_radius", "or"),
    ("progressive", "pr"),
    ("lossless", "lo"),
    ("trim", "t"),
    ("metadata", "md"),
    ("color_profile", "cp"),
    ("default_image", "di"),
    ("dpr", "dpr"),
    ("effect_sharpen", "e-sharpen"),
    ("effect_usm", "e-usm"),
    ("effect_contrast", "e-contrast"),
    ("effect_gray", "e-grayscale"),
    ("effect_shadow", "e-shadow"),
    ("effect_gradient", "e-gradient"),
    ("original", "orig"),
    ("raw", "raw"),
];

/// Older and newer official names (and the other case of each), as aliases.
const ALIASES: &[(&str, &str)] = &[
    // camelCase of the seed names (Node 6, Go 1).
    ("aspectRatio", "ar"),
    ("cropMode", "cm"),
    ("colorProfile", "cp"),
    ("defaultImage", "di"),
    ("effectSharpen", "e-sharpen"),
    ("effectUSM", "e-usm"),
    ("effectUsm", "e-usm"),
    ("effectContrast", "e-contrast"),
    ("effectGray", "e-grayscale"),
    ("effectShadow", "e-shadow"),
    ("effectGradient", "e-gradient"),
    ("rotate", "rt"),
    ("overlayX", "ox"),
    ("overlayY", "oy"),
    ("overlayFocus", "ofo"),
    ("overlayHeight", "oh"),
    ("overlayWidth", "ow"),
    ("overlayImage", "oi"),
    ("overlayImageTrim", "oit"),
    ("overlayImageAspectRatio", "oiar"),
    ("overlayImageBackground", "oibg"),
    ("overlayImageBorder", "oib"),
    ("overlayImageDPR", "oidpr"),
    ("overlayImageDpr", "oidpr"),
    ("overlayImageQuality", "oiq"),
    ("overlayImageCropping", "oic"),
    ("overlayImageFocus", "oifo"),
    ("overlayImageX", "oix"),
    ("overlay_image_x", "oix"),
    ("overlayImageY", "oiy"),
    ("overlay_image_y", "oiy"),
    ("overlayImageXc", "oixc"),
    ("overlay_image_xc", "oixc"),
    ("overlayImageYc", "oiyc"),
    ("overlay_image_yc", "oiyc"),
    ("overlayText", "ot"),
    ("overlayTextFontSize", "ots"),
    ("overlayTextFontFamily", "otf"),
    ("overlayTextColor", "otc"),
    ("overlayTextTransparency", "oa"),
    ("overlayAlpha", "oa"),
    ("overlayTextTypography", "ott"),
    ("overlayBackground", "obg"),
    ("overlayTextEncoded", "ote"),
    ("overlayTextWidth", "otw"),
    ("overlayTextBackground", "otbg"),
    ("overlayTextPadding", "otp"),
    ("overlayTextInnerAlignment", "otia"),
    ("overlayRadius", "or"),
    ("xc", "xc"),
    ("yc", "yc"),
    // The current SDKs (JS 5, Node 7, Python 5, Go 2), both spellings.
    ("x_center", "xc"),
    ("y_center", "yc"),
    ("video_codec", "vc"),
    ("videoCodec", "vc"),
    ("audio_codec", "ac"),
    ("audioCodec", "ac"),
    ("flip", "fl"),
    ("start_offset", "so"),
    ("startOffset", "so"),
    ("end_offset", "eo"),
    ("endOffset", "eo"),
    ("duration", "du"),
    ("streaming_resolutions", "sr"),
    ("streamingResolutions", "sr"),
    ("grayscale", "e-grayscale"),
    ("ai_upscale", "e-upscale"),
    ("aiUpscale", "e-upscale"),
    ("ai_retouch", "e-retouch"),
    ("aiRetouch", "e-retouch"),
    ("ai_variation", "e-genvar"),
    ("aiVariation", "e-genvar"),
    ("ai_drop_shadow", "e-dropshadow"),
    ("ai_change_background", "e-changebg"),
    ("aiChangeBackground", "e-changebg"),
    ("ai_remove_background", "e-bgremove"),
    ("ai_remove_background_external", "e-removedotbg"),
    ("ai_edit", "e-edit"),
    ("aiEdit", "e-edit"),
    ("contrast_stretch", "e-contrast"),
    ("contrastStretch", "e-contrast"),
    ("shadow", "e-shadow"),
    ("sharpen", "e-sharpen"),
    ("unsharp_mask", "e-usm"),
    ("unsharpMask", "e-usm"),
    ("gradient", "e-gradient"),
    ("color_replace", "cr"),
    ("colorReplace", "cr"),
    ("colorize", "e-colorize"),
    ("distort", "e-distort"),
    ("opacity", "o"),
    ("zoom", "z"),
    ("page", "pg"),
    ("font_size", "fs"),
    ("fontSize", "fs"),
    ("font_family", "ff"),
    ("fontFamily", "ff"),
    ("font_color", "co"),
    ("fontColor", "co"),
    ("color", "co"),
    ("inner_alignment", "ia"),
    ("innerAlignment", "ia"),
    ("padding", "pa"),
    ("alpha", "al"),
    ("typography", "tg"),
    ("line_height", "lh"),
    ("lineHeight", "lh"),
    ("font_outline", "fol"),
    ("fontOutline", "fol"),
    ("font_shadow", "fsh"),
    ("fontShadow", "fsh"),
    ("density", "dn"),
    ("layer_mode", "lm"),
    ("layerMode", "lm"),
];

/// Official names the seed builder must leave unmapped because the official vectors say so
/// (see the module docs). They are deliberately absent from [`ALIASES`].
#[cfg(test)]
pub const PINNED_VERBATIM: &[&str] = &[
    "xCenter",
    "yCenter",
    "aiRemoveBackground",
    "aiRemoveBackgroundExternal",
    "aiDropShadow",
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

type Table = [Option<(&'static str, &'static str)>; SLOTS];

/// The open-addressing table of [`SEED`] and [`ALIASES`], built at compile time (no lazy
/// initialisation to check on every lookup).
static TABLE: Table = {
    let mut t: Table = [None; SLOTS];
    let mut list = 0;
    while list < 2 {
        let names = if list == 0 { SEED } else { ALIASES };
        let mut j = 0;
        while j < names.len() {
            let (k, v) = names[j];
            let mut i = slot(k.as_bytes());
            while t[i].is_some() {
                i = (i + 1) & (SLOTS - 1);
            }
            t[i] = Some((k, v));
            j += 1;
        }
        list += 1;
    }
    t
};

#[cfg(test)]
fn table() -> &'static Table {
    &TABLE
}

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

/// The URL key for a transformation name, or `None` to pass the name through verbatim.
#[inline]
pub fn url_key(name: &str) -> Option<&'static str> {
    let mut i = slot(name.as_bytes());
    loop {
        match TABLE[i] {
            None => return None,
            Some((k, v)) if same(k.as_bytes(), name.as_bytes()) => return Some(v),
            Some(_) => i = (i + 1) & (SLOTS - 1),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert_eq!(SEED.len(), 59);
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
        }
    }

    #[test]
    fn probes_are_short() {
        let t = table();
        let mut worst = 0;
        for (k, _) in SEED.iter().chain(ALIASES) {
            let start = slot(k.as_bytes());
            let at = (0..SLOTS)
                .find(|d| t[(start + d) % SLOTS].map(|(n, _)| n) == Some(*k))
                .unwrap();
            worst = worst.max(at);
        }
        assert!(worst <= 3, "longest probe {worst}");
    }

    #[test]
    fn no_duplicate_names() {
        let mut seen = std::collections::HashSet::new();
        for (k, _) in SEED.iter().chain(ALIASES) {
            assert!(seen.insert(k), "duplicate name {k}");
        }
    }
}
