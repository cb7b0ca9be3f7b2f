//! Merging platform records: keyed like the other records, the latest snapshot's record wins whole.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod input_support;

use input_support::{at, snapshot, sourced};
use uptrend_core::merge::merge;
use uptrend_core::model::{Platform, Snapshot};

fn with_platform(generated_at: &str, platform: serde_json::Value) -> Snapshot {
    let mut s = snapshot(generated_at);
    s.platform = serde_json::from_value::<Platform>(platform).unwrap();
    s
}

fn week_1() -> Snapshot {
    with_platform(
        "2026-11-14T00:00:00Z",
        serde_json::json!({
            "capabilities": [{"id": "ci", "name": "CI"}],
            "adoptions": [{"service": "checkout", "capability": "ci", "adopted_at": "2026-10-01T00:00:00Z"}],
            "onboardings": [{"service": "checkout", "started_at": "2026-09-01T00:00:00Z"}],
            "surveys": [{"id": "q3", "closed_at": "2026-10-01T00:00:00Z",
                         "questions": [{"id": "q", "text": "?", "scale": {"min": 1, "max": 5}}],
                         "counts": {"q": [1, 1, 1, 1, 1]}}]
        }),
    )
}

/// A week later: the capability renamed, the adoption dropped, the onboarding completed, a second survey.
fn week_2() -> Snapshot {
    with_platform(
        "2026-11-21T00:00:00Z",
        serde_json::json!({
            "capabilities": [{"id": "ci", "name": "CI templates"}],
            "adoptions": [{"service": "checkout", "capability": "ci", "adopted_at": "2026-10-01T00:00:00Z",
                           "dropped_at": "2026-11-15T00:00:00Z"}],
            "onboardings": [{"service": "checkout", "started_at": "2026-09-01T00:00:00Z",
                             "completed_at": "2026-09-10T00:00:00Z"}],
            "surveys": [{"id": "q2", "closed_at": "2026-07-01T00:00:00Z",
                         "questions": [{"id": "q", "text": "?", "scale": {"min": 1, "max": 5}}],
                         "counts": {"q": [0, 0, 0, 0, 5]}}]
        }),
    )
}

#[test]
fn the_latest_snapshot_wins_per_record_key_whatever_the_manifest_order() {
    for order in [vec![week_1(), week_2()], vec![week_2(), week_1()]] {
        let snapshots = order.iter().enumerate().map(|(i, s)| sourced(&format!("{i}.json"), s)).collect();
        let platform = merge("t", snapshots).dataset.platform;
        assert_eq!(platform.capabilities.len(), 1);
        assert_eq!(platform.capabilities[0].name, "CI templates");
        assert_eq!(platform.adoptions.len(), 1);
        assert_eq!(platform.adoptions[0].dropped_at, Some(at("2026-11-15T00:00:00Z")));
        assert_eq!(platform.onboardings.len(), 1);
        assert_eq!(platform.onboardings[0].completed_at, Some(at("2026-09-10T00:00:00Z")));
        // Both surveys, by closed_at.
        let surveys: Vec<&str> = platform.surveys.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(surveys, ["q2", "q3"]);
    }
}

#[test]
fn a_re_adoption_is_a_record_of_its_own() {
    let mut again = week_2();
    let mut second = again.platform.adoptions[0].clone();
    second.adopted_at = at("2026-11-18T00:00:00Z");
    second.dropped_at = None;
    again.platform.adoptions.push(second);
    let platform = merge("t", vec![sourced("1.json", &week_1()), sourced("2.json", &again)]).dataset.platform;
    assert_eq!(platform.adoptions.len(), 2);
}

#[test]
fn merging_a_snapshot_twice_changes_nothing() {
    let once = merge("t", vec![sourced("1.json", &week_1()), sourced("2.json", &week_2())]).dataset;
    let twice =
        merge("t", vec![sourced("1.json", &week_1()), sourced("2.json", &week_2()), sourced("2b.json", &week_2())])
            .dataset;
    assert_eq!(once.platform, twice.platform);
}
