//! Dates in binary form (the cache) as day numbers (1 January of year 1 is day 1): four
//! bytes each, read without parsing text. Used through `#[serde(with = …)]`.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Deserializer, Serialize, Serializer, de::Error};

fn from_days<E: Error>(n: i32) -> Result<NaiveDate, E> {
    NaiveDate::from_num_days_from_ce_opt(n).ok_or_else(|| E::custom("day out of range"))
}

/// Write a date.
pub fn serialize<S: Serializer>(d: &NaiveDate, s: S) -> Result<S::Ok, S::Error> {
    d.num_days_from_ce().serialize(s)
}

/// Read a date.
pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
    from_days(i32::deserialize(d)?)
}

/// The same for a list of (earliest, latest) pairs.
pub mod pairs {
    use super::*;

    type Pair = (Option<NaiveDate>, Option<NaiveDate>);

    /// Write the pairs.
    pub fn serialize<S: Serializer>(v: &[Pair], s: S) -> Result<S::Ok, S::Error> {
        let n = |d: Option<NaiveDate>| d.map(|d| d.num_days_from_ce());
        s.collect_seq(v.iter().map(|&(a, b)| (n(a), n(b))))
    }

    /// Read the pairs.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Pair>, D::Error> {
        let raw = Vec::<(Option<i32>, Option<i32>)>::deserialize(d)?;
        let day = |n: Option<i32>| n.map(from_days::<D::Error>).transpose();
        raw.into_iter()
            .map(|(a, b)| Ok((day(a)?, day(b)?)))
            .collect()
    }
}
