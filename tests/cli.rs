//! The real binary on good and bad files: exit codes and `PATH:LINE:COL` diagnostics.

use std::path::PathBuf;

use crate::common::{self, annals};
#[path = "cli/context.rs"]
mod context;
#[path = "cli/date.rs"]
mod date;
#[path = "cli/export.rs"]
mod export;
#[path = "cli/overlap.rs"]
mod overlap;

/// Write `body` to a file named `name` in a new temp dir (kept while the dir lives).
fn fixture(name: &str, body: &[u8]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path: PathBuf = dir.path().join(name);
    std::fs::write(&path, body).unwrap();
    (dir, path)
}

/// Run annals with `args`; return (exit code, stdout, stderr).
fn run(args: &[&str]) -> (i32, String, String) {
    let out = annals().args(args).output().unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// Write `body` to a temp file named `name`, run `annals check` on it, return (code, stderr, path).
fn check(name: &str, body: &[u8]) -> (i32, String, String) {
    let (_dir, path) = fixture(name, body);
    let out = annals().arg("check").arg(&path).output().unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stderr).unwrap(),
        path.display().to_string(),
    )
}

const GOOD: &str = r#"Timeline(
    title: "t",
    people: [Person(id: "a", name: "A", born: "1960")],
    sources: [Source(id: "s", title: "S")],
    events: [
        Event(id: "e1", date: "1999", title: "one", people: ["a"],
              citations: [Cite(source: "s", locator: "¶1")]),
        Event(id: "e2", date: "2000", title: "two",
              citations: [Cite(source: "s")], links: [Link(to: "e1", kind: Refers)]),
    ],
)
"#;

/// (name, file body, expected exit, expected `LINE:COL: severity: message` fragment)
const CASES: &[(&str, &str, i32, &str)] = &[
    (
        "syntax",
        "Timeline(\n    title: \"t\"\n    events: [],\n)",
        1,
        ":3:5: error: ",
    ),
    (
        "unknown field",
        "Timeline(\n  title: \"t\",\n  evnts: [],\n)",
        1,
        ":3:",
    ),
    (
        "duplicate id",
        "Timeline(title: \"t\", sources: [Source(id: \"s\", title: \"S\")], events: [\n  Event(id: \"e\", date: \"1999\", title: \"x\", citations: [Cite(source: \"s\")]),\n  Event(id: \"e\", date: \"2000\", title: \"y\", citations: [Cite(source: \"s\")]),\n])",
        1,
        ":3:13: error: duplicate event id `e`",
    ),
    (
        "unknown person",
        "Timeline(title: \"t\", events: [\n  Event(id: \"e\", date: \"1999\", title: \"x\", people: [\"nobody\"]),\n])",
        1,
        ":2:53: error: unknown person `nobody`",
    ),
    (
        "unknown source",
        "Timeline(title: \"t\", events: [\n  Event(id: \"e\", date: \"1999\", title: \"x\",\n    citations: [Cite(source: \"nope\")]),\n])",
        1,
        ":3:30: error: unknown source `nope`",
    ),
    (
        "unknown event",
        "Timeline(title: \"t\", events: [\n  Event(id: \"e\", date: \"1999\", title: \"x\",\n    links: [Link(to: \"gone\", kind: Causes)]),\n])",
        1,
        ":3:22: error: link to unknown event `gone`",
    ),
    (
        "impossible date",
        "Timeline(title: \"t\", events: [\n  Event(id: \"e\", date: \"1999-13-40\", title: \"x\"),\n])",
        1,
        ":2:30: error: invalid date `1999-13-40`: there is no month 13",
    ),
    (
        "backwards interval",
        "Timeline(title: \"t\", events: [\n  Event(id: \"e\", date: \"2005/1997\", title: \"x\"),\n])",
        1,
        ":2:30: error: invalid date `2005/1997`: the end (1997) is before the start (2005)",
    ),
    (
        "bad id",
        "Timeline(title: \"t\", events: [\n  Event(id: \"has space\", date: \"1999\", title: \"x\"),\n])",
        1,
        ":2:13: error: event id `has space` contains whitespace",
    ),
    (
        "bad link kind",
        "Timeline(title: \"t\", events: [\n  Event(id: \"e\", date: \"1999\", title: \"x\", links: [Link(to: \"e\", kind: Because)]),\n])",
        1,
        ":2:",
    ),
    ("empty", "", 1, ":1:1: error: file is empty"),
    (
        "json in ron",
        "{\"title\": \"t\", \"events\": []}",
        1,
        "this looks like JSON",
    ),
    (
        "truncated",
        "Timeline(title: \"t\", events: [Event(id: \"e\", date: \"19",
        1,
        ":1:",
    ),
];

