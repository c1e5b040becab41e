//! Ranking: how relevant each hit is (title beats other short fields beats long ones,
//! whole words count extra, fuzzy hits least), for `search` and the explorer's order.

use super::super::fuzzy;
use super::super::index::{Kind, SearchIndex};
use super::{CTest, Matcher, TextTerm};
use crate::domain::EventIdx;

impl Matcher {
    /// `hits` (events this query matches), most relevant first (chronological among
    /// equals).
    pub fn rank(&self, index: &SearchIndex, hits: Vec<EventIdx>) -> Vec<EventIdx> {
        let mut settled = Matcher::new(self.query.clone(), index);
        settled.decide_fuzzy(index);
        let mut scored: Vec<(i64, EventIdx)> = hits
            .into_iter()
            .map(|i| (settled.score(index, i as usize), i))
            .collect();
        scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        scored.into_iter().map(|(_, i)| i).collect()
    }

    /// Relevance of a matching event: title beats other short fields beats long ones,
    /// whole words count extra, fuzzy hits least.
    fn score(&self, index: &SearchIndex, i: usize) -> i64 {
        self.groups
            .iter()
            .map(|g| {
                g.iter()
                    .map(|c| match &c.test {
                        _ if c.negated => 0,
                        CTest::Dates(..) | CTest::Flags(_) | CTest::With(_) => 10,
                        CTest::Never => 0,
                        CTest::Text(t) => t.score(self, index, i),
                    })
                    .max()
                    .unwrap_or(0)
            })
            .sum()
    }
}

fn word_bonus(h: &str, needle: &str) -> i64 {
    let bounded = h.match_indices(needle).any(|(i, _)| {
        let before = h[..i].chars().next_back();
        let after = h[i + needle.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    });
    if bounded { 50 } else { 0 }
}

impl TextTerm {
    fn score(&self, m: &Matcher, index: &SearchIndex, i: usize) -> i64 {
        let needle = self.needle.as_str();
        let term_keys = index.kind_keys(Kind::Term);
        let found = |h: &str| self.finder.find(h.as_bytes()).is_some();
        if self.own && found(index.short(i)) {
            let short = index.short(i);
            // (`get`: a forged cache entry's text need not start with the frame.)
            let title_end = short
                .get(1..)
                .and_then(|s| s.find('\n'))
                .map_or(short.len(), |k| k + 1);
            let in_title = short[..title_end].contains(needle);
            return if in_title { 300 } else { 200 } + word_bonus(short, needle);
        }
        let keys = index.keys(i);
        if let Some(k) = keys
            .iter()
            .find(|&k| self.names[k as usize] && !term_keys.contains(&k))
        {
            return 200 + word_bonus(&index.names[k as usize], needle);
        }
        if self.own && found(index.long_text(i)) {
            return 100 + word_bonus(index.long_text(i), needle);
        }
        if let Some(k) = keys.iter().find(|&k| self.names[k as usize]) {
            return 100 + word_bonus(&index.names[k as usize], needle);
        }
        if self.spelled(index, i) {
            let k = term_keys.clone().find(|&k| self.names[k as usize]);
            return 100 + k.map_or(0, |k| word_bonus(&index.names[k as usize], needle));
        }
        if self.fuzzy {
            let own = self
                .own
                .then(|| fuzzy::score(&m.skim, index.short(i), needle))
                .flatten();
            let named = keys
                .iter()
                .filter(|&k| self.fuzzy_names[k as usize])
                .filter_map(|k| fuzzy::score(&m.skim, &index.names[k as usize], needle))
                .max();
            return own.max(named).map_or(0, |s| 10 + s.min(80));
        }
        0
    }
}
