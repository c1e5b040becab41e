//! `annals date`: each date's strict EDTF, level, bounds and reading, in JSON and text;
//! invalid dates reported with their column, the others still printed.

use super::run;
use crate::common::annals;
use serde_json::{Value, json};

/// Inputs of each level, with the answers they must give: (input, edtf, level, earliest,
/// latest).
fn table() -> Vec<(&'static str, &'static str, Value, Value, Value)> {
    let s = |x: &str| Value::String(x.to_string());
    vec![
        (
            "1985-04-12",
            "1985-04-12",
            json!(0),
            s("1985-04-12"),
            s("1985-04-12"),
        ),
        (
            "2001-21",
            "2001-21",
            json!(1),
            s("2001-03-01"),
            s("2001-05-31"),
        ),
        (
            "156X-12-25",
            "156X-12-25",
            json!(2),
            s("1560-12-25"),
            s("1569-12-25"),
        ),
        (
            "[1667,1668,1670..1672]",
            "[1667,1668,1670..1672]",
            json!(2),
            s("1667-01-01"),
            s("1672-12-31"),
        ),
        (
            "1985-04-12T23:20:30+04:30",
            "1985-04-12T23:20:30+04:30",
            json!(0),
            s("1985-04-12T23:20:30+04:30"),
            s("1985-04-12T23:20:30+04:30"),
        ),
        // Minutes without seconds: annals' extension, kept as written (no strict EDTF form
        // means the same minute).
        (
            "1985-04-12T10:10",
            "1985-04-12T10:10",
            serde_json::Value::Null,
            s("1985-04-12T10:10:00"),
            s("1985-04-12T10:10:59"),
        ),
        (
            "Y-17E7",
            "Y-17E7",
            json!(2),
            s("-170000000-01-01"),
            s("-170000000-12-31"),
        ),
        ("1985/", "1985/", json!(1), s("1985-01-01"), Value::Null),
        ("../1985", "../1985", json!(1), Value::Null, s("1985-12-31")),
        (
            "2005-07-25T10:10:10Z/2006-01-01T10:10:10Z",
            "2005-07-25T10:10:10Z/2006-01-01T10:10:10Z",
            Value::Null,
            s("2005-07-25T10:10:10+00:00"),
            s("2006-01-01T10:10:10+00:00"),
        ),
    ]
}

/// `annals date --format json ARGS…`: (exit code, parsed stdout, stderr).
fn json_of(args: &[&str]) -> (i32, Value, String) {
    let all: Vec<&str> = ["date", "--format", "json"]
        .iter()
        .chain(args)
        .copied()
        .collect();
    let (code, out, err) = run(&all);
    let v: Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}"));
    (code, v, err)
}

#[test]
fn json_gives_edtf_level_and_bounds_for_each_level() {
    let table = table();
    let inputs: Vec<&str> = table.iter().map(|r| r.0).collect();
    let (code, v, err) = json_of(&inputs);
    assert_eq!((code, err.as_str()), (0, ""));
    let rows = v.as_array().unwrap();
    assert_eq!(rows.len(), table.len());
    for (row, (input, edtf, level, earliest, latest)) in rows.iter().zip(&table) {
        let keys: Vec<&str> = row
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        let mut want = ["input", "edtf", "level", "earliest", "latest", "display"];
        want.sort_unstable();
        let mut got = keys.clone();
        got.sort_unstable();
        assert_eq!(got, want, "{input}");
        assert_eq!(row["input"], *input);
        assert_eq!(row["edtf"], *edtf, "{input}");
        assert_eq!(row["level"], *level, "{input}");
        assert_eq!(row["earliest"], *earliest, "{input}");
        assert_eq!(row["latest"], *latest, "{input}");
        assert!(
            row["display"].as_str().is_some_and(|d| !d.is_empty()),
            "{input}"
        );
    }
    assert_eq!(rows[0]["display"], "12 April 1985");
    assert_eq!(rows[7]["display"], "from 1985 to an unknown end");
}

