//! Big timelines for tests, made from the bundled one: its events copied N times with ids
//! (and link targets) suffixed, so that every copy is valid and links stay inside it.

use annals::load::BUNDLED;
use annals::load::split::split;

/// Add `-{n}` to every quoted value after `key` (e.g. `id: "x"` → `id: "x-3"`).
fn suffix(text: &str, key: &str, n: usize) -> String {
    let mut out = String::with_capacity(text.len() + 64);
    let mut rest = text;
    while let Some(k) = rest.find(key) {
        let (head, tail) = rest.split_at(k + key.len());
        out.push_str(head);
        let end = tail.find('"').expect("closing quote");
        out.push_str(&tail[..end]);
        out.push_str(&format!("-{n}"));
        rest = &tail[end..];
    }
    out.push_str(rest);
    out
}

/// The bundled timeline with its events repeated `copies` times (83 events per copy).
pub fn big_ron(copies: usize) -> String {
    let cut = split(BUNDLED, usize::MAX).expect("the bundled file splits");
    let list = &BUNDLED[cut.open + 1..cut.close];
    let mut out = String::with_capacity(BUNDLED.len() * copies);
    out.push_str(&BUNDLED[..=cut.open]);
    for n in 0..copies {
        let copy = suffix(&suffix(list, "Event(id: \"", n), "Link(to: \"", n);
        out.push_str(copy.trim_end());
        if !copy.trim_end().ends_with(',') {
            out.push(',');
        }
        out.push('\n');
    }
    out.push_str(&BUNDLED[cut.close..]);
    out
}
