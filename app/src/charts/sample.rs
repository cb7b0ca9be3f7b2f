//! The data a time chart draws: samples in time order, each with its value (or no data) and its `n`.

/// One point of a time series.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Sample {
    /// Unix time in seconds (UTC).
    pub at_secs: i64,
    /// `None` is "no data": the line breaks there instead of inventing a value.
    pub value: Option<f64>,
    /// How many events, buckets or deployments the value summarises (shown on hover), when it has one.
    pub n: Option<u64>,
}

impl Sample {
    pub fn new(at_secs: i64, value: Option<f64>, n: Option<u64>) -> Sample {
        Sample { at_secs, value: value.filter(|v| v.is_finite()), n }
    }
}

/// A labelled series, sorted by time. Non-finite values are stored as "no data".
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    pub label: String,
    samples: Vec<Sample>,
}

impl Series {
    pub fn new(label: impl Into<String>, samples: impl IntoIterator<Item = Sample>) -> Series {
        Series::from_vec(label.into(), samples.into_iter().collect())
    }

    /// The body of `new`, not generic: one compiled copy of the sort for every caller's iterator type.
    fn from_vec(label: String, mut samples: Vec<Sample>) -> Series {
        for sample in &mut samples {
            *sample = Sample::new(sample.at_secs, sample.value, sample.n);
        }
        uptrend_core::sort::sort_stable_by_key(&mut samples, |sample| sample.at_secs);
        Series { label, samples }
    }

    pub fn samples(&self) -> &[Sample] {
        &self.samples
    }

    /// The smallest and largest value with data, if any.
    pub fn value_bounds(&self) -> Option<(f64, f64)> {
        self.samples.iter().filter_map(|sample| sample.value).fold(None, |bounds, value| match bounds {
            None => Some((value, value)),
            Some((low, high)) => Some((low.min(value), high.max(value))),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn series_are_sorted_by_time_and_non_finite_values_are_no_data() {
        let series = Series::new(
            "s",
            [
                Sample::new(20, Some(f64::NAN), Some(1)),
                Sample::new(10, Some(2.0), Some(1)),
                Sample::new(30, Some(-1.0), Some(1)),
            ],
        );
        let times: Vec<i64> = series.samples().iter().map(|s| s.at_secs).collect();
        assert_eq!(times, [10, 20, 30]);
        assert_eq!(series.samples()[1].value, None);
        assert_eq!(series.value_bounds(), Some((-1.0, 2.0)));
    }

    #[test]
    fn a_series_without_data_has_no_bounds() {
        assert_eq!(Series::new("s", [Sample::new(1, None, Some(0))]).value_bounds(), None);
    }
}
