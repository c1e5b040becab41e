//! Finds where a value sits in the source text (line:col), so that validation errors found
//! after parsing can still point at the file.
//!
//! The walker the bracketed syntaxes share ([`super::syntax`]: RON and JSON); a syntax it
//! cannot follow (CSV, GEDCOM …) brings its own locator.
//!
//! serde forgets positions; this walks the already-parsed text once more (RON or JSON) and
//! records where every struct field and list element starts. It never fails: text it
//! cannot follow simply yields fewer positions, and lookups fall back to the nearest parent.

use std::collections::HashMap;

/// One step of a path into the document.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Seg<'a> {
    /// A struct field (or JSON object key).
    Field(&'a str),
    /// A list element.
    Index(usize),
}

/// A 1-based line and column (columns count chars).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Pos {
    /// Line, from 1.
    pub line: usize,
    /// Column in chars, from 1.
    pub col: usize,
}

#[derive(Debug, Default)]
struct Node {
    pos: Pos,
    fields: HashMap<String, Node>,
    /// Elements kept, by their index in the list (in order).
    items: Vec<(usize, Node)>,
}

/// The paths whose positions are wanted (and so their ancestors').
#[derive(Debug, Default)]
struct Want {
    fields: HashMap<String, Want>,
    items: HashMap<usize, Want>,
}

impl Want {
    fn add(&mut self, path: &[Seg<'_>]) {
        let mut w = self;
        for seg in path {
            w = match seg {
                Seg::Field(name) => w.fields.entry(name.to_string()).or_default(),
                Seg::Index(i) => w.items.entry(*i).or_default(),
            };
        }
    }
}

/// Which positions under a value to keep.
#[derive(Clone, Copy)]
enum Keep<'w> {
    /// Every one.
    All,
    /// Those on the wanted paths.
    Only(&'w Want),
    /// None (the value is only walked over).
    Nothing,
}

impl<'w> Keep<'w> {
    fn field(self, name: &str) -> Keep<'w> {
        match self {
            Keep::All => Keep::All,
            Keep::Only(w) => w.fields.get(name).map_or(Keep::Nothing, Keep::Only),
            Keep::Nothing => Keep::Nothing,
        }
    }

    fn item(self, i: usize) -> Keep<'w> {
        match self {
            Keep::All => Keep::All,
            Keep::Only(w) => w.items.get(&i).map_or(Keep::Nothing, Keep::Only),
            Keep::Nothing => Keep::Nothing,
        }
    }
}

/// Positions of every field and element of a document.
#[derive(Debug)]
pub struct Spans {
    root: Node,
}

impl Spans {
    /// Index `src` (RON or JSON).
    pub fn index(src: &str) -> Spans {
        Spans::walk(src, Keep::All)
    }

    /// Index only what locating `paths` needs: the walk is the same, but the positions of
    /// a big file's other million values are not kept.
    pub fn index_for<'p>(src: &str, paths: impl IntoIterator<Item = &'p [Seg<'p>]>) -> Spans {
        let mut want = Want::default();
        for p in paths {
            want.add(p);
        }
        Spans::walk(src, Keep::Only(&want))
    }

    /// [`Spans::index_for`] of one value that starts at `at` of a bigger document (its
    /// text alone in `src`), inside `depth` values: what the walk of the whole document
    /// finds in it, paths taken from the value.
    pub fn index_value_for<'p>(
        src: &str,
        at: Pos,
        depth: usize,
        paths: impl IntoIterator<Item = &'p [Seg<'p>]>,
    ) -> Spans {
        let mut want = Want::default();
        for p in paths {
            want.add(p);
        }
        Spans::walk_from(src, at, depth, Keep::Only(&want))
    }

    fn walk(src: &str, keep: Keep<'_>) -> Spans {
        Spans::walk_from(src, Pos { line: 1, col: 1 }, 0, keep)
    }

    fn walk_from(src: &str, at: Pos, depth: usize, keep: Keep<'_>) -> Spans {
        let mut p = Walker {
            src,
            i: 0,
            line: at.line,
            col: at.col,
            col0: at.col,
            depth,
        };
        p.skip_ws();
        let root = p.value(keep);
        Spans { root }
    }

    /// Where the value at `path` starts, or its nearest known ancestor.
    pub fn locate(&self, path: &[Seg<'_>]) -> Pos {
        let mut node = &self.root;
        for seg in path {
            let next = match seg {
                Seg::Field(name) => node.fields.get(*name),
                Seg::Index(i) => node
                    .items
                    .binary_search_by_key(i, |(k, _)| *k)
                    .ok()
                    .map(|k| &node.items[k].1),
            };
            match next {
                Some(n) => node = n,
                None => break,
            }
        }
        node.pos
    }
}

