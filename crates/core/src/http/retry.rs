//! The retry policy's pure parts: which answers are retried, how long to wait, and the
//! `Retry-After` family of headers (including HTTP dates).
//!
//! The contract is the one ImageKit's official (Stainless-generated) SDKs implement:
//! - retried: connection errors, timeouts, 408, 409, 429 and every 5xx;
//! - `x-should-retry: true|false` from the server overrides that choice;
//! - the wait is `retry-after-ms`, else `Retry-After` (seconds or an HTTP date), used only when
//!   `0 < d <= 60 s`; else (absent, unparseable or outside that window), on 429,
//!   `X-RateLimit-Reset` (milliseconds, same window); else
//!   `min(initial * 2^n, max) * (1 - 0.25 * random)` with `n` = retries already made.

use imagekit_ops::Retry;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// A server-provided delay is honoured only inside `(0, MAX_SERVER_DELAY]`.
pub const MAX_SERVER_DELAY: Duration = Duration::from_secs(60);

/// The retry decision for an HTTP answer, before the attempt budget is considered.
///
/// `should_retry_header` is the raw `x-should-retry` value, if any; it wins over the status.
pub fn status_is_retryable(status: u16, should_retry_header: Option<&str>) -> bool {
    match should_retry_header.map(|v| v.trim().to_ascii_lowercase()) {
        Some(v) if v == "true" => return true,
        Some(v) if v == "false" => return false,
        _ => {}
    }
    matches!(status, 408 | 409 | 429) || status >= 500
}

/// What the retry loop does after one failed attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Verdict {
    /// Send it again (budget and a replayable body permitting).
    pub retry: bool,
    /// The server may have applied this attempt.
    pub maybe_applied: bool,
    /// The policy of the SDKs would retry, the class forbids it (worth a log record).
    pub held_back: bool,
}

/// The verdict on a non-2xx answer for an operation of class `class`.
///
/// An answer of 429, or any answer with `x-should-retry: true`, says the server did not act; a
/// 5xx without that header may follow an action (the server may fail after the change was
/// made); other answers (4xx) are the server refusing. Only a `Safe` or `ResolveIfGone` request
/// is repeated after a 5xx, 408 or 409.
pub fn answer_verdict(class: Retry, status: u16, should_retry_header: Option<&str>) -> Verdict {
    let header = should_retry_header.map(|v| v.trim().to_ascii_lowercase());
    let server_says = match header.as_deref() {
        Some("true") => Some(true),
        Some("false") => Some(false),
        _ => None,
    };
    let sdk_retry = status_is_retryable(status, should_retry_header);
    let maybe_applied = status >= 500 && server_says != Some(true);
    let retry = match class {
        Retry::Safe | Retry::ResolveIfGone => sdk_retry,
        Retry::OutcomeUnknown => server_says.unwrap_or(status == 429),
    };
    Verdict {
        retry,
        maybe_applied,
        held_back: sdk_retry && !retry,
    }
}

/// The verdict on a transport failure (`retryable` per the SDKs' policy; `sent`: the whole
/// request had gone out). A failure before the request was complete proves the server did not
/// act (a framed request cut short is never processed); one after it does not.
pub fn failure_verdict(class: Retry, retryable: bool, sent: bool) -> Verdict {
    let retry = match class {
        Retry::Safe | Retry::ResolveIfGone => retryable,
        Retry::OutcomeUnknown => retryable && !sent,
    };
    Verdict {
        retry,
        maybe_applied: sent,
        held_back: retryable && !retry,
    }
}

/// Parses a non-negative-or-negative decimal number of seconds or milliseconds as f64,
/// rejecting NaN and infinities.
fn parse_number(text: &str) -> Option<f64> {
    let v: f64 = text.trim().parse().ok()?;
    v.is_finite().then_some(v)
}

/// The delay a server asked for, in seconds (may be negative or zero: the caller applies
/// the window). `retry-after-ms` first, then `Retry-After` as seconds, then as an HTTP date
/// relative to `now`. An unparseable `retry-after-ms` falls through to `Retry-After`.
pub fn parse_retry_after(retry_after_ms: Option<&str>, retry_after: Option<&str>, now: SystemTime) -> Option<f64> {
    if let Some(ms) = retry_after_ms.and_then(parse_number) {
        return Some(ms / 1000.0);
    }
    let text = retry_after?;
    if let Some(secs) = parse_number(text) {
        return Some(secs);
    }
    let at = parse_http_date(text)?;
    let now_secs = now.duration_since(UNIX_EPOCH).map(|d| d.as_secs_f64()).unwrap_or(0.0);
    Some(at as f64 - now_secs)
}

