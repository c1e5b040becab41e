//! An interval's two ends, boxed inside a date, and the date's shape to match on: most
//! dates are single, and every event record holds its date, so a date is the size of one
//! [`Date`].

use super::{Bound, Date, Edtf, Set};

/// The two ends of an interval.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct Interval {
    /// Start bound.
    pub start: Bound,
    /// End bound.
    pub end: Bound,
}

/// An [`Edtf`]'s shape, to match on: its interval's ends in reach (not behind a box).
#[derive(Clone, Copy, Debug)]
pub enum Shape<'a> {
    /// A single date.
    Point(&'a Date),
    /// `START/END`.
    Interval {
        /// Start bound.
        start: &'a Bound,
        /// End bound.
        end: &'a Bound,
    },
    /// `[…]` or `{…}`.
    Set(&'a Set),
}

impl Edtf {
    /// An interval from `start` to `end`.
    pub fn interval(start: Bound, end: Bound) -> Edtf {
        Edtf::Interval(Box::new(Interval { start, end }))
    }

    /// The date to match on.
    pub fn shape(&self) -> Shape<'_> {
        match self {
            Edtf::Point(d) => Shape::Point(d),
            Edtf::Interval(i) => Shape::Interval {
                start: &i.start,
                end: &i.end,
            },
            Edtf::Set(s) => Shape::Set(s),
        }
    }
}

#[cfg(test)]
mod size_tests {
    #[test]
    fn a_date_is_the_size_of_one_day_intervals_and_sets_are_boxed() {
        // Every event record holds its date: an inline interval doubled it.
        assert_eq!(
            std::mem::size_of::<super::super::Edtf>(),
            std::mem::size_of::<super::super::Date>()
        );
        assert!(std::mem::size_of::<crate::domain::Event>() <= 112);
    }
}
