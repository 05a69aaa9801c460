//! A streaming `multipart/form-data` parser (RFC 7578). Part bodies come out in pieces of at
//! most the buffer's size, so a 1 GiB file part never sits in memory.

use std::fmt;
use std::io::{self, Read};

const BUF: usize = 64 * 1024;
const MAX_PART_HEAD: usize = 16 * 1024;

#[derive(Debug)]
pub(crate) enum MpError {
    Io(io::Error),
    Malformed(String),
}

impl fmt::Display for MpError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MpError::Io(e) => write!(f, "{e}"),
            MpError::Malformed(m) => write!(f, "malformed multipart body: {m}"),
        }
    }
}

impl From<io::Error> for MpError {
    fn from(e: io::Error) -> Self {
        MpError::Io(e)
    }
}

/// One part's headers.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct PartHead {
    pub name: String,
    pub filename: Option<String>,
    pub content_type: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum State {
    Preamble,
    AfterDelimiter,
    Body,
    End,
}

/// Pulls parts out of a body stream.
pub(crate) struct Multipart<R: Read> {
    r: R,
    buf: Box<[u8]>,
    start: usize,
    end: usize,
    eof: bool,
    /// `\r\n--boundary`
    delim: Vec<u8>,
    state: State,
}

/// The `boundary` parameter of a `multipart/form-data` Content-Type.
pub(crate) fn boundary(content_type: &str) -> Option<String> {
    let mut it = content_type.split(';');
    if !it.next()?.trim().eq_ignore_ascii_case("multipart/form-data") {
        return None;
    }
    it.filter_map(|p| p.split_once('='))
        .find(|(k, _)| k.trim().eq_ignore_ascii_case("boundary"))
        .map(|(_, v)| v.trim().trim_matches('"').to_string())
        .filter(|b| !b.is_empty() && b.len() <= 200)
}

/// Index of the first `b` in `hay`. Eight bytes at a time (SWAR), so that 1 GiB bodies parse
/// quickly even in unoptimised test builds.
fn find_byte(hay: &[u8], b: u8) -> Option<usize> {
    const LO: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = 0x8080_8080_8080_8080;
    let pat = LO * b as u64;
    // SAFETY: every bit pattern is a valid u64; align_to only reinterprets the aligned middle.
    let (pre, words, _) = unsafe { hay.align_to::<u64>() };
    let mut i = 0;
    while i < pre.len() {
        if pre[i] == b {
            return Some(i);
        }
        i += 1;
    }
    // Skip words without the byte (the classic "has zero byte" test on word ^ pattern).
    let mut k = 0;
    while k < words.len() {
        let x = words[k] ^ pat;
        if x.wrapping_sub(LO) & !x & HI != 0 {
            break;
        }
        k += 1;
    }
    let mut j = pre.len() + k * 8;
    while j < hay.len() {
        if hay[j] == b {
            return Some(j);
        }
        j += 1;
    }
    None
}

/// Position of `needle` in `hay`: scans for the first byte, then compares.
fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    let first = needle[0];
    let mut from = 0;
    while from + needle.len() <= hay.len() {
        let i = from + find_byte(&hay[from..=hay.len() - needle.len()], first)?;
        if &hay[i..i + needle.len()] == needle {
            return Some(i);
        }
        from = i + 1;
    }
    None
}

/// Splits `a; b="x;y"; c` at semicolons outside quotes.
fn split_params(s: &str) -> Vec<String> {
    let (mut out, mut cur, mut quoted, mut escaped) = (Vec::new(), String::new(), false, false);
    for c in s.chars() {
        if escaped {
            cur.push(c);
            escaped = false;
        } else if quoted && c == '\\' {
            escaped = true;
        } else if c == '"' {
            quoted = !quoted;
            cur.push(c);
        } else if c == ';' && !quoted {
            out.push(std::mem::take(&mut cur));
        } else {
            cur.push(c);
        }
    }
    out.push(cur);
    out
}

fn unquote(v: &str) -> String {
    let v = v.trim();
    v.strip_prefix('"')
        .and_then(|x| x.strip_suffix('"'))
        .unwrap_or(v)
        .to_string()
}

fn parse_part_head(raw: &[u8]) -> Result<PartHead, MpError> {
    let text = String::from_utf8_lossy(raw);
    let mut head = PartHead::default();
    let mut disposition = false;
    for line in text.split("\r\n").filter(|l| !l.is_empty()) {
        let (k, v) = line
            .split_once(':')
            .ok_or_else(|| MpError::Malformed(format!("bad part header line {line:?}")))?;
        if k.trim().eq_ignore_ascii_case("content-disposition") {
            let params = split_params(v);
            if !params[0].trim().eq_ignore_ascii_case("form-data") {
                return Err(MpError::Malformed(format!(
                    "part disposition is {:?}",
                    params[0].trim()
                )));
            }
            disposition = true;
            let mut filename_star = None;
            for p in &params[1..] {
                let Some((pk, pv)) = p.split_once('=') else { continue };
                match pk.trim().to_ascii_lowercase().as_str() {
                    "name" => head.name = unquote(pv),
                    "filename" => head.filename = Some(unquote(pv)),
                    "filename*" => {
                        // RFC 5987: charset'lang'percent-encoded
                        let v = unquote(pv);
                        let enc = v.splitn(3, '\'').nth(2).unwrap_or(&v).to_string();
                        filename_star = Some(crate::util::percent_decode(&enc, false));
                    }
                    _ => {}
                }
            }
            if filename_star.is_some() {
                head.filename = filename_star;
            }
        } else if k.trim().eq_ignore_ascii_case("content-type") {
            head.content_type = Some(v.trim().to_string());
        }
    }
    if !disposition {
        return Err(MpError::Malformed("part without Content-Disposition".into()));
    }
    Ok(head)
}

