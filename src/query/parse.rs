//! The query language, parsed: terms (AND), `|` (OR), `'exact`, `^prefix`, `suffix$`,
//! `!exclude`, scopes `person:` `source:` `place:` `tag:`, `with:A,B` (people together),
//! `during:ID` (overlapping an event), date ranges `1997..2005`, and the event flags
//! `is:disputed`, `has:quote`, `has:link`, `link:KIND`.

use crate::domain::text::fold;
use crate::domain::{Edtf, Instant};
use std::fmt;

/// The query language by example, for the `?` help and the README (a test keeps the README
/// listing every row).
pub const SYNTAX: &[(&str, &str)] = &[
    ("pincer remark", "events holding both words (AND)"),
    ("soleimani | suleimani", "either (OR)"),
    ("'baton", "exact substring, no fuzzy fallback"),
    ("^appointed", "a field starts with it"),
    ("mosul$", "a field ends with it"),
    ("!raisi", "events without it"),
    ("person:rouhani  p:", "someone involved (name, alias, id)"),
    ("source:awsat  s:", "a cited source (title, outlet, id)"),
    ("place:tehran", "a place (or its other spellings)"),
    ("tag:protests  t:", "a tag"),
    ("with:qalibaf,raisi", "both people in it (names as person:)"),
    ("during:born", "dates overlapping event `born`'s"),
    ("1997..2005", "dates overlapping 1997 to 2005"),
    ("..1990  2013-05..", "open-ended date ranges"),
    ("is:disputed", "sources disagree, or a contradicts link"),
    ("link:contradicts", "a link of that kind either way"),
    ("has:quote  has:link", "a quoted source, any link"),
    ("golden\\ child", "a space inside one term"),
];

/// A parsed query: every group must match (AND).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Query {
    /// Groups joined by AND.
    pub groups: Vec<Group>,
}

/// Alternatives joined by `|` (OR).
#[derive(Clone, Debug, PartialEq)]
pub struct Group {
    /// At least one must match.
    pub alts: Vec<Term>,
}

/// Which part of an event a term looks at.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Scope {
    /// Any text of the event.
    Any,
    /// Names, aliases and ids of the event's people.
    Person,
    /// Titles, outlets and ids of the cited sources.
    Source,
    /// Places and their variant spellings.
    Place,
    /// Tags.
    Tag,
}

/// How a text term matches.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Mode {
    /// Substring, or fuzzy when no event contains it.
    Fuzzy,
    /// `'word`: substring only.
    Exact,
    /// `^word`: a field starts with it.
    Prefix,
    /// `word$`: a field ends with it.
    Suffix,
    /// `^word$`: a whole field.
    Whole,
    /// `name:value`: an event field `name` whose value contains `value`.
    Field,
}

/// What a term tests.
#[derive(Clone, Debug, PartialEq)]
pub enum Test {
    /// Text, folded (case, diacritics).
    Text {
        /// Where to look.
        scope: Scope,
        /// How to match.
        mode: Mode,
        /// The folded needle.
        needle: String,
    },
    /// The event has one of these flags (see [`flag`]).
    Flags(u16),
    /// The event's date overlaps this inclusive range (`None` = unbounded).
    Dates {
        /// First day.
        from: Option<Instant>,
        /// Last day.
        to: Option<Instant>,
    },
    /// `with:A,B`: the event involves a person matching each folded name (matched as
    /// `person:` matches a name: name, alias or id, as a substring; never fuzzy).
    With(Vec<String>),
    /// `during:ID`: the event's bounds overlap those of event `id`. `span` is filled by
    /// [`super::resolve`] from the data (an unresolved one matches nothing).
    During {
        /// The event id as typed.
        id: String,
        /// That event's bounds, once resolved.
        span: Option<(Option<Instant>, Option<Instant>)>,
    },
}

