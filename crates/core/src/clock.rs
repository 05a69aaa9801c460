//! The one wall clock of the crate: URL expiry, upload auth, the upload-v2 JWT, webhook
//! timestamps and upload timing all read it, so they agree on every instant, 1970 and before
//! included.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// Whole Unix seconds now, truncated toward zero as Python's `int(time.time())` is (negative
/// before 1970).
pub fn unix_now() -> i64 {
    since_epoch(SystemTime::now(), |d| u128::from(d.as_secs()))
}

/// Whole Unix milliseconds now, truncated toward zero the same way.
pub fn unix_now_ms() -> i64 {
    since_epoch(SystemTime::now(), |d| d.as_millis())
}

/// `t` in the unit `count` gives, signed, saturated to `i64`.
fn since_epoch(t: SystemTime, count: fn(Duration) -> u128) -> i64 {
    let (n, negative) = match t.duration_since(UNIX_EPOCH) {
        Ok(d) => (count(d), false),
        Err(e) => (count(e.duration()), true),
    };
    let n = i64::try_from(n).unwrap_or(i64::MAX);
    if negative {
        -n
    } else {
        n
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncates_toward_zero_on_both_sides_of_1970() {
        let instant = |s: f64| {
            let d = Duration::from_secs_f64(s.abs());
            if s < 0.0 {
                UNIX_EPOCH - d
            } else {
                UNIX_EPOCH + d
            }
        };
        let at = |s: f64| since_epoch(instant(s), |d| u128::from(d.as_secs()));
        let ms = |s: f64| since_epoch(instant(s), |d| d.as_millis());
        assert_eq!(ms(-1.5), -1500);
        assert_eq!(ms(1.0005), 1000);
        assert_eq!(at(0.0), 0);
        assert_eq!(at(1.5), 1);
        assert_eq!(at(-1.5), -1);
        assert_eq!(at(-0.5), 0);
        assert_eq!(at(-86_400.0), -86_400);
        assert_eq!(at(1_567_358_367.9), 1_567_358_367);
    }

    #[test]
    fn now_is_after_2020() {
        assert!(unix_now() > 1_577_836_800);
        assert!((unix_now_ms() / 1000 - unix_now()).abs() <= 1);
    }
}
