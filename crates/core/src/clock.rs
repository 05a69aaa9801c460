//! The one wall clock of the crate: URL expiry, upload auth, the upload-v2 JWT and upload timing
//! all read it, so they agree on every instant, 1970 and before included.

use std::time::{SystemTime, UNIX_EPOCH};

/// Whole Unix seconds now, truncated toward zero as Python's `int(time.time())` is (negative
/// before 1970).
pub fn unix_now() -> i64 {
    seconds_since_epoch(SystemTime::now())
}

fn seconds_since_epoch(t: SystemTime) -> i64 {
    match t.duration_since(UNIX_EPOCH) {
        Ok(d) => d.as_secs() as i64,
        Err(e) => -(e.duration().as_secs() as i64),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn truncates_toward_zero_on_both_sides_of_1970() {
        let at = |s: f64| {
            let d = Duration::from_secs_f64(s.abs());
            seconds_since_epoch(if s < 0.0 { UNIX_EPOCH - d } else { UNIX_EPOCH + d })
        };
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
    }
}
