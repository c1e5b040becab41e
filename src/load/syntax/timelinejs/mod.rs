//! TimelineJS, the newsroom's timeline tool: its Google-Sheets template exported as CSV or
//! TSV ([`TimelineJsSheet`]) and its JSON ([`TimelineJsJson`]). Both are read into the
//! same slides, and one mapping turns slides into the file structs: date parts into EDTF
//! (TimelineJS's negative years are BCE: `-44` is 44 BCE, EDTF `-0043`), the title slide
//! into the title and description, eras into eras, HTML into plain text, anything else
//! into fields or the description — and a report says where each thing went.

pub(crate) mod dates;
mod html;
mod json;
mod sheet;

pub use dates::{JsDate, js_date, reading};
pub use html::{decode as decode_entities, from_text as html_of_text, to_text as text_of_html};
pub use json::{TimelineJsJson, is_json};
pub use sheet::{TimelineJsSheet, is_sheet};

use super::{Pos, Seg};
use crate::load::raw::{Fields, RawCite, RawEra, RawEvent, RawMedia, RawSource, RawTimeline};
use std::collections::HashSet;

/// What a slide is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    /// The title slide (`Type = title`, or JSON's `title`).
    Title,
    /// An era (`Type = era`, or JSON's `eras`).
    Era,
    /// An event.
    Event,
}

/// Where in a slide a value or a problem is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Part {
    /// The slide as a whole (its row, its object).
    Whole,
    /// The start date (its year).
    Start,
    /// The end date (its year).
    End,
    /// The start's month.
    Month,
    /// The start's day.
    Day,
    /// The end's month.
    EndMonth,
    /// The end's day.
    EndDay,
    /// The start's time.
    Time,
    /// The end's time.
    EndTime,
    /// The headline.
    Headline,
    /// The text.
    Text,
    /// The media URL.
    Media,
    /// The group.
    Group,
    /// The id (JSON's `unique_id`; a sheet's headline).
    Id,
    /// The display date.
    Display,
    /// The `edtf` key annals writes.
    Edtf,
}

/// A date as TimelineJS gives it, every part as text (JSON numbers as their digits).
#[derive(Clone, Debug, Default)]
struct Parts {
    year: String,
    month: String,
    day: String,
    /// A sheet's `Time` cell (`14:30`, `2:30 PM`).
    time: String,
    hour: String,
    minute: String,
    second: String,
    millisecond: String,
    /// The date's own `display_date` (JSON only).
    display: String,
}

impl Parts {
    fn is_empty(&self) -> bool {
        [
            &self.year,
            &self.month,
            &self.day,
            &self.time,
            &self.hour,
            &self.minute,
            &self.second,
            &self.millisecond,
        ]
        .iter()
        .all(|s| s.trim().is_empty())
    }
}

/// One slide (a row of the sheet, an object of the JSON), its values as text.
#[derive(Clone, Debug)]
struct Slide {
    kind: Kind,
    start: Parts,
    end: Parts,
    display_date: String,
    headline: String,
    text: String,
    media_url: String,
    media_caption: String,
    media_credit: String,
    group: String,
    unique_id: String,
    /// The exact date annals wrote (its `edtf` key), when present.
    edtf: String,
    /// Other values, named as fields, with what they came from (for the report).
    fields: Vec<(String, String)>,
    /// Where it came from, for the report and citations (`row 5`, `slide 3`).
    label: String,
}

impl Slide {
    fn new(kind: Kind, label: String) -> Slide {
        Slide {
            kind,
            start: Parts::default(),
            end: Parts::default(),
            display_date: String::new(),
            headline: String::new(),
            text: String::new(),
            media_url: String::new(),
            media_caption: String::new(),
            media_credit: String::new(),
            group: String::new(),
            unique_id: String::new(),
            edtf: String::new(),
            fields: Vec::new(),
            label,
        }
    }
}

/// Which slide each event and era of the built timeline came from.
#[derive(Debug, Default)]
struct Layout {
    title: Option<usize>,
    events: Vec<usize>,
    eras: Vec<usize>,
}

/// What the mapping made: the timeline, the report, the problems (slide, part, message).
struct Built {
    timeline: RawTimeline,
    report: Vec<String>,
    problems: Vec<(usize, Part, String)>,
    layout: Layout,
}

/// The id of the one source every imported event cites.
pub const SOURCE_ID: &str = "timelinejs";

