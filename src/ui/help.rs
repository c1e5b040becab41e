//! The `?` overlay, drawn from the keymap table itself so it cannot drift from the keys.

use super::{DISPUTE_MARK, LINK_MARK, Theme};
use crate::domain::num::u16_of;
use crate::keymap::{BINDINGS, Context, keys_label};
use crate::text::wrap::truncate;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Widget};
use unicode_width::UnicodeWidthStr;

/// The help overlay.
pub struct Help {
    pub theme: Theme,
    /// 0: the keys; 1: the query syntax.
    pub page: u8,
    /// The sections of the keys page (those of the view shown).
    pub contexts: &'static [Context],
}

/// The help's rows: a section heading (`None` for what it does), or (keys, what they do).
fn entries(page: u8, contexts: &[Context]) -> Vec<(String, Option<&'static str>)> {
    let mut out = Vec::new();
    if page == 1 {
        out.push((
            "Filter (/): terms are AND, folded (case, accents)".to_string(),
            None,
        ));
        for (example, what) in crate::query::SYNTAX {
            out.push((example.to_string(), Some(*what)));
        }
        out.push(("Matching".to_string(), None));
        let notes: [(&str, &'static str); 4] = [
            ("names", "a person's alias finds their events"),
            ("terms", "other spellings match whole words"),
            ("typos", "5+ letters found nowhere: fuzzy, ~fuzzy"),
            ("t 1999", "first event from 1999 on, else last"),
        ];
        out.extend(notes.iter().map(|(k, w)| (k.to_string(), Some(*w))));
        return out;
    }
    for &c in contexts {
        out.push((c.title().to_string(), None));
        for b in BINDINGS.iter().filter(|b| b.context == c) {
            out.push((keys_label(b), Some(b.help)));
        }
    }
    out
}

impl Widget for Help {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let theme = self.theme;
        let rows = entries(self.page, self.contexts);
        let margin = if area.width >= 100 { 4 } else { 0 };
        let box_area = Rect::new(
            area.x + margin,
            area.y,
            area.width.saturating_sub(2 * margin),
            area.height,
        );
        Clear.render(box_area, buf);
        let block = Block::bordered()
            .border_type(BorderType::Double)
            .title(if self.page == 0 {
                format!(
                    " Keys · ? query syntax · any other key closes · {LINK_MARK} links · {DISPUTE_MARK} sources disagree "
                )
            } else {
                " Query syntax · any key closes ".to_string()
            });
        let inner = block.inner(box_area);
        block.render(box_area, buf);
        let h = inner.height as usize;
        if h == 0 {
            return;
        }
        // Flow the rows down columns; a heading never ends a column.
        let mut columns: Vec<Vec<&(String, Option<&str>)>> = vec![Vec::new()];
        for r in &rows {
            let col = columns.last_mut().expect("one column");
            if col.len() >= h || (r.1.is_none() && col.len() + 1 >= h) {
                columns.push(Vec::new());
            }
            columns.last_mut().expect("one column").push(r);
        }
        let cw = (inner.width as usize / columns.len()).max(1);
        let bold = Style::new().add_modifier(Modifier::BOLD);
        for (ci, col) in columns.iter().enumerate() {
            let kw = col
                .iter()
                .filter(|(_, what)| what.is_some())
                .map(|(k, _)| k.width())
                .max()
                .unwrap_or(0)
                .min(cw / 2);
            for (ri, r) in col.iter().enumerate() {
                let x = inner.x + u16_of(ci * cw);
                let at = Rect::new(x, inner.y + u16_of(ri), u16_of(cw), 1);
                let line = match r {
                    (title, None) => Line::styled(truncate(title, cw), theme.heading()),
                    (keys, Some(what)) => Line::from(vec![
                        Span::styled(format!("{:<kw$} ", truncate(keys, kw)), bold),
                        Span::raw(truncate(what, cw.saturating_sub(kw + 2))),
                    ]),
                };
                line.render(at, buf);
            }
        }
    }
}
