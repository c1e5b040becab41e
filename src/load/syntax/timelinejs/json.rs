//! TimelineJS's own JSON (`{"title": …, "events": [{"start_date": {…}, "text": {…}}],
//! "eras": […]}`), as TimelineJS reads it and annals' export writes it: parsed by
//! `serde_json`, its values placed by the bracket walker.

use super::{Kind, Part, Slide, build, field_name};
use crate::load::raw::RawTimeline;
use crate::load::syntax::{Pos, Read, Seg, Syntax, pos, walk};
use serde_json::{Map, Value};

/// The TimelineJS JSON syntax.
pub struct TimelineJsJson;

/// Does this JSON text look like TimelineJS's (a `"start_date"` key near the top; annals'
/// own JSON has `"date"` strings)?
pub fn is_json(src: &str) -> bool {
    let mut end = src.len().min(1 << 16);
    while !src.is_char_boundary(end) {
        end -= 1;
    }
    let head = &src[..end];
    head.match_indices("\"start_date\"")
        .any(|(i, k)| head[i + k.len()..].trim_start().starts_with(':'))
        && head.contains("\"events\"")
}

/// A value as text: strings as they are, numbers and booleans as written, null as empty.
fn text(v: Option<&Value>) -> String {
    match v {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
    }
}

/// Every value under `v` as `(name, text)` fields, named by their path from `prefix`.
fn flatten(prefix: &str, v: &Value, out: &mut Vec<(String, String)>) {
    match v {
        Value::Null => {}
        Value::Object(m) => {
            for (k, v) in m {
                flatten(&join(prefix, k), v, out);
            }
        }
        Value::Array(a) => {
            for (i, v) in a.iter().enumerate() {
                flatten(&join(prefix, &i.to_string()), v, out);
            }
        }
        other => out.push((field_name(prefix), text(Some(other)))),
    }
}

fn join(prefix: &str, key: &str) -> String {
    if prefix.is_empty() {
        key.to_string()
    } else {
        format!("{prefix}.{key}")
    }
}

/// The slide of one JSON object (`what` names it for the report: `slide 3`).
fn slide(kind: Kind, obj: &Map<String, Value>, label: String) -> Slide {
    let mut s = Slide::new(kind, label);
    for (key, v) in obj {
        match key.as_str() {
            "start_date" | "end_date" => {
                let p = if key == "start_date" {
                    &mut s.start
                } else {
                    &mut s.end
                };
                match v {
                    Value::Object(d) => {
                        for (k, x) in d {
                            let slot = match k.as_str() {
                                "year" => &mut p.year,
                                "month" => &mut p.month,
                                "day" => &mut p.day,
                                "hour" => &mut p.hour,
                                "minute" => &mut p.minute,
                                "second" => &mut p.second,
                                "millisecond" => &mut p.millisecond,
                                "display_date" => &mut p.display,
                                _ => {
                                    flatten(&join(key, k), x, &mut s.fields);
                                    continue;
                                }
                            };
                            *slot = text(Some(x));
                        }
                    }
                    other => p.year = text(Some(other)),
                }
            }
            "text" => match v {
                Value::Object(t) => {
                    s.headline = text(t.get("headline"));
                    s.text = text(t.get("text"));
                    for (k, x) in t {
                        if k != "headline" && k != "text" {
                            flatten(&join("text", k), x, &mut s.fields);
                        }
                    }
                }
                other => s.text = text(Some(other)),
            },
            "media" => match v {
                Value::Object(m) => {
                    for (k, x) in m {
                        match k.as_str() {
                            "url" => s.media_url = text(Some(x)),
                            "caption" => s.media_caption = text(Some(x)),
                            "credit" => s.media_credit = text(Some(x)),
                            "thumbnail" => flatten("media_thumbnail", x, &mut s.fields),
                            _ => flatten(&join("media", k), x, &mut s.fields),
                        }
                    }
                }
                other => s.media_url = text(Some(other)),
            },
            // A sheet's Background cell is a URL or a colour: the same field here.
            "background" => match v {
                Value::Object(b)
                    if b.len() == 1 && (b.contains_key("url") || b.contains_key("color")) =>
                {
                    flatten(
                        "background",
                        b.values().next().unwrap_or(&Value::Null),
                        &mut s.fields,
                    );
                }
                other => flatten("background", other, &mut s.fields),
            },
            "display_date" => s.display_date = text(Some(v)),
            "group" => s.group = text(Some(v)),
            "unique_id" => s.unique_id = text(Some(v)),
            "edtf" => s.edtf = text(Some(v)),
            // annals' own fields, written back as they were.
            "fields" if v.is_object() => {
                if let Value::Object(f) = v {
                    for (k, x) in f {
                        s.fields.push((k.clone(), text(Some(x))));
                    }
                }
            }
            _ => flatten(key, v, &mut s.fields),
        }
    }
    s
}

