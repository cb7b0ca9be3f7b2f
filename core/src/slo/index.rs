//! Cumulative sums over an SLO's buckets, built once, for cheap evaluations at many instants (the status
//! at each deployment) and counts between two instants (the budget a deployment burned).

use chrono::{DateTime, Utc};

use crate::model::SloData;
use crate::slo::budget::ErrorBudget;
use crate::slo::burn::Lookback;
use crate::slo::calendar::period_containing;
use crate::slo::counts::{BucketSum, Tally, Units};
use crate::slo::error::SloError;
use crate::slo::evaluate::{EvaluationPlan, SloEvaluation, SUMS};
use crate::slo::grid::{representable, Grid};
use crate::slo::status::Status;
use crate::time::{CalendarPeriod, Window};

/// An SLO with prefix sums of its buckets: every evaluation and count query costs O(1) bucket work
/// (at most `2 * (STRIDE - 1)` buckets summed).
#[derive(Debug, Clone)]
pub struct SloIndex<'a> {
    slo: &'a SloData,
    units: Units,
    grid: Grid,
    /// `cumulative[k]` sums buckets `[0, k * STRIDE)`: a sum at every `STRIDE`-th boundary keeps the index
    /// at 3 bytes a bucket (24 at every boundary), the buckets in between are added on query.
    cumulative: PrefixSums,
}

/// The first bucket index of a sum of `length` buckets ending (exclusive) at `end`.
fn sum_start(end: i64, length: u64) -> i64 {
    end.saturating_sub(i64::try_from(length).unwrap_or(i64::MAX))
}

/// The window's bucket bounds as [`SloIndex::evaluate`] sums them.
fn window_bounds(plan: &EvaluationPlan) -> (i64, i64) {
    let end = plan.window.end_index;
    (sum_start(end, plan.lengths[0]), end)
}

/// Buckets between two stored prefix sums.
const STRIDE: usize = 8;

/// Prefix sums in `u64` while they fit (half the memory: an SLO of a year of 5-minute buckets needs
/// 2.5 MB instead of 5 MB), in `u128` from the first that does not. Both give the same sums.
#[derive(Debug, Clone)]
enum PrefixSums {
    Narrow(Vec<NarrowSum>),
    Wide(Vec<BucketSum>),
}

#[derive(Debug, Clone, Copy)]
struct NarrowSum {
    data_buckets: u64,
    good: u64,
    total: u64,
}

impl NarrowSum {
    fn of(sum: BucketSum) -> Option<NarrowSum> {
        Some(NarrowSum {
            data_buckets: sum.data_buckets,
            good: u64::try_from(sum.good).ok()?,
            total: u64::try_from(sum.total).ok()?,
        })
    }

    fn wide(self) -> BucketSum {
        BucketSum { data_buckets: self.data_buckets, good: u128::from(self.good), total: u128::from(self.total) }
    }
}

impl PrefixSums {
    fn with_capacity(capacity: usize) -> PrefixSums {
        PrefixSums::Narrow(Vec::with_capacity(capacity))
    }

    fn push(&mut self, sum: BucketSum) {
        match self {
            PrefixSums::Narrow(sums) => match NarrowSum::of(sum) {
                Some(narrow) => sums.push(narrow),
                None => {
                    let mut wide: Vec<BucketSum> = sums.iter().map(|narrow| narrow.wide()).collect();
                    wide.push(sum);
                    *self = PrefixSums::Wide(wide);
                }
            },
            PrefixSums::Wide(sums) => sums.push(sum),
        }
    }

    #[cfg(test)]
    fn len(&self) -> usize {
        match self {
            PrefixSums::Narrow(sums) => sums.len(),
            PrefixSums::Wide(sums) => sums.len(),
        }
    }

    fn get(&self, index: usize) -> BucketSum {
        match self {
            PrefixSums::Narrow(sums) => sums.get(index).map(|narrow| narrow.wide()),
            PrefixSums::Wide(sums) => sums.get(index).copied(),
        }
        .unwrap_or_default()
    }
}

