//! The real binary in a real pseudo-terminal (portable-pty + vt100): start, filter, open
//! the detail, follow a link, go back, quit — and the terminal is left as it was found.

use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

struct Term {
    parser: Arc<Mutex<vt100::Parser>>,
    raw: Arc<Mutex<Vec<u8>>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
}

impl Term {
    /// Run `sh -c SCRIPT` with the annals binary as `$0`, in a `cols`×`rows` pty.
    fn spawn(script: &str, cols: u16, rows: u16) -> Term {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pty");
        let mut cmd = CommandBuilder::new("sh");
        cmd.args(["-c", script, env!("CARGO_BIN_EXE_annals")]);
        cmd.env("TERM", "xterm-256color");
        cmd.env_remove("NO_COLOR");
        let child = pty.slave.spawn_command(cmd).expect("spawn annals");
        drop(pty.slave);
        let mut reader = pty.master.try_clone_reader().unwrap();
        let writer = pty.master.take_writer().unwrap();
        let parser = Arc::new(Mutex::new(vt100::Parser::new(
            NonZeroU16::new(rows).unwrap(),
            NonZeroU16::new(cols).unwrap(),
            0,
        )));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let (p, r) = (parser.clone(), raw.clone());
        std::thread::spawn(move || {
            let _master = pty.master;
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                p.lock().unwrap().process(&buf[..n]);
                r.lock().unwrap().extend_from_slice(&buf[..n]);
            }
        });
        Term {
            parser,
            raw,
            writer,
            child,
        }
    }

    fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    /// Wait until the screen shows every one of `texts`.
    fn wait_for(&self, texts: &[&str]) {
        let start = Instant::now();
        loop {
            let s = self.screen();
            if texts.iter().all(|t| s.contains(t)) {
                return;
            }
            if start.elapsed() > Duration::from_secs(10) {
                panic!("timed out waiting for {texts:?}; screen:\n{s}");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn keys(&mut self, bytes: &str) {
        self.writer.write_all(bytes.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }
}

impl Drop for Term {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}

#[test]
fn explore_follow_back_and_quit_restores_the_terminal() {
    let mut t = Term::spawn(r#""$0"; echo "EXIT=$?"; stty -a"#, 100, 30);
    t.wait_for(&["Timeline · 80", "q quit"]);
    {
        let p = t.parser.lock().unwrap();
        assert!(
            p.screen().alternate_screen(),
            "explorer runs on the alternate screen"
        );
        assert!(p.screen().hide_cursor(), "cursor hidden while exploring");
    }

    // Find the 1999 protests with the live filter.
    t.keys("/protests erupt");
    t.wait_for(&[
        "Timeline · 1/80",
        "Student protests erupt",
        "/protests erupt",
    ]);
    // Keep the filter, open the detail: who was there, how old, which sources.
    t.keys("\r");
    t.keys("\r");
    t.wait_for(&[
        "Detail · protests-1999",
        "Mohammad Bagher Qalibaf, aged 37",
        "→ causes",
    ]);
    // Pick the third link (the back-link from the 2013 retort) and follow it.
    t.keys("jjj");
    t.wait_for(&["› ← referred to by"]);
    t.keys("\r");
    t.wait_for(&["Detail · pincer-retort", "filter cleared"]);
    // Back (Backspace) to the protests.
    t.keys("\x7f");
    t.wait_for(&["Detail · protests-1999"]);

    t.keys("q");
    t.wait_for(&["EXIT=0", "icanon"]);
    let s = t.screen();
    let p = t.parser.lock().unwrap();
    assert!(
        !p.screen().alternate_screen(),
        "alternate screen left:\n{s}"
    );
    assert!(!p.screen().hide_cursor(), "cursor shown again");
    drop(p);
    let stty = s.split_whitespace().collect::<Vec<_>>();
    assert!(
        stty.contains(&"icanon") && stty.contains(&"echo"),
        "raw mode off:\n{s}"
    );
    let raw = t.raw.lock().unwrap();
    let text = String::from_utf8_lossy(&raw);
    assert!(text.contains("\x1b[?1049l"), "left the alternate screen");
}

#[test]
fn help_and_quit_from_a_prompt() {
    let mut t = Term::spawn(r#""$0"; echo "EXIT=$?""#, 80, 24);
    t.wait_for(&["Timeline · 80"]);
    t.keys("?");
    t.wait_for(&["any key closes", "back along jumps"]);
    t.keys("x");
    t.wait_for(&["q quit"]);
    t.keys("/pincer");
    t.wait_for(&["Timeline · 2/80"]);
    t.keys("\x03"); // Ctrl-c quits even while typing
    t.wait_for(&["EXIT=0"]);
    assert!(!t.parser.lock().unwrap().screen().alternate_screen());
}

#[test]
fn not_a_terminal_prints_a_summary() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_annals"))
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("80 events"), "{text}");
    assert!(
        !text.contains("\x1b["),
        "no escape codes when not a terminal"
    );
}
