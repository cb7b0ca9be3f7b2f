//! Acme's platform team: four capabilities taken up at different times (one dropped and taken up
//! again), the onboardings of the three new services (one still open), and two quarterly developer
//! surveys, one exported as anonymous counts per score and one with a response per respondent.
//! The story: services on the CI templates deploy more often and fail less once they adopt them.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use rand::Rng;
use rand_chacha::ChaCha8Rng;
use uptrend_core::model::{Adoption, Capability, Onboarding, Platform, Question, Response, Scale, Survey};

use super::company::{days, hours, Company};
use super::rng::stream;

const CI_TEMPLATES: &str = "ci-templates";
const SCAFFOLD: &str = "service-scaffold";
const POSTGRES: &str = "managed-postgres";
const OBSERVABILITY: &str = "observability-kit";

/// The platform records of `company`'s whole history.
pub fn generate(company: &Company, seed: u64) -> Platform {
    let now = company.now;
    let ago = |days_ago: i64| now - days(days_ago) + hours(10);
    let capability = |id: &str, name: &str, description: &str| Capability {
        id: id.to_owned(),
        name: name.to_owned(),
        description: Some(description.to_owned()),
    };
    let adoption = |service: &str, capability: &str, adopted_at, dropped_at| Adoption {
        service: service.to_owned(),
        capability: capability.to_owned(),
        adopted_at,
        dropped_at,
    };
    let mut adoptions = Vec::new();
    for service in &company.services {
        if let Some(since) = service.ci_templates_since {
            adoptions.push(adoption(service.id, CI_TEMPLATES, since, None));
        }
        if let Some(onboarding) = service.onboarding {
            adoptions.push(adoption(service.id, SCAFFOLD, onboarding.started_at, None));
        }
    }
    adoptions.extend([
        adoption("catalog", POSTGRES, ago(280), None),
        // Billing went back to its own database for a quarter-end migration, then returned.
        adoption("billing", POSTGRES, ago(210), Some(ago(150))),
        adoption("billing", POSTGRES, ago(60), None),
        adoption("payments-gateway", POSTGRES, ago(100), None),
        adoption("ledger", POSTGRES, ago(155), None),
        adoption("search", OBSERVABILITY, ago(85), None),
        adoption("checkout", OBSERVABILITY, ago(80), None),
        adoption("auth", OBSERVABILITY, ago(40), None),
    ]);
    let onboardings = company
        .services
        .iter()
        .filter_map(|service| {
            let onboarding = service.onboarding?;
            Some(Onboarding {
                service: Some(service.id.to_owned()),
                team: None,
                started_at: onboarding.started_at,
                completed_at: onboarding.completed_at,
            })
        })
        .collect();
    Platform {
        capabilities: vec![
            capability(CI_TEMPLATES, "CI templates", "Shared build, test and deploy pipelines"),
            capability(SCAFFOLD, "Service scaffold", "A new service with logging, metrics and a pipeline on day one"),
            capability(
                POSTGRES,
                "Managed Postgres",
                "Databases with backups, failover and upgrades run by the platform",
            ),
            capability(OBSERVABILITY, "Observability kit", "Dashboards, alerts and tracing wired in"),
        ],
        adoptions,
        onboardings,
        surveys: vec![quarter_2_survey(ago(140)), quarter_3_survey(ago(50), &mut stream(seed, "platform/survey-q3"))],
    }
}

fn questions() -> Vec<Question> {
    let question =
        |id: &str, text: &str| Question { id: id.to_owned(), text: text.to_owned(), scale: Scale { min: 1, max: 5 } };
    vec![
        question("ship-independently", "I can ship a change to production without waiting on another team."),
        question("ci-feedback", "CI gives me feedback fast enough to stay in flow."),
        question("find-docs", "I can find how to do what I need on the platform."),
        question("recommend", "I would recommend the platform to a colleague."),
    ]
}

/// Q2, exported by the survey tool as counts per score (1 to 5) only.
fn quarter_2_survey(closed_at: DateTime<Utc>) -> Survey {
    let counts: BTreeMap<String, Vec<u64>> = [
        ("ship-independently", vec![6, 9, 8, 7, 3]),
        ("ci-feedback", vec![8, 11, 7, 5, 2]),
        ("find-docs", vec![4, 8, 10, 8, 3]),
        ("recommend", vec![3, 7, 11, 9, 3]),
    ]
    .into_iter()
    .map(|(id, counts)| (id.to_owned(), counts))
    .collect();
    Survey {
        id: "devex-2026-q2".to_owned(),
        name: Some("Developer experience, Q2 2026".to_owned()),
        closed_at,
        population: Some(52),
        questions: questions(),
        responses: Vec::new(),
        counts,
    }
}

/// Q3, one response per respondent with their team; the platform team's four answers stay below
/// the anonymity minimum.
fn quarter_3_survey(closed_at: DateTime<Utc>, rng: &mut ChaCha8Rng) -> Survey {
    // Per team: respondents and, per question, the chance of each score 1..=5 (in hundredths).
    let teams: [(&str, usize, [u32; 5]); 3] = [
        ("payments", 14, [3, 7, 15, 45, 30]),
        ("discovery", 16, [5, 10, 20, 40, 25]),
        ("platform", 4, [10, 20, 40, 20, 10]),
    ];
    let mut responses = Vec::new();
    for (team, respondents, weights) in teams {
        for _ in 0..respondents {
            let mut answers = BTreeMap::new();
            for question in questions() {
                // About one answer in 25 is skipped.
                if rng.random_range(0..100) < 96 {
                    answers.insert(question.id, weighted_score(rng, &weights));
                }
            }
            responses.push(Response { team: Some(team.to_owned()), answers });
        }
    }
    Survey {
        id: "devex-2026-q3".to_owned(),
        name: Some("Developer experience, Q3 2026".to_owned()),
        closed_at,
        population: Some(55),
        questions: questions(),
        responses,
        counts: BTreeMap::new(),
    }
}

fn weighted_score(rng: &mut ChaCha8Rng, weights: &[u32; 5]) -> i64 {
    let mut draw = rng.random_range(0..weights.iter().sum::<u32>());
    for (score, weight) in (1..).zip(weights) {
        if draw < *weight {
            return score;
        }
        draw -= weight;
    }
    5
}
