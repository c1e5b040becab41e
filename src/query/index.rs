//! Search text, folded once at load so that matching is a plain scan.
//!
//! Each event keeps only its own text (title, id, dates; then summary, quotes and notes) in
//! one arena. People, places, tags, sources and terms are folded once each — not copied
//! into every event that names them — and events refer to them by key, so a query term is
//! first matched against the few thousand names, then events are checked by key.

use crate::domain::num::u32_of;
use crate::domain::text::fold_into;
use crate::domain::{EventRef, Timeline};
use aho_corasick::AhoCorasick;

mod keys;
mod offsets;
mod pairs;
mod spans;
mod terms;
pub use keys::{KeyList, Keys, KeysIter};
pub use offsets::Offsets;
pub use pairs::{PAIRS_FROM, Pairs};
pub use spans::{Span, Spans};

/// What a name key stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A person: names, aliases, id.
    Person,
    /// A place and its variant spellings.
    Place,
    /// A tag.
    Tag,
    /// A source: id, title, outlet.
    Source,
    /// A term's variant spellings (found in the event's text when a query asks).
    Term,
}

impl Kind {
    /// All kinds, in key order.
    pub const ALL: [Kind; 5] = [
        Kind::Person,
        Kind::Place,
        Kind::Tag,
        Kind::Source,
        Kind::Term,
    ];
}

/// The bits of [`letters_of`] (letters and digits).
const OWN_BITS: u64 = (1 << 36) - 1;
/// The letters' bits alone.
const A_TO_Z: u64 = (1 << 26) - 1;
/// Where the short fields' letters sit in an event's `letters` word.
const SHORT_SHIFT: u32 = 36;

/// Events per run of the index built on one core (about 1 MB of folded text at synth's
/// sizes): small, so that the runs done ahead of their turn hold little.
const RUN: usize = 4_096;

/// Folded text of all events, in the timeline's order, and of every name they refer to.
#[derive(Clone, Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct SearchIndex {
    /// Every event's own folded text, end to end; each field framed by `\n`.
    pub(crate) text: crate::domain::arena::Arena,
    /// Event `i`'s text is `text[starts[i]..starts[i + 1]]`.
    pub(crate) starts: Offsets,
    /// Where event `i`'s long fields (summary, quotes, notes) begin in `text`.
    pub(crate) long: Offsets,
    /// Earliest and latest day of each event (for date ranges).
    pub(crate) dates: Spans,
    /// The year each event counts under (UTC; `i32::MIN`: none), computed once: every
    /// scan tallies the years of its hits.
    pub(crate) years: Vec<i32>,
    /// Flags of each event (`parse::flag`): disputed, quoted, links by kind.
    pub(crate) flags: Vec<u16>,
    /// Which ASCII letters and digits event `i`'s own text holds (bits 0–35, see
    /// [`letters_of`]): a text term whose letters are not all there is not looked for.
    /// Bits 36–61 are the letters of its short fields alone (where the fuzzy fallback
    /// looks; digits left out), so that one word holds both.
    pub(crate) letters: Vec<u64>,
    /// Event `i`'s name keys are `keys[key_starts[i]..key_starts[i + 1]]`.
    pub(crate) key_starts: Vec<u32>,
    /// Name keys of all events.
    pub(crate) keys: KeyList,
    /// Folded text of each name key, framed by `\n`.
    pub(crate) names: Vec<String>,
    /// First key of each kind (in [`Kind::ALL`] order), and the end.
    pub(crate) kind_start: [u32; 6],
    /// Keys that at least one event refers to.
    pub(crate) used: Vec<bool>,
    /// Folded spellings of each term (by term number).
    pub(crate) spellings: Vec<Vec<String>>,
    /// For each name that is not a term: the term keys whose spellings occur in it.
    pub(crate) name_terms: Vec<Vec<u32>>,
    /// Which events hold each term, once worked out after loading (see
    /// [`SearchIndex::settle_terms`]); never stored.
    #[serde(skip)]
    pub(crate) term_events: std::sync::OnceLock<Option<Vec<Vec<u32>>>>,
    /// Sweep a term through the text end to end from stretches of this many events on
    /// (`None`: the matcher's own threshold). Tests set it low so that small timelines are
    /// swept too; plain scans ([`SearchIndex::without_masks`]) never sweep.
    #[serde(skip)]
    pub(crate) sweep_from: Option<usize>,
    /// Which events hold each pair of letters, once worked out after loading (see
    /// [`SearchIndex::settle_pairs`]); never stored.
    #[serde(skip)]
    pub(crate) pairs: std::sync::OnceLock<Option<Pairs>>,
}