/// Applies the acceptance window to a delay in seconds.
pub fn accept_server_delay(secs: f64) -> Option<Duration> {
    if secs > 0.0 && secs <= MAX_SERVER_DELAY.as_secs_f64() {
        Some(Duration::from_secs_f64(secs))
    } else {
        None
    }
}

/// The delay chosen from response headers, or `None` to use the backoff.
///
/// `rate_limit_reset` is `X-RateLimit-Reset` (milliseconds) and is consulted only for 429.
pub fn server_delay(
    status: u16,
    retry_after_ms: Option<&str>,
    retry_after: Option<&str>,
    rate_limit_reset: Option<&str>,
    now: SystemTime,
) -> Option<Duration> {
    // As the official SDKs do, a parseable `retry-after-ms` decides alone (an out-of-window
    // value is not replaced by `Retry-After`).
    if let Some(d) = parse_retry_after(retry_after_ms, retry_after, now).and_then(accept_server_delay) {
        return Some(d);
    }
    if status == 429 {
        if let Some(ms) = rate_limit_reset.and_then(parse_number) {
            return accept_server_delay(ms / 1000.0);
        }
    }
    None
}

/// Exponential backoff with jitter: `min(initial * 2^n, max) * (1 - 0.25 * random)`.
///
/// `retries_taken` is how many retries were already made (0 before the first retry);
/// `random` is in `[0, 1)`. Never overflows, whatever `retries_taken`.
pub fn backoff(retries_taken: u32, initial: Duration, max: Duration, random: f64) -> Duration {
    let factor = 2u32.saturating_pow(retries_taken.min(31));
    let base = initial.saturating_mul(factor).min(max);
    let jitter = 1.0 - 0.25 * random.clamp(0.0, 1.0);
    base.mul_f64(jitter)
}

/// A random number in `[0, 1)`, good enough for jitter (no crypto needed, no dependency).
pub fn jitter_random() -> f64 {
    use std::collections::hash_map::RandomState;
    use std::hash::{BuildHasher, Hasher};
    let mut h = RandomState::new().build_hasher();
    h.write_u128(
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0),
    );
    (h.finish() >> 11) as f64 / (1u64 << 53) as f64
}

// ---------------------------------------------------------------------------------------------
// HTTP dates (RFC 9110 §5.6.7): IMF-fixdate, plus the obsolete RFC 850 and asctime forms.

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

fn month_index(name: &str) -> Option<u32> {
    let lower = name.to_ascii_lowercase();
    MONTHS.iter().position(|m| *m == lower).map(|i| i as u32 + 1)
}

fn parse_hms(text: &str) -> Option<(u32, u32, u32)> {
    let mut it = text.split(':');
    let h: u32 = it.next()?.parse().ok()?;
    let m: u32 = it.next()?.parse().ok()?;
    let s: u32 = it.next()?.parse().ok()?;
    if it.next().is_some() || h > 23 || m > 59 || s > 60 {
        return None;
    }
    Some((h, m, s))
}

/// Days since 1970-01-01 for a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let m = m as i64;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn to_unix(year: i64, month: u32, day: u32, (h, m, s): (u32, u32, u32)) -> Option<i64> {
    if !(1..=31).contains(&day) {
        return None;
    }
    Some(days_from_civil(year, month, day) * 86_400 + h as i64 * 3600 + m as i64 * 60 + s as i64)
}

/// Parses an HTTP date into Unix seconds. Accepts `Sun, 06 Nov 1994 08:49:37 GMT`,
/// `Sunday, 06-Nov-94 08:49:37 GMT` and `Sun Nov  6 08:49:37 1994`.
pub fn parse_http_date(text: &str) -> Option<i64> {
    let text = text.trim();
    let words: Vec<&str> = text.split_whitespace().collect();
    match words.as_slice() {
        // IMF-fixdate: "Sun," "06" "Nov" "1994" "08:49:37" "GMT"
        [wd, day, mon, year, time, zone] if wd.ends_with(',') && zone.eq_ignore_ascii_case("GMT") => {
            let year: i64 = year.parse().ok()?;
            to_unix(year, month_index(mon)?, day.parse().ok()?, parse_hms(time)?)
        }
        // RFC 850: "Sunday," "06-Nov-94" "08:49:37" "GMT"
        [wd, date, time, zone] if wd.ends_with(',') && zone.eq_ignore_ascii_case("GMT") => {
            let mut parts = date.split('-');
            let day: u32 = parts.next()?.parse().ok()?;
            let mon = month_index(parts.next()?)?;
            let yy: i64 = parts.next()?.parse().ok()?;
            // Two-digit years: RFC 9110 says interpret >50 years ahead as the past century.
            let year = if yy < 100 {
                if yy < 70 {
                    2000 + yy
                } else {
                    1900 + yy
                }
            } else {
                yy
            };
            to_unix(year, mon, day, parse_hms(time)?)
        }
        // asctime: "Sun" "Nov" "6" "08:49:37" "1994"
        [_wd, mon, day, time, year] => {
            let year: i64 = year.parse().ok()?;
            to_unix(year, month_index(mon)?, day.parse().ok()?, parse_hms(time)?)
        }
        _ => None,
    }
}

