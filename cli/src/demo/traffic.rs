//! Traffic shapes: how many requests a service gets in a bucket (daily and weekly cycles, growth).

use std::f64::consts::TAU;

use chrono::{DateTime, Datelike, Timelike, Utc, Weekday};

/// When a service gets traffic.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TrafficShape {
    /// Every day, peaking mid-afternoon UTC, quieter at night and on weekends.
    AroundTheClock,
    /// Batch jobs on weekdays only: weekends have no traffic at all.
    BusinessDays,
}

const SECS_PER_HOUR: f64 = 3_600.0;
const DAYS_PER_YEAR: f64 = 365.0;
/// Traffic a year before `now` is this share lower than at `now`.
const YEARLY_GROWTH: f64 = 0.3;

/// Expected requests in the bucket `[bucket_start, bucket_start + step_secs)`, given the service's
/// mean `requests_per_hour` at `now`; evaluated at the bucket's middle.
pub fn expected_requests(
    shape: TrafficShape,
    requests_per_hour: f64,
    now: DateTime<Utc>,
    bucket_start: DateTime<Utc>,
    step_secs: i64,
) -> f64 {
    let middle = bucket_start + chrono::TimeDelta::seconds(step_secs / 2);
    let hour_of_day = f64::from(middle.hour()) + f64::from(middle.minute()) / 60.0;
    // Peak at 15:00 UTC (1.55x), trough at 03:00 (0.45x).
    let daily = 1.0 + 0.55 * (TAU * (hour_of_day - 9.0) / 24.0).sin();
    let weekly = match (shape, middle.weekday()) {
        (TrafficShape::BusinessDays, Weekday::Sat | Weekday::Sun) => 0.0,
        (TrafficShape::BusinessDays, _) => 1.4,
        (TrafficShape::AroundTheClock, Weekday::Sat) => 0.7,
        (TrafficShape::AroundTheClock, Weekday::Sun) => 0.6,
        (TrafficShape::AroundTheClock, _) => 1.1,
    };
    let age_years = (now - middle).num_seconds() as f64 / SECS_PER_HOUR / 24.0 / DAYS_PER_YEAR;
    let growth = (1.0 - YEARLY_GROWTH * age_years).max(0.5);
    requests_per_hour * step_secs as f64 / SECS_PER_HOUR * daily * weekly * growth
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    fn at(day: u32, hour: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, day, hour, 0, 0).unwrap()
    }

    #[test]
    fn afternoons_are_busier_than_nights_and_weekdays_than_weekends() {
        let now = at(21, 0);
        let expect = |bucket_start| expected_requests(TrafficShape::AroundTheClock, 1000.0, now, bucket_start, 3600);
        // Thursday 2026-11-19, 14:00-15:00 (middle 14:30) vs 02:00-03:00.
        assert!(expect(at(19, 14)) > 2.0 * expect(at(19, 2)));
        // Thursday vs Sunday 2026-11-15, same hour.
        assert!(expect(at(19, 14)) > expect(at(15, 14)));
    }

    #[test]
    fn the_peak_hour_matches_the_hand_computed_rate() {
        // Thursday 2026-11-19 14:30 is 1 day 9.5 h before now, growth 1 - 0.3 * (33.5 / 24 / 365) = 0.998853;
        // daily 1 + 0.55 * sin(2pi * 5.5 / 24) = 1.545295; weekly 1.1; 1000 req/h over one hour.
        let expected = 1000.0 * 1.545_295 * 1.1 * 0.998_853;
        let got = expected_requests(TrafficShape::AroundTheClock, 1000.0, at(21, 0), at(19, 14), 3600);
        assert!((got - expected).abs() < 0.01, "{got} vs {expected}");
    }

    #[test]
    fn business_days_have_no_weekend_traffic() {
        // 2026-11-15 is a Sunday, 2026-11-16 a Monday.
        assert_eq!(expected_requests(TrafficShape::BusinessDays, 600.0, at(21, 0), at(15, 12), 3600), 0.0);
        assert!(expected_requests(TrafficShape::BusinessDays, 600.0, at(21, 0), at(16, 12), 3600) > 0.0);
    }
}