#[test]
fn an_invalid_date_gives_its_error_and_column_and_the_others_still_print() {
    let (code, v, err) = json_of(&["1985", "1985-13", "2004"]);
    assert_eq!(code, 1);
    let rows = v.as_array().unwrap();
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[0]["edtf"], "1985");
    assert_eq!(rows[2]["edtf"], "2004");
    let bad = rows[1].as_object().unwrap();
    let mut keys: Vec<&str> = bad.keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(keys, ["column", "error", "input"]);
    assert_eq!(bad["input"], "1985-13");
    assert_eq!(bad["column"], 6);
    assert!(
        bad["error"].as_str().unwrap().contains("no month 13"),
        "{bad:?}"
    );
    // Reported on stderr as the project reports a position: PATH:LINE:COL: error: …
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.starts_with("<argument 2>:1:6: error: invalid date `1985-13`: there is no month 13"),
        "{err}"
    );
    // In text too: the valid ones on stdout, exit 1.
    let (code, out, err) = run(&["date", "1985", "1985-13", "2004"]);
    assert_eq!(code, 1);
    assert_eq!(out.lines().count(), 2, "{out}");
    assert!(err.starts_with("<argument 2>:1:6: error:"), "{err}");
}

#[test]
fn text_has_every_field_on_one_aligned_line_per_date() {
    let (code, out, err) = run(&["date", "1985-04-12T10:10", "1985/", "../1985", "Y-17E7"]);
    assert_eq!((code, err.as_str()), (0, ""), "{out}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 4, "{out}");
    assert_eq!(
        fields(lines[0]),
        [
            "1985-04-12T10:10",
            "→",
            "1985-04-12T10:10",
            "level extension",
            "1985-04-12T10:10:00 … 1985-04-12T10:10:59",
            "12 April 1985, 10:10"
        ]
    );
    // An unknown end is not an open one.
    let f = fields(lines[1]);
    assert_eq!(
        f[3..7],
        [
            "level 1",
            "1985-01-01",
            "… unknown",
            "from 1985 to an unknown end"
        ],
        "{out}"
    );
    let f = fields(lines[2]);
    assert_eq!(
        f[3..7],
        [
            "level 1",
            "..",
            "… 1985-12-31",
            "from an open start to 1985"
        ],
        "{out}"
    );
    assert_eq!(fields(lines[3])[3], "level 2", "{out}");
    // Columns line up: the arrow at the same place on every line.
    let at: Vec<usize> = lines.iter().map(|l| l.find('→').unwrap()).collect();
    assert!(at.windows(2).all(|w| w[0] == w[1]), "{out}");
    // The extension says so.
    let (_, out, _) = run(&["date", "2005-07-25T10:10:10Z/2006-01-01T10:10:10Z"]);
    assert!(out.contains("level extension"), "{out}");
}

#[test]
fn utc_moves_the_display_not_the_bounds() {
    let d = "1985-04-12T23:20:30+04:30";
    let (_, own, _) = json_of(&[d]);
    assert_eq!(own[0]["display"], "12 April 1985, 23:20:30 UTC+4:30");
    // A global flag: before or after the command.
    for args in [
        &["--utc", "date", "--format", "json", d][..],
        &["date", d, "-f", "json", "--utc"],
    ] {
        let (code, out, err) = run(args);
        assert_eq!(code, 0, "{args:?}: {err}");
        let v: Value = serde_json::from_str(&out).unwrap();
        assert_eq!(v[0]["display"], "12 April 1985, 18:50:30 UTC", "{args:?}");
        assert_eq!(v[0]["earliest"], own[0]["earliest"]);
        assert_eq!(v[0]["edtf"], d);
    }
    let (_, out, _) = run(&["date", "--utc", d]);
    assert!(out.ends_with("12 April 1985, 18:50:30 UTC\n"), "{out}");
}

#[test]
fn control_characters_in_an_input_are_escaped() {
    // A valid date cannot hold one; an invalid one is echoed on stderr, escaped.
    let (code, out, err) = run(&["date", "1985", "19\x1b[31m85"]);
    assert_eq!(code, 1);
    assert!(!out.contains('\x1b') && !err.contains('\x1b'), "{out}{err}");
    assert!(err.contains("invalid date `19^[[31m85`"), "{err}");
    // In JSON it is a \u escape, which decodes to the very same text.
    let out = annals()
        .args(["date", "-f", "json", "19\x1b85\u{202e}"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        !text.contains('\x1b') && !text.contains('\u{202e}'),
        "{text}"
    );
    let v: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v[0]["input"], "19\x1b85\u{202e}");
}

#[test]
fn without_dates_it_reads_lines_from_stdin() {
    let out = annals()
        .args(["date", "-f", "json"])
        .write_stdin("1985\n\n  2004-06~\r\n19x5\n")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let inputs: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["input"].as_str().unwrap())
        .collect();
    assert_eq!(inputs, ["1985", "2004-06~", "19x5"]);
    assert_eq!(v[1]["level"], 1);
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.starts_with("<stdin>:4:3: error: invalid date `19x5`"),
        "{err}"
    );
}

