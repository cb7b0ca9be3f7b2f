//! An SLO's merged SLI, stored compactly: one validity bitmap for the buckets with data, and `good` and
//! `total` each as `u32` while every count fits (`u64` from the first that does not). A year of
//! 5-minute buckets needs 0.85 MB instead of the 2.5 MB of `Vec<Option<Counts>>`.

use std::fmt;

use chrono::{DateTime, Utc};

use crate::model::count_column::{Validity, Values};
use crate::model::Counts;
use crate::time::Span;

/// An SLO's merged SLI on one grid: bucket `i` covers `[start + i*step, start + (i+1)*step)`;
/// `None` means no snapshot had data for that bucket.
#[derive(Clone)]
pub struct SliSeries {
    pub start: DateTime<Utc>,
    pub step: Span,
    good: Values,
    total: Values,
    valid: Validity,
}

impl SliSeries {
    /// The series of `buckets`, bucket `i` starting at `start + i*step`.
    pub fn from_buckets(
        start: DateTime<Utc>,
        step: Span,
        buckets: impl IntoIterator<Item = Option<Counts>>,
    ) -> SliSeries {
        let buckets = buckets.into_iter();
        let capacity = buckets.size_hint().0;
        let mut good = Values::Narrow(Vec::with_capacity(capacity));
        let mut total = Values::Narrow(Vec::with_capacity(capacity));
        let mut valid = Validity::default();
        for (index, bucket) in buckets.enumerate() {
            valid.push(index, bucket.is_some());
            let counts = bucket.unwrap_or_default();
            good.push(counts.good);
            total.push(counts.total);
        }
        SliSeries { start, step, good, total, valid }
    }

    /// A series without buckets.
    pub fn empty(start: DateTime<Utc>, step: Span) -> SliSeries {
        SliSeries::from_buckets(start, step, [])
    }

    /// How many buckets the series spans, with data or not.
    pub fn len(&self) -> usize {
        self.total.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Bucket `index`'s counts; `None` when it has no data or is beyond the series.
    #[inline]
    pub fn get(&self, index: usize) -> Option<Counts> {
        if !self.valid.get(index) {
            return None;
        }
        Some(Counts { good: self.good.get(index)?, total: self.total.get(index)? })
    }

    /// Every bucket, in order.
    pub fn iter(&self) -> Buckets<'_> {
        self.range(0, self.len())
    }

    /// Buckets `[first, end)`, clamped to the series.
    pub fn range(&self, first: usize, end: usize) -> Buckets<'_> {
        let end = end.min(self.len());
        Buckets { series: self, indices: first.min(end)..end }
    }

    /// The stored columns (good, total, validity), for the packed form.
    pub(crate) fn columns(&self) -> (&Values, &Values, &Validity) {
        (&self.good, &self.total, &self.valid)
    }

    /// The series of stored columns; `None` unless both columns have the same length and the
    /// validity one bit for each of their values.
    pub(crate) fn from_columns(
        start: DateTime<Utc>,
        step: Span,
        good: Values,
        total: Values,
        valid: Validity,
    ) -> Option<SliSeries> {
        (good.len() == total.len() && valid.fits(total.len())).then_some(SliSeries { start, step, good, total, valid })
    }

    /// Sets bucket `index`; nothing when it is beyond the series.
    pub fn set(&mut self, index: usize, counts: Option<Counts>) {
        if index < self.len() {
            self.valid.set(index, counts.is_some());
            let counts = counts.unwrap_or_default();
            self.good.set(index, counts.good);
            self.total.set(index, counts.total);
        }
    }
}

/// Buckets of a [`SliSeries`], in order.
#[derive(Debug, Clone)]
pub struct Buckets<'a> {
    series: &'a SliSeries,
    indices: std::ops::Range<usize>,
}

impl Iterator for Buckets<'_> {
    type Item = Option<Counts>;

    #[inline]
    fn next(&mut self) -> Option<Option<Counts>> {
        self.indices.next().map(|index| self.series.get(index))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.indices.size_hint()
    }

    #[inline]
    fn nth(&mut self, n: usize) -> Option<Option<Counts>> {
        self.indices.nth(n).map(|index| self.series.get(index))
    }

    /// One pass over the columns, chosen once for their widths (`for_each`, `sum`, `flatten` use it).
    fn fold<B, F: FnMut(B, Option<Counts>) -> B>(self, init: B, f: F) -> B {
        let Buckets { series, indices } = self;
        let valid = &series.valid;
        match (&series.good, &series.total) {
            (Values::Narrow(good), Values::Narrow(total)) => fold_columns(valid, good, total, indices, init, f),
            (Values::Narrow(good), Values::Wide(total)) => fold_columns(valid, good, total, indices, init, f),
            (Values::Wide(good), Values::Narrow(total)) => fold_columns(valid, good, total, indices, init, f),
            (Values::Wide(good), Values::Wide(total)) => fold_columns(valid, good, total, indices, init, f),
        }
    }
}

