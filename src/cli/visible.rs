//! A writer that makes what passes through it safe to show on a terminal (controls
//! visible, as [`sanitize`] does with newlines and tabs kept), so that a stream such as a
//! CSV export can go to a terminal without being held whole first.

use crate::text::sanitize;
use std::io::{self, Write};

/// Escapes each char written through it as [`sanitize`] would; a UTF-8 sequence cut
/// between two writes is held until its end arrives. Bytes that are not UTF-8 at all
/// (never written by annals) are shown as U+FFFD.
pub struct Visible<W: Write> {
    inner: W,
    /// The start of a char whose other bytes are still to come (at most 3 bytes).
    pending: Vec<u8>,
}

impl<W: Write> Visible<W> {
    /// Wrap `inner`.
    pub fn new(inner: W) -> Visible<W> {
        Visible {
            inner,
            pending: Vec::new(),
        }
    }

    fn emit(&mut self, text: &str) -> io::Result<()> {
        self.inner.write_all(sanitize(text, true).as_bytes())
    }
}

impl<W: Write> Write for Visible<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let mut bytes = std::mem::take(&mut self.pending);
        bytes.extend_from_slice(buf);
        let mut rest = bytes.as_slice();
        loop {
            match std::str::from_utf8(rest) {
                Ok(s) => {
                    self.emit(s)?;
                    break;
                }
                Err(e) => {
                    let (good, bad) = rest.split_at(e.valid_up_to());
                    self.emit(std::str::from_utf8(good).expect("valid prefix"))?;
                    match e.error_len() {
                        // Cut short: wait for the rest of the char.
                        None => {
                            self.pending = bad.to_vec();
                            break;
                        }
                        Some(n) => {
                            self.emit("\u{fffd}")?;
                            rest = &bad[n..];
                        }
                    }
                }
            }
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if !self.pending.is_empty() {
            self.pending.clear();
            self.emit("\u{fffd}")?;
        }
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_like_sanitize_whatever_the_cuts() {
        let text = "a\u{1b}[31mé\u{202e}€\n\tz\u{7f}";
        let want = sanitize(text, true).into_owned();
        assert_ne!(want, text, "there is something to escape");
        for cut in 1..=text.len() {
            let mut v = Visible::new(Vec::new());
            for piece in text.as_bytes().chunks(cut) {
                v.write_all(piece).unwrap();
            }
            v.flush().unwrap();
            assert_eq!(String::from_utf8(v.inner).unwrap(), want, "pieces of {cut}");
        }
    }
}
