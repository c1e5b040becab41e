//! Finds the `events: [...]` list of a RON timeline and cuts it into chunks at element
//! boundaries, so that big files parse on every core and report progress as they go.
//!
//! A light lexer (strings, raw strings, chars, comments, brackets) — not a parser: whenever
//! the text is not what it expects, it gives up and the caller parses the file in one piece,
//! which also yields serde's exact diagnostics for broken files.

/// Where the events list is and how it is cut.
#[derive(Debug, PartialEq, Eq)]
pub struct Split {
    /// Byte index of the list's `[`.
    pub open: usize,
    /// Byte index of the list's `]`.
    pub close: usize,
    /// Pieces of the list's contents: byte range and the index of its first element.
    pub chunks: Vec<Chunk>,
    /// Every element's byte range, in order.
    pub elems: Vec<(usize, usize)>,
}

/// A run of whole elements of the events list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Chunk {
    /// First byte (just after the previous element's comma, or after `[`).
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// Index of its first element in the whole list.
    pub first: usize,
    /// How many elements it holds.
    pub count: usize,
}

/// Bytes the lexer can step over without a look: everything but brackets, commas, quotes,
/// comment starts and the letters that may open a raw or byte string.
static BORING: [bool; 256] = {
    let mut t = [true; 256];
    let special = b"()[]{},\"'/rb";
    let mut k = 0;
    while k < special.len() {
        t[special[k] as usize] = false;
        k += 1;
    }
    t
};

struct Lex<'a> {
    b: &'a [u8],
    i: usize,
}

impl Lex<'_> {
    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    /// Skip whitespace and comments (`//`, nested `/* */`).
    fn ws(&mut self) -> Option<()> {
        loop {
            match self.peek() {
                Some(c) if c.is_ascii_whitespace() => self.i += 1,
                Some(b'/') => match self.b.get(self.i + 1) {
                    Some(b'/') => match memchr::memchr(b'\n', &self.b[self.i..]) {
                        Some(n) => self.i += n + 1,
                        None => self.i = self.b.len(),
                    },
                    Some(b'*') => {
                        self.i += 2;
                        let mut depth = 1;
                        while depth > 0 {
                            match (self.peek()?, self.b.get(self.i + 1)) {
                                (b'*', Some(b'/')) => {
                                    depth -= 1;
                                    self.i += 2;
                                }
                                (b'/', Some(b'*')) => {
                                    depth += 1;
                                    self.i += 2;
                                }
                                _ => self.i += 1,
                            }
                        }
                    }
                    _ => return Some(()),
                },
                _ => return Some(()),
            }
        }
    }

    fn ident(&mut self) -> &[u8] {
        let s = self.i;
        while self
            .peek()
            .is_some_and(|c| c.is_ascii_alphanumeric() || c == b'_')
        {
            self.i += 1;
        }
        &self.b[s..self.i]
    }

    /// Skip a `"…"` string (at its opening quote).
    fn string(&mut self) -> Option<()> {
        self.i += 1;
        // Most strings are short (ids, names, dates): a look at their first bytes costs
        // less than setting up a vector search.
        let mut i = self.i;
        let short = self.b.len().min(i + 24);
        while i < short {
            match self.b[i] {
                b'"' => {
                    self.i = i + 1;
                    return Some(());
                }
                b'\\' => break,
                _ => i += 1,
            }
        }
        self.i = i;
        loop {
            // (`get`: an escape can be the file's last byte.)
            let n = memchr::memchr2(b'"', b'\\', self.b.get(self.i..)?)?;
            self.i += n;
            if self.b[self.i] == b'\\' {
                self.i += 2;
            } else {
                self.i += 1;
                return Some(());
            }
        }
    }

    /// Skip `r#"…"#` (at the `#`s or the quote after `r`).
    fn raw_string(&mut self) -> Option<()> {
        let mut hashes = 0;
        while self.peek() == Some(b'#') {
            hashes += 1;
            self.i += 1;
        }
        if self.peek() != Some(b'"') {
            return None; // a raw identifier; not expected here
        }
        self.i += 1;
        loop {
            let n = memchr::memchr(b'"', &self.b[self.i..])?;
            self.i += n + 1;
            let end = self.i + hashes;
            if end <= self.b.len() && self.b[self.i..end].iter().all(|&c| c == b'#') {
                self.i = end;
                return Some(());
            }
        }
    }

    /// Skip a value, stopping at the `,` or closing bracket that ends it (not consumed).
    fn value(&mut self) -> Option<()> {
        let mut depth = 0usize;
        loop {
            // (A local index: the loop runs over most bytes outside strings, and `self.i`
            // would be stored back at every step.)
            let mut i = self.i;
            while self.b.get(i).is_some_and(|&c| BORING[c as usize]) {
                i += 1;
            }
            self.i = i;
            match self.peek()? {
                b'(' | b'[' | b'{' => {
                    depth += 1;
                    self.i += 1;
                }
                b')' | b']' | b'}' => {
                    if depth == 0 {
                        return Some(());
                    }
                    depth -= 1;
                    self.i += 1;
                }
                b',' if depth == 0 => return Some(()),
                b',' => self.i += 1,
                b'"' => self.string()?,
                b'/' => {
                    let before = self.i;
                    self.ws()?;
                    if self.i == before {
                        self.i += 1;
                    }
                }
                b'\'' => {
                    // A char literal: 'x', '\'', '\u{…}'.
                    self.i += 1;
                    if self.peek()? == b'\\' {
                        self.i += 2;
                    }
                    // (`get`: the escape can be the file's last byte.)
                    let n = memchr::memchr(b'\'', self.b.get(self.i..)?)?;
                    self.i += n + 1;
                }
                c => {
                    // `r` or `b`: a raw or byte string only when not inside an identifier.
                    let in_ident = self.i > 0 && {
                        let p = self.b[self.i - 1];
                        p.is_ascii_alphanumeric() || p == b'_'
                    };
                    let next = self.b.get(self.i + 1).copied();
                    if in_ident || !matches!(next, Some(b'"' | b'#' | b'r')) {
                        self.i += 1;
                    } else if c == b'b' {
                        self.i += 1;
                        if self.peek() == Some(b'"') {
                            self.string()?;
                        } else if self.peek() == Some(b'r') {
                            self.i += 1;
                            self.raw_string()?;
                        } else {
                            return None;
                        }
                    } else {
                        self.i += 1;
                        self.raw_string()?;
                    }
                }
            }
        }
    }
}

