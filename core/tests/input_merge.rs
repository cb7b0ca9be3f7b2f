//! Merging snapshots: hand-computed expectations for overlaps, duplicates, ties and grid conflicts.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod input_support;

use input_support::{at, deployment, incident, slo, snapshot, sourced};
use uptrend_core::merge::{merge, Merged};
use uptrend_core::model::{Counts, Snapshot};

fn counts(good: u64, total: u64) -> Option<Counts> {
    Some(Counts { good, total })
}

/// Week 1 export: SLO `a` hours 00..03 of Nov 1.
fn week_1() -> Snapshot {
    let mut s = snapshot("2026-11-14T00:00:00Z");
    s.slos.push(slo("a", "2026-11-01T00:00:00Z", "1h", &[Some((10, 10)), Some((9, 10)), Some((8, 10))]));
    s
}

/// Week 2 export, overlapping: hours 01..04, hour 02 without data.
fn week_2() -> Snapshot {
    let mut s = snapshot("2026-11-21T00:00:00Z");
    s.slos.push(slo("a", "2026-11-01T01:00:00Z", "1h", &[Some((7, 10)), None, Some((5, 10))]));
    s
}

fn buckets(merged: &Merged) -> Vec<Option<Counts>> {
    merged.dataset.slos[0].series.iter().collect()
}

#[test]
fn overlapping_snapshots_keep_the_latest_data_per_bucket() {
    let merged = merge("t", vec![sourced("w1.json", &week_1()), sourced("w2.json", &week_2())]);
    assert_eq!(merged.problems, []);
    let series = &merged.dataset.slos[0].series;
    assert_eq!(series.start, at("2026-11-01T00:00:00Z"));
    // h0 only in w1; h1 in both, w2 is later; h2 null in w2 so w1's stays; h3 only in w2.
    assert_eq!(series.iter().collect::<Vec<_>>(), [counts(10, 10), counts(7, 10), counts(8, 10), counts(5, 10)]);
    assert_eq!(merged.dataset.latest_generated_at, Some(at("2026-11-21T00:00:00Z")));
}

#[test]
fn generated_at_decides_not_the_manifest_order() {
    let forward = merge("t", vec![sourced("w1.json", &week_1()), sourced("w2.json", &week_2())]);
    let backward = merge("t", vec![sourced("w2.json", &week_2()), sourced("w1.json", &week_1())]);
    assert_eq!(forward, backward);
}

#[test]
fn a_duplicated_snapshot_counts_once() {
    let once = merge("t", vec![sourced("w1.json", &week_1()), sourced("w2.json", &week_2())]);
    let twice =
        merge("t", vec![sourced("w1.json", &week_1()), sourced("w2.json", &week_2()), sourced("w1.json", &week_1())]);
    assert_eq!(once, twice);
}

#[test]
fn equal_generated_at_falls_back_to_manifest_order() {
    let mut first = snapshot("2026-11-14T00:00:00Z");
    first.slos.push(slo("a", "2026-11-01T00:00:00Z", "1h", &[Some((1, 2))]));
    let mut second = first.clone();
    second.slos[0].sli.good.set(0, Some(2));
    second.slos[0].objective = 0.95;
    let merged = merge("t", vec![sourced("x.json", &first), sourced("y.json", &second)]);
    assert_eq!((buckets(&merged), merged.dataset.slos[0].definition.objective), (vec![counts(2, 2)], 0.95));
    let merged = merge("t", vec![sourced("y.json", &second), sourced("x.json", &first)]);
    assert_eq!((buckets(&merged), merged.dataset.slos[0].definition.objective), (vec![counts(1, 2)], 0.99));
}

#[test]
fn gaps_between_snapshots_are_buckets_without_data() {
    let mut later = snapshot("2026-11-21T00:00:00Z");
    later.slos.push(slo("a", "2026-11-01T05:00:00Z", "1h", &[Some((4, 4))]));
    let merged = merge("t", vec![sourced("w1.json", &week_1()), sourced("later.json", &later)]);
    // Hours 0, 1, 2 from w1, 3 and 4 nobody's, 5 from later.
    assert_eq!(buckets(&merged), [counts(10, 10), counts(9, 10), counts(8, 10), None, None, counts(4, 4)]);
}

