//! The house keeps its floors: imports point down the layers, the domain names no
//! terminal, and nothing outside `src/app/` writes the explorer's state (a source scan).

use std::path::{Path, PathBuf};

/// The layers, bottom first; a module may use only those on its floor or below.
const LAYERS: &[(&str, u8)] = &[
    ("domain", 0),
    ("files", 0),
    ("text", 1),
    ("load", 2),
    ("query", 3),
    ("open", 4),
    ("export", 4),
    ("app", 5),
    ("keymap", 6),
    ("ui", 7),
    ("session", 7),
    ("tui", 8),
    ("cli", 9),
];

fn layer(m: &str) -> Option<u8> {
    LAYERS.iter().find(|(n, _)| *n == m).map(|(_, l)| *l)
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// The code of a file as it builds outside tests: comments and `#[cfg(test)]` items
/// (which may reach anywhere) left out, the rest kept wherever it stands.
fn code(p: &Path) -> String {
    if p.file_name().is_some_and(|n| n == "tests.rs") {
        return String::new();
    }
    let text = std::fs::read_to_string(p).unwrap();
    let mut out = String::new();
    let mut rest = text.as_str();
    while let Some(i) = rest.find("#[cfg(test)]") {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        // Skip the item: to the end of its first `{…}` block, or its `;`.
        let mut depth = 0;
        let mut end = rest.len();
        for (k, c) in rest.char_indices() {
            match c {
                '{' => depth += 1,
                '}' => {
                    depth -= 1;
                    if depth == 0 {
                        end = k + 1;
                        break;
                    }
                }
                ';' if depth == 0 => {
                    end = k + 1;
                    break;
                }
                _ => {}
            }
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out.lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The top module a file under `src/` belongs to.
fn module_of(p: &Path) -> String {
    let rel = p.strip_prefix("src").unwrap();
    let first = rel
        .components()
        .next()
        .unwrap()
        .as_os_str()
        .to_string_lossy();
    first.trim_end_matches(".rs").to_string()
}

fn sources() -> Vec<PathBuf> {
    let mut files = Vec::new();
    rust_files(Path::new("src"), &mut files);
    files
}

#[test]
fn imports_point_down_the_layers() {
    let used = crate_refs;
    let mut wrong = Vec::new();
    for f in sources() {
        let m = module_of(&f);
        let Some(own) = layer(&m) else {
            continue; // lib.rs, main.rs: the top
        };
        for other in used(&code(&f)) {
            if other == m {
                continue;
            }
            match layer(&other) {
                Some(l) if l <= own => {}
                Some(_) => wrong.push(format!("{} uses crate::{other}", f.display())),
                None => wrong.push(format!("{}: unknown module crate::{other}", f.display())),
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "imports pointing up:\n{}",
        wrong.join("\n")
    );
}

/// The modules a piece of code names as `crate::NAME`, or in a group `crate::{a, b::c}`.
fn crate_refs(code: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut add = |name: &str| {
        if !name.is_empty() && !out.iter().any(|n| n == name) {
            out.push(name.to_string());
        }
    };
    let word = |s: &str| -> String {
        s.trim_start()
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect()
    };
    let mut rest = code;
    while let Some(i) = rest.find("crate::") {
        rest = &rest[i + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            // Top-level items of the group: the first word after `{` and after each comma
            // at depth 0.
            let mut depth = 0;
            let mut start = 0;
            for (k, c) in group.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => {
                        add(&word(&group[start..k]));
                        break;
                    }
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        add(&word(&group[start..k]));
                        start = k + 1;
                    }
                    _ => {}
                }
            }
        } else {
            add(&word(rest));
        }
    }
    out
}

#[test]
fn grouped_imports_are_read_too() {
    assert_eq!(
        crate_refs("use crate::{domain::{a, b}, query};\nlet x = crate::ui::y;"),
        ["domain", "query", "ui"]
    );
}

#[test]
fn the_domain_names_no_terminal() {
    for f in sources().into_iter().filter(|f| module_of(f) == "domain") {
        let c = code(&f);
        for word in [
            "ratatui",
            "crossterm",
            "sanitize",
            "\\x1b",
            "\\u{1b}",
            "Terminal",
        ] {
            assert!(!c.contains(word), "{} names `{word}`", f.display());
        }
    }
}

#[test]
fn only_the_app_writes_the_explorers_state() {
    let groups = ["data.", "filter.", "nav.", "view."];
    let mutators = [
        ".push(",
        ".clear()",
        ".insert(",
        ".remove(",
        ".truncate(",
        ".extend",
        ".pop()",
        ".retain(",
        ".sort",
        ".take()",
    ];
    let mut writes = Vec::new();
    for f in sources().into_iter().filter(|f| module_of(f) != "app") {
        for (n, line) in code(&f).lines().enumerate() {
            let l = line.trim();
            // Anything borrowed mutably out of the state is a write.
            let borrowed = ["&mut app.", "&mut self.app.", "&mut new."]
                .iter()
                .any(|b| l.contains(b));
            // `app.view.focus = …`, `app.nav.list.cursor += …`, `app.filter.visible.push(…)`.
            let assigned = l.match_indices("app.").any(|(i, _)| {
                let before = l[..i].chars().next_back();
                if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                    return false;
                }
                let rest = &l[i + "app.".len()..];
                if !groups.iter().any(|g| rest.starts_with(g)) {
                    return false;
                }
                let place =
                    rest.trim_start_matches(|c: char| c.is_alphanumeric() || c == '_' || c == '.');
                let op = place.trim_start();
                (op.starts_with('=') && !op.starts_with("=="))
                    || ["+=", "-=", "*=", "|="].iter().any(|o| op.starts_with(o))
                    || mutators.iter().any(|m| {
                        rest.split_whitespace()
                            .next()
                            .is_some_and(|w| w.contains(m))
                    })
            });
            if borrowed || assigned {
                writes.push(format!("{}:{}: {l}", f.display(), n + 1));
            }
        }
    }
    assert!(
        writes.is_empty(),
        "writes to App outside src/app:\n{}",
        writes.join("\n")
    );
}
