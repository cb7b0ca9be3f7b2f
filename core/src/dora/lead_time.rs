//! Change lead time: each change id counts once, at the first `succeeded` production deployment
//! that contains it (by `finished_at`, over all time), as that deployment's `finished_at` minus the
//! change's `committed_at`, in the window of that deployment. Negative lead times are anomalies.

use serde::Serialize;

use super::first_seen::first_occurrences;
use crate::model::{DeployStatus, Deployment};
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

/// First deliveries in deployment order, from the known production deployments in
/// (`finished_at`, id) order: a change seen in an earlier succeeded deployment is not delivered
/// again; a failed or rolled-back deployment delivers nothing.
pub fn first_deliveries<'a>(known: impl Iterator<Item = &'a Deployment>) -> Vec<FirstDelivery> {
    let mut ids: Vec<&str> = Vec::new();
    let mut shipped: Vec<(u32, u32, i64)> = Vec::new();
    for (position, deployment) in known.enumerate() {
        let Ok(position) = u32::try_from(position) else { break };
        if deployment.status != DeployStatus::Succeeded {
            continue;
        }
        for (change_index, change) in deployment.changes.iter().enumerate() {
            let Ok(change_index) = u32::try_from(change_index) else { break };
            let lead_secs = deployment.finished_at.signed_duration_since(change.committed_at).num_seconds();
            ids.push(&change.id);
            shipped.push((position, change_index, lead_secs));
        }
    }
    first_occurrences(&ids)
        .into_iter()
        .zip(shipped)
        .filter(|(first, _)| *first)
        .map(|(_, (position, change, lead_secs))| FirstDelivery { position, change, lead_secs })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Change;
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
            changes: changes
                .iter()
                .map(|(id, committed)| Change {
                    id: (*id).to_owned(),
                    committed_at: at(committed),
                    ..Default::default()
                })
                .collect(),
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
}
