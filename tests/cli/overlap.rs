//! `with:`, `during:` and `annals overlap` on the bundled timeline and on
//! `tests/fixtures/overlap.ron` (BCE spans, an open end, uncertain bounds, life spans).

use super::run;

const FIXTURE: &str = "tests/fixtures/overlap.ron";

/// The ids at the end of each event line (`[id]`), in order.
fn ids(stdout: &str) -> Vec<&str> {
    stdout
        .lines()
        .filter_map(|l| l.trim_end().strip_suffix(']'))
        .filter_map(|l| l.rsplit_once('[').map(|(_, id)| id))
        .collect()
}

#[test]
fn search_with_two_people() {
    let (code, out, err) = run(&["search", "with:qalibaf,soleimani"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        ids(&out),
        [
            "commanders-letter",
            "protests-1999",
            "suppression-1999",
            "campaign-2017"
        ]
    );
    let (code, out, err) = run(&["search", "with:qalibaf,soleimany"]);
    assert_eq!(code, 2);
    assert!(out.is_empty());
    assert!(
        err.starts_with("annals: error: query: column 14: did you mean Qassem Soleimani? `with:` no person is called `soleimany`"),
        "{err}"
    );
}

#[test]
fn search_during_an_event() {
    let (code, out, err) = run(&["search", "during:protests-1999"]);
    assert_eq!(code, 0, "{err}");
    let found = ids(&out);
    for id in ["protests-1999", "air-force", "suppression-1999"] {
        assert!(found.contains(&id), "{id}: {out}");
    }
    assert!(!found.contains(&"police-chief"), "{out}");
    let (code, _, err) = run(&["search", "during:nope"]);
    assert_eq!(code, 2);
    assert!(err.contains("no event has the id `nope`"), "{err}");
    // With other terms, as any scope.
    let (code, out, _) = run(&["search", "during:protests-1999", "!person:qalibaf"]);
    assert_eq!(code, 0);
    assert!(!ids(&out).contains(&"protests-1999"), "{out}");
}

#[test]
fn overlap_of_qalibaf_and_soleimani() {
    let (code, out, err) = run(&["overlap", "qalibaf", "soleimani"]);
    assert_eq!(code, 0, "{err}");
    let blocks: Vec<&str> = out.split("\n\n").collect();
    assert_eq!(blocks.len(), 2, "{out}");
    // Both commanders in July 1999, certain: the protests involve both, undated by `?`.
    assert!(blocks[0].starts_with("Jul 1999  certain\n"), "{out}");
    let (qalibaf, soleimani) = blocks[0]
        .split_once("  Qassem Soleimani:\n")
        .expect("Soleimani's events");
    assert!(qalibaf.contains("  Mohammad Bagher Qalibaf:\n"), "{out}");
    for id in ["air-force", "protests-1999", "suppression-1999"] {
        assert!(ids(qalibaf).contains(&id), "{id}: {out}");
    }
    assert_eq!(
        ids(soleimani),
        ["commanders-letter", "protests-1999", "suppression-1999"]
    );
    // 2016–2017: every date of Soleimani's there carries a `?`: only possible.
    assert!(blocks[1].starts_with("2016–2017  possible\n"), "{out}");
    assert!(ids(blocks[1]).contains(&"campaign-2017"), "{out}");
}

#[test]
fn overlap_certain_against_possible_on_the_fixture() {
    let (code, out, err) = run(&["overlap", FIXTURE, "ann", "bob"]);
    assert_eq!(code, 0, "{err}");
    let heads: Vec<&str> = out
        .split("\n\n")
        .map(|b| b.lines().next().unwrap())
        .collect();
    // 1985?/1987~ against 1986/1990: possible; the open end 1990/.. only possibly in
    // the shop's last year; the shared fair certain; Bob's 2010 (after his death) nowhere.
    assert_eq!(
        heads,
        ["1986–1987  possible", "1990  possible", "Jun 1995  certain"]
    );
    assert!(!out.contains("bob-late"), "{out}");
    // BCE: certain in part.
    let (code, out, _) = run(&["overlap", FIXTURE, "cato", "livia"]);
    assert_eq!(code, 0);
    assert!(
        out.starts_with("61 BCE–51 BCE  possible; certain in 60 BCE–52 BCE\n"),
        "{out}"
    );
    // No overlap: exit 1, nothing printed.
    let (code, out, err) = run(&["overlap", FIXTURE, "cato", "bob"]);
    assert_eq!((code, out.as_str(), err.as_str()), (1, "", ""));
}

#[test]
fn overlap_json_and_errors() {
    let (code, out, _) = run(&["overlap", FIXTURE, "ann", "bob", "--format", "json"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let v = v.as_array().unwrap();
    assert_eq!(v.len(), 3);
    assert_eq!(v[0]["certainty"], "possible");
    assert_eq!(v[0]["from"], "1986-01-01");
    assert_eq!(v[0]["to"], "1987-12-31");
    assert_eq!(v[2]["certainty"], "certain");
    assert_eq!(v[2]["when"], "Jun 1995");
    assert_eq!(v[2]["a"]["person"], "ann");
    assert_eq!(v[2]["b"]["events"][0]["id"], "bob-fair");
    let (code, out, _) = run(&["overlap", FIXTURE, "cato", "bob", "--format", "json"]);
    assert_eq!((code, out.trim()), (1, "[]"));
    let (code, _, err) = run(&["overlap", "qalibaf", "nobodyatall"]);
    assert_eq!(code, 2);
    assert!(
        err.starts_with("annals: error: overlap: no person is called `nobodyatall`"),
        "{err}"
    );
    // A name two people answer to exactly: an error that lists them; an id settles it.
    let (code, _, err) = run(&["overlap", "rajavi", "qalibaf"]);
    assert_eq!(code, 2);
    assert!(
        err.contains(
            "`rajavi` names 2 people: Mrs. Rajavi (rajavi-ncri), Massoud Rajavi (massoud-rajavi)"
        ),
        "{err}"
    );
    // `soleimani` is in Sohrab Soleimani's name too, but is Qassem Soleimani's id.
    let (code, out, _) = run(&["overlap", "qalibaf", "soleimani"]);
    assert_eq!(code, 0);
    assert!(out.contains("  Qassem Soleimani:\n"), "{out}");
    let (code, out, _) = run(&["overlap", "massoud-rajavi", "qalibaf"]);
    assert_eq!(code, 0);
    assert!(
        out.starts_with("1980  certain\n  Massoud Rajavi:\n"),
        "{out}"
    );
    let (code, _, err) = run(&["overlap", "missing.ron", "a", "b"]);
    assert_eq!(code, 2);
    assert!(err.contains("no such file"), "{err}");
    let (code, _, err) = run(&["overlap", FIXTURE, "a", "b", "c"]);
    assert_eq!(code, 2, "{err}");
}

/// An event naming both on the day one of them died is certain: a death known to the day
/// is a day lived (Caesar, Cicero and the Ides of March).
#[test]
fn the_day_of_a_death_counts_as_lived() {
    let (code, out, err) = run(&["overlap", "tests/fixtures/lanes.ron", "caesar", "cicero"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.lines().any(|l| l == "15 Mar 44 BCE  certain"), "{out}");
}

#[test]
fn the_same_person_twice_is_a_usage_error() {
    let (code, out, err) = run(&["overlap", "soleimani", "qassem"]);
    assert_eq!(code, 2, "{out}");
    assert!(err.contains("are the same person"), "{err}");
}

#[test]
fn overlap_with_one_person_says_what_it_needs() {
    for args in [
        &["overlap", "qalibaf"][..],
        &["overlap", "assets/qalibaf.ron", "qalibaf"],
    ] {
        let (code, out, err) = run(args);
        assert_eq!(code, 2, "{err}");
        assert!(out.is_empty());
        assert!(
            err.starts_with("annals: error: overlap needs two people, as in `annals overlap [FILE] qalibaf soleimani` (got 1: `qalibaf`)"),
            "{err}"
        );
    }
}
