//! Fuzz the data loader: any bytes, as RON and as JSON, must give a timeline or
//! diagnostics with real positions — never a panic.
#![no_main]

use annals::load::{Format, load_bytes};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    for format in [Format::Ron, Format::Json] {
        match load_bytes(data, "fuzz.ron", format) {
            Ok(l) => {
                let ix = annals::query::SearchIndex::new(&l.timeline);
                assert_eq!(ix.len(), l.timeline.len());
            }
            Err(diags) => assert!(diags.iter().all(|d| d.line >= 1 && d.col >= 1)),
        }
    }
});
