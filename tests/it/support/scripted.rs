//! Small scripted HTTP/1.1 servers on 127.0.0.1 for the transport tests: each answer is
//! scripted (status, headers, body, delays, dropped connections, half answers, silence), every
//! request is recorded with its arrival time, and connections are counted.
//!
//! For transport behaviour that needs exact control of every byte; tests of the API itself use
//! the mock server ([`super::mock`]). [`raw_server`] hands each connection to the test as is.

use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

/// What the server does with one request.
#[derive(Clone, Debug)]
pub enum Reply {
    /// A complete answer (Content-Length set, keep-alive unless `close`).
    Answer {
        status: u16,
        headers: Vec<(String, String)>,
        body: Vec<u8>,
        delay: Duration,
        close: bool,
    },
    /// Close the connection without answering (a connection error for the client).
    Drop,
    /// Send the status line and headers promising `promised` body bytes, send `sent` of them,
    /// then stall for `stall` and close.
    Half {
        promised: usize,
        sent: usize,
        stall: Duration,
    },
    /// Read the request, then say nothing for `silence` (a response timeout for the client).
    Silence(Duration),
    /// Send the answer as a keep-alive answer (no `Connection: close`), then close the
    /// connection anyway, as servers do when an idle connection times out.
    HangUpAfter(Box<Reply>),
}

impl Reply {
    pub fn status(status: u16) -> Reply {
        Reply::json(status, "{}")
    }

    pub fn json(status: u16, body: &str) -> Reply {
        Reply::Answer {
            status,
            headers: vec![("Content-Type".into(), "application/json".into())],
            body: body.as_bytes().to_vec(),
            delay: Duration::ZERO,
            close: false,
        }
    }

    pub fn raw(status: u16, content_type: &str, body: &[u8]) -> Reply {
        Reply::Answer {
            status,
            headers: vec![("Content-Type".into(), content_type.into())],
            body: body.to_vec(),
            delay: Duration::ZERO,
            close: false,
        }
    }

    pub fn header(mut self, name: &str, value: &str) -> Reply {
        if let Reply::Answer { headers, .. } = &mut self {
            headers.push((name.into(), value.into()));
        }
        self
    }

    pub fn delayed(mut self, d: Duration) -> Reply {
        if let Reply::Answer { delay, .. } = &mut self {
            *delay = d;
        }
        self
    }

    /// This answer, then a silent close of the connection.
    pub fn then_hang_up(self) -> Reply {
        Reply::HangUpAfter(Box::new(self))
    }

    pub fn closing(mut self) -> Reply {
        if let Reply::Answer { close, .. } = &mut self {
            *close = true;
        }
        self
    }
}

/// One request as the server saw it.
#[derive(Clone, Debug)]
pub struct Seen {
    pub method: String,
    pub target: String,
    /// Header names lowercased, in arrival order.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    /// The body's length (also when the body was discarded).
    pub body_len: usize,
    pub at: Instant,
    /// Which accepted connection (0, 1, …) carried it.
    pub connection: usize,
}

impl Seen {
    pub fn header(&self, name: &str) -> Option<&str> {
        let name = name.to_ascii_lowercase();
        self.headers.iter().find(|(k, _)| *k == name).map(|(_, v)| v.as_str())
    }

    pub fn path(&self) -> &str {
        self.target.split('?').next().unwrap_or("")
    }

    pub fn query(&self) -> Option<&str> {
        self.target.split_once('?').map(|(_, q)| q)
    }
}

/// Computes the answer to a request once the script is used up.
pub type Handler = Box<dyn Fn(&Seen) -> Reply + Send + Sync>;

struct State {
    script: Mutex<VecDeque<Reply>>,
    fallback: Mutex<Reply>,
    handler: Mutex<Option<Handler>>,
    /// Record body lengths only (for very large uploads).
    discard_bodies: AtomicBool,
    seen: Mutex<Vec<Seen>>,
    accepted: AtomicUsize,
    open: AtomicUsize,
    stop: AtomicBool,
    /// Slow reading: sleep this long between 16 KiB reads of the first `.1` bytes of a request
    /// body (with a small receive buffer, so the client really waits).
    slow_read: Mutex<Option<(Duration, usize)>>,
}

/// A scripted server. Answers follow the script in order, then `fallback` (200 `{}`).
pub struct Server {
    addr: SocketAddr,
    state: Arc<State>,
}

