//! Matching a parsed query against the search index: precise on words, fuzzy on typos.
//!
//! A text term matches as a substring of the folded text. Only when no event at all
//! contains it (a typo, an abbreviation) does it fall back to fuzzy matching, and then only
//! on short fields and only when the matched letters sit close together. So a word of the
//! data (`pincer`) lists the events about it, not every summary that has those letters
//! in order.
//!
//! Names (people, places, tags, sources, terms) are matched once per query; events are
//! then checked by their name keys. Scans work on any range or subset of events, so the
//! explorer can run them in slices, off its thread, and narrow earlier results.

use super::fuzzy;
use crate::domain::num::u32_of;

mod explain;
mod prune;
mod rank;
mod sweep;
use super::index::{Kind, SearchIndex, letter_bit, letters_of};
use super::parse::{Mode, Query, Scope, Test};
use crate::domain::Instant;
use crate::domain::{EventIdx, date};
use aho_corasick::AhoCorasick;
pub(crate) use explain::{find_word, word_around};
use fuzzy_matcher::skim::SkimMatcherV2;
use memchr::memmem::Finder;
use sweep::Swept;

/// A query ready to run against one index.
pub struct Matcher {
    query: Query,
    /// Per group, per alternative: the term compiled against the index.
    groups: Vec<Vec<Compiled>>,
    skim: SkimMatcherV2,
    /// Has the fuzzy fallback been decided (see [`Matcher::decide_fuzzy`])?
    decided: bool,
}

/// One term, compiled: what to look for and which names match it.
struct Compiled {
    negated: bool,
    test: CTest,
}

enum CTest {
    Flags(u16),
    Dates(Option<Instant>, Option<Instant>),
    Text(Box<TextTerm>),
    /// `with:`: one person term per name, all must hit.
    With(Vec<TextTerm>),
    /// A `during:` whose event is not resolved: matches nothing.
    Never,
}

struct TextTerm {
    scope: Scope,
    negated: bool,
    needle: String,
    /// The needle framed by `\n` as its mode asks, ready to scan.
    finder: Finder<'static>,
    /// Does the event's own text count (scope `Any`)?
    own: bool,
    /// The letters of the pattern (`index::letters_of`): an event whose own text lacks
    /// one is not searched.
    need: u64,
    /// The pattern is one ASCII letter or digit: the event's letters answer exactly.
    single: bool,
    /// The letters of the needle (a fuzzy hit in the short fields needs them all there).
    fuzzy_need: u64,
    /// All spellings at once: an event that holds none of them anywhere (most) needs no
    /// whole-word look for each one.
    any_spelling: Option<AhoCorasick>,
    /// Name keys whose text contains the pattern (or a spelling of a term that does);
    /// `any_name` when there is one.
    names: Vec<bool>,
    any_name: bool,
    /// Spellings of the terms whose names contain it: an event that holds one matches.
    spellings: Vec<Finder<'static>>,
    /// The events that hold one, one bit each, when the index knows each term's events
    /// ([`SearchIndex::settle_terms`]).
    spelled_events: Option<Vec<u64>>,
    /// For a field term (`name:value`): the value, looked for inside the field.
    field_value: Option<String>,
    /// May it fall back to fuzzy matching (plain, not negated)?
    fuzzable: bool,
    /// It does: no event contains it.
    fuzzy: bool,
    /// Name keys that match fuzzily (only once `fuzzy` is set).
    fuzzy_names: Vec<bool>,
}

fn pattern(mode: Mode, needle: &str) -> String {
    match mode {
        Mode::Fuzzy | Mode::Exact => needle.to_string(),
        Mode::Prefix => format!("\n{needle}"),
        Mode::Suffix => format!("{needle}\n"),
        Mode::Whole => format!("\n{needle}\n"),
        // The field's name where a field starts; its value is checked after (`hits`).
        Mode::Field => format!(
            "\n{}",
            &needle[..needle.find(':').map_or(needle.len(), |k| k + 1)]
        ),
    }
}

