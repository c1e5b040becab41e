//! The two one-line bars: the density strip (events per year, following the filter) and
//! the status bar (filter as typed, matched/total, facets, the keys that matter now).

use super::Theme;
use crate::app::{Action, App, Facet, Focus, Mode};
use crate::domain::date::year_text;
use crate::domain::num::u16_of;
use crate::keymap::{self, BINDINGS, Context};
use crate::text::sanitize;
use crate::text::wrap::truncate;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use unicode_width::UnicodeWidthStr;

const LEVELS: [char; 9] = [' ', '▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/// Events per year across the whole span, the selected event's year marked.
pub struct Density<'a> {
    pub app: &'a App,
    pub theme: Theme,
}

/// Where the strip's cells are: its labels, and how many cells share its bins (the eras
/// row under it uses the same cells).
struct Strip {
    left: String,
    right: String,
    /// Bins of years.
    n: usize,
    /// Cells drawn.
    ncells: usize,
}

impl Strip {
    fn of(app: &App, width: u16) -> Option<Strip> {
        let n = app.filter.counts.years.len();
        if n == 0 || width < 12 {
            return None;
        }
        let bins = app.data.years;
        let (left, right) = (
            format!("{} ", year_text(bins.first)),
            format!(" {}", year_text(bins.last)),
        );
        let room = (width as usize)
            .saturating_sub(left.width() + right.width())
            .max(1);
        // Cell i covers years [i·n/cells, (i+1)·n/cells): wide screens stretch each year over
        // several cells, long spans fold several years into one.
        let ncells = room.min(n * (room / n).max(1));
        Some(Strip {
            left,
            right,
            n,
            ncells,
        })
    }

    /// The bins cell `i` covers.
    fn range(&self, i: usize) -> std::ops::Range<usize> {
        let (n, c) = (self.n, self.ncells);
        (i * n / c)..((i + 1) * n / c).max(i * n / c + 1)
    }
}

impl Widget for Density<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (app, theme) = (self.app, self.theme);
        let counts = &app.filter.counts.years;
        let Some(strip) = Strip::of(app, area.width) else {
            return;
        };
        let bins = app.data.years;
        let (l, r) = (strip.left.clone(), strip.right.clone());
        let ncells = strip.ncells;
        let range = |i: usize| strip.range(i);
        let cells: Vec<u32> = (0..ncells).map(|i| counts[range(i)].iter().sum()).collect();
        let max = cells.iter().copied().max().unwrap_or(0).max(1);
        let sel_year = app
            .selected()
            .and_then(|e| app.data.index.year(e as usize))
            .and_then(|y| bins.bin(y));
        let is_sel = |i: usize| sel_year.is_some_and(|y| range(i).contains(&y));
        let mut spans = vec![Span::styled(l, theme.dim())];
        for (i, &c) in cells.iter().enumerate() {
            let level = if c == 0 {
                0
            } else {
                1 + (c as usize * 7).div_ceil(max as usize).min(7)
            };
            let ch = if is_sel(i) && c == 0 {
                '·'
            } else {
                LEVELS[level.min(8)]
            };
            let style = if is_sel(i) {
                theme.selected()
            } else {
                theme.link()
            };
            spans.push(Span::styled(ch.to_string(), style));
        }
        spans.push(Span::styled(r, theme.dim()));
        Line::from(spans).render(area, buf);
    }
}

/// The timeline's eras as labelled bands, cell for cell under the density strip:
/// `├ Iran–Iraq war ─────┤`. Where eras overlap, the later one is drawn over the earlier.
pub struct Eras<'a> {
    pub app: &'a App,
    pub theme: Theme,
}

impl Widget for Eras<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (app, theme) = (self.app, self.theme);
        let Some(strip) = Strip::of(app, area.width) else {
            return;
        };
        if area.height == 0 {
            return;
        }
        let bins = app.data.years;
        let x0 = area.x + u16_of(strip.left.width());
        // The first and the last cell that show a bin (a year may span several cells).
        let first_cell = |bin: usize| (0..strip.ncells).find(|&i| strip.range(i).end > bin);
        let last_cell = |bin: usize| {
            (0..strip.ncells)
                .rev()
                .find(|&i| strip.range(i).start <= bin)
        };
        for era in &app.data.timeline.eras {
            // Years as the tallies count them (UTC); an era wholly outside the events' years
            // is not drawn, one partly outside is cut to them.
            let (a, b) = era.date.span();
            let fy = a.map_or(i64::MIN, |i| i.year());
            let ly = b.map_or(i64::MAX, |i| i.year());
            if ly < bins.first || fy > bins.last {
                continue;
            }
            let first = bins.bin(fy.max(bins.first));
            let last = bins.bin(ly.min(bins.last));
            let (Some(c0), Some(c1)) = (first.and_then(first_cell), last.and_then(last_cell))
            else {
                continue;
            };
            let width = c1.saturating_sub(c0) + 1;
            let mut band: Vec<char> = vec!['─'; width];
            band[0] = '├';
            if width > 1 {
                band[width - 1] = '┤';
            }
            let title = sanitize(&era.title, false);
            for (k, ch) in title.chars().enumerate() {
                if 1 + k + 1 < width {
                    band[1 + k] = ch;
                }
            }
            let text: String = band.into_iter().collect();
            let x = x0 + u16_of(c0);
            let room = (area.x + area.width).saturating_sub(x);
            let line = Line::from(Span::styled(truncate(&text, room as usize), theme.dim()));
            line.render(Rect::new(x, area.y, room, 1), buf);
        }
    }
}