fn framed<'a>(parts: impl IntoIterator<Item = &'a str>) -> String {
    let mut s = String::from("\n");
    for p in parts {
        fold_into(p, &mut s);
        s.push('\n');
    }
    s
}

/// An event's flags (see `parse::flag`).
fn flags_of(t: &Timeline, i: crate::domain::EventIdx) -> u16 {
    use super::parse::flag;
    use crate::domain::LinkKind;
    let e = t.event(i);
    let kind_bit = |k: LinkKind| {
        let n = LinkKind::ALL.iter().position(|x| *x == k).unwrap_or(0);
        1u16 << (flag::LINK as usize + n)
    };
    let mut f = 0;
    if t.disputed(i) {
        f |= flag::DISPUTED;
    }
    if e.citations().any(|c| c.quote().is_some()) {
        f |= flag::QUOTE;
    }
    for l in e.links() {
        f |= kind_bit(l.kind);
    }
    for b in t.backlinks(i) {
        f |= kind_bit(t.event(b.from).link(b.link).kind);
    }
    f
}

/// One bit per ASCII letter (folded text has no capitals) and digit that `bytes` holds:
/// `a`–`z` are bits 0–25, `0`–`9` bits 26–35. Other bytes set no bit. A substring's
/// letters are a subset of its haystack's, so `letters_of(needle) & !letters_of(hay) != 0`
/// proves that `hay` does not contain `needle`.
pub(crate) fn letters_of(bytes: &[u8]) -> u64 {
    // A table and four lanes, so that no OR waits on the one before (this runs over every
    // byte of a timeline's text while it is indexed).
    let mut lanes = [0u64; 4];
    let mut quads = bytes.chunks_exact(4);
    for q in &mut quads {
        for (lane, &b) in lanes.iter_mut().zip(q) {
            *lane |= LETTER_BITS[b as usize];
        }
    }
    let rest = quads.remainder().iter();
    rest.fold(lanes[0] | lanes[1] | lanes[2] | lanes[3], |m, &b| {
        m | LETTER_BITS[b as usize]
    })
}

/// [`letter_bit`] of every byte.
const LETTER_BITS: [u64; 256] = {
    let mut t = [0u64; 256];
    let mut b: u8 = 0;
    loop {
        t[b as usize] = letter_bit(b);
        if b == u8::MAX {
            break t;
        }
        b += 1;
    }
};

/// The bit of one byte in [`letters_of`] (0 for anything but `a`–`z` and `0`–`9`).
pub(crate) const fn letter_bit(b: u8) -> u64 {
    match b {
        b'a'..=b'z' => 1 << (b - b'a'),
        b'0'..=b'9' => 1 << (26 + b - b'0'),
        _ => 0,
    }
}

fn push_field(buf: &mut String, s: &str) {
    fold_into(s, buf);
    buf.push('\n');
}

impl SearchIndex {
    /// Number of events indexed.
    pub fn len(&self) -> usize {
        self.dates.len()
    }

    /// True when no event is indexed.
    pub fn is_empty(&self) -> bool {
        self.dates.is_empty()
    }

