//! The screen shown while a big timeline loads: what, how far, how long, how to leave.

use super::Theme;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Gauge, Paragraph, Widget};
use std::time::Duration;

/// Progress of a load, as drawn.
#[derive(Clone, Debug)]
pub struct Loading<'a> {
    /// The file, as the user named it (already made safe to print).
    pub origin: &'a str,
    /// Bytes read from disk.
    pub read: u64,
    /// Bytes parsed and checked.
    pub parsed: u64,
    /// Size of the file.
    pub total: u64,
    /// Time since the load started.
    pub elapsed: Duration,
    /// Colours and ASCII.
    pub theme: Theme,
}

fn mb(n: u64) -> String {
    format!("{:.1} MB", n as f64 / 1e6)
}

impl Widget for Loading<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let total = self.total.max(1);
        // Reading is quick next to parsing: it counts for the first tenth of the bar.
        let (what, ratio) = if self.total == 0 && self.read == 0 {
            // Nothing known yet (the file is being opened): no "0.0 MB of 0.0 MB".
            ("opening", 0.0)
        } else if self.read < self.total {
            ("reading", 0.1 * self.read as f64 / total as f64)
        } else if self.parsed < self.total {
            ("parsing", 0.1 + 0.9 * self.parsed as f64 / total as f64)
        } else {
            ("indexing", 1.0)
        };
        let done = if what == "reading" {
            self.read
        } else {
            self.parsed
        };
        let width = area.width.clamp(20, 72);
        let x = area.x + (area.width - width.min(area.width)) / 2;
        let y = area.y + area.height.saturating_sub(5) / 2;
        let rows = |dy: u16, h: u16| Rect::new(x, y + dy, width.min(area.width), h);
        if area.height < 5 {
            Line::raw(format!("loading {} …", self.origin)).render(area, buf);
            return;
        }
        Paragraph::new(format!("Loading {}", self.origin)).render(rows(0, 1), buf);
        let secs = self.elapsed.as_secs_f64();
        let label = if what == "opening" {
            format!("{what} · {secs:.1} s")
        } else {
            format!("{what} {} of {} · {secs:.1} s", mb(done), mb(self.total))
        };
        let bar = if self.theme.ascii {
            Gauge::default().use_unicode(false)
        } else {
            Gauge::default().use_unicode(true)
        };
        bar.block(Block::default().borders(Borders::NONE))
            .gauge_style(self.theme.selected())
            .ratio(ratio.clamp(0.0, 1.0))
            .label(label)
            .render(rows(2, 1), buf);
        Paragraph::new("q or Ctrl-c: stop loading and quit")
            .style(Style::new())
            .render(rows(4, 1), buf);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn drawn(read: u64, total: u64) -> String {
        let area = Rect::new(0, 0, 60, 8);
        let mut buf = Buffer::empty(area);
        let loading = Loading {
            origin: "big.ron",
            read,
            parsed: 0,
            total,
            elapsed: Duration::from_millis(1500),
            theme: Theme {
                color: false,
                ascii: false,
            },
        };
        loading.render(area, &mut buf);
        buf.content.iter().map(|c| c.symbol()).collect()
    }

    #[test]
    fn before_the_size_is_known_it_says_opening() {
        let s = drawn(0, 0);
        assert!(s.contains("opening · 1.5 s"), "{s}");
        assert!(!s.contains("0.0 MB of 0.0 MB"), "{s}");
        assert!(drawn(1_000_000, 4_000_000).contains("reading 1.0 MB of 4.0 MB"));
    }
}