/// The status bar.
pub struct Status<'a> {
    pub app: &'a App,
    pub theme: Theme,
}

/// The first key bound to `action` in `context`, as the help spells it.
fn key(context: Context, action: Action) -> String {
    BINDINGS
        .iter()
        .find(|b| b.context == context && b.action == action)
        .and_then(|b| b.keys.first())
        .map(keymap::label)
        .unwrap_or_default()
}

fn hints(app: &App) -> Vec<(String, &'static str)> {
    use Context::{Global as G, Pane, Prompt as P};
    let g = |a, what| (key(G, a), what);
    match app.view.mode {
        Mode::Filter => vec![
            (key(P, Action::Accept), "keep"),
            (key(P, Action::Cancel), "clear"),
            ("↑↓".into(), "history"),
        ],
        Mode::Date => vec![
            (key(P, Action::Accept), "jump"),
            (key(P, Action::Cancel), "cancel"),
        ],
        Mode::Find => vec![
            (key(P, Action::Accept), "keep"),
            (key(P, Action::Cancel), "clear"),
        ],
        Mode::SetMark | Mode::JumpMark => vec![("a–z".into(), "mark letter")],
        Mode::Help => vec![("any key".into(), "close")],
        Mode::Normal => {
            let mut v = match app.view.focus {
                Focus::Timeline => {
                    let mut v = vec![
                        g(Action::StartFilter, "filter"),
                        g(Action::StartDateJump, "date"),
                    ];
                    if app.selected().is_some() {
                        v.insert(0, (key(Pane(Focus::Timeline), Action::Activate), "detail"));
                    }
                    v
                }
                Focus::Lanes => {
                    let l = |a, what| (key(Pane(Focus::Lanes), a), what);
                    let mut v = vec![
                        g(Action::ToggleLanes, "list"),
                        l(Action::CycleGrouping, "group"),
                        l(Action::ZoomIn, "zoom"),
                        l(Action::FitAll, "fit"),
                    ];
                    if app.selected().is_some() {
                        v.insert(0, l(Action::Activate, "detail"));
                    }
                    v
                }
                Focus::Detail => {
                    // Back along jumps when there are any; else the way to the events.
                    let back = if app.nav.history.back.is_empty() {
                        let home = app.view.layout.home().name();
                        (key(G, Action::FocusNext), home)
                    } else {
                        g(Action::Back, "back")
                    };
                    vec![(key(Pane(Focus::Detail), Action::Activate), "follow"), back]
                }
                Focus::People | Focus::Sources => {
                    let mut v = vec![
                        (key(Pane(app.view.focus), Action::Activate), "facet"),
                        (key(Pane(app.view.focus), Action::StartFind), "find"),
                    ];
                    if !app.filter.facets.is_empty() {
                        v.push(g(Action::RemoveFacet, "drop facet"));
                    }
                    v
                }
            };
            if app.is_filtered() {
                v.push(g(Action::ClearAll, "clear"));
            }
            v.insert(0, g(Action::ToggleHelp, "help"));
            // (The detail with no jump behind it already offers Tab, by the pane's name.)
            if !(app.view.focus == Focus::Detail && app.nav.history.back.is_empty()) {
                v.push(g(Action::FocusNext, "pane"));
            }
            v.push(g(Action::Quit, "quit"));
            v
        }
    }
}