    /// Event `i`'s own folded text (short fields, then long ones).
    pub(crate) fn own(&self, i: usize) -> &str {
        self.slice(self.starts.at(i), self.starts.at(i + 1))
    }

    /// The folded text from `a` to `b`. A built index's offsets are on character
    /// boundaries; one read back from a damaged or forged cache entry whose are not reads as
    /// empty (checked here, where the text is read anyway: see `open::sound`).
    fn slice(&self, a: usize, b: usize) -> &str {
        self.text.get(a..b).unwrap_or("")
    }

    /// Event `i`'s short fields: title, id, dates.
    pub(crate) fn short(&self, i: usize) -> &str {
        self.slice(self.starts.at(i), self.long.at(i))
    }

    /// Might event `i`'s own text hold all the letters of `need` (a [`letters_of`] mask)?
    /// True when the index has no masks (never a wrong "no").
    pub(crate) fn may_hold(&self, i: usize, need: u64) -> bool {
        let need = need & OWN_BITS;
        self.letters.get(i).is_none_or(|&m| m & need == need)
    }

    /// Might event `i`'s short fields hold all the letters of `need`?
    pub(crate) fn short_may_hold(&self, i: usize, need: u64) -> bool {
        let need = need & A_TO_Z;
        self.letters
            .get(i)
            .is_none_or(|&m| m >> SHORT_SHIFT & need == need)
    }

    /// This index without its letter masks and without the events of each term: every
    /// event is looked at in full. For tests that compare pruned scans with plain ones.
    #[doc(hidden)]
    pub fn without_masks(&self) -> SearchIndex {
        SearchIndex {
            letters: Vec::new(),
            term_events: std::sync::OnceLock::new(),
            pairs: std::sync::OnceLock::new(),
            sweep_from: Some(usize::MAX),
            ..self.clone()
        }
    }

    /// This index, sweeping terms through stretches of `n` events or more (see
    /// `matcher::sweep`). For tests that sweep small timelines.
    #[doc(hidden)]
    pub fn sweeping_from(mut self, n: usize) -> SearchIndex {
        self.sweep_from = Some(n);
        self
    }

    /// Event `i`'s long fields: summary, quotes, notes.
    pub(crate) fn long_text(&self, i: usize) -> &str {
        self.slice(self.long.at(i), self.starts.at(i + 1))
    }

    /// The year event `i` counts under (its first year, or its last for an open start).
    pub fn year(&self, i: usize) -> Option<i64> {
        let y = self.years[i];
        (y != i32::MIN).then_some(i64::from(y))
    }

