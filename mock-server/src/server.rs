//! Listeners, connection threads and the per-request pipeline (faults, routing, recording).

use crate::api::{self, ctx::Ctx};
use crate::conn::{Conn, ConnIo};
use crate::faults::FaultAction;
use crate::http::{self, Body, HeadError, RequestHead, Response};
use crate::record::RecordedRequest;
use crate::shared::{lock, Shared};
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::Duration;

pub(crate) const SERVER_CERT_PEM: &str = include_str!("../../tests/data/tls/server.pem");
pub(crate) const SERVER_KEY_PEM: &str = include_str!("../../tests/data/tls/server.key");

pub(crate) fn tls_config() -> Result<Arc<rustls::ServerConfig>, String> {
    let certs = CertificateDer::pem_slice_iter(SERVER_CERT_PEM.as_bytes())
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| format!("server certificate: {e}"))?;
    let key = PrivateKeyDer::from_pem_slice(SERVER_KEY_PEM.as_bytes()).map_err(|e| format!("server key: {e}"))?;
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let cfg = rustls::ServerConfig::builder_with_provider(provider)
        .with_protocol_versions(&[&rustls::version::TLS13, &rustls::version::TLS12])
        .map_err(|e| e.to_string())?
        .with_no_client_auth()
        .with_single_cert(certs, key)
        .map_err(|e| e.to_string())?;
    // No ALPN: every client falls back to HTTP/1.1.
    Ok(Arc::new(cfg))
}

/// Accepts until shutdown; one thread per connection.
pub(crate) fn accept_loop(shared: Arc<Shared>, listener: TcpListener, tls: Option<Arc<rustls::ServerConfig>>) {
    for stream in listener.incoming() {
        if shared.is_shutdown() {
            break;
        }
        let stream = match stream {
            Ok(s) => s,
            Err(_) => {
                std::thread::sleep(Duration::from_millis(10)); // e.g. EMFILE: back off
                continue;
            }
        };
        let id = shared.next_conn.fetch_add(1, Ordering::SeqCst);
        shared.accepted.fetch_add(1, Ordering::SeqCst);
        shared.open.fetch_add(1, Ordering::SeqCst);
        let _ = stream.set_nodelay(true);
        let _ = stream.set_read_timeout(Some(shared.opts.idle_timeout));
        if let Ok(c) = stream.try_clone() {
            lock(&shared.conns).insert(id, c);
        }
        let sh = shared.clone();
        let tls = tls.clone();
        let spawned = std::thread::Builder::new()
            .name(format!("ik-mock-conn-{id}"))
            .spawn(move || {
                let _guard = ConnGuard { shared: sh.clone(), id };
                let conn = match tls {
                    None => Conn::Plain(stream),
                    Some(cfg) => match rustls::ServerConnection::new(cfg) {
                        Ok(c) => Conn::Tls(Box::new(rustls::StreamOwned::new(c, stream))),
                        Err(_) => return,
                    },
                };
                serve(&sh, conn, id);
            });
        let mut threads = lock(&shared.threads);
        threads.retain(|t| !t.is_finished());
        match spawned {
            Ok(t) => threads.push(t),
            Err(_) => {
                // Could not start a thread: the stream was moved into the failed closure and is
                // dropped (closed) with it.
                lock(&shared.conns).remove(&id);
                shared.open.fetch_sub(1, Ordering::SeqCst);
            }
        }
    }
}

struct ConnGuard {
    shared: Arc<Shared>,
    id: u64,
}

impl Drop for ConnGuard {
    fn drop(&mut self) {
        lock(&self.shared.conns).remove(&self.id);
        self.shared.open.fetch_sub(1, Ordering::SeqCst);
    }
}

/// How a connection goes on after an exchange.
#[derive(PartialEq)]
enum Next {
    KeepAlive,
    Close,
    Abort,
}

