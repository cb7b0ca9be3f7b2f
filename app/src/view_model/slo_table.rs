//! The overview's SLO table: one row per SLO with its service, team and evaluation at as_of,
//! filtered and sorted.

use std::cmp::Ordering;

use uptrend_core::model::{Budgeting, Dataset};
use uptrend_core::slo::{severity_order, Alert, Status, Triage};
use uptrend_core::sort::sort_stable_by;

use super::evaluations::Evaluations;
use super::slo_words::window_in_words;
use crate::route::Sort;

/// The table's filters (from the URL).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Filter {
    pub team: Option<String>,
    pub service: Option<String>,
}

/// One SLO as the table lists it. Percentages are in percent (`99.9`).
#[derive(Debug, Clone, PartialEq)]
pub struct SloRow {
    pub slo_id: String,
    pub slo_name: String,
    pub service_id: String,
    pub service_name: String,
    pub team: Option<String>,
    pub objective_percent: f64,
    /// The window's definition as written in the data: `28d`, `calendar:quarter`.
    pub window: String,
    /// The window in words: `28 days rolling`, `calendar quarter`.
    pub window_words: String,
    pub budgeting: &'static str,
    /// Buckets with data / buckets in the window, in percent.
    pub coverage_percent: Option<f64>,
    /// `None` without traffic in the window.
    pub attainment_percent: Option<f64>,
    pub budget_remaining_percent: Option<f64>,
    pub burn_rate_1h: Option<f64>,
    pub burn_rate_6h: Option<f64>,
    pub alert: Option<Alert>,
    pub status: Option<Status>,
    /// The status split by the alert (core's triage), which orders the table by default.
    pub triage: Option<Triage>,
    /// Why the SLO could not be evaluated, if it could not.
    pub problem: Option<String>,
}

/// The sortable columns, by URL key.
pub const SORT_COLUMNS: [&str; 11] =
    ["status", "service", "slo", "team", "objective", "window", "attainment", "budget", "burn_1h", "burn_6h", "alert"];

/// The rows passing `filter`, sorted by `sort` (by default most severe first: core's triage class, then
/// the lowest budget remaining; SLOs that could not be evaluated last).
pub fn slo_rows(dataset: &Dataset, evaluations: &Evaluations, filter: &Filter, sort: Option<&Sort>) -> Vec<SloRow> {
    let mut rows: Vec<SloRow> = dataset
        .slos
        .iter()
        .map(|slo| {
            let definition = &slo.definition;
            let service = dataset.services.iter().find(|service| service.id == definition.service);
            let evaluation = evaluations.get(&definition.id);
            let evaluated = evaluation.and_then(|result| result.as_ref().ok());
            SloRow {
                slo_id: definition.id.clone(),
                slo_name: definition.name.clone().unwrap_or_else(|| definition.id.clone()),
                service_id: definition.service.clone(),
                service_name: service.and_then(|s| s.name.clone()).unwrap_or_else(|| definition.service.clone()),
                team: service.and_then(|s| s.team.clone()),
                objective_percent: definition.objective * 100.0,
                window: definition.window.to_string(),
                window_words: window_in_words(definition.window),
                coverage_percent: evaluated.map(|e| e.coverage * 100.0),
                budgeting: match definition.budgeting {
                    Budgeting::Occurrences => "occurrences",
                    Budgeting::Timeslices => "timeslices",
                },
                attainment_percent: evaluated.and_then(|e| e.attainment).map(|a| a * 100.0),
                budget_remaining_percent: evaluated.and_then(|e| e.error_budget.remaining_ratio).map(|r| r * 100.0),
                burn_rate_1h: evaluated.and_then(|e| e.burn_rates.hour1),
                burn_rate_6h: evaluated.and_then(|e| e.burn_rates.hours6),
                alert: evaluated.map(|e| e.alert),
                status: evaluated.map(|e| e.status),
                triage: evaluated.map(|e| Triage::of(e.status, e.alert)),
                problem: evaluation.and_then(|result| result.as_ref().err().cloned()),
            }
        })
        .filter(|row| filter.team.as_ref().is_none_or(|team| row.team.as_ref() == Some(team)))
        .filter(|row| filter.service.as_ref().is_none_or(|service| &row.service_id == service))
        .collect();
    sort_stable_by(&mut rows, |a, b| compare(a, b, sort));
    rows
}

fn compare(a: &SloRow, b: &SloRow, sort: Option<&Sort>) -> Ordering {
    let by_name = || (&a.service_name, &a.slo_name).cmp(&(&b.service_name, &b.slo_name));
    let Some(sort) = sort else { return by_severity(a, b).then_with(by_name) };
    let number = |x: Option<f64>, y: Option<f64>| match (x, y) {
        (Some(x), Some(y)) => x.total_cmp(&y),
        (x, y) => x.is_some().cmp(&y.is_some()),
    };
    let ordering = match sort.column.as_str() {
        "slo" => a.slo_name.cmp(&b.slo_name),
        "team" => a.team.cmp(&b.team),
        "objective" => a.objective_percent.total_cmp(&b.objective_percent),
        "attainment" => number(a.attainment_percent, b.attainment_percent),
        "budget" => number(a.budget_remaining_percent, b.budget_remaining_percent),
        "burn_1h" => number(a.burn_rate_1h, b.burn_rate_1h),
        "burn_6h" => number(a.burn_rate_6h, b.burn_rate_6h),
        "alert" => a.alert.cmp(&b.alert),
        "status" => by_severity(a, b),
        "window" => a.window_words.cmp(&b.window_words),
        _ => a.service_name.cmp(&b.service_name),
    };
    let ordering = if sort.descending { ordering.reverse() } else { ordering };
    ordering.then_with(by_name)
}

/// Most severe first (core's [`severity_order`]); rows that could not be evaluated last.
fn by_severity(a: &SloRow, b: &SloRow) -> Ordering {
    match (a.triage, b.triage) {
        (Some(x), Some(y)) => severity_order((x, a.budget_remaining_percent), (y, b.budget_remaining_percent)),
        (x, y) => y.is_some().cmp(&x.is_some()),
    }
}

/// The teams present, sorted, for the team filter.
pub fn teams(dataset: &Dataset) -> Vec<String> {
    let mut teams: Vec<String> = dataset.services.iter().filter_map(|service| service.team.clone()).collect();
    sort_stable_by(&mut teams, String::cmp);
    teams.dedup();
    teams
}
