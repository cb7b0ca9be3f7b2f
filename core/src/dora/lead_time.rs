//! Change lead time: each change (its `repository` and id) counts once, at the first `succeeded` production deployment
//! that contains it (by `finished_at`, over all time), as that deployment's `finished_at` minus the
//! change's `committed_at`, in the window of that deployment. Negative lead times are anomalies.

use std::borrow::Cow;

use serde::Serialize;

use super::first_seen::first_occurrences;
use crate::elapsed::elapsed_secs;
use crate::model::{Change, DeployStatus, Deployment};
use crate::stats::{self, QuantileRank};

/// A change delivered for the first time: by the known deployment at `position` (in the order of
/// [`super::DeliveryFacts::deployments`]), as its `change`-th change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FirstDelivery {
    pub position: u32,
    pub change: u32,
    /// `finished_at − committed_at`; negative ones are anomalies, left out of the statistics.
    pub lead_secs: i64,
}

/// Lead time statistics of one scope and period.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct LeadTimeSummary {
    pub median: Option<f64>,
    pub p90: Option<f64>,
    /// Changes with a non-negative lead time.
    pub n: u64,
    /// Changes left out because they were committed after their deployment finished.
    pub anomalies: u64,
}

impl LeadTimeSummary {
    /// From the ascending non-negative lead times and the anomaly count.
    pub fn from_sorted(lead_secs: &[i64], anomalies: u64) -> LeadTimeSummary {
        LeadTimeSummary {
            median: stats::median(lead_secs),
            p90: stats::quantile(lead_secs, 0.9),
            n: lead_secs.len() as u64,
            anomalies,
        }
    }
}

/// The [`LeadTimeSummary`] of ascending samples seen one at a time, keeping only the (at most four)
/// at the ranks the median and p90 read: made for the samples' count ([`Self::of_count`]), then fed
/// the samples in ascending order ([`Self::push`]). Grouping millions of lead times into thousands
/// of scope and period buckets this way needs no per-bucket list of them.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct RankedLeadTimes {
    n: usize,
    seen: usize,
    /// The median's lower and upper rank, then the p90's.
    ranks: [usize; 4],
    values: [i64; 4],
}

impl RankedLeadTimes {
    /// Ready for `n` samples.
    pub fn of_count(n: usize) -> RankedLeadTimes {
        let ranks = match (QuantileRank::of(n, 0.5), QuantileRank::of(n, 0.9)) {
            (Some(median), Some(p90)) => [median.lower, median.upper, p90.lower, p90.upper],
            _ => [usize::MAX; 4],
        };
        RankedLeadTimes { n, seen: 0, ranks, values: [0; 4] }
    }

    /// The next sample in ascending order.
    pub fn push(&mut self, lead_secs: i64) {
        for (rank, value) in self.ranks.iter().zip(self.values.iter_mut()) {
            if *rank == self.seen {
                *value = lead_secs;
            }
        }
        self.seen = self.seen.saturating_add(1);
    }

    /// The same summary as [`LeadTimeSummary::from_sorted`] of the samples pushed.
    pub fn summary(&self, anomalies: u64) -> LeadTimeSummary {
        let [median_low, median_high, p90_low, p90_high] = self.values;
        let complete = self.seen == self.n;
        let value = |q: f64, low: i64, high: i64| {
            QuantileRank::of(self.n, q).filter(|_| complete).map(|rank| rank.value(low, high))
        };
        LeadTimeSummary {
            median: value(0.5, median_low, median_high),
            p90: value(0.9, p90_low, p90_high),
            n: self.n as u64,
            anomalies,
        }
    }
}

/// First deliveries in deployment order, from the known production deployments in
/// (`finished_at`, id) order: a change seen in an earlier succeeded deployment is not delivered
/// again; a failed or rolled-back deployment delivers nothing.
pub fn first_deliveries<'a>(known: impl Iterator<Item = &'a Deployment> + Clone) -> Vec<FirstDelivery> {
    // The changes are walked three times (counted, keyed, then their lead times read) instead of
    // keeping a list of every change's lead time beside the keys: the keys are the DORA facts' peak,
    // in the tab too.
    let delivered = || {
        known
            .clone()
            .enumerate()
            .map_while(|(position, deployment)| Some((u32::try_from(position).ok()?, deployment)))
            .filter(|(_, deployment)| deployment.status == DeployStatus::Succeeded)
            .flat_map(|(position, deployment)| {
                deployment.changes.iter().enumerate().map_while(move |(change_index, change)| {
                    Some((position, u32::try_from(change_index).ok()?, deployment, change))
                })
            })
    };
    let first = {
        // The change's id, or `None` for a change in a repository, whose key is in `repository_keys`.
        // At its exact length: grown by doubling, it would reserve up to twice that, and the tab's
        // memory keeps its high-water mark.
        let mut ids: Vec<Option<&'a str>> = Vec::with_capacity(delivered().count());
        let mut repository_keys: Vec<String> = Vec::new();
        for (_, _, _, change) in delivered() {
            match change_key(change) {
                Cow::Borrowed(id) => ids.push(Some(id)),
                Cow::Owned(key) => {
                    ids.push(None);
                    repository_keys.push(key);
                }
            }
        }
        // Collected in place (an `Option<&str>` and a `&str` have the same size): no second list.
        let mut repository_keys = repository_keys.iter();
        let ids: Vec<&str> = ids
            .into_iter()
            .map(|id| id.or_else(|| repository_keys.next().map(String::as_str)).unwrap_or_default())
            .collect();
        first_occurrences(&ids)
    };
    let mut deliveries = Vec::with_capacity(first.iter().filter(|first| **first).count());
    for ((position, change, deployment, record), first) in delivered().zip(first) {
        if first {
            let lead_secs = elapsed_secs(record.committed_at, deployment.finished_at);
            deliveries.push(FirstDelivery { position, change, lead_secs });
        }
    }
    deliveries
}