#[test]
fn every_error_class_has_its_diagnostic_and_exit_code() {
    for (what, body, code, fragment) in CASES {
        let (got, stderr, path) = check("t.ron", body.as_bytes());
        assert_eq!(got, *code, "{what}: {stderr}");
        // A position comes right after the path; a message (the JSON hint) anywhere.
        let want = if fragment.starts_with(':') {
            format!("{path}{fragment}")
        } else {
            fragment.to_string()
        };
        assert!(
            stderr.contains(&want),
            "{what}: expected `{fragment}` in:\n{stderr}"
        );
        assert!(
            stderr.lines().all(|l| l.starts_with(&path)),
            "{what}: every line is PATH:LINE:COL:\n{stderr}"
        );
        assert!(!stderr.contains("panicked"), "{what}: {stderr}");
    }
}

#[test]
fn unknown_field_is_named() {
    let (_, stderr, _) = check("t.ron", b"Timeline(\n  title: \"t\",\n  evnts: [],\n)");
    assert!(stderr.contains("evnts"), "{stderr}");
}

#[test]
fn reports_every_validation_problem_not_just_the_first() {
    let body = "Timeline(title: \"t\", events: [\n  Event(id: \"a\", date: \"1999-02-30\", title: \"x\", people: [\"p\"]),\n  Event(id: \"a\", date: \"1999\", title: \"y\", links: [Link(to: \"z\", kind: Related)]),\n])";
    let (code, stderr, _) = check("t.ron", body.as_bytes());
    assert_eq!(code, 1);
    let errors = stderr.lines().filter(|l| l.contains(": error: ")).count();
    assert_eq!(errors, 4, "{stderr}");
}

#[test]
fn binary_garbage_and_invalid_utf8_are_errors() {
    let (code, stderr, path) = check("t.ron", b"Timeline(\n  title: \"\xff\xfe\"");
    assert_eq!(code, 1);
    assert!(
        stderr.contains(&format!("{path}:2:11: error: file is not UTF-8")),
        "{stderr}"
    );
    let (code, stderr, _) = check("t.ron", b"\x7fELF\x02\x01\x01\x00\x00");
    assert_eq!(code, 1);
    assert!(
        stderr.contains(":1:8: error: file contains a NUL byte"),
        "{stderr}"
    );
}

#[test]
fn warnings_do_not_fail_the_check() {
    let body = "Timeline(title: \"t\", people: [Person(id: \"p\", name: \"P\", born: \"1961-08\", died: \"1990\")], events: [\n  Event(id: \"a\", date: \"1950\", title: \"x\", people: [\"p\"], links: [Link(to: \"a\", kind: Related)]),\n  Event(id: \"b\", date: \"1995\", title: \"y\", people: [\"p\"]),\n])";
    let (code, stderr, _) = check("t.ron", body.as_bytes());
    assert_eq!(code, 0, "{stderr}");
    for w in [
        ":2:53: warning: event `a` (1950) is before `p` was born (Aug 1961)",
        ": warning: event `a` cites no source",
        ": warning: event `a` links to itself",
        ":3:53: warning: event `b` (1995) is after `p` died (1990)",
    ] {
        assert!(stderr.contains(w), "missing {w} in:\n{stderr}");
    }
}

#[test]
fn optional_values_load_bare_or_wrapped_in_some() {
    let body = GOOD.replace("born: \"1960\"", "born: Some(\"1960\")");
    let (code, stderr, _) = check("t.ron", body.as_bytes());
    assert_eq!(code, 0, "{stderr}");
    let (code, stderr, _) = check("t.ron", GOOD.as_bytes());
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stderr, "");
}

#[test]
fn missing_file_is_an_io_error_with_exit_2() {
    annals()
        .args(["check", "/nonexistent/x.ron"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("/nonexistent/x.ron: error:"));
}

#[test]
fn usage_errors_exit_2() {
    annals().arg("check").assert().code(2);
    annals()
        .args(["export", "--format", "yaml"])
        .assert()
        .code(2);
    annals()
        .args(["search", "a |"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "query: column 3: `|` needs a term",
        ));
}

#[test]
fn check_of_several_files_reports_each() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good.ron");
    let bad = dir.path().join("bad.ron");
    std::fs::write(&good, GOOD).unwrap();
    std::fs::write(&bad, "Timeline(title: 3)").unwrap();
    let out = annals().arg("check").arg(&good).arg(&bad).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.contains("good.ron: ok: 2 events"), "{stdout}");
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("bad.ron:1:16: error:"), "{stderr}");
}

#[test]
fn search_text_json_rank_and_limit() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("t.ron");
    std::fs::write(&f, GOOD).unwrap();
    let f = f.to_str().unwrap();
    annals()
        .args(["search", f, "two"])
        .assert()
        .success()
        .stdout("2000  two  [e2]\n");
    let out = annals()
        .args([
            "search",
            f,
            "1999..2000",
            "--format",
            "json",
            "--limit",
            "1",
        ])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 1);
    assert_eq!(v[0]["id"], "e1");
    assert_eq!(v[0]["citations"][0]["locator"], "¶1");
}

