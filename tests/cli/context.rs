//! `search --context N` (grep -C's groups on the timeline) and `--around DATE --window W`,
//! on the bundled timeline.

use super::run;

#[test]
fn context_groups_marks_and_separators() {
    let (code, out, err) = run(&["search", "--context", "1", "pincer"]);
    assert_eq!(code, 0, "{err}");
    // The two matches are far apart: two groups, `--` between; `:` marks a match, `-`
    // the neighbours, whatever the query says of them.
    assert_eq!(
        out,
        "–2013?     : Qalibaf's 'pincer' plan against student protesters  [pincer-remark]\n\
         –Apr 2016? - Hamas rejects Zarif's offer to restore ties  [hamas-rejects-zarif]\n\
         --\n\
         2013       - Loses the 2013 run-off to Rouhani  [defeat-2013]\n\
         2013       : Rouhani throws the 'pincer' remark back at Qalibaf  [pincer-retort]\n\
         2013       - Second presidential run: 'Life – People – Change'  [run-2013]\n"
    );
    // Matches next to each other share one group: July 1999's three, then the next group.
    let (_, out, _) = run(&["search", "-C", "1", "with:qalibaf,soleimani"]);
    let groups: Vec<&str> = out.split("--\n").collect();
    assert_eq!(groups.len(), 2, "{out}");
    assert_eq!(groups[0].lines().count(), 5, "{out}");
    assert!(
        groups[0].starts_with("1997–2000 - Commands the IRGC air force"),
        "{out}"
    );
    assert_eq!(groups[0].lines().filter(|l| l.contains(" : ")).count(), 3);
    // Nothing matched: exit 1, nothing printed.
    let (code, out, _) = run(&["search", "-C", "2", "'zzzz"]);
    assert_eq!((code, out.as_str()), (1, ""));
}

#[test]
fn context_in_json_says_which_rows_are_context() {
    let (code, out, _) = run(&["search", "-C", "1", "pincer", "--format", "json"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let rows: Vec<(&str, bool, u64)> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["id"].as_str().unwrap(),
                r["context"].as_bool().unwrap(),
                r["group"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            ("pincer-remark", false, 1),
            ("hamas-rejects-zarif", true, 1),
            ("defeat-2013", true, 2),
            ("pincer-retort", false, 2),
            ("run-2013", true, 2),
        ]
    );
    let (code, _, err) = run(&["search", "-C", "1", "--rank", "pincer"]);
    assert_eq!(code, 2);
    assert!(err.contains("cannot go with --rank"), "{err}");
}

#[test]
fn around_a_date_within_a_window() {
    let (code, out, err) = run(&["search", "--around", "1999", "--window", "1y"]);
    assert_eq!(code, 0, "{err}");
    let ids: Vec<&str> = out
        .lines()
        .map(|l| l.rsplit_once('[').unwrap().1.trim_end_matches(']'))
        .collect();
    // 1998 to 2000: the spans over it and the open starts that may lie in it, the July
    // 1999 events and those of 2000; nothing from 1997 alone or 2001 on.
    for id in [
        "air-force",
        "protests-1999",
        "police-chief",
        "moral-security-plan",
    ] {
        assert!(ids.contains(&id), "{id}: {out}");
    }
    for id in ["north-korea", "basij-intelligence", "mayor-2005"] {
        assert!(!ids.contains(&id), "{id}: {out}");
    }
    // With a query: the matches inside the window.
    let (_, out, _) = run(&[
        "search",
        "tag:protests",
        "--around",
        "1999",
        "--window",
        "±1y",
    ]);
    assert!(
        out.contains("[protests-1999]") && !out.contains("[police-chief]"),
        "{out}"
    );
    // Without --window: DATE's own bounds.
    let (_, narrow, _) = run(&["search", "--around", "2000"]);
    assert!(!narrow.contains("[protests-1999]") && narrow.contains("[police-chief]"));
    for bad in [
        &["search", "--around", "1999", "--window", "1q"][..],
        &["search", "--around", "1999-13", "--window", "1y"],
        &["search", "--window", "1y", "qalibaf"],
    ] {
        let (code, _, err) = run(bad);
        assert_eq!(code, 2, "{bad:?}");
        assert!(err.starts_with("annals: error:"), "{err}");
    }
    // Too long is too long, however many digits.
    for w in [
        "1000000001y",
        "18446744073709551617y",
        "99999999999999999999999d",
    ] {
        let (code, _, err) = run(&["search", "--around", "1999", "--window", w]);
        assert_eq!(code, 2, "{w}");
        assert!(err.contains("is too long"), "{w}: {err}");
    }
}
