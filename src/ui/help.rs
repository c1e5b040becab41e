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

/// One line of the help: a heading, or keys (empty on a description's next lines) and
/// (a piece of) what they do.
#[derive(Clone)]
enum Row {
    Heading(String),
    Entry(String, String),
}

/// A page: its columns, each a list of lines.
type Page = Vec<Vec<Row>>;

/// Descriptions get at least this many columns before a page takes fewer columns.
const MIN_DESCRIPTION: usize = 22;

/// `rows` laid out on pages of `width` × `h`: as many columns side by side as leave each
/// description [`MIN_DESCRIPTION`] columns, descriptions wrapped (never cut) under their
/// keys, an entry never split between columns and a heading never ending one.
fn pages(rows: &[(String, Option<&'static str>)], width: usize, h: usize) -> (Vec<Page>, usize) {
    let kw = key_width(rows).min(width / 3);
    let per_page = (width / (kw + 2 + MIN_DESCRIPTION)).max(1);
    let cw = (width / per_page).max(1);
    let room = cw.saturating_sub(kw + 2).max(1);
    let mut columns: Vec<Vec<Row>> = vec![Vec::new()];
    for (i, (k, what)) in rows.iter().enumerate() {
        let lines: Vec<Row> = match what {
            None => crate::text::wrap::wrap(k, cw)
                .into_iter()
                .map(Row::Heading)
                .collect(),
            Some(w) => crate::text::wrap::wrap(w, room)
                .into_iter()
                .enumerate()
                .map(|(j, piece)| Row::Entry(if j == 0 { k.clone() } else { String::new() }, piece))
                .collect(),
        };
        // A heading takes the next entry's first line along.
        let keep = lines.len() + usize::from(what.is_none() && i + 1 < rows.len());
        let col = columns.last_mut().expect("one column");
        if !col.is_empty() && col.len() + keep.min(h) > h {
            columns.push(Vec::new());
        }
        for line in lines {
            let col = columns.last_mut().expect("one column");
            if col.len() >= h {
                columns.push(Vec::new());
            }
            columns.last_mut().expect("one column").push(line);
        }
    }
    let pages = columns.chunks(per_page).map(<[Vec<Row>]>::to_vec).collect();
    (pages, kw)
}

/// The widest keys label or example, at most 24 columns (longer ones are cut).
fn key_width(rows: &[(String, Option<&'static str>)]) -> usize {
    rows.iter()
        .filter(|(_, what)| what.is_some())
        .map(|(k, _)| k.width())
        .max()
        .unwrap_or(0)
        .min(24)
}

impl Widget for Help {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let theme = self.theme;
        let margin = if area.width >= 100 { 4 } else { 0 };
        let box_area = Rect::new(
            area.x + margin,
            area.y,
            area.width.saturating_sub(2 * margin),
            area.height,
        );
        Clear.render(box_area, buf);
        let inner = Block::bordered().inner(box_area);
        let h = inner.height as usize;
        if h == 0 || inner.width == 0 {
            return;
        }
        // The keys, on as many pages as they need, then the query syntax; `?` turns.
        let keys = entries(0, self.contexts);
        let syntax = entries(1, self.contexts);
        let w = inner.width as usize;
        let ((kp, kkw), (sp, skw)) = (pages(&keys, w, h), pages(&syntax, w, h));
        let total = kp.len() + sp.len();
        let at = usize::from(self.page) % total.max(1);
        let of = |k: usize, n: usize| {
            if n > 1 {
                format!(" {}/{n}", k + 1)
            } else {
                String::new()
            }
        };
        let (page, kw, title) = if at < kp.len() {
            (
                &kp[at],
                kkw,
                format!(
                    " Keys{} · ? next page · any other key closes · {LINK_MARK} links · {DISPUTE_MARK} sources disagree ",
                    of(at, kp.len())
                ),
            )
        } else {
            let k = at - kp.len();
            (
                &sp[k],
                skw,
                format!(
                    " Query syntax{} · ? next page · any other key closes ",
                    of(k, sp.len())
                ),
            )
        };
        let block = Block::bordered()
            .border_type(BorderType::Double)
            .title(truncate(&title, box_area.width.saturating_sub(2) as usize));
        block.render(box_area, buf);
        let cw = (w / page.len().max(1)).max(1);
        let bold = Style::new().add_modifier(Modifier::BOLD);
        for (ci, col) in page.iter().enumerate() {
            for (ri, r) in col.iter().enumerate() {
                let x = inner.x + u16_of(ci * cw);
                let at = Rect::new(x, inner.y + u16_of(ri), u16_of(cw), 1);
                let line = match r {
                    Row::Heading(title) => Line::styled(truncate(title, cw), theme.heading()),
                    Row::Entry(keys, what) => Line::from(vec![
                        Span::styled(format!("{:<kw$} ", truncate(keys, kw)), bold),
                        Span::raw(truncate(what, cw.saturating_sub(kw + 2))),
                    ]),
                };
                line.render(at, buf);
            }
        }
    }
}
