//! A minimal pseudo-terminal driver: the shells under test believe a person is typing,
//! so they run interactively and fire their real prompt hooks.

use nix::pty::{Winsize, openpty};
use std::fs::File;
use std::io::{Read, Write};
use std::os::fd::{AsFd, OwnedFd};
use std::os::unix::process::CommandExt;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub struct Pty {
    master: File,
    child: Child,
    pending: Vec<u8>,
    /// How much of `log` has been searched for questions to the terminal.
    asked: usize,
    /// Everything the terminal showed, for failure messages.
    pub log: Vec<u8>,
}

impl Pty {
    pub fn spawn(mut cmd: Command) -> Pty {
        let ws = Winsize {
            ws_row: 50,
            ws_col: 500,
            ws_xpixel: 0,
            ws_ypixel: 0,
        };
        let pty = openpty(&ws, None).expect("openpty");
        let slave: OwnedFd = pty.slave;
        cmd.stdin(Stdio::from(slave.try_clone().unwrap()))
            .stdout(Stdio::from(slave.try_clone().unwrap()))
            .stderr(Stdio::from(slave));
        // SAFETY: only async-signal-safe calls between fork and exec.
        unsafe {
            cmd.pre_exec(|| {
                nix::unistd::setsid().map_err(std::io::Error::from)?;
                if nix::libc::ioctl(0, nix::libc::TIOCSCTTY as _, 0) != 0 {
                    return Err(std::io::Error::last_os_error());
                }
                Ok(())
            });
        }
        let child = cmd.spawn().expect("spawn shell");
        drop(cmd);
        Pty {
            master: File::from(pty.master),
            child,
            pending: Vec::new(),
            asked: 0,
            log: Vec::new(),
        }
    }

    pub fn send(&mut self, bytes: &[u8]) {
        self.master.write_all(bytes).expect("write to pty");
    }

    /// Reads until `pat` has been seen; returns what came before it and `pat` itself.
    pub fn read_until(&mut self, pat: &[u8], timeout: Duration) -> Result<Vec<u8>, String> {
        let deadline = Instant::now() + timeout;
        loop {
            if let Some(i) = find(&self.pending, pat) {
                return Ok(self.pending.drain(..i + pat.len()).collect());
            }
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return Err(format!(
                    "timed out waiting for {:?}",
                    String::from_utf8_lossy(pat)
                ));
            }
            let ms = left.as_millis().min(i32::MAX as u128) as i32;
            let mut fds = [nix::poll::PollFd::new(
                self.master.as_fd(),
                nix::poll::PollFlags::POLLIN,
            )];
            match nix::poll::poll(&mut fds, nix::poll::PollTimeout::try_from(ms).unwrap()) {
                Ok(0) => continue,
                Ok(_) => {}
                Err(nix::errno::Errno::EINTR) => continue,
                Err(e) => return Err(format!("poll: {e}")),
            }
            let mut buf = [0u8; 8192];
            match self.master.read(&mut buf) {
                Ok(0) | Err(_) => {
                    return Err(format!(
                        "the shell exited while waiting for {:?}",
                        String::from_utf8_lossy(pat)
                    ));
                }
                Ok(n) => {
                    self.pending.extend_from_slice(&buf[..n]);
                    self.log.extend_from_slice(&buf[..n]);
                    self.answer();
                }
            }
        }
    }

    /// Answers where the cursor is (`ESC[6n`), as a terminal does: nushell's line editor
    /// asks before every prompt and waits for the answer. The cursor is said to be at the
    /// start of the screen; the tests read text, not places.
    fn answer(&mut self) {
        const ASK: &[u8] = b"\x1b[6n";
        let from = self.asked.saturating_sub(ASK.len() - 1);
        let n = self.log[from..]
            .windows(ASK.len())
            .filter(|w| *w == ASK)
            .count();
        self.asked = self.log.len();
        for _ in 0..n {
            self.send(b"\x1b[1;1R");
        }
    }

    /// Drains what arrives within `d` (for checking that nothing more came).
    pub fn drain_for(&mut self, d: Duration) -> Vec<u8> {
        let _ = self.read_until(b"\x00never\x00", d);
        std::mem::take(&mut self.pending)
    }

    /// The exit code, once the process has ended.
    pub fn wait(&mut self) -> Option<i32> {
        self.child.wait().ok().and_then(|s| s.code())
    }

    pub fn is_alive(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(None))
    }
}

/// Ends the shell and everything it started (a child shell, a job), on every path, a
/// failed assertion's unwinding too: the shell is the leader of a session of its own, so
/// every process still in that session is killed, then the shell is reaped. Killing the
/// shell alone left child xonsh and nushell sessions running with their parent gone.
impl Drop for Pty {
    fn drop(&mut self) {
        let sid = self.child.id() as i32;
        // The shell first, so it starts nothing more (its prompt hook, say); then what is
        // left in its session, until nothing is.
        let _ = self.child.kill();
        for _ in 0..50 {
            let left = in_session(sid);
            if left.is_empty() {
                break;
            }
            for pid in left {
                let _ = nix::sys::signal::kill(
                    nix::unistd::Pid::from_raw(pid),
                    nix::sys::signal::Signal::SIGKILL,
                );
            }
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        let _ = self.child.wait();
    }
}

/// The processes whose session is `sid`, from /proc (field 6 of `stat`, after the
/// command name in parentheses, which may itself hold spaces and parentheses).
fn in_session(sid: i32) -> Vec<i32> {
    let Ok(rd) = std::fs::read_dir("/proc") else {
        return Vec::new();
    };
    rd.flatten()
        .filter_map(|e| {
            let pid: i32 = e.file_name().to_str()?.parse().ok()?;
            let stat = std::fs::read_to_string(e.path().join("stat")).ok()?;
            let rest = &stat[stat.rfind(')')? + 1..];
            let session: i32 = rest.split_whitespace().nth(3)?.parse().ok()?;
            // A zombie (state Z) is dead already: its parent reaps it.
            let state = rest.split_whitespace().next()?;
            (session == sid && pid != sid && state != "Z").then_some(pid)
        })
        .collect()
}

pub fn find(hay: &[u8], pat: &[u8]) -> Option<usize> {
    if pat.is_empty() || hay.len() < pat.len() {
        return None;
    }
    hay.windows(pat.len()).position(|w| w == pat)
}
