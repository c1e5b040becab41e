//! A spreadsheet's header: which column holds which field, from the column's name
//! (common names, folded: case, accents, spaces and punctuation do not matter) and from
//! `--map FIELD=COLUMN`, which settles the rest and overrides.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// A field of an event a column can fill.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Role {
    /// The event's id.
    Id,
    /// The date (or an interval's start).
    Date,
    /// An interval's end.
    End,
    /// The time of day, joined to the date.
    Time,
    /// The time of day of the end.
    EndTime,
    /// The title.
    Title,
    /// The summary.
    Summary,
    /// People, by name.
    People,
    /// Places, by name.
    Places,
    /// Tags.
    Tags,
    /// The cited source, by name.
    Source,
    /// The citation's locator (a page …).
    Locator,
    /// The source's URL.
    Url,
    /// A quote from the source.
    Quote,
    /// The source's own wording of the date.
    DisplayDate,
}

/// Each role, its `--map` name and the folded column names it is recognised by.
const ROLES: &[(Role, &str, &[&str])] = &[
    (Role::Id, "id", &["id"]),
    (
        Role::Date,
        "date",
        &[
            "date",
            "when",
            "start",
            "startdate",
            "eventdate",
            "datetime",
            "timestamp",
        ],
    ),
    (Role::End, "end", &["end", "enddate"]),
    (Role::Time, "time", &["time", "starttime"]),
    (Role::EndTime, "end_time", &["endtime"]),
    (
        Role::Title,
        "title",
        &["title", "headline", "what", "event"],
    ),
    (
        Role::Summary,
        "summary",
        &["summary", "description", "text", "notes"],
    ),
    (Role::People, "people", &["people", "who", "person"]),
    (
        Role::Places,
        "places",
        &["places", "place", "where", "location", "locations"],
    ),
    (
        Role::Tags,
        "tags",
        &["tags", "tag", "group", "category", "categories"],
    ),
    (Role::Source, "source", &["source"]),
    (Role::Locator, "locator", &["locator", "page"]),
    (Role::Url, "url", &["url", "link"]),
    (Role::Quote, "quote", &["quote"]),
    (Role::DisplayDate, "display_date", &["displaydate"]),
];

impl Role {
    /// The name `--map` takes.
    pub fn name(self) -> &'static str {
        ROLES.iter().find(|r| r.0 == self).map_or("?", |r| r.1)
    }

    /// The role named `field` in `--map` (folded like a column name).
    fn named(field: &str) -> Option<Role> {
        let f = fold(field);
        ROLES.iter().find(|r| fold(r.1) == f).map(|r| r.0)
    }

    /// The role a column of this name has without a mapping.
    fn recognised(column: &str) -> Option<Role> {
        let f = fold(column);
        ROLES
            .iter()
            .find(|r| r.2.contains(&f.as_str()))
            .map(|r| r.0)
    }
}

/// Every field `--map` takes, for messages.
pub fn field_names() -> String {
    ROLES.iter().map(|r| r.1).collect::<Vec<_>>().join(", ")
}

/// A name folded for matching: decomposed, accents dropped, lowercased, only letters and
/// digits kept (`Start Date`, `start_date` and `Startdatum`'s `START-DATE` alike).
pub fn fold(s: &str) -> String {
    s.nfkd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .filter(|c| c.is_alphanumeric())
        .collect()
}

/// The header read: a role (or none: the column goes to the event's fields) per column.
#[derive(Debug)]
pub struct Columns {
    /// One entry per column of the header.
    pub roles: Vec<Option<Role>>,
    /// How each role was found, for the report (`Date → date`, `Wann → date (--map)`).
    pub how: Vec<String>,
}

impl Columns {
    /// The index of the column holding `role`.
    pub fn of(&self, role: Role) -> Option<usize> {
        self.roles.iter().position(|r| *r == Some(role))
    }
}