#[test]
fn export_formats() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("t.ron");
    std::fs::write(&f, GOOD).unwrap();
    let run = |fmt: &str| {
        let out = annals()
            .args(["export", f.to_str().unwrap(), "--format", fmt])
            .output()
            .unwrap();
        assert!(out.status.success());
        String::from_utf8(out.stdout).unwrap()
    };
    let csv = run("csv");
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some(
            "id,date,when,earliest,latest,title,summary,people,people_names,places,tags,sources,source_titles,\
             citations,links,details"
        )
    );
    assert_eq!(
        lines.next(),
        Some("e1,1999,1999,1999-01-01,1999-12-31,one,,a,A,,,s,S,s ¶1,,")
    );
    assert_eq!(
        lines.next(),
        Some("e2,2000,2000,2000-01-01,2000-12-31,two,,,,,,s,S,s,Refers e1,")
    );
    let md = run("markdown");
    assert!(md.starts_with("# t\n"), "{md}");
    assert!(md.contains("## 1999\n\n### 1999 — one\n\n"), "{md}");
    assert!(md.contains("- **Sources:** [^1]\n"), "{md}");
    assert!(md.contains("\n[^1]: *S*, ¶1.\n"), "{md}");
    assert!(md.contains("- **Refers to:** one (1999)\n"), "{md}");
    assert!(md.contains("- **People:** A (aged 38–39)\n"), "{md}");
}

#[test]
fn search_words_after_the_file_form_one_query() {
    // `ghalibaf` is not a file, so both words are the query on the bundled data.
    let out = annals()
        .args(["search", "ghalibaf", "1999..1999"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("[suppression-1999]"), "{text}");
    // Nothing dated 2013; the pincer remark, "some time before 2013", may fall in 1999.
    assert!(!text.lines().any(|l| l.starts_with("2013")), "{text}");
    assert!(text.contains("[pincer-remark]"), "{text}");
    // A missing *.ron file is an I/O error, not a query.
    annals()
        .args(["search", "missing.ron", "x"])
        .assert()
        .code(2);
}

/// The complete example in the README's format reference stays valid.
#[test]
fn readme_example_checks_clean() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let start = readme
        .find("```ron\n")
        .expect("README has a ```ron example")
        + 7;
    let len = readme[start..].find("```").unwrap();
    let (code, stderr, _) = check("example.ron", &readme.as_bytes()[start..start + len]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stderr, "");
}

/// A valid file with exactly one warning (an event before a person's birth).
const WARNED: &str = r#"Timeline(title: "w",
    people: [Person(id: "p", name: "P", born: "1961-08")],
    sources: [Source(id: "s", title: "S")],
    events: [
        Event(id: "a", date: "1950", title: "early", people: ["p"], citations: [Cite(source: "s")]),
        Event(id: "b", date: "1985", title: "later", people: ["p"], citations: [Cite(source: "s")]),
    ],
)
"#;

#[test]
fn search_contract_file_guess_missing_file_no_query_and_no_match() {
    let (_dir, f) = fixture("t.ron", GOOD.as_bytes());
    let f = f.to_str().unwrap();
    // FILE alone lists every event.
    let (code, out, err) = run(&["search", f]);
    assert_eq!(
        (code, out.as_str()),
        (0, "1999  one  [e1]\n2000  two  [e2]\n"),
        "{err}"
    );
    // An existing file is the FILE whatever its name.
    let (_d2, plain) = fixture("timeline", GOOD.as_bytes());
    let (code, out, _) = run(&["search", plain.to_str().unwrap(), "two"]);
    assert_eq!((code, out.as_str()), (0, "2000  two  [e2]\n"));
    // A missing FILE (by its extension) is an error, alone or with a query, never a query.
    for args in [
        &["search", "missing.ron"][..],
        &["search", "missing.JSON", "x"],
    ] {
        let (code, out, err) = run(args);
        assert_eq!(code, 2, "{args:?}: {out}{err}");
        assert!(out.is_empty(), "{out}");
        assert!(
            err.starts_with(&format!("{}: error: no such file", args[1])),
            "{err}"
        );
        assert_eq!(err.lines().count(), 1, "{err}");
    }
    // No match exits 1 like grep: nothing on stdout ([] in JSON), nothing on stderr.
    let (code, out, err) = run(&["search", f, "zzzz"]);
    assert_eq!((code, out.as_str(), err.as_str()), (1, "", ""));
    let (code, out, _) = run(&["search", f, "zzzz", "--format", "json"]);
    assert_eq!((code, out.trim()), (1, "[]"));
    let (code, out, _) = run(&["search", "zzzzqqqxx"]);
    assert_eq!((code, out.as_str()), (1, ""));
    // A match exits 0 even when --limit prints fewer.
    let (code, out, _) = run(&["search", f, "1999..2000", "-n", "1"]);
    assert_eq!((code, out.lines().count()), (0, 1));
}

