//! A hand-written scanner for the well-formed common case of one `Event(…)` of the events
//! list: the same [`RawEventRef`] as `ron` gives, several times faster, or `None`.
//!
//! It understands a strict subset of RON (structs with or without their name, strings with
//! the common escapes, raw strings, `Some`/`None`/implicit `Some`, lists, maps, small
//! integers, unit variants, `//` and `/* */` comments). Anything else — and anything
//! wrong — is `None`, and the caller asks `ron` (whose errors are then the diagnostics): the
//! scanner never reports an error of its own. `tests/scanner.rs` checks that whatever it
//! accepts, `ron` reads the same way.

mod event;

pub use event::event;

use crate::load::raw::Text;
use std::borrow::Cow;

/// A cursor over one element's text.
struct Scan<'a> {
    s: &'a str,
    i: usize,
}

impl<'a> Scan<'a> {
    fn new(s: &'a str) -> Scan<'a> {
        Scan { s, i: 0 }
    }

    fn b(&self) -> &'a [u8] {
        self.s.as_bytes()
    }

    fn peek(&self) -> Option<u8> {
        self.b().get(self.i).copied()
    }

    /// Consume `c` (after no whitespace), or fail.
    fn eat(&mut self, c: u8) -> Option<()> {
        (self.peek()? == c).then(|| self.i += 1)
    }

    /// Skip ASCII whitespace and comments (`//` up to a newline, nested `/* */`), as `ron`
    /// does. Other whitespace `ron` knows (form feed, U+2028…) is left for the caller to
    /// refuse.
    fn ws(&mut self) -> Option<()> {
        let b = self.b();
        loop {
            while b
                .get(self.i)
                .is_some_and(|c| matches!(c, b' ' | b'\t' | b'\n' | b'\r'))
            {
                self.i += 1;
            }
            if b.get(self.i) != Some(&b'/') {
                return Some(());
            }
            match b.get(self.i + 1)? {
                // A line comment must end in a newline (`ron` refuses one that ends the text).
                b'/' => self.i += 2 + memchr::memchr(b'\n', &b[self.i + 2..])?,
                b'*' => {
                    self.i += 2;
                    let mut level = 1;
                    while level > 0 {
                        self.i += memchr::memchr2(b'/', b'*', &b[self.i..])?;
                        match (b[self.i], b.get(self.i + 1)) {
                            (b'/', Some(b'*')) => {
                                level += 1;
                                self.i += 2;
                            }
                            (b'*', Some(b'/')) => {
                                level -= 1;
                                self.i += 2;
                            }
                            _ => self.i += 1,
                        }
                    }
                }
                _ => return None,
            }
        }
    }