fn serve(shared: &Shared, conn: Conn, conn_id: u64) {
    let tls = matches!(conn, Conn::Tls(_));
    let mut io = ConnIo(BufReader::with_capacity(64 * 1024, conn));
    loop {
        if shared.is_shutdown() {
            return;
        }
        let next = match http::read_head(&mut io) {
            Ok(head) => exchange(shared, &mut io, head, conn_id, tls),
            Err(HeadError::Closed) | Err(HeadError::Io(_)) => Next::Abort,
            Err(HeadError::Bad(m)) => {
                let r = with_request_id(Response::error(400, format!("Malformed HTTP request: {m}")));
                let _ = write_response(&mut io, &r, false, false);
                Next::Close
            }
        };
        match next {
            Next::KeepAlive => continue,
            Next::Close => {
                io.0.get_mut().close();
                return;
            }
            Next::Abort => {
                io.0.get_mut().abort();
                return;
            }
        }
    }
}

fn with_request_id(mut r: Response) -> Response {
    if !r.has_header("x-ik-requestid") {
        r.headers.push(("x-ik-requestId".into(), crate::util::uuid_v4()));
    }
    r
}

fn write_response(io: &mut ConnIo, r: &Response, keep_alive: bool, truncate: bool) -> io::Result<()> {
    let mut out = r.head_bytes(keep_alive);
    let body = if truncate {
        &r.body[..r.body.len() / 2]
    } else {
        &r.body[..]
    };
    out.extend_from_slice(body);
    io.write_all(&out)?;
    io.flush()
}

/// Reads the rest of a body, recording multipart parts (or short text) when nothing has been
/// read yet.
pub(crate) fn capture_body<S: BufRead + Write>(
    head: &RequestHead,
    body: &mut Body<'_, S>,
    record: &mut RecordedRequest,
) -> io::Result<()> {
    if body.read_total > 0 || body.is_done() {
        return body.drain();
    }
    let ct = head.header("content-type").unwrap_or("");
    if let Some(b) = crate::multipart::boundary(ct) {
        let mut mp = crate::multipart::Multipart::new(&mut *body, &b);
        let mut parts = Vec::new();
        let ok = loop {
            match mp.next_part() {
                Ok(Some(h)) => {
                    let mut rec =
                        crate::record::PartRecorder::new(&h.name, h.filename.as_deref(), h.content_type.as_deref());
                    let done = loop {
                        match mp.next_chunk() {
                            Ok(Some(c)) => rec.feed(c),
                            Ok(None) => break Ok(()),
                            Err(e) => break Err(e),
                        }
                    };
                    parts.push(rec.finish());
                    if let Err(e) = done {
                        break Err(e);
                    }
                }
                Ok(None) => break Ok(()),
                Err(e) => break Err(e),
            }
        };
        record.multipart = Some(parts);
        if let Err(crate::multipart::MpError::Io(e)) = ok {
            return Err(e);
        }
        return body.drain();
    }
    let mut kept = Vec::new();
    let mut buf = [0u8; 16 * 1024];
    loop {
        let n = body.read(&mut buf)?;
        if n == 0 {
            break;
        }
        if kept.len() + n <= crate::record::MAX_KEPT_TEXT {
            kept.extend_from_slice(&buf[..n]);
        }
    }
    if body.read_total as usize == kept.len() {
        record.body = String::from_utf8(kept).ok();
    }
    Ok(())
}

