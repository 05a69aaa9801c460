//! Small helpers: time, random ids, base64, URL decoding, CRC-32, MIME types.

use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig};
use base64::engine::DecodePaddingMode;
use base64::Engine;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// Milliseconds since the Unix epoch.
pub(crate) fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or(Duration::ZERO)
        .as_millis() as i64
}

/// Days since 1970-01-01 to a civil (year, month, day). Howard Hinnant's algorithm.
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// A civil date to days since 1970-01-01.
fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let m = m as i64;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// `2019-08-24T06:14:41.313Z`.
pub(crate) fn iso8601(ms: i64) -> String {
    let secs = ms.div_euclid(1000);
    let millis = ms.rem_euclid(1000);
    let (y, mo, d) = civil_from_days(secs.div_euclid(86_400));
    let sod = secs.rem_euclid(86_400);
    format!(
        "{y:04}-{mo:02}-{d:02}T{:02}:{:02}:{:02}.{millis:03}Z",
        sod / 3600,
        (sod / 60) % 60,
        sod % 60
    )
}

/// Parses `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM[:SS[.fff]][Z|±HH:MM]` to epoch milliseconds.
pub(crate) fn parse_iso8601(s: &str) -> Option<i64> {
    let b = s.as_bytes();
    let num = |r: std::ops::Range<usize>| -> Option<i64> {
        let t = s.get(r)?;
        if t.is_empty() || !t.bytes().all(|c| c.is_ascii_digit()) {
            return None;
        }
        t.parse().ok()
    };
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let (y, mo, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    if !(1..=12).contains(&mo) || !(1..=31).contains(&d) {
        return None;
    }
    let mut ms = days_from_civil(y, mo as u32, d as u32) * 86_400_000;
    if b.len() == 10 {
        return Some(ms);
    }
    if !(b[10] == b'T' || b[10] == b' ') || b.len() < 16 || b[13] != b':' {
        return None;
    }
    let (h, mi) = (num(11..13)?, num(14..16)?);
    if h > 23 || mi > 59 {
        return None;
    }
    ms += (h * 3600 + mi * 60) * 1000;
    let mut i = 16;
    if b.get(i) == Some(&b':') {
        let sec = num(i + 1..i + 3)?;
        if sec > 60 {
            return None;
        }
        ms += sec * 1000;
        i += 3;
        if b.get(i) == Some(&b'.') {
            let start = i + 1;
            let mut end = start;
            while end < b.len() && b[end].is_ascii_digit() {
                end += 1;
            }
            if end == start {
                return None;
            }
            let frac = &s[start..end.min(start + 3)];
            let mut f: i64 = frac.parse().ok()?;
            for _ in frac.len()..3 {
                f *= 10;
            }
            ms += f;
            i = end;
        }
    }
    match &s[i..] {
        "" | "Z" | "z" => Some(ms),
        tz if (tz.starts_with('+') || tz.starts_with('-')) && tz.len() == 6 && &tz[3..4] == ":" => {
            let sign = if tz.starts_with('+') { 1 } else { -1 };
            let off = (num(i + 1..i + 3)? * 60 + num(i + 4..i + 6)?) * 60_000;
            Some(ms - sign * off)
        }
        _ => None,
    }
}

/// `n` random bytes from the operating system.
pub(crate) fn random_bytes<const N: usize>() -> [u8; N] {
    use ring::rand::SecureRandom;
    let mut b = [0u8; N];
    ring::rand::SystemRandom::new()
        .fill(&mut b)
        .expect("the OS random number generator failed");
    b
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    const H: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for &b in bytes {
        s.push(H[(b >> 4) as usize] as char);
        s.push(H[(b & 15) as usize] as char);
    }
    s
}

/// A random id shaped like ImageKit's ids (24 lowercase hex characters).
pub(crate) fn object_id() -> String {
    hex(&random_bytes::<12>())
}

/// A random UUID v4 string, used for `x-ik-requestId`.
pub(crate) fn uuid_v4() -> String {
    uuid::Uuid::new_v4().to_string()
}

/// `n` random alphanumeric characters (the unique-file-name suffix).
pub(crate) fn random_alnum(n: usize) -> String {
    const A: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    random_bytes::<32>()
        .iter()
        .take(n)
        .map(|b| A[(*b as usize) % A.len()] as char)
        .collect()
}

/// Standard base64, padded or not, trailing bits ignored (as lenient as the API).
const B64: GeneralPurpose = GeneralPurpose::new(
    &base64::alphabet::STANDARD,
    GeneralPurposeConfig::new()
        .with_decode_padding_mode(DecodePaddingMode::Indifferent)
        .with_decode_allow_trailing_bits(true),
);
/// The URL-safe alphabet, same leniency.
const B64_URL: GeneralPurpose = GeneralPurpose::new(
    &base64::alphabet::URL_SAFE,
    GeneralPurposeConfig::new()
        .with_decode_padding_mode(DecodePaddingMode::Indifferent)
        .with_decode_allow_trailing_bits(true),
);

/// Decodes standard or URL-safe base64, padded or not. `None` on any invalid character.
pub(crate) fn base64_decode(s: &str) -> Option<Vec<u8>> {
    B64.decode(s).or_else(|_| B64_URL.decode(s)).ok()
}

/// Incremental check that a stream of bytes is base64 text (line breaks allowed, `=` only at
/// the end, either alphabet), counting the decoded size. Symbols are decoded in batches with the
/// `base64` crate; nothing is kept.
#[derive(Default)]
pub(crate) struct Base64Check {
    pending: Vec<u8>,
    decoded: u64,
    padding: u32,
    invalid: bool,
}

/// Symbols decoded at a time (a multiple of 4).
const B64_BATCH: usize = 16 * 1024;

impl Base64Check {
    pub(crate) fn feed(&mut self, data: &[u8]) {
        for &c in data {
            match c {
                b'\r' | b'\n' => {}
                b'=' => self.padding += 1,
                _ if self.padding > 0 => self.invalid = true,
                b'-' => self.pending.push(b'+'),
                b'_' => self.pending.push(b'/'),
                _ => self.pending.push(c),
            }
            if self.pending.len() == B64_BATCH {
                self.decode_pending();
            }
        }
    }

    fn decode_pending(&mut self) {
        if self.invalid || self.pending.is_empty() {
            self.pending.clear();
            return;
        }
        match B64.decode(&self.pending) {
            Ok(v) => self.decoded += v.len() as u64,
            Err(_) => self.invalid = true,
        }
        self.pending.clear();
    }

    /// The decoded size, or `None` when the text was not base64.
    pub(crate) fn decoded_len(&self) -> Option<u64> {
        if self.invalid || self.padding > 2 {
            return None;
        }
        let tail = if self.pending.is_empty() {
            0
        } else {
            B64.decode(&self.pending).ok()?.len() as u64
        };
        let total = self.decoded + tail;
        (total > 0).then_some(total)
    }
}

/// Percent-decoding; `plus_as_space` for `application/x-www-form-urlencoded` query strings.
/// Invalid escapes stay as they are.
pub(crate) fn percent_decode(s: &str, plus_as_space: bool) -> String {
    let s: std::borrow::Cow<'_, str> = if plus_as_space {
        s.replace('+', " ").into()
    } else {
        s.into()
    };
    percent_encoding::percent_decode_str(&s)
        .decode_utf8_lossy()
        .into_owned()
}