#[test]
fn an_earlier_snapshot_can_extend_the_series_backwards() {
    let mut older = snapshot("2026-11-07T00:00:00Z");
    older.slos.push(slo("a", "2026-10-31T22:00:00Z", "1h", &[Some((1, 1)), Some((2, 2)), Some((3, 3))]));
    let merged = merge("t", vec![sourced("w1.json", &week_1()), sourced("older.json", &older)]);
    let series = &merged.dataset.slos[0].series;
    // 22h and 23h from older; 00h older is overwritten by the later w1.
    assert_eq!(series.start, at("2026-10-31T22:00:00Z"));
    assert_eq!(
        series.iter().collect::<Vec<_>>(),
        [counts(1, 1), counts(2, 2), counts(10, 10), counts(9, 10), counts(8, 10)]
    );
}

#[test]
fn a_misaligned_snapshot_is_an_error_naming_both_files_and_is_left_out_whole() {
    let mut shifted = snapshot("2026-11-21T00:00:00Z");
    shifted.slos.push(slo("a", "2026-11-01T00:30:00Z", "1h", &[Some((0, 5))]));
    shifted.slos[0].objective = 0.9;
    let merged = merge("t", vec![sourced("w1.json", &week_1()), sourced("shifted.json", &shifted)]);
    assert_eq!(buckets(&merged), [counts(10, 10), counts(9, 10), counts(8, 10)]);
    assert_ne!(merged.dataset.slos[0].definition.objective, 0.9, "nothing of the left-out file is used");
    assert_eq!(merged.left_out, ["shifted.json"]);
    assert_eq!(merged.problems.len(), 1);
    let problem = &merged.problems[0];
    assert_eq!(
        (problem.is_error(), problem.file.as_str(), problem.path.as_str()),
        (true, "shifted.json", "slos[0].sli.start")
    );
    assert_eq!(
        problem.message,
        "SLO \"a\" starts its buckets at 2026-11-01T00:30:00+00:00 here, off the 1h grid starting at \
         2026-11-01T00:00:00+00:00 in w1.json: an SLO keeps one step and bucket alignment across snapshots, so \
         this snapshot is left out"
    );
}

#[test]
fn a_changed_step_is_an_error_and_later_aligned_snapshots_still_merge() {
    let mut finer = snapshot("2026-11-16T00:00:00Z");
    finer.slos.push(slo("a", "2026-11-01T00:00:00Z", "30m", &[Some((0, 5))]));
    let merged =
        merge("t", vec![sourced("w1.json", &week_1()), sourced("finer.json", &finer), sourced("w2.json", &week_2())]);
    assert_eq!(buckets(&merged), [counts(10, 10), counts(7, 10), counts(8, 10), counts(5, 10)]);
    let located: Vec<(&str, &str)> = merged.problems.iter().map(|p| (p.file.as_str(), p.path.as_str())).collect();
    assert_eq!(located, [("finer.json", "slos[0].sli.step")]);
    assert_eq!(merged.left_out, ["finer.json"]);
    assert!(merged.problems[0].message.starts_with("SLO \"a\" has step 30m here but 1h in w1.json"));
}

