use super::*;
use crate::model::{Budgeting, Change, Review};
use crate::time::Window;

/// The snapshot of the format documentation: valid, without any problem.
pub(crate) const EXAMPLE: &str = r#"{
  "version": 1,
  "generated_at": "2026-11-21T00:00:00Z",
  "services": [{"id": "checkout", "name": "Checkout API", "team": "payments"}],
  "slos": [{
    "id": "checkout-availability", "service": "checkout", "name": "Checkout requests succeed",
    "objective": 0.999, "window": "28d", "budgeting": "occurrences", "timeslice_target": null,
    "sli": {"start": "2026-10-24T00:00:00Z", "step": "5m", "good": [2981, 3010, null], "total": [2983, 3010, null]}
  }],
  "deployments": [{
    "id": "dep-1042", "service": "checkout", "environment": "production",
    "finished_at": "2026-11-02T14:03:00Z", "status": "succeeded",
    "changes": [{"id": "9f2c1ab", "committed_at": "2026-11-01T09:12:00Z"}],
    "fixes_incident": null
  }],
  "incidents": [{
    "id": "INC-311", "service": "checkout", "severity": "sev2",
    "started_at": "2026-11-02T14:20:00Z", "resolved_at": "2026-11-02T15:05:00Z", "caused_by": ["dep-1042"]
  }]
}"#;

fn example() -> Snapshot {
    serde_json::from_str(EXAMPLE).unwrap()
}

fn at(text: &str) -> DateTime<Utc> {
    text.parse().unwrap()
}

/// (severity is error, path, message) of every problem.
fn problems(snapshot: &Snapshot) -> Vec<(bool, String, String)> {
    validate_snapshot("s.json", snapshot).into_iter().map(|p| (p.is_error(), p.path, p.message)).collect()
}

fn only(snapshot: &Snapshot) -> (bool, String, String) {
    let mut all = problems(snapshot);
    assert_eq!(all.len(), 1, "{all:#?}");
    all.remove(0)
}

fn error(path: &str, message: &str) -> (bool, String, String) {
    (true, path.to_owned(), message.to_owned())
}

fn warning(path: &str, message: &str) -> (bool, String, String) {
    (false, path.to_owned(), message.to_owned())
}

#[test]
fn the_documented_example_is_valid() {
    assert_eq!(problems(&example()), []);
}

#[test]
fn a_version_other_than_1_is_an_error() {
    let mut snapshot = example();
    snapshot.version = 2;
    assert_eq!(only(&snapshot), error("version", "format version 2 is not supported: this build reads version 1"));
}

#[test]
fn the_objective_is_strictly_between_0_and_1() {
    for objective in [0.0, 1.0, -0.5, 99.9] {
        let mut snapshot = example();
        snapshot.slos[0].objective = objective;
        let (is_error, path, _) = only(&snapshot);
        assert_eq!((is_error, path.as_str()), (true, "slos[0].objective"), "objective {objective}");
    }
    let mut snapshot = example();
    snapshot.slos[0].objective = 0.9999;
    assert_eq!(problems(&snapshot), []);
}

#[test]
fn timeslices_need_a_target_in_0_exclusive_to_1_inclusive() {
    let mut snapshot = example();
    snapshot.slos[0].budgeting = Budgeting::Timeslices;
    let (is_error, path, _) = only(&snapshot);
    assert_eq!((is_error, path.as_str()), (true, "slos[0].timeslice_target"));
    snapshot.slos[0].timeslice_target = Some(1.0);
    assert_eq!(problems(&snapshot), []);
    for target in [0.0, 1.01] {
        snapshot.slos[0].timeslice_target = Some(target);
        assert_eq!(
            only(&snapshot),
            error(
                "slos[0].timeslice_target",
                &format!("timeslice_target {target} is out of range: expected a number greater than 0 and at most 1")
            )
        );
    }
}

#[test]
fn a_target_with_occurrences_budgeting_is_a_warning() {
    let mut snapshot = example();
    snapshot.slos[0].timeslice_target = Some(0.9);
    assert_eq!(
        only(&snapshot),
        warning("slos[0].timeslice_target", "timeslice_target is ignored with occurrences budgeting")
    );
}

