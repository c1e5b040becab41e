//! Drawing: the whole screen as one `Widget` over `&App`. Reads state, never changes it.

mod bars;
mod detail;
mod help;
mod lanes;

mod loading;
mod side;
mod timeline;

pub use loading::Loading;

use crate::app::layout::{Areas, MIN_HEIGHT, MIN_WIDTH};
use crate::app::{App, Focus, Mode};
use crate::domain::num::u16_of;
use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph, Widget, Wrap};

/// Colours, or none (`NO_COLOR`): every distinction is also made without colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Theme {
    /// Use colours on top of bold, reverse and underline.
    pub color: bool,
    /// Draw only ASCII (borders, markers, bars, and any non-ASCII text as `?`).
    pub ascii: bool,
}

impl Theme {
    /// Colours unless `NO_COLOR` is set to anything non-empty (no-color.org).
    pub fn from_env() -> Theme {
        let no = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Theme {
            color: !no,
            ascii: !locale_is_utf8(),
        }
    }

    fn fg(self, c: Color) -> Style {
        if self.color {
            Style::new().fg(c)
        } else {
            Style::new()
        }
    }

    /// Matched characters of the filter.
    pub fn highlight(self) -> Style {
        self.fg(Color::Yellow)
            .add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
    }
    /// The selected row.
    pub fn selected(self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }
    /// Less important text.
    pub fn dim(self) -> Style {
        if self.color {
            Style::new().fg(Color::DarkGray)
        } else {
            Style::new().add_modifier(Modifier::DIM)
        }
    }
    /// Headings and the year gutter.
    pub fn heading(self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }
    /// The disagreement marker.
    pub fn warn(self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }
    /// The link marker.
    pub fn link(self) -> Style {
        self.fg(Color::Blue)
    }
}

pub use crate::app::detail::{DISPUTE_MARK, LINK_MARK};

/// The whole screen.
pub struct Screen<'a> {
    /// What to draw.
    pub app: &'a App,
    /// How.
    pub theme: Theme,
}

impl Widget for Screen<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let laid = match self.app.view.layout {
            crate::app::layout::Layout::Explorer => {
                Areas::new(area, !self.app.data.timeline.eras.is_empty())
            }
            crate::app::layout::Layout::Lanes => Areas::lanes(area),
        };
        let Some(mut areas) = laid else {
            too_small(area, buf);
            if self.theme.ascii {
                asciify(buf, area);
            }
            return;
        };
        let (app, theme) = (self.app, self.theme);
        if app.view.zoom {
            areas = areas.zoomed(app.view.focus);
        }
        if !areas.timeline.is_empty() {
            timeline::Timeline { app, theme }.render(areas.timeline, buf);
        }
        if !areas.lanes.is_empty() {
            lanes::Lanes { app, theme }.render(areas.lanes, buf);
        }
        if !areas.detail.is_empty() {
            detail::Detail { app, theme }.render(areas.detail, buf);
        }
        if !areas.people.is_empty() {
            side::People { app, theme }.render(areas.people, buf);
        }
        if !areas.sources.is_empty() {
            side::Sources { app, theme }.render(areas.sources, buf);
        }
        bars::Density { app, theme }.render(areas.density, buf);
        bars::Eras { app, theme }.render(areas.eras, buf);
        bars::Status { app, theme }.render(areas.status, buf);
        if app.view.mode == Mode::Help {
            help::Help {
                theme,
                page: app.view.help_page,
                contexts: crate::keymap::contexts(app.view.layout),
            }
            .render(area, buf);
        }
        if theme.ascii {
            asciify(buf, area);
        }
    }
}

/// A pane's frame: double border and bold title when it has the keyboard.
pub(crate) fn pane<'a>(app: &App, focus: Focus, title: Line<'a>) -> Block<'a> {
    let focused = app.view.focus == focus && app.view.mode != Mode::Help;
    let block = Block::bordered().title(title);
    if focused {
        block
            .border_type(BorderType::Double)
            .title_style(Style::new().add_modifier(Modifier::BOLD))
    } else {
        block.border_type(BorderType::Plain)
    }
}

/// A pane title with the focus mark.
pub(crate) fn title(app: &App, focus: Focus, text: String) -> Line<'static> {
    let mark = if app.view.focus == focus { "▶ " } else { "" };
    Line::from(vec![Span::raw(format!(" {mark}{text} "))])
}

fn too_small(area: Rect, buf: &mut Buffer) {
    Clear.render(area, buf);
    let text = format!(
        "Terminal too small: {}×{}. annals needs at least {MIN_WIDTH}×{MIN_HEIGHT}; enlarge the window or press q to quit.",
        area.width, area.height
    );
    let lines = crate::text::wrap::wrap(&text, area.width.max(1) as usize);
    let top = area.height.saturating_sub(u16_of(lines.len())) / 2;
    let inner = Rect::new(
        area.x,
        area.y + top,
        area.width,
        area.height.saturating_sub(top),
    );
    Paragraph::new(lines.into_iter().map(Line::from).collect::<Vec<_>>())
        .alignment(Alignment::Center)
        .wrap(Wrap { trim: true })
        .render(inner, buf);
}

/// The ASCII stand-in for a symbol annals draws, for terminals without UTF-8 (`--ascii`).
fn ascii_of(c: char) -> char {
    match c {
        '┌' | '┐' | '└' | '┘' | '╔' | '╗' | '╚' | '╝' | '┼' | '├' | '┤' => {
            '+'
        }
        '═' => '=',
        '─' | '–' | '—' | '‐' => '-',
        '│' | '║' => '|',
        '→' | '▶' | '›' => '>',
        '←' | '◀' => '<',
        '┬' => '+',
        '░' => '.',
        '▒' => ':',
        '▓' => '+',
        '↓' => 'v',
        '↑' => '^',
        '≠' => '!',
        '•' => '*',
        '·' => '|',
        '…' => '~',
        '“' | '”' => '"',
        '‘' | '’' => '\'',
        '×' => 'x',
        '¶' => 'P',
        '▁' => '.',
        '▂' | '▃' => ':',
        '▄' | '▅' => '+',
        '▆' | '▇' | '█' => '#',
        c if c.is_ascii() => c,
        _ => '?',
    }
}

/// Replace every non-ASCII symbol in `area` with its ASCII stand-in.
pub fn asciify(buf: &mut Buffer, area: Rect) {
    for y in area.top()..area.bottom() {
        for x in area.left()..area.right() {
            if let Some(cell) = buf.cell_mut((x, y))
                && !cell.symbol().is_ascii()
            {
                let s: String = cell.symbol().chars().take(1).map(ascii_of).collect();
                cell.set_symbol(&s);
            }
        }
    }
}

/// Does the locale (LC_ALL, else LC_CTYPE, else LANG) say UTF-8?
pub fn locale_is_utf8() -> bool {
    ["LC_ALL", "LC_CTYPE", "LANG"]
        .iter()
        .filter_map(|v| std::env::var(v).ok())
        .find(|v| !v.is_empty())
        .is_some_and(|v| {
            let v = v.to_ascii_lowercase();
            v.contains("utf-8") || v.contains("utf8")
        })
}
