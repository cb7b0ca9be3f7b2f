//! Builders of small snapshots for the input tests (parse, validate, merge, load).
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use chrono::{DateTime, Utc};
use uptrend_core::merge::SourcedSnapshot;
use uptrend_core::model::{Budgeting, Deployment, Incident, Service, SliData, Slo, Snapshot};

pub fn at(text: &str) -> DateTime<Utc> {
    text.parse().unwrap()
}

/// A snapshot with the one service `checkout` and nothing else.
pub fn snapshot(generated_at: &str) -> Snapshot {
    Snapshot {
        version: 1,
        generated_at: at(generated_at),
        services: vec![Service { id: "checkout".into(), name: None, team: None }],
        slos: Vec::new(),
        deployments: Vec::new(),
        incidents: Vec::new(),
        platform: Default::default(),
    }
}

/// An occurrences SLO of `checkout` whose buckets are `(good, total)` or `None` for no data.
pub fn slo(id: &str, start: &str, step: &str, buckets: &[Option<(u64, u64)>]) -> Slo {
    Slo {
        id: id.into(),
        service: "checkout".into(),
        name: None,
        objective: 0.99,
        window: "28d".parse().unwrap(),
        budgeting: Budgeting::Occurrences,
        timeslice_target: None,
        sli: SliData {
            start: at(start),
            step: step.parse().unwrap(),
            good: buckets.iter().map(|b| b.map(|(good, _)| good)).collect(),
            total: buckets.iter().map(|b| b.map(|(_, total)| total)).collect(),
        },
    }
}

pub fn deployment(id: &str, finished_at: &str) -> Deployment {
    serde_json::from_value(serde_json::json!({
        "id": id, "service": "checkout", "finished_at": finished_at, "status": "succeeded",
        "changes": [{"id": format!("{id}-c1"), "committed_at": "2026-01-01T00:00:00Z"}]
    }))
    .unwrap()
}

pub fn incident(id: &str, started_at: &str, caused_by: &[&str]) -> Incident {
    serde_json::from_value(serde_json::json!({
        "id": id, "service": "checkout", "started_at": started_at, "caused_by": caused_by
    }))
    .unwrap()
}

pub fn sourced(file: &str, snapshot: &Snapshot) -> SourcedSnapshot {
    SourcedSnapshot { file: file.into(), snapshot: snapshot.clone() }
}

pub fn json(snapshot: &Snapshot) -> Vec<u8> {
    serde_json::to_vec(snapshot).unwrap()
}
