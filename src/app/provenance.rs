//! Provenance you can take away: the selected event's citation as text for the clipboard
//! (`y`), and the source's URL to open (`o`), checked to be http or https.

use super::{App, Focus};
use crate::domain::num::u32_of;
use crate::domain::{EventIdx, SourceIdx, Timeline};
use crate::text::sanitize;

pub use crate::text::safe_url;

/// What is known of where a source comes from, in reading order: outlet, author, date,
/// document, URL (only an http(s) one; any other is left out). One list for the detail
/// pane, the source record and the copied citation.
pub fn source_facts(s: &crate::domain::Source) -> Vec<String> {
    let mut out: Vec<String> = s.outlet.iter().cloned().collect();
    out.extend(s.author.as_ref().map(|a| format!("by {a}")));
    out.extend(s.published.as_ref().map(|d| d.short()));
    out.extend(s.document.as_ref().map(|d| format!("document {d}")));
    out.extend(s.url.as_deref().and_then(safe_url).map(str::to_string));
    out
}

/// The selected event's citation, one line per source: title and date of the event, then
/// each source with outlet, author, date, locator and URL. Control characters are made
/// visible, so the clipboard gets text, never terminal commands.
pub fn citation_text(t: &Timeline, e: EventIdx) -> String {
    let ev = t.event(e);
    let mut out = format!("{} ({})", ev.title(), ev.date.short());
    for c in ev.citations() {
        let s = t.source(c.source);
        let mut parts = vec![format!("\u{201c}{}\u{201d}", s.title)];
        parts.extend(c.locator().map(str::to_string));
        parts.extend(source_facts(s));
        out.push_str("\n  ");
        out.push_str(&parts.join(", "));
    }
    sanitize(&out, true).into_owned()
}

/// `y`: copy the selected event's citation.
pub(super) fn copy(app: &mut App) {
    match app.selected() {
        Some(e) => {
            let text = citation_text(&app.data.timeline, e);
            app.fx.copy = Some(text);
            app.view.message = Some("citation sent to the clipboard (OSC 52)".into());
        }
        None => app.view.message = Some("no event to cite".into()),
    }
}

/// The source `o` opens: the one under the cursor in the Sources pane, else the first
/// source of the selected event with an http(s) URL (else its first with any URL, to say
/// why it is not opened).
fn source_to_open(app: &App) -> Option<SourceIdx> {
    let t = &app.data.timeline;
    if app.view.focus == Focus::Sources {
        return (app.nav.sources.cursor < t.sources.len())
            .then_some(u32_of(app.nav.sources.cursor));
    }
    let e = t.event(app.selected()?);
    let mut sources = e.citations().map(|c| c.source);
    let safe = |s: &SourceIdx| t.source(*s).url.as_deref().and_then(safe_url).is_some();
    sources
        .clone()
        .find(safe)
        .or_else(|| sources.find(|&s| t.source(s).url.is_some()))
}

/// `o`: open the source's URL (the loop decides whether the session is local).
pub(super) fn open(app: &mut App) {
    let Some(s) = source_to_open(app) else {
        app.view.message = Some("no source with a URL here".into());
        return;
    };
    let src = app.data.timeline.source(s);
    match src.url.as_deref().map(|u| (u, safe_url(u))) {
        Some((_, Some(u))) => {
            app.view.message = Some(format!("opening {}", sanitize(u, false)));
            app.fx.open = Some(u.to_string());
        }
        Some((u, None)) => {
            app.view.message = Some(format!(
                "not opened: only http(s) URLs are opened ({})",
                sanitize(u, false)
            ));
        }
        None => app.view.message = Some("this source has no URL".into()),
    }
}