fn scope_kinds(scope: Scope) -> &'static [Kind] {
    match scope {
        Scope::Any => &Kind::ALL,
        Scope::Person => &[Kind::Person],
        Scope::Source => &[Kind::Source],
        Scope::Place => &[Kind::Place],
        Scope::Tag => &[Kind::Tag],
    }
}

/// Which events a scan looks at.
#[derive(Clone, Copy, Debug)]
pub enum Candidates<'a> {
    /// A range of event indices.
    Range(u32, u32),
    /// These events (ascending).
    Only(&'a [EventIdx]),
}

impl Matcher {
    /// Prepare `query` for `index`: match every name once.
    pub fn new(query: Query, index: &SearchIndex) -> Matcher {
        let groups = query
            .groups
            .iter()
            .map(|g| {
                g.alts
                    .iter()
                    .map(|term| Compiled {
                        negated: term.negated,
                        test: match &term.test {
                            Test::Dates { from, to } => CTest::Dates(*from, *to),
                            Test::Flags(m) => CTest::Flags(*m),
                            Test::With(names) => CTest::With(
                                names.iter().map(|n| TextTerm::person(n, index)).collect(),
                            ),
                            Test::During { span, .. } => match span {
                                Some((from, to)) => CTest::Dates(*from, *to),
                                None => CTest::Never,
                            },
                            Test::Text {
                                scope,
                                mode,
                                needle,
                            } => CTest::Text(Box::new(TextTerm::new(
                                *scope,
                                *mode,
                                needle,
                                term.negated,
                                index,
                            ))),
                        },
                    })
                    .collect()
            })
            .collect();
        let mut m = Matcher {
            query,
            groups,
            skim: SkimMatcherV2::default(),
            decided: false,
        };
        let none = !m.terms().any(|t| t.fuzzable);
        m.decided = none;
        m
    }

    /// The query this matcher runs.
    pub fn query(&self) -> &Query {
        &self.query
    }

    fn terms(&self) -> impl Iterator<Item = &TextTerm> {
        self.groups.iter().flatten().filter_map(|c| match &c.test {
            CTest::Text(t) => Some(&**t),
            CTest::Dates(..) | CTest::Flags(_) | CTest::With(_) | CTest::Never => None,
        })
    }

    /// True when the results of this query are a subset of those of `prev` (typing more of
    /// the same query), so that only `prev`'s results need scanning. A term typed as before
    /// matches as before (fuzzy or not); a fuzzy term that grew narrows only where
    /// [`fuzzy::narrows`] proves it (a longer typo may be allowed a wider span).
    pub fn narrows(&self, prev: &Matcher) -> bool {
        let (new, old) = (&self.query.groups, &prev.query.groups);
        if old.is_empty() || new.len() < old.len() {
            return false;
        }
        let last = old.len() - 1;
        if new[..last] != old[..last] {
            return false;
        }
        // The last old group may have grown: one plain alternative whose needle got longer.
        if new[last] == old[last] {
            return true;
        }
        let (Some(a), Some(b)) = (one_text(&old[last]), one_text(&new[last])) else {
            return false;
        };
        let was_fuzzy = match prev.groups[last].as_slice() {
            [c] => matches!(&c.test, CTest::Text(t) if t.fuzzy),
            _ => true,
        };
        a.0 == b.0
            && a.1 == b.1
            && matches!(a.1, Mode::Fuzzy | Mode::Exact | Mode::Prefix)
            && b.2.starts_with(a.2)
            && (!was_fuzzy || fuzzy::narrows(a.2, b.2))
    }

    /// Settle the fuzzy fallback: a plain term that no event contains becomes fuzzy. Scans
    /// every event for each such term (stopping at the first hit). Returns whether any term
    /// became fuzzy (results found without it are then incomplete).
    pub fn decide_fuzzy(&mut self, index: &SearchIndex) -> bool {
        if self.decided {
            return false;
        }
        self.decided = true;
        let mut changed = false;
        for c in self.groups.iter_mut().flatten() {
            let CTest::Text(t) = &mut c.test else {
                continue;
            };
            if !t.fuzzable || t.exists(index) {
                continue;
            }
            t.fuzzy = true;
            changed = true;
            t.settle_fuzzy_names(index);
        }
        changed
    }

