//! GEDCOM 7 (and 5.5.1 where it is the same): the genealogy exchange format, read into
//! people, sources, places and dated events. Lines become a tree (`tree`), dates become
//! EDTF (`date`), records become the file structs (`build`, `event`); the report says
//! what went where, and every value's line is kept so later problems point into the file.

mod build;
mod calendars;
mod date;
mod event;
mod tree;

use super::{Pos, Read, Seg, Syntax, pos};
use crate::load::raw::RawTimeline;
use std::collections::HashSet;

pub use calendars::julian_to_gregorian;

/// The GEDCOM syntax.
pub struct Gedcom;

/// Whether `src` looks like GEDCOM: its first line is `0 HEAD` (after a BOM or blanks).
pub fn looks_like(src: &str) -> bool {
    let s = src.trim_start_matches('\u{feff}').trim_start();
    s.strip_prefix("0 HEAD")
        .is_some_and(|r| r.is_empty() || r.starts_with(['\r', '\n', ' ']))
}

/// Read the whole file: what could be read, with every malformed line and every problem
/// of the records around them (dates, pointers …), in file order. No timeline when no
/// record could be read.
fn read_all(src: &str) -> (Option<build::Out>, Vec<(Pos, String)>) {
    let (tree, mut errors) = tree::parse(src);
    if tree.records.is_empty() {
        if errors.is_empty() {
            errors.push((pos(1, 1), "no GEDCOM records (expected `0 HEAD`)".into()));
        }
        return (None, errors);
    }
    let (out, more) = build::build(&tree);
    errors.extend(more);
    errors.sort_by_key(|(p, _)| (p.line, p.col));
    (Some(out), errors)
}

impl Syntax for Gedcom {
    fn parse(&self, src: &str) -> Result<RawTimeline, (Pos, String)> {
        match read_all(src) {
            (Some(o), e) if e.is_empty() => Ok(o.timeline),
            (_, mut e) if !e.is_empty() => Err(e.swap_remove(0)),
            _ => Err((pos(1, 1), "unreadable GEDCOM".to_string())),
        }
    }

    fn read(&self, src: &str) -> Result<Read, Vec<(Pos, String)>> {
        match read_all(src) {
            (Some(o), problems) => Ok(Read {
                problems,
                ..Read::new(o.timeline, o.report)
            }),
            (None, problems) => Err(problems),
        }
    }

    fn locate(&self, src: &str, paths: &[&[Seg<'_>]]) -> Vec<Pos> {
        let known = read_all(src).0.map(|o| o.pos).unwrap_or_default();
        paths
            .iter()
            .map(|path| {
                let mut keys: Vec<String> = path
                    .iter()
                    .map(|s| match s {
                        Seg::Field(f) => (*f).to_string(),
                        Seg::Index(i) => i.to_string(),
                    })
                    .collect();
                while !keys.is_empty() {
                    if let Some(&p) = known.get(&keys.join(".")) {
                        return p;
                    }
                    keys.pop();
                }
                pos(1, 1)
            })
            .collect()
    }
}

/// `Given /Surname/ jr.` → `Given Surname jr.`
fn clean_name(n: &str) -> String {
    n.replace('/', " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// An id from an xref: lowercase ASCII letters, digits and `-` (`@I1@` → `i1`), or
/// `{fallback}-{n}` when nothing of it is left.
fn slug(x: &str, fallback: &str, n: usize) -> String {
    let s = super::slug(x, 64);
    if s.is_empty() {
        format!("{fallback}-{n}")
    } else {
        s
    }
}

/// `base`, or `base-2`, `base-3` … whichever is not yet in `used` (then it is).
fn unique(used: &mut HashSet<String>, base: &str) -> String {
    let mut id = base.to_string();
    let mut k = 2;
    while used.contains(&id) {
        id = format!("{base}-{k}");
        k += 1;
    }
    used.insert(id.clone());
    id
}
