//! Query behaviour on real data (the bundled timeline and a small fixture): names expand
//! to whole words only, the fuzzy fallback never floods, and the event flags.

use super::{Matcher, SearchIndex, parse};
use crate::domain::Timeline;
use crate::load;

fn ids(t: &Timeline, q: &str) -> Vec<String> {
    let index = SearchIndex::new(t);
    Matcher::new(parse(q).unwrap(), &index)
        .filter(&index)
        .into_iter()
        .map(|i| t.event(i).id().to_string())
        .collect()
}

fn bundled() -> Timeline {
    load::load_bundled().timeline
}

fn apollo() -> Timeline {
    load::load_path(std::path::Path::new("tests/fixtures/apollo.ron"))
        .unwrap()
        .timeline
}

/// Folded words of an event's own text and of everything it names.
fn text_of(t: &Timeline, id: &str) -> String {
    let e = t.event(t.event_by_id(id).unwrap());
    let mut s = format!("{} {} {}", e.title(), e.summary(), id);
    for c in e.citations() {
        s.push_str(&format!(
            " {} {}",
            c.quote().unwrap_or(""),
            c.note().unwrap_or("")
        ));
        let src = t.source(c.source);
        s.push_str(&format!(
            " {} {} {}",
            src.id,
            src.title,
            src.outlet.as_deref().unwrap_or("")
        ));
    }
    for l in e.links() {
        s.push_str(&format!(" {}", l.note().unwrap_or("")));
    }
    for &p in e.people() {
        let p = t.person(p);
        s.push_str(&format!(" {} {} {}", p.name, p.id, p.aliases.join(" ")));
    }
    for &p in e.places() {
        let p = t.place(p);
        s.push_str(&format!(" {} {}", p.name, p.aliases.join(" ")));
    }
    for &g in e.tags() {
        s.push_str(&format!(" {}", t.tag(g)));
    }
    crate::domain::text::fold(&s)
}

#[test]
fn a_term_alias_never_matches_inside_another_word() {
    let t = bundled();
    // `police` names the State Security Force, whose alias NAJA is inside "Najaf".
    let hits = ids(&t, "police");
    assert!(!hits.is_empty());
    for id in &hits {
        let text = text_of(&t, id);
        let words: Vec<&str> = text.split(|c: char| !c.is_alphanumeric()).collect();
        let whole = |w: &str| words.contains(&w);
        let reason = text.contains("police")
            || whole("naja")
            || whole("ssf")
            || text.contains("state security force")
            || text.contains("law enforcement force");
        assert!(reason, "{id} matched `police` with no word for it");
    }
    assert!(
        !hits.iter().any(|id| id == "najaf-base"),
        "Najaf is not NAJA: {hits:?}"
    );
    // The fixture: `nasa` is a term; "nasal" in a summary is not NASA.
    let a = apollo();
    let e = a.event(a.event_by_id("apollo8").unwrap());
    assert!(e.summary().contains("nasal"));
    let hits = ids(&a, "'National Aeronautics");
    assert!(
        hits.contains(&"apollo8".to_string()),
        "by its NASA source: {hits:?}"
    );
    // `hoax` says "nasal" and cites no NASA source: the spelling NASA is not in it.
    let hoax = a.event(a.event_by_id("hoax").unwrap());
    assert!(hoax.summary().contains("nasal"));
    assert!(
        !hits.contains(&"hoax".to_string()),
        "nasal is not NASA: {hits:?}"
    );
}

#[test]
fn a_typed_term_keeps_substring_semantics() {
    let t = bundled();
    // The user's own text matches inside words: `najaf` finds Najaf, `naja` too.
    assert!(ids(&t, "naja").iter().any(|id| id == "najaf-base"));
}