#[test]
fn a_negative_year_and_the_explorer_arguments() {
    let (code, out, _) = run(&["date", "-0043"]);
    assert_eq!(code, 0);
    assert!(out.contains("44 BCE"), "{out}");
    let (code, out, _) = run(&["date", "--", "-0043-03-15"]);
    assert_eq!(code, 0);
    assert!(out.contains("15 March 44 BCE"), "{out}");
    // The explorer's own arguments do not go with a command.
    let (code, _, err) = run(&["--mouse", "date", "1985"]);
    assert_eq!(code, 2);
    assert!(err.contains("--mouse is for the explorer"), "{err}");
    let (code, _, err) = run(&["tests/fixtures/apollo.ron", "search", "moon"]);
    assert_eq!(code, 2);
    assert!(
        err.starts_with("annals: error: `tests/fixtures/apollo.ron` is for the explorer"),
        "{err}"
    );
}

/// The fields of a text line: what two or more spaces separate.
fn fields(l: &str) -> Vec<&str> {
    l.split("  ")
        .filter(|f| !f.is_empty())
        .map(str::trim)
        .collect()
}

/// A timeline with times of day in an offset: event, link target, publication, citation.
const TIMED: &str = r#"Timeline(title: "t",
    sources: [Source(id: "s", title: "S", published: "1985-04-13T01:00+04:30")],
    events: [
        Event(id: "e", date: "1985-04-12T23:20:30+04:30", title: "late",
              citations: [Cite(source: "s", date: "1985-04-12T23:00+04:30")]),
        Event(id: "f", date: "1986", title: "next", citations: [Cite(source: "s")],
              links: [Link(to: "e", kind: Refers)]),
    ],
)
"#;

#[test]
fn utc_moves_the_times_search_and_markdown_show_not_the_data() {
    let (_dir, f) = super::fixture("t.ron", TIMED.as_bytes());
    let f = f.to_str().unwrap();
    let (code, out, _) = run(&["search", f, "late"]);
    assert_eq!(
        (code, out.as_str()),
        (0, "12 Apr 1985 23:20:30 UTC+4:30  late  [e]\n")
    );
    let (code, out, _) = run(&["--utc", "search", f, "late"]);
    assert_eq!(
        (code, out.as_str()),
        (0, "12 Apr 1985 18:50:30 UTC  late  [e]\n")
    );
    let (code, md, _) = run(&["export", f, "--format", "markdown", "--utc"]);
    assert_eq!(code, 0);
    for want in [
        "### 12 Apr 1985 18:50:30 UTC — late\n",
        "- **Refers to:** late (12 Apr 1985 18:50:30 UTC)\n",
        "[^1]: *S*, 12 Apr 1985 20:30 UTC. This source dates it 12 Apr 1985 18:30 UTC.\n",
    ] {
        assert!(md.contains(want), "{want} in:\n{md}");
    }
    assert!(!md.contains("+4:30"), "{md}");
    // The data stays as written.
    for format in ["csv", "json"] {
        let (_, plain, _) = run(&["export", f, "--format", format]);
        let (_, utc, _) = run(&["--utc", "export", f, "--format", format]);
        assert_eq!(plain, utc, "{format}");
        assert!(utc.contains("1985-04-12T23:20:30+04:30"), "{utc}");
    }
}

/// Every `$ annals date …` example in the README shows what annals prints (stdout, then
/// stderr).
#[test]
fn readme_examples_are_real_output() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let mut examples = 0;
    let mut lines = readme.lines().peekable();
    while let Some(l) = lines.next() {
        let Some(args) = l.strip_prefix("$ annals date ") else {
            continue;
        };
        let mut shown = String::new();
        while let Some(next) = lines.next_if(|n| !n.starts_with('$') && !n.starts_with("```")) {
            shown.push_str(next);
            shown.push('\n');
        }
        let args: Vec<&str> = ["date"]
            .into_iter()
            .chain(args.split_whitespace())
            .collect();
        let (_, out, err) = run(&args);
        assert_eq!(format!("{out}{err}"), shown, "{args:?}");
        examples += 1;
    }
    assert!(examples >= 3, "{examples} examples");
}
