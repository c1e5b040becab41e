//! Line editing for the two prompts: the live filter (`/`) and the date jump (`t`).
//! A line holds at most [`MAX_LINE`] characters (the filter is re-matched on every key),
//! and a paste is one edit however long it is.

use super::{Action, App, Mode, nav};

/// The most characters a prompt holds: a query longer than this is not one a person
/// types, and each key re-matches the whole query.
pub const MAX_LINE: usize = 1000;

/// What the status bar says when a line is full.
fn full_message() -> String {
    format!("a query holds at most {MAX_LINE} characters: the rest was left out")
}

/// Add `text` to `line` as typed: controls (newlines, tabs) become spaces, and no more
/// than fits in [`MAX_LINE`]. False when something was left out.
fn push_text(line: &mut String, text: &str) -> bool {
    let room = MAX_LINE.saturating_sub(line.chars().count());
    for (taken, c) in text.chars().enumerate() {
        if taken == room {
            return false;
        }
        line.push(if c.is_control() { ' ' } else { c });
    }
    true
}

/// Handle `action` while a prompt is open. Returns false for actions the prompt leaves to
/// the panes (moving the selection while filtering, resizes, quitting).
pub(super) fn line_action(app: &mut App, action: &Action) -> bool {
    let filter = app.mode == Mode::Filter;
    let line = if filter {
        &mut app.filter
    } else {
        &mut app.date_input
    };
    let mut full = false;
    let edited = match action {
        Action::Insert(c) => {
            full = !push_text(line, c.encode_utf8(&mut [0; 4]));
            !full
        }
        Action::Paste(text) => {
            let before = line.len();
            full = !push_text(line, text);
            line.len() != before
        }
        Action::DeleteChar => line.pop().is_some(),
        Action::DeleteWord => {
            let kept = line.trim_end().rfind(' ').map_or(0, |i| i + 1);
            let changed = kept < line.len();
            line.truncate(kept);
            changed
        }
        Action::ClearLine => {
            let changed = !line.is_empty();
            line.clear();
            changed
        }
        Action::Accept => {
            app.mode = Mode::Normal;
            if !filter {
                let typed = app.date_input.clone();
                nav::jump_to_date(app, &typed);
            }
            return true;
        }
        Action::Cancel => {
            app.mode = Mode::Normal;
            if filter {
                app.filter.clear();
                app.apply_filter_text();
            }
            return true;
        }
        _ => return false,
    };
    if filter && edited {
        app.apply_filter_text();
    }
    if full {
        app.message = Some(full_message());
    }
    true
}