    /// Settle the fuzzy fallback from `prev`, a settled matcher of the query typed before,
    /// where that is certain: a term typed as before falls back as before, and a term that
    /// only got longer still appears nowhere if it appeared nowhere before (so a typo's
    /// next keystroke skips the plain scan that would find nothing). Settles the matcher
    /// when every term is known; otherwise leaves it to [`Matcher::decide_fuzzy`].
    pub fn inherit_fuzzy(&mut self, prev: &Matcher, index: &SearchIndex) {
        if self.decided || !prev.decided {
            return;
        }
        // The term at the same place before, if the group has the same shape.
        let before = |g: usize, a: usize, len: usize| match prev.groups.get(g) {
            Some(o) if o.len() == len => match &o[a].test {
                CTest::Text(p) => Some(&**p),
                CTest::Dates(..) | CTest::Flags(_) | CTest::With(_) | CTest::Never => None,
            },
            _ => None,
        };
        let mut fallbacks = Vec::new();
        for (g, group) in self.groups.iter().enumerate() {
            for (a, c) in group.iter().enumerate() {
                let CTest::Text(t) = &c.test else { continue };
                if !t.fuzzable {
                    continue;
                }
                let fuzzy = match before(g, a, group.len()) {
                    Some(p) if p.fuzzable && p.scope == t.scope && p.needle == t.needle => p.fuzzy,
                    Some(p) if p.fuzzy && p.scope == t.scope && t.needle.starts_with(&p.needle) => {
                        true
                    }
                    _ => return, // not known without a scan
                };
                fallbacks.push(fuzzy);
            }
        }
        let fuzzable = self
            .groups
            .iter_mut()
            .flatten()
            .filter_map(|c| match &mut c.test {
                CTest::Text(t) if t.fuzzable => Some(t),
                _ => None,
            });
        for (t, fuzzy) in fuzzable.zip(fallbacks) {
            t.fuzzy = fuzzy;
            if fuzzy {
                t.settle_fuzzy_names(index);
            }
        }
        self.decided = true;
    }

    /// Terms that fell back to fuzzy matching (their folded text), for the status bar's
    /// `~fuzzy` and the command line's note.
    pub fn fuzzy_terms(&self) -> Vec<&str> {
        self.terms()
            .filter(|t| t.fuzzy)
            .map(|t| t.needle.as_str())
            .collect()
    }

    /// Is the fuzzy fallback settled (so that a scan's results are final)?
    pub fn decided(&self) -> bool {
        self.decided
    }

    /// Would scanning need [`Matcher::decide_fuzzy`] first to be exact, given what a plain
    /// scan found? Only when it found nothing, or the query has alternatives.
    pub fn fuzzy_pending(&self, found_any: bool) -> bool {
        !self.decided && (!found_any || self.groups.iter().any(|g| g.len() > 1))
    }

    /// Add the matching events among `which` to `out`, in order.
    pub fn scan(&self, index: &SearchIndex, which: Candidates<'_>, out: &mut Vec<EventIdx>) {
        if self.query.is_empty() {
            match which {
                Candidates::Range(a, b) => out.extend(a..b),
                Candidates::Only(v) => out.extend_from_slice(v),
            }
            return;
        }
        let swept = self.sweep(index, which);
        if let Some(s) = &swept
            && self.is_only(s.term)
        {
            return s.scan_alone(index, which, out);
        }
        let swept = swept.as_ref();
        match which {
            Candidates::Range(a, b) => {
                out.extend((a..b).filter(|&i| self.matches_given(index, i as usize, swept)));
            }
            Candidates::Only(v) => {
                out.extend(
                    v.iter()
                        .copied()
                        .filter(|&i| self.matches_given(index, i as usize, swept)),
                );
            }
        }
    }

