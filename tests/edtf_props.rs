//! EDTF round trip over generated dates of every level: each parses, writes back byte for
//! byte, parses to the same value, and its strict (normalised) form has the same bounds.

use annals::domain::Edtf;
use proptest::prelude::*;

// ---- round trip over generated EDTF --------------------------------------------------

/// A four-digit year as EDTF writes it (`-0043`; year 0 is never signed).
fn year_text(y: i32) -> String {
    if y < 0 {
        format!("-{:04}", -y)
    } else {
        format!("{y:04}")
    }
}

/// `?`, `~` or `%`.
fn qualifier() -> impl Strategy<Value = &'static str> {
    prop_oneof![Just("?"), Just("~"), Just("%")]
}

/// A month: concrete, or with the unspecified digits every month allows.
fn month() -> BoxedStrategy<String> {
    prop_oneof![
        6 => (1u32..=12).prop_map(|m| format!("{m:02}")),
        1 => prop_oneof![Just("XX"), Just("0X"), Just("1X")].prop_map(str::to_owned),
    ]
    .boxed()
}

/// A day valid in every month: 01–28, or Xs that allow such a day.
fn day() -> BoxedStrategy<String> {
    prop_oneof![
        6 => (1u32..=28).prop_map(|d| format!("{d:02}")),
        1 => prop_oneof![Just("XX"), Just("0X"), Just("1X"), Just("2X")].prop_map(str::to_owned),
    ]
    .boxed()
}

/// The year's digits with some replaced by X: the rightmost k, or one anywhere.
fn masked_year(y: i32) -> BoxedStrategy<String> {
    let digits = format!("{y:04}");
    prop_oneof![
        4 => Just(digits.clone()),
        1 => (1usize..=4).prop_map({
            let digits = digits.clone();
            move |k| format!("{}{}", &digits[..4 - k], "X".repeat(k))
        }),
        1 => (0usize..4).prop_map(move |i| {
            let mut d = digits.clone();
            d.replace_range(i..=i, "X");
            d
        }),
    ]
    .boxed()
}

/// A calendar date in year `y`: year, year-month, year-month-day or year-season, with
/// unspecified digits and qualifiers (per component on the left, or one on the right),
/// valid by construction. Xs in the year only when `year_x`.
fn date_in(y: i32, year_x: bool) -> BoxedStrategy<String> {
    let year = if year_x && y >= 0 {
        masked_year(y)
    } else {
        Just(year_text(y)).boxed()
    };
    #[derive(Clone, Debug)]
    enum Tail {
        Year,
        Month(String),
        Day(String, String),
        Season(u32),
    }
    let tail = prop_oneof![
        Just(Tail::Year),
        month().prop_map(Tail::Month),
        (month(), day()).prop_map(|(m, d)| Tail::Day(m, d)),
        (21u32..=41).prop_map(Tail::Season),
    ];
    (
        year,
        tail,
        prop::collection::vec(prop::option::weighted(0.2, qualifier()), 3),
        prop::option::weighted(0.3, (0usize..3, qualifier())),
    )
        .prop_map(move |(year, tail, left, right)| {
            let parts: Vec<String> = match tail {
                Tail::Year => vec![year],
                Tail::Month(m) => vec![year, m],
                Tail::Day(m, d) => vec![year, m, d],
                // No season for a year with Xs.
                Tail::Season(_) if year.contains('X') => return year,
                Tail::Season(s) => return format!("{year}-{s}"),
            };
            // Qualifiers only on dates with no X, never left of a minus sign, and left
            // ones only after the component that carries the right one (as in
            // "2004?-~06-~04", an example of python-edtf and of ISO 8601-2).
            if parts.iter().any(|p| p.contains('X')) {
                return parts.join("-");
            }
            let right = right.map(|(at, q)| (at.min(parts.len() - 1), q));
            let mut out = String::new();
            for (i, part) in parts.iter().enumerate() {
                if i > 0 {
                    out.push('-');
                }
                if let Some(q) = left[i]
                    && right.is_none_or(|(at, _)| i > at)
                    && !(i == 0 && y < 0)
                {
                    out.push_str(q);
                }
                out.push_str(part);
                if let Some((_, q)) = right.filter(|&(at, _)| at == i) {
                    out.push_str(q);
                }
            }
            out
        })
        .boxed()
}

