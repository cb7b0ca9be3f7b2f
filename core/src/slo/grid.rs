//! The bucket grid of one SLO: boundaries at `origin + k*step` for every integer `k`, also before and
//! after the SLI data, so any instant maps to a bucket index.

use chrono::{DateTime, Utc};

use crate::model::SliSeries;

/// Bucket boundaries of an SLI series, in whole seconds. Bucket `k` covers `[boundary(k), boundary(k + 1))`
/// and is the `k`-th element of the series' buckets when `0 <= k < len`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Grid {
    origin_secs: i64,
    step_secs: i64,
}

impl Grid {
    pub fn of(series: &SliSeries) -> Grid {
        Grid { origin_secs: series.start.timestamp(), step_secs: series.step.secs() }
    }

    pub fn step_secs(self) -> i64 {
        self.step_secs
    }

    /// `ceil(secs / step)` for a positive duration: the buckets that cover it.
    pub fn buckets_covering(self, secs: i64) -> i64 {
        secs / self.step_secs + i64::from(secs % self.step_secs != 0)
    }

    /// Index of the last boundary at or before `at`: the exclusive end of the buckets complete at `at`.
    pub fn index_at_or_before(self, at: DateTime<Utc>) -> i64 {
        // Both timestamps lie within chrono's range (about ±8.3e12 s), so the difference cannot overflow.
        (at.timestamp() - self.origin_secs).div_euclid(self.step_secs)
    }

    /// Index of the first boundary at or after `at` (a fraction of a second past a boundary is after it).
    pub fn index_at_or_after(self, at: DateTime<Utc>) -> i64 {
        let at_secs = at.timestamp() + i64::from(at.timestamp_subsec_nanos() > 0);
        -(self.origin_secs - at_secs).div_euclid(self.step_secs)
    }

    /// The instant of boundary `index`; `None` outside chrono's range.
    pub fn boundary(self, index: i64) -> Option<DateTime<Utc>> {
        DateTime::from_timestamp(self.boundary_secs(index)?, 0)
    }

    /// Boundary `index` in seconds since the epoch, when chrono can represent it: whether
    /// [`Self::boundary`] is `Some`, in integer arithmetic alone.
    pub fn boundary_secs(self, index: i64) -> Option<i64> {
        index.checked_mul(self.step_secs)?.checked_add(self.origin_secs).filter(|secs| representable(*secs))
    }
}

/// Whether `secs` since the epoch is a whole second chrono can represent (`DateTime::from_timestamp(secs, 0)`
/// is `Some`).
pub fn representable(secs: i64) -> bool {
    const FIRST: i64 = DateTime::<Utc>::MIN_UTC.timestamp();
    const LAST: i64 = DateTime::<Utc>::MAX_UTC.timestamp();
    (FIRST..=LAST).contains(&secs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fraction_of_a_second_past_a_boundary_is_after_it() {
        let series = SliSeries::empty("2026-11-20T00:00:00Z".parse().unwrap(), Span::HOUR);
        let grid = Grid::of(&series);
        let just_after: DateTime<Utc> = "2026-11-20T01:00:00.5Z".parse().unwrap();
        assert_eq!(grid.index_at_or_after(just_after), 2);
        assert_eq!(grid.index_at_or_before(just_after), 1);
        assert_eq!(grid.index_at_or_after("2026-11-20T01:00:00Z".parse().unwrap()), 1);
    }
    use crate::time::Span;

    fn grid(origin: &str, step_secs: i64) -> Grid {
        let start = origin.parse().unwrap();
        let step = Span::from_secs(step_secs).unwrap();
        Grid::of(&SliSeries::empty(start, step))
    }

    fn at(text: &str) -> DateTime<Utc> {
        text.parse().unwrap()
    }

    #[test]
    fn an_instant_on_a_boundary_is_its_own_floor_and_ceiling() {
        let g = grid("2026-01-01T00:00:00Z", 300);
        assert_eq!(g.index_at_or_before(at("2026-01-01T00:10:00Z")), 2);
        assert_eq!(g.index_at_or_after(at("2026-01-01T00:10:00Z")), 2);
    }

    #[test]
    fn an_instant_inside_a_bucket_floors_down_and_ceils_up() {
        let g = grid("2026-01-01T00:00:00Z", 300);
        assert_eq!(g.index_at_or_before(at("2026-01-01T00:12:59Z")), 2);
        assert_eq!(g.index_at_or_after(at("2026-01-01T00:12:59Z")), 3);
    }

    #[test]
    fn the_grid_extends_before_the_origin() {
        let g = grid("2026-01-01T00:00:00Z", 300);
        assert_eq!(g.index_at_or_before(at("2025-12-31T23:59:59Z")), -1);
        assert_eq!(g.index_at_or_after(at("2025-12-31T23:59:59Z")), 0);
        assert_eq!(g.boundary(-1), Some(at("2025-12-31T23:55:00Z")));
    }

    #[test]
    fn a_duration_is_covered_by_whole_buckets_rounded_up() {
        let g = grid("2026-01-01T00:00:00Z", 300);
        assert_eq!((g.buckets_covering(300), g.buckets_covering(301), g.buckets_covering(1)), (1, 2, 1));
    }

    #[test]
    fn boundaries_outside_chrono_are_none() {
        assert_eq!(grid("2026-01-01T00:00:00Z", 86_400).boundary(i64::MAX), None);
    }

    #[test]
    fn representable_seconds_are_what_chrono_accepts_at_both_ends_of_its_range() {
        for end in [DateTime::<Utc>::MIN_UTC.timestamp(), DateTime::<Utc>::MAX_UTC.timestamp()] {
            for secs in end - 2..=end + 2 {
                assert_eq!(representable(secs), DateTime::from_timestamp(secs, 0).is_some(), "at {secs}");
            }
        }
        let g = grid("2026-01-01T00:00:00Z", 86_400);
        for index in [i64::MIN, -1_000_000_000, 0, 95_000_000, 100_000_000, i64::MAX] {
            assert_eq!(g.boundary_secs(index).is_some(), g.boundary(index).is_some(), "at {index}");
        }
    }
}
