//! Hostile text (tests/fixtures/hostile): escape sequences, C1 controls, DEL and bidi
//! overrides in every text field, NUL bytes, invalid UTF-8, huge lines. Every command and
//! the explorer in a real pty must show them as visible escapes — never pass a control
//! byte from the data to the terminal — while JSON keeps the text exactly.

use crate::common;

use assert_cmd::Command;
use std::path::{Path, PathBuf};
use std::time::Duration;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/hostile")
        .join(name)
}

const LOADS: [&str; 3] = ["escapes.ron", "raw_controls.ron", "bidi.ron"];
const FAILS: [&str; 3] = ["nul.ron", "invalid_utf8.ron", "control_in_id.ron"];

/// The first char a terminal would act on, other than the newlines (and tabs) a format
/// itself writes, with its position.
fn unsafe_char(text: &str, allow_tab: bool) -> Option<(usize, char)> {
    text.char_indices().find(|&(_, c)| {
        c != '\n' && !(allow_tab && c == '\t') && annals::domain::text::is_unsafe(c)
    })
}

fn run(args: &[&str]) -> (String, String, i32) {
    let out = Command::cargo_bin("annals")
        .unwrap()
        .args(args)
        .env(
            "XDG_CACHE_HOME",
            std::env::temp_dir().join("annals-hostile-cache"),
        )
        .output()
        .unwrap();
    let text = |b: &[u8]| String::from_utf8(b.to_vec()).expect("annals writes UTF-8");
    (
        text(&out.stdout),
        text(&out.stderr),
        out.status.code().unwrap_or(-1),
    )
}

fn assert_clean(what: &str, text: &str) {
    if let Some((at, c)) = unsafe_char(text, false) {
        let from = at.saturating_sub(40);
        panic!(
            "{what}: raw U+{:04X} at byte {at}: …{:?}…",
            c as u32,
            &text[from..at + 8]
        );
    }
}

#[test]
fn every_human_readable_output_shows_escapes_instead_of_acting_on_them() {
    for name in LOADS {
        let f = fixture(name);
        let f = f.to_str().unwrap();
        for args in [
            vec!["check", f],
            vec!["search", f, "event"],
            vec!["search", f, "alice"],
            vec!["export", f, "--format", "markdown"],
            vec![f], // not a terminal: the summary
        ] {
            let (out, err, code) = run(&args);
            assert_eq!(code, 0, "{args:?}: {err}");
            assert_clean(&format!("{args:?} stdout"), &out);
            assert_clean(&format!("{args:?} stderr"), &err);
            assert!(!out.trim().is_empty(), "{args:?} printed nothing");
        }
        let (md, _, _) = run(&["export", f, "--format", "markdown"]);
        if name != "bidi.ron" {
            assert!(md.contains("^[]0;pwned^G"), "{name}: escapes are visible");
        } else {
            assert!(
                md.contains("<U+202E>evil<U+202C>"),
                "{name}: overrides are visible"
            );
        }
    }
}

#[test]
fn diagnostics_never_carry_raw_control_bytes() {
    for name in FAILS {
        let f = fixture(name);
        let (out, err, code) = run(&["check", f.to_str().unwrap()]);
        assert_eq!(code, 1, "{name}: {err}");
        assert_clean(&format!("{name} stderr"), &err);
        assert_clean(&format!("{name} stdout"), &out);
        assert!(err.contains(&format!("{name}:")), "{name}: {err}");
    }
    let (_, err, _) = run(&["check", fixture("control_in_id.ron").to_str().unwrap()]);
    assert!(err.contains("bad^[]0;pwned^Gid"), "{err}");
    assert!(err.contains("unknown person `who^[[2J`"), "{err}");
    assert!(
        err.contains(
            "event id `rtl<U+202E>di` contains whitespace, control, bidirectional or invisible"
        ),
        "{err}"
    );
    assert!(
        err.contains("event id `zero\u{200b}width` contains"),
        "{err}"
    );
}