fn fold_columns<G, T, B, F>(
    valid: &Validity,
    good: &[G],
    total: &[T],
    indices: std::ops::Range<usize>,
    init: B,
    mut f: F,
) -> B
where
    G: Copy + Into<u64>,
    T: Copy + Into<u64>,
    F: FnMut(B, Option<Counts>) -> B,
{
    let first = indices.start;
    let good = good.get(indices.clone()).unwrap_or_default();
    let total = total.get(indices).unwrap_or_default();
    let mut accumulated = init;
    for (offset, (&good, &total)) in good.iter().zip(total).enumerate() {
        let bucket = valid.get(first + offset).then(|| Counts { good: good.into(), total: total.into() });
        accumulated = f(accumulated, bucket);
    }
    accumulated
}

impl DoubleEndedIterator for Buckets<'_> {
    #[inline]
    fn next_back(&mut self) -> Option<Option<Counts>> {
        self.indices.next_back().map(|index| self.series.get(index))
    }
}

impl ExactSizeIterator for Buckets<'_> {}

impl<'a> IntoIterator for &'a SliSeries {
    type Item = Option<Counts>;
    type IntoIter = Buckets<'a>;

    fn into_iter(self) -> Buckets<'a> {
        self.iter()
    }
}

impl PartialEq for SliSeries {
    fn eq(&self, other: &SliSeries) -> bool {
        self.start == other.start
            && self.step == other.step
            && self.len() == other.len()
            && self.iter().eq(other.iter())
    }
}

impl fmt::Debug for SliSeries {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        struct Buckets<'a>(&'a SliSeries);
        impl fmt::Debug for Buckets<'_> {
            fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
                formatter.debug_list().entries(self.0.iter()).finish()
            }
        }
        formatter
            .debug_struct("SliSeries")
            .field("start", &self.start)
            .field("step", &self.step)
            .field("buckets", &Buckets(self))
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn holds_every_bucket_narrow_or_wide() {
        let start = DateTime::from_timestamp(0, 0).unwrap_or_default();
        let big = Counts { good: 1, total: u64::MAX };
        let buckets = [Some(Counts { good: 1, total: 2 }), None, Some(big), Some(Counts::default()), None];
        let series = SliSeries::from_buckets(start, Span::HOUR, buckets);
        assert_eq!(series.len(), 5);
        assert_eq!(series.iter().collect::<Vec<_>>(), buckets);
        assert_eq!(series.get(2), Some(big));
        assert_eq!(series.get(5), None);
        assert_eq!(series.range(1, 9).collect::<Vec<_>>(), buckets[1..]);
        assert_eq!(series.range(7, 9).count(), 0);
        assert_eq!(series.iter().skip(2).collect::<Vec<_>>(), buckets[2..]);
        assert_eq!(series.iter().rev().collect::<Vec<_>>(), buckets.iter().rev().copied().collect::<Vec<_>>());
        let mut changed = series.clone();
        changed.set(1, Some(big));
        changed.set(2, None);
        changed.set(9, Some(big));
        assert_eq!(changed.iter().collect::<Vec<_>>(), [buckets[0], Some(big), None, buckets[3], None]);
        assert_ne!(changed, series);
    }

    #[test]
    fn fold_sees_the_buckets_next_sees_at_every_column_width() {
        let start = DateTime::from_timestamp(0, 0).unwrap_or_default();
        let wide = u64::from(u32::MAX) + 1;
        // Narrow and narrow, narrow and wide, wide and wide, wide and narrow (the columns do not check good ≤ total).
        let widths = [(1, 2), (1, wide), (wide, wide + 1), (wide, 3)];
        for (good, total) in widths {
            let buckets =
                [Some(Counts { good: 1, total: 2 }), None, Some(Counts { good, total }), Some(Counts::default())];
            let series = SliSeries::from_buckets(start, Span::HOUR, buckets);
            let folded = |iter: Buckets<'_>| {
                iter.fold(Vec::new(), |mut seen, bucket| {
                    seen.push(bucket);
                    seen
                })
            };
            assert_eq!(folded(series.iter()), buckets, "{good} {total}");
            let mut after_next = series.iter();
            after_next.next();
            after_next.next_back();
            assert_eq!(folded(after_next), buckets[1..3], "{good} {total}");
            assert_eq!(folded(series.range(2, 4)), buckets[2..], "{good} {total}");
        }
    }
}