impl<'a> SloIndex<'a> {
    /// One pass over the buckets.
    pub fn new(slo: &'a SloData) -> Result<SloIndex<'a>, SloError> {
        let units = Units::of(&slo.definition)?;
        let buckets = &slo.series;
        let mut cumulative = PrefixSums::with_capacity(buckets.len() / STRIDE + 1);
        let mut running = BucketSum::default();
        cumulative.push(running);
        let mut index: usize = 0;
        buckets.iter().for_each(|counts| {
            if let Some(counts) = counts {
                running.add(counts, units);
            }
            index += 1;
            if index.is_multiple_of(STRIDE) {
                cumulative.push(running);
            }
        });
        Ok(SloIndex { slo, units, grid: Grid::of(&slo.series), cumulative })
    }

    pub fn slo(&self) -> &'a SloData {
        self.slo
    }

    /// The same result as [`crate::slo::evaluate`], without touching the buckets again.
    pub fn evaluate(&self, as_of: DateTime<Utc>) -> Result<SloEvaluation, SloError> {
        let plan = EvaluationPlan::new(self.slo, as_of)?;
        let end = plan.window.end_index;
        // Every sum ends at the window's end: its prefix is computed once.
        let hi = self.clamp(end);
        let at_end = self.prefix(hi);
        let sums: [BucketSum; SUMS] = std::array::from_fn(|i| {
            let lo = self.clamp(sum_start(end, plan.lengths[i]));
            if lo >= hi {
                BucketSum::default()
            } else {
                at_end.since(self.prefix(lo))
            }
        });
        plan.assemble(self.slo, as_of, sums)
    }

    /// Whether [`Self::evaluate`] at `as_of` gives status `breached`, from the SLO window's sum alone
    /// where that decides it (see [`WindowProbe`]; the join asks through one probe per SLO).
    pub fn is_breached_at(&self, as_of: DateTime<Utc>) -> bool {
        self.probe().is_breached_at(as_of)
    }

    /// [`Self::evaluate`]'s `error_budget.allowed` at `as_of`, or its error (see [`WindowProbe`]).
    pub fn allowed_budget_at(&self, as_of: DateTime<Utc>) -> Result<f64, SloError> {
        self.probe().allowed_budget_at(as_of)
    }

    /// A [`WindowProbe`] of this SLO, for questions at many instants.
    pub fn probe(&self) -> WindowProbe<'_, 'a> {
        let step_secs = self.grid.step_secs();
        let longest_lookback = Lookback::ALL.iter().map(|lookback| lookback.buckets(step_secs)).max().unwrap_or(0);
        WindowProbe { index: self, longest_lookback, calendar: None }
    }

    /// Whether the window `[first, end)` has traffic and an overspent budget.
    fn overspent(&self, first: i64, end: i64) -> bool {
        let Ok(tally) = self.sum(first, end).tally(&self.slo.definition.id) else { return false };
        tally.total > 0
            && ErrorBudget::of(&tally, self.slo.definition.objective).remaining_ratio.is_some_and(|r| r < 0.0)
    }

    /// The allowed budget of the window `[first, end)`.
    fn allowed_in(&self, first: i64, end: i64) -> Result<f64, SloError> {
        let tally = self.sum(first, end).tally(&self.slo.definition.id)?;
        Ok(ErrorBudget::of(&tally, self.slo.definition.objective).allowed)
    }

    /// Good, bad and total (in the SLO's units) of the buckets that overlap `[from, to)` and are known at
    /// `as_of`: from the boundary at or before `from` to the boundary at or after `to`, but no later than
    /// the SLO's `end` at `as_of` (the last boundary at or before it), because a bucket still running at
    /// `as_of` is not known yet, as in every other SLO number. Empty when `to <= from`.
    pub fn tally_overlapping(
        &self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
        as_of: DateTime<Utc>,
    ) -> Result<Tally, SloError> {
        if to <= from {
            return Ok(Tally::default());
        }
        let first = self.grid.index_at_or_before(from);
        let end = self.grid.index_at_or_after(to).min(self.grid.index_at_or_before(as_of));
        self.sum(first, end).tally(&self.slo.definition.id)
    }

