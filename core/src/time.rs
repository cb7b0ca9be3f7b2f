//! Durations and windows as the snapshot format writes them (`"5m"`, `"28d"`, `"calendar:month"`).

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// A positive whole duration written as an integer and a unit: `m`, `h`, `d` or `w` (`"5m"`, `"28d"`).
///
/// Kept in seconds; [`fmt::Display`] writes it back in the largest of `d`, `h`, `m` that divides it
/// exactly: SLO windows are spoken of in days (`"28d"`, not `"4w"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Span {
    secs: i64,
}

/// Why a duration or window text was rejected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SpanError {
    #[error("expected a positive integer followed by m, h, d or w (like \"5m\" or \"28d\"), found {0:?}")]
    Malformed(String),
    #[error("duration {0:?} is too long")]
    TooLong(String),
    #[error("expected a rolling duration like \"28d\" or one of \"calendar:week\", \"calendar:month\", \"calendar:quarter\", found {0:?}")]
    BadWindow(String),
}

impl Span {
    pub const MINUTE: Span = Span { secs: 60 };
    pub const HOUR: Span = Span { secs: 3_600 };
    pub const DAY: Span = Span { secs: 86_400 };
    pub const WEEK: Span = Span { secs: 604_800 };

    /// A span of whole seconds; `None` unless positive.
    pub fn from_secs(secs: i64) -> Option<Span> {
        (secs > 0).then_some(Span { secs })
    }

    pub fn secs(self) -> i64 {
        self.secs
    }

    pub fn to_chrono(self) -> chrono::TimeDelta {
        chrono::TimeDelta::seconds(self.secs)
    }
}

impl FromStr for Span {
    type Err = SpanError;

    fn from_str(text: &str) -> Result<Span, SpanError> {
        let malformed = || SpanError::Malformed(text.to_owned());
        let unit_at = text.len().checked_sub(1).ok_or_else(malformed)?;
        let (digits, unit) = text.split_at(unit_at);
        let unit_secs = match unit {
            "m" => 60,
            "h" => 3_600,
            "d" => 86_400,
            "w" => 604_800,
            _ => return Err(malformed()),
        };
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(malformed());
        }
        let count: i64 = digits.parse().map_err(|_| SpanError::TooLong(text.to_owned()))?;
        // At most about 10,000 years keeps every timestamp arithmetic on spans in range.
        const MAX_SECS: i64 = 10_000 * 366 * 86_400;
        match count.checked_mul(unit_secs) {
            Some(0) => Err(malformed()),
            Some(secs) if secs <= MAX_SECS => Ok(Span { secs }),
            _ => Err(SpanError::TooLong(text.to_owned())),
        }
    }
}

impl TryFrom<String> for Span {
    type Error = SpanError;
    fn try_from(text: String) -> Result<Span, SpanError> {
        text.parse()
    }
}

impl From<Span> for String {
    fn from(span: Span) -> String {
        span.to_string()
    }
}

impl fmt::Display for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (count, unit) = [(86_400, "d"), (3_600, "h")]
            .into_iter()
            .find(|(unit_secs, _)| self.secs % unit_secs == 0)
            .map_or((self.secs / 60, "m"), |(unit_secs, unit)| (self.secs / unit_secs, unit));
        write!(f, "{count}{unit}")
    }
}

/// A positive integer (leading zeros allowed) followed by a unit.
const SPAN_PATTERN: &str = "0*[1-9][0-9]*[mhdw]";

impl schemars::JsonSchema for Span {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Span".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "pattern": format!("^{SPAN_PATTERN}$"),
            "description": "A positive whole duration: an integer and a unit, m (minutes), h (hours), d (days) or w (weeks), like \"5m\" or \"28d\".",
        })
    }
}

/// A calendar period in UTC: ISO week (from Monday 00:00), month or quarter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CalendarPeriod {
    Week,
    Month,
    Quarter,
}

/// The compliance window of an SLO: rolling (the last `Span` before `as_of`) or a calendar period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub enum Window {
    Rolling(Span),
    Calendar(CalendarPeriod),
}

impl schemars::JsonSchema for Window {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Window".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "pattern": format!("^({SPAN_PATTERN}|calendar:(week|month|quarter))$"),
            "description": "The compliance window: a rolling duration like \"28d\", or a calendar period in UTC: \"calendar:week\" (ISO week from Monday), \"calendar:month\" or \"calendar:quarter\".",
        })
    }
}

impl FromStr for Window {
    type Err = SpanError;

    fn from_str(text: &str) -> Result<Window, SpanError> {
        match text {
            "calendar:week" => Ok(Window::Calendar(CalendarPeriod::Week)),
            "calendar:month" => Ok(Window::Calendar(CalendarPeriod::Month)),
            "calendar:quarter" => Ok(Window::Calendar(CalendarPeriod::Quarter)),
            _ if text.starts_with("calendar:") => Err(SpanError::BadWindow(text.to_owned())),
            _ => text.parse().map(Window::Rolling).map_err(|err| match err {
                SpanError::Malformed(_) => SpanError::BadWindow(text.to_owned()),
                other => other,
            }),
        }
    }
}

impl TryFrom<String> for Window {
    type Error = SpanError;
    fn try_from(text: String) -> Result<Window, SpanError> {
        text.parse()
    }
}

impl From<Window> for String {
    fn from(window: Window) -> String {
        window.to_string()
    }
}

impl fmt::Display for Window {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Window::Rolling(span) => span.fmt(f),
            Window::Calendar(CalendarPeriod::Week) => f.write_str("calendar:week"),
            Window::Calendar(CalendarPeriod::Month) => f.write_str("calendar:month"),
            Window::Calendar(CalendarPeriod::Quarter) => f.write_str("calendar:quarter"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_parse_in_each_unit() {
        assert_eq!("5m".parse::<Span>().map(Span::secs), Ok(300));
        assert_eq!("2h".parse::<Span>().map(Span::secs), Ok(7_200));
        assert_eq!("28d".parse::<Span>().map(Span::secs), Ok(2_419_200));
        assert_eq!("1w".parse::<Span>().map(Span::secs), Ok(604_800));
    }

    #[test]
    fn spans_reject_zero_signs_blanks_and_unknown_units() {
        for bad in ["", "m", "0m", "-5m", "+5m", "5", "5s", "5 m", " 5m", "5M", "1.5h", "99999999999999999999d"] {
            assert!(bad.parse::<Span>().is_err(), "{bad:?} should be rejected");
        }
    }

    #[test]
    fn spans_display_in_the_largest_exact_unit() {
        for (text, shown) in
            [("60m", "1h"), ("1440m", "1d"), ("14d", "14d"), ("2w", "14d"), ("28d", "28d"), ("90m", "90m")]
        {
            assert_eq!(text.parse::<Span>().map(|s| s.to_string()).as_deref(), Ok(shown));
        }
    }

    #[test]
    fn windows_are_rolling_or_calendar() {
        assert_eq!("28d".parse(), Ok(Window::Rolling(Span::DAY.times(28))));
        assert_eq!("calendar:quarter".parse(), Ok(Window::Calendar(CalendarPeriod::Quarter)));
        assert!("calendar:year".parse::<Window>().is_err());
        assert!("month".parse::<Window>().is_err());
    }

    impl Span {
        fn times(self, n: i64) -> Span {
            Span { secs: self.secs * n }
        }
    }
}
