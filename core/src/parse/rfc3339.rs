//! Snapshot timestamps, read fast: exporters write `2026-11-21T00:00:00Z` (UTC, whole seconds), and
//! a large snapshot holds millions of them (every change's `committed_at`). That fixed form is read
//! by byte arithmetic; any other text goes to chrono's RFC 3339 parser exactly as chrono's own serde
//! implementation does, so values and error messages are chrono's.

use std::fmt;

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime, Utc};
use serde::de::{Deserialize, Deserializer, Error, Visitor};

/// `deserialize_with` for a `DateTime<Utc>` field: the same result as chrono's `Deserialize`.
pub(crate) fn instant<'de, D: Deserializer<'de>>(deserializer: D) -> Result<DateTime<Utc>, D::Error> {
    deserializer.deserialize_str(InstantVisitor)
}

/// `deserialize_with` for an `Option<DateTime<Utc>>` field (`null` is `None`).
pub(crate) fn optional_instant<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<DateTime<Utc>>, D::Error> {
    Option::<Instant>::deserialize(deserializer).map(|instant| instant.map(|Instant(at)| at))
}

struct Instant(DateTime<Utc>);

impl<'de> Deserialize<'de> for Instant {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Instant, D::Error> {
        instant(deserializer).map(Instant)
    }
}

struct InstantVisitor;

impl Visitor<'_> for InstantVisitor {
    type Value = DateTime<Utc>;

    /// chrono's words, so a type error reads the same as without the fast path.
    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("an RFC 3339 formatted date and time string")
    }

    fn visit_str<E: Error>(self, text: &str) -> Result<DateTime<Utc>, E> {
        match fixed_utc(text) {
            Some(at) => Ok(at),
            None => text.parse::<DateTime<FixedOffset>>().map(|at| at.with_timezone(&Utc)).map_err(E::custom),
        }
    }
}

/// `YYYY-MM-DDTHH:MM:SSZ` with a valid date and time (no leap second), else `None`.
fn fixed_utc(text: &str) -> Option<DateTime<Utc>> {
    let bytes: &[u8; 20] = text.as_bytes().try_into().ok()?;
    let separators = [(4, b'-'), (7, b'-'), (10, b'T'), (13, b':'), (16, b':'), (19, b'Z')];
    if separators.iter().any(|&(at, separator)| bytes[at] != separator) {
        return None;
    }
    let number = |from: usize, to: usize| {
        bytes[from..to].iter().try_fold(0_u32, |value, byte| {
            let digit = byte.wrapping_sub(b'0');
            (digit <= 9).then(|| value * 10 + u32::from(digit))
        })
    };
    let year = i32::try_from(number(0, 4)?).ok()?;
    let date = NaiveDate::from_ymd_opt(year, number(5, 7)?, number(8, 10)?)?;
    let time = NaiveTime::from_hms_opt(number(11, 13)?, number(14, 16)?, number(17, 19)?)?;
    Some(date.and_time(time).and_utc())
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn chrono(text: &str) -> Option<DateTime<Utc>> {
        text.parse::<DateTime<FixedOffset>>().ok().map(|at| at.with_timezone(&Utc))
    }

    #[test]
    fn the_fixed_form_is_read_and_everything_else_is_left_to_chrono() {
        assert_eq!(fixed_utc("2026-11-21T13:04:05Z"), chrono("2026-11-21T13:04:05Z"));
        assert!(fixed_utc("2026-11-21T13:04:05Z").is_some());
        assert_eq!(fixed_utc("2024-02-29T00:00:00Z"), chrono("2024-02-29T00:00:00Z"));
        for other in
            ["2026-02-29T00:00:00Z", "2026-11-21T23:59:60Z", "2026-11-21t00:00:00Z", "2026-11-21T00:00:00+00:00"]
        {
            assert_eq!(fixed_utc(other), None, "{other}");
        }
    }

    #[test]
    fn fields_read_like_chrono_fields() {
        #[derive(Debug, serde::Deserialize)]
        struct Fields {
            #[serde(deserialize_with = "instant")]
            at: DateTime<Utc>,
            #[serde(default, deserialize_with = "optional_instant")]
            until: Option<DateTime<Utc>>,
        }
        #[derive(Debug, serde::Deserialize)]
        struct ChronoFields {
            at: DateTime<Utc>,
            #[serde(default)]
            until: Option<DateTime<Utc>>,
        }
        let texts = [
            r#"{"at": "2026-11-21T00:00:00Z"}"#,
            r#"{"at": "2026-11-21T01:00:00+01:00", "until": null}"#,
            r#"{"at": "2026-11-21T00:00:00.5Z", "until": "2026-11-21T00:00:01Z"}"#,
            r#"{"at": "2026-13-21T00:00:00Z"}"#,
            r#"{"at": 5}"#,
            r#"{"at": "2026-11-21T00:00:00Z", "until": 5}"#,
        ];
        for text in texts {
            let ours = serde_json::from_str::<Fields>(text).map(|f| (f.at, f.until)).map_err(|e| e.to_string());
            let theirs = serde_json::from_str::<ChronoFields>(text).map(|f| (f.at, f.until)).map_err(|e| e.to_string());
            assert_eq!(ours, theirs, "{text}");
        }
    }

    proptest! {
        #[test]
        fn agrees_with_chrono_on_the_fixed_form(text in "[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z") {
            let fast = fixed_utc(&text);
            prop_assert!(fast.is_none() || fast == chrono(&text));
            prop_assert!(fast.is_some() || chrono(&text).is_none() || text.ends_with(":60Z"));
        }

        #[test]
        fn agrees_with_chrono_on_near_misses(text in "[0-9]{4}[-T:Z0-9]{1}[0-9]{2}-[0-9]{2}[Tt ][0-9]{2}:[0-9]{2}:[0-9]{2}[Zz]?") {
            let fast = fixed_utc(&text);
            prop_assert!(fast.is_none() || fast == chrono(&text));
        }
    }
}
