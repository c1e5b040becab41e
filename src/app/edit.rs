//! Line editing for the prompts: the live filter (`/`), the date jump (`t`) and the find
//! in a side pane, and the query history that `↑`/`↓` walk in the filter prompt. A line
//! holds at most [`MAX_LINE`] characters (the filter is re-matched on every key), and a
//! paste is one edit however long it is.

use super::{Action, App, Mode, nav};

/// How many past queries the history keeps.
pub const QUERY_HISTORY_CAP: usize = 100;

impl App {
    /// Remember `q` as the newest query of the history (once: an older copy moves up).
    pub(super) fn remember_query(&mut self, q: &str) {
        let q = q.trim();
        if q.is_empty() {
            return;
        }
        self.filter.queries.retain(|x| x != q);
        self.filter.queries.push(q.to_string());
        if self.filter.queries.len() > QUERY_HISTORY_CAP {
            self.filter.queries.remove(0);
        }
    }

    /// `↑` (`older`) or `↓` in the filter prompt: put a past query on the line.
    fn walk_queries(&mut self, older: bool) -> bool {
        let n = self.filter.queries.len();
        let pos = match (self.filter.query_pos, older) {
            (None, true) if n > 0 => Some(n - 1),
            (None, _) => return false,
            (Some(p), true) => Some(p.saturating_sub(1)),
            (Some(p), false) if p + 1 < n => Some(p + 1),
            (Some(_), false) => None,
        };
        self.filter.query_pos = pos;
        self.filter.fresh_prompt = false;
        self.filter.text = pos
            .map(|p| self.filter.queries[p].clone())
            .unwrap_or_default();
        true
    }
}

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
    let filter = app.view.mode == Mode::Filter;
    let find = app.view.mode == Mode::Find;
    let line = match app.view.mode {
        Mode::Filter => &mut app.filter.text,
        Mode::Find => &mut app.nav.find,
        _ => &mut app.view.date_input,
    };
    // A new `/` starts an empty line: the filter in force stays until the first edit.
    let fresh = filter && app.filter.fresh_prompt;
    let mut full = false;
    let edited = match action {
        Action::HistoryPrev | Action::HistoryNext if filter => {
            let older = *action == Action::HistoryPrev;
            if !app.walk_queries(older) {
                return true;
            }
            app.apply_filter_text();
            return true;
        }
        Action::HistoryPrev | Action::HistoryNext => {
            // The date and find prompts have no history: the arrows move the selection.
            let motion = if *action == Action::HistoryPrev {
                Action::Up
            } else {
                Action::Down
            };
            nav::motion(app, motion);
            return true;
        }
        Action::Insert(c) => {
            if fresh {
                line.clear();
            }
            full = !push_text(line, c.encode_utf8(&mut [0; 4]));
            !full
        }
        Action::Paste(text) => {
            if fresh {
                line.clear();
            }
            let before = line.len();
            full = !push_text(line, text);
            line.len() != before
        }
        Action::DeleteChar | Action::DeleteWord | Action::ClearLine if fresh => false,
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
            app.view.mode = Mode::Normal;
            app.filter.fresh_prompt = false;
            if find {
                return true;
            }
            if filter {
                let kept = app.filter.text.clone();
                app.remember_query(&kept);
            } else {
                let typed = app.view.date_input.clone();
                nav::jump_to_date(app, &typed);
            }
            return true;
        }
        Action::Cancel => {
            app.view.mode = Mode::Normal;
            // Esc on a `/` nothing was typed into only closes it: the filter in force stays
            // (a stray `/` costs nothing). After typing, Esc clears the filter.
            let untouched = std::mem::take(&mut app.filter.fresh_prompt);
            if filter && !untouched {
                app.filter.text.clear();
                app.apply_filter_text();
            }
            if find {
                app.nav.find.clear();
            }
            return true;
        }
        _ => return false,
    };
    if find && edited {
        super::find::retarget(app);
    }
    if filter && edited {
        app.filter.fresh_prompt = false;
        app.filter.query_pos = None;
        app.apply_filter_text();
    }
    if full {
        app.view.message = Some(full_message());
    }
    true
}
