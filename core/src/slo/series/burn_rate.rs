//! A burn rate over time: at each bucket end, over the lookback ending there.

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::model::{Counts, SliSeries, SloData};
use crate::slo::burn::{burn_rate, Lookback};
use crate::slo::counts::{BucketSum, Units};
use crate::slo::error::SloError;
use crate::slo::grid::Grid;
use crate::slo::range::TimeRange;

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct BurnRatePoint {
    pub at: DateTime<Utc>,
    /// `None` without traffic in the lookback.
    pub burn_rate: Option<f64>,
}

/// The burn rate over `lookback` at each bucket end in `range` (at or before `end`) that closes a bucket
/// of the SLI. A sliding sum: constant work per point.
pub fn burn_rate_series(
    slo: &SloData,
    as_of: DateTime<Utc>,
    range: TimeRange,
    lookback: Lookback,
) -> Result<Vec<BurnRatePoint>, SloError> {
    let id = &slo.definition.id;
    let out_of_range = || SloError::TimeOutOfRange { slo: id.clone() };
    let units = Units::of(&slo.definition)?;
    let grid = Grid::of(&slo.series);
    let buckets = &slo.series;
    let bucket_count = i64::try_from(buckets.len()).map_err(|_| out_of_range())?;
    let lookback_buckets = i64::try_from(lookback.buckets(grid.step_secs())).map_err(|_| out_of_range())?;
    let first_point = grid.index_at_or_after(range.start).max(1);
    let last_point = grid.index_at_or_before(range.end).min(grid.index_at_or_before(as_of)).min(bucket_count);
    if last_point < first_point {
        return Ok(Vec::new());
    }
    let mut points = Vec::with_capacity(usize::try_from(last_point - first_point + 1).unwrap_or(0));
    let mut sum = BucketSum::default();
    sum.add_index_range(buckets, first_point - lookback_buckets, first_point, units);
    let step = slo.series.step.to_chrono();
    let mut at = grid.boundary(first_point).ok_or_else(out_of_range)?;
    for point in first_point..=last_point {
        if point > first_point {
            // Stepping is cheaper than converting each boundary from a timestamp.
            at = at.checked_add_signed(step).ok_or_else(out_of_range)?;
            if let Some(counts) = bucket_at(buckets, point - 1) {
                sum.add(counts, units);
            }
            if let Some(counts) = bucket_at(buckets, point - 1 - lookback_buckets) {
                sum.remove(counts, units);
            }
        }
        points.push(BurnRatePoint { at, burn_rate: burn_rate(&sum.tally(id)?, slo.definition.objective) });
    }
    Ok(points)
}

fn bucket_at(buckets: &SliSeries, index: i64) -> Option<Counts> {
    buckets.get(usize::try_from(index).ok()?)
}
