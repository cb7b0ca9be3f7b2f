//! The data coverage line of the overview: what was loaded and the time it spans.

use uptrend_core::model::Dataset;

/// Counts of what the report is computed from.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Coverage {
    pub services: usize,
    pub slos: usize,
    pub deployments: usize,
    pub incidents: usize,
    /// Unix seconds of the first SLI bucket's start and the last one's end, over all SLOs.
    pub sli_span_secs: Option<(i64, i64)>,
}

pub fn coverage(dataset: &Dataset) -> Coverage {
    let sli_span_secs = dataset
        .slos
        .iter()
        .filter_map(|slo| {
            let start = slo.series.start.timestamp();
            let buckets = i64::try_from(slo.series.len()).ok()?;
            let end = buckets.checked_mul(slo.series.step.secs())?.checked_add(start)?;
            Some((start, end))
        })
        .reduce(|(a_start, a_end), (b_start, b_end)| (a_start.min(b_start), a_end.max(b_end)));
    Coverage {
        services: dataset.services.len(),
        slos: dataset.slos.len(),
        deployments: dataset.deployments.len(),
        incidents: dataset.incidents.len(),
        sli_span_secs,
    }
}
