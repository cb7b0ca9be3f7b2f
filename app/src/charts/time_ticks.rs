//! Tick marks for a time axis: round UTC instants (hours, days, Mondays, month starts) with labels.

use chrono::{DateTime, Datelike, NaiveDate, TimeZone, Utc};

use crate::instant_text;

const HOUR: i64 = 3_600;
const DAY: i64 = 86_400;
/// 1970-01-01 was a Thursday: Mondays are 4 days after the epoch, modulo a week.
const MONDAY_OFFSET_SECS: i64 = 4 * DAY;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    Secs(i64),
    Weeks(i64),
    Months(u32),
}

const STEPS: [Step; 13] = [
    Step::Secs(HOUR),
    Step::Secs(2 * HOUR),
    Step::Secs(3 * HOUR),
    Step::Secs(6 * HOUR),
    Step::Secs(12 * HOUR),
    Step::Secs(DAY),
    Step::Secs(2 * DAY),
    Step::Weeks(1),
    Step::Weeks(2),
    Step::Months(1),
    Step::Months(3),
    Step::Months(6),
    Step::Months(12),
];

/// One tick: where, and what it says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeTick {
    pub at_secs: i64,
    pub label: String,
}

/// At most `max_ticks` round instants inside `[start_secs, end_secs]`, with labels at the step's precision.
pub fn time_ticks(start_secs: i64, end_secs: i64, max_ticks: usize) -> Vec<TimeTick> {
    if end_secs <= start_secs || max_ticks == 0 {
        return Vec::new();
    }
    for step in STEPS {
        let ticks = instants(step, start_secs, end_secs, max_ticks + 1);
        if ticks.len() <= max_ticks {
            return ticks.into_iter().map(|at_secs| TimeTick { at_secs, label: label(step, at_secs) }).collect();
        }
    }
    Vec::new()
}

/// The step's instants in the range, stopping once `limit` are found.
fn instants(step: Step, start_secs: i64, end_secs: i64, limit: usize) -> Vec<i64> {
    let mut found = Vec::new();
    match step {
        Step::Secs(step_secs) => push_aligned(&mut found, step_secs, 0, start_secs, end_secs, limit),
        Step::Weeks(weeks) => {
            push_aligned(&mut found, weeks * 7 * DAY, MONDAY_OFFSET_SECS, start_secs, end_secs, limit);
        }
        Step::Months(months) => {
            let Some(start) = DateTime::from_timestamp(start_secs, 0) else { return found };
            let mut month_index = i64::from(start.year()) * 12 + i64::from(start.month0());
            month_index -= month_index.rem_euclid(i64::from(months));
            while found.len() < limit {
                let Some(at) = month_start_secs(month_index) else { break };
                if at > end_secs {
                    break;
                }
                if at >= start_secs {
                    found.push(at);
                }
                month_index += i64::from(months);
            }
        }
    }
    found
}

/// Multiples of `step_secs` after `offset_secs`, within the range.
fn push_aligned(found: &mut Vec<i64>, step_secs: i64, offset_secs: i64, start_secs: i64, end_secs: i64, limit: usize) {
    let mut at = start_secs.saturating_sub(offset_secs).div_euclid(step_secs).saturating_mul(step_secs) + offset_secs;
    while at <= end_secs && found.len() < limit {
        if at >= start_secs {
            found.push(at);
        }
        let Some(next) = at.checked_add(step_secs) else { break };
        at = next;
    }
}

fn month_start_secs(month_index: i64) -> Option<i64> {
    let year = i32::try_from(month_index.div_euclid(12)).ok()?;
    let month = u32::try_from(month_index.rem_euclid(12)).ok()? + 1;
    let date = NaiveDate::from_ymd_opt(year, month, 1)?;
    Some(Utc.from_utc_datetime(&date.and_hms_opt(0, 0, 0)?).timestamp())
}

/// ISO 8601 labels at the step's precision: `2026-11-20` (days, and sub-day ticks at midnight),
/// `06:00` (other sub-day ticks), `2026-11` (months), `2026` (years).
fn label(step: Step, at_secs: i64) -> String {
    let Some(at) = DateTime::from_timestamp(at_secs, 0) else { return at_secs.to_string() };
    match step {
        Step::Secs(secs) if secs < DAY && at_secs.rem_euclid(DAY) != 0 => instant_text::hour_minute(at),
        Step::Secs(_) | Step::Weeks(_) => instant_text::date(at),
        Step::Months(12) => instant_text::year(at),
        Step::Months(_) => instant_text::year_month(at),
    }
}

/// An instant as shown on hover and in tables: `2026-11-21 22:45 UTC`.
pub fn format_instant(at_secs: i64) -> String {
    DateTime::from_timestamp(at_secs, 0).map_or_else(|| at_secs.to_string(), instant_text::minute_utc)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn secs(text: &str) -> i64 {
        text.parse::<DateTime<Utc>>().map(|at| at.timestamp()).unwrap_or(i64::MIN)
    }

    fn labels(ticks: &[TimeTick]) -> Vec<&str> {
        ticks.iter().map(|tick| tick.label.as_str()).collect()
    }

    #[test]
    fn a_day_gets_round_hours() {
        // 24 h with at most 8 ticks: 3 h steps give 9 (00..24), 6 h give 5.
        let ticks = time_ticks(secs("2026-11-20T00:00:00Z"), secs("2026-11-21T00:00:00Z"), 8);
        assert_eq!(labels(&ticks), ["2026-11-20", "06:00", "12:00", "18:00", "2026-11-21"]);
    }

    #[test]
    fn four_weeks_get_mondays() {
        // 2026-11-01 is a Sunday; the Mondays after it are 2, 9, 16, 23 and 30 November.
        let ticks = time_ticks(secs("2026-11-01T00:00:00Z"), secs("2026-11-29T00:00:00Z"), 6);
        assert_eq!(labels(&ticks), ["2026-11-02", "2026-11-09", "2026-11-16", "2026-11-23"]);
    }

    #[test]
    fn a_year_gets_month_starts() {
        let ticks = time_ticks(secs("2025-11-21T00:00:00Z"), secs("2026-11-21T00:00:00Z"), 6);
        assert_eq!(labels(&ticks), ["2026-01", "2026-04", "2026-07", "2026-10"]);
        assert_eq!(ticks[0].at_secs, secs("2026-01-01T00:00:00Z"));
    }

    #[test]
    fn empty_ranges_have_no_ticks() {
        assert!(time_ticks(10, 10, 5).is_empty());
        assert!(time_ticks(10, 100_000, 0).is_empty());
    }

    #[test]
    fn instants_are_written_in_utc() {
        assert_eq!(format_instant(secs("2026-11-21T22:45:00Z")), "2026-11-21 22:45 UTC");
    }
}