/// One term of a query.
#[derive(Clone, Debug, PartialEq)]
pub struct Term {
    /// `!term`: events that match are excluded.
    pub negated: bool,
    /// The test.
    pub test: Test,
    /// Column (1-based, chars) where the term starts in the query.
    pub col: usize,
}

/// A query that does not parse, with the column of the problem.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub struct QueryError {
    /// 1-based column in chars.
    pub col: usize,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for QueryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "column {}: {}", self.col, self.message)
    }
}

impl Query {
    /// True when the query selects everything.
    pub fn is_empty(&self) -> bool {
        self.groups.is_empty()
    }
}

/// Split into words at unescaped whitespace; `\ ` keeps a space. Returns (column, word).
fn words(input: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut start = 0;
    let mut chars = input.chars().enumerate().peekable();
    while let Some((i, c)) = chars.next() {
        if c == '\\' && chars.peek().is_some_and(|&(_, n)| n.is_whitespace()) {
            if cur.is_empty() {
                start = i;
            }
            cur.push(chars.next().expect("peeked").1);
        } else if c.is_whitespace() {
            if !cur.is_empty() {
                out.push((start + 1, std::mem::take(&mut cur)));
            }
        } else {
            if cur.is_empty() {
                start = i;
            }
            cur.push(c);
        }
    }
    if !cur.is_empty() {
        out.push((start + 1, cur));
    }
    out
}

/// Parse a query string.
pub fn parse(input: &str) -> Result<Query, QueryError> {
    let mut groups: Vec<Group> = Vec::new();
    let mut pending_or: Option<usize> = None;
    let mut prev_col = None;
    for (col, word) in words(input) {
        if word == "|" {
            if pending_or.is_some() || groups.is_empty() || prev_col.is_none() {
                return Err(QueryError {
                    col,
                    message: "`|` needs a term on each side".into(),
                });
            }
            pending_or = Some(col);
            continue;
        }
        let term = parse_term(col, &word)?;
        prev_col = Some(col);
        match pending_or.take() {
            Some(_) => groups.last_mut().expect("checked").alts.push(term),
            None => groups.push(Group { alts: vec![term] }),
        }
    }
    if let Some(col) = pending_or {
        return Err(QueryError {
            col,
            message: "`|` needs a term on each side".into(),
        });
    }
    Ok(Query { groups })
}

