#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Developer satisfaction on hand-made surveys: the figures by hand, the anonymity minimum, and
//! one response per respondent against counts per score giving the same figures.

mod common;

use std::collections::BTreeMap;

use common::*;
use uptrend_core::model::{Platform, Question, Response, Scale, Survey};
use uptrend_core::platform::{self, SurveyReport, ANONYMITY_MIN_RESPONSES};
use uptrend_core::time::Span;

fn question(id: &str) -> Question {
    Question { id: id.into(), text: format!("{id}?"), scale: Scale { min: 1, max: 5 } }
}

fn survey(responses: Vec<Response>, counts: &[(&str, Vec<u64>)]) -> Survey {
    Survey {
        id: "q3".into(),
        name: None,
        closed_at: at("2026-03-01T00:00:00Z"),
        population: Some(20),
        questions: vec![question("speed"), question("docs")],
        responses,
        counts: counts.iter().map(|(id, counts)| ((*id).to_owned(), counts.clone())).collect(),
    }
}

fn response(team: &str, answers: &[(&str, i64)]) -> Response {
    Response { team: Some(team.into()), answers: answers.iter().map(|(q, s)| ((*q).to_owned(), *s)).collect() }
}

fn surveys(survey: Survey) -> Vec<SurveyReport> {
    let mut dataset = dataset(vec![service("api", Some("core"))], Vec::new(), Vec::new());
    dataset.platform = Platform { surveys: vec![survey], ..Platform::default() };
    platform::compute_at(&dataset, at("2026-03-02T00:00:00Z"), Span::WEEK).surveys
}

/// Ten respondents answering speed 1, 2, 3, 3, 4, 4, 4, 5, 5, 5; four of them answering docs 4, 4, 5, 2.
fn per_respondent() -> Survey {
    let speed = [1, 2, 3, 3, 4, 4, 4, 5, 5, 5];
    let docs: BTreeMap<usize, i64> = [(0, 4), (1, 4), (2, 5), (3, 2)].into_iter().collect();
    let responses = speed
        .iter()
        .enumerate()
        .map(|(index, score)| {
            let team = if index < 7 { "core" } else { "shop" };
            let mut answers = vec![("speed", *score)];
            answers.extend(docs.get(&index).map(|score| ("docs", *score)));
            response(team, &answers)
        })
        .collect();
    survey(responses, &[])
}

#[test]
fn a_question_has_its_mean_distribution_shares_and_response_rate() {
    let reports = surveys(per_respondent());
    let speed = &reports[0].questions[0];
    // Mean (1 + 2 + 3 + 3 + 4 + 4 + 4 + 5 + 5 + 5) / 10 = 3.6; favourable (4, 5): 6 of 10; neutral
    // (3, the midpoint of 1..5): 2; unfavourable (1, 2): 2. 10 of a population of 20 answered.
    assert_eq!(speed.responses, 10);
    assert_close(speed.mean, 3.6);
    assert_close(speed.favourable_share, 0.6);
    assert_close(speed.neutral_share, 0.2);
    assert_close(speed.unfavourable_share, 0.2);
    assert_close(speed.response_rate, 0.5);
    let distribution: Vec<(i64, u64)> =
        speed.distribution.as_ref().unwrap().iter().map(|d| (d.score, d.count)).collect();
    assert_eq!(distribution, [(1, 1), (2, 1), (3, 2), (4, 3), (5, 3)]);
    assert_eq!(reports[0].respondents, 10);
    assert_close(reports[0].response_rate, 0.5);
}

#[test]
fn below_the_anonymity_minimum_only_the_count_is_given() {
    assert_eq!(ANONYMITY_MIN_RESPONSES, 5);
    let reports = surveys(per_respondent());
    let docs = &reports[0].questions[1];
    // Four answers: fewer than five.
    assert_eq!((docs.responses, docs.withheld), (4, true));
    assert_eq!((docs.mean, docs.favourable_share, docs.distribution.as_ref()), (None, None, None));
    assert_close(docs.response_rate, 0.2);
    // Per team: core has seven speed answers (1, 2, 3, 3, 4, 4, 4), shop three: shop is withheld.
    let teams: Vec<(&str, u64, bool)> =
        reports[0].teams.iter().map(|t| (t.team.as_str(), t.respondents, t.questions[0].withheld)).collect();
    assert_eq!(teams, [("core", 7, false), ("shop", 3, true)]);
    // core: favourable 3 of 7.
    assert_close(reports[0].teams[0].questions[0].favourable_share, 3.0 / 7.0);
}

#[test]
fn counts_per_score_give_the_same_figures_as_one_response_per_respondent() {
    let counts = survey(Vec::new(), &[("speed", vec![1, 1, 2, 3, 3]), ("docs", vec![0, 1, 0, 2, 1])]);
    let from_counts = &surveys(counts)[0];
    let from_responses = &surveys(per_respondent())[0];
    assert_eq!(from_counts.questions, from_responses.questions);
    assert_eq!(from_counts.respondents, from_responses.respondents);
    assert!(from_counts.teams.is_empty(), "counts carry no team");
}

#[test]
fn a_survey_closing_at_or_after_as_of_is_not_reported_yet() {
    let mut survey = per_respondent();
    survey.closed_at = at("2026-03-02T00:00:00Z");
    assert!(surveys(survey).is_empty());
}

#[test]
fn on_a_seven_point_scale_the_midpoint_is_four() {
    let mut survey = survey(Vec::new(), &[("speed", vec![1, 1, 1, 1, 1, 1, 1])]);
    survey.questions = vec![Question { scale: Scale { min: 1, max: 7 }, ..question("speed") }];
    let speed = &surveys(survey)[0].questions[0];
    // 5, 6, 7 favourable (3 of 7), 4 neutral, 1-3 unfavourable; mean 28 / 7 = 4.
    assert_close(speed.favourable_share, 3.0 / 7.0);
    assert_close(speed.neutral_share, 1.0 / 7.0);
    assert_close(speed.mean, 4.0);
}