impl Server {
    pub fn start(script: Vec<Reply>) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
        let addr = listener.local_addr().unwrap();
        let state = Arc::new(State {
            script: Mutex::new(script.into()),
            fallback: Mutex::new(Reply::json(200, "{}")),
            handler: Mutex::new(None),
            discard_bodies: AtomicBool::new(false),
            seen: Mutex::new(Vec::new()),
            accepted: AtomicUsize::new(0),
            open: AtomicUsize::new(0),
            stop: AtomicBool::new(false),
            slow_read: Mutex::new(None),
        });
        let st = state.clone();
        thread::spawn(move || {
            for conn in listener.incoming() {
                if st.stop.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(conn) = conn else { continue };
                let id = st.accepted.fetch_add(1, Ordering::SeqCst);
                st.open.fetch_add(1, Ordering::SeqCst);
                let st2 = st.clone();
                thread::spawn(move || {
                    serve(conn, id, &st2);
                    st2.open.fetch_sub(1, Ordering::SeqCst);
                });
            }
        });
        Server { addr, state }
    }

    /// `http://127.0.0.1:<port>`
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn port(&self) -> u16 {
        self.addr.port()
    }

    pub fn set_fallback(&self, r: Reply) {
        *self.state.fallback.lock().unwrap() = r;
    }

    /// Answers every unscripted request with `f(request)`.
    pub fn set_handler(&self, f: impl Fn(&Seen) -> Reply + Send + Sync + 'static) {
        *self.state.handler.lock().unwrap() = Some(Box::new(f));
    }

    /// Stops keeping request bodies (only `body_len` is recorded).
    pub fn set_discard_bodies(&self, on: bool) {
        self.state.discard_bodies.store(on, Ordering::SeqCst);
    }

    pub fn push(&self, r: Reply) {
        self.state.script.lock().unwrap().push_back(r);
    }

    /// Reads the first `slow_bytes` of each request body in 16 KiB steps `pause` apart, through
    /// a 64 KiB receive buffer (set on connections accepted from now on).
    pub fn set_slow_read(&self, pause: Duration, slow_bytes: usize) {
        *self.state.slow_read.lock().unwrap() = Some((pause, slow_bytes));
    }

    pub fn seen(&self) -> Vec<Seen> {
        self.state.seen.lock().unwrap().clone()
    }

    pub fn requests(&self) -> usize {
        self.state.seen.lock().unwrap().len()
    }

    /// Connections accepted so far.
    pub fn accepted(&self) -> usize {
        self.state.accepted.load(Ordering::SeqCst)
    }

    /// Connections whose handler is still running (the client has not closed them).
    pub fn open(&self) -> usize {
        self.state.open.load(Ordering::SeqCst)
    }

    /// Gaps between consecutive request arrivals.
    pub fn gaps(&self) -> Vec<Duration> {
        let seen = self.seen();
        seen.windows(2).map(|w| w[1].at.duration_since(w[0].at)).collect()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.state.stop.store(true, Ordering::SeqCst);
        let _ = TcpStream::connect_timeout(&self.addr, Duration::from_millis(200));
    }
}

/// method, target, headers, body (empty when discarded), body length.
type RawRequest = (String, String, Vec<(String, String)>, Vec<u8>, usize);

fn read_request(
    reader: &mut BufReader<TcpStream>,
    slow: Option<(Duration, usize)>,
    discard: bool,
) -> Option<RawRequest> {
    let mut line = String::new();
    if reader.read_line(&mut line).ok()? == 0 {
        return None;
    }
    let mut parts = line.trim_end().splitn(3, ' ');
    let method = parts.next()?.to_string();
    let target = parts.next()?.to_string();
    let mut headers = Vec::new();
    loop {
        let mut h = String::new();
        if reader.read_line(&mut h).ok()? == 0 {
            return None;
        }
        let h = h.trim_end();
        if h.is_empty() {
            break;
        }
        let (k, v) = h.split_once(':')?;
        headers.push((k.trim().to_ascii_lowercase(), v.trim().to_string()));
    }
    let get = |n: &str| headers.iter().find(|(k, _)| k == n).map(|(_, v)| v.clone());
    let mut body = Vec::new();
    let mut body_len = 0;
    if let Some(len) = get("content-length").and_then(|v| v.parse::<usize>().ok()) {
        body_len = len;
        if discard {
            let mut sink = vec![0u8; 64 * 1024];
            let mut off = 0;
            while off < len {
                let want = sink.len().min(len - off);
                let n = reader.read(&mut sink[..want]).ok()?;
                if n == 0 {
                    return None;
                }
                off += n;
            }
            return Some((method, target, headers, body, body_len));
        }
        body.resize(len, 0);
        let mut off = 0;
        while off < len {
            let end = (off + 16 * 1024).min(len);
            let n = reader.read(&mut body[off..end]).ok()?;
            if n == 0 {
                return None;
            }
            if let Some((pause, slow_bytes)) = slow {
                if off < slow_bytes {
                    thread::sleep(pause);
                }
            }
            off += n;
        }
    } else if get("transfer-encoding").is_some_and(|v| v.eq_ignore_ascii_case("chunked")) {
        loop {
            let mut size = String::new();
            reader.read_line(&mut size).ok()?;
            let n = usize::from_str_radix(size.trim().split(';').next()?, 16).ok()?;
            let mut chunk = vec![0u8; n + 2];
            reader.read_exact(&mut chunk).ok()?;
            body.extend_from_slice(&chunk[..n]);
            if n == 0 {
                break;
            }
        }
        body_len = body.len();
    }
    Some((method, target, headers, body, body_len))
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        201 => "Created",
        204 => "No Content",
        400 => "Bad Request",
        401 => "Unauthorized",
        404 => "Not Found",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "Status",
    }
}

