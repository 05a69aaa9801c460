//! A `Read` wrapper that counts the request body's bytes as the transport pulls them and
//! reports `(sent, total)` to a callback in the libcurl manner: a `false` answer from the
//! callback aborts the transfer (the read fails with [`BodyFault::Cancelled`]).

use super::response::BodyFault;
use std::io::{self, Read};

/// The progress hook: `(sent, total) -> keep_going`. Called on the calling thread.
pub type ProgressFn<'a> = dyn FnMut(u64, u64) -> bool + 'a;

/// Counts bytes read from `inner` and reports them.
pub struct ProgressReader<'r, 'p, R: Read + ?Sized> {
    inner: &'r mut R,
    sent: u64,
    total: u64,
    progress: Option<&'r mut ProgressFn<'p>>,
    cancelled: bool,
    started: bool,
}

impl<'r, 'p, R: Read + ?Sized> ProgressReader<'r, 'p, R> {
    pub fn new(inner: &'r mut R, total: u64, progress: Option<&'r mut ProgressFn<'p>>) -> Self {
        ProgressReader {
            inner,
            sent: 0,
            total,
            progress,
            cancelled: false,
            started: false,
        }
    }

    /// True once the callback asked to stop.
    pub fn cancelled(&self) -> bool {
        self.cancelled
    }

    /// Bytes handed to the transport so far.
    pub fn sent(&self) -> u64 {
        self.sent
    }

    fn report(&mut self) -> io::Result<()> {
        if let Some(cb) = self.progress.as_mut() {
            if !cb(self.sent, self.total) {
                self.cancelled = true;
                return Err(BodyFault::Cancelled.into_io());
            }
        }
        Ok(())
    }
}

impl<R: Read + ?Sized> Read for ProgressReader<'_, '_, R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.cancelled {
            return Err(BodyFault::Cancelled.into_io());
        }
        if !self.started {
            // Like libcurl: one call before any byte moves, so a caller can cancel up front.
            self.started = true;
            self.report()?;
        }
        let n = self.inner.read(buf)?;
        if n > 0 {
            self.sent += n as u64;
            self.report()?;
        }
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports_every_chunk_and_the_total() {
        let data = vec![7u8; 10_000];
        let mut src = &data[..];
        let mut seen = Vec::new();
        let mut cb = |s: u64, t: u64| {
            seen.push((s, t));
            true
        };
        let mut r = ProgressReader::new(&mut src, 10_000, Some(&mut cb));
        let mut out = Vec::new();
        let mut buf = [0u8; 4096];
        loop {
            let n = r.read(&mut buf).unwrap();
            if n == 0 {
                break;
            }
            out.extend_from_slice(&buf[..n]);
        }
        assert_eq!(out.len(), 10_000);
        assert_eq!(seen.first(), Some(&(0, 10_000)));
        assert_eq!(seen.last(), Some(&(10_000, 10_000)));
        assert!(seen.windows(2).all(|w| w[0].0 <= w[1].0));
        assert_eq!(seen.len(), 4); // start + 3 chunks
    }

    #[test]
    fn a_false_answer_cancels_and_stays_cancelled() {
        let data = [1u8; 100];
        let mut src = &data[..];
        let mut cb = |s: u64, _t: u64| s < 50;
        let mut r = ProgressReader::new(&mut src, 100, Some(&mut cb));
        let mut buf = [0u8; 40];
        assert_eq!(r.read(&mut buf).unwrap(), 40);
        let e = r.read(&mut buf).unwrap_err(); // 80 >= 50 → cancel
        assert!(matches!(BodyFault::find(&e), Some(BodyFault::Cancelled)));
        assert!(r.cancelled());
        assert!(r.read(&mut buf).is_err());
        assert_eq!(r.sent(), 80);
    }

    #[test]
    fn cancel_before_the_first_byte() {
        let data = [1u8; 10];
        let mut src = &data[..];
        let mut cb = |_s: u64, _t: u64| false;
        let mut r = ProgressReader::new(&mut src, 10, Some(&mut cb));
        assert!(r.read(&mut [0u8; 4]).is_err());
        assert_eq!(r.sent(), 0);
    }
}