/// Turn slides into the file structs. `what` names the input (`TimelineJS sheet`).
fn build(slides: &[Slide], what: &str) -> Built {
    let mut problems = Vec::new();
    let mut layout = Layout::default();
    let mut notes: Vec<String> = Vec::new();
    let mut report = Vec::new();
    let mut title = String::new();
    let mut description = String::new();
    let mut eras = Vec::new();
    let mut events = Vec::new();
    let mut ids = HashSet::new();
    let (mut from_unique, mut from_headline, mut untitled, mut recomputed) = (0, 0, 0, 0);
    let mut hours = 0;
    let mut repeated_ids: Vec<String> = Vec::new();
    for (n, s) in slides.iter().enumerate() {
        let kind = match s.kind {
            Kind::Title if layout.title.is_some() => {
                report.push(format!(
                    "{}: a second title slide, read as an event (as TimelineJS does)",
                    s.label
                ));
                Kind::Event
            }
            k => k,
        };
        match kind {
            Kind::Title => {
                layout.title = Some(n);
                title = html::to_text(&s.headline);
                description = html::to_text(&s.text);
                let left = leftovers(s, true);
                if !left.is_empty() {
                    notes.push(format!("Title slide: {}", left.join("; ")));
                }
            }
            Kind::Era => {
                let name = html::to_text(&s.headline);
                let name = if name.is_empty() {
                    format!("era {}", eras.len() + 1)
                } else {
                    name
                };
                if s.end.is_empty() && s.edtf.is_empty() {
                    problems.push((
                        n,
                        Part::End,
                        format!(
                            "era `{name}` has no end date: TimelineJS needs both ends of an era"
                        ),
                    ));
                }
                match date_of(s) {
                    Ok(date) => {
                        layout.eras.push(n);
                        eras.push(RawEra {
                            title: name.clone(),
                            date,
                        });
                    }
                    Err((part, msg)) => problems.push((n, part, msg)),
                }
                let mut left = leftovers(s, false);
                if !s.text.trim().is_empty() {
                    left.insert(0, html::to_text(&s.text));
                }
                if !left.is_empty() {
                    notes.push(format!("Era {name}: {}", left.join("; ")));
                }
            }
            Kind::Event => {
                let date = match date_of(s) {
                    Ok(d) => d,
                    Err((part, msg)) => {
                        problems.push((n, part, msg));
                        continue;
                    }
                };
                let mut headline = html::to_text(&s.headline);
                if headline.is_empty() {
                    untitled += 1;
                    let text = html::to_text(&s.text);
                    headline = text.lines().next().unwrap_or("").chars().take(80).collect();
                    if headline.is_empty() {
                        headline = "(no headline)".to_string();
                    }
                }
                let given = s.unique_id.trim();
                let id = if !given.is_empty() && id_shaped(given) {
                    from_unique += 1;
                    let id = unique(&mut ids, given.to_string());
                    if id != given {
                        repeated_ids.push(format!("{given} → {id}"));
                    }
                    id
                } else {
                    from_headline += 1;
                    let slug = slug(&headline);
                    let slug = if slug.is_empty() {
                        format!("event-{}", events.len() + 1)
                    } else {
                        slug
                    };
                    unique(&mut ids, slug)
                };
                let mut fields = s.fields.clone();
                for (name, p) in [("time", &s.start), ("end_time", &s.end)] {
                    if let Some(t) = dates::hour_only(p) {
                        hours += 1;
                        fields.push((name.into(), t));
                    }
                }
                if !given.is_empty() && (!id_shaped(given) || id != given) {
                    fields.push(("unique_id".into(), given.to_string()));
                }
                let display = display_of(s, &date, &mut fields, &mut recomputed);
                let summary = html::to_text(&s.text);
                let mut media = Vec::new();
                let caption = html::to_text(&s.media_caption);
                let credit = html::to_text(&s.media_credit);
                if !s.media_url.trim().is_empty() {
                    media.push(RawMedia {
                        url: s.media_url.trim().to_string(),
                        caption: (!caption.is_empty()).then_some(caption),
                        credit: (!credit.is_empty()).then_some(credit),
                    });
                } else {
                    for (k, v) in [("media_caption", caption), ("media_credit", credit)] {
                        if !v.is_empty() {
                            fields.push((k.into(), v));
                        }
                    }
                }
                let group = html::to_text(&s.group);
                layout.events.push(n);
                events.push(RawEvent {
                    id,
                    date,
                    title: headline,
                    summary: (!summary.is_empty()).then_some(summary),
                    people: Vec::new(),
                    places: Vec::new(),
                    tags: if group.is_empty() {
                        Vec::new()
                    } else {
                        vec![group]
                    },
                    citations: vec![RawCite {
                        source: SOURCE_ID.to_string(),
                        locator: Some(s.label.clone()),
                        quote: None,
                        date: None,
                        note: None,
                        quality: None,
                    }],
                    links: Vec::new(),
                    display_date: display,
                    media,
                    fields: Fields(crate::load::syntax::merge_fields(fields)),
                });
            }
        }
    }
    if title.is_empty() {
        title = format!("{what} (no title slide)");
        report.push(format!("no title slide: the title is `{title}`"));
    }
    if !notes.is_empty() {
        report.push(format!(
            "kept in the description (annals has no place for them): {}",
            notes
                .iter()
                .map(|n| n.split(':').next().unwrap_or(""))
                .collect::<Vec<_>>()
                .join(", ")
        ));
        if !description.is_empty() {
            description.push_str("\n\n");
        }
        description.push_str(&notes.join("\n"));
    }
    report.insert(
        0,
        format!(
            "{} slides: {} events, {} eras, {} title slide",
            slides.len(),
            events.len(),
            eras.len(),
            usize::from(layout.title.is_some())
        ),
    );
    report.push(format!(
        "ids: {from_unique} from unique_id, {from_headline} made from headlines"
    ));
    if untitled > 0 {
        report.push(format!(
            "{untitled} events without a headline are titled by their text's first line"
        ));
    }
    if !repeated_ids.is_empty() {
        report.push(format!(
            "{} repeated unique_id values made unique (the value kept in field unique_id): {}",
            repeated_ids.len(),
            repeated_ids.join(", ")
        ));
    }
    if hours > 0 {
        report.push(format!(
            "{hours} times that give an hour alone (`2 PM`) kept as fields `time`/`end_time`: their dates keep their day, not a minute the source does not give"
        ));
    }
    if recomputed > 0 {
        report.push(format!(
            "{recomputed} display dates that annals itself wrote are left to annals to show"
        ));
    }
    let sources = if events.is_empty() {
        Vec::new()
    } else {
        report.push(format!(
            "source `{SOURCE_ID}` made: every event cites it, its {} as the locator",
            if what.contains("sheet") {
                "row"
            } else {
                "slide"
            }
        ));
        vec![RawSource {
            id: SOURCE_ID.to_string(),
            title: format!("{title} ({what})"),
            outlet: None,
            author: None,
            published: None,
            document: None,
            url: None,
            note: Some(format!("The {what} this timeline was imported from.")),
        }]
    };
    let timeline = RawTimeline {
        title,
        description: (!description.is_empty()).then_some(description),
        people: Vec::new(),
        sources,
        places: Vec::new(),
        terms: Vec::new(),
        eras,
        events,
    };
    Built {
        timeline,
        report,
        problems,
        layout,
    }
}