#[test]
fn json_keeps_the_text_exactly_and_escapes_what_a_terminal_acts_on() {
    for name in LOADS {
        let f = fixture(name);
        let (json, _, code) = run(&["export", f.to_str().unwrap(), "--format", "json"]);
        assert_eq!(code, 0);
        assert_clean(name, &json);
        let loaded = annals::load::load_path(&f).unwrap().timeline;
        let v: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(v["title"].as_str().unwrap(), loaded.title, "{name}");
        let e = loaded.event(0);
        assert_eq!(
            v["events"][0]["summary"].as_str().unwrap(),
            e.summary(),
            "{name}"
        );
        assert_eq!(
            v["events"][0]["citations"][0]["quote"].as_str().unwrap(),
            e.citations().next().unwrap().quote().unwrap()
        );
        // And it loads back to the same text.
        let again = annals::load::load_bytes(json.as_bytes(), "x.json", annals::load::Format::Json)
            .unwrap()
            .timeline;
        assert_eq!(again.title, loaded.title);
        assert_eq!(again.event(0).summary(), e.summary());
        let (search_json, _, _) = run(&["search", f.to_str().unwrap(), "event", "-f", "json"]);
        assert_clean(name, &search_json);
    }
}

#[test]
fn csv_is_exact_in_a_pipe() {
    let f = fixture("raw_controls.ron");
    let (csv, _, code) = run(&["export", f.to_str().unwrap(), "--format", "csv"]);
    assert_eq!(code, 0);
    assert!(
        csv.contains("\u{1b}]0;pwned\u{7}"),
        "piped CSV is data, byte for byte"
    );
}

#[test]
fn huge_lines_load_and_print_safely() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("huge.ron");
    let chunk = r"word \u{1b}[2J \u{202e} ";
    let title: String = chunk.repeat(2_000_000 / chunk.len());
    std::fs::write(
        &f,
        format!(
            "Timeline(title: \"big\", sources: [Source(id: \"s\", title: \"t\")], events: [\
             Event(id: \"e\", date: \"2000\", title: \"{title}\", \
             citations: [Cite(source: \"s\")])])"
        ),
    )
    .unwrap();
    let (out, err, code) = run(&["search", f.to_str().unwrap(), "word"]);
    assert_eq!(code, 0, "{err}");
    assert_clean("huge search", &out);
    assert!(out.len() > 1_000_000);
    // A huge line of garbage: a positioned error, promptly.
    let g = dir.path().join("garbage.ron");
    std::fs::write(
        &g,
        "Timeline(title: ".to_string() + &"\u{1b}x".repeat(1_000_000),
    )
    .unwrap();
    let (_, err, code) = run(&["check", g.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(err.starts_with(&format!("{}:1:", g.display())), "{err}");
    assert_clean("garbage", &err);
}

#[test]
fn the_explorer_shows_hostile_text_as_escapes_in_a_pty() {
    for name in LOADS {
        let state = tempfile::tempdir().unwrap();
        let mut p = common::Pty::explore(&fixture(name), 120, 36, state.path());
        p.wait_for(&["Timeline · 2"]);
        // Both events, the detail, the people and sources panes.
        for keys in ["j", "k", "\r", "j", "j", "\t", "\t", "j", "\t", "j", "\t"] {
            p.keys(keys);
        }
        p.pump(Duration::from_millis(200));
        let screen = p.screen();
        if name == "bidi.ron" {
            assert!(screen.contains("<U+202E>"), "{name}:\n{screen}");
        } else {
            assert!(screen.contains("^["), "{name}:\n{screen}");
        }
        p.keys("q");
        assert_eq!(p.exit_within(Duration::from_secs(5)), Some(0));
        let raw = String::from_utf8_lossy(&p.raw);
        assert!(
            !raw.contains("pwned\u{7}") && !raw.contains("\u{1b}]0;"),
            "{name}: an OSC"
        );
        assert!(!raw.contains('\u{7}'), "{name}: a BEL reached the terminal");
        assert!(!raw.contains("\u{1b}[2J\u{1b}[31m"), "{name}: planted CSI");
        for c in raw.chars() {
            let u = c as u32;
            assert!(
                !(0x80..=0x9f).contains(&u)
                    && !(0x202a..=0x202e).contains(&u)
                    && !(0x2066..=0x2069).contains(&u),
                "{name}: U+{u:04X} reached the terminal"
            );
        }
    }
}

#[test]
fn a_query_error_shows_the_query_escaped_with_the_caret_under_the_column() {
    let bundled = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/qalibaf.ron");
    let (out, err, code) = run(&["search", bundled, "\u{1b}[2J", "persn:y"]);
    assert_eq!(code, 2, "{err}");
    assert!(out.is_empty());
    assert_clean("query error", &err);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines[1], "  ^[[2J persn:y", "{err}");
    // `persn:` is at column 6 as typed (5 characters before it), 6 columns in as shown.
    assert_eq!(lines[2], format!("  {}^", " ".repeat(6)), "{err}");
}

