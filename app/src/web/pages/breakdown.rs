//! Per-service and per-team DORA tables: names, n, each value with its tier, sortable by any
//! column (the sort lives in the URL). Every number links to the records behind it for that scope.

use std::cmp::Ordering;
use std::collections::BTreeMap;

use leptos::prelude::*;
use uptrend_core::dora::{DoraMetrics, ScopeReport};
use uptrend_core::sort::{sort_stable_by, sort_stable_by_key};

use super::records::drill_route;
use crate::charts::Unit;
use crate::html::Html;
use crate::route::{Drill, Page, Route, Sort};
use crate::view_model::dora_view::{display_value, duration_or_no_data, tier_label, DoraMetric};
use crate::web::html_view::{link_html, markup_div};

/// A sortable column: URL key, header, value for sorting.
struct Column {
    key: &'static str,
    header: &'static str,
    value: fn(&DoraMetrics) -> Option<f64>,
    drill: Drill,
}

const COLUMNS: [Column; 7] = [
    Column {
        key: "deployments",
        header: "Deployments",
        value: |m| Some(m.deployments as f64),
        drill: Drill::Deployments,
    },
    Column {
        key: "frequency",
        header: "Deployment frequency",
        value: |m| m.deployments_per_day,
        drill: Drill::Deployments,
    },
    Column { key: "lead", header: "Lead time (median)", value: |m| m.lead_time_seconds.median, drill: Drill::Changes },
    Column { key: "lead_p90", header: "Lead time (p90)", value: |m| m.lead_time_seconds.p90, drill: Drill::Changes },
    Column {
        key: "fail_rate",
        header: "Change fail rate",
        value: |m| m.change_failure_rate,
        drill: Drill::ChangeFailures,
    },
    Column {
        key: "recovery",
        header: "Recovery time (median)",
        value: |m| m.recovery_time_seconds.median,
        drill: Drill::Recoveries,
    },
    Column { key: "rework", header: "Rework rate", value: |m| m.rework_rate, drill: Drill::Rework },
];

/// Which kind of scope a table lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScopeKind {
    Service,
    Team,
}

/// One row: id (service id or team name), display name, team (services only), report.
pub struct ScopeRow<'a> {
    pub id: String,
    pub name: String,
    pub team: Option<String>,
    pub report: &'a ScopeReport,
}

/// A cell's value and, for tiered metrics, its 2024 tier word.
fn cell_text(column: &Column, metrics: &DoraMetrics, report: &ScopeReport) -> (String, Option<String>) {
    let tier = |metric: DoraMetric| {
        metric.tier(&report.tiers).map(|tier| tier_label(Some(tier)).replace(" (2024 report)", ""))
    };
    let with_count = |rate: Option<f64>, count: u64| {
        rate.map_or_else(|| "no data".to_owned(), |rate| format!("{} ({count})", Unit::Percent.format(rate * 100.0)))
    };
    match column.key {
        "deployments" => (metrics.deployments.to_string(), None),
        "frequency" => (display_value(DoraMetric::DeploymentFrequency, metrics), tier(DoraMetric::DeploymentFrequency)),
        "lead" => (display_value(DoraMetric::LeadTime, metrics), tier(DoraMetric::LeadTime)),
        "lead_p90" => (duration_or_no_data(metrics.lead_time_seconds.p90), None),
        "fail_rate" => {
            (with_count(metrics.change_failure_rate, metrics.change_failures), tier(DoraMetric::ChangeFailRate))
        }
        "recovery" => (display_value(DoraMetric::RecoveryTime, metrics), tier(DoraMetric::RecoveryTime)),
        _ => (with_count(metrics.rework_rate, metrics.rework_deployments), None),
    }
}