/// `a=1&b=x%20y` → `[("a","1"),("b","x y")]`.
pub(crate) fn parse_query(q: &str) -> Vec<(String, String)> {
    q.split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (percent_decode(k, true), percent_decode(v, true))
        })
        .collect()
}

/// 64-bit FNV-1a, for stable fake hashes (pHash).
pub(crate) fn fnv1a64(data: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in data {
        h ^= b as u64;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// The lowercase extension of a file name (`photo.JPG` → `jpg`), or "".
pub(crate) fn extension(name: &str) -> String {
    let base = name.rsplit('/').next().unwrap_or(name);
    match base.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() => ext.to_ascii_lowercase(),
        _ => String::new(),
    }
}

/// MIME type from a file name's extension.
pub(crate) fn mime_for(name: &str) -> &'static str {
    match extension(name).as_str() {
        "jpg" | "jpeg" | "jpe" | "jfif" => "image/jpeg",
        "png" => "image/png",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "svg" => "image/svg+xml",
        "bmp" => "image/bmp",
        "tif" | "tiff" => "image/tiff",
        "ico" => "image/x-icon",
        "heic" => "image/heic",
        "heif" => "image/heif",
        "psd" => "image/vnd.adobe.photoshop",
        "mp4" | "m4v" => "video/mp4",
        "webm" => "video/webm",
        "mov" => "video/quicktime",
        "mkv" => "video/x-matroska",
        "avi" => "video/x-msvideo",
        "m3u8" => "application/vnd.apple.mpegurl",
        "mp3" => "audio/mpeg",
        "wav" => "audio/wav",
        "ogg" => "audio/ogg",
        "m4a" => "audio/mp4",
        "pdf" => "application/pdf",
        "json" => "application/json",
        "txt" => "text/plain",
        "csv" => "text/csv",
        "html" | "htm" => "text/html",
        "css" => "text/css",
        "js" | "mjs" => "application/javascript",
        "xml" => "application/xml",
        "zip" => "application/zip",
        "gz" => "application/gzip",
        "woff" => "font/woff",
        "woff2" => "font/woff2",
        "ttf" => "font/ttf",
        "otf" => "font/otf",
        _ => "application/octet-stream",
    }
}

