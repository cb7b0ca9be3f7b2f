//! The overview's SLO table: one row per SLO with its service and team, filtered and sorted.

use std::cmp::Ordering;

use uptrend_core::model::{Budgeting, Dataset};

use crate::route::Sort;

/// The table's filters (from the URL).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Filter {
    pub team: Option<String>,
    pub service: Option<String>,
}

/// One SLO as the table lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct SloRow {
    pub slo_id: String,
    pub slo_name: String,
    pub service_id: String,
    pub service_name: String,
    pub team: Option<String>,
    /// The objective in percent (`99.9`).
    pub objective_percent: f64,
    pub window: String,
    pub budgeting: &'static str,
}

/// The sortable columns, by URL key.
pub const SORT_COLUMNS: [&str; 4] = ["service", "slo", "team", "objective"];

/// The rows passing `filter`, sorted by `sort` (service, then SLO, by default).
pub fn slo_rows(dataset: &Dataset, filter: &Filter, sort: Option<&Sort>) -> Vec<SloRow> {
    let mut rows: Vec<SloRow> = dataset
        .slos
        .iter()
        .map(|slo| {
            let definition = &slo.definition;
            let service = dataset.services.iter().find(|service| service.id == definition.service);
            SloRow {
                slo_id: definition.id.clone(),
                slo_name: definition.name.clone().unwrap_or_else(|| definition.id.clone()),
                service_id: definition.service.clone(),
                service_name: service.and_then(|s| s.name.clone()).unwrap_or_else(|| definition.service.clone()),
                team: service.and_then(|s| s.team.clone()),
                objective_percent: definition.objective * 100.0,
                window: definition.window.to_string(),
                budgeting: match definition.budgeting {
                    Budgeting::Occurrences => "occurrences",
                    Budgeting::Timeslices => "timeslices",
                },
            }
        })
        .filter(|row| filter.team.as_ref().is_none_or(|team| row.team.as_ref() == Some(team)))
        .filter(|row| filter.service.as_ref().is_none_or(|service| &row.service_id == service))
        .collect();
    rows.sort_by(|a, b| compare(a, b, sort));
    rows
}

fn compare(a: &SloRow, b: &SloRow, sort: Option<&Sort>) -> Ordering {
    let by_name = || (&a.service_name, &a.slo_name).cmp(&(&b.service_name, &b.slo_name));
    let Some(sort) = sort else { return by_name() };
    let ordering = match sort.column.as_str() {
        "slo" => a.slo_name.cmp(&b.slo_name),
        "team" => a.team.cmp(&b.team),
        "objective" => a.objective_percent.total_cmp(&b.objective_percent),
        _ => a.service_name.cmp(&b.service_name),
    };
    let ordering = if sort.descending { ordering.reverse() } else { ordering };
    ordering.then_with(by_name)
}

/// The teams present, sorted, for the team filter.
pub fn teams(dataset: &Dataset) -> Vec<String> {
    let mut teams: Vec<String> = dataset.services.iter().filter_map(|service| service.team.clone()).collect();
    teams.sort();
    teams.dedup();
    teams
}