#[test]
fn records_are_replaced_whole_by_the_latest_snapshot_and_sorted() {
    let mut older = snapshot("2026-11-14T00:00:00Z");
    older.services[0].team = Some("payments".into());
    older.deployments = vec![deployment("d2", "2026-11-03T00:00:00Z"), deployment("d1", "2026-11-03T00:00:00Z")];
    let mut inc = incident("i1", "2026-11-05T00:00:00Z", &["d1"]);
    inc.severity = Some("sev1".into());
    older.incidents = vec![inc, incident("i0", "2026-11-06T00:00:00Z", &[])];
    let mut newer = snapshot("2026-11-21T00:00:00Z");
    newer.services[0].name = Some("Checkout".into());
    newer.deployments = vec![deployment("d0", "2026-11-04T00:00:00Z")];
    let mut resolved = incident("i1", "2026-11-05T00:00:00Z", &["d1"]);
    resolved.resolved_at = Some(at("2026-11-05T01:00:00Z"));
    newer.incidents = vec![resolved.clone()];
    let dataset = merge("t", vec![sourced("new.json", &newer), sourced("old.json", &older)]).dataset;
    // The newer service record has no team: whole records win, fields are not mixed.
    assert_eq!((dataset.services[0].name.as_deref(), dataset.services[0].team.as_deref()), (Some("Checkout"), None));
    let deployment_ids: Vec<&str> = dataset.deployments.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(deployment_ids, ["d1", "d2", "d0"], "by finished_at, then id");
    assert_eq!(dataset.incidents, [resolved, incident("i0", "2026-11-06T00:00:00Z", &[])]);
}

#[test]
fn links_resolve_across_snapshots_and_dangling_ones_are_warnings() {
    let mut older = snapshot("2026-11-14T00:00:00Z");
    older.deployments = vec![deployment("d1", "2026-11-03T00:00:00Z")];
    let mut newer = snapshot("2026-11-21T00:00:00Z");
    newer.incidents = vec![incident("i1", "2026-11-05T00:00:00Z", &["d1", "d9"])];
    let mut fix = deployment("d2", "2026-11-06T00:00:00Z");
    fix.fixes_incident = Some("i7".into());
    newer.deployments = vec![fix];
    let merged = merge("t", vec![sourced("old.json", &older), sourced("new.json", &newer)]);
    let located: Vec<(bool, &str, &str)> =
        merged.problems.iter().map(|p| (p.is_error(), p.file.as_str(), p.path.as_str())).collect();
    assert_eq!(
        located,
        [(false, "new.json", "deployments[0].fixes_incident"), (false, "new.json", "incidents[0].caused_by[1]")]
    );
    assert_eq!(
        merged.problems[1].message,
        "caused_by names deployment \"d9\", which no loaded snapshot contains: the link cannot be followed"
    );
}

#[test]
fn no_snapshots_give_an_empty_dataset_with_the_title() {
    let merged = merge("Acme", Vec::new());
    assert_eq!((merged.dataset.title.as_str(), merged.dataset.latest_generated_at), ("Acme", None));
    assert!(merged.dataset.slos.is_empty() && merged.problems.is_empty());
}

#[test]
fn an_incident_blaming_a_deployment_that_finished_after_it_started_is_a_warning() {
    let mut snapshot = snapshot("2026-11-21T00:00:00Z");
    // d-before finished 2026-11-04, before i1 started on 11-05; d-after finished on 11-06, after it.
    snapshot.deployments =
        vec![deployment("d-before", "2026-11-04T00:00:00Z"), deployment("d-after", "2026-11-06T00:00:00Z")];
    snapshot.incidents = vec![incident("i1", "2026-11-05T00:00:00Z", &["d-before", "d-after"])];
    let merged = merge("t", vec![sourced("s.json", &snapshot)]);
    let located: Vec<(bool, &str)> = merged.problems.iter().map(|p| (p.is_error(), p.path.as_str())).collect();
    assert_eq!(located, [(false, "incidents[0].caused_by[1]")]);
    assert_eq!(
        merged.problems[0].message,
        "caused_by names deployment \"d-after\", which finished at 2026-11-06T00:00:00Z, after the incident started at \
         2026-11-05T00:00:00Z: expected a deployment that finished before the incident began. It still counts as a \
         change failure, and its recovery time (from its finish to the incident's resolution) is shorter than the \
         incident, or 0"
    );
}

#[test]
fn a_deployment_finishing_at_the_instant_the_incident_starts_may_cause_it() {
    let mut snapshot = snapshot("2026-11-21T00:00:00Z");
    snapshot.deployments = vec![deployment("d1", "2026-11-05T00:00:00Z")];
    snapshot.incidents = vec![incident("i1", "2026-11-05T00:00:00Z", &["d1"])];
    assert!(merge("t", vec![sourced("s.json", &snapshot)]).problems.is_empty());
}
