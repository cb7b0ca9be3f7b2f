//! Rules for the `platform` section: unique ids, references to this snapshot's services and
//! capabilities, the order of instants, one adoption of a capability per service at a time, exactly
//! one subject per onboarding, and survey answers on their question's scale.

use std::collections::{BTreeMap, HashMap, HashSet};

use foldhash::fast::RandomState;

use super::{instant, known_service, unique_ids};
use crate::findings::Findings;
use crate::model::{Adoption, Onboarding, Platform, Question, Survey};

/// The most scores a question's scale may have (0 to 100).
pub const MAX_SCALE_POINTS: usize = 101;

pub(super) fn check_platform(
    findings: &mut Findings,
    services: &HashSet<&str, RandomState>,
    teams: &HashSet<&str>,
    platform: &Platform,
) {
    let capability_ids = platform.capabilities.iter().map(|c| c.id.as_str());
    unique_ids(findings, "platform.capabilities", "capability", capability_ids);
    let capabilities: HashSet<&str> = platform.capabilities.iter().map(|c| c.id.as_str()).collect();
    for (index, adoption) in platform.adoptions.iter().enumerate() {
        check_adoption(findings, services, &capabilities, &format!("platform.adoptions[{index}]"), adoption);
    }
    overlapping_adoptions(findings, &platform.adoptions);
    let mut subjects: HashMap<String, usize> = HashMap::new();
    for (index, onboarding) in platform.onboardings.iter().enumerate() {
        let path = format!("platform.onboardings[{index}]");
        check_onboarding(findings, services, teams, &path, onboarding);
        let subject = onboarding.subject();
        if subject.is_empty() {
            continue;
        }
        if let Some(first) = subjects.get(&subject) {
            findings.error(
                path,
                format!(
                    "a second onboarding of {subject} (first at platform.onboardings[{first}]): a team or service \
                     is onboarded once"
                ),
            );
        } else {
            subjects.insert(subject, index);
        }
    }
    unique_ids(findings, "platform.surveys", "survey", platform.surveys.iter().map(|s| s.id.as_str()));
    for (index, survey) in platform.surveys.iter().enumerate() {
        check_survey(findings, teams, &format!("platform.surveys[{index}]"), survey);
    }
}

fn check_adoption(
    findings: &mut Findings,
    services: &HashSet<&str, RandomState>,
    capabilities: &HashSet<&str>,
    path: &str,
    adoption: &Adoption,
) {
    known_service(findings, services, path, &adoption.service);
    if !capabilities.contains(adoption.capability.as_str()) {
        findings.error(
            format!("{path}.capability"),
            format!(
                "unknown capability {:?}: expected the id of a capability listed in `platform.capabilities` of \
                 this snapshot",
                adoption.capability
            ),
        );
    }
    if let Some(dropped_at) = adoption.dropped_at.filter(|&dropped_at| dropped_at <= adoption.adopted_at) {
        findings.error(
            format!("{path}.dropped_at"),
            format!(
                "the capability is dropped at {}, not after it was adopted at {}: expected dropped_at after adopted_at",
                instant(dropped_at),
                instant(adoption.adopted_at)
            ),
        );
    }
}

/// Two adoptions of one capability by one service must not overlap in time.
fn overlapping_adoptions(findings: &mut Findings, adoptions: &[Adoption]) {
    let mut by_pair: BTreeMap<(&str, &str), Vec<usize>> = BTreeMap::new();
    for (index, adoption) in adoptions.iter().enumerate() {
        by_pair.entry((adoption.capability.as_str(), adoption.service.as_str())).or_default().push(index);
    }
    for indexes in by_pair.values() {
        let mut ordered: Vec<(usize, &Adoption)> =
            indexes.iter().filter_map(|&i| Some((i, adoptions.get(i)?))).collect();
        crate::sort::sort_stable_by_key(&mut ordered, |(index, adoption)| (adoption.adopted_at, *index));
        for pair in ordered.windows(2) {
            let [(earlier_index, earlier), (index, adoption)] = pair else { continue };
            let overlaps = earlier.dropped_at.is_none_or(|dropped_at| dropped_at > adoption.adopted_at);
            if overlaps {
                findings.error(
                    format!("platform.adoptions[{index}].adopted_at"),
                    format!(
                        "service {:?} adopts capability {:?} at {} while its adoption at platform.adoptions[{earlier_index}] \
                         is still in use: drop it first (dropped_at) or write one adoption",
                        adoption.service,
                        adoption.capability,
                        instant(adoption.adopted_at)
                    ),
                );
            }
        }
    }
}

