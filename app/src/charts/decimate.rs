//! Decimation of long series before drawing: at most two points per pixel column, the column's
//! minimum and maximum in time order, so the drawn shape (spikes included) stays the same.
//!
//! Samples without data split the series into segments, drawn as separate lines.

use super::sample::Sample;
use super::scale::TimeScale;

/// One drawable polyline: `(at_secs, value)` in time order.
pub type Segment = Vec<(i64, f64)>;

/// The segments of `samples` inside the scale's range, each with at most two points per pixel column.
pub fn decimate(samples: &[Sample], scale: &TimeScale) -> Vec<Segment> {
    let mut segments = Vec::new();
    let mut current = ColumnReducer::default();
    for sample in samples {
        let Some(column) = scale.column(sample.at_secs) else { continue };
        match sample.value {
            Some(value) => current.push(column, sample.at_secs, value),
            None => {
                let segment = std::mem::take(&mut current).finish();
                if !segment.is_empty() {
                    segments.push(segment);
                }
            }
        }
    }
    let last = current.finish();
    if !last.is_empty() {
        segments.push(last);
    }
    segments
}

/// Folds consecutive points into per-column extremes.
#[derive(Debug, Default)]
struct ColumnReducer {
    points: Segment,
    column: Option<Extremes>,
}

#[derive(Debug, Clone, Copy)]
struct Extremes {
    column: u32,
    min: (i64, f64),
    max: (i64, f64),
}

impl ColumnReducer {
    fn push(&mut self, column: u32, at_secs: i64, value: f64) {
        match &mut self.column {
            Some(extremes) if extremes.column == column => {
                if value < extremes.min.1 {
                    extremes.min = (at_secs, value);
                }
                if value > extremes.max.1 {
                    extremes.max = (at_secs, value);
                }
            }
            _ => {
                self.flush();
                self.column = Some(Extremes { column, min: (at_secs, value), max: (at_secs, value) });
            }
        }
    }

    fn flush(&mut self) {
        if let Some(extremes) = self.column.take() {
            let (first, second) = if extremes.min.0 <= extremes.max.0 {
                (extremes.min, extremes.max)
            } else {
                (extremes.max, extremes.min)
            };
            self.points.push(first);
            if second != first {
                self.points.push(second);
            }
        }
    }

    fn finish(mut self) -> Segment {
        self.flush();
        self.points
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const FIVE_MINUTES: i64 = 300;

    fn samples(values: &[Option<f64>]) -> Vec<Sample> {
        values.iter().enumerate().map(|(i, value)| Sample::new(i as i64 * FIVE_MINUTES, *value, Some(1))).collect()
    }

    #[test]
    fn a_year_of_five_minute_data_fits_two_points_per_column_and_keeps_its_extremes() {
        // 365 days * 288 five-minute buckets = 105,120 samples over 800 columns.
        let count = 365 * 288;
        let mut values: Vec<Option<f64>> = (0..count).map(|i| Some(99.9 + ((i % 97) as f64) / 1000.0)).collect();
        values[40_000] = Some(12.5); // one deep outage spike
        values[70_001] = Some(250.0); // and one high one
        let input = samples(&values);
        let scale = TimeScale::new(0, (count - 1) as i64 * FIVE_MINUTES, 50.0, 800.0);

        let segments = decimate(&input, &scale);

        assert_eq!(segments.len(), 1);
        let points = &segments[0];
        assert!(points.len() <= 2 * 800, "{} points", points.len());
        assert!(points.len() >= 800, "every column is drawn");
        assert!(points.contains(&(40_000 * FIVE_MINUTES, 12.5)));
        assert!(points.contains(&(70_001 * FIVE_MINUTES, 250.0)));
        assert!(points.windows(2).all(|pair| pair[0].0 < pair[1].0), "time order is kept");
    }

    #[test]
    fn short_series_are_kept_as_they_are() {
        let input = samples(&[Some(1.0), Some(3.0), Some(2.0)]);
        let scale = TimeScale::new(0, 2 * FIVE_MINUTES, 0.0, 600.0);
        assert_eq!(decimate(&input, &scale), vec![vec![(0, 1.0), (300, 3.0), (600, 2.0)]]);
    }

    #[test]
    fn no_data_splits_the_line() {
        let input = samples(&[Some(1.0), None, None, Some(2.0), Some(4.0)]);
        let scale = TimeScale::new(0, 4 * FIVE_MINUTES, 0.0, 100.0);
        assert_eq!(decimate(&input, &scale), vec![vec![(0, 1.0)], vec![(900, 2.0), (1200, 4.0)]]);
    }

    #[test]
    fn samples_outside_the_range_are_left_out() {
        let input = samples(&[Some(1.0), Some(2.0), Some(3.0), Some(4.0)]);
        let scale = TimeScale::new(FIVE_MINUTES, 2 * FIVE_MINUTES, 0.0, 100.0);
        assert_eq!(decimate(&input, &scale), vec![vec![(300, 2.0), (600, 3.0)]]);
    }

    proptest! {
        #[test]
        fn every_column_keeps_at_most_two_points_and_its_extremes(
            values in prop::collection::vec(prop::option::weighted(0.9, -1e6f64..1e6), 1..3_000),
            width in 1u32..400,
        ) {
            let input = samples(&values);
            let scale = TimeScale::new(0, (values.len() as i64) * FIVE_MINUTES, 0.0, f64::from(width));
            let segments = decimate(&input, &scale);
            for segment in &segments {
                let mut per_column = std::collections::BTreeMap::<u32, usize>::new();
                for (at, _) in segment {
                    *per_column.entry(scale.column(*at).unwrap_or(u32::MAX)).or_default() += 1;
                }
                prop_assert!(per_column.values().all(|count| *count <= 2));
            }
            let drawn: Vec<f64> = segments.iter().flatten().map(|point| point.1).collect();
            let kept_max = drawn.iter().copied().fold(f64::MIN, f64::max);
            let kept_min = drawn.iter().copied().fold(f64::MAX, f64::min);
            let all: Vec<f64> = values.iter().flatten().copied().collect();
            prop_assert_eq!(kept_max, all.iter().copied().fold(f64::MIN, f64::max));
            prop_assert_eq!(kept_min, all.iter().copied().fold(f64::MAX, f64::min));
        }
    }
}