/// One request/response exchange.
fn exchange(shared: &Shared, io: &mut ConnIo, head: RequestHead, conn_id: u64, tls: bool) -> Next {
    let framing = match http::framing(&head) {
        Ok(f) => f,
        Err(m) => {
            let r = with_request_id(Response::error(400, m));
            let _ = write_response(io, &r, false, false);
            return Next::Close;
        }
    };
    let keep_alive = head.keep_alive();

    if head.path == "/__mock" || head.path.starts_with("/__mock/") {
        let mut body = Body::new(&mut *io, framing, head.expects_continue());
        let resp = api::control::handle(shared, &head, &mut body);
        let close = !body.is_done() && (body.continue_pending() || body.drain().is_err());
        let resp = with_request_id(resp);
        let ka = keep_alive && !close;
        return match write_response(io, &resp, ka, false) {
            Ok(()) if ka => Next::KeepAlive,
            Ok(()) => Next::Close,
            Err(_) => Next::Abort,
        };
    }

    shared.requests_total.fetch_add(1, Ordering::SeqCst);
    let request_id = crate::util::uuid_v4();
    let mut record = RecordedRequest {
        connection_id: conn_id,
        tls,
        method: head.method.clone(),
        path: head.path.clone(),
        query: head.query.clone(),
        headers: head.headers.clone(),
        request_id: request_id.clone(),
        ..Default::default()
    };
    let fault = lock(&shared.faults).take(&head.method, &head.path);
    record.fault = fault.as_ref().map(|f| f.describe());

    let mut body = Body::new(&mut *io, framing, head.expects_continue());
    let mut io_failed;
    let canned = match fault.as_ref().map(|f| &f.action) {
        Some(FaultAction::Respond(c)) | Some(FaultAction::DropMidResponse(Some(c))) => Some(Some(c.to_response())),
        Some(FaultAction::DropConnection) => Some(None),
        Some(FaultAction::EchoSecrets(status)) => Some(Some(crate::faults::echo_secrets_response(
            *status,
            head.header("authorization"),
            false,
        ))),
        Some(FaultAction::EchoSecretsText(status)) => Some(Some(crate::faults::echo_secrets_response(
            *status,
            head.header("authorization"),
            true,
        ))),
        _ => None,
    };
    let echoes = matches!(
        fault.as_ref().map(|f| &f.action),
        Some(FaultAction::EchoSecrets(_)) | Some(FaultAction::EchoSecretsText(_))
    );
    let resp: Option<Response> = match canned {
        Some(r) => {
            io_failed = capture_body(&head, &mut body, &mut record).is_err();
            r
        }
        None => {
            let mut ctx = Ctx::new(shared, &head, &mut body, &mut record);
            let r = api::dispatch(&mut ctx);
            io_failed = ctx.io_failed;
            Some(r)
        }
    };
    // Whatever the handler left unread.
    let mut close = io_failed;
    if !io_failed && !body.is_done() {
        if body.continue_pending() {
            close = true; // the client waits for 100 Continue: answer now and close
        } else if capture_body(&head, &mut body, &mut record).is_err() {
            io_failed = true;
            close = true;
        }
    }
    record.body_len = body.read_total;

    let resp = resp.map(|r| {
        let mut r = r;
        if !echoes {
            r.headers.retain(|(k, _)| !k.eq_ignore_ascii_case("x-ik-requestid"));
            r.headers.push(("x-ik-requestId".into(), request_id.clone()));
        }
        r
    });
    record.status = if io_failed {
        None
    } else {
        resp.as_ref().map(|r| r.status)
    };
    let log_line = shared.opts.log.then(|| {
        let status = record.status.map_or("-".to_string(), |s| s.to_string());
        let fault = record
            .fault
            .as_deref()
            .map(|f| format!(" [fault: {f}]"))
            .unwrap_or_default();
        let q = if record.query.is_empty() {
            String::new()
        } else {
            format!("?{}", record.query)
        };
        format!(
            "conn {conn_id} {} {}{q} -> {status} ({} body bytes){fault}",
            record.method, record.path, record.body_len
        )
    });
    let seq = shared.push_record(record);
    if let Some(l) = log_line {
        eprintln!("ik-mock-server: #{seq} {l}");
    }

    if let Some(d) = fault.as_ref().and_then(|f| f.delay) {
        crate::util::sleep_unless(d, || shared.is_shutdown());
    }
    if io_failed || matches!(fault.as_ref().map(|f| &f.action), Some(FaultAction::HandleThenDrop)) {
        return Next::Abort;
    }
    let truncate = matches!(fault.as_ref().map(|f| &f.action), Some(FaultAction::DropMidResponse(_)));
    let Some(mut resp) = resp else { return Next::Abort };
    if head.method == "HEAD" {
        // Same head as GET would send (Content-Length included), no body.
        let head_bytes = resp.head_bytes(keep_alive && !close);
        resp.body.clear();
        return match io.write_all(&head_bytes).and_then(|_| io.flush()) {
            Err(_) => Next::Abort,
            Ok(()) if keep_alive && !close => Next::KeepAlive,
            Ok(()) => Next::Close,
        };
    }
    let ka = keep_alive && !close && !truncate;
    match write_response(io, &resp, ka, truncate) {
        Err(_) => Next::Abort,
        Ok(()) if truncate => Next::Abort,
        Ok(()) if ka => Next::KeepAlive,
        Ok(()) => Next::Close,
    }
}
