//! One client connection, plain or TLS, with buffered reads.

use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::{Shutdown, TcpStream};
use std::time::Duration;

/// A plain or TLS connection.
pub(crate) enum Conn {
    Plain(TcpStream),
    Tls(Box<rustls::StreamOwned<rustls::ServerConnection, TcpStream>>),
}

impl Conn {
    fn tcp(&self) -> &TcpStream {
        match self {
            Conn::Plain(s) => s,
            Conn::Tls(s) => &s.sock,
        }
    }

    /// Orderly close: TLS close_notify, FIN, then read and discard what the client still
    /// sends for a moment, so that a client still writing does not get a reset that eats our
    /// response.
    pub fn close(&mut self) {
        if let Conn::Tls(s) = self {
            s.conn.send_close_notify();
            let _ = s.flush();
        }
        let tcp = self.tcp();
        let _ = tcp.shutdown(Shutdown::Write);
        let _ = tcp.set_read_timeout(Some(Duration::from_millis(500)));
        let mut buf = [0u8; 8192];
        let mut left: usize = 8 << 20;
        let mut t = tcp;
        while left > 0 {
            match t.read(&mut buf) {
                Ok(0) | Err(_) => break,
                Ok(n) => left = left.saturating_sub(n),
            }
        }
    }

    /// Abrupt close (no close_notify).
    pub fn abort(&mut self) {
        let _ = self.tcp().shutdown(Shutdown::Both);
    }
}

impl Read for Conn {
    fn read(&mut self, b: &mut [u8]) -> io::Result<usize> {
        match self {
            Conn::Plain(s) => s.read(b),
            Conn::Tls(s) => s.read(b),
        }
    }
}

impl Write for Conn {
    fn write(&mut self, b: &[u8]) -> io::Result<usize> {
        match self {
            Conn::Plain(s) => s.write(b),
            Conn::Tls(s) => s.write(b),
        }
    }
    fn flush(&mut self) -> io::Result<()> {
        match self {
            Conn::Plain(s) => s.flush(),
            Conn::Tls(s) => s.flush(),
        }
    }
}

/// Buffered reads plus direct writes on one connection.
pub(crate) struct ConnIo(pub BufReader<Conn>);

impl Read for ConnIo {
    fn read(&mut self, b: &mut [u8]) -> io::Result<usize> {
        self.0.read(b)
    }
}
impl BufRead for ConnIo {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        self.0.fill_buf()
    }
    fn consume(&mut self, n: usize) {
        self.0.consume(n)
    }
}
impl Write for ConnIo {
    fn write(&mut self, b: &[u8]) -> io::Result<usize> {
        self.0.get_mut().write(b)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.0.get_mut().flush()
    }
}
