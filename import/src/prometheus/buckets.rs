//! One query result (one column: the numerator or the total) turned into whole events per bucket
//! of the step grid, per group of series: bucket `i` covers `[i*step, (i+1)*step)` since the Unix
//! epoch, so every import of the same SLI lands on the same grid.
//!
//! - **Counter** samples: bucket `[t, t+step)` gets `v(t+step) - v(t)`, or `v(t+step)` when the
//!   counter went down (a reset: it restarted from 0). A bucket needs a sample at both its ends;
//!   no extrapolation. Values must be whole numbers.
//! - **Increase** samples (`increase(x[step])` evaluated at `t`): bucket `[t-step, t)` gets the value
//!   rounded to the nearest whole number; the largest rounding error is reported.
//!
//! Series of a group are summed; a bucket of a group has data when at least one of its series has.

use std::collections::BTreeMap;

use chrono::DateTime;

use crate::problem::Problem;
use crate::prometheus::listing::Listing;
use crate::prometheus::matrix::{RawSample, Series};

/// What the samples of a query result are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueKind {
    /// The counter itself.
    Counter,
    /// The counter's increase over the step before each sample.
    Increase,
}

/// The values of the split labels of a group of series (empty: all series summed).
pub type GroupKey = Vec<String>;

/// Events per bucket index, per group.
pub type Groups = BTreeMap<GroupKey, BTreeMap<i64, u64>>;

/// A column's buckets and what reading it found.
#[derive(Debug, Default)]
pub struct Column {
    pub groups: Groups,
    pub samples_read: u64,
    pub samples_used: u64,
    pub problems: Vec<Problem>,
    /// Increase values: the largest distance to the whole number kept, and where.
    pub largest_rounding: Option<(f64, String)>,
}

/// Reads every series of one file onto the `step_secs` grid.
pub fn column(file: &str, series: &[Series], kind: ValueKind, step_secs: i64, split_by: &[String]) -> Column {
    let mut column = Column::default();
    let mut off_grid = Listing::new(file, "samples are off the step grid");
    let mut bad_values = Listing::new(file, "samples have a value that cannot be used");
    let mut order = Listing::new(file, "samples are out of time order");
    let mut gaps = Listing::new(file, "series have gaps");
    let mut groups_wrong = Listing::new(file, "series lack a split label");
    let mut overflow = Listing::new(file, "buckets overflow");
    for one in series {
        column.samples_read += one.samples.len() as u64;
        let Some(key) = group_key(one, split_by, &mut groups_wrong) else { continue };
        let mut valid: Vec<(i64, f64, &RawSample)> = Vec::with_capacity(one.samples.len());
        for sample in &one.samples {
            let path = one.sample_path(sample.index);
            let Some(at) = on_grid(sample.at_secs, step_secs) else {
                let step = show_step(step_secs);
                off_grid.error(path, || {
                    format!(
                        "the sample at {} is not on the {step} grid (multiples of {step} since 1970-01-01T00:00:00Z): \
                         query with a step of {step} and start and end that are multiples of it",
                        show_time(sample.at_secs),
                    )
                });
                continue;
            };
            let value = match sample_value(&sample.value, kind) {
                Ok(value) => value,
                Err(reason) => {
                    bad_values.error(path, || format!("the sample at {}: {reason}", show_time(sample.at_secs)));
                    continue;
                }
            };
            if let Some((previous, _, _)) = valid.last() {
                if at <= *previous {
                    order.error(path, || {
                        format!("the sample at {} does not come after the one before it", show_time(sample.at_secs))
                    });
                    continue;
                }
            }
            valid.push((at, value, sample));
        }
        column.samples_used += valid.len() as u64;
        let buckets = column.groups.entry(key).or_default();
        let mut add =
            |index: i64, events: u64, path: String| match buckets.get(&index).copied().unwrap_or(0).checked_add(events)
            {
                Some(sum) => {
                    buckets.insert(index, sum);
                }
                None => overflow.error(path, || "the sum of the series exceeds 18446744073709551615 events".to_owned()),
            };
        match kind {
            ValueKind::Counter => {
                let mut gap_steps = 0;
                let mut first_gap = None;
                for pair in valid.windows(2) {
                    let ((t0, v0, _), (t1, v1, sample)) = (pair[0], pair[1]);
                    if t1 - t0 == step_secs {
                        // Both are whole numbers below 2^64 (checked by `sample_value`).
                        let (v0, v1) = (v0 as u64, v1 as u64);
                        let events = if v1 >= v0 { v1 - v0 } else { v1 };
                        add(t0 / step_secs, events, one.sample_path(sample.index));
                    } else {
                        gap_steps += (t1 - t0) / step_secs - 1;
                        first_gap.get_or_insert(t0);
                    }
                }
                if let Some(after) = first_gap {
                    gaps.warning(one.path.clone(), || {
                        format!(
                            "series {} has no sample for {gap_steps} steps (the first gap after {}): the buckets \
                             on either side of a missing sample have no data from this series",
                            one.label_text(),
                            show_time(after as f64)
                        )
                    });
                }
            }
            ValueKind::Increase => {
                for (at, value, sample) in &valid {
                    let rounded = value.round();
                    let error = (value - rounded).abs();
                    if column.largest_rounding.as_ref().is_none_or(|(largest, _)| error > *largest) {
                        column.largest_rounding = Some((error, one.sample_path(sample.index)));
                    }
                    add(at / step_secs - 1, rounded as u64, one.sample_path(sample.index));
                }
            }
        }
    }
    for listing in [off_grid, bad_values, order, gaps, groups_wrong, overflow] {
        column.problems.extend(listing.finish());
    }
    column
}