/// What identifies a change: its id, within its repository when it names one. A unit separator
/// (never in a repository name or commit id) keeps `("a/b", "c")` apart from `(None, "a/b\u{1f}c")` in practice.
fn change_key(change: &Change) -> Cow<'_, str> {
    match change.repository() {
        None => Cow::Borrowed(&change.id),
        Some(repository) => Cow::Owned(format!("{repository}\u{1f}{}", change.id)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{DateTime, Utc};

    fn at(text: &str) -> DateTime<Utc> {
        text.parse().unwrap()
    }

    fn deployment(id: &str, finished: &str, status: DeployStatus, changes: &[(&str, &str)]) -> Deployment {
        Deployment {
            id: id.into(),
            service: "api".into(),
            environment: "production".into(),
            finished_at: at(finished),
            status,
            changes: changes.iter().map(|(id, committed)| Change::new((*id).to_owned(), at(committed))).collect(),
            production: None,
            fixes_incident: None,
        }
    }

    #[test]
    fn a_change_counts_once_at_its_first_succeeded_deployment() {
        let deployments = [
            deployment("d1", "2026-01-01T10:00:00Z", DeployStatus::Failed, &[("c1", "2026-01-01T08:00:00Z")]),
            deployment("d2", "2026-01-01T12:00:00Z", DeployStatus::Succeeded, &[("c1", "2026-01-01T08:00:00Z")]),
            deployment("d3", "2026-01-02T12:00:00Z", DeployStatus::Succeeded, &[("c1", "2026-01-01T08:00:00Z")]),
        ];
        // c1 at d2: 12:00 − 08:00 = 4 h = 14,400 s; d1 failed, d3 redelivers it.
        assert_eq!(first_deliveries(deployments.iter()), [FirstDelivery { position: 1, change: 0, lead_secs: 14_400 }]);
    }

    #[test]
    fn the_same_change_id_in_two_repositories_is_two_changes() {
        let mut deployment =
            deployment("d1", "2026-01-01T10:00:00Z", DeployStatus::Succeeded, &[("c1", "2026-01-01T08:00:00Z")]);
        deployment
            .changes
            .push(Change::new("c1", at("2026-01-01T09:00:00Z")).with_repository(Some("acme/web".to_owned())));
        // c1 (no repository) 2 h, acme/web c1 1 h: two lead times.
        let lead: Vec<i64> = first_deliveries([deployment].iter()).iter().map(|d| d.lead_secs).collect();
        assert_eq!(lead, [7_200, 3_600]);
    }

    #[test]
    fn a_change_committed_after_its_deployment_gets_a_negative_lead_time() {
        let deployments =
            [deployment("d1", "2026-01-01T10:00:00Z", DeployStatus::Succeeded, &[("c1", "2026-01-01T10:00:30Z")])];
        assert_eq!(first_deliveries(deployments.iter())[0].lead_secs, -30);
    }

    proptest::proptest! {
        #[test]
        fn ranked_lead_times_summarise_as_the_sorted_samples_do(
            mut secs in proptest::collection::vec(0_i64..1_000_000, 0..60),
            anomalies in 0_u64..5,
        ) {
            secs.sort_unstable();
            let mut ranked = RankedLeadTimes::of_count(secs.len());
            secs.iter().for_each(|secs| ranked.push(*secs));
            proptest::prop_assert_eq!(ranked.summary(anomalies), LeadTimeSummary::from_sorted(&secs, anomalies));
        }
    }

    #[test]
    fn ranked_lead_times_fed_fewer_samples_than_counted_have_no_statistics() {
        let mut ranked = RankedLeadTimes::of_count(2);
        ranked.push(60);
        assert_eq!(ranked.summary(0), LeadTimeSummary { median: None, p90: None, n: 2, anomalies: 0 });
    }

    #[test]
    fn summary_has_median_p90_n_and_anomalies() {
        let summary = LeadTimeSummary::from_sorted(&[60, 120, 180, 240], 1);
        // Median (120 + 180) / 2 = 150; p90 rank 2.7: 180 + 0.7 × 60 = 222.
        assert_eq!(summary.median, Some(150.0));
        assert!((summary.p90.unwrap_or_default() - 222.0).abs() < 1e-9);
        assert_eq!((summary.n, summary.anomalies), (4, 1));
    }
}