/// Move `at` over `bytes` of UTF-8 text: lines by `\n`, columns in chars, as the walker
/// counts them.
pub(super) fn advance(at: &mut Pos, bytes: &[u8]) {
    let chars = |b: &[u8]| b.iter().filter(|&&c| c & 0xC0 != 0x80).count();
    match memchr::memrchr(b'\n', bytes) {
        None => at.col += chars(bytes),
        Some(k) => {
            at.line += memchr::memchr_iter(b'\n', bytes).count();
            at.col = 1 + chars(&bytes[k + 1..]);
        }
    }
}

/// Walks the text by byte index (no copy of it), counting columns in chars.
struct Walker<'a> {
    src: &'a str,
    i: usize,
    line: usize,
    col: usize,
    /// The column of `src`'s first char (1 unless `src` is one value of a bigger text).
    col0: usize,
    depth: usize,
}

const MAX_DEPTH: usize = 256;

impl Walker<'_> {
    fn peek(&self) -> Option<char> {
        self.src[self.i..].chars().next()
    }

    fn peek_at(&self, k: usize) -> Option<char> {
        self.src[self.i..].chars().nth(k)
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.i += c.len_utf8();
        if c == '\n' {
            self.line += 1;
            self.col = 1;
        } else {
            self.col += 1;
        }
        Some(c)
    }

    fn pos(&self) -> Pos {
        Pos {
            line: self.line,
            col: self.col,
        }
    }

    fn skip_ws(&mut self) {
        loop {
            match (self.peek(), self.peek_at(1)) {
                (Some(c), _) if c.is_whitespace() => {
                    self.bump();
                }
                (Some('/'), Some('/')) => {
                    while let Some(c) = self.bump() {
                        if c == '\n' {
                            break;
                        }
                    }
                }
                (Some('/'), Some('*')) => {
                    self.bump();
                    self.bump();
                    let mut nest = 1;
                    while nest > 0 {
                        match (self.bump(), self.peek()) {
                            (None, _) => return,
                            (Some('*'), Some('/')) => {
                                self.bump();
                                nest -= 1;
                            }
                            (Some('/'), Some('*')) => {
                                self.bump();
                                nest += 1;
                            }
                            _ => {}
                        }
                    }
                }
                (Some('#'), Some('!')) => {
                    // `#![enable(...)]` attribute line.
                    while let Some(c) = self.bump() {
                        if c == '\n' {
                            break;
                        }
                    }
                }
                _ => return,
            }
        }
    }

    fn string(&mut self) -> String {
        let quote = self.bump().unwrap_or('"');
        let mut s = String::new();
        while let Some(c) = self.bump() {
            if c == '\\' {
                self.bump();
            } else if c == quote {
                break;
            } else {
                s.push(c);
            }
        }
        s
    }

    fn raw_string(&mut self) {
        self.bump(); // r
        let mut hashes = 0;
        while self.peek() == Some('#') {
            self.bump();
            hashes += 1;
        }
        self.bump(); // "
        'outer: while let Some(c) = self.bump() {
            if c == '"' {
                for k in 0..hashes {
                    if self.peek_at(k) != Some('#') {
                        continue 'outer;
                    }
                }
                for _ in 0..hashes {
                    self.bump();
                }
                return;
            }
        }
    }

    fn ident(&mut self) -> String {
        let mut s = String::new();
        while let Some(c) = self.peek() {
            if c.is_alphanumeric() || c == '_' || c == '.' || c == '+' || c == '-' {
                s.push(c);
                self.bump();
            } else {
                break;
            }
        }
        s
    }

    /// Parse one value starting at the current (non-whitespace) char, keeping the
    /// positions `keep` asks for.
    fn value(&mut self, keep: Keep<'_>) -> Node {
        let mut node = Node {
            pos: self.pos(),
            ..Node::default()
        };
        if self.depth > MAX_DEPTH {
            self.i = self.src.len();
            return node;
        }
        self.depth += 1;
        match self.peek() {
            Some('"') | Some('\'') => {
                self.string();
            }
            Some('r') if matches!(self.peek_at(1), Some('"') | Some('#')) => self.raw_string(),
            Some('(') => self.group(&mut node, ')', keep, false),
            Some('[') => self.group(&mut node, ']', keep, false),
            Some('{') => self.group(&mut node, '}', keep, false),
            Some(_) => {
                let name = self.ident();
                if name.is_empty() {
                    self.bump();
                } else {
                    self.skip_ws();
                    if self.peek() == Some('(') {
                        let some = name == "Some";
                        self.group(&mut node, ')', keep, some);
                        // `Some(x)`: the value is x.
                        if some && node.items.len() == 1 && node.fields.is_empty() {
                            let (_, inner) = node.items.pop().expect("one item");
                            node = Node {
                                pos: node.pos,
                                ..inner
                            };
                        }
                    }
                }
            }
            None => {}
        }
        self.depth -= 1;
        node
    }

    /// [`Walker::body`], or, when no position inside is kept, a jump past the group to the
    /// `,` or bracket after it (found by the events list's lexer, `split::value_end`, a byte
    /// at a time; the walk skips what lies between anyway), the lines and columns passed
    /// counted once.
    fn group(&mut self, node: &mut Node, close: char, keep: Keep<'_>, some: bool) {
        if matches!(keep, Keep::Nothing)
            && let Some(end) = super::split::value_end(self.src.as_bytes(), self.i)
        {
            let mut at = self.pos();
            advance(&mut at, &self.src.as_bytes()[self.i..end]);
            (self.i, self.line, self.col) = (end, at.line, at.col);
            return;
        }
        self.body(node, close, keep, some);
    }

    /// Parse the inside of `(…)`, `[…]` or `{…}` up to `close`. `some`: the body of
    /// `Some(…)`, whose first element stands for the value itself.
    fn body(&mut self, node: &mut Node, close: char, keep: Keep<'_>, some: bool) {
        self.bump();
        let mut n = 0;
        loop {
            self.skip_ws();
            match self.peek() {
                None => return,
                Some(c) if c == close => {
                    self.bump();
                    return;
                }
                Some(',') => {
                    self.bump();
                    continue;
                }
                Some(_) => {}
            }
            let start = self.i;
            // A key is an identifier or a string followed by `:` (but not `::`).
            let key = match self.peek() {
                Some('"') => Some(self.string()),
                Some(c) if c.is_alphabetic() || c == '_' => Some(self.ident()),
                _ => None,
            };
            self.skip_ws();
            if let Some(k) = key.filter(|_| self.peek() == Some(':')) {
                self.bump();
                self.skip_ws();
                let child = keep.field(&k);
                let v = self.value(child);
                if !matches!(child, Keep::Nothing) {
                    node.fields.insert(k, v);
                }
            } else {
                // Not a key: rewind and read an element.
                self.rewind(start);
                let child = if some && n == 0 { keep } else { keep.item(n) };
                let v = self.value(child);
                if !matches!(child, Keep::Nothing) {
                    node.items.push((n, v));
                }
                n += 1;
            }
            if self.i == start {
                self.bump(); // guarantee progress on odd input
            }
        }
    }

    fn rewind(&mut self, to: usize) {
        // Recompute line/col for the earlier index (rare: once per list element).
        let back = &self.src[to..self.i];
        self.i = to;
        let newlines = back.matches('\n').count();
        if newlines == 0 {
            self.col -= back.chars().count();
        } else {
            self.line -= newlines;
            self.col = match self.src[..to].rfind('\n') {
                Some(p) => self.src[p + 1..to].chars().count() + 1,
                None => self.col0 + self.src[..to].chars().count(),
            };
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn finds_fields_and_elements_in_ron() {
        let src = "// c\nTimeline(\n  title: \"t\",\n  events: [\n    Event(id: \"a\", people: [\"x\", \"y\"]),\n    Event(id: Some(\"b\")),\n  ],\n)\n";
        let s = Spans::index(src);
        let at = |p: &[Seg]| {
            let q = s.locate(p);
            (q.line, q.col)
        };
        assert_eq!(at(&[Seg::Field("title")]), (3, 10));
        assert_eq!(at(&[Seg::Field("events"), Seg::Index(0)]), (5, 5));
        assert_eq!(
            at(&[
                Seg::Field("events"),
                Seg::Index(0),
                Seg::Field("people"),
                Seg::Index(1)
            ]),
            (5, 34)
        );
        assert_eq!(
            at(&[Seg::Field("events"), Seg::Index(1), Seg::Field("id")]),
            (6, 15)
        );
        // Unknown path: nearest ancestor.
        assert_eq!(
            at(&[Seg::Field("events"), Seg::Index(9), Seg::Field("id")]),
            (4, 11)
        );
    }

    #[test]
    fn indexing_only_wanted_paths_finds_the_same_positions() {
        let src = "Timeline(\n  events: [\n    Event(id: \"a\", people: [\"x\", \"y\"]),\n    Event(id: Some(\"b\"), date: Some(\"2000\")),\n    Event(id: \"c\"),\n  ],\n)\n";
        use Seg::{Field as F, Index as I};
        let paths: [&[Seg]; 6] = [
            &[F("events"), I(0), F("people"), I(1)],
            &[F("events"), I(1), F("id")],
            &[F("events"), I(1), F("date")],
            &[F("events"), I(2)],
            &[F("events"), I(7), F("id")],
            &[F("title")],
        ];
        let all = Spans::index(src);
        let some = Spans::index_for(src, paths);
        for p in paths {
            assert_eq!(all.locate(p), some.locate(p), "{p:?}");
        }
    }

    #[test]
    fn finds_keys_in_json() {
        let src = "{\n \"title\": \"t\",\n \"events\": [ {\"id\": \"a\"} ]\n}";
        let s = Spans::index(src);
        let p = s.locate(&[Seg::Field("events"), Seg::Index(0), Seg::Field("id")]);
        assert_eq!((p.line, p.col), (3, 21));
    }

    /// Every path to a kept position in `node` (fields and elements, nested).
    fn paths_of(node: &Node, prefix: &mut Vec<Seg<'static>>, out: &mut Vec<Vec<Seg<'static>>>) {
        for (k, child) in &node.fields {
            let name: &'static str = Box::leak(k.clone().into_boxed_str());
            prefix.push(Seg::Field(name));
            out.push(prefix.clone());
            paths_of(child, prefix, out);
            prefix.pop();
        }
        for (i, child) in &node.items {
            prefix.push(Seg::Index(*i));
            out.push(prefix.clone());
            paths_of(child, prefix, out);
            prefix.pop();
        }
    }

    /// RON-like values with what the walker must pass over: strings with escapes and
    /// brackets, chars, raw strings, comments, line breaks, wide chars.
    fn value() -> impl Strategy<Value = String> {
        let text = "[a-z()\\[\\]{}\"'\\\\/*#é\n ]{0,6}";
        let leaf = prop_oneof![
            "-?[0-9]{1,3}(\\.[0-9])?",
            "(true|None|Foo|r|bar)",
            text.prop_map(|t| format!("{t:?}")),
            "[a-z()\"\\]]".prop_map(|c| match c.as_str() {
                "'" => "'\\''".to_string(),
                c => format!("'{c}'"),
            }),
            (0usize..3, "[a-z()\"\\[\n ]{0,6}").prop_map(|(h, t)| {
                let hashes = "#".repeat(h);
                let t = if h == 0 { t.replace('"', "") } else { t };
                format!("r{hashes}\"{t}\"{hashes}")
            }),
        ];
        let gap = prop_oneof![
            Just(" ".to_string()),
            Just("\n  ".to_string()),
            Just(" // a ) [ \" comment\n".to_string()),
            Just(" /* ( /* ] */ \" */ ".to_string()),
            Just("\u{a0}".to_string()),
        ];
        leaf.prop_recursive(4, 40, 5, move |inner| {
            let item = (inner.clone(), gap.clone());
            prop_oneof![
                prop::collection::vec(item.clone(), 0..4)
                    .prop_map(|v| format!("[{}]", join(v, |(x, g)| format!("{g}{x}")))),
                prop::collection::vec(item.clone(), 0..4).prop_map(|v| format!(
                    "Ev({})",
                    join(v, |(x, g)| format!("{g}f{}: {x}", g.len()))
                )),
                prop::collection::vec(item.clone(), 1..3)
                    .prop_map(|v| format!("({})", join(v, |(x, g)| format!("{x}{g}")))),
                prop::collection::vec(item, 0..3).prop_map(|v| format!(
                    "{{{}}}",
                    join(v, |(x, g)| format!("\"k{}\":{g}{x}", g.len()))
                )),
                inner.prop_map(|x| format!("Some({x})")),
            ]
        })
    }

    fn join<T>(v: Vec<T>, f: impl Fn(T) -> String) -> String {
        v.into_iter().map(f).collect::<Vec<_>>().join(",")
    }

    proptest::proptest! {
        /// Values passed over byte by byte end where walking them char by char ends: every
        /// position asked for is the one a walk that keeps everything finds.
        #[test]
        fn groups_passed_over_end_where_the_walk_ends(
            doc in prop::collection::vec(value(), 1..6),
            pick in prop::collection::vec(any::<bool>(), 64),
        ) {
            let src = format!("#![enable(x)]\n// top\nT(\n  events: [\n{}\n  ],\n  title: \"t\",\n)\n", doc.join(",\n"));
            let all = Spans::index(&src);
            let mut paths = Vec::new();
            paths_of(&all.root, &mut Vec::new(), &mut paths);
            let some: Vec<&[Seg]> = paths
                .iter()
                .zip(pick.iter().cycle())
                .filter(|(_, k)| **k)
                .map(|(p, _)| p.as_slice())
                .collect();
            let only = Spans::index_for(&src, some.iter().copied());
            for p in &some {
                prop_assert_eq!(all.locate(p), only.locate(p), "{:?} in {}", p, src);
            }
        }
    }
}