/// Formats Unix seconds as an IMF-fixdate (used by tests and by the mock servers in them).
pub fn format_http_date(unix: i64) -> String {
    let days = unix.div_euclid(86_400);
    let secs = unix.rem_euclid(86_400);
    // civil_from_days
    let z = days + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + if m <= 2 { 1 } else { 0 };
    let weekday = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"][days.rem_euclid(7) as usize];
    let month = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ][(m - 1) as usize];
    format!(
        "{weekday}, {d:02} {month} {y} {:02}:{:02}:{:02} GMT",
        secs / 3600,
        (secs / 60) % 60,
        secs % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: i64 = 1_700_000_000;

    fn now() -> SystemTime {
        UNIX_EPOCH + Duration::from_secs(NOW as u64)
    }

    fn ms(d: Option<Duration>) -> Option<u128> {
        d.map(|d| d.as_millis())
    }

    #[test]
    fn http_dates_all_three_forms() {
        assert_eq!(parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT"), Some(784_111_777));
        assert_eq!(parse_http_date("Sunday, 06-Nov-94 08:49:37 GMT"), Some(784_111_777));
        assert_eq!(parse_http_date("Sun Nov  6 08:49:37 1994"), Some(784_111_777));
        assert_eq!(parse_http_date("Thu, 01 Jan 1970 00:00:00 GMT"), Some(0));
        assert_eq!(parse_http_date("Tue, 29 Feb 2000 12:00:00 GMT"), Some(951_825_600));
        for bad in [
            "",
            "uhoh",
            "Sun, 06 Nov 1994 08:49:37 PST",
            "Sun, 06 Foo 1994 08:49:37 GMT",
            "Sun, 06 Nov 1994 25:00:00 GMT",
            "Sun, 32 Nov 1994 08:49:37 GMT",
        ] {
            assert_eq!(parse_http_date(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn http_date_format_round_trips() {
        for t in [0i64, 784_111_777, 951_825_600, NOW, NOW + 61, 4_102_444_800] {
            assert_eq!(
                parse_http_date(&format_http_date(t)),
                Some(t),
                "{}",
                format_http_date(t)
            );
        }
        assert_eq!(format_http_date(784_111_777), "Sun, 06 Nov 1994 08:49:37 GMT");
    }

    /// The official SDKs' table: what each `Retry-After` value yields (None = backoff).
    #[test]
    fn retry_after_table() {
        let date = |offset: i64| format_http_date(NOW + offset);
        let cases: Vec<(String, Option<u128>)> = vec![
            ("20".into(), Some(20_000)),
            ("0".into(), None),
            ("-10".into(), None),
            ("60".into(), Some(60_000)),
            ("61".into(), None),
            ("0.5".into(), Some(500)),
            ("1e1".into(), Some(10_000)),
            (date(20), Some(20_000)),
            (date(0), None),
            (date(-10), None),
            (date(60), Some(60_000)),
            (date(61), None),
            ("Fri, 29 Sep 2023 16:26:57 GMT".into(), None), // long past
            ("".into(), None),
            ("uhoh".into(), None),
            ("NaN".into(), None),
            ("inf".into(), None),
            ("-1100".into(), None),
        ];
        for (value, want) in cases {
            let got = server_delay(503, None, Some(&value), None, now());
            assert_eq!(ms(got), want, "Retry-After: {value:?}");
        }
    }

    #[test]
    fn retry_after_ms_wins_and_falls_through_when_garbage() {
        assert_eq!(ms(server_delay(503, Some("1500"), Some("30"), None, now())), Some(1500));
        assert_eq!(ms(server_delay(503, Some("2.5"), None, None, now())), Some(2)); // 2.5 ms
        assert_eq!(ms(server_delay(503, Some("junk"), Some("3"), None, now())), Some(3000));
        // a present, parseable but out-of-window value means backoff, not the next header
        assert_eq!(server_delay(503, Some("0"), Some("3"), None, now()), None);
        assert_eq!(server_delay(503, Some("61000"), None, None, now()), None);
        assert_eq!(ms(server_delay(503, Some("60000"), None, None, now())), Some(60_000));
    }

    #[test]
    fn rate_limit_reset_only_for_429_and_only_without_retry_after() {
        assert_eq!(ms(server_delay(429, None, None, Some("1200"), now())), Some(1200));
        assert_eq!(server_delay(503, None, None, Some("1200"), now()), None);
        assert_eq!(ms(server_delay(429, None, Some("2"), Some("1200"), now())), Some(2000));
        assert_eq!(server_delay(429, None, None, Some("0"), now()), None);
        // a Retry-After that is not usable falls through to X-RateLimit-Reset on 429
        assert_eq!(ms(server_delay(429, None, Some("0"), Some("1200"), now())), Some(1200));
        assert_eq!(
            ms(server_delay(429, None, Some("120"), Some("1200"), now())),
            Some(1200)
        );
        assert_eq!(ms(server_delay(429, Some("0"), None, Some("1200"), now())), Some(1200));
        assert_eq!(server_delay(429, None, None, Some("900000"), now()), None);
        assert_eq!(server_delay(429, None, None, Some("soon"), now()), None);
    }

    #[test]
    fn retryable_statuses_and_override() {
        for s in [408, 409, 429, 500, 502, 503, 504, 599] {
            assert!(status_is_retryable(s, None), "{s}");
        }
        for s in [400, 401, 403, 404, 405, 410, 413, 422, 423, 301] {
            assert!(!status_is_retryable(s, None), "{s}");
        }
        assert!(status_is_retryable(400, Some("true")));
        assert!(status_is_retryable(404, Some(" TRUE ")));
        assert!(!status_is_retryable(503, Some("false")));
        assert!(!status_is_retryable(429, Some("False")));
        assert!(status_is_retryable(503, Some("maybe")));
        assert!(!status_is_retryable(400, Some("")));
    }

    #[test]
    fn verdicts_by_class() {
        use Retry::*;
        let v = |class, status, h| {
            let v = answer_verdict(class, status, h);
            (v.retry, v.maybe_applied)
        };
        for class in [Safe, ResolveIfGone] {
            assert_eq!(v(class, 503, None), (true, true));
            assert_eq!(v(class, 409, None), (true, false));
            assert_eq!(v(class, 404, None), (false, false));
        }
        assert_eq!(v(OutcomeUnknown, 503, None), (false, true));
        assert_eq!(v(OutcomeUnknown, 500, Some("true")), (true, false));
        assert_eq!(v(OutcomeUnknown, 429, None), (true, false));
        assert_eq!(v(OutcomeUnknown, 429, Some("false")), (false, false));
        assert_eq!(v(OutcomeUnknown, 409, None), (false, false));
        assert_eq!(v(OutcomeUnknown, 408, None), (false, false));
        assert!(answer_verdict(OutcomeUnknown, 503, None).held_back);
        assert!(!answer_verdict(OutcomeUnknown, 400, None).held_back);

        let f = |class, retryable, sent| {
            let v = failure_verdict(class, retryable, sent);
            (v.retry, v.maybe_applied)
        };
        assert_eq!(f(OutcomeUnknown, true, false), (true, false));
        assert_eq!(f(OutcomeUnknown, true, true), (false, true));
        assert_eq!(f(OutcomeUnknown, false, false), (false, false));
        assert_eq!(f(Safe, true, true), (true, true));
        assert_eq!(f(ResolveIfGone, true, true), (true, true));
        assert_eq!(f(Safe, false, false), (false, false));
    }

    #[test]
    fn backoff_doubles_caps_and_jitters_within_a_quarter() {
        let i = Duration::from_millis(500);
        let m = Duration::from_secs(8);
        let exact: Vec<u128> = (0..7).map(|n| backoff(n, i, m, 0.0).as_millis()).collect();
        assert_eq!(exact, vec![500, 1000, 2000, 4000, 8000, 8000, 8000]);
        for n in [0u32, 1, 2, 3, 10, 31, 32, 1000, u32::MAX] {
            let top = backoff(n, i, m, 0.0);
            for r in [0.0, 0.1, 0.5, 0.999_999] {
                let d = backoff(n, i, m, r);
                assert!(d <= top && d >= top.mul_f64(0.75), "n={n} r={r} d={d:?}");
            }
            assert!(top <= m);
        }
        // huge initial delays saturate instead of overflowing
        assert_eq!(backoff(40, Duration::MAX, m, 0.0), m);
    }

    #[test]
    fn jitter_random_is_in_range() {
        for _ in 0..1000 {
            let r = jitter_random();
            assert!((0.0..1.0).contains(&r));
        }
    }
}
