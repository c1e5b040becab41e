//! TimelineJS text is HTML: read it as plain text (tags dropped, their words kept, a link
//! kept as `text (url)`, line breaks for `<br>` and blocks, entities decoded), and write
//! plain text back as HTML that reads back to itself.

/// Plain text of an HTML fragment: tags go, the text inside them stays; `<a href="u">t</a>`
/// becomes `t (u)` (just `u` when the text is the URL); `<br>`, `<p>`, `<div>`, `<li>`
/// and headings break lines; entities are decoded. Newlines already in the text are kept;
/// more than one blank line becomes one, and the ends are trimmed.
pub fn to_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut links: Vec<(usize, Option<String>)> = Vec::new();
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        out.push_str(&decode(&rest[..lt]));
        let after = &rest[lt + 1..];
        let Some(gt) = tag_end(after) else {
            // A `<` that opens no tag is text.
            out.push('<');
            rest = after;
            continue;
        };
        let tag = &after[..gt];
        rest = &after[gt + 1..];
        if tag.starts_with('!') {
            // A comment or doctype: TimelineJS shows neither.
            continue;
        }
        let closing = tag.starts_with('/');
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        match (name.as_str(), closing) {
            ("a", false) => links.push((out.len(), attr(tag, "href"))),
            ("a", true) => {
                if let Some((start, Some(url))) = links.pop() {
                    let shown = out[start..].trim().to_string();
                    if shown.is_empty() || shown == url {
                        out.truncate(start);
                        out.push_str(&url);
                    } else {
                        out.push_str(&format!(" ({url})"));
                    }
                }
            }
            ("br", _) => out.push('\n'),
            ("p" | "div" | "li" | "ul" | "ol" | "blockquote" | "tr", _)
            | ("h1" | "h2" | "h3" | "h4" | "h5" | "h6", _)
                if !out.is_empty() && !out.ends_with('\n') =>
            {
                out.push('\n');
            }
            _ => {}
        }
    }
    out.push_str(&decode(rest));
    // A link never closed still keeps its URL.
    for (_, url) in links.into_iter().rev() {
        if let Some(url) = url {
            out.push_str(&format!(" ({url})"));
        }
    }
    tidy(&out)
}

/// Where a tag that starts just after a `<` ends (the index of its `>`), quoted attribute
/// values skipped; `None` when this `<` opens no tag (`a < b`, `<3`).
fn tag_end(s: &str) -> Option<usize> {
    let first = s.chars().next()?;
    if !(first.is_ascii_alphabetic() || first == '/' || first == '!') {
        return None;
    }
    if s.starts_with("!--") {
        return s.find("-->").map(|i| i + 2);
    }
    let mut quote = None;
    for (i, c) in s.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '>') => return Some(i),
            (None, '<') => return None,
            _ => {}
        }
    }
    None
}

/// The value of attribute `name` in a tag's text (entities decoded).
fn attr(tag: &str, name: &str) -> Option<String> {
    let lower = tag.to_ascii_lowercase();
    let mut from = 0;
    while let Some(i) = lower[from..].find(name) {
        let at = from + i;
        from = at + name.len();
        let before_ok = lower[..at].ends_with(|c: char| c.is_ascii_whitespace());
        let after = lower[from..].trim_start();
        if !before_ok || !after.starts_with('=') {
            continue;
        }
        let skip = lower.len() - after.len() + 1;
        let value = tag[skip..].trim_start();
        let v = match value.chars().next() {
            Some(q @ ('"' | '\'')) => value[1..].split(q).next().unwrap_or(""),
            _ => value
                .split(|c: char| c.is_ascii_whitespace() || c == '>')
                .next()
                .unwrap_or(""),
        };
        let v = decode(v).trim().to_string();
        return (!v.is_empty()).then_some(v);
    }
    None
}

/// At most one blank line in a row, no trailing spaces before a newline, ends trimmed.
fn tidy(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut newlines = 0;
    for line in s.split('\n') {
        let line = line.trim_end_matches([' ', '\t', '\r']);
        if line.trim().is_empty() {
            newlines += 1;
            continue;
        }
        if !out.is_empty() {
            out.push_str(if newlines > 0 { "\n\n" } else { "\n" });
        }
        newlines = 0;
        out.push_str(line);
    }
    out.trim().to_string()
}