#[test]
fn a_rolling_window_shorter_than_the_step_is_an_error() {
    let mut snapshot = example();
    snapshot.slos[0].window = "1h".parse().unwrap();
    snapshot.slos[0].sli.step = "1d".parse().unwrap();
    let expected = "rolling window 1h is shorter than the SLI step 1d: the window must hold at least one bucket";
    assert_eq!(only(&snapshot), error("slos[0].window", expected));
    snapshot.slos[0].window = Window::Rolling("1d".parse().unwrap());
    assert_eq!(problems(&snapshot), []);
}

#[test]
fn good_greater_than_total_is_located_at_the_bucket() {
    let mut snapshot = example();
    snapshot.slos[0].sli.good.set(1, Some(3011));
    let expected = "good (3011) is greater than total (3010): good events are part of the total";
    assert_eq!(only(&snapshot), error("slos[0].sli.good[1]", expected));
}

#[test]
fn a_null_in_one_column_only_is_located_in_the_column_holding_null() {
    let mut snapshot = example();
    snapshot.slos[0].sli.good.set(0, None);
    snapshot.slos[0].sli.total.set(2, None);
    snapshot.slos[0].sli.good.set(2, Some(4));
    let paths: Vec<String> = problems(&snapshot).into_iter().map(|(_, path, _)| path).collect();
    assert_eq!(paths, ["slos[0].sli.good[0]", "slos[0].sli.total[2]"]);
}

#[test]
fn columns_of_different_lengths_are_an_error_on_the_sli() {
    let mut snapshot = example();
    snapshot.slos[0].sli.total.push(Some(1));
    let expected = "`good` has 3 buckets but `total` has 4: expected one entry per bucket in both";
    assert_eq!(only(&snapshot), error("slos[0].sli", expected));
}

#[test]
fn many_bad_buckets_are_listed_up_to_the_limit_then_counted() {
    let mut snapshot = example();
    snapshot.slos[0].sli.good = vec![Some(5); 25].into();
    snapshot.slos[0].sli.total = vec![Some(4); 25].into();
    let all = problems(&snapshot);
    // 10 listed buckets + one closing count of the other 15.
    assert_eq!(all.len(), 11);
    assert_eq!(all[9].1, "slos[0].sli.good[9]");
    assert_eq!(
        all[10],
        error("slos[0].sli.good", "15 more buckets have good greater than total (only the first 10 are listed)")
    );
}

#[test]
fn an_sli_start_with_a_fraction_of_a_second_is_an_error() {
    let mut snapshot = example();
    snapshot.slos[0].sli.start = at("2026-10-24T00:00:00.5Z");
    let (is_error, path, _) = only(&snapshot);
    assert_eq!((is_error, path.as_str()), (true, "slos[0].sli.start"));
}

#[test]
fn buckets_running_past_the_time_range_are_an_error() {
    let mut snapshot = example();
    snapshot.slos[0].sli.start = at("+262000-01-01T00:00:00Z");
    snapshot.slos[0].sli.step = "520000w".parse().unwrap();
    snapshot.slos[0].window = Window::Rolling(snapshot.slos[0].sli.step);
    let (is_error, path, message) = only(&snapshot);
    assert_eq!((is_error, path.as_str()), (true, "slos[0].sli"), "{message}");
}

#[test]
fn duplicate_ids_are_errors_per_kind() {
    let mut snapshot = example();
    snapshot.services.push(snapshot.services[0].clone());
    snapshot.slos.push(snapshot.slos[0].clone());
    snapshot.deployments.push(snapshot.deployments[0].clone());
    snapshot.incidents.push(snapshot.incidents[0].clone());
    // A deployment and an incident may share an id: ids are unique per kind.
    snapshot.incidents[1].id = "dep-1042".into();
    snapshot.incidents[1].caused_by.clear();
    snapshot.incidents.push(snapshot.incidents[0].clone());
    let all = problems(&snapshot);
    let paths: Vec<&str> = all.iter().map(|(_, path, _)| path.as_str()).collect();
    assert_eq!(paths, ["services[1].id", "slos[1].id", "deployments[1].id", "incidents[2].id"]);
    assert_eq!(
        all[0].2,
        "duplicate service id \"checkout\" (first at services[0]): ids must be unique within a snapshot"
    );
}

