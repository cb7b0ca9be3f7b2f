//! An SLO's raw SLI counts per bucket as chart series: the events recorded and the bad ones, as
//! exported (no metric is computed here).

use uptrend_core::model::SloData;

use crate::charts::{Sample, Series};

/// `(total events, bad events)` per bucket; buckets without data are gaps.
pub fn traffic_series(slo: &SloData) -> (Series, Series) {
    let start = slo.series.start.timestamp();
    let step = slo.series.step.secs();
    let (mut total, mut bad) = (Vec::new(), Vec::new());
    for (index, bucket) in slo.series.iter().enumerate() {
        let Some(at_secs) =
            i64::try_from(index).ok().and_then(|i| i.checked_mul(step)).and_then(|o| o.checked_add(start))
        else {
            break;
        };
        let counts = bucket.map(|counts| (counts.total, counts.total.saturating_sub(counts.good)));
        let n = Some(counts.map_or(0, |(total, _)| total));
        total.push(Sample::new(at_secs, counts.map(|(total, _)| total as f64), n));
        bad.push(Sample::new(at_secs, counts.map(|(_, bad)| bad as f64), n));
    }
    (Series::new("events", total), Series::new("bad events", bad))
}