/// Sleeps for `d`, waking early when `stop()` turns true (checked every 10 ms).
pub(crate) fn sleep_unless(d: Duration, stop: impl Fn() -> bool) {
    let end = std::time::Instant::now() + d;
    loop {
        if stop() {
            return;
        }
        let now = std::time::Instant::now();
        if now >= end {
            return;
        }
        std::thread::sleep((end - now).min(Duration::from_millis(10)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_round_trip() {
        assert_eq!(iso8601(0), "1970-01-01T00:00:00.000Z");
        assert_eq!(iso8601(1_566_628_481_313), "2019-08-24T06:34:41.313Z");
        assert_eq!(parse_iso8601("2019-08-24T06:34:41.313Z"), Some(1_566_628_481_313));
        assert_eq!(parse_iso8601("2019-08-24"), Some(1_566_604_800_000));
        assert_eq!(parse_iso8601("2019-08-24T08:34:41+02:00"), Some(1_566_628_481_000));
        assert_eq!(parse_iso8601("2019-13-24"), None);
        assert_eq!(parse_iso8601("yesterday"), None);
        for ms in [951_782_400_000i64, 4_102_444_800_123, 1_709_251_199_999] {
            assert_eq!(parse_iso8601(&iso8601(ms)), Some(ms));
        }
    }

    #[test]
    fn base64() {
        assert_eq!(
            base64_decode("cHJpdmF0ZV9rZXlfdGVzdDpkb19ub3Rfc2V0").unwrap(),
            b"private_key_test:do_not_set"
        );
        assert_eq!(base64_decode("YQ==").unwrap(), b"a");
        assert_eq!(base64_decode("YWI").unwrap(), b"ab");
        assert!(base64_decode("Y").is_none());
        assert!(base64_decode("a b").is_none());
        let mut c = Base64Check::default();
        c.feed(b"aGVsbG8g\r\nd29y");
        c.feed(b"bGQ=");
        assert_eq!(c.decoded_len(), Some(11));
        let mut c = Base64Check::default();
        c.feed(b"not base64!");
        assert_eq!(c.decoded_len(), None);
        // Across batch boundaries, with line breaks, in odd chunks.
        let data: Vec<u8> = (0..50_000u32).map(|i| (i * 7 % 256) as u8).collect();
        let text = base64::engine::general_purpose::STANDARD.encode(&data);
        let wrapped: Vec<u8> = text
            .as_bytes()
            .chunks(76)
            .flat_map(|l| l.iter().copied().chain(*b"\r\n"))
            .collect();
        let mut c = Base64Check::default();
        for chunk in wrapped.chunks(777) {
            c.feed(chunk);
        }
        assert_eq!(c.decoded_len(), Some(50_000));
        let mut c = Base64Check::default();
        c.feed(b"YQ==YQ==");
        assert_eq!(c.decoded_len(), None, "padding only at the end");
    }

    #[test]
    fn query() {
        assert_eq!(
            parse_query("a=1&b=x%20y+z&c&d=%zz&e=%4"),
            vec![
                ("a".into(), "1".into()),
                ("b".into(), "x y z".into()),
                ("c".into(), "".into()),
                ("d".into(), "%zz".into()),
                ("e".into(), "%4".into())
            ]
        );
        assert_eq!(mime_for("a/B.JPG"), "image/jpeg");
        assert_eq!(extension(".hidden"), "");
        assert_eq!(uuid_v4().len(), 36);
        assert_eq!(object_id().len(), 24);
    }
}
