//! Attainment per UTC day.

use chrono::{DateTime, Days, NaiveDate, Utc};
use serde::Serialize;

use crate::model::SloData;
use crate::slo::counts::{BucketSum, Tally, Units};
use crate::slo::error::SloError;
use crate::slo::grid::Grid;
use crate::slo::range::TimeRange;

/// One UTC day: the buckets that start in it (and end by the report's `end`).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct DailyAttainment {
    pub day: NaiveDate,
    #[serde(flatten)]
    pub tally: Tally,
    /// `good / total` of the day; `None` without traffic.
    pub attainment: Option<f64>,
}

/// Attainment of each UTC day that overlaps `range` and holds buckets of the SLI known at `as_of`.
pub fn attainment_per_day(
    slo: &SloData,
    as_of: DateTime<Utc>,
    range: TimeRange,
) -> Result<Vec<DailyAttainment>, SloError> {
    let out_of_range = || SloError::TimeOutOfRange { slo: slo.definition.id.clone() };
    let units = Units::of(&slo.definition)?;
    let grid = Grid::of(&slo.series);
    let buckets = &slo.series;
    let known_end = grid.index_at_or_before(as_of).min(i64::try_from(buckets.len()).map_err(|_| out_of_range())?);
    if known_end <= 0 || range.end < range.start {
        return Ok(Vec::new());
    }
    let first_bucket_start = grid.boundary(0).ok_or_else(out_of_range)?;
    let last_bucket_start = grid.boundary(known_end - 1).ok_or_else(out_of_range)?;
    let first_day = range.start.max(first_bucket_start).date_naive();
    let last_day = range.end.min(last_bucket_start).date_naive();
    let mut days = Vec::with_capacity(usize::try_from((last_day - first_day).num_days() + 1).unwrap_or(0));
    let mut day = first_day;
    while day <= last_day {
        let next_day = day.checked_add_days(Days::new(1)).ok_or_else(out_of_range)?;
        let first = grid.index_at_or_after(midnight(day).ok_or_else(out_of_range)?);
        let end = grid.index_at_or_after(midnight(next_day).ok_or_else(out_of_range)?).min(known_end);
        let mut sum = BucketSum::default();
        sum.add_index_range(buckets, first, end, units);
        let tally = sum.tally(&slo.definition.id)?;
        let attainment = (tally.total > 0).then(|| tally.good as f64 / tally.total as f64);
        days.push(DailyAttainment { day, tally, attainment });
        day = next_day;
    }
    Ok(days)
}

fn midnight(day: NaiveDate) -> Option<DateTime<Utc>> {
    Some(day.and_hms_opt(0, 0, 0)?.and_utc())
}