#[test]
fn records_must_name_a_service_of_the_same_snapshot() {
    let mut snapshot = example();
    snapshot.slos[0].service = "cart".into();
    snapshot.deployments[0].service = "cart".into();
    snapshot.incidents[0].service = "cart".into();
    let all = problems(&snapshot);
    let paths: Vec<&str> = all.iter().map(|(_, path, _)| path.as_str()).collect();
    assert_eq!(paths, ["slos[0].service", "deployments[0].service", "incidents[0].service"]);
    assert_eq!(
        all[0].2,
        "unknown service \"cart\": expected the id of a service listed in `services` of this snapshot"
    );
}

#[test]
fn an_incident_resolved_before_it_started_is_an_error() {
    let mut snapshot = example();
    snapshot.incidents[0].resolved_at = Some(at("2026-11-02T14:19:00Z"));
    let expected = "the incident is resolved at 2026-11-02T14:19:00Z, before it started at 2026-11-02T14:20:00Z: \
                    expected resolved_at at or after started_at";
    assert_eq!(only(&snapshot), error("incidents[0].resolved_at", expected));
    snapshot.incidents[0].resolved_at = Some(snapshot.incidents[0].started_at);
    assert_eq!(problems(&snapshot), []);
}

#[test]
fn a_deployment_without_changes_is_a_warning() {
    let mut snapshot = example();
    snapshot.deployments[0].changes.clear();
    let (is_error, path, _) = only(&snapshot);
    assert_eq!((is_error, path.as_str()), (false, "deployments[0].changes"));
}

#[test]
fn a_change_committed_after_its_deployment_finished_is_a_warning() {
    let mut snapshot = example();
    snapshot.deployments[0].changes.push(Change::new("late", at("2026-11-02T14:04:00Z")));
    let expected = "change \"late\" was committed at 2026-11-02T14:04:00Z, after its deployment finished at \
                    2026-11-02T14:03:00Z: expected a commit made before it shipped";
    assert_eq!(only(&snapshot), warning("deployments[0].changes[1].committed_at", expected));
}

#[test]
fn review_instants_in_order_and_before_the_deployment_are_valid() {
    let mut snapshot = example();
    let change = &mut snapshot.deployments[0].changes[0];
    change.set_review(Review {
        pr_opened_at: Some(at("2026-11-01T10:00:00Z")),
        approved_at: Some(at("2026-11-02T09:00:00Z")),
        merged_at: Some(at("2026-11-02T13:00:00Z")),
    });
    assert_eq!(problems(&snapshot), []);
}

#[test]
fn some_but_not_all_review_instants_are_a_warning() {
    let mut snapshot = example();
    snapshot.deployments[0].changes[0]
        .set_review(Review { pr_opened_at: Some(at("2026-11-01T10:00:00Z")), ..Review::default() });
    let expected =
        "change \"9f2c1ab\" has only some of pr_opened_at, approved_at and merged_at (missing: approved_at, \
                    merged_at): expected all three or none; it is left out of the lead-time breakdown";
    assert_eq!(only(&snapshot), warning("deployments[0].changes[0].approved_at", expected));
}

#[test]
fn review_instants_out_of_order_or_merged_after_the_deployment_are_warnings() {
    let mut snapshot = example();
    let change = &mut snapshot.deployments[0].changes[0];
    change.set_review(Review {
        pr_opened_at: Some(at("2026-11-01T10:00:00Z")),
        approved_at: Some(at("2026-11-01T09:00:00Z")),
        merged_at: Some(at("2026-11-02T15:00:00Z")),
    });
    let located: Vec<(bool, String)> = problems(&snapshot).into_iter().map(|(e, path, _)| (e, path)).collect();
    assert_eq!(
        located,
        [
            (false, "deployments[0].changes[0].approved_at".to_owned()),
            (false, "deployments[0].changes[0].merged_at".to_owned())
        ]
    );
}