extern "C" {
    fn setsockopt(fd: i32, level: i32, name: i32, value: *const std::ffi::c_void, len: u32) -> i32;
}

/// SO_RCVBUF on Linux; a fixed size also turns receive-buffer autotuning off.
fn small_receive_buffer(conn: &TcpStream) {
    use std::os::fd::AsRawFd;
    const SOL_SOCKET: i32 = 1;
    const SO_RCVBUF: i32 = 8;
    let size: i32 = 64 * 1024;
    // SAFETY: a valid fd we own and a pointer to a live i32 of the given length.
    unsafe { setsockopt(conn.as_raw_fd(), SOL_SOCKET, SO_RCVBUF, (&size as *const i32).cast(), 4) };
}

fn serve(conn: TcpStream, id: usize, st: &State) {
    let _ = conn.set_read_timeout(Some(Duration::from_secs(20)));
    if st.slow_read.lock().unwrap().is_some() {
        small_receive_buffer(&conn);
    }
    let mut writer = match conn.try_clone() {
        Ok(w) => w,
        Err(_) => return,
    };
    let mut reader = BufReader::new(conn);
    loop {
        let slow = *st.slow_read.lock().unwrap();
        let discard = st.discard_bodies.load(Ordering::SeqCst);
        let Some((method, target, headers, body, body_len)) = read_request(&mut reader, slow, discard) else {
            return;
        };
        let seen = Seen {
            method,
            target,
            headers,
            body,
            body_len,
            at: Instant::now(),
            connection: id,
        };
        let scripted = st.script.lock().unwrap().pop_front();
        let reply = match scripted {
            Some(r) => r,
            None => match st.handler.lock().unwrap().as_ref() {
                Some(h) => h(&seen),
                None => st.fallback.lock().unwrap().clone(),
            },
        };
        st.seen.lock().unwrap().push(seen);
        let (reply, hang_up) = match reply {
            Reply::HangUpAfter(inner) => (*inner, true),
            other => (other, false),
        };
        match reply {
            Reply::HangUpAfter(_) => return,
            Reply::Drop => return,
            Reply::Silence(d) => {
                thread::sleep(d);
                return;
            }
            Reply::Half { promised, sent, stall } => {
                let head =
                    format!("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {promised}\r\n\r\n");
                let _ = writer.write_all(head.as_bytes());
                let _ = writer.write_all(&vec![b' '; sent]);
                let _ = writer.flush();
                thread::sleep(stall);
                return;
            }
            Reply::Answer {
                status,
                headers,
                body,
                delay,
                close,
            } => {
                if !delay.is_zero() {
                    thread::sleep(delay);
                }
                let mut head = format!("HTTP/1.1 {status} {}\r\n", reason(status));
                for (k, v) in &headers {
                    head.push_str(&format!("{k}: {v}\r\n"));
                }
                let no_body = status == 204 || status == 304;
                if !no_body {
                    head.push_str(&format!("Content-Length: {}\r\n", body.len()));
                }
                if close {
                    head.push_str("Connection: close\r\n");
                }
                head.push_str("\r\n");
                if writer.write_all(head.as_bytes()).is_err() {
                    return;
                }
                if !no_body && writer.write_all(&body).is_err() {
                    return;
                }
                let _ = writer.flush();
                if close || hang_up {
                    return;
                }
            }
        }
    }
}

/// A port on 127.0.0.1 with nothing listening (bound, then released).
pub fn dead_port() -> u16 {
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    l.local_addr().unwrap().port()
}

/// A raw TCP server on 127.0.0.1: `serve` runs on its own thread for each connection.
pub fn raw_server(serve: impl Fn(std::net::TcpStream) + Send + Sync + 'static) -> u16 {
    let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = l.local_addr().unwrap().port();
    let serve = std::sync::Arc::new(serve);
    std::thread::spawn(move || {
        for conn in l.incoming() {
            let Ok(conn) = conn else { continue };
            let serve = serve.clone();
            std::thread::spawn(move || serve(conn));
        }
    });
    port
}

/// Reads a request head (through the blank line); returns it as text.
pub fn read_head(conn: &mut std::net::TcpStream) -> String {
    use std::io::Read;
    let mut head = Vec::new();
    let mut b = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") {
        match conn.read(&mut b) {
            Ok(1) => head.push(b[0]),
            _ => break,
        }
    }
    String::from_utf8_lossy(&head).into_owned()
}

/// The Content-Length of a request head, if any.
pub fn content_length(head: &str) -> Option<u64> {
    head.lines().find_map(|l| {
        let (k, v) = l.split_once(':')?;
        k.trim()
            .eq_ignore_ascii_case("content-length")
            .then(|| v.trim().parse().ok())?
    })
}
