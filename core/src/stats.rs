//! Order statistics on sorted samples, defined once so every engine agrees.
//!
//! The median of an even count is the mean of the two middle values (not the lower middle one, as
//! DevLake's did: devlake#6346). Percentiles interpolate linearly between closest ranks: the value at
//! rank `q·(n−1)` of the ascending samples (Hyndman & Fan type 7, the default of R and NumPy).

/// The median of ascending `sorted` samples; `None` when there are none.
pub fn median(sorted: &[i64]) -> Option<f64> {
    quantile(sorted, 0.5)
}

/// The median of samples in any order, in linear time (they are reordered, not sorted).
pub fn median_of_unsorted(samples: &mut [i64]) -> Option<f64> {
    let count = samples.len();
    if count == 0 {
        return None;
    }
    let (lower, upper, _) = samples.select_nth_unstable(count / 2);
    let upper = *upper as f64;
    if count % 2 == 1 {
        return Some(upper);
    }
    let low = *lower.iter().max()? as f64;
    Some(low + (upper - low) * 0.5)
}

/// The `q` quantile (`0 ≤ q ≤ 1`, clamped) of ascending `sorted` samples by linear interpolation at
/// rank `q·(n−1)`; `None` when there are none.
pub fn quantile(sorted: &[i64], q: f64) -> Option<f64> {
    let rank = QuantileRank::of(sorted.len(), q)?;
    Some(rank.value(*sorted.get(rank.lower)?, *sorted.get(rank.upper)?))
}

/// Where [`quantile`] reads `n` ascending samples: the ranks it interpolates between, so a caller
/// that sees the samples one at a time in ascending order can keep just those two.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct QuantileRank {
    pub lower: usize,
    pub upper: usize,
    fraction: f64,
}

impl QuantileRank {
    /// The ranks of the `q` quantile of `n` samples; `None` when there are none.
    pub fn of(n: usize, q: f64) -> Option<QuantileRank> {
        let last = n.checked_sub(1)?;
        let rank = q.clamp(0.0, 1.0) * last as f64;
        let lower = rank.floor() as usize;
        Some(QuantileRank { lower, upper: rank.ceil() as usize, fraction: rank - lower as f64 })
    }

    /// The quantile from the samples at `lower` and `upper`.
    pub fn value(&self, low: i64, high: i64) -> f64 {
        let (low, high) = (low as f64, high as f64);
        low + (high - low) * self.fraction
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn median_of_an_odd_count_is_the_middle_value() {
        assert_eq!(median(&[1, 5, 100]), Some(5.0));
    }

    #[test]
    fn median_of_an_even_count_is_the_mean_of_the_two_middle_values() {
        // DevLake's lower-middle median would say 2 here (devlake#6346); (2 + 4) / 2 = 3.
        assert_eq!(median(&[1, 2, 4, 100]), Some(3.0));
    }

    #[test]
    fn median_of_one_sample_is_that_sample_and_of_none_is_none() {
        assert_eq!(median(&[42]), Some(42.0));
        assert_eq!(median(&[]), None);
        assert_eq!(quantile(&[], 0.9), None);
    }

    #[test]
    fn p90_interpolates_between_closest_ranks() {
        // n = 5: rank 0.9 × 4 = 3.6, between 40 (rank 3) and 50 (rank 4): 40 + 0.6 × 10 = 46.
        assert_eq!(quantile(&[10, 20, 30, 40, 50], 0.9), Some(46.0));
        // n = 10 (1..=10): rank 8.1: 9 + 0.1 × 1 = 9.1.
        let p90 = quantile(&[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9).unwrap_or_default();
        assert!((p90 - 9.1).abs() < 1e-9, "{p90}");
    }

    proptest::proptest! {
        #[test]
        fn the_unsorted_median_equals_the_sorted_one(mut samples in proptest::collection::vec(proptest::num::i64::ANY, 0..40)) {
            let unsorted = median_of_unsorted(&mut samples.clone());
            samples.sort_unstable();
            proptest::prop_assert_eq!(unsorted, median(&samples));
        }
    }

    #[test]
    fn extreme_values_do_not_overflow() {
        assert_eq!(median(&[i64::MAX, i64::MAX]), Some(i64::MAX as f64));
        assert_eq!(median(&[i64::MIN, i64::MAX]), Some(0.0));
    }
}

/// [`quantile`] of ascending `sorted` real samples (ratios), by the same rule.
pub fn quantile_f64(sorted: &[f64], q: f64) -> Option<f64> {
    let last = sorted.len().checked_sub(1)?;
    let rank = q.clamp(0.0, 1.0) * last as f64;
    let lower = rank.floor() as usize;
    let upper = rank.ceil() as usize;
    let (low, high) = (*sorted.get(lower)?, *sorted.get(upper)?);
    Some(low + (high - low) * (rank - lower as f64))
}

#[cfg(test)]
mod real_tests {
    #[test]
    fn the_real_median_follows_the_same_rule() {
        assert_eq!(super::quantile_f64(&[0.1, 0.5, 0.9, 1.0], 0.5), Some(0.7));
        assert_eq!(super::quantile_f64(&[], 0.5), None);
    }
}