/// Where the value at byte `from` of `b` ends, as this lexer reads it: at the `,` or closing
/// bracket that follows it (not included; what lies between is whitespace and comments).
/// `None` where it gives up (text it does not expect, or no such end).
pub fn value_end(b: &[u8], from: usize) -> Option<usize> {
    let mut x = Lex { b, i: from };
    x.value()?;
    Some(x.i)
}

/// Locate and cut the events list of `src`, aiming at chunks of about `target` bytes.
/// `None` when the file is not shaped as expected (the caller then parses it whole).
pub fn split(src: &str, target: usize) -> Option<Split> {
    split_with(src, target, SPECULATE_FROM)
}

/// [`split`], lexing lists of `speculate_from` bytes or more in two halves at once (for
/// the tests that check both ways agree).
#[doc(hidden)]
pub fn split_with(src: &str, target: usize, speculate_from: usize) -> Option<Split> {
    let mut x = Lex {
        b: src.as_bytes(),
        i: 0,
    };
    x.ws()?;
    if x.peek()? != b'(' {
        let name = x.ident();
        if name.is_empty() {
            return None; // `#![enable(…)]` or anything else: parse it whole
        }
        x.ws()?;
    }
    if x.peek()? != b'(' {
        return None;
    }
    x.i += 1;
    loop {
        x.ws()?;
        let field = x.ident();
        if field.is_empty() {
            return None;
        }
        let is_events = field == b"events";
        x.ws()?;
        if x.peek()? != b':' {
            return None;
        }
        x.i += 1;
        x.ws()?;
        if is_events {
            return list(&mut x, target, speculate_from);
        }
        x.value()?;
        if x.peek()? != b',' {
            return None;
        }
        x.i += 1;
    }
}

/// From this many bytes from the list's `[` to the end of the file, the list's second half
/// is lexed on another core from a guessed element start (see [`list`]). (The list's own
/// size is not known before it is lexed; a small list followed by a big field only costs
/// a thread whose work is dropped.)
const SPECULATE_FROM: usize = 16 << 20;

