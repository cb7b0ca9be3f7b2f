//! What a bucket counts: events (occurrences) or one slice (timeslices), and exact sums over buckets.

use serde::Serialize;

use crate::model::{Budgeting, Counts, SliSeries, SloDefinition};
use crate::slo::error::SloError;

/// The unit an SLO counts good and total in.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Units {
    /// Good and total events, as exported.
    Events,
    /// One slice per bucket with data and traffic, good when `good / total >= target`.
    Slices { target: f64 },
}

impl Units {
    pub fn of(definition: &SloDefinition) -> Result<Units, SloError> {
        match (definition.budgeting, definition.timeslice_target) {
            (Budgeting::Occurrences, _) => Ok(Units::Events),
            (Budgeting::Timeslices, Some(target)) => Ok(Units::Slices { target }),
            (Budgeting::Timeslices, None) => Err(SloError::MissingTimesliceTarget { slo: definition.id.clone() }),
        }
    }

    /// `(good, total)` of one bucket with data in this unit. Validation rejects `good > total`; the engine
    /// still caps `good` at `total` so that no input can give an attainment above 1.
    #[inline]
    pub fn count(self, counts: Counts) -> (u64, u64) {
        let good = counts.good.min(counts.total);
        match self {
            Units::Events => (good, counts.total),
            Units::Slices { .. } if counts.total == 0 => (0, 0),
            // Division of integers up to 2^53 is correctly rounded, so an exact tie equals the parsed target.
            Units::Slices { target } => (u64::from(good as f64 / counts.total as f64 >= target), 1),
        }
    }
}

/// Good, bad and total of a set of buckets, in the SLO's units, and how many of them had data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Tally {
    pub data_buckets: u64,
    pub good: u64,
    pub bad: u64,
    pub total: u64,
}

/// An exact running sum of buckets. Sums are kept in `u128` (no 2^64 buckets can overflow it) and checked
/// into `u64` by [`BucketSum::tally`]: the same answer as overflow-checked `u64` additions of non-negative
/// counts, without a branch per bucket.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct BucketSum {
    pub data_buckets: u64,
    pub good: u128,
    pub total: u128,
}

impl BucketSum {
    pub fn add_buckets(&mut self, buckets: impl IntoIterator<Item = Option<Counts>>, units: Units) {
        match units {
            Units::Events => {
                buckets.into_iter().flatten().for_each(|counts| {
                    self.data_buckets += 1;
                    self.good += u128::from(counts.good.min(counts.total));
                    self.total += u128::from(counts.total);
                });
            }
            Units::Slices { .. } => {
                buckets.into_iter().flatten().for_each(|counts| self.add(counts, units));
            }
        }
    }

    #[inline]
    pub fn add(&mut self, counts: Counts, units: Units) {
        let (good, total) = units.count(counts);
        self.data_buckets += 1;
        self.good += u128::from(good);
        self.total += u128::from(total);
    }

    /// Undoes [`BucketSum::add`] of the same bucket (for sliding sums).
    #[inline]
    pub fn remove(&mut self, counts: Counts, units: Units) {
        let (good, total) = units.count(counts);
        self.data_buckets = self.data_buckets.saturating_sub(1);
        self.good = self.good.saturating_sub(u128::from(good));
        self.total = self.total.saturating_sub(u128::from(total));
    }

    /// Adds the buckets with indices in `[first, end)`; indices outside `buckets` have no data.
    pub fn add_index_range(&mut self, buckets: &SliSeries, first: i64, end: i64, units: Units) {
        let clamp = |index: i64| usize::try_from(index.max(0)).unwrap_or(usize::MAX).min(buckets.len());
        let (lo, hi) = (clamp(first), clamp(end));
        if lo < hi {
            self.add_buckets(buckets.range(lo, hi), units);
        }
    }

    /// `self - earlier` for cumulative sums where `earlier` is a prefix of `self`.
    pub fn since(self, earlier: BucketSum) -> BucketSum {
        BucketSum {
            data_buckets: self.data_buckets.saturating_sub(earlier.data_buckets),
            good: self.good.saturating_sub(earlier.good),
            total: self.total.saturating_sub(earlier.total),
        }
    }

    pub fn tally(self, slo_id: &str) -> Result<Tally, SloError> {
        let overflow = || SloError::CountOverflow { slo: slo_id.to_owned() };
        let good = u64::try_from(self.good).map_err(|_| overflow())?;
        let total = u64::try_from(self.total).map_err(|_| overflow())?;
        Ok(Tally { data_buckets: self.data_buckets, good, bad: total - good.min(total), total })
    }
}

/// For each length `n` in `lengths`, the sum of the `n` buckets ending (exclusive) at index `end`,
/// computed in one backward pass over the longest of them.
pub fn suffix_sums<const N: usize>(buckets: &SliSeries, units: Units, end: i64, lengths: [u64; N]) -> [BucketSum; N] {
    let mut order: [usize; N] = std::array::from_fn(|i| i);
    order.sort_unstable_by_key(|&i| lengths[i]);
    let mut sums = [BucketSum::default(); N];
    let mut running = BucketSum::default();
    let mut cursor = end;
    for i in order {
        let first = end.saturating_sub(i64::try_from(lengths[i]).unwrap_or(i64::MAX));
        running.add_index_range(buckets, first, cursor, units);
        cursor = cursor.min(first);
        sums[i] = running;
    }
    sums
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::Span;

    fn series<const N: usize>(buckets: [Option<Counts>; N]) -> SliSeries {
        SliSeries::from_buckets(chrono::DateTime::UNIX_EPOCH, Span::HOUR, buckets)
    }

    fn bucket(good: u64, total: u64) -> Option<Counts> {
        Some(Counts { good, total })
    }

    #[test]
    fn a_slice_exactly_at_the_target_is_good() {
        let units = Units::Slices { target: 0.999 };
        assert_eq!(units.count(Counts { good: 999, total: 1000 }), (1, 1));
        assert_eq!(units.count(Counts { good: 998, total: 1000 }), (0, 1));
        assert_eq!(units.count(Counts { good: 0, total: 0 }), (0, 0));
    }

    #[test]
    fn suffix_sums_of_several_lengths_share_one_pass() {
        // Buckets 0..4 hold totals 1, 2, 4, 8 (all good); end = 4.
        let buckets = [bucket(1, 1), bucket(2, 2), None, bucket(8, 8)];
        let [one, two, all, beyond] = suffix_sums(&series(buckets), Units::Events, 4, [1, 2, 4, 9]);
        assert_eq!((one.total, one.data_buckets), (8, 1));
        assert_eq!((two.total, two.data_buckets), (8, 1)); // bucket 2 has no data
        assert_eq!((all.total, all.data_buckets), (11, 3));
        assert_eq!(beyond, all); // indices before 0 have no data
    }

    #[test]
    fn sums_beyond_u64_are_errors() {
        let buckets = [bucket(u64::MAX, u64::MAX), bucket(1, 1)];
        let mut sum = BucketSum::default();
        sum.add_buckets(buckets, Units::Events);
        assert!(matches!(sum.tally("x"), Err(SloError::CountOverflow { .. })));
    }
}