#[test]
fn the_fuzzy_fallback_does_not_flood() {
    let t = bundled();
    // An acronym the data does not hold finds nothing rather than every "Iranian".
    assert_eq!(ids(&t, "IRNA"), Vec::<String>::new());
    // A typo of five letters or more still finds its word, inside one word.
    let pincer = ids(&t, "pincer");
    assert_eq!(
        ids(&t, "pnicer").len(),
        0,
        "a transposition is not a dropped letter"
    );
    assert_eq!(ids(&t, "pincr"), pincer);
    // Letters spread over two words never match.
    let index = SearchIndex::new(&t);
    let mut m = Matcher::new(parse("qalsol").unwrap(), &index);
    m.decide_fuzzy(&index);
    assert!(!m.fuzzy_terms().is_empty(), "falls back");
    let hits = m.filter(&index);
    for i in hits {
        let text = text_of(&t, t.event(i).id());
        let one_word = text
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| super::fuzzy::window(w, "qalsol", super::fuzzy::max_span(6)).is_some());
        assert!(one_word, "{} matched across words", t.event(i).id());
    }
}

#[test]
fn flags_find_disputes_links_and_quotes() {
    for t in [bundled(), apollo()] {
        let disputed = ids(&t, "is:disputed");
        let want: Vec<String> = t
            .events()
            .filter(|e| t.disputed(e.idx))
            .map(|e| e.id().to_string())
            .collect();
        assert_eq!(disputed, want);
        assert!(!disputed.is_empty());
        let quoted: Vec<String> = t
            .events()
            .filter(|e| e.citations().any(|c| c.quote().is_some()))
            .map(|e| e.id().to_string())
            .collect();
        assert_eq!(ids(&t, "has:quote"), quoted);
        let contra = ids(&t, "link:contradicts");
        for id in &contra {
            let i = t.event_by_id(id).unwrap();
            let out = t
                .event(i)
                .links()
                .any(|l| l.kind == crate::domain::LinkKind::Contradicts);
            let back = t
                .backlinks(i)
                .iter()
                .any(|b| t.event(b.from).link(b.link).kind == crate::domain::LinkKind::Contradicts);
            assert!(out || back, "{id}");
        }
        assert!(
            contra.len() >= 2,
            "both ends of a contradicts link: {contra:?}"
        );
        // Negation and combination work as for any term.
        let not: Vec<String> = ids(&t, "!is:disputed");
        assert_eq!(not.len() + disputed.len(), t.len());
    }
    let a = apollo();
    assert_eq!(ids(&a, "link:contradicts"), ["apollo11", "hoax"]);
    assert_eq!(ids(&a, "is:disputed"), ["apollo8", "apollo11", "hoax"]);
}

/// Ids of the events `q` matches after [`super::resolve`], or the error.
fn resolved(t: &Timeline, q: &str) -> Result<Vec<String>, super::QueryError> {
    let index = SearchIndex::new(t);
    let mut query = parse(q).unwrap();
    super::resolve(&mut query, t, &index)?;
    Ok(Matcher::new(query, &index)
        .filter(&index)
        .into_iter()
        .map(|i| t.event(i).id().to_string())
        .collect())
}

#[test]
fn with_needs_a_person_matching_each_name() {
    let t = bundled();
    let both = resolved(&t, "with:qalibaf,soleimani").unwrap();
    assert_eq!(
        both,
        [
            "commanders-letter",
            "protests-1999",
            "suppression-1999",
            "campaign-2017"
        ]
    );
    // Names resolve as person: does (an alias, an id, folded): the same events.
    assert_eq!(resolved(&t, "with:Ghalibaf,SULEIMANI").unwrap(), both);
    let person = resolved(&t, "person:qalibaf person:soleimani").unwrap();
    assert_eq!(person, both);
    // Order does not matter; one name may name both (two Soleimanis in one event).
    assert_eq!(resolved(&t, "with:soleimani,qalibaf").unwrap(), both);
    let same = resolved(&t, "with:soleimani,soleimani").unwrap();
    assert_eq!(same, resolved(&t, "person:soleimani").unwrap());
    // Combined with the rest of the query as any term is.
    assert_eq!(
        resolved(&t, "with:qalibaf,soleimani 2017").unwrap(),
        ["campaign-2017"]
    );
    assert_eq!(
        resolved(&t, "!with:qalibaf,soleimani person:soleimani 1999").unwrap(),
        Vec::<String>::new()
    );
}

