//! Line editing for the two prompts: the live filter (`/`) and the date jump (`t`).

use super::{Action, App, Mode, nav};

/// Handle `action` while a prompt is open. Returns false for actions the prompt leaves to
/// the panes (moving the selection while filtering, resizes, quitting).
pub(super) fn line_action(app: &mut App, action: Action) -> bool {
    let filter = app.mode == Mode::Filter;
    let line = if filter {
        &mut app.filter
    } else {
        &mut app.date_input
    };
    let edited = match action {
        Action::Insert(c) => {
            line.push(c);
            true
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
    true
}
