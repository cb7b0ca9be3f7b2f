//! Instants and dates as the site writes them (ISO 8601 dates, 24-hour UTC times, English month
//! names), written field by field instead of through chrono's strftime strings: the strftime
//! interpreter and its format-string lexer cost the wasm about 10 KB. Each function equals one chrono
//! format string exactly (the tests compare them), named in its doc.

use std::fmt::Write;

use chrono::format::{Item, Numeric, Pad, Parsed};
use chrono::{DateTime, Datelike, NaiveDateTime, Timelike, Utc};

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// `%Y-%m-%d`: `2026-11-20`.
pub fn date(at: DateTime<Utc>) -> String {
    let mut out = year(at);
    let _ = write!(out, "-{:02}-{:02}", at.month(), at.day());
    out
}

/// `%Y-%m-%d %H:%M`: `2026-11-20 06:00`.
pub fn minute(at: DateTime<Utc>) -> String {
    let mut out = date(at);
    out.push(' ');
    out.push_str(&hour_minute(at));
    out
}

/// `%Y-%m-%d %H:%M UTC`: `2026-11-20 06:00 UTC`.
pub fn minute_utc(at: DateTime<Utc>) -> String {
    let mut out = minute(at);
    out.push_str(" UTC");
    out
}

/// `%H:%M`: `06:00`.
pub fn hour_minute(at: DateTime<Utc>) -> String {
    format!("{:02}:{:02}", at.hour(), at.minute())
}

/// `%Y-%m`: `2026-11`.
pub fn year_month(at: DateTime<Utc>) -> String {
    let mut out = year(at);
    let _ = write!(out, "-{:02}", at.month());
    out
}

/// `%Y`: four digits for the years 0 to 9999, otherwise a sign and at least four digits.
pub fn year(at: DateTime<Utc>) -> String {
    let year = at.year();
    if (0..=9999).contains(&year) {
        format!("{year:04}")
    } else {
        format!("{year:+05}")
    }
}

/// `%B %Y`: `November 2026`.
pub fn month_name_year(at: DateTime<Utc>) -> String {
    format!("{} {}", month_name(at), year(at))
}

/// `%b %Y`: `Nov 2026`.
pub fn month_abbreviation_year(at: DateTime<Utc>) -> String {
    format!("{} {}", month_abbreviation(at), year(at))
}

/// `%-d %b`: `5 Nov`.
pub fn day_month_abbreviation(at: DateTime<Utc>) -> String {
    format!("{} {}", at.day(), month_abbreviation(at))
}

fn month_name(at: DateTime<Utc>) -> &'static str {
    MONTHS.get(at.month0() as usize).copied().unwrap_or_default()
}

fn month_abbreviation(at: DateTime<Utc>) -> &'static str {
    month_name(at).get(..3).unwrap_or_default()
}

/// What `NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M")` reads, through the items that format
/// string stands for (so chrono's format-string lexer is not needed).
pub fn parse_minute(text: &str) -> Option<NaiveDateTime> {
    let mut parsed = Parsed::new();
    chrono::format::parse(&mut parsed, text, MINUTE_ITEMS.iter()).ok()?;
    parsed.to_naive_datetime_with_offset(0).ok()
}

const MINUTE_ITEMS: [Item<'static>; 9] = [
    Item::Numeric(Numeric::Year, Pad::Zero),
    Item::Literal("-"),
    Item::Numeric(Numeric::Month, Pad::Zero),
    Item::Literal("-"),
    Item::Numeric(Numeric::Day, Pad::Zero),
    Item::Space(" "),
    Item::Numeric(Numeric::Hour, Pad::Zero),
    Item::Literal(":"),
    Item::Numeric(Numeric::Minute, Pad::Zero),
];

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::format::StrftimeItems;
    use proptest::prelude::*;

    #[test]
    fn the_parse_items_are_what_chrono_reads_from_the_format_string() {
        let from_string: Vec<Item<'_>> = StrftimeItems::new("%Y-%m-%d %H:%M").collect();
        assert_eq!(from_string, MINUTE_ITEMS);
    }

    #[test]
    fn parse_minute_reads_what_parse_from_str_reads() {
        for text in
            ["2026-11-20 06:05", "2026-1-2 3:4", "2026-11-20  06:05", "2026-11-20T06:05", "2026-13-01 00:00", "", "x"]
        {
            assert_eq!(parse_minute(text), NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").ok(), "{text:?}");
        }
    }

    #[test]
    fn years_outside_four_digits_are_written_as_chrono_writes_them() {
        for at in [DateTime::<Utc>::MIN_UTC, DateTime::<Utc>::MAX_UTC] {
            assert_eq!(year(at), at.format("%Y").to_string());
            assert_eq!(minute_utc(at), at.format("%Y-%m-%d %H:%M UTC").to_string());
        }
    }

    proptest! {
        #[test]
        fn each_writer_equals_its_chrono_format_string(secs in -62_135_596_800i64..253_402_300_799) {
            let at = DateTime::from_timestamp(secs, 0).unwrap_or_default();
            prop_assert_eq!(date(at), at.format("%Y-%m-%d").to_string());
            prop_assert_eq!(minute(at), at.format("%Y-%m-%d %H:%M").to_string());
            prop_assert_eq!(minute_utc(at), at.format("%Y-%m-%d %H:%M UTC").to_string());
            prop_assert_eq!(hour_minute(at), at.format("%H:%M").to_string());
            prop_assert_eq!(year_month(at), at.format("%Y-%m").to_string());
            prop_assert_eq!(year(at), at.format("%Y").to_string());
            prop_assert_eq!(month_name_year(at), at.format("%B %Y").to_string());
            prop_assert_eq!(month_abbreviation_year(at), at.format("%b %Y").to_string());
            prop_assert_eq!(day_month_abbreviation(at), at.format("%-d %b").to_string());
        }
    }
}
