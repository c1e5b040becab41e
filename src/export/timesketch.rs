//! `annals export --format timesketch`: JSONL that Timesketch imports (one object per event
//! with `message`, `datetime`, `timestamp` and `timestamp_desc`), carrying what Timesketch
//! has no place for in `annals_*` attributes so that `annals import` gets it all back.

use crate::domain::date::Edge;
use crate::domain::{EventRef, Instant, Offset, Timeline};
use crate::load::syntax::timesketch::{attribute_of_field, title_of};
use serde_json::Value;
use std::io::{self, Write};

/// Events whose `datetime` is not their earliest instant.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Unbounded {
    /// Open or unknown start: written at their latest instant.
    pub open_start: usize,
    /// No bound at all: written at 1970-01-01T00:00:00+00:00.
    pub none: usize,
}

impl Unbounded {
    /// The one warning line to print, when any event was written so.
    pub fn warning(&self) -> Option<String> {
        if self.open_start == 0 && self.none == 0 {
            return None;
        }
        let mut s = format!(
            "annals: warning: {} event(s) with an open or unknown start written at their latest instant",
            self.open_start
        );
        if self.none > 0 {
            s.push_str(&format!(
                ", {} with no bound at all at 1970-01-01T00:00:00+00:00",
                self.none
            ));
        }
        s.push_str(" (annals_edtf keeps each date as written)");
        Some(s)
    }
}

/// The timeline as Timesketch JSONL, to `out`, an event a line (chronological order).
pub fn write_timesketch(t: &Timeline, out: &mut dyn Write) -> io::Result<Unbounded> {
    let mut unbounded = Unbounded::default();
    for e in t.events() {
        let line = event_line(t, &e, &mut unbounded);
        out.write_all(line.as_bytes())?;
        out.write_all(b"\n")?;
    }
    Ok(unbounded)
}

/// One event as a line of JSON (no newline).
pub fn event_line(t: &Timeline, e: &EventRef<'_>, unbounded: &mut Unbounded) -> String {
    let bounds = e.date.bounds();
    let (edge, fraction) = match (bounds.earliest, bounds.latest) {
        (Some(edge), _) => {
            let nanos = e
                .date
                .start_date()
                .and_then(|d| d.time)
                .filter(|_| edge.time)
                .map_or(0, |t| t.nanos);
            (Some(edge), nanos)
        }
        (None, Some(edge)) => {
            unbounded.open_start += 1;
            (Some(edge), 0)
        }
        (None, None) => {
            unbounded.none += 1;
            (None, 0)
        }
    };
    let (datetime, micros) = match edge {
        Some(edge) => (iso(&edge, fraction), micros(&edge, fraction)),
        None => ("1970-01-01T00:00:00+00:00".to_string(), 0),
    };
    let fields: Vec<(&str, &str)> = e.fields().collect();
    let given = fields
        .iter()
        .find(|(k, _)| *k == "timestamp_desc")
        .map(|(_, v)| v.to_string());
    let derived = given.is_none();
    let desc = given
        .or_else(|| e.tags().first().map(|&g| t.tag(g).to_string()))
        .unwrap_or_else(|| "Event".to_string());
    let (title, summary) = (e.title(), e.summary());
    let whole = !summary.is_empty() && title_of(summary) == (title.to_string(), true);
    let message = if whole { summary } else { title };
    let s = |v: &str| Value::String(v.to_string());
    let list = |v: Vec<String>| Value::Array(v.into_iter().map(Value::String).collect());
    let mut attrs: Vec<(String, Value)> = vec![
        ("message".into(), s(message)),
        ("datetime".into(), s(&datetime)),
        ("timestamp".into(), Value::from(micros)),
        ("timestamp_desc".into(), s(&desc)),
        ("annals_id".into(), s(e.id())),
        ("annals_edtf".into(), s(&e.date.to_edtf())),
    ];
    if derived {
        attrs.push(("annals_derived".into(), list(vec!["timestamp_desc".into()])));
    }
    if let Some(latest) = bounds.latest {
        attrs.push(("annals_latest".into(), s(&latest.iso())));
    }
    if !whole && !summary.is_empty() {
        attrs.push(("annals_summary".into(), s(summary)));
    }
    let tags: Vec<String> = e.tags().iter().map(|&g| t.tag(g).to_string()).collect();
    let people: Vec<String> = e
        .people()
        .iter()
        .map(|&p| t.person(p).name.clone())
        .collect();
    let places: Vec<String> = e
        .places()
        .iter()
        .map(|&p| t.place(p).name.clone())
        .collect();
    let mut sources: Vec<String> = Vec::new();
    for c in e.citations() {
        let title = t.source(c.source).title.clone();
        if !sources.contains(&title) {
            sources.push(title);
        }
    }
    for (name, v) in [
        ("annals_tags", tags),
        ("annals_people", people),
        ("annals_places", places),
        ("annals_sources", sources),
    ] {
        if !v.is_empty() {
            attrs.push((name.into(), list(v)));
        }
    }
    for (k, v) in fields {
        if k == "timestamp_desc" && v == desc {
            continue;
        }
        attrs.push((attribute_of_field(k), s(v)));
    }
    object(&attrs)
}

