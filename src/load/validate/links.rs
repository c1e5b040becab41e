//! Resolving links once every event is known: each link's target id looked up in the id
//! table (on two cores for many links: each look-up is a jump into a big table), then
//! each link checked in file order, so that problems are reported as before.

use super::Builder;
use crate::domain::event::Str;
use crate::domain::ids::hash_str;
use crate::load::spans::Seg::{Field as F, Index as I};

/// From this many links on, their targets are looked up on two cores.
pub(super) const SPLIT: usize = 1 << 16;

/// The target id a link names (`spans` into `targets`).
fn target_of(targets: &str, s: Str) -> &str {
    targets
        .get(s.start as usize..(s.start + s.len) as usize)
        .unwrap_or("")
}

impl Builder {
    /// Point every link at its target event, reporting unknown targets (errors) and links
    /// of an event to itself (warnings); on two cores from `split` links on.
    pub(super) fn resolve_links(&mut self, split: usize) {
        let (t, ids, targets, spans) = (&self.t, &self.ids, &self.link_targets, &self.link_spans);
        let find = |ks: std::ops::Range<usize>| -> Vec<Option<u32>> {
            ks.map(|k| {
                let to = target_of(targets, spans[k]);
                let own = |i: u32| t.events.get(i as usize).map(|e| t.str(e.id));
                ids.get(hash_str(to), |i| t.id_hash(i), |i| own(i) == Some(to))
            })
            .collect()
        };
        let n = t.links.len();
        let found = if n < split {
            find(0..n)
        } else {
            let (second, mut first) =
                crate::domain::par::join(|| find(n / 2..n), || find(0..n / 2));
            first.extend_from_slice(&second);
            first
        };
        // Each link's event (for positions), found as we go.
        let mut owner = 0usize;
        for (k, &to) in found.iter().enumerate() {
            while self.t.events[owner].links.range().end <= k {
                owner += 1;
            }
            let j = k - self.t.events[owner].links.start as usize;
            let here = [F("events"), I(owner), F("links"), I(j), F("to")];
            let target = target_of(&self.link_targets, self.link_spans[k]);
            match to {
                None => {
                    let m = format!("link to unknown event `{target}`");
                    self.error(&here, m);
                }
                Some(to) => {
                    if to as usize == owner {
                        let m = format!("event `{target}` links to itself");
                        self.warn(&here, m);
                    }
                    self.t.links[k].to = to;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Builder;
    use crate::load::raw::RawTimeline;

    /// Links resolved on one core and on two point at the same events, with the same
    /// problems in the same order.
    #[test]
    fn links_resolve_alike_on_one_core_and_two() {
        let src = r#"Timeline(title: "t", events: [
            Event(id: "a", date: "2001", title: "A", links: [Link(to: "b", kind: Causes), Link(to: "zz", kind: Refers)]),
            Event(id: "b", date: "2000", title: "B", links: [Link(to: "b", kind: Refers), Link(to: "a", kind: PartOf)]),
            Event(id: "c", date: "1999", title: "C", links: [Link(to: "nope", kind: Refers), Link(to: "c", kind: Refers), Link(to: "a", kind: Contradicts)]),
        ])"#;
        let resolved = |split: usize| {
            let raw: RawTimeline = crate::load::syntax::ron_options()
                .from_str(src)
                .expect("parses");
            let mut b = Builder::new(raw);
            let before = b.problems.len();
            b.resolve_links(split);
            let to: Vec<u32> = b.t.links.iter().map(|l| l.to).collect();
            let problems: Vec<(String, Vec<String>)> = b.problems[before..]
                .iter()
                .map(|p| {
                    (
                        p.message.clone(),
                        p.at.iter().map(|s| format!("{s:?}")).collect(),
                    )
                })
                .collect();
            (to, problems)
        };
        let one = resolved(usize::MAX);
        let messages: Vec<&str> = one.1.iter().map(|(m, _)| m.as_str()).collect();
        assert_eq!(
            messages,
            [
                "link to unknown event `zz`",
                "event `b` links to itself",
                "link to unknown event `nope`",
                "event `c` links to itself",
            ]
        );
        // b, then a (event 0), then a again: the known targets are set.
        assert_eq!((one.0[0], one.0[3], one.0[6]), (1, 0, 0));
        assert_eq!(resolved(0), one);
        assert_eq!(resolved(2), one);
    }
}
