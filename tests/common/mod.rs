//! A real pseudo-terminal for end-to-end tests: spawn the annals binary in it, read its
//! output into a vt100 screen, type keys, and hang up (close the master, as sshd does when
//! a connection drops). All I/O goes through the master's own descriptor, so closing it
//! really hangs the terminal up.

pub mod big;

use annals::app::{Action, App, update};
use annals::load::load_bundled;
use assert_cmd::Command;
use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};
use std::num::NonZeroU16;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// One program running in a pty.
pub struct Pty {
    pub parser: vt100::Parser,
    pub raw: Vec<u8>,
    master: Option<Box<dyn MasterPty + Send>>,
    pub child: Box<dyn Child + Send + Sync>,
}

/// The annals binary under test.
pub fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_annals")
}

/// The tests' own cache folder, so that no run of annals touches the user's cache.
pub fn test_cache() -> PathBuf {
    std::env::temp_dir().join("annals-robust-cache")
}

/// The annals binary as a command, caching in `test_cache()` (set `XDG_CACHE_HOME` again
/// to give a test a cache of its own).
pub fn annals() -> Command {
    let mut c = Command::cargo_bin("annals").expect("binary built");
    c.env("XDG_CACHE_HOME", test_cache())
        .env_remove("ANNALS_CACHE");
    c
}

/// The explorer's state on the bundled timeline in a `size` (columns, rows) terminal,
/// after `actions` went through `update`.
pub fn app(size: (u16, u16), actions: &[Action]) -> App {
    let mut a = App::new(load_bundled().timeline, "bundled", size);
    for x in actions.iter().cloned() {
        update(&mut a, x);
    }
    a
}

impl Pty {
    /// Run `sh -c script` (with the annals binary as `$0`) in a `cols`×`rows` pty, with
    /// sessions kept under `state`.
    pub fn sh(script: &str, cols: u16, rows: u16, state: &Path) -> Pty {
        let mut cmd = CommandBuilder::new("sh");
        cmd.args(["-c", script, bin()]);
        Pty::spawn(cmd, cols, rows, state)
    }

    /// The explorer on `file` in a `cols`×`rows` pty, with `state` as its state and cache home.
    pub fn explore(file: &Path, cols: u16, rows: u16, state: &Path) -> Pty {
        Pty::sh(
            &format!("exec \"$0\" '{}'", file.display()),
            cols,
            rows,
            state,
        )
    }

    /// Run `cmd` in a `cols`×`rows` pty, with sessions kept under `state`.
    pub fn spawn(mut cmd: CommandBuilder, cols: u16, rows: u16, state: &Path) -> Pty {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pty");
        cmd.env("TERM", "xterm-256color");
        cmd.env("LANG", "C.UTF-8");
        cmd.env_remove("LC_ALL");
        cmd.env_remove("LC_CTYPE");
        cmd.env("XDG_STATE_HOME", state);
        cmd.env("XDG_CACHE_HOME", state.join("cache"));
        cmd.env_remove("NO_COLOR");
        let child = pty.slave.spawn_command(cmd).expect("spawn");
        drop(pty.slave);
        Pty {
            parser: vt100::Parser::new(
                NonZeroU16::new(rows).unwrap(),
                NonZeroU16::new(cols).unwrap(),
                0,
            ),
            raw: Vec::new(),
            master: Some(pty.master),
            child,
        }
    }

    fn fd(&self) -> i32 {
        self.master
            .as_ref()
            .and_then(|m| m.as_raw_fd())
            .expect("pty still open")
    }

    /// Read whatever the program wrote within `wait`.
    pub fn pump(&mut self, wait: Duration) {
        let Some(m) = &self.master else { return };
        let fd = m.as_raw_fd().unwrap();
        let mut p = libc::pollfd {
            fd,
            events: libc::POLLIN,
            revents: 0,
        };
        // SAFETY: one valid pollfd.
        if unsafe {
            libc::poll(
                &mut p,
                1,
                i32::try_from(wait.as_millis()).unwrap_or(i32::MAX),
            )
        } <= 0
        {
            return;
        }
        let mut buf = [0u8; 16384];
        // SAFETY: reading into a local buffer of the given length.
        let n = unsafe { libc::read(fd, buf.as_mut_ptr().cast(), buf.len()) };
        if n > 0 {
            self.parser
                .process(&buf[..usize::try_from(n).expect("a count read")]);
            self.raw
                .extend_from_slice(&buf[..usize::try_from(n).expect("a count read")]);
        }
    }

    /// Start the screen over from blank with only the output after the first `marker`, so
    /// that a following `wait_for` needs text drawn after it, not text still on screen.
    pub fn forget_before(&mut self, marker: &str) {
        let at = self
            .raw
            .windows(marker.len())
            .position(|w| w == marker.as_bytes())
            .expect("the marker in the output")
            + marker.len();
        let (rows, cols) = self.parser.screen().size();
        self.parser = vt100::Parser::new(rows, cols, 0);
        self.parser.process(&self.raw[at..]);
    }

    /// The screen's text.
    pub fn screen(&self) -> String {
        self.parser.screen().contents()
    }

    /// Wait until the screen shows every one of `texts`.
    pub fn wait_for(&mut self, texts: &[&str]) {
        let start = Instant::now();
        loop {
            self.pump(Duration::from_millis(20));
            let s = self.screen();
            if texts.iter().all(|t| s.contains(t)) {
                return;
            }
            if start.elapsed() > Duration::from_secs(10) {
                panic!("timed out waiting for {texts:?}; screen:\n{s}");
            }
        }
    }

