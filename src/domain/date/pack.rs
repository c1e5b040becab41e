//! A date in a few integers for the cache: the year, then everything else written packed
//! into bits (form, X digits, significant digits, month, day, qualifiers), then the time
//! of day if any. Three varints instead of fifteen fields to decode per date at every warm
//! start. Unpacking refuses bit patterns the parser cannot make; `check` does the rest.

use super::{Date, Marks, Offset, Part, Qualifier, Time, Year, YearForm};
use serde::{Deserialize, Deserializer, Serialize, Serializer, de::Error};

fn q_bits(q: Qualifier) -> u64 {
    match q {
        Qualifier::Certain => 0,
        Qualifier::Uncertain => 1,
        Qualifier::Approximate => 2,
        Qualifier::Both => 3,
    }
}

fn q_of(b: u64) -> Qualifier {
    match b & 3 {
        0 => Qualifier::Certain,
        1 => Qualifier::Uncertain,
        2 => Qualifier::Approximate,
        _ => Qualifier::Both,
    }
}

fn part_bits(p: Option<Part>) -> u64 {
    p.map_or(0, |p| {
        1 | u64::from(p.value) << 1 | u64::from(p.unspecified & 3) << 7
    })
}

fn part_of(b: u64) -> Option<Part> {
    (b & 1 == 1).then(|| Part {
        value: u8::try_from(b >> 1 & 0x3f).unwrap_or(0),
        unspecified: u8::try_from(b >> 7 & 3).unwrap_or(0),
    })
}

/// Everything but the year's value and the time, in 47 bits.
fn bits(d: &Date) -> u64 {
    let y = d.year;
    let (form, exp) = match y.form {
        YearForm::Plain => (0, 0),
        YearForm::Prefixed => (1, 0),
        YearForm::Exponent(e) => (2, u64::from(e & 0xf)),
    };
    let mut b = form | exp << 2 | u64::from(y.unspecified & 0xf) << 6;
    b |= u64::from(y.significant.map_or(0, |s| s.min(15))) << 10;
    b |= part_bits(d.month) << 14 | part_bits(d.day) << 23;
    for i in 0..3 {
        b |= q_bits(d.marks.before[i]) << (32 + 2 * i);
        b |= q_bits(d.marks.after[i]) << (38 + 2 * i);
    }
    b
}

/// The time of day: flags and clock in one integer, the fraction in another.
fn time_bits(t: &Time) -> (u64, u32) {
    let (form, minutes) = match t.offset {
        Offset::Local => (0, 0),
        Offset::Utc => (1, 0),
        Offset::Hours(h) => (2, i32::from(h) * 60),
        Offset::Minutes(m) => (3, i32::from(m)),
    };
    let minutes = u64::try_from(minutes + 2048).unwrap_or(0) & 0xfff;
    let b = u64::from(t.seconds)
        | u64::from(t.fraction_digits & 0xf) << 1
        | form << 5
        | minutes << 7
        | u64::from(t.secs) << 19;
    (b, t.nanos)
}

fn time_of(b: u64, nanos: u32) -> Result<Time, &'static str> {
    let minutes = i32::try_from(b >> 7 & 0xfff).unwrap_or(0) - 2048;
    let offset = match b >> 5 & 3 {
        0 => Offset::Local,
        1 => Offset::Utc,
        2 => Offset::Hours(i8::try_from(minutes / 60).map_err(|_| "offset")?),
        _ => Offset::Minutes(i16::try_from(minutes).map_err(|_| "offset")?),
    };
    Ok(Time {
        secs: u32::try_from(b >> 19).map_err(|_| "time of day")?,
        nanos,
        fraction_digits: u8::try_from(b >> 1 & 0xf).unwrap_or(0),
        seconds: b & 1 == 1,
        offset,
    })
}

type Packed = (i64, u64, Option<(u64, u32)>);

/// Undo [`bits`] and [`time_bits`], refusing what they cannot make.
fn unpack(value: i64, b: u64, time: Option<(u64, u32)>) -> Result<Date, &'static str> {
    let form = match b & 3 {
        0 => YearForm::Plain,
        1 => YearForm::Prefixed,
        2 => YearForm::Exponent(u8::try_from(b >> 2 & 0xf).unwrap_or(0)),
        _ => return Err("date: unknown year form"),
    };
    let sig = u8::try_from(b >> 10 & 0xf).unwrap_or(0);
    let mut marks = Marks::default();
    for i in 0..3 {
        marks.before[i] = q_of(b >> (32 + 2 * i));
        marks.after[i] = q_of(b >> (38 + 2 * i));
    }
    Ok(Date {
        year: Year {
            value,
            form,
            unspecified: u8::try_from(b >> 6 & 0xf).unwrap_or(0),
            significant: (sig != 0).then_some(sig),
        },
        month: part_of(b >> 14),
        day: part_of(b >> 23),
        marks,
        time: time.map(|(t, nanos)| time_of(t, nanos)).transpose()?,
    })
}

/// Set in a date's second word when it has a time of day.
const HAS_TIME: u64 = 1 << 63;

impl Date {
    /// The date in four words (year, packed fields, time of day, nanoseconds): the warm-
    /// start cache's fixed layout.
    pub fn to_words(&self) -> [u64; 4] {
        let (t, nanos) = self.time.as_ref().map_or((0, 0), time_bits);
        let has_time = if self.time.is_some() { HAS_TIME } else { 0 };
        [
            self.year.value.cast_unsigned(),
            bits(self) | has_time,
            t,
            u64::from(nanos),
        ]
    }

    /// The date [`Date::to_words`] made, or an error for words it cannot make (what it
    /// may still make that the parser cannot is for [`Edtf::sound`] to refuse).
    pub fn from_words(w: [u64; 4]) -> Result<Date, &'static str> {
        let time = if w[1] & HAS_TIME != 0 {
            Some((w[2], u32::try_from(w[3]).map_err(|_| "date: nanoseconds")?))
        } else {
            None
        };
        unpack(w[0].cast_signed(), w[1] & !HAS_TIME, time)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let packed: Packed = (
            self.year.value,
            bits(self),
            self.time.as_ref().map(time_bits),
        );
        packed.serialize(s)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
        let (value, b, time) = Packed::deserialize(d)?;
        unpack(value, b, time).map_err(D::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::super::Edtf;

    #[test]
    fn every_form_packs_and_unpacks_to_itself() {
        for s in [
            "1985-04-12T23:20:30.125-04:30",
            "2004-01-01T10:10Z",
            "1985-04-12T23:20:30-04",
            "?2004-06-~11",
            "2004-%06-11",
            "156X-12-25",
            "XXXX-12-XX",
            "Y-17E7",
            "Y171010000S3",
            "1950S2",
            "2001-41",
            "[1667,1668,1670..1672]",
            "{..1984}",
            "1985/",
            "../1985-04",
            "-0043-03-15",
            "2005-07-25T10:10:10Z/2006-01-01T10:10:10Z",
        ] {
            let d = Edtf::parse(s).unwrap();
            let bytes = postcard::to_allocvec(&d).unwrap();
            let back: Edtf = postcard::from_bytes(&bytes).unwrap();
            assert_eq!(back, d, "{s}");
            d.each_date(|x| assert_eq!(super::Date::from_words(x.to_words()), Ok(*x), "{s}"));
            assert_eq!(back.to_edtf(), s);
        }
    }
}