/// The EDTF date of a slide: its `edtf` key when annals wrote one, else its parts.
fn date_of(s: &Slide) -> Result<String, (Part, String)> {
    let edtf = s.edtf.trim();
    if !edtf.is_empty() {
        return match crate::domain::Edtf::parse(edtf) {
            Ok(_) => Ok(edtf.to_string()),
            Err(e) => Err((
                Part::Edtf,
                format!("invalid `edtf` date `{edtf}`: {}", e.message),
            )),
        };
    }
    dates::edtf(&s.start, &s.end)
}

/// The display date of an event: the slide's own, else its start's (and end's); a date's
/// display that annals wrote itself (its reading of the `edtf` key) is not kept.
fn display_of(
    s: &Slide,
    date: &str,
    fields: &mut Vec<(String, String)>,
    recomputed: &mut usize,
) -> Option<String> {
    let own = html::to_text(&s.display_date);
    let mut start = html::to_text(&s.start.display);
    let end = html::to_text(&s.end.display);
    if !s.edtf.trim().is_empty()
        && !start.is_empty()
        && crate::domain::Edtf::parse(date).is_ok_and(|d| reading(&d) == start)
    {
        *recomputed += 1;
        start.clear();
    }
    if !own.is_empty() {
        for (k, v) in [("start_display_date", start), ("end_display_date", end)] {
            if !v.is_empty() {
                fields.push((k.into(), v));
            }
        }
        return Some(own);
    }
    match (start.is_empty(), end.is_empty()) {
        (true, true) => None,
        (false, true) => Some(start),
        (true, false) => Some(format!("until {end}")),
        (false, false) => Some(format!("{start} – {end}")),
    }
}