/// Settle the header's columns with the `--map` pairs; every problem at once (each a
/// message: they are all about the header, line 1).
pub fn resolve(header: &[String], map: &[(String, String)]) -> Result<Columns, Vec<String>> {
    let mut roles: Vec<Option<Role>> = vec![None; header.len()];
    let mut how = Vec::new();
    let mut problems = Vec::new();
    let mut by_map = vec![false; header.len()];
    for (field, column) in map {
        let Some(role) = Role::named(field) else {
            problems.push(format!(
                "unknown field `{field}` in --map {field}={column}: the fields are {}",
                field_names()
            ));
            continue;
        };
        let found = header
            .iter()
            .position(|h| h == column)
            .or_else(|| header.iter().position(|h| fold(h) == fold(column)));
        let Some(i) = found else {
            problems.push(format!(
                "no column `{column}` in --map {field}={column}: the columns are {}",
                listing(header)
            ));
            continue;
        };
        if let Some(j) = roles.iter().position(|r| *r == Some(role)) {
            roles[j] = None;
            by_map[j] = false;
        }
        roles[i] = Some(role);
        by_map[i] = true;
    }
    for (i, h) in header.iter().enumerate() {
        if by_map[i] {
            continue;
        }
        if let Some(role) = Role::recognised(h)
            && !roles.contains(&Some(role))
        {
            roles[i] = Some(role);
        }
    }
    for (i, r) in roles.iter().enumerate() {
        if let Some(r) = r {
            let mapped = if by_map[i] { " (--map)" } else { "" };
            how.push(format!("{} → {}{mapped}", header[i], r.name()));
        }
    }
    let missing: Vec<Role> = [Role::Date, Role::Title]
        .into_iter()
        .filter(|r| !roles.contains(&Some(*r)))
        .collect();
    if problems.is_empty() && !missing.is_empty() {
        let names: Vec<&str> = missing.iter().map(|r| r.name()).collect();
        let maps: Vec<String> = missing
            .iter()
            .map(|r| format!("--map {}=COLUMN", r.name()))
            .collect();
        let which = if missing.len() == 1 {
            "say which holds it"
        } else {
            "say which hold them"
        };
        problems.push(format!(
            "no {} column: the columns are {}; {which} with {}",
            names.join(" and no "),
            listing(header),
            maps.join(" ")
        ));
    }
    if problems.is_empty() {
        Ok(Columns { roles, how })
    } else {
        Err(problems)
    }
}

/// The header's names, quoted, for messages.
pub fn listing(header: &[String]) -> String {
    if header.is_empty() {
        return "(none)".to_string();
    }
    header
        .iter()
        .map(|h| format!("`{h}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A column's name made a field name (letters, digits, `_`, `-`, `.`; anything else
/// becomes `_`), `column_N` when nothing is left.
pub fn field_name(column: &str, n: usize) -> String {
    let s = crate::load::syntax::field_name(column);
    if s.is_empty() {
        format!("column_{n}")
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(names: &[&str]) -> Vec<String> {
        names.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn common_names_are_recognised_whatever_their_case_accents_and_spaces() {
        let c = resolve(
            &h(&["Start Date", "HEADLINE", "Lieu", "Catégory", "where"]),
            &[],
        )
        .unwrap();
        assert_eq!(
            c.roles,
            vec![
                Some(Role::Date),
                Some(Role::Title),
                None,
                Some(Role::Tags),
                Some(Role::Places)
            ]
        );
        assert_eq!(fold("Dísplay_Date"), "displaydate");
    }

    #[test]
    fn map_overrides_and_names_its_errors() {
        let map = vec![("date".to_string(), "wann".to_string())];
        let c = resolve(&h(&["Date", "Wann", "Title"]), &map).unwrap();
        assert_eq!(c.roles, vec![None, Some(Role::Date), Some(Role::Title)]);
        let bad = vec![("colour".to_string(), "Date".to_string())];
        let e = resolve(&h(&["Date", "Title"]), &bad).unwrap_err();
        assert!(e[0].contains("the fields are id, date"), "{e:?}");
        let e = resolve(&h(&["Wann", "Was"]), &[]).unwrap_err();
        assert_eq!(
            e,
            vec![
                "no date and no title column: the columns are `Wann`, `Was`; say which hold them \
                 with --map date=COLUMN --map title=COLUMN"
            ]
        );
    }

    #[test]
    fn column_names_become_field_names() {
        assert_eq!(field_name("Mood (1-5)", 3), "Mood_1-5");
        assert_eq!(field_name("été", 1), "été");
        assert_eq!(field_name(" ?! ", 7), "column_7");
    }
}
