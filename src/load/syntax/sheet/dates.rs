//! A spreadsheet's date and time cells made EDTF: EDTF and ISO 8601 as they are (a space
//! for the `T` too), unambiguous written forms (`12 April 1985`, `April 1985`), and a
//! time column joined to its date. Day/month order is never guessed: `03/04/2021` is an
//! error that says how to write it.

use crate::domain::Edtf;

/// How to write a date annals reads, for messages.
const HINT: &str = "write EDTF or ISO 8601 (1985-04-12, 1985-04, 1985, \
                    1985-04-12T23:20:30+04:30, 1985/1990) or a month by name (12 April 1985)";

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// The EDTF of a date cell, or why it cannot be read (with how to write it).
pub fn date(cell: &str) -> Result<String, String> {
    let s = cell.trim();
    if s.is_empty() {
        return Err("the date is empty".to_string());
    }
    if Edtf::parse(s).is_ok() {
        return Ok(s.to_string());
    }
    // ISO 8601 with a space for the `T` (`2021-03-04 02:11:09`, maybe `… +01:00`).
    if s.len() > 10 && s.as_bytes().get(10) == Some(&b' ') && s.is_char_boundary(10) {
        let joined = format!("{}T{}", &s[..10], s[11..].replace(' ', ""));
        if Edtf::parse(&joined).is_ok() {
            return Ok(joined);
        }
    }
    let parts: Vec<&str> = s.split(['/', '.', '-']).collect();
    if parts.len() == 3 && parts.iter().all(|p| is_digits(p, 1, 4)) {
        if parts[0].len() == 4 {
            let iso = format!("{}-{:0>2}-{:0>2}", parts[0], parts[1], parts[2]);
            if Edtf::parse(&iso).is_ok() {
                return Ok(iso);
            }
        } else if parts[2].len() == 4 {
            return Err(ambiguous(s, parts[0], parts[1], parts[2]));
        }
    }
    if let Some(d) = named_month(s) {
        return Ok(d);
    }
    // A date that reads as EDTF but names no real day says why (`2021-02-30`).
    let digits_first = s.starts_with(|c: char| c.is_ascii_digit());
    if digits_first && let Err(e) = Edtf::parse(s) {
        let real = s
            .split(['T', ' '])
            .next()
            .is_some_and(|d| d.len() == 10 && d.as_bytes()[4] == b'-' && d.as_bytes()[7] == b'-');
        if real {
            return Err(format!("the date `{s}` does not exist: {}", e.message));
        }
    }
    Err(format!("cannot read the date `{s}`: {HINT}"))
}

/// `ddd` of `min..=max` ASCII digits.
fn is_digits(s: &str, min: usize, max: usize) -> bool {
    (min..=max).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
}

/// The message for `a/b/year`: both readings that are dates, never a choice.
fn ambiguous(s: &str, a: &str, b: &str, year: &str) -> String {
    let day_month = format!("{year}-{b:0>2}-{a:0>2}");
    let month_day = format!("{year}-{a:0>2}-{b:0>2}");
    let readings: Vec<String> = [day_month, month_day]
        .into_iter()
        .filter(|d| Edtf::parse(d).is_ok())
        .collect();
    let how = match readings.as_slice() {
        [one, two] if one != two => format!("write {one} (day first) or {two} (month first)"),
        [one, ..] => format!("write {one}"),
        [] => HINT.to_string(),
    };
    format!(
        "the date `{s}` does not say whether the day or the month comes first (annals never \
         guesses): {how}, year-month-day"
    )
}

/// `12 April 1985`, `April 12, 1985`, `April 1985`, `12 Apr. 1985` → EDTF.
fn named_month(s: &str) -> Option<String> {
    let words: Vec<String> = s
        .split([' ', ',', '\t'])
        .filter(|w| !w.is_empty())
        .map(|w| w.trim_end_matches('.').to_lowercase())
        .collect();
    let month = |w: &str| {
        MONTHS
            .iter()
            .position(|m| {
                w.len() >= 3 && m.starts_with(w) && (w.len() == 3 || *m == w || w == "sept")
            })
            .map(|i| i + 1)
    };
    let day = |w: &str| {
        let d = w
            .trim_end_matches("st")
            .trim_end_matches("nd")
            .trim_end_matches("rd")
            .trim_end_matches("th");
        is_digits(d, 1, 2).then(|| d.to_string())
    };
    let year = |w: &str| is_digits(w, 1, 4).then(|| format!("{w:0>4}"));
    let out = match words
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        [d, m, y] => match (day(d), month(m), year(y)) {
            (Some(d), Some(m), Some(y)) => format!("{y}-{m:02}-{d:0>2}"),
            _ => match (month(d), day(m), year(y)) {
                (Some(m), Some(d), Some(y)) => format!("{y}-{m:02}-{d:0>2}"),
                _ => return None,
            },
        },
        [m, y] => format!("{}-{:02}", year(y)?, month(m)?),
        _ => return None,
    };
    Edtf::parse(&out).is_ok().then_some(out)
}

