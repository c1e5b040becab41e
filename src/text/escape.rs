//! Untrusted text made safe for a terminal: what the data, file names and arguments hold
//! is shown, never acted on.

use crate::domain::text::is_unsafe;

/// Make untrusted text safe to print to a terminal: C0/C1 controls, DEL and bidirectional
/// overrides become visible escapes (`^[`, `<U+202E>`). Newlines and tabs are kept when
/// `keep_newlines` is set.
pub fn sanitize(s: &str, keep_newlines: bool) -> std::borrow::Cow<'_, str> {
    if !s.chars().any(|c| needs_escape(c, keep_newlines)) {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if !needs_escape(c, keep_newlines) {
            out.push(c);
        } else if (c as u32) < 0x20 {
            out.push('^');
            out.push((c as u8 + b'@') as char);
        } else if c == '\u{7f}' {
            out.push_str("^?");
        } else {
            out.push_str(&format!("<U+{:04X}>", c as u32));
        }
    }
    std::borrow::Cow::Owned(out)
}

fn needs_escape(c: char, keep_newlines: bool) -> bool {
    if keep_newlines && (c == '\n' || c == '\t') {
        return false;
    }
    is_unsafe(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sanitize_escapes_controls_and_bidi() {
        assert_eq!(sanitize("a\u{1b}[31mb", false), "a^[[31mb");
        assert_eq!(sanitize("x\u{202E}y", false), "x<U+202E>y");
        assert_eq!(sanitize("a\u{7f}\u{9b}", false), "a^?<U+009B>");
        assert_eq!(sanitize("l1\nl2", true), "l1\nl2");
        assert_eq!(sanitize("l1\nl2", false), "l1^Jl2");
    }
}