#[test]
fn with_a_name_that_matches_nobody_is_an_error() {
    let t = bundled();
    let e = resolved(&t, "x with:qalibaf,soleimany").unwrap_err();
    assert_eq!(e.col, 16, "the caret under `soleimany`: {e}");
    assert!(e.message.contains("no person is called `soleimany`"), "{e}");
    assert!(e.message.contains("did you mean Qassem Soleimani?"), "{e}");
    let e = resolved(&t, "with:nobodyatall,qalibaf").unwrap_err();
    assert!(!e.message.contains("did you mean"), "{e}");
}

#[test]
fn during_takes_the_bounds_of_the_event() {
    let t = bundled();
    let hits = resolved(&t, "during:protests-1999").unwrap();
    // Jul 1999: the event itself, the other July 1999 events, the spans over it, and the
    // open starts that may lie in it; nothing dated 2000 or 1998.
    assert!(hits.contains(&"protests-1999".to_string()), "{hits:?}");
    for id in ["air-force", "commanders-letter", "mek-kurdistan-repression"] {
        assert!(hits.contains(&id.to_string()), "{id}: {hits:?}");
    }
    for id in ["police-chief", "north-korea", "born"] {
        assert!(!hits.contains(&id.to_string()), "{id}: {hits:?}");
    }
    // The same as the date range of its bounds.
    assert_eq!(hits, resolved(&t, "1999-07..1999-07").unwrap());
    // A span event: everything its bounds overlap.
    let hits = resolved(&t, "during:air-force tag:protests").unwrap();
    assert!(hits.contains(&"protests-1999".to_string()), "{hits:?}");
    assert!(
        !hits.contains(&"air-force".to_string()),
        "not tagged: {hits:?}"
    );
}

#[test]
fn during_an_unknown_id_is_an_error_and_unresolved_matches_nothing() {
    let t = bundled();
    let e = resolved(&t, "during:PROTESTS-1999").unwrap_err();
    assert!(
        e.message.starts_with("did you mean during:protests-1999?"),
        "ids are case-sensitive, hints not: {e}"
    );
    let e = resolved(&t, "during:protests-199").unwrap_err();
    assert_eq!(e.col, 8, "the caret under the id");
    assert!(
        e.message.contains("did you mean during:protests-1999?"),
        "{e}"
    );
    assert!(e.message.contains("no event has the id"), "{e}");
    // Never resolved (the data was not asked): nothing, never everything.
    assert_eq!(ids(&t, "during:protests-1999"), Vec::<String>::new());
    assert_eq!(
        ids(&t, "!during:protests-1999").len(),
        t.len(),
        "negated, nothing is excluded"
    );
}

#[test]
fn a_fuzzy_term_narrows_only_where_its_span_grows_by_one() {
    let t = bundled();
    let index = SearchIndex::new(&t);
    let settled = |q: &str, prev: Option<&Matcher>| {
        let mut m = Matcher::new(parse(q).unwrap(), &index);
        match prev {
            Some(p) => m.inherit_fuzzy(p, &index),
            None => {
                m.decide_fuzzy(&index);
            }
        }
        m
    };
    // `qalbaf` (6 chars, no event holds it) is fuzzy and finds "Qalibaf".
    let six = settled("qalbaf", None);
    assert_eq!(six.fuzzy_terms(), ["qalbaf"]);
    assert!(!six.filter(&index).is_empty());
    // One more char: its span may grow by one only, so it narrows (and finds a subset).
    let seven = settled("qalbafi", Some(&six));
    assert!(seven.narrows(&six));
    let (all, before) = (seven.filter(&index), six.filter(&index));
    assert!(
        all.iter().all(|e| before.contains(e)),
        "{all:?} within {before:?}"
    );
    // From 5 chars to 6 the span may grow by two: no narrowing.
    let five = settled("qlbaf", None);
    assert_eq!(five.fuzzy_terms(), ["qlbaf"]);
    assert!(!settled("qlbafa", Some(&five)).narrows(&five));
    // A plain term that grew narrows as before; a term typed as before, fuzzy or not, too.
    let plain = settled("qalib", None);
    assert!(settled("qalibaf", Some(&plain)).narrows(&plain));
    assert!(settled("qalbaf irgc", Some(&six)).narrows(&six));
}
