//! The `?` overlay, drawn from the keymap table itself so it cannot drift from the keys.

use super::wrap::truncate;
use super::{DISPUTE_MARK, LINK_MARK, Theme};
use crate::keymap::{BINDINGS, CONTEXTS, keys_label};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Widget};
use unicode_width::UnicodeWidthStr;

/// The help overlay.
pub struct Help {
    pub theme: Theme,
}

/// The help's entries: section headings, then (keys, what they do).
fn entries() -> Vec<Option<(String, &'static str)>> {
    let mut out = Vec::new();
    for c in CONTEXTS {
        out.push(None);
        out.push(Some((c.title().to_string(), "")));
        for b in BINDINGS.iter().filter(|b| b.context == c) {
            out.push(Some((keys_label(b), b.help)));
        }
    }
    out.push(None);
    out.push(Some(("Markers".to_string(), "")));
    out.push(Some((LINK_MARK.to_string(), "has links or back-links")));
    out.push(Some((DISPUTE_MARK.to_string(), "the sources disagree")));
    out.remove(0);
    out
}

impl Widget for Help {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let theme = self.theme;
        let rows = entries();
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
            .title(" Keys · any key closes ");
        let inner = block.inner(box_area);
        block.render(box_area, buf);
        let h = inner.height as usize;
        if h == 0 {
            return;
        }
        // Flow the sections down columns; a heading never ends a column.
        let mut columns: Vec<Vec<&Option<(String, &str)>>> = vec![Vec::new()];
        for (i, r) in rows.iter().enumerate() {
            let col = columns.last_mut().expect("one column");
            let heading = matches!(r, Some((_, "")));
            let next_is_last = i + 1 >= rows.len();
            let full = col.len() >= h || (heading && col.len() + 2 > h && !next_is_last);
            if full {
                columns.push(Vec::new());
                if r.is_none() {
                    continue;
                }
            }
            columns.last_mut().expect("one column").push(r);
        }
        let cw = (inner.width as usize / columns.len()).max(1);
        let bold = Style::new().add_modifier(Modifier::BOLD);
        for (ci, col) in columns.iter().enumerate() {
            let kw = col
                .iter()
                .filter_map(|r| r.as_ref())
                .filter(|(_, what)| !what.is_empty())
                .map(|(k, _)| k.width())
                .max()
                .unwrap_or(0)
                .min(cw / 2);
            for (ri, r) in col.iter().enumerate() {
                let x = inner.x + (ci * cw) as u16;
                let at = Rect::new(x, inner.y + ri as u16, cw as u16, 1);
                let line = match r {
                    None => continue,
                    Some((title, "")) => Line::styled(truncate(title, cw), theme.heading()),
                    Some((keys, what)) => Line::from(vec![
                        Span::styled(format!("{:<kw$} ", truncate(keys, kw)), bold),
                        Span::raw(truncate(what, cw.saturating_sub(kw + 2))),
                    ]),
                };
                line.render(at, buf);
            }
        }
    }
}