fn compare(rows: &mut [ScopeRow<'_>], sort: Option<&Sort>) {
    let Some(sort) = sort else {
        sort_stable_by_key(rows, |row| row.name.to_lowercase());
        return;
    };
    let column = COLUMNS.iter().find(|column| column.key == sort.column);
    sort_stable_by(rows, |a, b| {
        let order = match column {
            Some(column) => match ((column.value)(&a.report.metrics), (column.value)(&b.report.metrics)) {
                (Some(x), Some(y)) => x.total_cmp(&y),
                // No data sorts last either way.
                (Some(_), None) => return Ordering::Less,
                (None, Some(_)) => return Ordering::Greater,
                (None, None) => Ordering::Equal,
            },
            None => a.name.to_lowercase().cmp(&b.name.to_lowercase()),
        };
        if sort.descending { order.reverse() } else { order }.then_with(|| a.name.cmp(&b.name))
    });
}

pub fn breakdown_table(
    title: &str,
    test_id: &'static str,
    kind: ScopeKind,
    mut rows: Vec<ScopeRow<'_>>,
    route: &Route,
) -> impl IntoView {
    let sort = route.sort.as_ref().filter(|sort| sort.column == "name" || COLUMNS.iter().any(|c| c.key == sort.column));
    compare(&mut rows, sort);
    let header = |html: &mut Html, key: &'static str, label: &'static str| {
        let current = sort.filter(|sort| sort.column == key);
        let (aria_sort, marker) = match current {
            Some(sort) if sort.descending => ("descending", " ▼"),
            Some(_) => ("ascending", " ▲"),
            None => ("none", ""),
        };
        let descending = current.is_some_and(|sort| !sort.descending);
        let target = Route { sort: Some(Sort { column: key.to_owned(), descending }), ..route.clone() };
        html.open("th", &[("scope", Some("col")), ("aria-sort", Some(aria_sort))]);
        link_html(html, &target, None, &format!("{label}{marker}"), None);
        html.close("th");
    };
    let name_header = if kind == ScopeKind::Service { "Service" } else { "Team" };
    let mut html = Html::new();
    html.open("div", &[("class", Some("table-head"))])
        .element("h3", &[], title)
        .close("div")
        .open("div", &[("class", Some("scroll"))])
        .open("table", &[("class", Some("breakdown"))])
        .open("thead", &[])
        .open("tr", &[]);
    header(&mut html, "name", name_header);
    if kind == ScopeKind::Service {
        html.element("th", &[("scope", Some("col"))], "Team");
    }
    for column in COLUMNS.iter() {
        header(&mut html, column.key, column.header);
    }
    html.close("tr").close("thead").open("tbody", &[]);
    for row in &rows {
        let scoped = match kind {
            ScopeKind::Service => {
                Route { page: Page::Delivery, service: Some(row.id.clone()), team: None, ..route.clone() }
            }
            ScopeKind::Team => {
                Route { page: Page::Delivery, team: Some(row.id.clone()), service: None, ..route.clone() }
            }
        };
        let name_target = match kind {
            ScopeKind::Service => {
                Route { page: Page::Service, service: Some(row.id.clone()), team: None, ..route.clone() }
            }
            ScopeKind::Team => Route { detail: None, drill: None, ..scoped.clone() },
        };
        html.open("tr", &[("data-scope", Some(&row.id))]).open("th", &[("scope", Some("row"))]);
        link_html(&mut html, &name_target, None, &row.name, None);
        html.close("th");
        if kind == ScopeKind::Service {
            html.element("td", &[], row.team.as_deref().unwrap_or_default());
        }
        for column in COLUMNS.iter() {
            let (text, tier) = cell_text(column, &row.report.metrics, row.report);
            html.open("td", &[("class", Some("number"))]);
            link_html(&mut html, &drill_route(&scoped, column.drill), Some("records"), &text, None);
            if let Some(tier) = tier {
                html.element("span", &[("class", Some("tier"))], &tier);
            }
            html.close("td");
        }
        html.close("tr");
    }
    html.close("tbody").close("table").close("div");
    markup_div("table-block", Some(test_id), html, Vec::new())
}

/// The service rows with names and teams.
pub fn service_rows<'a>(
    services: &'a BTreeMap<String, ScopeReport>,
    dataset: &uptrend_core::model::Dataset,
) -> Vec<ScopeRow<'a>> {
    services
        .iter()
        .map(|(id, report)| {
            let service = dataset.services.iter().find(|service| &service.id == id);
            ScopeRow {
                id: id.clone(),
                name: service.and_then(|s| s.name.clone()).unwrap_or_else(|| id.clone()),
                team: service.and_then(|s| s.team.clone()),
                report,
            }
        })
        .collect()
}

pub fn team_rows(teams: &BTreeMap<String, ScopeReport>) -> Vec<ScopeRow<'_>> {
    teams.iter().map(|(name, report)| ScopeRow { id: name.clone(), name: name.clone(), team: None, report }).collect()
}