/// Any four-digit calendar date (a quarter of them in negative years).
fn calendar_date() -> BoxedStrategy<String> {
    prop_oneof![3 => 0i32..=9999, 1 => -9999i32..=-1]
        .prop_flat_map(|y| date_in(y, true))
        .boxed()
}

/// A time of day to the second, maybe with a fraction, maybe with an offset.
fn time() -> BoxedStrategy<String> {
    let offset = prop_oneof![
        Just(String::new()),
        Just("Z".to_owned()),
        (prop_oneof![Just('+'), Just('-')], 1u32..=12).prop_map(|(s, h)| format!("{s}{h:02}")),
        (
            prop_oneof![Just('+'), Just('-')],
            0u32..=12,
            prop_oneof![Just(0u32), Just(15), Just(30), Just(45)]
        )
            .prop_filter("no -00:00", |&(s, h, m)| !(s == '-' && h == 0 && m == 0))
            .prop_map(|(s, h, m)| format!("{s}{h:02}:{m:02}")),
    ];
    (
        0u32..24,
        0u32..60,
        0u32..60,
        prop::option::weighted(0.2, "[0-9]{1,3}"),
        offset,
    )
        .prop_map(|(h, m, s, frac, off)| {
            let frac = frac.map(|f| format!(".{f}")).unwrap_or_default();
            format!("{h:02}:{m:02}:{s:02}{frac}{off}")
        })
        .boxed()
}

/// A full date in year `y` (no Xs, no qualifiers) and a time.
fn datetime_in(y: i32) -> BoxedStrategy<String> {
    (1u32..=12, 1u32..=28, time())
        .prop_map(move |(m, d, t)| format!("{}-{m:02}-{d:02}T{t}", year_text(y)))
        .boxed()
}

/// A year beyond four digits: `Y` digits, or `Y` mantissa `E` exponent; maybe with
/// significant digits.
fn long_year() -> BoxedStrategy<String> {
    let sign = prop_oneof![Just(""), Just("-")];
    let plain = (sign.clone(), 5u32..=9).prop_flat_map(|(sign, n)| {
        let digits = 10u64.pow(n - 1)..10u64.pow(n);
        (Just(sign), digits, prop::option::of(1..=n)).prop_map(|(sign, digits, s)| {
            let s = s.map(|s| format!("S{s}")).unwrap_or_default();
            format!("Y{sign}{digits}{s}")
        })
    });
    let exponent = (sign, 1u32..=999).prop_flat_map(|(sign, mantissa)| {
        let digits = mantissa.to_string().len();
        (5 - digits.min(4)..=9 - digits).prop_flat_map(move |e| {
            let total = digits + e;
            prop::option::of(1..=total).prop_map(move |s| {
                let s = s.map(|s| format!("S{s}")).unwrap_or_default();
                format!("Y{sign}{mantissa}E{e}{s}")
            })
        })
    });
    let significant = (1000i32..=9999, 1usize..=3).prop_map(|(y, s)| format!("{y}S{s}"));
    prop_oneof![plain, exponent, significant].boxed()
}

/// An interval: two dates in order (the end at least two years later, so that even a
/// winter reaching into the next year ends before it), or one date and an open or unknown
/// side.
fn interval() -> BoxedStrategy<String> {
    let ordered = (-9999i32..=9997)
        .prop_flat_map(|a| (Just(a), a + 2..=9999))
        .prop_flat_map(|(a, b)| (date_in(a, false), date_in(b, false)))
        .prop_map(|(a, b)| format!("{a}/{b}"));
    let half = (
        calendar_date(),
        prop_oneof![Just(".."), Just("")],
        any::<bool>(),
    )
        .prop_map(|(d, other, date_first)| {
            if date_first {
                format!("{d}/{other}")
            } else {
                format!("{other}/{d}")
            }
        });
    // The datetime interval annals accepts beyond EDTF.
    let datetimes = (0i32..=9998)
        .prop_flat_map(|a| (Just(a), a + 1..=9999))
        .prop_flat_map(|(a, b)| (datetime_in(a), datetime_in(b)))
        .prop_map(|(a, b)| format!("{a}/{b}"));
    prop_oneof![3 => ordered, 2 => half, 1 => datetimes].boxed()
}

