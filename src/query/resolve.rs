//! Terms that need the data before they mean anything: `during:ID` takes the bounds of
//! event ID, and each name of `with:A,B` must name somebody. An unknown id or name is a
//! query error (with its column and a did-you-mean), never an empty result.

use super::SearchIndex;
use super::matcher::{names_person, people_named};
use super::parse::{Query, QueryError, Test, distance};
use crate::domain::text::fold;
use crate::domain::{PersonIdx, Timeline};

/// Fill in what `q`'s terms take from `t` (the bounds of each `during:` event) and check
/// that each `with:` name matches a person. The first problem is the error.
pub fn resolve(q: &mut Query, t: &Timeline, index: &SearchIndex) -> Result<(), QueryError> {
    for term in q.groups.iter_mut().flat_map(|g| g.alts.iter_mut()) {
        let col = term.col + usize::from(term.negated);
        match &mut term.test {
            Test::During { id, span } => {
                let Some(e) = t.event_by_id(id) else {
                    // The did-you-mean first (as for every query error: it is what a
                    // narrow status bar must keep), the caret at the id.
                    let hint = closest_id(t, id)
                        .map(|c| format!("did you mean during:{c}? "))
                        .unwrap_or_default();
                    return Err(QueryError {
                        col: col + "during:".len(),
                        message: format!("{hint}`during:` no event has the id `{id}`"),
                    });
                };
                *span = Some(t.event(e).date.span());
            }
            Test::With(names) => {
                // The caret points at the name (names are folded, which keeps their
                // length in characters but for a few letters such as `ß`).
                let mut at = col + "with:".len();
                for n in names.iter() {
                    if !names_person(n, index) {
                        let hint = closest_person(t, n)
                            .map(|c| format!("did you mean {c}? "))
                            .unwrap_or_default();
                        return Err(QueryError {
                            col: at,
                            message: format!("{hint}`with:` no person is called `{n}`"),
                        });
                    }
                    at += n.chars().count() + 1;
                }
            }
            _ => {}
        }
    }
    Ok(())
}

/// The event id nearest `id` by edit distance, when it is a likely typo (looked for only
/// in timelines small enough to compare every id while typing).
fn closest_id<'a>(t: &'a Timeline, id: &str) -> Option<&'a str> {
    if t.len() > 50_000 {
        return None;
    }
    // Ids are case-sensitive; a did-you-mean is not (`PROTESTS-1999`).
    let id = id.to_lowercase();
    t.events()
        .map(|e| (distance(&id, &e.id().to_lowercase()), e.id()))
        .filter(|(d, c)| *d <= 2.min(c.len().saturating_sub(1)).max(1))
        .min()
        .map(|(_, c)| c)
}

/// The person one of whose words (name, alias, id) is nearest `needle`, when it is a
/// likely typo: their name.
fn closest_person<'a>(t: &'a Timeline, needle: &str) -> Option<&'a str> {
    t.people
        .iter()
        .filter_map(|p| {
            let all = std::iter::once(&p.name).chain(&p.aliases).chain([&p.id]);
            all.flat_map(|s| {
                fold(s)
                    .split(|c: char| !c.is_alphanumeric())
                    .map(|w| distance(needle, w))
                    .collect::<Vec<_>>()
            })
            .min()
            .map(|d| (d, p.name.as_str()))
        })
        .filter(|(d, _)| *d <= 2)
        .min()
        .map(|(_, n)| n)
}

/// The one person `name` means, matched as `person:` and `with:` match a name (name,
/// alias or id contain it, folded). When it names several, the only one whose id, name or
/// an alias is exactly `name` (folded); otherwise an error that lists them (name and id),
/// as does a name that matches nobody (with a did-you-mean).
pub fn person(t: &Timeline, index: &SearchIndex, name: &str) -> Result<PersonIdx, String> {
    let needle = fold(name);
    let found = people_named(&needle, index);
    match found.as_slice() {
        [] => {
            let hint = closest_person(t, &needle)
                .map(|c| format!(" (did you mean {c}?)"))
                .unwrap_or_default();
            Err(format!("no person is called `{name}`{hint}"))
        }
        [p] => Ok(*p),
        many => {
            let exact: Vec<PersonIdx> = many
                .iter()
                .copied()
                .filter(|&p| {
                    let p = t.person(p);
                    std::iter::once(&p.name)
                        .chain(&p.aliases)
                        .chain([&p.id])
                        .any(|s| fold(s) == needle)
                })
                .collect();
            let exact = match exact.as_slice() {
                [one] => Some(*one),
                _ => None,
            };
            exact.ok_or_else(|| {
                let list: Vec<String> = many
                    .iter()
                    .map(|&p| format!("{} ({})", t.person(p).name, t.person(p).id))
                    .collect();
                format!(
                    "`{name}` names {} people: {}; give one's id",
                    many.len(),
                    list.join(", ")
                )
            })
        }
    }
}
