//! What a Timesketch import reports: where each attribute went, a line each.

use super::{Builder, SOURCE_ID, TITLE_MAX};

impl Builder {
    /// What went where, a line each.
    pub(super) fn report(&self, kind: &str, n: usize) -> Vec<String> {
        let t = &self.tally;
        let mut out = vec![format!("{n} {kind} records, one event each")];
        let mut title = "message → title".to_string();
        if t.cut > 0 {
            title.push_str(&format!(
                " (cut to {TITLE_MAX} characters or its first line in {}: the whole message is the summary)",
                t.cut
            ));
        }
        out.push(title);
        let mut date = "datetime → date (EDTF, offset kept, +00:00 written Z)".to_string();
        if t.assumed_utc > 0 {
            date.push_str(&format!(
                "; {} without an offset read as UTC, as Timesketch reads them",
                t.assumed_utc
            ));
        }
        out.push(date);
        if t.from_edtf > 0 {
            out.push(format!(
                "annals_edtf → date in {} (annals' own export: datetime, timestamp, annals_latest and {} attributes listed in annals_derived were made by annals, not kept; tags from annals_tags)",
                t.from_edtf, t.derived
            ));
        }
        if t.edtf_set_aside > 0 {
            out.push(format!(
                "datetime → date in {} records whose datetime is not the one annals wrote for their annals_edtf (changed since): annals_edtf kept as a field",
                t.edtf_set_aside
            ));
        }
        if t.from_timestamp > 0 {
            out.push(format!(
                "timestamp → date in {} without datetime",
                t.from_timestamp
            ));
        }
        if t.timestamp_agrees > 0 {
            out.push(format!(
                "timestamp agrees with the date in {} (not kept: it is the same instant)",
                t.timestamp_agrees
            ));
        }
        if t.timestamp_kept > 0 {
            out.push(format!(
                "timestamp differs from datetime in {}: kept as field `timestamp`",
                t.timestamp_kept
            ));
        }
        out.push("timestamp_desc → a tag (slugged) and field `timestamp_desc`".into());
        if t.ids_given > 0 {
            out.push(format!(
                "annals_id/_id/id → event id in {} ({} changed to be valid and unique, kept as a field too); others ts-LINE",
                t.ids_given, t.ids_changed
            ));
        } else {
            out.push("event ids: ts-LINE".into());
        }
        out.push(match t.own_sources {
            0 => format!("every event cites source `{SOURCE_ID}` with its line as locator"),
            n if n == t.records => "every event cites the sources annals_sources names (annals' own export: none when it cited none)".into(),
            n => format!(
                "{n} events cite the sources annals_sources names (annals' own export); the others cite source `{SOURCE_ID}` with their line as locator"
            ),
        });
        if !t.fields.is_empty() {
            let names: Vec<String> = t.fields.iter().map(|(k, n)| format!("{k} ({n})")).collect();
            out.push(format!("other attributes → fields: {}", names.join(", ")));
        }
        if t.empty > 0 {
            out.push(format!(
                "{} empty cells or values: nothing to keep",
                t.empty
            ));
        }
        for (from, to) in &t.renamed {
            out.push(format!(
                "attribute `{from}` kept as field `{to}` (a field name is letters, digits, _ - .)"
            ));
        }
        if !self.people.is_empty() || !self.source_list.is_empty() {
            out.push(format!(
                "annals_people/annals_sources → {} people, {} sources",
                self.people.len(),
                self.source_list.len()
            ));
        }
        out
    }
}