/// `[…]` or `{…}` of members in ascending order, each a year, month or day of its own
/// year, or a range of months in that year, or a range of years up to the next member;
/// maybe open before the first or after the last.
fn set() -> BoxedStrategy<String> {
    (
        any::<bool>(),
        prop::collection::btree_set(0i32..=9999, 1..6),
        prop::collection::vec((0u8..5, 1u32..=11, 1u32..=28), 6),
        any::<(bool, bool)>(),
    )
        .prop_map(|(square, years, kinds, (before, after))| {
            let years: Vec<i32> = years.into_iter().collect();
            let mut members: Vec<String> = Vec::new();
            for (i, &y) in years.iter().enumerate() {
                let (kind, m, d) = kinds[i];
                let next = years.get(i + 1).copied().unwrap_or(10_000);
                let yt = year_text(y);
                members.push(match kind {
                    1 => format!("{yt}-{m:02}"),
                    2 => format!("{yt}-{m:02}-{d:02}"),
                    3 => format!("{yt}-{m:02}..{yt}-{:02}", m + 1),
                    4 if y + 1 < next => format!("{yt}..{}", year_text(y + 1)),
                    _ => yt,
                });
            }
            let last = members.len() - 1;
            if before && !members[0].contains("..") {
                members[0].insert_str(0, "..");
            }
            if after && !members[last].contains("..") {
                members[last].push_str("..");
            }
            let (open, close) = if square { ('[', ']') } else { ('{', '}') };
            format!("{open}{}{close}", members.join(","))
        })
        .boxed()
}

/// Any valid EDTF text (or annals extension) of every level.
fn edtf_text() -> BoxedStrategy<String> {
    prop_oneof![
        4 => calendar_date(),
        2 => (0i32..=9999).prop_flat_map(datetime_in),
        2 => long_year(),
        3 => interval(),
        2 => set(),
    ]
    .boxed()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, .. ProptestConfig::default() })]

    #[test]
    fn round_trip_property(s in edtf_text()) {
        let e = match Edtf::parse(&s) {
            Ok(e) => e,
            Err(err) => {
                return Err(TestCaseError::fail(format!("{s:?} rejected at column {}: {err}", err.column)));
            }
        };
        prop_assert_eq!(e.to_edtf(), s.clone());
        let again = Edtf::parse(&e.to_edtf());
        prop_assert_eq!(again.as_ref(), Ok(&e), "{}", s);
        prop_assert!(e.level().is_none_or(|l| l <= 2), "{}: level {:?}", s, e.level());
        let strict = e.normalized();
        let n = match Edtf::parse(&strict) {
            Ok(n) => n,
            Err(err) => {
                return Err(TestCaseError::fail(format!("{s:?} normalised to {strict:?}, rejected: {err}")));
            }
        };
        prop_assert_eq!(n.bounds_iso(), e.bounds_iso(), "{} → {}", s, strict);
        prop_assert_eq!(n.normalized(), strict.clone(), "{} → {}", s, strict);
        if e.level().is_some() {
            prop_assert_eq!(n.level(), e.level(), "{} → {}", s, strict);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, .. ProptestConfig::default() })]

    /// The integers a big file is sorted by order dates exactly as `sort_key` does.
    #[test]
    fn sort_bits_order_as_sort_key(a in edtf_text(), b in edtf_text()) {
        let (Ok(x), Ok(y)) = (Edtf::parse(&a), Edtf::parse(&b)) else {
            return Err(TestCaseError::fail(format!("{a:?} or {b:?} rejected")));
        };
        let (bx, by) = (x.sort_bits(), y.sort_bits());
        prop_assert_eq!(bx.cmp(&by), x.sort_key().cmp(&y.sort_key()), "{} vs {}", a, b);
        prop_assert_eq!(bx == by, x.sort_key() == y.sort_key(), "{} vs {}", a, b);
    }
}
