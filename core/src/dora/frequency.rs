//! Deployment frequency: deployments in a period per day of the period's full length (also when
//! the data starts inside it), deploy days (distinct UTC dates with a deployment) over the dates
//! the period touches, and the median time between consecutive deployments.

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::known::{utc_day_number, Period};
use crate::elapsed::elapsed_secs;
use crate::stats;

/// Median gap between consecutive deployments of one scope and period, and the number of gaps.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct GapSummary {
    pub median: Option<f64>,
    pub n: u64,
}

/// Deployments per day of the period; `None` for an empty period.
pub fn deployments_per_day(deployments: u64, period: &Period) -> Option<f64> {
    period.length_days().map(|days| deployments as f64 / days)
}

/// Deploy days over the UTC dates the period touches (91 for a 90-day window not starting at
/// midnight), so the ratio never exceeds 1; `None` for an empty period.
pub fn deploy_days_ratio(deploy_days: u64, period: &Period) -> Option<f64> {
    let dates = period.dates_touched();
    (dates > 0).then(|| deploy_days as f64 / dates as f64)
}

/// Deployments of one scope and period, fed in `finished_at` order.
#[derive(Debug, Clone, Default)]
pub struct Cadence {
    pub deployments: u64,
    pub deploy_days: u64,
    last_day: Option<i64>,
    last_finished_at: Option<DateTime<Utc>>,
    gaps_secs: Vec<i64>,
}

impl Cadence {
    /// Ready for `deployments` deployments (one gap fewer).
    pub(crate) fn with_capacity(deployments: usize) -> Cadence {
        Cadence { gaps_secs: Vec::with_capacity(deployments.saturating_sub(1)), ..Cadence::default() }
    }

    pub fn add(&mut self, finished_at: DateTime<Utc>) {
        self.add_on_day(finished_at, utc_day_number(finished_at));
    }

    /// [`Self::add`] with `day`, the [`utc_day_number`] of `finished_at`, already computed.
    pub(crate) fn add_on_day(&mut self, finished_at: DateTime<Utc>, day: i64) {
        self.deployments = self.deployments.saturating_add(1);
        if self.last_day != Some(day) {
            self.deploy_days = self.deploy_days.saturating_add(1);
            self.last_day = Some(day);
        }
        if let Some(last) = self.last_finished_at {
            self.gaps_secs.push(elapsed_secs(last, finished_at));
        }
        self.last_finished_at = Some(finished_at);
    }

    pub fn gaps(mut self) -> GapSummary {
        GapSummary { median: stats::median_of_unsorted(&mut self.gaps_secs), n: self.gaps_secs.len() as u64 }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> DateTime<Utc> {
        text.parse().unwrap()
    }

    #[test]
    fn cadence_counts_distinct_dates_and_gaps() {
        let mut cadence = Cadence::default();
        for finished in ["2026-01-01T01:00:00Z", "2026-01-01T23:00:00Z", "2026-01-03T00:00:00Z"] {
            cadence.add(at(finished));
        }
        assert_eq!((cadence.deployments, cadence.deploy_days), (3, 2));
        // Gaps 22 h and 25 h: median (79,200 + 90,000) / 2 = 84,600 s.
        assert_eq!(cadence.gaps(), GapSummary { median: Some(84_600.0), n: 2 });
    }

    #[test]
    fn frequency_divides_by_the_full_period() {
        let window = Period { start: at("2026-01-01T00:00:00Z"), end: at("2026-01-11T00:00:00Z") };
        assert_eq!(deployments_per_day(5, &window), Some(0.5));
        assert_eq!(deploy_days_ratio(2, &window), Some(0.2));
    }
}