fn parse_term(col: usize, word: &str) -> Result<Term, QueryError> {
    let err = |offset: usize, message: String| QueryError {
        col: col + offset,
        message,
    };
    let mut rest = word;
    let mut offset = 0;
    let negated = rest.starts_with('!');
    if negated {
        rest = &rest[1..];
        offset += 1;
    }
    if rest.is_empty() {
        return Err(err(0, "`!` needs a term after it".into()));
    }
    if let Some(range) = date_range(rest) {
        let (from, to) = range.map_err(|m| err(offset, m))?;
        return Ok(Term {
            negated,
            test: Test::Dates { from, to },
            col,
        });
    }
    if let Some(range) = range_typo(rest) {
        return Err(err(
            offset,
            format!("did you mean {range}? (a date range is written `1997..2005`)"),
        ));
    }
    let mut scope = Scope::Any;
    // A scope or a field name: a letter, then letters, digits, `_`, `-`, `.` (a field is
    // named so); `https://…` is text, not a field named `https`.
    if let Some((name, value)) = rest.split_once(':')
        && name.starts_with(|c: char| c.is_ascii_alphabetic())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
        && !value.starts_with("//")
    {
        let name = name.to_ascii_lowercase();
        scope = match name.as_str() {
            "person" | "p" => Scope::Person,
            "source" | "s" => Scope::Source,
            "place" => Scope::Place,
            "tag" | "t" => Scope::Tag,
            "is" | "has" | "link" => {
                let mask = flag_term(&name, value).map_err(|m| err(offset, m))?;
                return Ok(Term {
                    negated,
                    test: Test::Flags(mask),
                    col,
                });
            }
            "with" => {
                let names: Vec<String> = value.split(',').map(fold).collect();
                if names.len() < 2 || names.iter().any(|n| n.trim().is_empty()) {
                    return Err(err(
                        offset,
                        "`with:` takes two or more names joined by commas: `with:qalibaf,soleimani`"
                            .into(),
                    ));
                }
                return Ok(Term {
                    negated,
                    test: Test::With(names),
                    col,
                });
            }
            "during" => {
                if value.is_empty() {
                    return Err(err(
                        offset,
                        "`during:` takes an event id: `during:protests-1999`".into(),
                    ));
                }
                return Ok(Term {
                    negated,
                    test: Test::During {
                        id: value.to_string(),
                        span: None,
                    },
                    col,
                });
            }
            "date" => {
                return Err(err(
                    offset,
                    format!(
                        "did you mean {}..? (dates need no scope: `1999`, `1997..2005`)",
                        value
                    ),
                ));
            }
            other => {
                // A near miss of a scope (one letter off a long name: `persn:`) is a
                // typo; any other name is an event field (`caus:fever`, `data:x`).
                if let Some(c) = closest(other, &SCOPES)
                    .filter(|c| other.chars().count() >= 5 && distance(other, c) <= 1)
                {
                    return Err(err(
                        offset,
                        format!(
                            "did you mean {c}:? unknown scope `{other}:` (use person:, source:, place:, tag:, with:, during:, is:, has:, link:, or a field name)"
                        ),
                    ));
                }
                let needle = fold(&format!("{other}:{value}"));
                return Ok(Term {
                    negated,
                    test: Test::Text {
                        scope,
                        mode: Mode::Field,
                        needle,
                    },
                    col,
                });
            }
        };
        rest = value;
    }
    let mut mode = Mode::Fuzzy;
    if let Some(r) = rest.strip_prefix('\'') {
        mode = Mode::Exact;
        rest = r;
    } else {
        let prefix = rest.starts_with('^');
        let suffix = rest.len() > 1 && rest.ends_with('$') || (!prefix && rest == "$");
        if prefix {
            rest = &rest[1..];
        }
        if suffix && rest.ends_with('$') {
            rest = &rest[..rest.len() - 1];
        }
        mode = match (prefix, suffix) {
            (true, true) => Mode::Whole,
            (true, false) => Mode::Prefix,
            (false, true) => Mode::Suffix,
            (false, false) => mode,
        };
    }
    let needle = fold(rest);
    if needle.is_empty() {
        return Err(err(0, "empty term".into()));
    }
    Ok(Term {
        negated,
        test: Test::Text {
            scope,
            mode,
            needle,
        },
        col,
    })
}

/// Event flags, as the search index stores them per event.
pub mod flag {
    /// Sources disagree on it (another date, or a `Contradicts` link either way).
    pub const DISPUTED: u16 = 1;
    /// A citation quotes someone.
    pub const QUOTE: u16 = 1 << 1;
    /// Links of kind `k` (in `LinkKind::ALL` order) either way: `1 << (LINK + k)`.
    pub const LINK: u16 = 2;
    /// Any link either way.
    pub const ANY_LINK: u16 = 0b11111 << LINK;
}

/// The names `link:` takes, in `LinkKind::ALL` order.
const LINK_NAMES: [&str; 5] = ["related", "causes", "partof", "refers", "contradicts"];

/// The scopes a term may start with, for suggestions.
const SCOPES: [&str; 13] = [
    "person", "p", "source", "s", "place", "tag", "t", "with", "during", "is", "has", "link",
    "date",
];

/// Edit distance (for "did you mean"), on short words only.
pub(crate) fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, &cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != cb);
            cur.push(sub.min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}

/// The closest of `options` to `word`, if it is close enough to be a likely typo.
fn closest<'a>(word: &str, options: &[&'a str]) -> Option<&'a str> {
    options
        .iter()
        .map(|o| (distance(word, o), *o))
        .filter(|(d, o)| *d <= 2.min(o.len().saturating_sub(1)).max(1))
        .min()
        .map(|(_, o)| o)
}