/// A document read: its slides, each slide's path in the JSON, and top-level values that
/// are no slide.
struct Doc {
    slides: Vec<Slide>,
    bases: Vec<(&'static str, Option<usize>)>,
    other: Vec<(String, String)>,
}

fn doc(src: &str) -> Result<Doc, Vec<(Pos, String)>> {
    let src = src.strip_prefix('\u{feff}').unwrap_or(src);
    let v: Value = serde_json::from_str(src).map_err(|e| {
        let msg = e.to_string();
        let msg = msg
            .rsplit_once(" at line ")
            .map_or(msg.as_str(), |(m, _)| m)
            .to_string();
        vec![(pos(e.line(), e.column()), msg)]
    })?;
    let Value::Object(top) = v else {
        return Err(vec![(
            pos(1, 1),
            "a TimelineJS file is an object with `events` (and `title`, `eras`)".into(),
        )]);
    };
    let mut d = Doc {
        slides: Vec::new(),
        bases: Vec::new(),
        other: Vec::new(),
    };
    let mut wrong = Vec::new();
    for (key, v) in &top {
        match (key.as_str(), v) {
            ("title", Value::Object(t)) => {
                d.slides
                    .push(slide(Kind::Title, t, "the title slide".into()));
                d.bases.push(("title", None));
            }
            ("events" | "eras", Value::Array(items)) => {
                let (list, kind) = if key == "events" {
                    ("events", Kind::Event)
                } else {
                    ("eras", Kind::Era)
                };
                for (k, item) in items.iter().enumerate() {
                    match item {
                        Value::Object(o) => {
                            let label = format!("{} {}", &list[..list.len() - 1], k + 1);
                            let label = label.replace("event", "slide");
                            d.slides.push(slide(kind, o, label));
                            d.bases.push((list, Some(k)));
                        }
                        _ => wrong.push((
                            vec![Seg::Field(list), Seg::Index(k)],
                            format!("{list}[{k}] is not an object"),
                        )),
                    }
                }
            }
            ("title" | "events" | "eras", _) => wrong.push((
                vec![Seg::Field(if key == "title" {
                    "title"
                } else if key == "events" {
                    "events"
                } else {
                    "eras"
                })],
                format!(
                    "`{key}` has the wrong type (TimelineJS expects an {})",
                    if key == "title" { "object" } else { "array" }
                ),
            )),
            _ => flatten(key, v, &mut d.other),
        }
    }
    if !top.contains_key("events") {
        wrong.push((
            Vec::new(),
            "no `events`: a TimelineJS file has `events` (and `title`, `eras`)".into(),
        ));
    }
    if !wrong.is_empty() {
        let paths: Vec<&[Seg<'_>]> = wrong.iter().map(|(p, _)| p.as_slice()).collect();
        let at = walk(src, &paths);
        return Err(at
            .into_iter()
            .zip(wrong)
            .map(|(p, (_, m))| (p, m))
            .collect());
    }
    Ok(d)
}

impl Doc {
    /// The JSON path of a slide's part.
    fn path(&self, n: usize, part: Part) -> Vec<Seg<'static>> {
        let mut p = Vec::new();
        if let Some((list, k)) = self.bases.get(n) {
            p.push(Seg::Field(list));
            if let Some(k) = k {
                p.push(Seg::Index(*k));
            }
        }
        let tail: &[&'static str] = match part {
            Part::Whole => &[],
            Part::Start => &["start_date", "year"],
            Part::End => &["end_date", "year"],
            Part::Month => &["start_date", "month"],
            Part::Day => &["start_date", "day"],
            Part::EndMonth => &["end_date", "month"],
            Part::EndDay => &["end_date", "day"],
            Part::Time => &["start_date", "hour"],
            Part::EndTime => &["end_date", "hour"],
            Part::Headline => &["text", "headline"],
            Part::Id => &["unique_id"],
            Part::Text => &["text", "text"],
            Part::Media => &["media", "url"],
            Part::Group => &["group"],
            Part::Display => &["display_date"],
            Part::Edtf => &["edtf"],
        };
        p.extend(tail.iter().map(|f| Seg::Field(f)));
        p
    }

    fn places(&self, src: &str, wanted: &[(usize, Part)]) -> Vec<Pos> {
        let src = src.strip_prefix('\u{feff}').unwrap_or(src);
        let owned: Vec<Vec<Seg<'static>>> = wanted.iter().map(|&(n, p)| self.path(n, p)).collect();
        let paths: Vec<&[Seg<'_>]> = owned.iter().map(Vec::as_slice).collect();
        walk(src, &paths)
    }
}

impl Syntax for TimelineJsJson {
    fn parse(&self, src: &str) -> Result<RawTimeline, (Pos, String)> {
        self.read(src)
            .map(|r| r.timeline)
            .map_err(|mut e| e.swap_remove(0))
    }

    fn read(&self, src: &str) -> Result<Read, Vec<(Pos, String)>> {
        let d = doc(src)?;
        let mut built = build(&d.slides, "TimelineJS JSON");
        if !built.problems.is_empty() {
            let wanted: Vec<(usize, Part)> =
                built.problems.iter().map(|(n, p, _)| (*n, *p)).collect();
            let at = d.places(src, &wanted);
            let mut problems: Vec<(Pos, String)> = at
                .into_iter()
                .zip(built.problems)
                .map(|(p, (_, _, m))| (p, m))
                .collect();
            // Eras and events are mapped in separate lists: the file's order is the one read.
            problems.sort_by_key(|(p, _)| (p.line, p.col));
            return Err(problems);
        }
        if !d.other.is_empty() {
            let t = &mut built.timeline;
            let kept: Vec<String> = d.other.iter().map(|(k, v)| format!("{k} {v}")).collect();
            let mut desc = t.description.take().unwrap_or_default();
            if !desc.is_empty() {
                desc.push_str("\n\n");
            }
            desc.push_str(&format!("TimelineJS settings: {}", kept.join("; ")));
            t.description = Some(desc);
            let names: Vec<&str> = d.other.iter().map(|(k, _)| k.as_str()).collect();
            built.report.push(format!(
                "top-level keys kept in the description: {}",
                names.join(", ")
            ));
        }
        built.report.insert(
            1,
            "keys: start_date/end_date → date; text.headline → title; text.text → summary (HTML as plain text); \
             display_date → display_date; media url/caption/credit → media; group → tag; unique_id → id; \
             media.thumbnail, background and any other key → fields (named by their path)"
                .to_string(),
        );
        Ok(Read::new(built.timeline, built.report).with_file_source(super::SOURCE_ID))
    }

    fn locate(&self, src: &str, paths: &[&[Seg<'_>]]) -> Vec<Pos> {
        let Ok(d) = doc(src) else {
            return paths.iter().map(|_| pos(1, 1)).collect();
        };
        let built = build(&d.slides, "TimelineJS JSON");
        let wanted: Vec<Option<(usize, Part)>> = paths
            .iter()
            .map(|p| super::target(&built.layout, p))
            .collect();
        let found: Vec<(usize, Part)> = wanted.iter().flatten().copied().collect();
        let mut at = d.places(src, &found).into_iter();
        wanted
            .iter()
            .map(|w| match w {
                Some(_) => at.next().unwrap_or(pos(1, 1)),
                None => pos(1, 1),
            })
            .collect()
    }
}
