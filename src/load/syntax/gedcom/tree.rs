//! GEDCOM's line grammar (`LEVEL [@XREF@] TAG [VALUE]`) read into a tree of records with
//! the line and column of each value, so that every later problem can point at its line.
//! Handles a BOM, CRLF/LF/CR line ends, `CONT` and 5.5.1's `CONC` continuation lines and
//! the `@@` escape; a malformed line is a positioned error (every one is reported).

use super::super::{Pos, pos};

/// One GEDCOM line with its substructures.
#[derive(Clone, Debug, Default)]
pub struct Node {
    /// The cross-reference id (`I1` of `0 @I1@ INDI`), without the `@`s.
    pub xref: Option<String>,
    /// The tag, as written.
    pub tag: String,
    /// The text value (continuation lines joined, `@@` unescaped), if any.
    pub value: Option<String>,
    /// A pointer value (`@S1@`), without the `@`s.
    pub pointer: Option<String>,
    /// Where the line starts (column of the level).
    pub at: Pos,
    /// Where its value starts (the tag's position when there is none).
    pub value_at: Pos,
    /// Indices of its substructures in [`Tree::nodes`].
    pub children: Vec<usize>,
}

/// A parsed file: every node, and the top-level records in order.
#[derive(Debug, Default)]
pub struct Tree {
    /// Every node.
    pub nodes: Vec<Node>,
    /// The level-0 records.
    pub records: Vec<usize>,
}

impl Tree {
    /// The node at `i`.
    pub fn node(&self, i: usize) -> &Node {
        &self.nodes[i]
    }

    /// The first child of `i` tagged `tag`.
    pub fn child(&self, i: usize, tag: &str) -> Option<usize> {
        self.nodes[i]
            .children
            .iter()
            .copied()
            .find(|&c| self.nodes[c].tag == tag)
    }

    /// The text of the first child of `i` tagged `tag`.
    pub fn text(&self, i: usize, tag: &str) -> Option<&str> {
        self.child(i, tag)
            .and_then(|c| self.nodes[c].value.as_deref())
            .map(str::trim)
            .filter(|s| !s.is_empty())
    }
}

/// The deepest level accepted (far beyond any real file; keeps the stack bounded).
const MAX_LEVEL: usize = 99;

/// Parse `src` into a tree, with every malformed line. A malformed line is left out with
/// the lines under it (they would otherwise hang from the wrong record), so that the rest
/// of the file is still read and its problems reported in the same run.
pub fn parse(src: &str) -> (Tree, Vec<(Pos, String)>) {
    let src = src.strip_prefix('\u{feff}').unwrap_or(src);
    let mut tree = Tree::default();
    let mut errors = Vec::new();
    // stack[k] = the node at level k on the current path.
    let mut stack: Vec<usize> = Vec::new();
    let mut v5 = false;
    // The level of a left-out line: lines deeper than it are its own, left out too.
    let mut skip: Option<usize> = None;
    for (n, line) in lines(src).enumerate() {
        let line_no = n + 1;
        if line.trim().is_empty() {
            continue;
        }
        let level = leading_level(line);
        let under_skipped = matches!((skip, level), (Some(s), Some(l)) if l > s);
        let parsed = match split(line) {
            Ok(p) => p,
            Err((col, msg)) => {
                errors.push((pos(line_no, col), msg));
                if !under_skipped {
                    skip = level;
                }
                continue;
            }
        };
        if under_skipped {
            continue;
        }
        skip = None;
        if parsed.level > stack.len() {
            let msg = match stack.len() {
                0 => format!(
                    "a GEDCOM file starts with a level-0 record (`0 HEAD`), not level {}",
                    parsed.level
                ),
                d => format!(
                    "level {} after level {}: a line may go at most one level deeper",
                    parsed.level,
                    d - 1
                ),
            };
            errors.push((pos(line_no, parsed.level_col), msg));
            skip = Some(parsed.level);
            continue;
        }
        stack.truncate(parsed.level);
        let at = pos(line_no, parsed.level_col);
        let value_at = pos(line_no, parsed.value_col);
        if parsed.tag == "CONT" || parsed.tag == "CONC" {
            let Some(&parent) = stack.last() else {
                errors.push((at, format!("`{}` continues no line", parsed.tag)));
                continue;
            };
            let p = &mut tree.nodes[parent];
            let text = p.value.get_or_insert_with(String::new);
            if parsed.tag == "CONT" {
                text.push('\n');
            }
            text.push_str(parsed.value.unwrap_or(""));
            continue;
        }
        if parsed.level == 2
            && parsed.tag == "VERS"
            && parsed
                .value
                .is_some_and(|v| v.trim_start().starts_with('5'))
        {
            v5 = true;
        }
        let (value, pointer) = match parsed.value {
            Some(v) if is_pointer(v) => (None, Some(v[1..v.len() - 1].to_string())),
            Some(v) => (Some(v.to_string()), None),
            None => (None, None),
        };
        let id = tree.nodes.len();
        tree.nodes.push(Node {
            xref: parsed.xref.map(str::to_string),
            tag: parsed.tag.to_string(),
            value,
            pointer,
            at,
            value_at,
            children: Vec::new(),
        });
        match stack.last() {
            Some(&parent) => tree.nodes[parent].children.push(id),
            None => tree.records.push(id),
        }
        stack.push(id);
    }
    for node in &mut tree.nodes {
        if let Some(v) = node.value.as_mut() {
            *v = unescape(v, v5);
        }
    }
    (tree, errors)
}

