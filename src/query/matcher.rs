//! Matching a parsed query against the search index: precise on words, fuzzy on typos.
//!
//! A text term matches as a substring of the folded text. Only when no event at all
//! contains it (a typo, an abbreviation) does it fall back to fuzzy matching, and then only
//! on short fields and only when the matched letters sit close together. So a word of the
//! data (`pincer`) lists the events about it, not every summary that has those letters
//! in order.

use super::index::{EventText, SearchIndex};
use super::parse::{Mode, Query, Scope, Term, Test};
use crate::domain::EventIdx;
use crate::domain::text::fold_with_map;
use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

/// A query ready to run against one index.
pub struct Matcher {
    query: Query,
    /// Per group, per alternative: what to look for, prepared once per query.
    prepared: Vec<Vec<Prepared>>,
    skim: SkimMatcherV2,
}

fn haystacks(t: &EventText, scope: Scope) -> [&str; 2] {
    match scope {
        Scope::Any => [&t.short, &t.long],
        Scope::Person => [&t.person, ""],
        Scope::Source => [&t.source, ""],
        Scope::Place => [&t.place, ""],
        Scope::Tag => [&t.tag, ""],
    }
}

/// A text term made ready for scanning, so that no matching step allocates.
struct Prepared {
    /// The substring to find: the needle framed by `\n` as its mode asks.
    pattern: String,
    /// May this term fall back to fuzzy matching (no event contains it)?
    fuzzy: bool,
}

fn pattern(mode: Mode, needle: &str) -> String {
    match mode {
        Mode::Fuzzy | Mode::Exact => needle.to_string(),
        Mode::Prefix => format!("\n{needle}"),
        Mode::Suffix => format!("{needle}\n"),
        Mode::Whole => format!("\n{needle}\n"),
    }
}

/// Largest span (in chars) a fuzzy match of `len` chars may cover.
fn max_span(len: usize) -> usize {
    len + (len / 2).max(2)
}

impl Matcher {
    /// Prepare `query` for `index` (decides which terms may match fuzzily).
    pub fn new(query: Query, index: &SearchIndex) -> Matcher {
        let prepare = |term: &Term| match &term.test {
            Test::Text {
                scope,
                mode,
                needle,
            } => Prepared {
                pattern: pattern(*mode, needle),
                fuzzy: *mode == Mode::Fuzzy
                    && !term.negated
                    && !index.events.iter().any(|t| {
                        haystacks(t, *scope)
                            .iter()
                            .any(|h| h.contains(needle.as_str()))
                    }),
            },
            Test::Dates { .. } => Prepared {
                pattern: String::new(),
                fuzzy: false,
            },
        };
        let prepared = query
            .groups
            .iter()
            .map(|g| g.alts.iter().map(prepare).collect())
            .collect();
        Matcher {
            query,
            prepared,
            skim: SkimMatcherV2::default(),
        }
    }

    /// The query this matcher runs.
    pub fn query(&self) -> &Query {
        &self.query
    }

    /// Score of one event, or `None` when it does not match. Higher is more relevant.
    pub fn score(&self, text: &EventText) -> Option<i64> {
        let mut total = 0;
        for (g, group) in self.query.groups.iter().enumerate() {
            let best = group
                .alts
                .iter()
                .enumerate()
                .filter_map(|(a, term)| self.term_score(term, &self.prepared[g][a], text))
                .max()?;
            total += best;
        }
        Some(total)
    }

    fn term_score(&self, term: &Term, prep: &Prepared, t: &EventText) -> Option<i64> {
        let hit = match &term.test {
            Test::Dates { from, to } => t.date.overlaps(*from, *to).then_some(10),
            Test::Text { scope, needle, .. } => self.text_score(t, *scope, needle, prep),
        };
        match (term.negated, hit) {
            (false, h) => h,
            (true, Some(_)) => None,
            (true, None) => Some(0),
        }
    }

    fn text_score(
        &self,
        t: &EventText,
        scope: Scope,
        needle: &str,
        prep: &Prepared,
    ) -> Option<i64> {
        let [first, second] = haystacks(t, scope);
        if first.contains(prep.pattern.as_str()) {
            let title_end = first[1..].find('\n').map_or(first.len(), |i| i + 1);
            let in_title = scope == Scope::Any && first[..title_end].contains(needle);
            return Some(if in_title { 300 } else { 200 } + word_bonus(first, needle));
        }
        if second.contains(prep.pattern.as_str()) {
            return Some(100 + word_bonus(second, needle));
        }
        if !prep.fuzzy {
            return None;
        }
        let len = needle.chars().count();
        first
            .split('\n')
            .filter_map(|field| {
                let (score, idx) = self.skim.fuzzy_indices(field, needle)?;
                let span = idx.last()? - idx.first()? + 1;
                (span <= max_span(len)).then_some(score)
            })
            .max()
            .map(|s| 10 + s.min(80))
    }

    /// Indices of the matching events, in chronological order.
    pub fn filter(&self, index: &SearchIndex) -> Vec<EventIdx> {
        if self.query.is_empty() {
            return (0..index.events.len() as EventIdx).collect();
        }
        index
            .events
            .iter()
            .enumerate()
            .filter(|(_, t)| self.score(t).is_some())
            .map(|(i, _)| i as EventIdx)
            .collect()
    }

    /// Matching events, most relevant first (chronological among equals).
    pub fn ranked(&self, index: &SearchIndex) -> Vec<EventIdx> {
        let mut hits: Vec<(i64, EventIdx)> = index
            .events
            .iter()
            .enumerate()
            .filter_map(|(i, t)| self.score(t).map(|s| (s, i as EventIdx)))
            .collect();
        hits.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        hits.into_iter().map(|(_, i)| i).collect()
    }

    /// Char positions of `text` to highlight (sorted, unique), for terms that look at any
    /// text. Cheap enough for the rows on screen; not meant for every event.
    pub fn highlights(&self, text: &str) -> Vec<usize> {
        let (folded, map) = fold_with_map(text);
        let mut out = Vec::new();
        for (g, group) in self.query.groups.iter().enumerate() {
            for (a, term) in group.alts.iter().enumerate() {
                let Test::Text {
                    scope: Scope::Any,
                    needle,
                    ..
                } = &term.test
                else {
                    continue;
                };
                if term.negated {
                    continue;
                }
                let before = out.len();
                let nlen = needle.chars().count();
                for (byte, _) in folded.match_indices(needle.as_str()) {
                    let start = folded[..byte].chars().count();
                    out.extend((start..start + nlen).map(|i| map[i]));
                }
                if out.len() == before
                    && self.prepared[g][a].fuzzy
                    && let Some((_, idx)) = self.skim.fuzzy_indices(&folded, needle)
                    && idx.last().unwrap_or(&0) - idx.first().unwrap_or(&0) < max_span(nlen)
                {
                    out.extend(idx.into_iter().map(|i| map[i]));
                }
            }
        }
        out.sort_unstable();
        out.dedup();
        out
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
