//! The timeline as a TimelineJS document (`annals export --format timelinejs`): a title
//! slide, one slide per event, eras. What TimelineJS cannot show of a date is given in its
//! nearest honest form (with annals' reading as the display date) and named in one
//! warning; the exact EDTF rides along in each slide's `edtf` key, which `annals import`
//! reads back.

use crate::domain::{EventRef, Timeline};
use crate::load::syntax::timelinejs::{JsDate, html_of_text, js_date, reading};
use serde::Serialize;
use std::io::{self, Write};

/// A TimelineJS document.
#[derive(Serialize)]
struct Doc {
    title: Slide,
    events: Vec<Slide>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    eras: Vec<Era>,
}

/// One slide.
#[derive(Serialize, Default)]
struct Slide {
    #[serde(skip_serializing_if = "Option::is_none")]
    unique_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    start_date: Option<JsDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_date: Option<JsDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    display_date: Option<String>,
    text: Text,
    #[serde(skip_serializing_if = "Option::is_none")]
    media: Option<Media>,
    #[serde(skip_serializing_if = "Option::is_none")]
    group: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    background: Option<Background>,
    /// The exact date, for `annals import` (TimelineJS ignores it).
    #[serde(skip_serializing_if = "Option::is_none")]
    edtf: Option<String>,
    /// The event's other named values, for `annals import`.
    #[serde(skip_serializing_if = "crate::load::raw::Fields::is_empty")]
    fields: crate::load::raw::Fields,
}

#[derive(Serialize, Default)]
struct Text {
    headline: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    text: String,
}

#[derive(Serialize)]
struct Media {
    url: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    caption: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    credit: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    thumbnail: Option<String>,
}

#[derive(Serialize)]
#[serde(rename_all = "lowercase")]
enum Background {
    Url(String),
    Color(String),
}

#[derive(Serialize)]
struct Era {
    start_date: JsDate,
    end_date: JsDate,
    text: Text,
}