/// The split label values of a series; `None` (with an error) when it lacks one.
fn group_key(series: &Series, split_by: &[String], problems: &mut Listing<'_>) -> Option<GroupKey> {
    let mut key = Vec::with_capacity(split_by.len());
    for label in split_by {
        match series.labels.get(label) {
            Some(value) => key.push(value.clone()),
            None => {
                problems.error(format!("{}.metric", series.path), || {
                    format!("series {} has no label {label:?} to split by: it is not imported", series.label_text())
                });
                return None;
            }
        }
    }
    Some(key)
}

/// The whole second `at_secs` is, when it is one and lies on the grid.
fn on_grid(at_secs: f64, step_secs: i64) -> Option<i64> {
    if at_secs.fract() != 0.0 || !(-1e15..=1e15).contains(&at_secs) {
        return None;
    }
    let at = at_secs as i64;
    (at.rem_euclid(step_secs) == 0).then_some(at)
}

/// A sample value as a number of events (counter) or an increase (not yet rounded).
fn sample_value(text: &str, kind: ValueKind) -> Result<f64, String> {
    let value: f64 = match text.parse::<u64>() {
        Ok(whole) => {
            return if whole as f64 as u64 == whole || kind == ValueKind::Increase {
                Ok(whole as f64)
            } else {
                Err(format!(
                    "the counter value {text} is beyond 2^53, where Prometheus' float64 values are no longer exact"
                ))
            }
        }
        Err(_) => text.parse().map_err(|_| format!("the value {text:?} is not a number"))?,
    };
    if !value.is_finite() {
        return Err(format!("the value is {text}: expected a finite number of events"));
    }
    match kind {
        ValueKind::Counter if value < 0.0 || value.fract() != 0.0 => {
            Err(format!("the counter value {text} is not a whole number of events"))
        }
        ValueKind::Counter if value >= 9_007_199_254_740_992.0 => Err(format!(
            "the counter value {text} is beyond 2^53, where Prometheus' float64 values are no longer exact"
        )),
        ValueKind::Increase if value < -0.5 => Err(format!("the increase {text} is negative")),
        ValueKind::Increase if value >= 1.8e19 => Err(format!("the increase {text} is too large")),
        _ => Ok(value.max(0.0)),
    }
}

/// `2026-11-21T00:05:00Z`, or the seconds as written when they are no instant.
pub fn show_time(at_secs: f64) -> String {
    // Prometheus times have millisecond precision.
    let whole = at_secs.floor();
    let nanos = ((at_secs - whole) * 1e3).round().clamp(0.0, 999.0) as u32 * 1_000_000;
    match DateTime::from_timestamp(whole as i64, nanos).filter(|_| whole.abs() < 1e15) {
        Some(at) => at.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true),
        None => format!("{at_secs} s"),
    }
}