/// `@@` at the start of a value stands for one `@` (GEDCOM 7); GEDCOM 5.5.1 doubles every
/// `@` in text.
fn unescape(v: &str, v5: bool) -> String {
    if v5 {
        v.replace("@@", "@")
    } else {
        v.split('\n')
            .map(|l| {
                l.strip_prefix("@@")
                    .map_or(l.to_string(), |r| format!("@{r}"))
            })
            .collect::<Vec<_>>()
            .join("\n")
    }
}

/// The level a line starts with, if it starts with one.
fn leading_level(line: &str) -> Option<usize> {
    let s = line.trim_start_matches([' ', '\t']);
    let digits = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
    s[..digits].parse().ok()
}

/// A pointer: `@ID@` with no `@` or space inside (`@#D…@` starts a calendar, not a pointer).
fn is_pointer(v: &str) -> bool {
    v.len() > 2
        && v.starts_with('@')
        && v.ends_with('@')
        && !v.starts_with("@#")
        && !v[1..v.len() - 1].contains(['@', ' '])
}

/// The lines of `src`, cut at CRLF, LF or CR.
fn lines(src: &str) -> impl Iterator<Item = &str> {
    let mut rest = Some(src);
    std::iter::from_fn(move || {
        let s = rest?;
        match s.find(['\r', '\n']) {
            Some(i) => {
                let skip = if s[i..].starts_with("\r\n") { 2 } else { 1 };
                rest = Some(&s[i + skip..]);
                Some(&s[..i])
            }
            None => {
                rest = None;
                Some(s).filter(|s| !s.is_empty())
            }
        }
    })
}

/// A line cut into its parts, with 1-based char columns.
struct Line<'a> {
    level: usize,
    level_col: usize,
    xref: Option<&'a str>,
    tag: &'a str,
    value: Option<&'a str>,
    value_col: usize,
}

/// The column (1-based, in chars) of byte offset `i` of `line`.
fn col(line: &str, i: usize) -> usize {
    line[..i].chars().count() + 1
}