#[test]
fn search_and_export_print_data_warnings_only_when_asked_and_once() {
    let (_dir, f) = fixture("w.ron", WARNED.as_bytes());
    let f = f.to_str().unwrap();
    let warning = ":5:63: warning: event `a` (1950) is before `p` was born (Aug 1961)";
    let cases: [&[&str]; 3] = [
        &["search", f, "early"],
        &["export", f, "--format", "csv"],
        &["export", f, "--format", "markdown"],
    ];
    for args in cases {
        let (code, _, err) = run(args);
        assert_eq!((code, err.as_str()), (0, ""), "{args:?}");
        let asked: Vec<&str> = args.iter().copied().chain(["--warnings"]).collect();
        let (code, _, err) = run(&asked);
        assert_eq!(code, 0, "{asked:?}: {err}");
        assert_eq!(err.matches(": warning:").count(), 1, "{asked:?}: {err}");
        assert_eq!(err, format!("{f}{warning}\n"), "{asked:?}");
    }
    // On a terminal, one line says how many there are and how to see them.
    let state = tempfile::tempdir().unwrap();
    let script = format!("exec \"$0\" search '{f}' early >/dev/null");
    let mut p = common::Pty::sh(&script, 200, 5, state.path());
    p.wait_for(&[&format!(
        "annals: {f}: 1 warning (--warnings or `annals check {f}` shows it)"
    )]);
    assert_eq!(p.exit_within(std::time::Duration::from_secs(5)), Some(0));
    assert!(!p.screen().contains(": warning:"), "{}", p.screen());
    // `check` is where they belong: printed there, once.
    let (code, _, err) = run(&["check", f]);
    assert_eq!(code, 0);
    assert_eq!(err.matches(": warning:").count(), 1, "{err}");
    // A file named twice is checked twice, but each diagnostic is printed once.
    let (_, out, err) = run(&["check", f, f]);
    assert_eq!(out.lines().count(), 2, "{out}");
    assert_eq!(err.matches(": warning:").count(), 1, "{err}");
}

/// The ids `annals search ARGS…` prints, in order.
fn ids(args: &[&str]) -> Vec<String> {
    let (_, out, _) = run(&[&["search"], args].concat());
    out.lines()
        .filter_map(|l| {
            l.rsplit_once('[')
                .map(|(_, id)| id.trim_end_matches(']').to_string())
        })
        .collect()
}

#[test]
fn flags_filter_from_the_command_line_too() {
    // The bundled data: disputed events, quotes, contradicts links, each a real answer.
    let disputed = ids(&["is:disputed"]);
    assert!(
        disputed.contains(&"khatam-anbiya".to_string()),
        "{disputed:?}"
    );
    let quoted = ids(&["has:quote"]);
    assert!(quoted.contains(&"baton-remark".to_string()), "{quoted:?}");
    assert!(!ids(&["link:contradicts"]).is_empty());
    // A fixture of one's own, where the answers are known.
    let f = "tests/fixtures/apollo.ron";
    assert_eq!(ids(&[f, "link:contradicts"]), ["apollo11", "hoax"]);
    assert_eq!(ids(&[f, "is:disputed"]), ["apollo8", "apollo11", "hoax"]);
    assert_eq!(ids(&[f, "has:quote"]), ["moon-speech"]);
    assert_eq!(ids(&[f, "!has:link", "has:quote"]), ["moon-speech"]);
    // A typo in a flag says what it meant, exit 2.
    let (code, _, err) = run(&["search", f, "is:dispted"]);
    assert_eq!(code, 2);
    assert!(err.contains("did you mean is:disputed?"), "{err}");
}

#[test]
fn term_spellings_match_whole_words_from_the_command_line() {
    // `police` names the State Security Force; its alias NAJA must not match "Najaf".
    let police = ids(&["police"]);
    assert!(!police.is_empty());
    assert!(!police.contains(&"najaf-base".to_string()), "{police:?}");
    // The user's own term keeps substring semantics.
    assert!(ids(&["naja"]).contains(&"najaf-base".to_string()));
    // An acronym the data does not hold: nothing, exit 1, not a fuzzy flood.
    let (code, out, _) = run(&["search", "IRNA"]);
    assert_eq!((code, out.as_str()), (1, ""));
    // A typo found by the fallback says so on stderr.
    let (code, out, err) = run(&["search", "pincr"]);
    assert_eq!(code, 0);
    assert!(out.contains("pincer-remark"), "{out}");
    assert!(err.contains("~fuzzy"), "{err}");
}