    pub fn units(&self) -> Units {
        self.units
    }

    fn sum(&self, first: i64, end: i64) -> BucketSum {
        let (lo, hi) = (self.clamp(first), self.clamp(end));
        if lo >= hi {
            return BucketSum::default();
        }
        self.prefix(hi).since(self.prefix(lo))
    }

    /// A bucket boundary index in `0..=len`.
    fn clamp(&self, index: i64) -> usize {
        usize::try_from(index.max(0)).unwrap_or(usize::MAX).min(self.slo.series.len())
    }

    /// The sum of buckets `[0, index)`, `index` at most the bucket count.
    fn prefix(&self, index: usize) -> BucketSum {
        let stored = index / STRIDE;
        let mut sum = self.cumulative.get(stored);
        sum.add_buckets(self.slo.series.range(stored * STRIDE, index), self.units);
        sum
    }
}

/// Breach checks and allowed budgets of one SLO at many instants (the join asks at every deployment
/// and change failure of its window), each equal to what [`SloIndex::evaluate`] at that instant says.
///
/// Breached means an overspent budget in an evaluation without error. The window's bounds are
/// integer bucket indexes: a rolling window's from the grid alone, a calendar window's from the
/// period of the last instant asked (kept, so chrono's calendar runs once per period, not once per
/// instant). The window's sum (two prefix sums) tells whether the budget is overspent; only when a
/// burn-rate lookback is longer than the window (so its sum is not part of the window's, which fits
/// in the counts) does the full evaluation decide. Bounds near the ends of chrono's range, where the
/// evaluation itself may fail, take the evaluation plan.
#[derive(Debug, Clone)]
pub struct WindowProbe<'i, 'a> {
    index: &'i SloIndex<'a>,
    /// The buckets of the longest burn-rate lookback.
    longest_lookback: u64,
    calendar: Option<CalendarBounds>,
}

/// A calendar period in bucket indexes, the buckets `[first, after)` that start in it: the window
/// ending at `end` starts at `first` for every `end` whose last bucket (`end - 1`) is one of them.
#[derive(Debug, Clone, Copy)]
struct CalendarBounds {
    first: i64,
    after: i64,
}

impl CalendarBounds {
    /// The period holding bucket `last`, when every window ending in it resolves (its boundaries are
    /// all instants chrono represents).
    fn of(grid: Grid, period: CalendarPeriod, last: i64) -> Option<CalendarBounds> {
        let (start, end) = period_containing(grid.boundary(last)?, period)?;
        let (first, after) = (grid.index_at_or_after(start), grid.index_at_or_after(end));
        // The latest window's end is `after`; the earliest start is `first`.
        grid.boundary_secs(first)?;
        grid.boundary_secs(after)?;
        Some(CalendarBounds { first, after })
    }

    fn holds(self, last: i64) -> bool {
        self.first <= last && last < self.after
    }
}

impl<'i, 'a> WindowProbe<'i, 'a> {
    /// The SLO's index.
    pub fn index(&self) -> &'i SloIndex<'a> {
        self.index
    }

    /// Whether [`SloIndex::evaluate`] at `as_of` gives status `breached`.
    pub fn is_breached_at(&mut self, as_of: DateTime<Utc>) -> bool {
        let Ok((first, end)) = self.window(as_of) else { return false };
        let index = self.index;
        index.overspent(first, end)
            && (self.lookbacks_within(first, end)
                || index.evaluate(as_of).is_ok_and(|evaluation| evaluation.status == Status::Breached))
    }

    /// [`SloIndex::evaluate`]'s `error_budget.allowed` at `as_of`, or its error.
    pub fn allowed_budget_at(&mut self, as_of: DateTime<Utc>) -> Result<f64, SloError> {
        let (first, end) = self.window(as_of)?;
        if !self.lookbacks_within(first, end) {
            return Ok(self.index.evaluate(as_of)?.error_budget.allowed);
        }
        self.index.allowed_in(first, end)
    }