impl<R: Read> Multipart<R> {
    pub fn new(r: R, boundary: &str) -> Self {
        let mut buf = vec![0u8; BUF].into_boxed_slice();
        // A CRLF in front lets the first delimiter match like every other one.
        buf[..2].copy_from_slice(b"\r\n");
        Multipart {
            r,
            buf,
            start: 0,
            end: 2,
            eof: false,
            delim: format!("\r\n--{boundary}").into_bytes(),
            state: State::Preamble,
        }
    }

    /// Reads more input after moving unread bytes to the front. False at end of input.
    fn fill(&mut self) -> io::Result<bool> {
        if self.eof {
            return Ok(false);
        }
        if self.start > 0 {
            self.buf.copy_within(self.start..self.end, 0);
            self.end -= self.start;
            self.start = 0;
        }
        if self.end == self.buf.len() {
            return Ok(true); // full: caller makes progress with what it has
        }
        let n = self.r.read(&mut self.buf[self.end..])?;
        if n == 0 {
            self.eof = true;
            return Ok(false);
        }
        self.end += n;
        Ok(true)
    }

    fn avail(&self) -> &[u8] {
        &self.buf[self.start..self.end]
    }

    fn need(&mut self, n: usize) -> Result<(), MpError> {
        while self.end - self.start < n {
            if !self.fill()? {
                return Err(MpError::Malformed("unexpected end of body".into()));
            }
        }
        Ok(())
    }

    /// The next part's headers, or `None` after the closing delimiter. Skips whatever is left of
    /// the current part.
    pub fn next_part(&mut self) -> Result<Option<PartHead>, MpError> {
        loop {
            match self.state {
                State::End => return Ok(None),
                State::Body => while self.next_chunk()?.is_some() {},
                State::Preamble => {
                    // Discard everything before the first delimiter.
                    loop {
                        if let Some(i) = find(self.avail(), &self.delim) {
                            self.start += i + self.delim.len();
                            self.state = State::AfterDelimiter;
                            break;
                        }
                        let keep = self.delim.len() - 1;
                        self.start = self.end.saturating_sub(keep).max(self.start);
                        if !self.fill()? {
                            return Err(MpError::Malformed("no boundary found".into()));
                        }
                    }
                }
                State::AfterDelimiter => {
                    self.need(2)?;
                    if self.avail().starts_with(b"--") {
                        self.state = State::End;
                        return Ok(None);
                    }
                    // Transport padding, then CRLF.
                    loop {
                        self.need(1)?;
                        match self.avail()[0] {
                            b' ' | b'\t' => self.start += 1,
                            _ => break,
                        }
                    }
                    self.need(2)?;
                    if !self.avail().starts_with(b"\r\n") {
                        return Err(MpError::Malformed("boundary not followed by CRLF".into()));
                    }
                    self.start += 2;
                    // Part headers end at an empty line (which may come right away).
                    let head_len = loop {
                        if self.avail().starts_with(b"\r\n") {
                            break 0;
                        }
                        if let Some(i) = find(self.avail(), b"\r\n\r\n") {
                            break i + 2;
                        }
                        if self.end - self.start > MAX_PART_HEAD {
                            return Err(MpError::Malformed("part headers too large".into()));
                        }
                        if !self.fill()? {
                            return Err(MpError::Malformed("unexpected end of part headers".into()));
                        }
                    };
                    let head = parse_part_head(&self.avail()[..head_len])?;
                    self.start += head_len + 2;
                    self.state = State::Body;
                    return Ok(Some(head));
                }
            }
        }
    }