/// What a title or era slide has that annals cannot hold there, as `what: value` notes.
fn leftovers(s: &Slide, title: bool) -> Vec<String> {
    let mut out = Vec::new();
    if title {
        for (what, p) in [("start", &s.start), ("end", &s.end)] {
            if let (false, Ok(d)) = (p.is_empty(), dates::edtf(p, &Parts::default())) {
                out.push(format!("{what} date {d}"));
            }
        }
    }
    let media = [
        ("media", &s.media_url),
        ("media caption", &s.media_caption),
        ("media credit", &s.media_credit),
        ("display date", &s.display_date),
        ("group", &s.group),
    ];
    for (what, v) in media {
        let v = html::to_text(v);
        if !v.is_empty() {
            out.push(format!("{what} {v}"));
        }
    }
    for (k, v) in &s.fields {
        out.push(format!("{k} {v}"));
    }
    out
}

/// Is `id` usable as an annals id as it is (non-empty, no whitespace or hidden
/// characters)?
fn id_shaped(id: &str) -> bool {
    use crate::domain::text::{is_invisible, is_unsafe};
    !id.is_empty()
        && id.chars().count() <= 200
        && !id
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || is_unsafe(c) || is_invisible(c))
}

/// `want`, or `want-2`, `want-3` … whichever is not taken yet (and take it).
fn unique(taken: &mut HashSet<String>, want: String) -> String {
    if taken.insert(want.clone()) {
        return want;
    }
    (2..)
        .map(|k| format!("{want}-{k}"))
        .find(|c| taken.insert(c.clone()))
        .expect("some suffix is free")
}

/// A slug of `text`: lowercase ASCII letters and digits joined by `-` (accents dropped
/// after decomposition), at most 48 characters; empty when nothing ASCII remains.
pub fn slug(text: &str) -> String {
    super::slug(text, 48)
}

/// A column or key name as a field name, lowercased (`Media Thumbnail` → `media_thumbnail`).
fn field_name(name: &str) -> String {
    super::field_name(name).to_lowercase()
}

/// Which slide and part an annals path (as validation reports it) points into.
fn target(layout: &Layout, path: &[Seg<'_>]) -> Option<(usize, Part)> {
    let part_of = |rest: &[Seg<'_>]| match rest.first() {
        Some(Seg::Field("date")) => Part::Start,
        Some(Seg::Field("id")) => Part::Id,
        Some(Seg::Field("title")) => Part::Headline,
        Some(Seg::Field("summary")) => Part::Text,
        Some(Seg::Field("tags")) => Part::Group,
        Some(Seg::Field("media")) => Part::Media,
        Some(Seg::Field("display_date")) => Part::Display,
        _ => Part::Whole,
    };
    match path {
        [Seg::Field("events"), Seg::Index(i), rest @ ..] => {
            layout.events.get(*i).map(|&n| (n, part_of(rest)))
        }
        [Seg::Field("eras"), Seg::Index(i), ..] => layout.eras.get(*i).map(|&n| (n, Part::Start)),
        [Seg::Field("title") | Seg::Field("description"), ..] => {
            layout.title.map(|n| (n, Part::Headline))
        }
        _ => None,
    }
}

/// The positions of `paths`, given where each slide part is (`place`), the start of the
/// document for what no slide holds.
fn locate_with(
    layout: &Layout,
    paths: &[&[Seg<'_>]],
    place: impl Fn(usize, Part) -> Pos,
) -> Vec<Pos> {
    paths
        .iter()
        .map(|p| match target(layout, p) {
            Some((n, part)) => place(n, part),
            None => Pos { line: 1, col: 1 },
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_ids_and_field_names() {
        assert_eq!(slug("Café de Flore — 1968!"), "cafe-de-flore-1968");
        assert_eq!(slug("قالیباف"), "");
        assert_eq!(slug("  --  "), "");
        assert_eq!(slug(&"word ".repeat(40)).len(), 48);
        let mut taken = HashSet::new();
        let got: Vec<_> = ["a", "a", "a", "a-2"]
            .iter()
            .map(|s| unique(&mut taken, s.to_string()))
            .collect();
        assert_eq!(got, ["a", "a-2", "a-3", "a-2-2"]);
        assert_eq!(field_name("Media Thumbnail"), "media_thumbnail");
        assert_eq!(field_name(" Alt Text (EN) "), "alt_text_en");
        assert_eq!(field_name("Größe"), "größe");
        assert!(id_shaped("event-1") && !id_shaped("two words") && !id_shaped(""));
    }
}
