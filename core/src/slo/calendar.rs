//! Calendar periods in UTC: ISO weeks (Monday 00:00), months and quarters of their real lengths.

use chrono::{DateTime, Datelike, Days, Months, NaiveDate, Utc};

use crate::time::CalendarPeriod;

/// The period `[start, end)` of the given kind that holds `at`; `None` only at the edges of chrono's range.
pub fn period_containing(at: DateTime<Utc>, period: CalendarPeriod) -> Option<(DateTime<Utc>, DateTime<Utc>)> {
    let date = at.date_naive();
    let (first_day, next_first_day) = match period {
        CalendarPeriod::Week => {
            let monday = date.checked_sub_days(Days::new(u64::from(date.weekday().num_days_from_monday())))?;
            (monday, monday.checked_add_days(Days::new(7))?)
        }
        CalendarPeriod::Month => {
            let first = NaiveDate::from_ymd_opt(date.year(), date.month(), 1)?;
            (first, first.checked_add_months(Months::new(1))?)
        }
        CalendarPeriod::Quarter => {
            let first_month = (date.month0() / 3) * 3 + 1;
            let first = NaiveDate::from_ymd_opt(date.year(), first_month, 1)?;
            (first, first.checked_add_months(Months::new(3))?)
        }
    };
    Some((midnight(first_day)?, midnight(next_first_day)?))
}

fn midnight(day: NaiveDate) -> Option<DateTime<Utc>> {
    Some(day.and_hms_opt(0, 0, 0)?.and_utc())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn period(at: &str, kind: CalendarPeriod) -> (String, String) {
        let (start, end) = period_containing(at.parse().unwrap(), kind).unwrap();
        (start.to_rfc3339(), end.to_rfc3339())
    }

    #[test]
    fn iso_weeks_start_on_monday_even_across_a_year_end() {
        // 2027-01-01 is a Friday; its ISO week (2026-W53) started Monday 2026-12-28.
        assert_eq!(
            period("2027-01-01T12:00:00Z", CalendarPeriod::Week),
            ("2026-12-28T00:00:00+00:00".into(), "2027-01-04T00:00:00+00:00".into())
        );
        // A Monday at midnight opens its own week.
        assert_eq!(period("2026-12-28T00:00:00Z", CalendarPeriod::Week).0, "2026-12-28T00:00:00+00:00");
    }

    #[test]
    fn months_have_their_real_lengths() {
        assert_eq!(period("2028-02-29T23:59:59Z", CalendarPeriod::Month).1, "2028-03-01T00:00:00+00:00");
        assert_eq!(period("2026-12-31T00:00:00Z", CalendarPeriod::Month).1, "2027-01-01T00:00:00+00:00");
    }

    #[test]
    fn quarters_start_in_january_april_july_october() {
        assert_eq!(
            period("2026-12-31T23:59:59Z", CalendarPeriod::Quarter),
            ("2026-10-01T00:00:00+00:00".into(), "2027-01-01T00:00:00+00:00".into())
        );
        assert_eq!(period("2026-04-01T00:00:00Z", CalendarPeriod::Quarter).0, "2026-04-01T00:00:00+00:00");
    }
}