    /// An ASCII identifier (`[A-Za-z_][A-Za-z0-9_]*`), possibly empty.
    fn ident(&mut self) -> &'a [u8] {
        let b = self.b();
        let start = self.i;
        if b.get(self.i)
            .is_some_and(|c| c.is_ascii_alphabetic() || *c == b'_')
        {
            self.i += 1;
            while b
                .get(self.i)
                .is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'_')
            {
                self.i += 1;
            }
        }
        &b[start..self.i]
    }

    /// `"…"` (with the escapes `\" \\ \' \n \r \t \0 \u{…}`) or `r#"…"#`.
    fn string(&mut self) -> Option<Text<'a>> {
        match self.peek()? {
            b'"' => self.quoted(),
            b'r' => self.raw(),
            _ => None,
        }
    }

    fn quoted(&mut self) -> Option<Text<'a>> {
        let b = self.b();
        let start = self.i + 1;
        let n = memchr::memchr2(b'"', b'\\', &b[start..])?;
        if b[start + n] == b'"' {
            self.i = start + n + 1;
            return Some(Text(Cow::Borrowed(&self.s[start..start + n])));
        }
        let mut out = String::with_capacity(n + 16);
        let mut at = start;
        loop {
            let n = memchr::memchr2(b'"', b'\\', &b[at..])?;
            out.push_str(&self.s[at..at + n]);
            at += n;
            if b[at] == b'"' {
                self.i = at + 1;
                return Some(Text(Cow::Owned(out)));
            }
            let c = match b.get(at + 1)? {
                b'"' => '"',
                b'\\' => '\\',
                b'\'' => '\'',
                b'n' => '\n',
                b'r' => '\r',
                b't' => '\t',
                b'0' => '\0',
                b'u' => {
                    // `\u{1–6 hex digits}`, a valid scalar value.
                    let rest = &b[at + 2..];
                    if rest.first() != Some(&b'{') {
                        return None;
                    }
                    let close = rest.iter().take(8).position(|&c| c == b'}')?;
                    let hex = &rest[1..close];
                    if hex.is_empty() || hex.len() > 6 || !hex.iter().all(u8::is_ascii_hexdigit) {
                        return None;
                    }
                    let v = u32::from_str_radix(std::str::from_utf8(hex).ok()?, 16).ok()?;
                    out.push(char::from_u32(v)?);
                    at += 2 + close + 1;
                    continue;
                }
                _ => return None, // `\x…`, a line continuation: left to `ron`
            };
            out.push(c);
            at += 2;
        }
    }

    /// `r"…"`, `r#"…"#` (at the `r`): the text up to the first quote followed by as many
    /// `#` as opened it.
    fn raw(&mut self) -> Option<Text<'a>> {
        let b = self.b();
        let mut j = self.i + 1;
        while b.get(j) == Some(&b'#') {
            j += 1;
        }
        let hashes = j - self.i - 1;
        if b.get(j) != Some(&b'"') {
            return None;
        }
        let start = j + 1;
        let mut from = start;
        loop {
            let q = from + memchr::memchr(b'"', &b[from..])?;
            let end = q + 1 + hashes;
            if end <= b.len() && b[q + 1..end].iter().all(|&c| c == b'#') {
                self.i = end;
                return Some(Text(Cow::Borrowed(&self.s[start..q])));
            }
            from = q + 1;
        }
    }

    /// `Some(x)`, `None`, or `x` itself (implicit `Some`).
    fn option<T>(&mut self, mut value: impl FnMut(&mut Self) -> Option<T>) -> Option<Option<T>> {
        let rest = &self.b()[self.i..];
        if rest.starts_with(b"None") && !rest.get(4).is_some_and(is_ident_byte) {
            self.i += 4;
            return Some(None);
        }
        if rest.starts_with(b"Some(") {
            self.i += 5;
            self.ws()?;
            let v = value(self)?;
            self.ws()?;
            self.eat(b')')?;
            return Some(Some(v));
        }
        value(self).map(Some)
    }

    /// A small decimal integer (`0`–`255`, no sign, no leading zero, no suffix).
    fn small_uint(&mut self) -> Option<u8> {
        let b = self.b();
        let start = self.i;
        let mut end = start;
        while end < b.len() && b[end].is_ascii_digit() && end - start < 4 {
            end += 1;
        }
        let digits = &b[start..end];
        if digits.is_empty() || digits.len() > 3 || (digits.len() > 1 && digits[0] == b'0') {
            return None;
        }
        // What follows must end the value: whitespace, a comment, `,` or a bracket.
        if !matches!(
            b.get(end),
            Some(b' ' | b'\t' | b'\n' | b'\r' | b',' | b')' | b']' | b'}' | b'/')
        ) {
            return None;
        }
        let v = digits
            .iter()
            .fold(0u32, |n, &d| n * 10 + u32::from(d - b'0'));
        self.i = end;
        u8::try_from(v).ok()
    }

    /// `[a, b, …]` (a trailing comma allowed).
    fn list<T>(&mut self, mut item: impl FnMut(&mut Self) -> Option<T>) -> Option<Vec<T>> {
        self.eat(b'[')?;
        let mut v = Vec::new();
        loop {
            self.ws()?;
            if self.peek()? == b']' {
                self.i += 1;
                return Some(v);
            }
            v.push(item(self)?);
            self.ws()?;
            match self.peek()? {
                b',' => self.i += 1,
                b']' => {
                    self.i += 1;
                    return Some(v);
                }
                _ => return None,
            }
        }
    }

    /// `{"k": "v", …}` of strings.
    fn map(&mut self) -> Option<Vec<(Text<'a>, Text<'a>)>> {
        self.eat(b'{')?;
        let mut v = Vec::new();
        loop {
            self.ws()?;
            if self.peek()? == b'}' {
                self.i += 1;
                return Some(v);
            }
            let k = self.string()?;
            self.ws()?;
            self.eat(b':')?;
            self.ws()?;
            let x = self.string()?;
            v.push((k, x));
            self.ws()?;
            match self.peek()? {
                b',' => self.i += 1,
                b'}' => {
                    self.i += 1;
                    return Some(v);
                }
                _ => return None,
            }
        }
    }

    /// A struct `Name(field: value, …)` or `(field: value, …)`: `field` reads each value
    /// (at its first byte) given the field's name and fails on a name it does not know.
    /// Each field at most once (`seen` bits, by the index `field` returns).
    fn strukt(
        &mut self,
        name: &[u8],
        mut field: impl FnMut(&mut Self, &[u8]) -> Option<u32>,
    ) -> Option<()> {
        let given = self.ident();
        if !(given.is_empty() || given == name) {
            return None;
        }
        self.eat(b'(')?;
        let mut seen = 0u32;
        loop {
            self.ws()?;
            if self.peek()? == b')' {
                self.i += 1;
                return Some(());
            }
            let f = self.ident();
            if f.is_empty() {
                return None;
            }
            self.ws()?;
            self.eat(b':')?;
            self.ws()?;
            let bit = 1 << field(self, f)?;
            if seen & bit != 0 {
                return None; // a duplicate field: `ron` says so
            }
            seen |= bit;
            self.ws()?;
            match self.peek()? {
                b',' => self.i += 1,
                b')' => {
                    self.i += 1;
                    return Some(());
                }
                _ => return None,
            }
        }
    }
}

fn is_ident_byte(c: &u8) -> bool {
    c.is_ascii_alphanumeric() || *c == b'_'
}
