//! Every rule of the platform section, each with the JSON path it reports.

use super::*;

/// A valid snapshot with a platform section (the example of `docs/data-format.md`).
pub(crate) const PLATFORM_EXAMPLE: &str = r#"{
  "version": 1,
  "generated_at": "2026-11-21T00:00:00Z",
  "services": [{"id": "checkout", "name": "Checkout API", "team": "payments"},
               {"id": "ledger", "name": "Ledger", "team": "payments"}],
  "slos": [], "deployments": [], "incidents": [],
  "platform": {
    "capabilities": [{"id": "ci-templates", "name": "CI templates", "description": "Shared pipelines"}],
    "adoptions": [
      {"service": "checkout", "capability": "ci-templates", "adopted_at": "2026-03-01T00:00:00Z", "dropped_at": "2026-05-01T00:00:00Z"},
      {"service": "checkout", "capability": "ci-templates", "adopted_at": "2026-07-01T00:00:00Z"}
    ],
    "onboardings": [{"service": "ledger", "started_at": "2026-06-01T10:00:00Z", "completed_at": null},
                    {"team": "payments", "started_at": "2026-01-05T09:00:00Z", "completed_at": "2026-01-20T17:00:00Z"}],
    "surveys": [
      {"id": "devex-q3", "name": "Developer experience Q3", "closed_at": "2026-10-01T00:00:00Z", "population": 40,
       "questions": [{"id": "ci-feedback", "text": "CI gives me feedback fast enough.", "scale": {"min": 1, "max": 5}}],
       "responses": [{"team": "payments", "answers": {"ci-feedback": 4}}, {"answers": {"ci-feedback": 2}}]},
      {"id": "devex-q2", "closed_at": "2026-07-01T00:00:00Z",
       "questions": [{"id": "ci-feedback", "text": "CI gives me feedback fast enough.", "scale": {"min": 1, "max": 5}}],
       "counts": {"ci-feedback": [3, 5, 8, 10, 4]}}
    ]
  }
}"#;

fn example() -> Snapshot {
    serde_json::from_str(PLATFORM_EXAMPLE).unwrap()
}

fn at(text: &str) -> DateTime<Utc> {
    text.parse().unwrap()
}

/// (is error, path) of every problem.
fn paths(snapshot: &Snapshot) -> Vec<(bool, String)> {
    validate_snapshot("s.json", snapshot).into_iter().map(|p| (p.is_error(), p.path)).collect()
}

fn message(snapshot: &Snapshot) -> String {
    let problems = validate_snapshot("s.json", snapshot);
    assert_eq!(problems.len(), 1, "{problems:#?}");
    problems[0].message.clone()
}

fn error(path: &str) -> Vec<(bool, String)> {
    vec![(true, path.to_owned())]
}

#[test]
fn the_documented_platform_example_is_valid() {
    assert_eq!(paths(&example()), []);
}

#[test]
fn a_snapshot_without_a_platform_section_reads_as_an_empty_one() {
    let snapshot: Snapshot = serde_json::from_str(tests::EXAMPLE).unwrap();
    assert!(snapshot.platform.is_empty());
}

#[test]
fn capability_ids_are_unique() {
    let mut snapshot = example();
    let first = snapshot.platform.capabilities[0].clone();
    snapshot.platform.capabilities.push(first);
    assert_eq!(paths(&snapshot), error("platform.capabilities[1].id"));
}

#[test]
fn an_adoption_names_a_known_service_and_capability() {
    let mut snapshot = example();
    snapshot.platform.adoptions[0].service = "nope".into();
    snapshot.platform.adoptions[1].capability = "nope".into();
    assert_eq!(
        paths(&snapshot),
        [(true, "platform.adoptions[0].service".to_owned()), (true, "platform.adoptions[1].capability".to_owned())]
    );
}

#[test]
fn a_capability_is_dropped_after_it_was_adopted() {
    let mut snapshot = example();
    snapshot.platform.adoptions[0].dropped_at = Some(at("2026-03-01T00:00:00Z"));
    assert_eq!(paths(&snapshot), error("platform.adoptions[0].dropped_at"));
}

#[test]
fn two_adoptions_of_one_capability_by_one_service_do_not_overlap() {
    let mut snapshot = example();
    snapshot.platform.adoptions[0].dropped_at = None;
    assert_eq!(paths(&snapshot), error("platform.adoptions[1].adopted_at"));
    assert!(message(&snapshot).contains("still in use"));
}

