//! The report: every SLO's evaluation, the DORA metrics and their join at one instant, in one struct.
//!
//! Its JSON serialization is a stable contract (`docs/report-format.md`): scripts depend on it, the
//! CLI prints it as is, and the site renders the same struct. Fields may be added; none may change
//! meaning. Engine types stay free to change: this module maps them onto the contract.

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::dora::{self, DeliveryFacts, DoraReport};
use crate::join::{self, JoinReport, SkippedSlo};
use crate::model::{Budgeting, Dataset, SloData};
use crate::period::Period;
use crate::platform::{self, PlatformReport};
use crate::slo::{self, severity_order, Alert, BurnRates, SloError, Status, Triage, TriageCounts};
use crate::time::{Span, Window};

/// The version of the report's JSON contract.
pub const REPORT_VERSION: u32 = 1;

/// What a report is computed for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReportOptions {
    /// The report instant; `None`: the latest `generated_at` of the data.
    pub as_of: Option<DateTime<Utc>>,
    pub dora_window: Span,
}

impl Default for ReportOptions {
    fn default() -> ReportOptions {
        ReportOptions { as_of: None, dora_window: dora::default_window() }
    }
}

/// Why no report could be made.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ReportError {
    #[error("there is no usable snapshot, so no report instant: give one with as_of")]
    NoData,
}

/// The whole report at `as_of`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    pub version: u32,
    pub title: String,
    pub as_of: DateTime<Utc>,
    /// How many SLOs are in each triage class, and the most severe one.
    pub summary: SloSummary,
    /// Sorted by SLO id.
    pub slos: Vec<SloReport>,
    /// SLOs that could not be evaluated (say, counts summing past 2^64), with the reason; the rest of
    /// the report stands.
    pub skipped_slos: Vec<SkippedSlo>,
    pub dora: DoraReport,
    /// Which deployments burned error budget, and deployments made while a budget was spent.
    pub join: JoinReport,
    /// Platform engineering: adoption, onboarding, satisfaction, and each capability joined to DORA and the SLOs.
    pub platform: PlatformReport,
}

/// One SLO at the report instant. `good`, `bad` and `total` are events for occurrences budgeting and
/// slices for timeslices budgeting.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SloReport {
    pub id: String,
    pub service: String,
    pub name: Option<String>,
    pub objective: f64,
    pub budgeting: Budgeting,
    pub timeslice_target: Option<f64>,
    /// The window as defined: `"28d"`, `"calendar:month"`.
    pub window_definition: Window,
    /// The window's buckets at `as_of`, `[start, end)`.
    pub window: Period,
    /// The SLI bucket length.
    pub step: Span,
    pub attainment: Option<f64>,
    pub coverage: f64,
    pub good: u64,
    pub bad: u64,
    pub total: u64,
    pub error_budget: ErrorBudgetReport,
    pub burn_rates: BurnRates,
    pub alert: Alert,
    pub status: Status,
    /// The status split by the alert (`breached`, `paging`, `ticket`, `at_risk`, ...).
    pub triage: Triage,
}

/// The line every report opens with: counts per triage class and the SLO to look at first.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SloSummary {
    pub counts: TriageCounts,
    /// The id of the first SLO in severity order (`None` without SLOs).
    pub worst_slo: Option<String>,
}

impl SloSummary {
    pub fn of(slos: &[SloReport]) -> SloSummary {
        SloSummary {
            counts: TriageCounts::of(slos.iter().map(|slo| slo.triage)),
            worst_slo: by_severity(slos).first().map(|slo| slo.id.clone()),
        }
    }
}

/// The SLOs most severe first: by triage class, then by budget remaining, lowest first.
pub fn by_severity(slos: &[SloReport]) -> Vec<&SloReport> {
    let mut sorted: Vec<&SloReport> = slos.iter().collect();
    crate::sort::sort_stable_by(&mut sorted, |a, b| {
        severity_order((a.triage, a.error_budget.remaining), (b.triage, b.error_budget.remaining))
    });
    sorted
}

/// The error budget: `allowed` bad events (or slices); `consumed` and `remaining` as fractions of it,
/// null when nothing is allowed (no traffic). For timeslices budgeting the budget also as time.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ErrorBudgetReport {
    pub allowed: f64,
    pub consumed: Option<f64>,
    pub remaining: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub allowed_seconds: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub consumed_seconds: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub remaining_seconds: Option<f64>,
}

/// The report of `dataset` at `options.as_of` (default: the latest `generated_at`).
pub fn build(dataset: &Dataset, options: ReportOptions) -> Result<Report, ReportError> {
    let as_of = options.as_of.or(dataset.latest_generated_at).ok_or(ReportError::NoData)?;
    let mut slos = Vec::with_capacity(dataset.slos.len());
    let mut skipped_slos = Vec::new();
    for slo in &dataset.slos {
        match slo_report(slo, as_of) {
            Ok(report) => slos.push(report),
            Err(error) => skipped_slos.push(SkippedSlo { slo: slo.definition.id.clone(), reason: error.to_string() }),
        }
    }
    let facts = DeliveryFacts::new(dataset, as_of);
    Ok(Report {
        version: REPORT_VERSION,
        title: dataset.title.clone(),
        as_of,
        summary: SloSummary::of(&slos),
        slos,
        skipped_slos,
        dora: DoraReport::from_facts(&facts, options.dora_window),
        join: join::compute(&facts, options.dora_window),
        platform: platform::compute(&facts, options.dora_window),
    })
}

/// One SLO's entry of the report at `as_of`.
pub fn slo_report(slo: &SloData, as_of: DateTime<Utc>) -> Result<SloReport, SloError> {
    let evaluation = slo::evaluate(slo, as_of)?;
    let definition = &slo.definition;
    let budget = evaluation.error_budget;
    let time = evaluation.budget_time;
    Ok(SloReport {
        id: definition.id.clone(),
        service: definition.service.clone(),
        name: definition.name.clone(),
        objective: definition.objective,
        budgeting: definition.budgeting,
        timeslice_target: definition.timeslice_target,
        window_definition: definition.window,
        window: Period { start: evaluation.window.start, end: evaluation.window.end },
        step: slo.series.step,
        attainment: evaluation.attainment,
        coverage: evaluation.coverage,
        good: evaluation.tally.good,
        bad: evaluation.tally.bad,
        total: evaluation.tally.total,
        error_budget: ErrorBudgetReport {
            allowed: budget.allowed,
            consumed: budget.consumed_ratio,
            remaining: budget.remaining_ratio,
            allowed_seconds: time.map(|time| time.allowed_secs),
            consumed_seconds: time.map(|time| time.consumed_secs),
            remaining_seconds: time.map(|time| time.remaining_secs),
        },
        burn_rates: evaluation.burn_rates,
        alert: evaluation.alert,
        status: evaluation.status,
        triage: Triage::of(evaluation.status, evaluation.alert),
    })
}
