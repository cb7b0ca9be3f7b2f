//! Change lead time: each change (its `repository` and id) counts once, at the first `succeeded` production deployment
//! that contains it (by `finished_at`, over all time), as that deployment's `finished_at` minus the
//! change's `committed_at`, in the window of that deployment. Negative lead times are anomalies.

use std::borrow::Cow;

use serde::Serialize;

use super::first_seen::first_occurrences;
use crate::model::{Change, DeployStatus, Deployment};
use crate::stats;

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

/// The [`LeadTimeSummary`] of ascending lead times seen one by one, keeping only the samples at the
/// ranks the median and p90 read (instead of every sample): their count is told first, with
/// [`LeadRanks::expect`] once per lead time, then each is [`LeadRanks::add`]ed in ascending order.
#[derive(Debug, Clone, Default)]
pub struct LeadRanks {
    expected: usize,
    seen: usize,
    /// The median's lower and upper rank, then the p90's: set at the first sample added.
    ranks: Option<[Option<usize>; 4]>,
    /// The samples at those ranks.
    at_ranks: [Option<i64>; 4],
}

const MEDIAN: f64 = 0.5;
const P90: f64 = 0.9;

impl LeadRanks {
    pub fn expect(&mut self) {
        self.expected = self.expected.saturating_add(1);
    }

    /// The next lead time, not smaller than the previous one.
    pub fn add(&mut self, lead_secs: i64) {
        let expected = self.expected;
        let wanted = *self.ranks.get_or_insert_with(|| {
            let [median, p90] = [MEDIAN, P90].map(|q| stats::QuantileRanks::of(expected, q));
            [median.map(|r| r.lower), median.map(|r| r.upper), p90.map(|r| r.lower), p90.map(|r| r.upper)]
        });
        for (slot, rank) in self.at_ranks.iter_mut().zip(wanted) {
            if rank == Some(self.seen) {
                *slot = Some(lead_secs);
            }
        }
        self.seen = self.seen.saturating_add(1);
    }

    /// Exactly [`LeadTimeSummary::from_sorted`] of the lead times added (when as many were expected).
    pub fn summary(&self, anomalies: u64) -> LeadTimeSummary {
        let [median_low, median_high, p90_low, p90_high] = self.at_ranks;
        let quantile = |q: f64, low: Option<i64>, high: Option<i64>| {
            Some(stats::QuantileRanks::of(self.seen, q)?.value(low?, high?))
        };
        LeadTimeSummary {
            median: quantile(MEDIAN, median_low, median_high),
            p90: quantile(P90, p90_low, p90_high),
            n: self.seen as u64,
            anomalies,
        }
    }
}

/// First deliveries in deployment order, from the known production deployments in
/// (`finished_at`, id) order: a change seen in an earlier succeeded deployment is not delivered
/// again; a failed or rolled-back deployment delivers nothing.
pub fn first_deliveries<'a>(known: impl Iterator<Item = &'a Deployment>) -> Vec<FirstDelivery> {
    // The succeeded deployments first, so the change lists below are allocated at their exact length
    // (a million deployments ship five million changes) and only keys with a repository are copied.
    let mut succeeded: Vec<(u32, &Deployment)> = Vec::new();
    for (position, deployment) in known.enumerate() {
        let Ok(position) = u32::try_from(position) else { break };
        if deployment.status == DeployStatus::Succeeded {
            succeeded.push((position, deployment));
        }
    }
    let changes = |deployment: &'a Deployment| {
        deployment.changes.iter().enumerate().map_while(|(index, change)| Some((u32::try_from(index).ok()?, change)))
    };
    let count = succeeded.iter().map(|(_, deployment)| changes(deployment).count()).sum();
    let keys_with_repository: Vec<Cow<'_, str>> = succeeded
        .iter()
        .flat_map(|(_, deployment)| changes(deployment))
        .filter(|(_, change)| change.repository.is_some())
        .map(|(_, change)| change_key(change))
        .collect();
    let mut with_repository = keys_with_repository.iter();
    let mut ids: Vec<&str> = Vec::with_capacity(count);
    for (_, change) in succeeded.iter().flat_map(|(_, deployment)| changes(deployment)) {
        let key = match change.repository {
            None => Some(change.id.as_str()),
            Some(_) => with_repository.next().map(AsRef::as_ref),
        };
        ids.push(key.unwrap_or_default());
    }
    let first = first_occurrences(&ids);
    drop(ids);
    // The deliveries are read from the deployments again once the keys are freed.
    let shipped = succeeded.iter().flat_map(|(position, deployment)| {
        changes(deployment).map(move |(change, committed)| {
            let lead_secs = deployment.finished_at.signed_duration_since(committed.committed_at).num_seconds();
            FirstDelivery { position: *position, change, lead_secs }
        })
    });
    let mut deliveries = Vec::with_capacity(first.iter().filter(|first| **first).count());
    deliveries.extend(shipped.zip(first).filter(|(_, first)| *first).map(|(delivery, _)| delivery));
    deliveries
}

/// What identifies a change: its id, within its repository when it names one. A unit separator
/// (never in a repository name or commit id) keeps `("a/b", "c")` apart from `(None, "a/b\u{1f}c")` in practice.
fn change_key(change: &Change) -> Cow<'_, str> {
    match &change.repository {
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
            id: id.to_owned(),
            service: "api".to_owned(),
            environment: "production".to_owned(),
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
        let mut other = Change::new("c1", at("2026-01-01T09:00:00Z"));
        other.repository = Some("acme/web".to_owned());
        deployment.changes.push(other);
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

    #[test]
    fn summary_has_median_p90_n_and_anomalies() {
        let summary = LeadTimeSummary::from_sorted(&[60, 120, 180, 240], 1);
        // Median (120 + 180) / 2 = 150; p90 rank 2.7: 180 + 0.7 × 60 = 222.
        assert_eq!(summary.median, Some(150.0));
        assert!((summary.p90.unwrap_or_default() - 222.0).abs() < 1e-9);
        assert_eq!((summary.n, summary.anomalies), (4, 1));
    }

    proptest::proptest! {
        #[test]
        fn ranks_seen_one_by_one_summarise_as_the_sorted_samples(
            mut lead_secs in proptest::collection::vec(0_i64..1_000_000, 0..60),
            anomalies in 0_u64..3,
        ) {
            lead_secs.sort_unstable();
            let mut ranks = LeadRanks::default();
            lead_secs.iter().for_each(|_| ranks.expect());
            lead_secs.iter().for_each(|secs| ranks.add(*secs));
            proptest::prop_assert_eq!(ranks.summary(anomalies), LeadTimeSummary::from_sorted(&lead_secs, anomalies));
        }
    }
}