/// HTML entities decoded: the common named ones and every numeric one (`&#8212;`,
/// `&#x2014;`); an invalid code point becomes U+FFFD; anything else is left as written.
pub fn decode(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.contains('&') {
        return s.into();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        let end = after
            .char_indices()
            .take(32)
            .find(|&(_, c)| c == ';')
            .map(|(i, _)| i);
        let decoded = end.and_then(|e| entity(&after[..e]).map(|c| (c, e)));
        match decoded {
            Some((c, e)) => {
                out.push(c);
                rest = &after[e + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out.into()
}

/// The character an entity's name (between `&` and `;`) stands for.
fn entity(name: &str) -> Option<char> {
    if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) if !hex.is_empty() && hex.len() <= 8 => u32::from_str_radix(hex, 16).ok()?,
            Some(_) => return None,
            None if !num.is_empty() && num.len() <= 10 => num.parse::<u32>().ok()?,
            None => return None,
        };
        return Some(match char::from_u32(code) {
            Some(c) if code != 0 => c,
            _ => '\u{FFFD}',
        });
    }
    NAMED.iter().find(|(n, _)| *n == name).map(|&(_, c)| c)
}

/// The named entities a newsroom's text uses.
const NAMED: &[(&str, char)] = &[
    ("amp", '&'),
    ("lt", '<'),
    ("gt", '>'),
    ("quot", '"'),
    ("apos", '\''),
    ("nbsp", '\u{a0}'),
    ("ndash", '–'),
    ("mdash", '—'),
    ("hellip", '…'),
    ("lsquo", '‘'),
    ("rsquo", '’'),
    ("sbquo", '‚'),
    ("ldquo", '“'),
    ("rdquo", '”'),
    ("bdquo", '„'),
    ("laquo", '«'),
    ("raquo", '»'),
    ("lsaquo", '‹'),
    ("rsaquo", '›'),
    ("bull", '•'),
    ("middot", '·'),
    ("copy", '©'),
    ("reg", '®'),
    ("trade", '™'),
    ("deg", '°'),
    ("plusmn", '±'),
    ("times", '×'),
    ("divide", '÷'),
    ("frac12", '½'),
    ("frac14", '¼'),
    ("frac34", '¾'),
    ("para", '¶'),
    ("sect", '§'),
    ("dagger", '†'),
    ("Dagger", '‡'),
    ("euro", '€'),
    ("pound", '£'),
    ("yen", '¥'),
    ("cent", '¢'),
    ("shy", '\u{ad}'),
    ("iexcl", '¡'),
    ("iquest", '¿'),
    ("prime", '′'),
    ("Prime", '″'),
    ("agrave", 'à'),
    ("aacute", 'á'),
    ("acirc", 'â'),
    ("atilde", 'ã'),
    ("auml", 'ä'),
    ("aring", 'å'),
    ("aelig", 'æ'),
    ("ccedil", 'ç'),
    ("egrave", 'è'),
    ("eacute", 'é'),
    ("ecirc", 'ê'),
    ("euml", 'ë'),
    ("igrave", 'ì'),
    ("iacute", 'í'),
    ("icirc", 'î'),
    ("iuml", 'ï'),
    ("ntilde", 'ñ'),
    ("ograve", 'ò'),
    ("oacute", 'ó'),
    ("ocirc", 'ô'),
    ("otilde", 'õ'),
    ("ouml", 'ö'),
    ("oslash", 'ø'),
    ("ugrave", 'ù'),
    ("uacute", 'ú'),
    ("ucirc", 'û'),
    ("uuml", 'ü'),
    ("yacute", 'ý'),
    ("yuml", 'ÿ'),
    ("szlig", 'ß'),
    ("Agrave", 'À'),
    ("Aacute", 'Á'),
    ("Acirc", 'Â'),
    ("Auml", 'Ä'),
    ("Aring", 'Å'),
    ("AElig", 'Æ'),
    ("Ccedil", 'Ç'),
    ("Egrave", 'È'),
    ("Eacute", 'É'),
    ("Ecirc", 'Ê'),
    ("Iacute", 'Í'),
    ("Ntilde", 'Ñ'),
    ("Oacute", 'Ó'),
    ("Ouml", 'Ö'),
    ("Oslash", 'Ø'),
    ("Uacute", 'Ú'),
    ("Uuml", 'Ü'),
];

/// Plain text as HTML that [`to_text`] reads back to the same text: `&`, `<`, `>` and `"`
/// escaped, newlines as `<br>`.
pub fn from_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\n' => out.push_str("<br>"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entities_named_numeric_and_unknown() {
        assert_eq!(
            decode("a &amp; b &lt;c&gt; &quot;d&quot;"),
            "a & b <c> \"d\""
        );
        assert_eq!(decode("&#8212;&#x2014;&#X2014;&mdash;"), "————");
        assert_eq!(decode("caf&eacute; &nbsp;"), "café \u{a0}");
        assert_eq!(
            decode("&#0; &#xD800; &#x110000;"),
            "\u{FFFD} \u{FFFD} \u{FFFD}"
        );
        assert_eq!(
            decode("AT&T &bogus; & &#; &#x; &"),
            "AT&T &bogus; & &#; &#x; &"
        );
        assert_eq!(decode("&#99999999999999;"), "&#99999999999999;");
    }

    #[test]
    fn tags_go_and_links_stay_as_urls() {
        let html = r#"<p>Read <a href="https://x.org/a?b=1&amp;c=2" target="_blank">the report</a>.</p><p>Then <b>this</b>.</p>"#;
        assert_eq!(
            to_text(html),
            "Read the report (https://x.org/a?b=1&c=2).\nThen this."
        );
        assert_eq!(
            to_text("<a href='https://x.org'>https://x.org</a>"),
            "https://x.org"
        );
        assert_eq!(to_text("<a>no href</a>"), "no href");
        assert_eq!(to_text("one<br>two<br/>three"), "one\ntwo\nthree");
        assert_eq!(to_text("a < b and 1<2 <3"), "a < b and 1<2 <3");
        assert_eq!(to_text("x <!-- note --> y"), "x  y");
        assert_eq!(to_text("<p>a</p>\n\n\n<p>b</p>"), "a\n\nb");
        assert_eq!(to_text("unclosed <a href=\"u\"> tag"), "unclosed  tag (u)");
        assert_eq!(to_text("<a href=\"u\">t"), "t (u)");
    }

    #[test]
    fn plain_text_goes_out_and_back() {
        for text in [
            "plain",
            "a & b < c > d \"e\" 'f'",
            "two\nlines",
            "blank\n\nline",
            "&amp; literally",
            "<b>not a tag</b>",
        ] {
            assert_eq!(to_text(&from_text(text)), text, "{text}");
        }
    }
}
