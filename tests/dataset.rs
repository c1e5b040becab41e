//! The bundled Qalibaf dataset: valid, cited, linked, searchable, and round-trips through JSON.

use annals::export;
use annals::load::{self, Format};
use annals::query::{Matcher, SearchIndex, parse};
use assert_cmd::Command;
use std::path::Path;

fn ids_for(query: &str) -> Vec<String> {
    let t = load::load_bundled().timeline;
    let index = SearchIndex::new(&t);
    let q = parse(query).unwrap();
    Matcher::new(q, &index)
        .filter(&index)
        .into_iter()
        .map(|i| t.event(i).id().to_string())
        .collect()
}

#[test]
fn bundled_dataset_checks_clean() {
    let l = load::load_bundled();
    assert!(l.warnings.is_empty(), "{:#?}", l.warnings);
    let t = &l.timeline;
    assert!(t.len() > 50, "{} events", t.len());
    assert!(t.people.len() >= 30, "{} people", t.people.len());
    let links: usize = t.events().map(|e| e.links().len()).sum();
    assert!(links * 3 >= t.len(), "{links} links");
    assert!(t.events().all(|e| e.citations().len() > 0));
    assert!(
        t.events().any(|e| e.sources_disagree()),
        "disagreements are recorded"
    );
    Command::cargo_bin("annals")
        .unwrap()
        .args(["check", "assets/qalibaf.ron"])
        .assert()
        .success()
        .stderr("");
}

#[test]
fn json_export_round_trips_through_the_loader() {
    let t = load::load_bundled().timeline;
    let json = export::json(&t);
    let again = load::load_bytes(json.as_bytes(), "x.json", Format::Json)
        .unwrap()
        .timeline;
    // Interned places and tags may be numbered differently; the data must be the same.
    assert!(
        export::json(&again) == json,
        "JSON export changed after a round trip"
    );
    assert!(again.len() == t.len() && again.people == t.people);
    assert!(again.sources == t.sources);
    for (a, b) in again.events().zip(t.events()) {
        assert_eq!(a.id(), b.id());
        assert_eq!(again.backlinks(a.idx), t.backlinks(b.idx));
    }
}

#[test]
fn pincer_lists_only_the_events_about_that_remark() {
    let hits = ids_for("pincer");
    assert!(!hits.is_empty());
    let t = load::load_bundled().timeline;
    for id in &hits {
        let e = t.event(t.event_by_id(id).unwrap());
        let text = format!("{} {}", e.title(), e.summary()).to_lowercase();
        assert!(text.contains("pincer"), "{id} is not about the remark");
    }
    // And every event that mentions it is found.
    let about = t
        .events()
        .filter(|e| {
            format!("{} {}", e.title(), e.summary())
                .to_lowercase()
                .contains("pincer")
        })
        .count();
    assert_eq!(hits.len(), about);
}

#[test]
fn aliases_and_variant_spellings_find_the_same_events() {
    let qalibaf = ids_for("person:qalibaf");
    assert!(qalibaf.len() > 20);
    assert_eq!(ids_for("person:ghalibaf"), qalibaf);
    assert_eq!(ids_for("person:suleimani"), ids_for("person:soleimani"));
    assert!(!ids_for("khatem").is_empty());
    assert_eq!(ids_for("place:ahwaz"), ids_for("place:ahvaz"));
    // Typos still find things when no event contains the typed word.
    assert!(!ids_for("qalibf").is_empty());
}

#[test]
fn date_ranges_and_negation() {
    let t = load::load_bundled().timeline;
    let hits = ids_for("1999..1999");
    assert!(!hits.is_empty());
    for id in &hits {
        let e = t.event(t.event_by_id(id).unwrap());
        assert!(
            e.date.overlaps(
                chrono::NaiveDate::from_ymd_opt(1999, 1, 1),
                chrono::NaiveDate::from_ymd_opt(1999, 12, 31)
            ),
            "{id}"
        );
    }
    let all = ids_for("person:qalibaf");
    let without = ids_for("person:qalibaf !tag:war");
    assert!(without.len() < all.len());
}

/// Every locator names a paragraph that exists in the cited document.
#[test]
fn locators_point_at_real_paragraphs() {
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds");
    if !seeds.is_dir() {
        eprintln!("skipped: {} not present", seeds.display());
        return;
    }
    let t = load::load_bundled().timeline;
    let mut checked = 0;
    for e in t.events() {
        for c in e.citations() {
            let s = t.source(c.source);
            let doc = s
                .document
                .as_ref()
                .expect("every bundled source names its document");
            let text = std::fs::read_to_string(seeds.join(doc)).unwrap();
            let paragraphs: Vec<&str> = text
                .split("\n\n")
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .collect();
            let loc = c.locator().expect("every citation has a locator");
            for part in loc.trim_start_matches('¶').split(['–', '-', ',']) {
                let n: usize = part
                    .trim()
                    .trim_start_matches('¶')
                    .parse()
                    .unwrap_or_else(|_| panic!("{}: locator {loc} is not ¶N", e.id()));
                assert!(
                    n >= 1 && n <= paragraphs.len(),
                    "{}: {loc} out of range",
                    e.id()
                );
                checked += 1;
            }
            if let Some(q) = c.quote() {
                let para_text: String = paragraphs.join(" ");
                let norm = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
                let q = norm(&q.replace('…', " "));
                let first = q.split(" ").take(3).collect::<Vec<_>>().join(" ");
                assert!(
                    norm(&para_text).contains(&first),
                    "{}: quote not in the document: {q}",
                    e.id()
                );
            }
        }
    }
    assert!(checked > 80);
}
