//! Fuzz the query language: any text must parse or name a column, and a parsed query
//! must run against the bundled timeline — never a panic.
#![no_main]

use annals::query::{Matcher, SearchIndex, parse};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn bundled() -> &'static (annals::domain::Timeline, SearchIndex) {
    static B: OnceLock<(annals::domain::Timeline, SearchIndex)> = OnceLock::new();
    B.get_or_init(|| {
        let t = annals::load::load_bundled().timeline;
        let ix = SearchIndex::new(&t);
        (t, ix)
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match parse(text) {
        Ok(q) => {
            let (t, ix) = bundled();
            let m = Matcher::new(q, ix);
            for i in m.filter(ix).into_iter().take(50) {
                let _ = m.highlights(t.event(i).title());
            }
        }
        Err(e) => assert!(e.col >= 1),
    }
});
