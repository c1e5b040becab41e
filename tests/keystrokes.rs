//! Keystrokes answered without a full search must answer as one: the letter masks that
//! rule events out (and answer one-letter queries), terms swept through the text end to
//! end, the pairs of letters each event holds, the one pass over a term's spellings,
//! the events of each term worked out after loading,
//! and the results remembered per query (deleting a letter) give exactly the hits, counts
//! and fuzzy terms of a plain scan, on random texts (accents, `ß`, Persian letters,
//! digits, spaces) and random typed-then-deleted sequences.

use annals::app::scan::{self, ScanResult};
use annals::app::{Action, App, Msg, update};
use annals::load::{Format, load_bytes};
use annals::query::{Matcher, SearchIndex, parse};
use proptest::prelude::*;
use std::sync::Arc;

/// Letters the texts and queries are drawn from: a few ASCII letters (so that words
/// repeat), digits, a space, and letters that fold (`é` → `e`) or are kept (`ß`,
/// Persian).
const LETTERS: &[char] = &[
    'a', 'b', 'k', 'e', 'l', 's', 'z', 'q', '1', '7', ' ', 'é', 'ß', 'É', 'س', 'ل', 'ا', 'م',
];

fn word() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(LETTERS), 1..7).prop_map(|v| v.into_iter().collect())
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(word(), 0..6).prop_map(|v| v.join(" "))
}

/// RON-escape a string.
fn q(s: &str) -> String {
    format!("{s:?}")
}

/// A timeline of `titles.len()` events with these titles and summaries, two people and a
/// term whose names are random words too (so names and spellings match by key).
fn timeline(titles: &[(String, String)], names: &[String]) -> annals::domain::Timeline {
    let person = |k: usize| names.get(k).map_or("nobody", |s| s.trim());
    let ok = |s: &str| {
        if s.trim().is_empty() {
            "x".to_string()
        } else {
            s.trim().to_string()
        }
    };
    let mut ron = format!(
        "Timeline(title: \"t\", people: [Person(id: \"p0\", name: {}), Person(id: \"p1\", name: {})], \
         terms: [Term(name: {}, aliases: [{}])], events: [",
        q(&ok(person(0))),
        q(&ok(person(1))),
        q(&ok(person(2))),
        q(&ok(person(3))),
    );
    for (k, (title, summary)) in titles.iter().enumerate() {
        let people = if k % 3 == 0 { "\"p0\"" } else { "\"p1\"" };
        ron.push_str(&format!(
            "Event(id: \"e{k}\", date: \"{}\", title: {}, summary: {}, people: [{people}]),",
            1900 + k,
            q(&ok(title)),
            q(summary),
        ));
    }
    ron.push_str("])");
    load_bytes(ron.as_bytes(), "k.ron", Format::Ron)
        .expect("a valid timeline")
        .timeline
}

/// The hits and fuzzy terms of `query` by the search protocol on `ix`.
fn search(query: &str, ix: &SearchIndex) -> Option<(Vec<u32>, Vec<String>)> {
    let q = parse(query).ok()?;
    Some(scan::search(&q, ix))
}