#[cfg(test)]
thread_local! {
    /// Was the last guess on this thread kept (for the tests)?
    static KEPT: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

fn list(x: &mut Lex<'_>, target: usize, speculate_from: usize) -> Option<Split> {
    if x.peek()? != b'[' {
        return None;
    }
    let open = x.i;
    x.i += 1;
    let b = x.b;
    let mut elems = Vec::new();
    // A big list is lexed in two halves at once. The second half starts at a guess: the
    // first place past the middle that looks like the first element's start (its line's
    // indentation and its name up to `(`). The guess is kept only if lexing the first
    // half lands exactly on it at an element's start: the lexer's whole state there is its
    // position, so the second half's elements are then the ones a single pass would find.
    // Otherwise (the guess fell inside a string, say) the first half's lexing goes on alone.
    let guessed = if b.len() - open >= speculate_from {
        x.ws()?;
        guess(b, x.i, open + (b.len() - open) / 2)
    } else {
        None
    };
    let close = match guessed {
        Some(g) => {
            let (second, first) = crate::domain::par::join(
                || {
                    let mut y = Lex { b, i: g };
                    let mut v = Vec::new();
                    elements(&mut y, None, &mut v).map(|end| (end, v))
                },
                || elements(x, Some(g), &mut elems),
            );
            match first? {
                End::Closed(close) => close,
                End::Reached if x.i == g => {
                    #[cfg(test)]
                    KEPT.set(true);
                    let (end, v) = second?;
                    elems.extend_from_slice(&v);
                    match end {
                        End::Closed(close) => close,
                        End::Reached => return None,
                    }
                }
                End::Reached => to_the_end(x, &mut elems)?,
            }
        }
        None => to_the_end(x, &mut elems)?,
    };
    let chunks = chunks_of(b, &elems, open + 1, close, target);
    Some(Split {
        open,
        close,
        chunks,
        elems,
    })
}

/// Where lexing elements stopped.
enum End {
    /// At the list's `]` (its byte index).
    Closed(usize),
    /// At the first element that starts at or after the stop asked for (at `x.i`).
    Reached,
}

/// Lex the list's elements from an element's start (or the list's), adding each one's
/// byte range to `elems`, to the list's end or to `stop`.
fn elements(x: &mut Lex<'_>, stop: Option<usize>, elems: &mut Vec<(usize, usize)>) -> Option<End> {
    loop {
        x.ws()?;
        if stop.is_some_and(|s| x.i >= s) {
            return Some(End::Reached);
        }
        if x.peek()? == b']' {
            return Some(End::Closed(x.i));
        }
        let start = x.i;
        x.value()?;
        elems.push((start, x.i));
        match x.peek()? {
            b',' => x.i += 1,
            b']' => return Some(End::Closed(x.i)),
            _ => return None,
        }
    }
}

/// Lex the rest of the list (no stop): the byte index of its `]`.
fn to_the_end(x: &mut Lex<'_>, elems: &mut Vec<(usize, usize)>) -> Option<usize> {
    match elements(x, None, elems)? {
        End::Closed(close) => Some(close),
        End::Reached => None,
    }
}

/// A place at or after `from` that starts like the first element, which starts at `first`:
/// the same indentation on a line of its own, then the same name up to its `(`.
fn guess(b: &[u8], first: usize, from: usize) -> Option<usize> {
    let line = b[..first].iter().rposition(|&c| c == b'\n')?;
    if !b[line + 1..first].iter().all(|&c| c == b' ' || c == b'\t') {
        return None;
    }
    let name = b[first..b.len().min(first + 64)]
        .iter()
        .position(|&c| c == b'(')?;
    let pattern = &b[line..=first + name];
    let at = memchr::memmem::find(b.get(from..)?, pattern)?;
    Some(from + at + (first - line))
}

/// Cut the elements into runs of about `target` bytes, each ending just after an element's
/// comma (the last one at the list's end, `close`).
fn chunks_of(
    b: &[u8],
    elems: &[(usize, usize)],
    start: usize,
    close: usize,
    target: usize,
) -> Vec<Chunk> {
    let mut chunks = Vec::new();
    let mut cur = Chunk {
        start,
        end: start,
        first: 0,
        count: 0,
    };
    for &(_, end) in elems {
        cur.count += 1;
        // An element ends at its comma, or at the `]`.
        if b.get(end) != Some(&b',') {
            break;
        }
        let after = end + 1;
        if after - cur.start >= target {
            cur.end = after;
            chunks.push(cur);
            cur = Chunk {
                start: after,
                end: after,
                first: cur.first + cur.count,
                count: 0,
            };
        }
    }
    if cur.count > 0 {
        cur.end = close;
        chunks.push(cur);
    }
    chunks
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_the_events_list_at_element_boundaries() {
        let src = r##"// c
Timeline(
    title: "a, ( [ \" ) ]",
    people: [Person(id: "p", name: r#"x"]"#)],
    events: [
        Event(id: "a", date: "1999", title: "(,"), /* ] */
        Event(id: "b", date: "2000", title: 'c'),
        Event(id: "c", date: "2001", title: "x"),
    ],
    terms: [],
)"##;
        let s = split(src, 1).expect("splits");
        assert_eq!(&src[s.open..s.open + 1], "[");
        assert_eq!(&src[s.close..s.close + 1], "]");
        assert_eq!(s.chunks.len(), 3);
        assert_eq!(
            s.chunks.iter().map(|c| c.first).collect::<Vec<_>>(),
            [0, 1, 2]
        );
        assert!(src[s.chunks[1].start..s.chunks[1].end].contains("id: \"b\""));
        let whole = split(src, 1 << 20).expect("splits");
        assert_eq!(whole.chunks.len(), 1);
        assert_eq!(whole.chunks[0].count, 3);
    }

    #[test]
    fn strings_end_at_their_closing_quote_whatever_their_length_and_escapes() {
        // Escapes before, at and after the bytes looked at without a vector search.
        for k in 0..40 {
            for esc in ["\\\"", "\\\\", "\\n"] {
                let body = format!("{}{esc}b\\\\\\\"{}", "a".repeat(k), "c".repeat(k % 7));
                let one = format!("E(t: \"{body}\", u: \"]),\")");
                let src = format!("Timeline(events: [{one}, {one}])");
                let cut = split(&src, 1).expect("splits");
                let elems: Vec<&str> = cut.elems.iter().map(|&(a, b)| &src[a..b]).collect();
                assert_eq!(elems, [one.as_str(), one.as_str()], "{k} {esc}");
            }
        }
        // An escape as the very last byte: no list, and no panic.
        assert_eq!(split("Timeline(events: [E(t: \"\\", 1), None);
        assert_eq!(split("Timeline(events: [E(t: \"abc\\", 1), None);
    }

    /// A list of `n` events, one per line; the events `odd` hold `trap` in their title.
    fn listed(n: usize, odd: std::ops::Range<usize>, trap: &str) -> String {
        let events: Vec<String> = (0..n)
            .map(|k| {
                let title = if odd.contains(&k) { trap } else { "plain" };
                format!("    Event(id: \"e{k}\", title: \"{title}\", tags: [\"a\"])")
            })
            .collect();
        format!(
            "Timeline(\n  title: \"t\",\n  events: [\n{}\n  ],\n)\n",
            events.join(",\n")
        )
    }

    /// Split `src` lexing the list in two halves where it can, check that it cuts as one
    /// pass does, and say whether the guess was kept.
    fn kept_and_same(src: &str, target: usize) -> bool {
        KEPT.set(false);
        let two = split_with(src, target, 0);
        let kept = KEPT.get();
        assert_eq!(two, split_with(src, target, usize::MAX), "{src}");
        kept
    }

    #[test]
    fn the_second_half_lexed_from_a_guess_gives_what_one_pass_gives() {
        for n in [1, 2, 3, 40, 41] {
            let src = listed(n, 0..0, "");
            for target in [1, 100, 1 << 20] {
                // Past the middle there is an element's start to guess at (one event: none),
                // and lexing the first half lands on it.
                let kept = kept_and_same(&src, target);
                assert!(kept || n < 3, "{n}");
                assert!(!kept || n > 1, "{n}");
            }
        }
    }

    #[test]
    fn a_guess_inside_a_string_or_a_comment_is_dropped() {
        // Every element start-alike from event 10 to 29 is inside a title (a raw newline in
        // a string) or a comment, so the guess lands in one: lexing the first half passes it
        // by, and goes on alone.
        for trap in ["x\n    Event(y", "x\" /* \n    Event( */, \"z"] {
            let src = listed(40, 10..30, trap);
            assert!(!kept_and_same(&src, 1), "{trap:?}");
            assert_eq!(split(&src, 1).expect("splits").elems.len(), 40);
        }
    }

    #[test]
    fn a_char_literal_cut_short_is_no_list_and_no_panic() {
        for src in [
            "Timeline(events: [E('\\",
            "Timeline(events: [E('x",
            "Timeline(events: [E('",
        ] {
            assert_eq!(split(src, 1), None, "{src}");
        }
    }

    #[test]
    fn gives_up_on_unexpected_shapes() {
        assert_eq!(
            split("#![enable(implicit_some)] Timeline(events: [])", 1),
            None
        );
        assert_eq!(split("Timeline(title: \"x\")", 1), None);
        assert_eq!(split("Timeline(events: [Event(\"unterminated)])", 1), None);
        let empty = split("Timeline(events: [])", 1).expect("splits");
        assert!(empty.chunks.is_empty());
    }
}