/// The document and what TimelineJS cannot show (`event id`, why), in event order.
fn doc(t: &Timeline) -> (Doc, Vec<(String, &'static str)>) {
    let mut lost = Vec::new();
    let title = Slide {
        text: Text {
            headline: html_of_text(&t.title),
            text: t
                .description
                .as_deref()
                .map(html_of_text)
                .unwrap_or_default(),
        },
        ..Slide::default()
    };
    let mut events = Vec::with_capacity(t.len());
    for e in t.events() {
        let (slide, loss) = slide(t, &e);
        if let Some(why) = loss {
            lost.push((e.id().to_string(), why));
        }
        events.push(slide);
    }
    let mut eras = Vec::new();
    for era in &t.eras {
        let Some((mut start, end, loss)) = js_date(&era.date) else {
            continue;
        };
        if let Some(why) = loss {
            lost.push((format!("era {}", era.title), why));
        }
        start.display_date = None;
        let mut end = end.unwrap_or_else(|| start.clone());
        end.display_date = None;
        eras.push(Era {
            start_date: start,
            end_date: end,
            text: Text {
                headline: html_of_text(&era.title),
                text: String::new(),
            },
        });
    }
    (
        Doc {
            title,
            events,
            eras,
        },
        lost,
    )
}

/// One event's slide, and what TimelineJS cannot show of its date.
fn slide(t: &Timeline, e: &EventRef<'_>) -> (Slide, Option<&'static str>) {
    let (start, end, loss) = match js_date(&e.date) {
        Some((mut s, end, loss)) => {
            let mut shown = reading(&e.date);
            // An hour alone (`2 PM`, kept as field `time` on import) is shown as the sheet
            // showed it: TimelineJS shows no field.
            if let Some((_, hour)) = e.fields().find(|(k, _)| *k == "time")
                && e.date.start_date().is_some_and(|d| d.time.is_none())
            {
                shown = format!("{shown}, {hour}");
            }
            s.display_date = Some(html_of_text(&shown));
            (Some(s), end, loss)
        }
        None => (None, None, Some("no date TimelineJS can place")),
    };
    let mut fields = Vec::new();
    let mut thumbnail = None;
    let mut background = None;
    for (k, v) in e.fields() {
        match k {
            "media_thumbnail" if thumbnail.is_none() => thumbnail = Some(v.to_string()),
            "background" if background.is_none() => {
                let url =
                    v.starts_with("http://") || v.starts_with("https://") || v.starts_with('/');
                background = Some(if url {
                    Background::Url(v.to_string())
                } else {
                    Background::Color(v.to_string())
                });
            }
            _ => fields.push((k.to_string(), v.to_string())),
        }
    }
    // Only a web address goes into a page meant for the web (`javascript:` never does).
    let media = e
        .media()
        .find(|m| crate::text::safe_url(m.url).is_some())
        .map(|m| Media {
            url: m.url.to_string(),
            caption: m.caption.map(html_of_text),
            credit: m.credit.map(html_of_text),
            thumbnail: thumbnail.take(),
        });
    if let Some(t) = thumbnail {
        fields.push(("media_thumbnail".into(), t));
    }
    let slide = Slide {
        unique_id: Some(e.id().to_string()),
        start_date: start,
        end_date: end,
        display_date: e.display_date().map(html_of_text),
        text: Text {
            headline: html_of_text(e.title()),
            text: html_of_text(e.summary()),
        },
        media,
        group: e.tags().first().map(|&g| html_of_text(t.tag(g))),
        background,
        edtf: Some(e.date.to_edtf()),
        fields: crate::load::raw::Fields(fields),
    };
    (slide, loss)
}

/// The timeline as TimelineJS JSON, and the one warning line naming what TimelineJS
/// cannot show as annals reads it (none when it can show everything).
pub fn timelinejs(t: &Timeline) -> (String, Option<String>) {
    let (d, lost) = doc(t);
    (super::to_json(&d), warnings(t, &lost))
}

/// The date warning and the one naming what a slide has no place for.
fn warnings(t: &Timeline, lost: &[(String, &'static str)]) -> Option<String> {
    let lines: Vec<String> = [warning(lost), dropped(t)].into_iter().flatten().collect();
    (!lines.is_empty()).then(|| lines.join("\n"))
}

/// What TimelineJS has no place for, counted: people, places, links, citations, every tag
/// but the first, every medium but the first web one.
fn dropped(t: &Timeline) -> Option<String> {
    let mut counts = [0usize; 6];
    for e in t.events() {
        let web = e
            .media()
            .filter(|m| crate::text::safe_url(m.url).is_some())
            .count();
        let media = e.media().count();
        for (k, lost) in [
            !e.people().is_empty(),
            !e.places().is_empty(),
            e.links().len() > 0,
            e.citations().len() > 0,
            e.tags().len() > 1,
            media > web.min(1),
        ]
        .into_iter()
        .enumerate()
        {
            counts[k] += usize::from(lost);
        }
    }
    let names = [
        "people",
        "places",
        "links",
        "citations",
        "tags after the first",
        "media after the first web address (and any that is not http(s))",
    ];
    let parts: Vec<String> = names
        .iter()
        .zip(counts)
        .filter(|(_, n)| *n > 0)
        .map(|(name, n)| format!("{name} ({n} events)"))
        .collect();
    (!parts.is_empty()).then(|| {
        format!(
            "annals: warning: a TimelineJS slide has no place for {}: they are not in this export (`export --format ron` or `json` keeps everything)",
            parts.join(", ")
        )
    })
}

/// [`timelinejs`], written to `out` (with a newline); the warning is returned.
pub fn write_timelinejs(t: &Timeline, out: &mut dyn Write) -> io::Result<Option<String>> {
    let (d, lost) = doc(t);
    super::write_value(&d, out)?;
    writeln!(out)?;
    Ok(warnings(t, &lost))
}

/// One line naming every event whose date TimelineJS shows only in its nearest form.
fn warning(lost: &[(String, &'static str)]) -> Option<String> {
    const NAMED: usize = 12;
    if lost.is_empty() {
        return None;
    }
    let mut kinds: Vec<&str> = lost.iter().map(|(_, w)| *w).collect();
    kinds.sort_unstable();
    kinds.dedup();
    let mut names: Vec<String> = lost
        .iter()
        .take(NAMED)
        .map(|(id, _)| format!("`{id}`"))
        .collect();
    if lost.len() > NAMED {
        names.push(format!("and {} more", lost.len() - NAMED));
    }
    Some(format!(
        "annals: warning: TimelineJS cannot show {} date(s) as annals reads them ({}); each is placed at its nearest date, with annals' reading as its display date and the exact EDTF in its `edtf` key: {}",
        lost.len(),
        kinds.join("; "),
        names.join(", ")
    ))
}