    /// Type `keys` without reading what comes back.
    pub fn send(&mut self, keys: &str) {
        let fd = self.fd();
        let b = keys.as_bytes();
        // SAFETY: writing a byte slice of the given length.
        let n = unsafe { libc::write(fd, b.as_ptr().cast(), b.len()) };
        assert_eq!(usize::try_from(n).ok(), Some(b.len()));
    }

    /// Write `bytes` however many there are (a long paste fills the pty's buffer: keep
    /// reading the screen while writing).
    pub fn send_all(&mut self, bytes: &[u8]) {
        let fd = self.fd();
        let mut rest = bytes;
        let start = Instant::now();
        while !rest.is_empty() {
            // SAFETY: writing a byte slice of the given length.
            let n = unsafe { libc::write(fd, rest.as_ptr().cast(), rest.len().min(1024)) };
            if n > 0 {
                rest = &rest[usize::try_from(n).expect("a count written")..];
            }
            self.pump(Duration::from_millis(5));
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "the program stopped reading"
            );
        }
    }

    /// Type `keys`.
    pub fn keys(&mut self, keys: &str) {
        let fd = self.fd();
        let b = keys.as_bytes();
        // SAFETY: writing a byte slice of the given length.
        let n = unsafe { libc::write(fd, b.as_ptr().cast(), b.len()) };
        assert_eq!(usize::try_from(n).ok(), Some(b.len()));
        // Let the program take each batch of keys before the next one.
        self.pump(Duration::from_millis(50));
    }

    /// Hang up: close the master, as sshd does when the connection drops.
    pub fn hang_up(&mut self) {
        self.master = None;
    }

    /// Wait up to `limit` for the program to exit; its exit code.
    pub fn exit_within(&mut self, limit: Duration) -> Option<u32> {
        let start = Instant::now();
        while start.elapsed() < limit {
            if let Some(status) = self.child.try_wait().unwrap() {
                return Some(status.exit_code());
            }
            self.pump(Duration::from_millis(20));
        }
        None
    }
}

impl Drop for Pty {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Run annals with `args` (and `env`), killed after `limit`: exit code (None if it had
/// to be killed), stderr, and its peak memory in MB.
pub fn bounded(args: &[&str], env: &[(&str, &str)], limit: Duration) -> (Option<i32>, String, u64) {
    use std::io::Read;
    let mut c = std::process::Command::new(bin());
    c.args(args)
        .envs(env.iter().copied())
        .env("XDG_CACHE_HOME", test_cache())
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped());
    // Reaped below by waitpid, after its peak memory was read from /proc.
    #[allow(clippy::zombie_processes)]
    let mut child = c.spawn().unwrap();
    let pid = i32::try_from(child.id()).expect("a pid fits in i32");
    let killer = std::thread::spawn(move || {
        std::thread::sleep(limit);
        // SAFETY: signalling our own child (already reaped: a harmless ESRCH or a no-op).
        unsafe { libc::kill(pid, libc::SIGKILL) };
    });
    // Peak memory from the child's own VmHWM, polled while it runs: wait4's ru_maxrss
    // would count this test process's memory too (Linux carries the high-water mark of the
    // address space a child was spawned from across its exec), and other tests in this
    // binary may hold a lot of it.
    let peak = std::sync::Arc::new(std::sync::atomic::AtomicU64::new(0));
    let watcher = {
        let peak = peak.clone();
        std::thread::spawn(move || {
            let status = format!("/proc/{pid}/status");
            while let Ok(s) = std::fs::read_to_string(&status) {
                let kb = s
                    .lines()
                    .find_map(|l| l.strip_prefix("VmHWM:"))
                    .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok());
                match kb {
                    Some(kb) => {
                        peak.fetch_max(kb, std::sync::atomic::Ordering::Relaxed);
                    }
                    None => break, // a zombie: it has exited
                }
                std::thread::sleep(Duration::from_millis(1));
            }
        })
    };
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    watcher.join().unwrap();
    let mut status = 0;
    unsafe { libc::waitpid(pid, &mut status, 0) };
    drop(killer);
    let code = libc::WIFEXITED(status).then(|| libc::WEXITSTATUS(status));
    (
        code,
        err,
        peak.load(std::sync::atomic::Ordering::Relaxed) / 1024,
    )
}

/// The whole screen of `a` drawn with `theme` into a test buffer of the app's size.
pub fn buffer(a: &App, theme: annals::ui::Theme) -> ratatui::buffer::Buffer {
    use annals::ui::Screen;
    let (w, h) = a.view.size;
    let mut term = ratatui::Terminal::new(ratatui::backend::TestBackend::new(w, h)).unwrap();
    term.draw(|f| f.render_widget(Screen { app: a, theme }, f.area()))
        .unwrap();
    term.backend().buffer().clone()
}

/// A buffer as text, one line per row (trailing spaces cut).
pub fn text(buf: &ratatui::buffer::Buffer) -> String {
    let w = usize::from(buf.area.width);
    let cells: Vec<&str> = buf.content.iter().map(|c| c.symbol()).collect();
    cells
        .chunks(w)
        .map(|row| row.concat().trim_end().to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Run the filter job an update asked for to the end, delivering its results as messages.
pub fn finish(a: &mut App, fx: annals::app::Effects) {
    if let Some(job) = fx.scan {
        let mut results = Vec::new();
        annals::query::scan::run(&job, &a.data.index.clone(), &|| false, &mut |r| {
            results.push(r)
        });
        for r in results {
            update(a, annals::app::Msg::Scanned(r));
        }
    }
}
