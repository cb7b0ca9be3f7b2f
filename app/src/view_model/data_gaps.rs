//! Where an SLO's SLI has no data (missing or null buckets, or time outside the data) and where it
//! has data but no traffic (total 0), over a chart's range: the stretches its charts shade and label.

use uptrend_core::model::SloData;

use crate::charts::{DataGap, GapKind};

/// The no-data and no-traffic stretches of `slo` within `[start_secs, end_secs)`, in time order, with
/// neighbouring stretches of the same kind merged. `end_secs` is the last instant known (as_of).
pub fn data_gaps(slo: &SloData, start_secs: i64, end_secs: i64) -> Vec<DataGap> {
    let series = &slo.series;
    let step_secs = series.step.secs().max(1);
    let series_start = series.start.timestamp();
    let series_end = series_start.saturating_add(step_secs.saturating_mul(series.len() as i64));
    let mut gaps: Vec<DataGap> = Vec::new();
    let mut push = |start: i64, end: i64, kind: GapKind| {
        let (start, end) = (start.max(start_secs), end.min(end_secs));
        if start >= end {
            return;
        }
        match gaps.last_mut() {
            Some(last) if last.kind == kind && last.end_secs >= start => last.end_secs = last.end_secs.max(end),
            _ => gaps.push(DataGap { start_secs: start, end_secs: end, kind }),
        }
    };
    push(start_secs, series_start, GapKind::NoData);
    let first = if start_secs > series_start { ((start_secs - series_start) / step_secs) as usize } else { 0 };
    for (index, bucket) in series.iter().enumerate().skip(first) {
        let bucket_start = series_start + index as i64 * step_secs;
        if bucket_start >= end_secs {
            break;
        }
        let kind = match bucket {
            None => GapKind::NoData,
            Some(counts) if counts.total == 0 => GapKind::NoTraffic,
            Some(_) => continue,
        };
        push(bucket_start, bucket_start + step_secs, kind);
    }
    push(series_end, end_secs, GapKind::NoData);
    gaps
}

#[cfg(test)]
mod tests {
    use chrono::DateTime;
    use uptrend_core::model::{Budgeting, Counts, SliSeries, SloDefinition};

    use super::*;

    fn slo(buckets: Vec<Option<Counts>>) -> Option<SloData> {
        let definition = SloDefinition {
            id: "s".to_owned(),
            service: "a".to_owned(),
            name: None,
            objective: 0.99,
            window: "1d".parse().ok()?,
            budgeting: Budgeting::Occurrences,
            timeslice_target: None,
        };
        let series = SliSeries::from_buckets(DateTime::from_timestamp(100, 0)?, "1m".parse().ok()?, buckets);
        Some(SloData { definition, series })
    }

    #[test]
    fn nulls_zero_traffic_and_time_outside_the_data_are_gaps() {
        let counts = |total| Some(Counts { good: total, total });
        // Buckets of 60 s from 100: data, null, null, zero, data; the range runs 0..500.
        let slo = slo(vec![counts(5), None, None, counts(0), counts(5)]).expect("a valid fixture");
        let gaps: Vec<(i64, i64, GapKind)> =
            data_gaps(&slo, 0, 500).into_iter().map(|gap| (gap.start_secs, gap.end_secs, gap.kind)).collect();
        assert_eq!(
            gaps,
            [
                (0, 100, GapKind::NoData),
                (160, 280, GapKind::NoData),
                (280, 340, GapKind::NoTraffic),
                (400, 500, GapKind::NoData),
            ]
        );
    }
}
