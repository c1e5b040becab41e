//! Is a date value one the parser could have made? What the cache checks on every date it
//! reads back, without parsing text again, so that a forged entry cannot make bounds or
//! readings overflow.

use super::Shape;
use super::{Date, Edtf, Part, YearForm, bounds, civil};

impl Edtf {
    /// Could the parser have made this value? Every field inside the ranges the parser
    /// allows, so that bounds and readings never overflow (what the cache checks on a date
    /// it reads back, without parsing text again).
    pub fn sound(&self) -> bool {
        let mut ok = true;
        self.each_date(|d| ok &= d.sound());
        match self.shape() {
            Shape::Interval { start, end } => {
                ok && (start.date().is_some() || end.date().is_some())
            }
            Shape::Set(s) => ok && !s.members.is_empty(),
            Shape::Point(_) => ok,
        }
    }
}

impl Date {
    pub(super) fn sound(&self) -> bool {
        let y = self.year;
        let year = y.value.abs() <= civil::MAX_YEAR
            && y.unspecified < 16
            && match y.form {
                YearForm::Plain => y.value.abs() <= 9999,
                YearForm::Prefixed => true,
                YearForm::Exponent(e) => (1..=11).contains(&e),
            }
            && y.significant.is_none_or(|s| (1..=12).contains(&s));
        let part = |p: Option<Part>, hi: u8| p.is_none_or(|p| p.value <= hi && p.unspecified < 4);
        let time = self.time.is_none_or(|t| {
            t.secs < 86_400
                && t.nanos < 1_000_000_000
                && t.fraction_digits <= 9
                && t.offset.minutes().abs() < 24 * 60
        });
        year && part(self.month, 41)
            && part(self.day, 31)
            && time
            && bounds::day_range(self).is_some()
    }
}