/// `{"k": v, …}` in the order given, terminal-safe (see [`super::to_json`]).
fn object(attrs: &[(String, Value)]) -> String {
    let mut line = String::from("{");
    for (i, (k, v)) in attrs.iter().enumerate() {
        if i > 0 {
            line.push_str(", ");
        }
        line.push_str(&Value::String(k.clone()).to_string());
        line.push_str(": ");
        line.push_str(&v.to_string());
    }
    line.push('}');
    // Unsafe characters can only be inside strings here: write them as escapes.
    let mut out = String::with_capacity(line.len());
    for c in line.chars() {
        if crate::domain::text::is_unsafe(c) {
            out.push_str(&format!("\\u{:04x}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    out
}

/// ISO 8601 with an offset (`+00:00` for UTC or a local time), the fraction of a second
/// as written, `T00:00:00` for a whole day.
fn iso(edge: &Edge, nanos: u32) -> String {
    let c = Instant(edge.local).civil(0);
    let mut s = format!("{}T{}", c.iso_day(), c.iso_time());
    if nanos > 0 {
        let frac = format!("{nanos:09}");
        s.push('.');
        s.push_str(frac.trim_end_matches('0'));
    }
    let m = match edge.offset {
        Offset::Local | Offset::Utc => 0,
        o => o.minutes(),
    };
    let sign = if m < 0 { '-' } else { '+' };
    let a = m.unsigned_abs();
    s.push_str(&format!("{sign}{:02}:{:02}", a / 60, a % 60));
    s
}

/// The instant in microseconds since the epoch.
fn micros(edge: &Edge, nanos: u32) -> i64 {
    edge.instant()
        .0
        .saturating_mul(1_000_000)
        .saturating_add(i64::from(nanos / 1000))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::{Format, load_bytes};

    fn lines(src: &str) -> (Vec<Value>, Unbounded) {
        let t = load_bytes(src.as_bytes(), "t.ron", Format::Ron)
            .unwrap()
            .timeline;
        let mut out = Vec::new();
        let u = write_timesketch(&t, &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        let v = text
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        (v, u)
    }

    #[test]
    fn each_event_is_a_line_with_the_mandatory_attributes() {
        let (v, u) = lines(
            r#"Timeline(title: "t", events: [
            Event(id: "a", date: "2021-03-04T02:11:09.25+05:30", title: "A", tags: ["login"],
                  fields: {"user": "alice", "message": "m"}),
            Event(id: "b", date: "1985-04", title: "B", summary: "more"),
            Event(id: "c", date: "../1990", title: "C"),
        ])"#,
        );
        assert_eq!(
            u,
            Unbounded {
                open_start: 1,
                none: 0
            }
        );
        assert!(u.warning().unwrap().contains("1 event(s)"));
        let c = &v[0];
        assert_eq!(c["datetime"], "1990-12-31T23:59:59+00:00");
        assert_eq!(v[1]["datetime"], "1985-04-01T00:00:00+00:00");
        assert_eq!(v[1]["timestamp"], 481_161_600_000_000_i64);
        assert_eq!(v[1]["annals_latest"], "1985-04-30");
        assert_eq!(v[1]["annals_summary"], "more");
        assert_eq!(v[1]["timestamp_desc"], "Event");
        let a = &v[2];
        assert_eq!(a["datetime"], "2021-03-04T02:11:09.25+05:30");
        assert_eq!(a["timestamp"], 1_614_804_069_250_000_i64);
        assert_eq!(a["timestamp_desc"], "login");
        assert_eq!(a["user"], "alice");
        assert_eq!(a["field_message"], "m");
        assert_eq!(a["annals_edtf"], "2021-03-04T02:11:09.25+05:30");
    }
}
