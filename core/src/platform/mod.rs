//! The platform-engineering engine: adoption rate, time to onboard, developer satisfaction and
//! paved-path share, and the join of each capability with DORA and the SLOs (adopters against
//! non-adopters, before against after adoption). Definitions: `docs/metrics.md`, "Platform engineering".

mod adoption;
mod comparison;
mod group;
mod onboarding;
mod paved_path;
mod satisfaction;
mod usage;

use chrono::{DateTime, Utc};
use serde::Serialize;

pub use adoption::{AdoptionRate, MonthlyAdoption};
pub use comparison::{CapabilityComparison, COMPARISON_CAVEAT};
pub use group::{BudgetStanding, GroupFigures};
pub use onboarding::{OnboardingEnd, OnboardingReport, OnboardingRow};
pub use paved_path::PavedPathShare;
pub use satisfaction::{
    question_report, QuestionReport, ScoreCount, SurveyReport, TeamSurvey, ANONYMITY_MIN_RESPONSES,
};

use crate::dora::DeliveryFacts;
use crate::period::Period;
use crate::time::Span;

/// `platform` in the JSON report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlatformReport {
    /// The DORA window the paved-path shares and the adopter comparisons cover.
    pub window: Period,
    /// Any capability: services using at least one.
    pub overall: CapabilityReport,
    /// Every capability, by id.
    pub capabilities: Vec<CapabilityReport>,
    pub onboarding: OnboardingReport,
    /// Surveys closed before `as_of`, by `closed_at`.
    pub surveys: Vec<SurveyReport>,
    pub anonymity_min_responses: u64,
    pub caveat: &'static str,
}

/// One capability (or, for `overall`, any capability).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CapabilityReport {
    /// `None` for `overall`.
    pub id: Option<String>,
    pub name: String,
    pub adoption: AdoptionRate,
    /// The services using it at `as_of`, sorted.
    pub adopting_services: Vec<String>,
    pub monthly: Vec<MonthlyAdoption>,
    pub paved_path: PavedPathShare,
    pub comparison: CapabilityComparison,
}

/// The platform report at the facts' `as_of`, with the DORA window of length `window`.
pub fn compute(facts: &DeliveryFacts<'_>, window: Span) -> PlatformReport {
    let as_of = facts.as_of();
    let platform = &facts.dataset().platform;
    let scopes = facts.scopes();
    let usage = usage::Usage::new(platform, scopes, as_of);
    let period = Period::ending_at(as_of, window);
    let capability = |id: Option<&str>, name: &str| {
        let first = platform
            .adoptions
            .iter()
            .filter(|adoption| id.is_none_or(|id| adoption.capability == id))
            .map(|adoption| adoption.adopted_at)
            .filter(|adopted_at| *adopted_at < as_of)
            .min();
        let (rate, adopting_services) = adoption::rate_at(&usage, scopes, id, as_of);
        CapabilityReport {
            id: id.map(str::to_owned),
            name: name.to_owned(),
            adoption: rate,
            adopting_services,
            monthly: adoption::monthly(&usage, scopes, id, first),
            paved_path: paved_path::paved_path(facts, &usage, id, period),
            comparison: comparison::compare(facts, &usage, id, period, window),
        }
    };
    PlatformReport {
        window: period,
        overall: capability(None, "Any capability"),
        capabilities: platform.capabilities.iter().map(|c| capability(Some(&c.id), &c.name)).collect(),
        onboarding: onboarding::onboarding(facts, &platform.onboardings),
        surveys: satisfaction::surveys(&platform.surveys, as_of),
        anonymity_min_responses: ANONYMITY_MIN_RESPONSES,
        caveat: COMPARISON_CAVEAT,
    }
}

/// The platform report of a dataset at `as_of`.
pub fn compute_at(dataset: &crate::model::Dataset, as_of: DateTime<Utc>, window: Span) -> PlatformReport {
    compute(&DeliveryFacts::new(dataset, as_of), window)
}