    /// Does event `i` match?
    pub fn matches(&self, index: &SearchIndex, i: usize) -> bool {
        self.matches_given(index, i, None)
    }

    /// [`Matcher::matches`], with one term's own-text answers known from a sweep.
    fn matches_given(&self, index: &SearchIndex, i: usize, swept: Option<&Swept<'_>>) -> bool {
        self.groups.iter().all(|g| {
            g.iter().any(|c| {
                let hit = match &c.test {
                    CTest::Dates(from, to) => date::overlaps(index.dates.at(i), *from, *to),
                    CTest::Flags(m) => index.flags[i] & m != 0,
                    CTest::Text(t) => t.hits(index, i, swept.and_then(|s| s.own(t, i))),
                    CTest::With(ts) => ts.iter().all(|t| t.hits(index, i, None)),
                    CTest::Never => false,
                };
                hit != c.negated
            })
        })
    }

    /// Indices of the matching events, in chronological order.
    pub fn filter(&self, index: &SearchIndex) -> Vec<EventIdx> {
        self.search(index).0
    }

    /// Indices of the matching events, in chronological order, and the terms that fell
    /// back to fuzzy matching to find them (empty when every term matched as typed): the
    /// explorer's search protocol ([`super::scan`]) run in one go.
    pub fn search(&self, index: &SearchIndex) -> (Vec<EventIdx>, Vec<String>) {
        super::scan::search(&self.query, index)
    }

    /// Matching events, most relevant first (chronological among equals).
    pub fn ranked(&self, index: &SearchIndex) -> Vec<EventIdx> {
        self.rank(index, self.filter(index))
    }
}

/// Does some person's name, alias or id contain the folded `needle` (as `with:` and
/// `person:` match a name)?
pub(crate) fn names_person(needle: &str, index: &SearchIndex) -> bool {
    TextTerm::person(needle, index).any_name
}

/// The people (by index) whose name, alias or id contains the folded `needle`.
pub(crate) fn people_named(needle: &str, index: &SearchIndex) -> Vec<u32> {
    let t = TextTerm::person(needle, index);
    index
        .kind_keys(Kind::Person)
        .filter(|&k| t.names[k as usize])
        .map(|k| k - index.kind_keys(Kind::Person).start)
        .collect()
}

/// (scope, mode, needle) of a group that is one plain, positive text term.
fn one_text(g: &super::parse::Group) -> Option<(Scope, Mode, &str)> {
    match g.alts.as_slice() {
        [t] if !t.negated => match &t.test {
            Test::Text {
                scope,
                mode,
                needle,
            } => Some((*scope, *mode, needle)),
            Test::Dates { .. } | Test::Flags(_) | Test::With(_) | Test::During { .. } => None,
        },
        _ => None,
    }
}

impl TextTerm {
    /// A person as `with:` names them: `person:`'s substring match on names, aliases and
    /// ids, without the fuzzy fallback (a name that matches nobody is an error instead).
    fn person(needle: &str, index: &SearchIndex) -> Self {
        TextTerm::new(Scope::Person, Mode::Exact, needle, false, index)
    }

    fn new(scope: Scope, mode: Mode, needle: &str, negated: bool, index: &SearchIndex) -> Self {
        let pattern = pattern(mode, needle);
        let finder = Finder::new(pattern.as_bytes()).into_owned();
        let single = matches!(pattern.as_bytes(), [b] if letter_bit(*b) != 0);
        let mut t = TextTerm {
            scope,
            negated,
            needle: needle.to_string(),
            finder,
            own: scope == Scope::Any,
            need: letters_of(pattern.as_bytes()),
            single,
            fuzzy_need: letters_of(needle.as_bytes()),
            any_spelling: None,
            names: Vec::new(),
            any_name: false,
            spellings: Vec::new(),
            spelled_events: None,
            field_value: (mode == Mode::Field)
                .then(|| needle.split_once(':').map_or("", |(_, v)| v).to_string()),
            fuzzable: mode == Mode::Fuzzy && !negated && fuzzy::long_enough(needle),
            fuzzy: false,
            fuzzy_names: Vec::new(),
        };
        t.names = (0..u32_of(index.names.len()))
            .map(|k| {
                t.in_scope(index, k) && t.finder.find(index.names[k as usize].as_bytes()).is_some()
            })
            .collect();
        t.expand_terms(index);
        t.any_name = t.names.contains(&true);
        t
    }

