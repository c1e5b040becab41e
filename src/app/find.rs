//! Type-to-find in the People and Sources panes: the cursor moves to the rows whose names
//! hold what was typed, and `n`/`N` step through them; no row is hidden.

use super::{App, Focus};
use crate::domain::text::fold;

impl App {
    /// Does row `i` of the focused side pane hold `needle` (folded)? People match by name,
    /// alias or id; sources by title, outlet, author or id.
    pub fn find_hit(&self, focus: Focus, i: usize, needle: &str) -> bool {
        if needle.is_empty() {
            return false;
        }
        let t = &self.data.timeline;
        let has = |s: &str| fold(s).contains(needle);
        match focus {
            Focus::People => t
                .people
                .get(i)
                .is_some_and(|p| has(&p.name) || has(&p.id) || p.aliases.iter().any(|a| has(a))),
            Focus::Sources => t.sources.get(i).is_some_and(|s| {
                has(&s.title)
                    || has(&s.id)
                    || s.outlet.as_deref().is_some_and(has)
                    || s.author.as_deref().is_some_and(has)
            }),
            Focus::Timeline | Focus::Detail | Focus::Lanes => false,
        }
    }

    /// Rows in the focused side pane and its cursor.
    fn side_list(&mut self) -> Option<(usize, &mut super::ListPos)> {
        match self.view.focus {
            Focus::People => Some((self.data.timeline.people.len(), &mut self.nav.people)),
            Focus::Sources => Some((self.data.timeline.sources.len(), &mut self.nav.sources)),
            Focus::Timeline | Focus::Detail | Focus::Lanes => None,
        }
    }
}

/// Move the cursor to the first matching row from `from` on, forwards or backwards,
/// wrapping around. False when no row matches.
fn seek(app: &mut App, from: usize, forward: bool) -> bool {
    let needle = fold(&app.nav.find);
    let focus = app.view.focus;
    let Some((len, _)) = app.side_list() else {
        return false;
    };
    if len == 0 {
        return false;
    }
    let hit = (0..len)
        .map(|k| {
            if forward {
                (from + k) % len
            } else {
                (from + len - k % len) % len
            }
        })
        .find(|&i| app.find_hit(focus, i, &needle));
    match (hit, app.side_list()) {
        (Some(i), Some((_, pos))) => {
            pos.cursor = i;
            app.scroll_into_view();
            true
        }
        _ => false,
    }
}

/// The find text changed: go to the first match at or after the cursor.
pub(super) fn retarget(app: &mut App) {
    let Some((_, pos)) = app.side_list() else {
        return;
    };
    let from = pos.cursor;
    if !app.nav.find.is_empty() && !seek(app, from, true) {
        app.view.message = Some("no name matches".into());
    }
}

/// `n` (`forward`) or `N`: the next or previous matching row.
pub(super) fn step(app: &mut App, forward: bool) {
    if app.nav.find.is_empty() {
        app.view.message = Some("nothing to find: / in this pane starts a find".into());
        return;
    }
    let Some((len, pos)) = app.side_list() else {
        return;
    };
    let from = if forward {
        (pos.cursor + 1) % len.max(1)
    } else {
        (pos.cursor + len.max(1) - 1) % len.max(1)
    };
    if !seek(app, from, forward) {
        app.view.message = Some("no name matches".into());
    }
}