impl Widget for Status<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (app, theme) = (self.app, self.theme);
        let t = &app.data.timeline;
        let bold = Style::new().add_modifier(Modifier::BOLD);
        let w = area.width as usize;
        let mut left: Vec<Span> = Vec::new();
        match app.view.mode {
            Mode::Date => {
                left.push(Span::styled("date: ", bold));
                left.push(Span::raw(
                    sanitize(&app.view.date_input, false).into_owned(),
                ));
                left.push(Span::styled(" ", theme.selected()));
            }
            Mode::Find => {
                left.push(Span::styled(
                    format!("find in {}: ", app.view.focus.name()),
                    bold,
                ));
                left.push(Span::raw(sanitize(&app.nav.find, false).into_owned()));
                left.push(Span::styled(" ", theme.selected()));
            }
            Mode::SetMark => left.push(Span::styled("set mark: ", bold)),
            Mode::JumpMark => left.push(Span::styled("jump to mark: ", bold)),
            _ => {
                if app.view.mode == Mode::Filter && app.filter.fresh_prompt {
                    // A new query: the one in force shows dimmed until the first key.
                    left.push(Span::styled("/", bold));
                    left.push(Span::styled(" ", theme.selected()));
                    if !app.filter.text.is_empty() {
                        let kept = truncate(&sanitize(&app.filter.text, false), 24);
                        left.push(Span::styled(
                            format!(" (now: {kept}; ↑ edits it)"),
                            theme.dim(),
                        ));
                    }
                    left.push(Span::raw(" "));
                }
                // The count and what qualifies it (context, fuzzy, facets); with an error
                // in the query the results on screen are those of the query before it, so
                // no count is claimed for what was typed.
                let count = if app.filter.error.is_some() {
                    format!("–/{}", t.events.len())
                } else {
                    format!("{}/{}", app.match_count(), t.events.len())
                };
                let mut tail = vec![Span::styled(count, bold)];
                if app.filter.context {
                    tail.push(Span::styled(" +context", theme.dim()));
                }
                if !app.filter.matcher.fuzzy_terms().is_empty() {
                    tail.push(Span::styled(" ~fuzzy", theme.warn()));
                }
                for f in &app.filter.facets {
                    let (kind, name) = match *f {
                        Facet::Person(p) => ("person", &t.person(p).name),
                        Facet::Source(s) => ("source", &t.source(s).title),
                    };
                    let name = truncate(&sanitize(name, false), 24);
                    tail.push(Span::raw(" "));
                    tail.push(Span::styled(format!("[{kind}: {name}]"), theme.heading()));
                }
                let tail_width: usize = tail.iter().map(|s| s.content.width()).sum();
                if !(app.view.mode == Mode::Filter && app.filter.fresh_prompt)
                    && (app.view.mode == Mode::Filter || !app.filter.text.is_empty())
                {
                    left.push(Span::styled("/", bold));
                    // A message (and the error) never hides the count: the query gives
                    // way, keeping its end (what was typed last).
                    let text = sanitize(&app.filter.text, false);
                    let text = if app.view.message.is_some() || app.filter.error.is_some() {
                        let m = app
                            .view
                            .message
                            .as_deref()
                            .map_or(w / 3, |m| sanitize(m, false).width().min(w * 2 / 3));
                        let room = w.saturating_sub(m + tail_width + 4).max(8);
                        crate::text::wrap::truncate_left(&text, room)
                    } else {
                        text.into_owned()
                    };
                    left.push(Span::raw(text));
                    if app.view.mode == Mode::Filter {
                        left.push(Span::styled(" ", theme.selected()));
                    }
                    left.push(Span::raw(" "));
                }
                left.extend(tail);
            }
        }
        if let Some(e) = &app.filter.error {
            // The error (and its hint) gets what room is left, cut with … rather than
            // mid-word at the edge.
            let lw: usize = left.iter().map(|s| s.content.width()).sum();
            let text = format!("  col {}: {}", e.col, sanitize(&e.message, false));
            left.push(Span::styled(
                truncate(&text, w.saturating_sub(lw)),
                theme.warn(),
            ));
        }
        let lw: usize = left.iter().map(|s| s.content.width()).sum();
        Line::from(left).render(area, buf);
        let room = w.saturating_sub(lw + 2);
        let right: Vec<Span> = match (&app.view.message, &app.view.data_error) {
            (Some(m), _) => {
                // A message is what the user needs now: it takes the room after the count
                // (the query gave way above), cut with … when even that is short.
                let m = sanitize(m, false);
                vec![Span::styled(truncate(&m, room), bold)]
            }
            (None, Some(e)) => vec![Span::styled(
                truncate(&sanitize(e, false), room),
                theme.warn(),
            )],
            (None, None) => {
                // The most useful hints come first; drop from the end until they fit.
                let mut hints = hints(app);
                let cost = |h: &[(String, &str)]| -> usize {
                    h.iter().map(|(k, what)| k.width() + what.width() + 3).sum()
                };
                while !hints.is_empty() && lw + cost(&hints) + 2 > w {
                    hints.pop();
                }
                hints
                    .into_iter()
                    .flat_map(|(k, what)| [Span::styled(k, bold), Span::raw(format!(" {what}  "))])
                    .collect()
            }
        };
        let rw: usize = right.iter().map(|s| s.content.width()).sum();
        if rw > 0 && lw + rw + 2 <= w {
            let rw = rw.min(w);
            let x = area.x + u16_of(w - rw);
            Line::from(right).render(Rect::new(x, area.y, u16_of(rw), 1), buf);
        }
    }
}