    /// The next piece of the current part's content, or `None` at its end.
    pub fn next_chunk(&mut self) -> Result<Option<&[u8]>, MpError> {
        if self.state != State::Body {
            return Ok(None);
        }
        loop {
            if let Some(i) = find(self.avail(), &self.delim) {
                let s = self.start;
                if i > 0 {
                    self.start += i;
                    return Ok(Some(&self.buf[s..s + i]));
                }
                self.start += self.delim.len();
                self.state = State::AfterDelimiter;
                return Ok(None);
            }
            // No delimiter here: all but a possible delimiter prefix at the tail is content.
            let safe = (self.end - self.start).saturating_sub(self.delim.len() - 1);
            if safe > 0 {
                let s = self.start;
                self.start += safe;
                return Ok(Some(&self.buf[s..s + safe]));
            }
            if !self.fill()? {
                return Err(MpError::Malformed("unexpected end of part".into()));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A reader that returns at most `step` bytes per call.
    struct Trickle<'a> {
        data: &'a [u8],
        step: usize,
    }
    impl Read for Trickle<'_> {
        fn read(&mut self, b: &mut [u8]) -> io::Result<usize> {
            let n = self.step.min(b.len()).min(self.data.len());
            b[..n].copy_from_slice(&self.data[..n]);
            self.data = &self.data[n..];
            Ok(n)
        }
    }

    fn parse_all(body: &[u8], boundary: &str, step: usize) -> Result<Vec<(PartHead, Vec<u8>)>, MpError> {
        let mut mp = Multipart::new(Trickle { data: body, step }, boundary);
        let mut out = Vec::new();
        while let Some(h) = mp.next_part()? {
            let mut content = Vec::new();
            while let Some(c) = mp.next_chunk()? {
                content.extend_from_slice(c);
            }
            out.push((h, content));
        }
        Ok(out)
    }

    #[test]
    fn parses_fields_and_files_at_any_read_size() {
        let mut file = Vec::new();
        for i in 0..200_000u32 {
            file.push((i * 7 % 251) as u8);
        }
        // Content that nearly matches the delimiter must survive.
        file.extend_from_slice(b"\r\n--XYz-almost\r\n-XYZ\r\n--XY");
        let mut body = b"preamble\r\n--XYZ\r\nContent-Disposition: form-data; name=\"fileName\"\r\n\r\na;b.jpg\r\n--XYZ  \r\n\
            Content-Disposition: form-data; name=\"file\"; filename=\"a \\\"q\\\".jpg\"\r\nContent-Type: image/jpeg\r\n\r\n"
            .to_vec();
        body.extend_from_slice(&file);
        body.extend_from_slice(
            b"\r\n--XYZ\r\nContent-Disposition: form-data; name=\"empty\"\r\n\r\n\r\n--XYZ--\r\nepilogue",
        );
        for step in [1, 2, 3, 7, 64, 1000, 65_536, 1 << 20] {
            let parts = parse_all(&body, "XYZ", step).unwrap();
            assert_eq!(parts.len(), 3, "step {step}");
            assert_eq!(parts[0].0.name, "fileName");
            assert_eq!(parts[0].1, b"a;b.jpg");
            assert_eq!(parts[1].0.filename.as_deref(), Some("a \"q\".jpg"));
            assert_eq!(parts[1].0.content_type.as_deref(), Some("image/jpeg"));
            assert_eq!(parts[1].1.len(), file.len(), "step {step}");
            assert!(parts[1].1 == file, "step {step}");
            assert_eq!(parts[2].1, b"");
        }
    }

    #[test]
    fn rejects_malformed_bodies() {
        let cases: [&[u8]; 4] = [
            b"--XYZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nno end",
            b"no boundary at all",
            b"--XYZ\r\nContent-Type: text/plain\r\n\r\nx\r\n--XYZ--",
            b"--XYZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nx\r\n--XYZjunk",
        ];
        for c in cases {
            assert!(parse_all(c, "XYZ", 5).is_err(), "{:?}", String::from_utf8_lossy(c));
        }
        assert_eq!(parse_all(b"--XYZ--\r\n", "XYZ", 5).unwrap().len(), 0);
    }

    #[test]
    fn byte_search() {
        let mut hay = vec![0u8; 40];
        assert_eq!(find_byte(&hay, b'\r'), None);
        for pos in [0, 5, 7, 8, 15, 31, 39] {
            hay[pos] = b'\r';
            assert_eq!(find_byte(&hay, b'\r'), Some(pos));
            assert_eq!(find_byte(&hay[..pos], b'\r'), None);
            hay[pos] = 0;
        }
        // Bytes next to the pattern value must not trip the SWAR test.
        let near: Vec<u8> = (0..=255u8).filter(|&x| x != 13).collect();
        assert_eq!(find_byte(&near, 13), None);
        assert_eq!(find(b"ab\r\n-\r\n--X", b"\r\n--X"), Some(5));
    }

    #[test]
    fn boundary_and_star_filename() {
        assert_eq!(
            boundary("multipart/form-data; boundary=\"a b\"").as_deref(),
            Some("a b")
        );
        assert_eq!(
            boundary("Multipart/Form-Data;charset=utf-8; BOUNDARY=x").as_deref(),
            Some("x")
        );
        assert_eq!(boundary("application/json"), None);
        assert_eq!(boundary("multipart/form-data"), None);
        let h = parse_part_head(
            b"Content-Disposition: form-data; name=file; filename=\"x\"; filename*=UTF-8''%C3%A9t%C3%A9.png\r\n",
        )
        .unwrap();
        assert_eq!((h.name.as_str(), h.filename.as_deref()), ("file", Some("été.png")));
    }
}