/// `date` with the time of day `time` joined (`02:11`, `2:11:09`, `02:11:09Z`,
/// `02:11+01:00`); `date` as it is when the cell is empty.
pub fn with_time(date: &str, time: &str) -> Result<String, String> {
    let t = time.trim();
    if t.is_empty() {
        return Ok(date.to_string());
    }
    if date.contains('T') {
        return Err(format!(
            "the date `{date}` already has a time of day, and the time column says `{t}`"
        ));
    }
    if !(date.len() == 10
        && Edtf::parse(date).is_ok()
        && date.bytes().filter(|&b| b == b'-').count() == 2)
    {
        return Err(format!(
            "a time of day (`{t}`) needs a whole date (year-month-day), not `{date}`"
        ));
    }
    if crate::load::syntax::timelinejs::dates::is_hour_alone(t) {
        let digits = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
        return Err(format!(
            "the time `{t}` names an hour but no minute: write `{}:00{}` if the source means \
             the hour exactly, or leave the time out (the date then keeps its day)",
            &t[..digits],
            &t[digits..]
        ));
    }
    // `2:30 PM`, as people write times in a sheet, is 14:30.
    let twelve = crate::load::syntax::timelinejs::dates::twelve_hour(t);
    let t = twelve.as_deref().unwrap_or(t);
    let padded = match t.find(':') {
        Some(1) => format!("0{t}"),
        _ => t.to_string(),
    };
    let joined = format!("{date}T{}", padded.replace(' ', ""));
    if Edtf::parse(&joined).is_ok() {
        Ok(joined)
    } else {
        Err(format!(
            "cannot read the time `{t}`: write hh:mm or hh:mm:ss in 24 hours, maybe with an \
             offset (23:20, 23:20:30, 23:20:30Z, 23:20+04:30)"
        ))
    }
}

/// The interval `start/end`, or why it is not one.
pub fn interval(start: &str, end: &str) -> Result<String, String> {
    let joined = format!("{start}/{end}");
    match Edtf::parse(&joined) {
        Ok(_) => Ok(joined),
        Err(e) => Err(format!(
            "the start `{start}` and end `{end}` make no interval: {}",
            e.message
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_edtf_and_written_dates_are_read() {
        for (cell, edtf) in [
            ("1985-04-12", "1985-04-12"),
            (" 2021-03-04 02:11:09 ", "2021-03-04T02:11:09"),
            ("2021-03-04T02:11:09Z", "2021-03-04T02:11:09Z"),
            ("2021-03-04T02:11+01:00", "2021-03-04T02:11+01:00"),
            ("2021-03-04 02:11 +01:00", "2021-03-04T02:11+01:00"),
            ("2021/3/4", "2021-03-04"),
            ("12 April 1985", "1985-04-12"),
            ("April 12, 1985", "1985-04-12"),
            ("Sept. 3rd 1985", "1985-09-03"),
            ("April 1985", "1985-04"),
            ("1984?", "1984?"),
        ] {
            assert_eq!(date(cell).as_deref(), Ok(edtf), "{cell}");
        }
    }

    #[test]
    fn day_month_order_is_never_guessed() {
        let e = date("03/04/2021").unwrap_err();
        assert!(
            e.contains("write 2021-04-03 (day first) or 2021-03-04 (month first)"),
            "{e}"
        );
        let e = date("13.04.2021").unwrap_err();
        assert!(e.contains("write 2021-04-13"), "{e}");
        assert!(date("31 Fooary 2020").unwrap_err().contains("cannot read"));
        assert!(date("30 February 2020").is_err());
    }

    #[test]
    fn impossible_days_say_why() {
        let e = date("2021-02-30").unwrap_err();
        assert!(
            e.contains("does not exist") && e.contains("no day 30"),
            "{e}"
        );
    }

    #[test]
    fn times_join_their_dates() {
        assert_eq!(
            with_time("2021-03-04", "2:30 PM").unwrap(),
            "2021-03-04T14:30"
        );
        assert_eq!(
            with_time("2021-03-04", "12:05 a.m.").unwrap(),
            "2021-03-04T00:05"
        );
        let hour = with_time("2021-03-04", "2 PM").unwrap_err();
        assert!(hour.contains("write `2:00 PM`"), "{hour}");
        assert_eq!(
            with_time("2021-03-04", "2:11").as_deref(),
            Ok("2021-03-04T02:11")
        );
        assert_eq!(
            with_time("2021-03-04", "02:11:09+01:00").as_deref(),
            Ok("2021-03-04T02:11:09+01:00")
        );
        assert!(with_time("2021-03", "02:11").is_err());
        assert!(with_time("2021-03-04", "2pm").is_err());
        assert_eq!(interval("1985", "1990").as_deref(), Ok("1985/1990"));
        assert!(interval("1990/1991", "1992").is_err());
    }
}