    /// A term whose name matches matches every event that holds any of its spellings, in
    /// its own text or in a name it refers to.
    fn expand_terms(&mut self, index: &SearchIndex) {
        let terms = index.kind_keys(Kind::Term);
        let hit: Vec<u32> = terms.clone().filter(|&k| self.names[k as usize]).collect();
        if hit.is_empty() {
            return;
        }
        for &k in &hit {
            let spellings = &index.spellings[(k - terms.start) as usize];
            self.spellings.extend(
                spellings
                    .iter()
                    .map(|s| Finder::new(s.as_bytes()).into_owned()),
            );
        }
        self.any_spelling = AhoCorasick::new(self.spellings.iter().map(|f| f.needle())).ok();
        if let Some(held) = index.term_events() {
            let mut bits = vec![0u64; index.len().div_ceil(64)];
            for &k in &hit {
                for &e in held.get((k - terms.start) as usize).into_iter().flatten() {
                    crate::domain::bits::set(&mut bits, e as usize);
                }
            }
            self.spelled_events = Some(bits);
        }
        for (name, found) in index.name_terms.iter().enumerate() {
            if found.iter().any(|k| hit.contains(k)) {
                self.names[name] = true;
            }
        }
    }

    /// Find the names that match it fuzzily (once it is known to be fuzzy).
    fn settle_fuzzy_names(&mut self, index: &SearchIndex) {
        self.fuzzy_names = (0..index.names.len())
            .map(|k| self.in_scope(index, u32_of(k)) && fuzzy::hit(&index.names[k], &self.needle))
            .collect();
    }

    fn in_scope(&self, index: &SearchIndex, key: u32) -> bool {
        scope_kinds(self.scope)
            .iter()
            .any(|&k| index.kind_keys(k).contains(&key))
    }

    /// Does some event contain it (own text, or a name an event refers to)? When not, it
    /// falls back to fuzzy matching, and `hits` skips what this ruled out for every event.
    fn exists(&self, index: &SearchIndex) -> bool {
        let text = index.text.as_bytes();
        (self.own && self.finder.find(text).is_some())
            || self.names.iter().zip(&index.used).any(|(&n, &u)| n && u)
            || self.spellings.iter().any(|f| find_word(f, text))
    }

    /// Does event `i` hold it? `own`: whether its own text does, when already known.
    fn hits(&self, index: &SearchIndex, i: usize, own: Option<bool>) -> bool {
        if let Some(value) = &self.field_value {
            return self.field_hits(index.own(i), value);
        }
        // A fuzzy term is in no event's own text and in no name an event refers to (that
        // is what made it fuzzy, see `exists`): neither needs a look.
        if !self.fuzzy && self.own && own.unwrap_or_else(|| self.in_own(index, i)) {
            return true;
        }
        if !self.fuzzy && self.any_name && index.keys(i).any(|k| self.names[k as usize]) {
            return true;
        }
        if !self.spellings.is_empty() && self.spelled(index, i) {
            return true;
        }
        self.fuzzy
            && (self.own
                && index.short_may_hold(i, self.fuzzy_need)
                && fuzzy::hit(index.short(i), &self.needle)
                || index.keys(i).any(|k| self.fuzzy_names[k as usize]))
    }

    /// Does a field of this name (each found by the finder) contain `value`?
    fn field_hits(&self, text: &str, value: &str) -> bool {
        let mut from = 0;
        while let Some(k) = self.finder.find(&text.as_bytes()[from..]) {
            let start = from + k + self.finder.needle().len();
            let end = text[start..].find('\n').map_or(text.len(), |e| start + e);
            if text[start..end].contains(value) {
                return true;
            }
            from = start;
        }
        false
    }
}
