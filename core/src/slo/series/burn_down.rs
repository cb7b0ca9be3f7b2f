//! The error-budget burn-down: budget remaining after each bucket of the window at `as_of`.

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::model::SloData;
use crate::slo::counts::Units;
use crate::slo::error::SloError;
use crate::slo::evaluate::evaluate;
use crate::slo::grid::Grid;
use crate::slo::range::TimeRange;

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct BudgetPoint {
    pub at: DateTime<Utc>,
    /// `1 - (bad from the window start to `at`) / allowed`, with `allowed` of the whole window at `as_of`,
    /// so the last point equals the evaluation's remaining budget.
    pub remaining_ratio: f64,
}

/// Remaining budget after each bucket of the window at `as_of` that lies in the SLI and ends in `range`
/// (a bucket without data leaves it unchanged).
/// Empty when the window has no budget (no traffic).
pub fn burn_down(slo: &SloData, as_of: DateTime<Utc>, range: TimeRange) -> Result<Vec<BudgetPoint>, SloError> {
    let evaluation = evaluate(slo, as_of)?;
    let allowed = evaluation.error_budget.allowed;
    if evaluation.error_budget.remaining_ratio.is_none() {
        return Ok(Vec::new());
    }
    let id = &slo.definition.id;
    let out_of_range = || SloError::TimeOutOfRange { slo: id.clone() };
    let units = Units::of(&slo.definition)?;
    let grid = Grid::of(&slo.series);
    let buckets = &slo.series;
    let window = evaluation.window;
    let bucket_count = i64::try_from(buckets.len()).map_err(|_| out_of_range())?;
    // Bucket indices whose end is a point: in the window, in the data.
    let first = window.first_index.max(0);
    let end = window.end_index.min(bucket_count);
    let mut points = Vec::with_capacity(usize::try_from(end - first).unwrap_or(0));
    // A running part of the window's bad count, which fits in u64 since the evaluation succeeded.
    let mut bad: u64 = 0;
    for index in first..end {
        if let Some(counts) = usize::try_from(index).ok().and_then(|i| buckets.get(i)) {
            let (good, total) = units.count(counts);
            bad = bad.saturating_add(total - good);
        }
        let at = grid.boundary(index + 1).ok_or_else(out_of_range)?;
        if range.start <= at && at <= range.end {
            points.push(BudgetPoint { at, remaining_ratio: 1.0 - bad as f64 / allowed });
        }
    }
    Ok(points)
}