/// `5m`, or the seconds when they are not whole minutes.
pub fn show_step(step_secs: i64) -> String {
    uptrend_core::time::Span::from_secs(step_secs)
        .filter(|_| step_secs % 60 == 0)
        .map_or_else(|| format!("{step_secs}s"), |span| span.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn series(labels: &[(&str, &str)], samples: &[(i64, &str)]) -> Series {
        Series {
            labels: labels.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect(),
            path: "data.result[0]".into(),
            samples: samples
                .iter()
                .enumerate()
                .map(|(index, (at, value))| RawSample { at_secs: *at as f64, value: value.to_string(), index })
                .collect(),
        }
    }

    fn buckets(column: &Column) -> Vec<(i64, u64)> {
        column.groups.get(&Vec::new()).map(|b| b.iter().map(|(i, v)| (*i, *v)).collect()).unwrap_or_default()
    }

    #[test]
    fn counter_increases_handle_resets_and_need_both_ends() {
        // 0..4 at steps of 60 s: 100, 130, 5 (reset), 25, then a gap, then 40 at step 6, 41 at step 7.
        let one = series(&[], &[(0, "100"), (60, "130"), (120, "5"), (180, "25"), (360, "40"), (420, "41")]);
        let column = column("c.json", &[one], ValueKind::Counter, 60, &[]);
        assert_eq!(buckets(&column), [(0, 30), (1, 5), (2, 20), (6, 1)]);
        assert_eq!(column.problems.len(), 1, "one gap warning: {:?}", column.problems);
        assert!(column.problems[0].message.contains("no sample for 2 steps"), "{:?}", column.problems);
    }

    #[test]
    fn increases_land_in_the_bucket_before_their_sample_and_are_rounded() {
        let one = series(&[], &[(120, "10.4"), (180, "2.5"), (240, "0")]);
        let column = column("c.json", &[one], ValueKind::Increase, 60, &[]);
        assert_eq!(buckets(&column), [(1, 10), (2, 3), (3, 0)]);
        let (largest, at) = column.largest_rounding.unwrap();
        assert!((largest - 0.5).abs() < 1e-9 && at == "data.result[0].values[1]");
    }

    #[test]
    fn series_are_summed_or_split() {
        let a = series(&[("code", "200")], &[(0, "1"), (60, "3")]);
        let b = series(&[("code", "500")], &[(0, "10"), (60, "11")]);
        let summed = column("c.json", &[a.clone(), b.clone()], ValueKind::Counter, 60, &[]);
        assert_eq!(buckets(&summed), [(0, 3)]);
        let split = column("c.json", &[a, b], ValueKind::Counter, 60, &["code".to_owned()]);
        assert_eq!(split.groups.len(), 2);
        assert_eq!(split.groups[&vec!["500".to_owned()]][&0], 1);
    }

    #[test]
    fn nan_inf_off_grid_and_unordered_samples_are_errors_at_their_path() {
        let one =
            series(&[], &[(0, "1"), (60, "NaN"), (90, "2"), (120, "+Inf"), (180, "1.5"), (180, "3"), (240, "-1")]);
        let column = column("c.json", &[one], ValueKind::Counter, 60, &[]);
        let errors: Vec<(String, bool)> =
            column.problems.iter().map(|p| (p.location.path.clone(), p.is_error())).collect();
        assert_eq!(
            errors,
            [
                ("data.result[0].values[2]".to_owned(), true),
                ("data.result[0].values[1]".to_owned(), true),
                ("data.result[0].values[3]".to_owned(), true),
                ("data.result[0].values[4]".to_owned(), true),
                ("data.result[0].values[6]".to_owned(), true),
                ("data.result[0]".to_owned(), false),
            ]
        );
        assert!(column.problems[1].message.contains("the value is NaN"), "{:?}", column.problems[1]);
        assert!(
            column.problems[0].message.contains("1970-01-01T00:01:30Z is not on the 1m grid"),
            "{:?}",
            column.problems[0]
        );
        assert_eq!(buckets(&column), []);
    }
}