/// Update as the loop does, running the filter job it asks for to the end.
fn key(app: &mut App, a: Action) {
    let fx = update(app, a);
    if let Some(job) = fx.scan {
        let ix = app.data.index.clone();
        let mut results: Vec<ScanResult> = Vec::new();
        scan::run(&job, &ix, &|| false, &mut |r| results.push(r));
        for r in results {
            update(app, Msg::Scanned(r));
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    /// Pruned scans (letter masks, the spellings pass) find exactly what plain scans find.
    #[test]
    fn pruned_scans_find_what_plain_scans_find(
        events in prop::collection::vec((text(), text()), 1..40),
        names in prop::collection::vec(word(), 4),
        queries in prop::collection::vec(prop::collection::vec(word(), 1..3), 1..8),
    ) {
        let t = timeline(&events, &names);
        // Terms swept through the text whenever candidates are dense (a big timeline's
        // way), against a search in each event.
        let ix = SearchIndex::new(&t).sweeping_from(1);
        let plain = ix.without_masks();
        // The same index once it knows which events hold each term.
        let settled = SearchIndex::new(&t);
        settled.settle_terms(|| true);
        // And once it knows which events hold each pair of letters.
        let paired = SearchIndex::new(&t).sweeping_from(1 + events.len() % 2);
        paired.settle_pairs(|| true);
        for words in queries {
            // Single words (one letter often), several words, and prefixes of each.
            let full = words.join(" ");
            let chars: Vec<char> = full.chars().collect();
            for n in 1..=chars.len() {
                let query: String = chars[..n].iter().collect();
                let (Some(a), Some(b)) = (search(&query, &ix), search(&query, &plain)) else {
                    continue;
                };
                prop_assert_eq!(&a, &b, "query {:?}", query);
                // A term goes fuzzy only when no event holds it as it is (so the scan skips
                // that look): its exact form (`'term`) finds nothing.
                for f in &b.1 {
                    let exact = search(&format!("'{f}"), &plain).map(|(hits, _)| hits);
                    prop_assert_eq!(exact, Some(Vec::new()), "fuzzy {:?} in {:?}", f, query);
                }
                prop_assert_eq!(search(&query, &settled), Some(b.clone()), "settled, {:?}", query);
                prop_assert_eq!(search(&query, &paired), Some(b), "pairs, {:?}", query);
            }
        }
    }

    /// Typing and deleting (results remembered, narrowed, masks) shows what a fresh
    /// explorer shows for the same text: the same events, counts and fuzzy terms.
    #[test]
    fn typing_and_deleting_shows_what_a_fresh_filter_shows(
        events in prop::collection::vec((text(), text()), 1..40),
        names in prop::collection::vec(word(), 4),
        keys in prop::collection::vec(
            prop_oneof![3 => prop::sample::select(LETTERS).prop_map(Some), 2 => Just(None)],
            1..30,
        ),
    ) {
        let t = Arc::new(timeline(&events, &names));
        let ix = Arc::new(SearchIndex::new(&t).sweeping_from(1 + events.len() % 3));
        let plain = Arc::new(ix.without_masks());
        // Half the time, the explorer's index knows which events hold each term.
        if events.len() % 2 == 0 {
            ix.settle_terms(|| true);
        }
        // A third of the time, which events hold each pair of letters.
        if events.len() % 3 == 1 {
            ix.settle_pairs(|| true);
        }
        let mut app = App::from_parts(t.clone(), ix, "k", (80, 24)).with_async_from(0).with_slice(7);
        key(&mut app, Action::StartFilter);
        // Type, then delete back to nothing, as a user trying words does.
        let all = keys.iter().copied().chain(keys.iter().map(|_| None));
        for k in all {
            key(&mut app, k.map_or(Action::DeleteChar, Action::Insert));
            if app.filter.error.is_some() {
                continue;
            }
            prop_assert!(app.filter.scanning.is_none());
            let mut fresh = App::from_parts(t.clone(), plain.clone(), "k", (80, 24));
            update(&mut fresh, Action::StartFilter);
            update(&mut fresh, Action::Paste(app.filter.text.clone()));
            prop_assert_eq!(&app.filter.visible, &fresh.filter.visible, "{:?}", app.filter.text);
            prop_assert_eq!(&app.filter.counts, &fresh.filter.counts, "{:?}", app.filter.text);
            prop_assert_eq!(
                app.filter.matcher.fuzzy_terms(),
                fresh.filter.matcher.fuzzy_terms()
            );
        }
    }
}

#[test]
fn a_one_letter_query_is_answered_by_the_masks_as_by_a_search() {
    let events: Vec<(String, String)> = ["kelcas", "ab", "زمان", "Éza 7", "straße", ""]
        .iter()
        .map(|s| (s.to_string(), String::new()))
        .collect();
    let names: Vec<String> = ["ann", "bob", "term", "alias"].map(String::from).to_vec();
    let t = timeline(&events, &names);
    let ix = SearchIndex::new(&t);
    let hits = |q: &str| search(q, &ix).unwrap().0;
    // `k` only in the first title; `z` in `Éza`; `ß` (kept); a digit.
    assert_eq!(hits("k"), [0]);
    assert_eq!(hits("z"), [3]);
    assert_eq!(hits("7"), [3]);
    assert_eq!(hits("ß"), [4]);
    assert_eq!(hits("e"), search("e", &ix.without_masks()).unwrap().0);
    let m = Matcher::new(parse("a").unwrap(), &ix);
    assert_eq!(m.filter(&ix), m.filter(&ix.without_masks()));
}