#[test]
fn an_onboarding_names_exactly_one_known_service_or_team() {
    let mut snapshot = example();
    snapshot.platform.onboardings[0].team = Some("payments".into());
    assert_eq!(paths(&snapshot), error("platform.onboardings[0]"));
    snapshot.platform.onboardings[0].team = None;
    snapshot.platform.onboardings[0].service = None;
    assert_eq!(paths(&snapshot), error("platform.onboardings[0]"));
    snapshot.platform.onboardings[0].service = Some("nope".into());
    assert_eq!(paths(&snapshot), error("platform.onboardings[0].service"));
    let mut snapshot = example();
    snapshot.platform.onboardings[1].team = Some("nobody".into());
    assert_eq!(paths(&snapshot), [(false, "platform.onboardings[1].team".to_owned())]);
}

#[test]
fn an_onboarding_completes_after_it_starts_and_happens_once() {
    let mut snapshot = example();
    snapshot.platform.onboardings[1].completed_at = Some(at("2026-01-01T00:00:00Z"));
    assert_eq!(paths(&snapshot), error("platform.onboardings[1].completed_at"));
    let mut snapshot = example();
    let again = snapshot.platform.onboardings[0].clone();
    snapshot.platform.onboardings.push(again);
    assert_eq!(paths(&snapshot), error("platform.onboardings[2]"));
}

#[test]
fn survey_and_question_ids_are_unique_and_a_survey_has_questions() {
    let mut snapshot = example();
    snapshot.platform.surveys[1].id = "devex-q3".into();
    assert_eq!(paths(&snapshot), error("platform.surveys[1].id"));
    let mut snapshot = example();
    let question = snapshot.platform.surveys[1].questions[0].clone();
    snapshot.platform.surveys[1].questions.push(question);
    assert_eq!(paths(&snapshot), error("platform.surveys[1].questions[1].id"));
    let mut snapshot = example();
    snapshot.platform.surveys[0].questions.clear();
    let found = paths(&snapshot);
    assert!(found.contains(&(true, "platform.surveys[0].questions".to_owned())), "{found:?}");
}

#[test]
fn a_scale_has_min_below_max_and_at_most_101_scores() {
    for (min, max) in [(5, 5), (5, 1), (0, 101)] {
        let mut snapshot = example();
        snapshot.platform.surveys[1].questions[0].scale = crate::model::Scale { min, max };
        let found = paths(&snapshot);
        assert!(
            found.contains(&(true, "platform.surveys[1].questions[0].scale".to_owned())),
            "{min}..{max}: {found:?}"
        );
    }
}

#[test]
fn answers_are_on_the_scale_of_a_known_question() {
    let mut snapshot = example();
    snapshot.platform.surveys[0].responses[0].answers.insert("ci-feedback".into(), 6);
    assert_eq!(paths(&snapshot), error("platform.surveys[0].responses[0].answers.ci-feedback"));
    assert_eq!(message(&snapshot), "score 6 is off the question's scale: expected a whole number from 1 to 5");
    let mut snapshot = example();
    snapshot.platform.surveys[0].responses[1].answers.insert("nope".into(), 3);
    assert_eq!(paths(&snapshot), error("platform.surveys[0].responses[1].answers.nope"));
    let mut snapshot = example();
    snapshot.platform.surveys[0].responses[0].team = Some("nobody".into());
    assert_eq!(paths(&snapshot), [(false, "platform.surveys[0].responses[0].team".to_owned())]);
}

#[test]
fn counts_have_one_entry_per_score_of_a_known_question() {
    let mut snapshot = example();
    snapshot.platform.surveys[1].counts.insert("ci-feedback".into(), vec![1, 2, 3]);
    assert_eq!(paths(&snapshot), error("platform.surveys[1].counts.ci-feedback"));
    let mut snapshot = example();
    snapshot.platform.surveys[1].counts.insert("nope".into(), vec![1, 2, 3, 4, 5]);
    assert_eq!(paths(&snapshot), error("platform.surveys[1].counts.nope"));
}

#[test]
fn a_survey_gives_responses_or_counts_not_both() {
    let mut snapshot = example();
    snapshot.platform.surveys[0].counts.insert("ci-feedback".into(), vec![0, 0, 0, 0, 1]);
    assert_eq!(paths(&snapshot), error("platform.surveys[0]"));
}

#[test]
fn the_population_is_at_least_the_responses() {
    let mut snapshot = example();
    snapshot.platform.surveys[0].population = Some(1);
    assert_eq!(paths(&snapshot), error("platform.surveys[0].population"));
    let mut snapshot = example();
    // The counts add up to 30 answers.
    snapshot.platform.surveys[1].population = Some(29);
    assert_eq!(paths(&snapshot), error("platform.surveys[1].population"));
}
