//! Pull-request review instants for the demo's changes, so the site can show the lead-time
//! breakdown: each change's commit-to-deploy time split into coding, review, merge and deploy
//! stages by weights drawn from their own random stream (the rest of the data stays as it was).

use std::collections::HashMap;

use chrono::{DateTime, TimeDelta, Utc};
use rand::Rng;

use super::rng::stream;
use uptrend_core::model::{Deployment, Id, Review};

type ReviewInstants = (DateTime<Utc>, DateTime<Utc>, DateTime<Utc>);

/// Gives every change its `pr_opened_at`, `approved_at` and `merged_at`, drawn once per change id
/// at the first deployment carrying it (`deployments` in `finished_at` order), so a change keeps
/// its instants when it ships again.
pub fn add_review_instants(deployments: &mut [Deployment], seed: u64) {
    let mut rng = stream(seed, "review");
    let mut drawn: HashMap<Id, ReviewInstants> = HashMap::new();
    for deployment in deployments.iter_mut() {
        for change in &mut deployment.changes {
            let instants = *drawn.entry(change.id.clone()).or_insert_with(|| {
                let lead_secs = (deployment.finished_at - change.committed_at).num_seconds().max(0) as f64;
                // Weights of coding, review (pickup included), merge and deploy.
                let weights = [
                    rng.random_range(0.6..2.0),
                    rng.random_range(0.5..2.4),
                    rng.random_range(0.03..0.3),
                    rng.random_range(0.3..1.2),
                ];
                let total: f64 = weights.iter().sum();
                let mut at = change.committed_at;
                let mut next = |weight: f64| {
                    at += TimeDelta::seconds((lead_secs * weight / total) as i64);
                    at
                };
                (next(weights[0]), next(weights[1]), next(weights[2]))
            });
            change.set_review(Review {
                pr_opened_at: Some(instants.0),
                approved_at: Some(instants.1),
                merged_at: Some(instants.2),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use uptrend_core::model::{Change, DeployStatus};

    use super::*;

    #[test]
    fn review_instants_lie_in_order_between_commit_and_deployment() {
        let at = |text: &str| text.parse::<DateTime<Utc>>().unwrap_or_default();
        let deployment = |id: &str, finished: &str| Deployment {
            id: id.into(),
            service: "api".into(),
            environment: "production".into(),
            finished_at: at(finished),
            status: DeployStatus::Succeeded,
            changes: vec![Change::new("c1", at("2026-01-01T00:00:00Z"))],
            production: None,
            fixes_incident: None,
        };
        let mut deployments = [deployment("d1", "2026-01-01T10:00:00Z"), deployment("d2", "2026-01-02T10:00:00Z")];
        add_review_instants(&mut deployments, 1);
        let change = &deployments[0].changes[0];
        let instants = [
            change.committed_at,
            change.review().pr_opened_at.unwrap_or_default(),
            change.review().approved_at.unwrap_or_default(),
            change.review().merged_at.unwrap_or_default(),
            deployments[0].finished_at,
        ];
        assert!(instants.windows(2).all(|pair| pair[0] <= pair[1]), "{instants:?}");
        // The redelivered change keeps the instants of its first deployment.
        assert_eq!(deployments[1].changes[0], *change);
    }
}