/// Cut one line, or say where and why it is not `LEVEL [@XREF@] TAG [VALUE]`.
fn split(line: &str) -> Result<Line<'_>, (usize, String)> {
    const SHAPE: &str = "GEDCOM lines are `LEVEL [@XREF@] TAG [VALUE]`, e.g. `1 BIRT`";
    let start = line.len() - line.trim_start_matches([' ', '\t']).len();
    let digits = line[start..]
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(line.len() - start);
    if digits == 0 {
        return Err((
            col(line, start),
            format!("expected a level number: {SHAPE}"),
        ));
    }
    let level = line[start..start + digits]
        .parse::<usize>()
        .ok()
        .filter(|&l| l <= MAX_LEVEL)
        .ok_or_else(|| {
            (
                col(line, start),
                format!("level is too deep (at most {MAX_LEVEL})"),
            )
        })?;
    let mut i = start + digits;
    let after_level = &line[i..];
    if !after_level.starts_with(' ') {
        let what = if after_level.is_empty() {
            format!("a level alone is no line: {SHAPE}")
        } else {
            format!("expected a space after the level: {SHAPE}")
        };
        return Err((col(line, i), what));
    }
    i += after_level.len() - after_level.trim_start_matches(' ').len();
    let mut xref = None;
    if line[i..].starts_with('@') {
        let end = line[i + 1..].find('@').map(|e| i + 1 + e);
        let Some(end) = end.filter(|&e| e > i + 1) else {
            return Err((
                col(line, i),
                format!("unterminated cross-reference id (`@I1@`): {SHAPE}"),
            ));
        };
        let id = &line[i + 1..end];
        if id.contains([' ', '\t']) {
            return Err((
                col(line, i),
                "a cross-reference id has no spaces (`@I1@`)".to_string(),
            ));
        }
        xref = Some(id);
        i = end + 1;
        let rest = &line[i..];
        if !rest.starts_with(' ') {
            return Err((
                col(line, i),
                format!("expected a space and a tag after the id: {SHAPE}"),
            ));
        }
        i += rest.len() - rest.trim_start_matches(' ').len();
    }
    let tag_len = line[i..]
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(line.len() - i);
    if tag_len == 0 {
        return Err((
            col(line, i),
            format!("expected a tag (letters, digits, `_`): {SHAPE}"),
        ));
    }
    let tag = &line[i..i + tag_len];
    i += tag_len;
    let rest = &line[i..];
    let (value, value_col) = if rest.is_empty() {
        (None, col(line, i - tag_len))
    } else if let Some(v) = rest.strip_prefix(' ') {
        (Some(v).filter(|v| !v.is_empty()), col(line, i + 1))
    } else {
        return Err((
            col(line, i),
            format!("a tag is letters, digits and `_`, then a space before its value: {SHAPE}"),
        ));
    };
    Ok(Line {
        level,
        level_col: col(line, start),
        xref,
        tag,
        value,
        value_col,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_continuations_and_escapes() {
        let src = "\u{feff}0 HEAD\r\n1 GEDC\r\n2 VERS 7.0\r\n0 @I1@ INDI\r1 NOTE a\n2 CONT @@b\n2 CONC c\n1 FAMS @F1@\n";
        let (t, errs) = parse(src);
        assert!(errs.is_empty(), "{errs:?}");
        assert_eq!(t.records.len(), 2);
        let indi = t.records[1];
        assert_eq!(t.node(indi).xref.as_deref(), Some("I1"));
        let note = t.child(indi, "NOTE").unwrap();
        assert_eq!(t.node(note).value.as_deref(), Some("a\n@bc"));
        assert_eq!(t.node(note).value_at, pos(5, 8));
        let fams = t.child(indi, "FAMS").unwrap();
        assert_eq!(t.node(fams).pointer.as_deref(), Some("F1"));
    }

    #[test]
    fn malformed_lines_are_placed() {
        let (t, errs) =
            parse("0 HEAD\nx BAD\n1 GEDC\n3 VERS 7.0\n0 @I1 INDI\n1 NA!ME x\n1 SEX F\n0 TRLR\n");
        let at: Vec<_> = errs.iter().map(|(p, _)| (p.line, p.col)).collect();
        assert_eq!(at, [(2, 1), (4, 1), (5, 3), (6, 5)], "{errs:?}");
        assert!(errs[1].1.contains("level 3 after level 1"), "{errs:?}");
        // The rest is read; what was under the malformed record is left out with it.
        let tags: Vec<&str> = t.records.iter().map(|&r| t.node(r).tag.as_str()).collect();
        assert_eq!(tags, ["HEAD", "TRLR"]);
        assert!(t.nodes.iter().all(|n| n.tag != "SEX"));
    }

    #[test]
    fn version_5_unescapes_every_at() {
        let t = parse("0 HEAD\n1 GEDC\n2 VERS 5.5.1\n0 @N1@ NOTE mail a@@b.c\n").0;
        assert_eq!(t.node(t.records[1]).value.as_deref(), Some("mail a@b.c"));
    }
}
