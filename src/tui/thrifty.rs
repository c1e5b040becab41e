//! A backend wrapper that sends fewer bytes: where ratatui's diff would jump the cursor over
//! a few unchanged cells, it rewrites those cells instead (a cursor jump costs ~8 bytes, a
//! cell usually 1). It keeps a copy of what the terminal shows to know those cells, and
//! never asks the terminal where its cursor is. It also caps the area drawn: a
//! 10000×10000 terminal gets its top-left [`MAX_WIDTH`]×[`MAX_HEIGHT`] drawn, not 8 GB of
//! cells per frame.

use ratatui::backend::{Backend, ClearType, WindowSize};
use ratatui::buffer::{Buffer, Cell, CellDiffOption};
use ratatui::layout::{Position, Rect, Size};
use unicode_width::UnicodeWidthStr;

/// Widest area drawn (columns).
pub const MAX_WIDTH: u16 = 1000;
/// Tallest area drawn (rows).
pub const MAX_HEIGHT: u16 = 400;

/// A terminal size as drawn: at most [`MAX_WIDTH`]×[`MAX_HEIGHT`].
pub fn capped(width: u16, height: u16) -> (u16, u16) {
    (width.min(MAX_WIDTH), height.min(MAX_HEIGHT))
}

/// Gaps of at most this many unchanged cells are rewritten rather than jumped over.
const MAX_GAP: u16 = 8;
/// What a cursor jump (`ESC [ row ; col H`) costs, about.
const JUMP_BYTES: usize = 8;

/// Wraps a backend; see the module doc.
pub struct Thrifty<B> {
    inner: B,
    shown: Buffer,
    /// Where the cursor was last put. Answered from here rather than by asking the
    /// terminal, which costs a round trip and which some terminals never answer.
    cursor: Position,
}

impl<B> Thrifty<B> {
    /// The wrapped backend.
    pub fn inner(&self) -> &B {
        &self.inner
    }
}

impl<B: Backend> Thrifty<B> {
    /// Wrap `inner`, whose screen is taken to be blank.
    pub fn new(inner: B) -> Thrifty<B> {
        Thrifty {
            inner,
            shown: Buffer::empty(Rect::ZERO),
            cursor: Position::ORIGIN,
        }
    }

    fn blank(&mut self) -> Result<(), B::Error> {
        let size = self.size()?;
        self.shown = Buffer::empty(Rect::new(0, 0, size.width, size.height));
        Ok(())
    }

    /// Can the unchanged cells between `a` (drawn at `ax`) and `bx` on row `y` be rewritten
    /// for fewer bytes than a cursor jump: single-width, in `a`'s style (so no style change
    /// is needed), and together shorter than the jump?
    fn fillable(&self, a: &Cell, ax: u16, bx: u16, y: u16) -> bool {
        let from = ax + 1;
        if bx <= from || bx - from > MAX_GAP || a.symbol().width() != 1 {
            return false;
        }
        let mut bytes = 0;
        (from..bx).all(|x| {
            self.shown.cell((x, y)).is_some_and(|c| {
                bytes += c.symbol().len();
                c.diff_option == CellDiffOption::None
                    && c.symbol().width() == 1
                    && c.style() == a.style()
            })
        }) && bytes < JUMP_BYTES
    }
}

impl<B: Backend> Backend for Thrifty<B> {
    type Error = B::Error;

    fn draw<'a, I>(&mut self, content: I) -> Result<(), Self::Error>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        let size = self.size()?;
        if self.shown.area.width != size.width || self.shown.area.height != size.height {
            self.blank()?;
        }
        let cells: Vec<(u16, u16, Cell)> = content.map(|(x, y, c)| (x, y, c.clone())).collect();
        let mut out: Vec<(u16, u16, Cell)> = Vec::with_capacity(cells.len());
        for (x, y, c) in cells {
            if let Some((px, py, prev)) = out.last()
                && *py == y
                && self.fillable(prev, *px, x, y)
            {
                let (px, py) = (*px, *py);
                for gx in px + 1..x {
                    if let Some(s) = self.shown.cell((gx, py)) {
                        out.push((gx, py, s.clone()));
                    }
                }
            }
            out.push((x, y, c));
        }
        for (x, y, c) in &out {
            if let Some(s) = self.shown.cell_mut((*x, *y)) {
                *s = c.clone();
            }
        }
        self.inner.draw(out.iter().map(|(x, y, c)| (*x, *y, c)))
    }

    fn append_lines(&mut self, n: u16) -> Result<(), Self::Error> {
        self.inner.append_lines(n)
    }
    fn hide_cursor(&mut self) -> Result<(), Self::Error> {
        self.inner.hide_cursor()
    }
    fn show_cursor(&mut self) -> Result<(), Self::Error> {
        self.inner.show_cursor()
    }
    fn get_cursor_position(&mut self) -> Result<Position, Self::Error> {
        Ok(self.cursor)
    }
    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> Result<(), Self::Error> {
        self.cursor = position.into();
        self.inner.set_cursor_position(self.cursor)
    }
    fn clear(&mut self) -> Result<(), Self::Error> {
        self.blank()?;
        self.inner.clear()
    }
    fn clear_region(&mut self, clear_type: ClearType) -> Result<(), Self::Error> {
        // What a partial clear leaves is not tracked: forget it all (no gap is filled until
        // the next full redraw re-learns the screen).
        self.blank()?;
        if clear_type != ClearType::All {
            self.shown = Buffer::empty(Rect::ZERO);
        }
        self.inner.clear_region(clear_type)
    }
    fn size(&self) -> Result<Size, Self::Error> {
        let s = self.inner.size()?;
        let (width, height) = capped(s.width, s.height);
        Ok(Size { width, height })
    }
    fn window_size(&mut self) -> Result<WindowSize, Self::Error> {
        self.inner.window_size()
    }
    fn flush(&mut self) -> Result<(), Self::Error> {
        self.inner.flush()
    }
}