    /// Event `i`'s name keys (people, places, tags, then each cited source once).
    pub fn keys(&self, i: usize) -> Keys<'_> {
        self.keys
            .slice(self.key_starts[i] as usize..self.key_starts[i + 1] as usize)
    }

    /// The keys of one kind.
    pub fn kind_keys(&self, k: Kind) -> std::ops::Range<u32> {
        let i = Kind::ALL.iter().position(|x| *x == k).unwrap_or(0);
        self.kind_start[i]..self.kind_start[i + 1]
    }

    /// What a name key stands for: its kind and its number among that kind (a person's,
    /// place's, tag's, source's or term's index in the timeline).
    pub fn kind_of(&self, key: u32) -> Option<(Kind, u32)> {
        Kind::ALL
            .iter()
            .zip(self.kind_start.windows(2))
            .find(|(_, w)| (w[0]..w[1]).contains(&key))
            .map(|(k, w)| (*k, key - w[0]))
    }

    /// Build the index of a timeline.
    pub fn new(t: &Timeline) -> SearchIndex {
        SearchIndex::in_runs(t, RUN)
    }

    /// [`SearchIndex::new`], building `run` events at a time on each core.
    fn in_runs(t: &Timeline, run: usize) -> SearchIndex {
        let run = run.max(1);
        let mut names = Vec::new();
        let mut kind_start = [0u32; 6];
        for p in &t.people {
            let all = std::iter::once(&p.name).chain(&p.aliases).chain([&p.id]);
            names.push(framed(all.map(String::as_str)));
        }
        kind_start[1] = u32_of(names.len());
        for p in &t.places {
            names.push(framed(
                std::iter::once(&p.name)
                    .chain(&p.aliases)
                    .map(String::as_str),
            ));
        }
        kind_start[2] = u32_of(names.len());
        for g in &t.tags {
            names.push(framed([g.as_str()]));
        }
        kind_start[3] = u32_of(names.len());
        for s in &t.sources {
            let all = [Some(&s.id), Some(&s.title), s.outlet.as_ref()];
            names.push(framed(all.into_iter().flatten().map(String::as_str)));
        }
        kind_start[4] = u32_of(names.len());
        // Terms: all spellings. Events are searched for them only when a query names
        // the term; names (people, places…) are searched here, once.
        let mut spellings = Vec::new();
        let mut spelling_term = Vec::new();
        for (k, term) in t.terms.iter().enumerate() {
            let all = std::iter::once(&term.name).chain(&term.aliases);
            names.push(framed(all.clone().map(String::as_str)));
            for s in all {
                let mut f = String::new();
                fold_into(s, &mut f);
                if !f.is_empty() {
                    spellings.push(f);
                    spelling_term.push(u32_of(k));
                }
            }
        }
        kind_start[5] = u32_of(names.len());
        let automaton = (!spellings.is_empty())
            .then(|| AhoCorasick::new(&spellings).ok())
            .flatten();
        // Terms named in each name, as whole words (a person's name can hold a term's
        // spelling; `Najaf` does not hold `NAJA`).
        let terms_of = |text: &str, out: &mut Vec<u32>| {
            if let Some(ac) = &automaton {
                for m in ac.find_overlapping_iter(text) {
                    let (before, after) =
                        super::matcher::word_around(text.as_bytes(), m.start(), m.end());
                    if before || after {
                        continue;
                    }
                    out.push(kind_start[4] + spelling_term[m.pattern().as_usize()]);
                }
            }
        };
        let name_terms: Vec<Vec<u32>> = names[..kind_start[4] as usize]
            .iter()
            .map(|n| {
                let mut v = Vec::new();
                terms_of(n, &mut v);
                v.sort_unstable();
                v.dedup();
                v
            })
            .collect();
        let mut by_term = vec![Vec::new(); t.terms.len()];
        for (s, &k) in spellings.into_iter().zip(&spelling_term) {
            by_term[k as usize].push(s);
        }

        let n = t.len();
        let mut x = SearchIndex {
            used: vec![false; names.len()],
            keys: KeyList::for_names(names.len()),
            names,
            kind_start,
            spellings: by_term,
            name_terms,
            ..SearchIndex::default()
        };
        // Build runs of events on every core and append each, in order, as it is done: only
        // a few runs are ever held beside the index (building halves and joining them held
        // a copy of half the folded text at the peak of a cold load).
        // (At most 8: the runs held ahead of their turn grow with the workers.)
        let workers = std::thread::available_parallelism().map_or(1, |p| p.get().min(8));
        let runs = n.div_ceil(run);
        // Room up front for the folded text (about the raw text) and one entry per event:
        // capacity not yet written costs no memory, while growing would copy.
        x.text.owned().reserve(t.text.len() + n * 40);
        x.starts.reserve_exact(n + 1);
        x.long.reserve_exact(n);
        x.dates.reserve_exact(n);
        x.years.reserve_exact(n);
        x.flags.reserve_exact(n);
        x.letters.reserve_exact(n);
        x.key_starts.reserve_exact(n + 1);
        x.keys.reserve(n * 6);
        let proto = SearchIndex {
            kind_start,
            keys: KeyList::for_names(x.names.len()),
            ..SearchIndex::default()
        };
        crate::domain::par::in_order(
            runs,
            workers,
            |k| proto.part(t, k * run..((k + 1) * run).min(n)),
            |b| {
                let (base, kbase) = (x.text.len(), u32_of(x.keys.len()));
                x.text.owned().push_str(&b.text);
                b.starts.iter().for_each(|s| x.starts.push(s + base));
                b.long.iter().for_each(|s| x.long.push(s + base));
                x.dates.extend(&b.dates);
                x.years.extend_from_slice(&b.years);
                x.flags.extend_from_slice(&b.flags);
                x.letters.extend_from_slice(&b.letters);
                x.key_starts.extend(b.key_starts.iter().map(|s| s + kbase));
                x.keys.extend(&b.keys);
            },
        );
        x.starts.push(x.text.len());
        x.key_starts.push(u32_of(x.keys.len()));
        x.keys.slice(0..x.keys.len()).for_each(|k| {
            if let Some(u) = x.used.get_mut(k as usize) {
                *u = true;
            }
        });
        x
    }

    /// The per-event part of the index for a range of events.
    fn part(&self, t: &Timeline, range: std::ops::Range<usize>) -> SearchIndex {
        // Room for the folded text up front (about the raw text's share), so that the
        // buffer is not copied as it grows.
        let share = t.text.len() / t.len().max(1) * range.len();
        let mut x = SearchIndex {
            kind_start: self.kind_start,
            text: String::with_capacity(share + range.len() * 40).into(),
            starts: Offsets::with_capacity(range.len()),
            long: Offsets::with_capacity(range.len()),
            dates: Spans::with_capacity(range.len()),
            years: Vec::with_capacity(range.len()),
            flags: Vec::with_capacity(range.len()),
            letters: Vec::with_capacity(range.len()),
            key_starts: Vec::with_capacity(range.len()),
            keys: self.keys.clone(),
            ..SearchIndex::default()
        };
        x.keys.reserve(range.len() * 6);
        let mut scratch = Vec::new();
        for i in range {
            // Events are in chronological order, their text and references in the file's:
            // start loading a few events ahead so that their misses overlap.
            t.prefetch(i + 16);
            x.add_event(&t.event(u32_of(i)), &mut scratch);
            x.flags.push(flags_of(t, u32_of(i)));
        }
        x
    }

    fn add_event(&mut self, e: &EventRef<'_>, scratch: &mut Vec<u32>) {
        let start = self.text.len();
        self.starts.push(start);
        self.key_starts.push(u32_of(self.keys.len()));
        let span = e.date.span();
        self.dates.push(span);
        // Years beyond ±2 billion are tallied at the edge (the strip cannot tell them apart).
        let year = crate::domain::date::year_of(span).map_or(i32::MIN, |y| {
            i32::try_from(y.clamp(-2_000_000_000, 2_000_000_000)).unwrap_or(0)
        });
        self.years.push(year);
        let buf = self.text.owned();
        buf.push('\n');
        push_field(buf, e.title());
        push_field(buf, e.id());
        push_field(buf, &e.date.short());
        push_field(buf, &e.date.to_edtf());
        if let Some(d) = e.display_date() {
            push_field(buf, d);
        }
        self.long.push(buf.len());
        buf.push('\n');
        push_field(buf, e.summary());
        for (k, v) in e.fields() {
            // `name:value`, as the query's field scope looks for it.
            push_field(buf, &format!("{k}:{v}"));
        }
        for m in e.media() {
            for s in [m.caption, m.credit].into_iter().flatten() {
                push_field(buf, s);
            }
        }
        for c in e.citations() {
            for s in [c.quote(), c.note()].into_iter().flatten() {
                push_field(buf, s);
            }
        }
        for l in e.links() {
            if let Some(n) = l.note() {
                push_field(buf, n);
            }
        }
        let own = &self.text.as_bytes()[start..];
        let short = self.long.last().map_or(0, |l| l - start);
        let in_short = letters_of(&own[..short]);
        let all = in_short | letters_of(&own[short..]);
        self.letters.push(all | (in_short & A_TO_Z) << SHORT_SHIFT);
        let ks = &self.kind_start;
        scratch.clear();
        scratch.extend(e.people().iter().map(|&p| ks[0] + p));
        scratch.extend(e.places().iter().map(|&p| ks[1] + p));
        scratch.extend(e.tags().iter().map(|&g| ks[2] + g));
        scratch.extend(e.citations().map(|c| ks[3] + c.source));
        scratch.sort_unstable();
        scratch.dedup();
        self.keys.push_all(scratch);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The table and its four lanes give what one bit per byte gives, at every length
        /// (the lanes' remainder included).
        #[test]
        fn letters_of_is_the_or_of_each_bytes_bit(bytes in proptest::collection::vec(any::<u8>(), 0..40)) {
            let plain = bytes.iter().fold(0, |m, &b| m | letter_bit(b));
            prop_assert_eq!(letters_of(&bytes), plain);
        }
    }

    #[test]
    fn an_index_built_in_runs_is_the_index_built_in_one() {
        let t = crate::load::load_bundled().timeline;
        let one = SearchIndex::in_runs(&t, usize::MAX);
        for run in [1, 2, 7] {
            let x = SearchIndex::in_runs(&t, run);
            assert_eq!(x.text.as_str(), one.text.as_str(), "{run}");
            assert_eq!(x.starts, one.starts);
            assert_eq!(x.long, one.long);
            assert_eq!(x.dates, one.dates);
            assert_eq!(x.years, one.years);
            assert_eq!(x.flags, one.flags);
            assert_eq!(x.letters, one.letters);
            assert_eq!(x.key_starts, one.key_starts);
            assert_eq!(x.keys, one.keys);
            assert_eq!(x.used, one.used);
        }
        assert_eq!(one.starts.len(), t.len() + 1);
        assert!(one.keys.len() > t.len());
    }

    #[test]
    fn one_word_holds_an_events_letters_and_its_short_fields_letters() {
        let t = crate::load::load_bundled().timeline;
        let x = SearchIndex::new(&t);
        for i in 0..t.len() {
            let (own, short) = (x.own(i).as_bytes(), x.short(i).as_bytes());
            assert_eq!(x.letters[i] & OWN_BITS, letters_of(own), "{i}");
            assert_eq!(
                x.letters[i] >> SHORT_SHIFT,
                letters_of(short) & A_TO_Z,
                "{i}"
            );
            // Every letter an event's short fields hold may be there; others may not.
            for (b, bit) in (b'a'..=b'z').zip(0..) {
                let there = short.contains(&b);
                assert_eq!(x.short_may_hold(i, 1 << bit), there, "{i} {}", b as char);
            }
            assert!(x.short_may_hold(i, 1 << 30), "digits are not ruled out");
        }
    }

    #[test]
    fn letter_bits_are_the_letters_and_digits() {
        assert_eq!(letters_of(b"az09"), 1 | 1 << 25 | 1 << 26 | 1 << 35);
        assert_eq!(letters_of("AZ -\n\u{e9}".as_bytes()), 0);
        assert_eq!(LETTER_BITS.iter().filter(|&&m| m != 0).count(), 36);
    }

    #[test]
    fn offsets_off_a_char_boundary_read_as_empty_and_match_nothing() {
        // What a forged cache entry may hold: offsets inside `ñ` (bytes 2..4).
        let x = SearchIndex {
            text: "\nañb\n".into(),
            starts: vec![0, 3, 6].into(),
            long: vec![3, 6].into(),
            ..SearchIndex::default()
        };
        assert_eq!((x.own(0), x.short(0), x.long_text(0)), ("", "", ""));
        assert_eq!((x.own(1), x.short(1), x.long_text(1)), ("", "", ""));
        assert_eq!(x.slice(0, 6), "\nañb\n");
    }
}
