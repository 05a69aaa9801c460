//! What the CLI does on a real terminal (a pseudo-terminal from `openpty`), and off one: the
//! progress bar is drawn only on a terminal, `NO_COLOR` turns colour off, and `sync --delete`
//! asks before deleting on a terminal ("n" deletes nothing and exits non-zero, "y" deletes),
//! while off a terminal without `--yes` it deletes nothing and exits non-zero, whatever stdin says.

mod common;
use common::*;
use ik_mock_server::{Fault, MockServer};
use std::fs::File;
use std::io::{Read, Write};
use std::os::fd::{FromRawFd, OwnedFd};
use std::os::unix::process::CommandExt;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// A child process whose stdin, stdout and stderr are the slave side of a pseudo-terminal.
struct OnTerminal {
    child: Child,
    master: File,
    seen: Arc<Mutex<Vec<u8>>>,
}

impl OnTerminal {
    fn spawn(mut cmd: Command) -> OnTerminal {
        let (mut master, mut slave) = (-1, -1);
        // A real size: the progress bar is laid out to the terminal's width.
        let size = libc::winsize {
            ws_row: 40,
            ws_col: 120,
            ws_xpixel: 0,
            ws_ypixel: 0,
        };
        // SAFETY: out-pointers to two ints; no name buffer, no termios; a valid winsize.
        let rc = unsafe { libc::openpty(&mut master, &mut slave, std::ptr::null_mut(), std::ptr::null(), &size) };
        assert_eq!(rc, 0, "openpty: {}", std::io::Error::last_os_error());
        // SAFETY: openpty returned two fresh descriptors that nothing else owns.
        let (master, slave) = unsafe { (OwnedFd::from_raw_fd(master), OwnedFd::from_raw_fd(slave)) };
        cmd.stdin(Stdio::from(slave.try_clone().unwrap()))
            .stdout(Stdio::from(slave.try_clone().unwrap()))
            .stderr(Stdio::from(slave));
        // SAFETY: only async-signal-safe calls between fork and exec. A session of its own with
        // the terminal as its controlling terminal, as a shell would start it.
        unsafe {
            cmd.pre_exec(|| {
                if libc::setsid() < 0 || libc::ioctl(0, libc::TIOCSCTTY, 0) < 0 {
                    return Err(std::io::Error::last_os_error());
                }
                Ok(())
            });
        }
        let child = cmd.spawn().expect("spawn imagekit on a pseudo-terminal");
        drop(cmd); // closes the parent's copies of the slave, so reads end when the child exits
        let master = File::from(master);
        let seen = Arc::new(Mutex::new(Vec::new()));
        let mut reader = master.try_clone().unwrap();
        let sink = Arc::clone(&seen);
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            // Linux answers EIO once the slave side is closed by everyone: the end.
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock().unwrap().extend_from_slice(&buf[..n]);
            }
        });
        OnTerminal { child, master, seen }
    }

    fn text(&self) -> String {
        String::from_utf8_lossy(&self.seen.lock().unwrap()).into_owned()
    }

    /// Waits until the output contains `needle`.
    fn expect(&self, needle: &str) {
        let start = Instant::now();
        while !self.text().contains(needle) {
            assert!(
                start.elapsed() < Duration::from_secs(60),
                "no {needle:?} on the terminal; it shows:\n{}",
                self.text()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn type_line(&mut self, line: &str) {
        self.master.write_all(format!("{line}\n").as_bytes()).unwrap();
        self.master.flush().unwrap();
    }

    /// The exit code and everything the terminal showed.
    fn finish(mut self) -> (i32, String) {
        let start = Instant::now();
        let status = loop {
            if let Some(s) = self.child.try_wait().unwrap() {
                break s;
            }
            if start.elapsed() > Duration::from_secs(120) {
                let _ = self.child.kill();
                panic!("imagekit did not finish; the terminal shows:\n{}", self.text());
            }
            std::thread::sleep(Duration::from_millis(20));
        };
        // Let the reader drain what the child wrote last.
        std::thread::sleep(Duration::from_millis(200));
        (status.code().unwrap_or(-1), self.text())
    }
}

/// Whether `text` holds an SGR sequence that sets a colour (ESC [ … m with a 3x/4x/9x parameter).
fn has_colour(text: &str) -> bool {
    text.split('\x1b').skip(1).any(|seq| {
        let Some(body) = seq.strip_prefix('[') else {
            return false;
        };
        let Some(end) = body.find(|c: char| !(c.is_ascii_digit() || c == ';')) else {
            return false;
        };
        body[end..].starts_with('m')
            && body[..end]
                .split(';')
                .any(|p| matches!(p.len(), 2 | 3) && matches!(p.as_bytes()[0], b'3' | b'4' | b'9'))
    })
}

/// An upload run slow enough for the bar to be drawn: 40 files, the first few answered late.
fn slow_upload(name: &str) -> (MockServer, Command) {
    let server = server();
    server.push_fault(
        Fault::delay(Duration::from_millis(150))
            .on("POST", "/api/v1/files/upload")
            .times(6),
    );
    let dir = scratch(name);
    tree(&dir, 40, 2000);
    let mut cmd = imagekit(&server);
    cmd.args(["upload", "-r"])
        .arg(&dir)
        .args(["--folder", "/tty", "--concurrency", "2"])
        .env_remove("NO_COLOR")
        .env("TERM", "xterm-256color");
    (server, cmd)
}

#[test]
fn the_progress_bar_is_drawn_on_a_terminal_only_and_no_color_turns_colour_off() {
    // On a terminal: the bar (its "done/total files" message), in colour.
    let (server, cmd) = slow_upload("tty-colour");
    let (code, shown) = OnTerminal::spawn(cmd).finish();
    assert_eq!(code, 0, "{shown}");
    assert!(shown.contains("/40 files"), "no progress bar on the terminal:\n{shown}");
    assert!(has_colour(&shown), "no colour on the terminal:\n{shown:?}");
    assert_eq!(server.files().len(), 40);

    // On a terminal with NO_COLOR: the bar still, but no colour at all.
    let (server, mut cmd) = slow_upload("tty-nocolour");
    cmd.env("NO_COLOR", "1");
    let (code, shown) = OnTerminal::spawn(cmd).finish();
    assert_eq!(code, 0, "{shown}");
    assert!(shown.contains("/40 files"), "no progress bar with NO_COLOR:\n{shown}");
    assert!(!has_colour(&shown), "colour despite NO_COLOR:\n{shown:?}");
    assert_eq!(server.files().len(), 40);

    // Off a terminal (pipes): no bar, no escape sequences, the same result.
    let (server, cmd) = slow_upload("pipe");
    let r = run(cmd);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(!r.stderr.contains(" files"), "a progress bar off a terminal: {r:?}");
    assert!(
        !r.stderr.contains('\x1b') && !r.stdout.contains('\x1b'),
        "escape sequences off a terminal: {r:?}"
    );
    assert_eq!(server.files().len(), 40);
}

/// A tree of 4 files uploaded to /site, plus 3 remote-only files in /site/gone.
fn with_remote_only(name: &str) -> (MockServer, std::path::PathBuf) {
    let server = server();
    let dir = scratch(name);
    tree(&dir, 4, 100);
    let mut cmd = imagekit(&server);
    cmd.args(["upload", "-r"]).arg(&dir).args(["--folder", "/site"]);
    assert_eq!(run(cmd).code, 0);
    put_remote_only(&server, name);
    (server, dir)
}

fn deletes(server: &MockServer) -> usize {
    server.requests().iter().filter(|r| r.method == "DELETE").count()
}

#[test]
fn sync_delete_asks_on_a_terminal_and_refuses_off_one_without_yes() {
    let (server, dir) = with_remote_only("confirm");
    let before = server.files();
    assert_eq!(before.len(), 7);
    server.clear_requests();
    let sync = || {
        let mut cmd = imagekit(&server);
        cmd.arg("sync").arg(&dir).args(["/site", "--delete"]);
        cmd
    };

    // "n": nothing deleted, nothing changed, a non-zero exit.
    let mut t = OnTerminal::spawn(sync());
    t.expect("[y/N]");
    assert!(t.text().contains("Delete 3 remote file(s)"), "{}", t.text());
    t.type_line("n");
    let (code, shown) = t.finish();
    assert_eq!(code, 2, "{shown}");
    assert!(
        shown.contains("not confirmed") && shown.contains("nothing was changed"),
        "{shown}"
    );
    assert_eq!(deletes(&server), 0);
    assert_eq!(server.files(), before);

    // Off a terminal, without --yes: refused even when stdin says "y".
    let mut cmd = sync();
    cmd.stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped());
    let mut child = cmd.spawn().unwrap();
    let _ = child.stdin.take().unwrap().write_all(b"y\n");
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("--yes") && stderr.contains("nothing was changed"),
        "{stderr}"
    );
    assert!(!stderr.contains("[y/N]"), "asked off a terminal: {stderr}");
    assert_eq!(deletes(&server), 0);
    assert_eq!(server.files(), before);

    // "y": the three remote-only files are deleted, the rest kept.
    let mut t = OnTerminal::spawn(sync());
    t.expect("[y/N]");
    t.type_line("y");
    let (code, shown) = t.finish();
    assert_eq!(code, 0, "{shown}");
    assert_eq!(deletes(&server), 3);
    let after = server.files();
    assert_eq!(after.len(), 4, "{shown}");
    assert!(after
        .iter()
        .all(|f| !f["filePath"].as_str().unwrap().starts_with("/site/gone/")));
}
