//! The lanes, built once per filter and grouping (never per frame): the shown events of
//! each person, place, tag or source, with their starts (in order) and their ends (sorted)
//! so that a frame answers "how many in this cell" with binary searches.

use super::Grouping;
use crate::domain::{EventIdx, Timeline};
use crate::query::SearchIndex;

/// What a lane stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LaneKey {
    /// A person (index in the timeline).
    Person(u32),
    /// A place.
    Place(u32),
    /// A tag.
    Tag(u32),
    /// A source.
    Source(u32),
    /// The events that have none of the grouping's kind.
    Nobody,
}

/// One lane: its shown events in chronological order, with their bounds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Lane {
    /// Who or what.
    pub key: LaneKey,
    /// Its events, in the timeline's (chronological) order.
    pub events: Vec<EventIdx>,
    /// Their earliest instants, same order (so sorted; `i64::MIN`: open start).
    pub starts: Vec<i64>,
    /// Their latest instants, sorted on their own (`i64::MAX`: open end).
    pub ends: Vec<i64>,
}

/// Every lane of one grouping under one filter, in order of first appearance.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Built {
    /// The lanes, by the earliest bound of their first event (the `Nobody` lane last).
    pub lanes: Vec<Lane>,
    /// The earliest and the latest known instant among the shown events (what `=` fits).
    pub extent: Option<(i64, i64)>,
}

/// An event's outer bounds as the lanes use them (`i64::MIN`/`i64::MAX` for open ends).
pub fn bounds(index: &SearchIndex, e: EventIdx) -> (i64, i64) {
    let (a, b) = index.dates.get(e as usize).unwrap_or((None, None));
    (a.map_or(i64::MIN, |i| i.0), b.map_or(i64::MAX, |i| i.0))
}

/// The lanes of `shown` (chronological) events grouped by `grouping`.
pub fn build(t: &Timeline, index: &SearchIndex, shown: &[EventIdx], grouping: Grouping) -> Built {
    let kinds = match grouping {
        Grouping::Person => t.people.len(),
        Grouping::Place => t.places.len(),
        Grouping::Tag => t.tags.len(),
        Grouping::Source => t.sources.len(),
    };
    let mut slot = vec![u32::MAX; kinds + 1];
    let mut lanes: Vec<Lane> = Vec::new();
    let (mut lo, mut hi) = (i64::MAX, i64::MIN);
    let mut keys: Vec<u32> = Vec::new();
    for &e in shown {
        let (a, b) = bounds(index, e);
        for x in [a, b] {
            if x != i64::MIN && x != i64::MAX {
                lo = lo.min(x);
                hi = hi.max(x);
            }
        }
        let ev = t.event(e);
        keys.clear();
        match grouping {
            Grouping::Person => keys.extend_from_slice(ev.people()),
            Grouping::Place => keys.extend_from_slice(ev.places()),
            Grouping::Tag => keys.extend_from_slice(ev.tags()),
            Grouping::Source => {
                keys.extend(ev.citations().map(|c| c.source));
                keys.sort_unstable();
                keys.dedup();
            }
        }
        let none = [u32::try_from(kinds).unwrap_or(u32::MAX)];
        let ks: &[u32] = if keys.is_empty() { &none } else { &keys };
        for &k in ks {
            let Some(s) = slot.get_mut(k as usize) else {
                continue;
            };
            if *s == u32::MAX {
                *s = u32::try_from(lanes.len()).unwrap_or(u32::MAX);
                let key = if k as usize == kinds {
                    LaneKey::Nobody
                } else {
                    match grouping {
                        Grouping::Person => LaneKey::Person(k),
                        Grouping::Place => LaneKey::Place(k),
                        Grouping::Tag => LaneKey::Tag(k),
                        Grouping::Source => LaneKey::Source(k),
                    }
                };
                lanes.push(Lane {
                    key,
                    events: Vec::new(),
                    starts: Vec::new(),
                    ends: Vec::new(),
                });
            }
            let lane = &mut lanes[*s as usize];
            lane.events.push(e);
            lane.starts.push(a);
            lane.ends.push(b);
        }
    }
    for lane in &mut lanes {
        lane.ends.sort_unstable();
    }
    // Lanes were created in order of their first event, which is chronological: a stable
    // sort by first start keeps that order among equals, and sends `Nobody` last.
    lanes.sort_by_key(|l| (l.key == LaneKey::Nobody, l.starts.first().copied()));
    Built {
        lanes,
        extent: (lo <= hi).then_some((lo, hi)),
    }
}

impl LaneKey {
    /// The lane's name as the data gives it (not yet escaped for a terminal).
    pub fn name(self, t: &Timeline, grouping: Grouping) -> String {
        let get = |v: Option<&str>| v.unwrap_or("?").to_string();
        match self {
            LaneKey::Person(i) => get(t.people.get(i as usize).map(|p| p.name.as_str())),
            LaneKey::Place(i) => get(t.places.get(i as usize).map(|p| p.name.as_str())),
            LaneKey::Tag(i) => get(t.tags.get(i as usize).map(String::as_str)),
            LaneKey::Source(i) => get(t.sources.get(i as usize).map(|s| s.title.as_str())),
            LaneKey::Nobody => format!("(no {})", grouping.name()),
        }
    }
}
