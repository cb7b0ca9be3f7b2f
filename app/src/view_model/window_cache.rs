//! The delivery side's reports of one basis (one data load and report instant), by range. A range
//! change on a large data set computes its window for a few hundred milliseconds; the preset ranges a
//! reader is likely to pick next are computed ahead while the tab is idle, so picking one costs only
//! drawing its page, and going back to a range seen before costs nothing to compute.

use crate::route::RangeChoice;

/// Reports by range, for one basis (the caller clears it when the basis changes). It keeps the
/// [`WindowCache::PRECOMPUTED`] ranges' reports and the latest of any other range (a year, a custom
/// range): at most four.
#[derive(Debug, Clone)]
pub struct WindowCache<D> {
    windows: Vec<(RangeChoice, D)>,
}

impl<D> Default for WindowCache<D> {
    fn default() -> Self {
        WindowCache { windows: Vec::new() }
    }
}

impl<D: Clone> WindowCache<D> {
    /// The ranges computed ahead, in this order: the default first, then its neighbours on the range
    /// control. A year is left to be computed when asked: on a large data set it takes seconds,
    /// which would hold up any click that came meanwhile.
    pub const PRECOMPUTED: [RangeChoice; 3] = [RangeChoice::Days28, RangeChoice::Days90, RangeChoice::Days7];

    pub fn get(&self, range: RangeChoice) -> Option<D> {
        self.windows.iter().find(|(kept, _)| *kept == range).map(|(_, report)| report.clone())
    }

    /// Keeps `report` for `range`, in place of what was kept for it, and of the previous report of
    /// a range that is not computed ahead when `range` is not either.
    pub fn insert(&mut self, range: RangeChoice, report: D) {
        let ahead = |range: &RangeChoice| Self::PRECOMPUTED.contains(range);
        self.windows.retain(|(kept, _)| *kept != range && (ahead(kept) || ahead(&range)));
        self.windows.push((range, report));
    }

    /// The next range to compute ahead, if any is left.
    pub fn next_to_precompute(&self) -> Option<RangeChoice> {
        Self::PRECOMPUTED.into_iter().find(|range| self.get(*range).is_none())
    }

    pub fn clear(&mut self) {
        self.windows.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn custom(day: u32) -> RangeChoice {
        let date = |day| NaiveDate::from_ymd_opt(2026, 11, day).unwrap_or_default();
        RangeChoice::Custom { from: date(1), to: date(day) }
    }

    #[test]
    fn it_keeps_the_ranges_computed_ahead_and_the_latest_other_one() {
        let mut cache = WindowCache::default();
        assert_eq!(cache.next_to_precompute(), Some(RangeChoice::Days28));
        cache.insert(RangeChoice::Days28, 28);
        cache.insert(RangeChoice::Year, 365);
        assert_eq!(cache.next_to_precompute(), Some(RangeChoice::Days90));
        cache.insert(RangeChoice::Days90, 90);
        cache.insert(RangeChoice::Days7, 7);
        assert_eq!(cache.next_to_precompute(), None);
        assert_eq!(cache.get(RangeChoice::Year), Some(365));
        cache.insert(custom(10), 10);
        assert_eq!((cache.get(RangeChoice::Year), cache.get(custom(10))), (None, Some(10)));
        assert_eq!(cache.get(custom(11)), None);
        cache.insert(RangeChoice::Days90, 91);
        assert_eq!([7, 28, 90].map(|days| cache.get(preset(days))), [Some(7), Some(28), Some(91)]);
        assert_eq!(cache.get(custom(10)), Some(10));
        assert_eq!(cache.windows.len(), 4);
        cache.clear();
        assert_eq!(cache.get(RangeChoice::Days28), None);
    }

    fn preset(days: u32) -> RangeChoice {
        match days {
            7 => RangeChoice::Days7,
            28 => RangeChoice::Days28,
            _ => RangeChoice::Days90,
        }
    }
}
