//! OpenSLO `timeWindow` and `timeSliceWindow` to Uptrend windows and steps.
//!
//! Rolling: `duration` in m, h, d or w. Calendar-aligned (`isRolling: false` or a `calendar`):
//! `1w` (ISO week), `1M` or `1Q`, in UTC, with a `startTime` (when given) at a period start.

use chrono::{Datelike, NaiveDateTime, Timelike, Weekday};
use uptrend_core::time::{CalendarPeriod, Span, Window};

use crate::duration::{parse_duration, Duration};
use crate::problem::Problem;
use crate::yaml::{At, Value};

/// The window of `spec.timeWindow` (a list of exactly one item).
pub fn time_window(spec: &At<'_>) -> Result<Window, Problem> {
    let windows = spec.required("timeWindow")?;
    let items = windows.items()?;
    let [item] = items.as_slice() else {
        return Err(windows.error(format!("expected exactly one time window, found {}", items.len())));
    };
    let duration_at = item.required("duration")?;
    let text = duration_at.text()?;
    let duration = parse_duration(&text).map_err(|reason| duration_at.error(reason))?;
    let calendar = item.get("calendar");
    let rolling = match item.get("isRolling") {
        Some(flag) => {
            let rolling = flag.bool()?;
            if rolling && calendar.is_some() {
                return Err(flag.error("`isRolling: true` with a `calendar`: a window is rolling or calendar-aligned"));
            }
            rolling
        }
        None => calendar.is_none(),
    };
    if rolling {
        return match duration {
            Duration::Fixed(span) => Ok(Window::Rolling(span)),
            _ => Err(duration_at.error(format!(
                "a rolling window of {text} is not supported: months, quarters and years have no fixed length; \
                 write days (like 30d) or use a calendar window"
            ))),
        };
    }
    let period = match duration {
        Duration::Fixed(span) if span == Span::WEEK => CalendarPeriod::Week,
        Duration::Months(1) => CalendarPeriod::Month,
        Duration::Quarters(1) => CalendarPeriod::Quarter,
        Duration::Fixed(span) if span == Span::MINUTE && text == "1m" => {
            return Err(duration_at.error("a calendar window of 1m (one minute) is not supported: a month is 1M"))
        }
        _ => {
            return Err(duration_at.error(format!(
                "a calendar window of {text} is not supported: expected 1w (ISO week), 1M (month) or 1Q (quarter)"
            )))
        }
    };
    if let Some(calendar) = calendar {
        check_calendar(&calendar, period)?;
    }
    Ok(Window::Calendar(period))
}

/// Uptrend's calendar periods are UTC weeks from Monday, months and quarters.
fn check_calendar(calendar: &At<'_>, period: CalendarPeriod) -> Result<(), Problem> {
    if let Some(zone_at) = calendar.get("timeZone") {
        let zone = zone_at.str()?;
        if !matches!(zone, "UTC" | "Etc/UTC" | "Etc/GMT" | "GMT" | "Z") {
            return Err(zone_at.error(format!(
                "calendar time zone {zone:?} is not supported: Uptrend's calendar periods are in UTC"
            )));
        }
    }
    let Some(start_at) = calendar.get("startTime") else { return Ok(()) };
    let text = start_at.text()?;
    let start = ["%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M:%SZ"]
        .iter()
        .find_map(|format| NaiveDateTime::parse_from_str(&text, format).ok())
        .ok_or_else(|| start_at.error(format!("expected a start time like 2026-01-01 00:00:00, found {text:?}")))?;
    let midnight = start.time().num_seconds_from_midnight() == 0 && start.nanosecond() == 0;
    let (aligned, rule) = match period {
        CalendarPeriod::Week => (midnight && start.weekday() == Weekday::Mon, "weeks start on Monday at 00:00 UTC"),
        CalendarPeriod::Month => (midnight && start.day() == 1, "months start on the 1st at 00:00 UTC"),
        CalendarPeriod::Quarter => (
            midnight && start.day() == 1 && matches!(start.month(), 1 | 4 | 7 | 10),
            "quarters start on 1 January, April, July and October at 00:00 UTC",
        ),
    };
    if aligned {
        Ok(())
    } else {
        Err(start_at.error(format!("start time {text} is not a period start: Uptrend's calendar {rule}")))
    }
}

/// An objective's `timeSliceWindow`: a duration-shorthand, or a number of minutes.
pub fn time_slice(at: &At<'_>) -> Result<Span, Problem> {
    let span = match &at.node.value {
        Value::Int(minutes) if *minutes > 0 => minutes.checked_mul(60).and_then(Span::from_secs),
        Value::Int(_) | Value::Float(_) => None,
        _ => match parse_duration(&at.text()?) {
            Ok(Duration::Fixed(span)) => Some(span),
            Ok(_) => None,
            Err(reason) => return Err(at.error(reason)),
        },
    };
    span.ok_or_else(|| at.error("expected a time slice of whole minutes, like 1m, 5m or a number of minutes"))
}