    /// Whether every burn-rate lookback is at most the window `[first, end)`: then each of their sums
    /// ends where the window's does and takes a part of its buckets, so none can overflow where the
    /// window's did not.
    fn lookbacks_within(&self, first: i64, end: i64) -> bool {
        u64::try_from(end - first).is_ok_and(|window| self.longest_lookback <= window)
    }

    /// The window's bucket bounds at `as_of` as [`SloIndex::evaluate`] sums them, or the plan's error.
    fn window(&mut self, as_of: DateTime<Utc>) -> Result<(i64, i64), SloError> {
        match self.window_from_indexes(as_of) {
            Some(bounds) => Ok(bounds),
            None => EvaluationPlan::new(self.index.slo, as_of).map(|plan| window_bounds(&plan)),
        }
    }

    /// [`Self::window`] in integer bucket indexes, when the plan is sure to resolve; `None` to ask it.
    fn window_from_indexes(&mut self, as_of: DateTime<Utc>) -> Option<(i64, i64)> {
        let grid = self.index.grid;
        let end = grid.index_at_or_before(as_of);
        match self.index.slo.definition.window {
            Window::Rolling(span) => {
                let first = end.checked_sub(grid.buckets_covering(span.secs()))?;
                // The plan resolves the window's start and end and its horizon, `end + span`.
                grid.boundary_secs(first)?;
                let horizon = grid.boundary_secs(end)?.checked_add(span.secs())?;
                representable(horizon).then_some((first, end))
            }
            Window::Calendar(period) => {
                let last = end.checked_sub(1)?;
                let bounds = match self.calendar.filter(|bounds| bounds.holds(last)) {
                    Some(bounds) => bounds,
                    None => {
                        let bounds = CalendarBounds::of(grid, period, last)?;
                        self.calendar = Some(bounds);
                        bounds
                    }
                };
                Some((bounds.first, end))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Budgeting, Counts, SliSeries, SloDefinition};

    #[test]
    fn every_range_sums_exactly_the_buckets_in_it() {
        let buckets: Vec<Option<Counts>> =
            (0..3 * STRIDE as u64 + 5).map(|i| (i % 7 != 3).then_some(Counts { good: i % 5, total: i })).collect();
        let definition = SloDefinition {
            id: "a".into(),
            service: "s".into(),
            name: None,
            objective: 0.9,
            window: "7d".parse().unwrap(),
            budgeting: Budgeting::Occurrences,
            timeslice_target: None,
        };
        let series = SliSeries::from_buckets(DateTime::UNIX_EPOCH, crate::time::Span::HOUR, buckets.clone());
        let slo = SloData { definition, series };
        let index = SloIndex::new(&slo).unwrap();
        let len = buckets.len() as i64;
        for first in -2..=len + 2 {
            for end in -2..=len + 2 {
                let mut direct = BucketSum::default();
                direct.add_index_range(&slo.series, first, end, Units::Events);
                assert_eq!(index.sum(first, end), direct, "[{first}, {end})");
            }
        }
    }

    #[test]
    fn prefix_sums_turn_wide_at_the_first_sum_past_u64_and_keep_every_value() {
        let sums: Vec<BucketSum> = (0..4_u128)
            .map(|i| BucketSum {
                data_buckets: i as u64,
                good: i * u128::from(u64::MAX) / 2,
                total: i * u128::from(u64::MAX),
            })
            .collect();
        let mut prefix = PrefixSums::with_capacity(4);
        for (pushed, sum) in sums.iter().enumerate() {
            prefix.push(*sum);
            assert_eq!(matches!(prefix, PrefixSums::Narrow(_)), pushed < 2, "after {pushed}");
        }
        assert_eq!(prefix.len(), 4);
        assert_eq!((0..4).map(|i| prefix.get(i)).collect::<Vec<_>>(), sums);
        assert_eq!(prefix.get(4), BucketSum::default());
    }
}
