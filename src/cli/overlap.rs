//! `annals overlap [FILE] A B`: the periods in which two people were both active, each
//! certain or only possible, with the events that make it (the rules are
//! `query::overlap`'s). Exit codes as `search`: 0 some period, 1 none, 2 usage or I/O.

use super::search::{Line, print_lines, split_args};
use super::{Exit, Failure, OverlapFormat, open, output_done};
use crate::domain::{Edtf, EventIdx, PersonIdx, Timeline};
use crate::export;
use crate::query::overlap::{Period, Span, span_edtf, together};
use crate::query::resolve;
use crate::text::sanitize;
use std::io::{self, Write};

/// What `annals overlap` was asked.
pub struct Request<'a> {
    /// `[FILE] A B` as given.
    pub args: &'a [String],
    /// Output format.
    pub format: OverlapFormat,
    /// Print the data warnings.
    pub warnings: bool,
    /// Show times of day in UTC.
    pub utc: bool,
}

/// Run: print every period, or fail with exit 1 when there is none.
pub fn run(req: Request<'_>, out: &mut dyn Write) -> Result<(), Failure> {
    let (file, names) = split_args(req.args)?;
    let [a, b] = names else {
        let got: Vec<String> = names
            .iter()
            .map(|n| format!("`{}`", sanitize(n, false)))
            .collect();
        return Err(Failure::usage(format!(
            "annals: error: overlap needs two people, as in `annals overlap [FILE] qalibaf soleimani` (got {}: {})",
            names.len(),
            got.join(" ")
        )));
    };
    let ds = open(file.as_deref(), req.warnings)?;
    let t = &ds.timeline;
    let who = |name: &str| {
        resolve::person(t, &ds.index, name)
            .map_err(|m| Failure::usage(format!("annals: error: overlap: {}", sanitize(&m, false))))
    };
    let (pa, pb) = (who(a)?, who(b)?);
    if pa == pb {
        return Err(Failure::usage(format!(
            "annals: error: overlap: `{}` and `{}` are the same person ({}): name two people",
            sanitize(a, false),
            sanitize(b, false),
            sanitize(&t.person(pa).name, false)
        )));
    }
    let periods = together(t, pa, pb);
    let r = match req.format {
        OverlapFormat::Text => print_text(t, &periods, (pa, pb), req.utc, out),
        OverlapFormat::Json => {
            let v: Vec<_> = periods.iter().map(|p| json(t, p, (pa, pb))).collect();
            export::write_value(&v, out).and_then(|()| writeln!(out))
        }
    };
    output_done(r)?;
    if periods.is_empty() {
        return Err(Failure {
            exit: Exit::NoMatch,
            lines: Vec::new(),
        });
    }
    Ok(())
}

/// A span as people read it (`Jul 1999`, `2016–2017`, `1990–`).
fn shown(span: Span, utc: bool) -> String {
    let e = span_edtf(span);
    Edtf::parse(&e).map_or(e, |d| d.short_in(utc))
}

/// `certain`, `possible`, or `possible; certain in …` when only part of it is.
fn certainty(p: &Period, utc: bool) -> String {
    if p.all_certain() {
        return "certain".into();
    }
    if p.certain.is_empty() {
        return "possible".into();
    }
    let parts: Vec<String> = p.certain.iter().map(|&s| shown(s, utc)).collect();
    format!("possible; certain in {}", parts.join(", "))
}

fn print_text(
    t: &Timeline,
    periods: &[Period],
    (pa, pb): (PersonIdx, PersonIdx),
    utc: bool,
    out: &mut dyn Write,
) -> io::Result<()> {
    for (k, p) in periods.iter().enumerate() {
        if k > 0 {
            writeln!(out)?;
        }
        writeln!(out, "{}  {}", shown(p.span, utc), certainty(p, utc))?;
        for (who, events) in [(pa, &p.a), (pb, &p.b)] {
            writeln!(out, "  {}:", sanitize(&t.person(who).name, false))?;
            let lines: Vec<Line> = events.iter().map(|&i| Line::Event(i, None)).collect();
            print_lines(t, &lines, utc, "    ", out)?;
        }
    }
    Ok(())
}

#[derive(serde::Serialize)]
struct JsonSpan {
    from: Option<String>,
    to: Option<String>,
    when: String,
}

#[derive(serde::Serialize)]
struct JsonSide {
    person: String,
    name: String,
    events: Vec<export::Row>,
}

#[derive(serde::Serialize)]
struct JsonPeriod {
    #[serde(flatten)]
    span: JsonSpan,
    certainty: &'static str,
    certain: Vec<JsonSpan>,
    a: JsonSide,
    b: JsonSide,
}

fn json_span(s: Span) -> JsonSpan {
    let iso = |i: Option<crate::domain::Instant>, whole: u32| {
        i.map(|i| {
            let c = i.civil(0);
            if c.secs == whole {
                c.iso_day()
            } else {
                format!("{}T{}Z", c.iso_day(), c.iso_time())
            }
        })
    };
    JsonSpan {
        from: iso(s.0, 0),
        to: iso(s.1, 86_399),
        when: shown(s, true),
    }
}

fn json(t: &Timeline, p: &Period, (pa, pb): (PersonIdx, PersonIdx)) -> JsonPeriod {
    let side = |who: PersonIdx, events: &[EventIdx]| JsonSide {
        person: t.person(who).id.clone(),
        name: t.person(who).name.clone(),
        events: events
            .iter()
            .map(|&i| export::row(t, &t.event(i)))
            .collect(),
    };
    JsonPeriod {
        span: json_span(p.span),
        certainty: if p.all_certain() {
            "certain"
        } else if p.certain.is_empty() {
            "possible"
        } else {
            "partly certain"
        },
        certain: p.certain.iter().map(|&s| json_span(s)).collect(),
        a: side(pa, &p.a),
        b: side(pb, &p.b),
    }
}