fn check_onboarding(
    findings: &mut Findings,
    services: &HashSet<&str, RandomState>,
    teams: &HashSet<&str>,
    path: &str,
    onboarding: &Onboarding,
) {
    match (&onboarding.service, &onboarding.team) {
        (Some(service), None) => known_service(findings, services, path, service),
        (None, Some(team)) => {
            if !teams.contains(team.as_str()) {
                findings.warning(
                    format!("{path}.team"),
                    format!("no service of this snapshot belongs to team {team:?}: its onboarding ends only with completed_at"),
                );
            }
        }
        (Some(_), Some(_)) => findings.error(
            path.to_owned(),
            "the onboarding names both a service and a team: expected exactly one of `service` and `team`",
        ),
        (None, None) => findings.error(
            path.to_owned(),
            "the onboarding names neither a service nor a team: expected exactly one of `service` and `team`",
        ),
    }
    if let Some(completed_at) = onboarding.completed_at.filter(|&completed_at| completed_at < onboarding.started_at) {
        findings.error(
            format!("{path}.completed_at"),
            format!(
                "the onboarding completes at {}, before it started at {}: expected completed_at at or after started_at",
                instant(completed_at),
                instant(onboarding.started_at)
            ),
        );
    }
}

fn check_survey(findings: &mut Findings, teams: &HashSet<&str>, path: &str, survey: &Survey) {
    if survey.questions.is_empty() {
        findings.error(format!("{path}.questions"), "the survey has no questions: expected at least one");
    }
    unique_ids(findings, &format!("{path}.questions"), "question", survey.questions.iter().map(|q| q.id.as_str()));
    let mut questions: HashMap<&str, &Question> = HashMap::new();
    for (index, question) in survey.questions.iter().enumerate() {
        let scale = question.scale;
        match scale.points() {
            Some(points) if (2..=MAX_SCALE_POINTS).contains(&points) => {
                questions.entry(question.id.as_str()).or_insert(question);
            }
            _ => findings.error(
                format!("{path}.questions[{index}].scale"),
                format!(
                    "scale {}..{} is not a scale: expected whole numbers min < max with at most {MAX_SCALE_POINTS} \
                     scores, like 1..5",
                    scale.min, scale.max
                ),
            ),
        }
    }
    if !survey.responses.is_empty() && !survey.counts.is_empty() {
        findings.error(
            path.to_owned(),
            "the survey has both `responses` and `counts`: give one response per respondent or counts per score, \
             not both",
        );
    }
    for (index, response) in survey.responses.iter().enumerate() {
        let response_path = format!("{path}.responses[{index}]");
        if let Some(team) = response.team.as_deref().filter(|team| !teams.contains(team)) {
            findings.warning(
                format!("{response_path}.team"),
                format!("no service of this snapshot belongs to team {team:?}: expected a team of `services`"),
            );
        }
        for (question_id, &score) in &response.answers {
            let answer_path = format!("{response_path}.answers.{question_id}");
            match questions.get(question_id.as_str()) {
                None => unknown_question(findings, answer_path, question_id, survey),
                Some(question) if !(question.scale.min..=question.scale.max).contains(&score) => findings.error(
                    answer_path,
                    format!(
                        "score {score} is off the question's scale: expected a whole number from {} to {}",
                        question.scale.min, question.scale.max
                    ),
                ),
                Some(_) => {}
            }
        }
    }
    for (question_id, counts) in &survey.counts {
        let counts_path = format!("{path}.counts.{question_id}");
        match questions.get(question_id.as_str()) {
            None => unknown_question(findings, counts_path, question_id, survey),
            Some(question) => {
                let points = question.scale.points().unwrap_or(0);
                if counts.len() != points {
                    findings.error(
                        counts_path,
                        format!(
                            "{} counts for a scale of {points} scores ({}..{}): expected one count per score, from \
                             the lowest",
                            counts.len(),
                            question.scale.min,
                            question.scale.max
                        ),
                    );
                }
            }
        }
    }
    let respondents = survey
        .counts
        .values()
        .map(|counts| counts.iter().fold(0_u64, |sum, count| sum.saturating_add(*count)))
        .chain([survey.responses.len() as u64])
        .max()
        .unwrap_or(0);
    if let Some(population) = survey.population.filter(|&population| population < respondents) {
        findings.error(
            format!("{path}.population"),
            format!(
                "population {population} is smaller than the {respondents} responses: expected the number of people \
                 asked, at least the number who answered"
            ),
        );
    }
}

fn unknown_question(findings: &mut Findings, path: String, question_id: &str, survey: &Survey) {
    findings.error(
        path,
        format!("unknown question {question_id:?}: expected the id of a question of survey {:?}", survey.id),
    );
}
