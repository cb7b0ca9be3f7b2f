//! Developer satisfaction per survey and question: the mean on the question's scale, the
//! distribution, the shares of favourable (above the scale's midpoint), neutral (at it) and
//! unfavourable (below it) answers, the response count and, with a population, the response rate.
//! Below [`ANONYMITY_MIN_RESPONSES`] answers only the count is given, so nobody can be singled out.
//! One response per respondent and counts per score give the same figures.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::model::{Question, Response, Scale, Survey};

/// No figure but the response count comes from fewer answers than this.
pub const ANONYMITY_MIN_RESPONSES: u64 = 5;

/// One survey closed before `as_of`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SurveyReport {
    pub id: String,
    pub name: Option<String>,
    pub closed_at: DateTime<Utc>,
    pub population: Option<u64>,
    /// The response count of its most answered question.
    pub respondents: u64,
    /// `respondents / population`; `None` without a population.
    pub response_rate: Option<f64>,
    pub questions: Vec<QuestionReport>,
    /// Per team, from one-response-per-respondent surveys (respondents without a team are left out).
    pub teams: Vec<TeamSurvey>,
}

/// One team's answers to a survey.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TeamSurvey {
    pub team: String,
    pub respondents: u64,
    pub questions: Vec<QuestionReport>,
}

/// One question's answers; every figure but `responses` is `None` (and `withheld` true) below the minimum.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuestionReport {
    pub id: String,
    pub text: String,
    pub scale: Scale,
    pub responses: u64,
    /// `responses / population`.
    pub response_rate: Option<f64>,
    pub withheld: bool,
    pub mean: Option<f64>,
    /// Answers per score, from `scale.min` to `scale.max`.
    pub distribution: Option<Vec<ScoreCount>>,
    pub favourable_share: Option<f64>,
    pub neutral_share: Option<f64>,
    pub unfavourable_share: Option<f64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ScoreCount {
    pub score: i64,
    pub count: u64,
}

pub(crate) fn surveys(surveys: &[Survey], as_of: DateTime<Utc>) -> Vec<SurveyReport> {
    surveys.iter().filter(|survey| survey.closed_at < as_of).map(survey_report).collect()
}

fn survey_report(survey: &Survey) -> SurveyReport {
    let questions = question_reports(&survey.questions, &counts_of(survey, None), survey.population);
    let respondents = questions.iter().map(|question| question.responses).max().unwrap_or(0);
    let mut teams: Vec<&str> = survey.responses.iter().filter_map(|response| response.team.as_deref()).collect();
    teams.sort_unstable();
    teams.dedup();
    let teams = teams
        .into_iter()
        .map(|team| {
            let questions = question_reports(&survey.questions, &counts_of(survey, Some(team)), None);
            let respondents = survey.responses.iter().filter(|r| r.team.as_deref() == Some(team)).count() as u64;
            TeamSurvey { team: team.to_owned(), respondents, questions }
        })
        .collect();
    SurveyReport {
        id: survey.id.clone(),
        name: survey.name.clone(),
        closed_at: survey.closed_at,
        population: survey.population,
        respondents,
        response_rate: rate(respondents, survey.population),
        questions,
        teams,
    }
}

/// Counts per score of each question, from `counts` or from the responses (of `team`, if given).
fn counts_of(survey: &Survey, team: Option<&str>) -> BTreeMap<String, Vec<u64>> {
    if team.is_none() && survey.responses.is_empty() {
        return survey.counts.clone();
    }
    let mut counts = BTreeMap::new();
    for question in &survey.questions {
        let mut per_score = vec![0_u64; question.scale.points().unwrap_or(0)];
        let answers = survey
            .responses
            .iter()
            .filter(|response| team.is_none() || response.team.as_deref() == team)
            .filter_map(|response: &Response| response.answers.get(&question.id));
        for score in answers {
            let offset = score.checked_sub(question.scale.min);
            let slot =
                offset.and_then(|offset| usize::try_from(offset).ok()).and_then(|index| per_score.get_mut(index));
            if let Some(slot) = slot {
                *slot = slot.saturating_add(1);
            }
        }
        counts.insert(question.id.clone(), per_score);
    }
    counts
}

fn question_reports(
    questions: &[Question],
    counts: &BTreeMap<String, Vec<u64>>,
    population: Option<u64>,
) -> Vec<QuestionReport> {
    questions
        .iter()
        .map(|question| question_report(question, counts.get(&question.id).map_or(&[], Vec::as_slice), population))
        .collect()
}

/// The figures of one question from its counts per score (`counts[i]` for score `scale.min + i`).
pub fn question_report(question: &Question, counts: &[u64], population: Option<u64>) -> QuestionReport {
    let scale = question.scale;
    let responses = counts.iter().fold(0_u64, |sum, count| sum.saturating_add(*count));
    let withheld = responses < ANONYMITY_MIN_RESPONSES;
    let distribution: Vec<ScoreCount> = (0_i64..)
        .zip(counts)
        .map(|(i, count)| ScoreCount { score: scale.min.saturating_add(i), count: *count })
        .collect();
    // Twice the score against min + max: the midpoint without fractions.
    let midpoint_twice = scale.min.saturating_add(scale.max);
    let share = |keep: &dyn Fn(i64) -> bool| {
        let count = distribution.iter().filter(|d| keep(d.score.saturating_mul(2))).map(|d| d.count).sum::<u64>();
        count as f64 / responses as f64
    };
    let figures = (!withheld && responses > 0).then(|| {
        let total: f64 = distribution.iter().map(|d| d.score as f64 * d.count as f64).sum();
        (
            total / responses as f64,
            share(&|twice| twice > midpoint_twice),
            share(&|twice| twice == midpoint_twice),
            share(&|twice| twice < midpoint_twice),
        )
    });
    QuestionReport {
        id: question.id.clone(),
        text: question.text.clone(),
        scale,
        responses,
        response_rate: rate(responses, population),
        withheld,
        mean: figures.map(|f| f.0),
        distribution: figures.map(|_| distribution),
        favourable_share: figures.map(|f| f.1),
        neutral_share: figures.map(|f| f.2),
        unfavourable_share: figures.map(|f| f.3),
    }
}

fn rate(count: u64, population: Option<u64>) -> Option<f64> {
    population.filter(|&population| population > 0).map(|population| (count as f64 / population as f64).min(1.0))
}