/// `is:`, `has:` and `link:` terms: the flag mask, or an error message with a hint.
fn flag_term(scope: &str, value: &str) -> Result<u16, String> {
    let v = value.to_ascii_lowercase().replace(['-', '_'], "");
    let known: &[(&str, u16)] = match scope {
        "is" => &[("disputed", flag::DISPUTED), ("linked", flag::ANY_LINK)],
        "has" => &[
            ("quote", flag::QUOTE),
            ("link", flag::ANY_LINK),
            ("links", flag::ANY_LINK),
        ],
        _ => &[],
    };
    if scope == "link" {
        if v == "any" {
            return Ok(flag::ANY_LINK);
        }
        if let Some(k) = LINK_NAMES.iter().position(|n| *n == v) {
            return Ok(1 << (flag::LINK as usize + k));
        }
        let hint = closest(&v, &LINK_NAMES)
            .map(|c| format!("did you mean link:{c}? "))
            .unwrap_or_default();
        return Err(format!(
            "{hint}`link:` takes one of {}, any",
            LINK_NAMES.join(", ")
        ));
    }
    if let Some((_, m)) = known.iter().find(|(n, _)| *n == v) {
        return Ok(*m);
    }
    let names: Vec<&str> = known.iter().map(|(n, _)| *n).collect();
    let hint = closest(&v, &names)
        .map(|c| format!("did you mean {scope}:{c}? "))
        .unwrap_or_default();
    Err(format!("{hint}`{scope}:` takes {}", names.join(" or ")))
}

/// A word that looks like a range written another way (`1997-2005`, `1997/2005`,
/// `1997–2005`): the range it probably means.
fn range_typo(word: &str) -> Option<String> {
    for sep in ['-', '/', '–', '—'] {
        if let Some((a, b)) = word.split_once(sep) {
            let year =
                |s: &str| (3..=4).contains(&s.len()) && s.chars().all(|c| c.is_ascii_digit());
            // `1997-05` is a month; a second part of three or four digits is a year.
            if year(a) && year(b) {
                return Some(format!("{a}..{b}"));
            }
        }
    }
    None
}

type Range = (Option<Instant>, Option<Instant>);

/// `None` when the word is not a range at all; `Some(Err)` when it is a bad one.
fn date_range(word: &str) -> Option<Result<Range, String>> {
    let (a, b) = word.split_once("..")?;
    // Digits first (or a sign, or `Y`), then only what EDTF dates and times are made of.
    let looks_like_date = |s: &str| {
        s.is_empty()
            || (s.starts_with(|c: char| c.is_ascii_digit() || c == '-' || c == 'Y')
                && s.chars()
                    .all(|c| c.is_ascii_digit() || "-:+TZXYES.?~%".contains(c)))
    };
    if !looks_like_date(a) || !looks_like_date(b) {
        return None;
    }
    if a.is_empty() && b.is_empty() {
        return Some(Err(
            "a date range needs a start or an end: `1997..2005`, `..1990`, `2013..`".into(),
        ));
    }
    let point = |s: &str| -> Result<Option<Edtf>, String> {
        if s.is_empty() {
            return Ok(None);
        }
        match Edtf::parse(s) {
            Ok(d @ Edtf::Point(_)) => Ok(Some(d)),
            Ok(_) => Err(format!("`{s}` is not a single date")),
            Err(e) => Err(format!("`{s}`: {e}")),
        }
    };
    Some((|| {
        let from = point(a)?.and_then(|d| d.earliest());
        let to = point(b)?.and_then(|d| d.latest());
        if let (Some(f), Some(t)) = (from, to)
            && t < f
        {
            return Err(format!("date range `{word}` ends before it starts"));
        }
        Ok((from, to))
    })())
}

#[cfg(test)]
#[path = "parse_tests.rs"]
mod tests;