/// What a command wrote to a terminal, run in a pty with `env`; and its exit code.
fn on_a_tty(args: &[&str], env: &[(&str, &str)]) -> (String, String, Option<u32>) {
    let state = tempfile::tempdir().unwrap();
    let mut cmd = portable_pty::CommandBuilder::new(common::bin());
    cmd.args(args);
    cmd.cwd(env!("CARGO_MANIFEST_DIR"));
    cmd.env_remove("RUST_BACKTRACE");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let mut p = common::Pty::spawn(cmd, 120, 40, state.path());
    let code = p.exit_within(Duration::from_secs(20));
    p.pump(Duration::from_millis(100));
    (
        String::from_utf8_lossy(&p.raw).into_owned(),
        p.screen(),
        code,
    )
}

const EVIL: &str = "\u{1b}]0;PWN\u{7}\u{1b}[2J\u{9b}31m";

/// No byte of `EVIL` acts on the terminal: no OSC, no BEL, no clear, no C1 CSI.
fn assert_inert(raw: &str) {
    for bad in ["\u{1b}]0;PWN", "\u{7}", "\u{1b}[2J", "\u{9b}"] {
        assert!(!raw.contains(bad), "{bad:?} reached the terminal: {raw:?}");
    }
}

#[test]
fn a_panic_in_any_command_prints_its_message_escaped() {
    for args in [
        &["check", "assets/qalibaf.ron"][..],
        &["search", "pincer"],
        &["export", "--format", "csv"],
        &["assets/qalibaf.ron"],
    ] {
        let msg = format!("boom {EVIL}");
        let (raw, screen, code) = on_a_tty(args, &[("ANNALS_DEBUG_PANIC_MESSAGE", &msg)]);
        assert_eq!(code, Some(101), "{args:?}: {screen}");
        assert_inert(&raw);
        assert!(
            raw.contains("internal error (a bug): boom ^[]0;PWN^G^[[2J<U+009B>31m"),
            "{args:?}: {raw:?}"
        );
    }
}

#[test]
fn rejected_arguments_are_escaped_on_a_terminal() {
    let evil = format!("--evil{EVIL}");
    for args in [
        &["check", evil.as_str()][..],
        &[evil.as_str()],
        &["export", "--format", evil.as_str()],
    ] {
        let (raw, screen, code) = on_a_tty(args, &[]);
        assert_eq!(code, Some(2), "{args:?}: {screen}");
        assert_inert(&raw);
        // clap strips the escape sequences it recognises; what is left is made visible.
        assert!(
            raw.contains("--evil") && raw.contains("<U+009B>31m"),
            "{raw:?}"
        );
    }
    // Help still works and goes to stdout.
    let (_, screen, code) = on_a_tty(&["--help"], &[]);
    assert_eq!(code, Some(0));
    assert!(screen.contains("Usage"), "{screen}");
}
