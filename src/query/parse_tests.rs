//! Unit tests of the query parser (`parse.rs`): operators, scopes, date ranges, flags and
//! errors with their columns.

use super::*;

fn text(q: &Query, g: usize, a: usize) -> (bool, Scope, Mode, String) {
    match &q.groups[g].alts[a] {
        Term {
            negated,
            test:
                Test::Text {
                    scope,
                    mode,
                    needle,
                },
            ..
        } => (*negated, *scope, *mode, needle.clone()),
        other => panic!("not text: {other:?}"),
    }
}

#[test]
fn parses_operators() {
    let q = parse("Pincer 'baton ^qal bad$ ^whole$ !Raisi person:Soléimani a | b").unwrap();
    assert_eq!(q.groups.len(), 8);
    assert_eq!(
        text(&q, 0, 0),
        (false, Scope::Any, Mode::Fuzzy, "pincer".into())
    );
    assert_eq!(
        text(&q, 1, 0),
        (false, Scope::Any, Mode::Exact, "baton".into())
    );
    assert_eq!(text(&q, 2, 0).2, Mode::Prefix);
    assert_eq!(
        text(&q, 3, 0),
        (false, Scope::Any, Mode::Suffix, "bad".into())
    );
    assert_eq!(text(&q, 4, 0).2, Mode::Whole);
    assert_eq!(
        text(&q, 5, 0),
        (true, Scope::Any, Mode::Fuzzy, "raisi".into())
    );
    assert_eq!(
        text(&q, 6, 0),
        (false, Scope::Person, Mode::Fuzzy, "soleimani".into())
    );
    assert_eq!(q.groups[6].alts.len(), 1);
    assert_eq!(q.groups[7].alts.len(), 2);
    let q = parse("a | b c").unwrap();
    assert_eq!(q.groups.len(), 2);
    assert_eq!(q.groups[0].alts.len(), 2);
}

#[test]
fn parses_date_ranges() {
    let d = |y, m, dd| Some(Instant::at(y, m, dd, 0, 0));
    let end = |y, m, dd| Some(Instant::at(y, m, dd, 86_399, 0));
    let range = |s: &str| match &parse(s).unwrap().groups[0].alts[0].test {
        Test::Dates { from, to } => (*from, *to),
        t => panic!("{t:?}"),
    };
    assert_eq!(range("1997..2005"), (d(1997, 1, 1), end(2005, 12, 31)));
    assert_eq!(range("..1990"), (None, end(1990, 12, 31)));
    let t = |h: u32, m: u32, s: u32| Some(Instant::at(1999, 7, 9, h * 3600 + m * 60 + s, 0));
    assert_eq!(
        range("1999-07-09T08:00..1999-07-09T18:00"),
        (t(8, 0, 0), t(18, 0, 59))
    );
    assert_eq!(range("1999-07-09T08:00:00+02:00.."), (t(6, 0, 0), None));
    assert_eq!(range("2013-05.."), (d(2013, 5, 1), None));
}

#[test]
fn other_scopes_are_event_fields() {
    let q = parse("username:Alice !source_ip:10.0.0.5").unwrap();
    let tests: Vec<_> = q.groups.iter().map(|g| &g.alts[0].test).collect();
    assert!(
        matches!(tests[0], Test::Text { needle, mode: Mode::Field, .. } if needle == "username:alice"),
        "{tests:?}"
    );
    assert!(
        matches!(tests[1], Test::Text { needle, .. } if needle == "source_ip:10.0.0.5"),
        "{tests:?}"
    );
}

#[test]
fn reports_errors_with_columns() {
    let cases = [
        ("| a", 1, "`|`"),
        ("a |", 3, "`|`"),
        ("a | | b", 5, "`|`"),
        ("x !", 3, "`!`"),
        ("sorce:x", 1, "unknown scope"),
        ("a person:", 3, "empty term"),
        ("a  person:", 4, "empty term"),
        ("2005..1997", 1, "ends before"),
        ("1999-13..", 1, "no month"),
        ("..", 1, "needs a start or an end"),
        ("'", 1, "empty term"),
        ("1997-2005", 1, "did you mean 1997..2005?"),
        ("x !1997/2005", 4, "did you mean 1997..2005?"),
        ("is:dispted", 1, "did you mean is:disputed?"),
        ("link:contradict", 1, "did you mean link:contradicts?"),
        ("has:quotes", 1, "did you mean has:quote?"),
        ("persn:x", 1, "did you mean person:?"),
        ("with:a", 1, "two or more names"),
        ("x with:a,", 3, "two or more names"),
        ("!with:,b", 2, "two or more names"),
        ("during:", 1, "takes an event id"),
        ("durin:x", 1, "did you mean during:?"),
    ];
    for (q, col, msg) in cases {
        let e = parse(q).expect_err(q);
        assert_eq!(e.col, col, "{q}: {e}");
        assert!(e.message.contains(msg), "{q}: {e}");
    }
}

#[test]
fn parses_flags() {
    let mask = |s: &str| match &parse(s).unwrap().groups[0].alts[0].test {
        Test::Flags(m) => *m,
        t => panic!("{t:?}"),
    };
    assert_eq!(mask("is:disputed"), flag::DISPUTED);
    assert_eq!(mask("has:quote"), flag::QUOTE);
    assert_eq!(mask("link:Contradicts"), 1 << (flag::LINK + 4));
    assert_eq!(mask("link:part-of"), 1 << (flag::LINK + 2));
    assert_eq!(mask("has:link"), flag::ANY_LINK);
    assert!(parse("1997-05").is_ok(), "a month is not a range");
}

#[test]
fn empty_query_matches_all() {
    assert!(parse("   ").unwrap().is_empty());
}
