//! The SLO table shared by the overview and the service page: sortable by any column (the sort
//! lives in the URL), status as icon and word, remaining budget as a bar and a number, CSV download.

use leptos::prelude::*;
use uptrend_core::slo::{Alert, Status};

use crate::cell::Cell;
use crate::charts::Unit;
use crate::csv::to_csv;
use crate::route::{Page, Route, Sort};
use crate::view_model::slo_table::SloRow;
use crate::web::download::download_text;
use crate::web::url_state::use_url_state;

const COLUMNS: [(&str, &str); 10] = [
    ("service", "Service"),
    ("slo", "SLO"),
    ("team", "Team"),
    ("objective", "Objective"),
    ("attainment", "Attainment"),
    ("budget", "Budget remaining"),
    ("burn_1h", "Burn 1h"),
    ("burn_6h", "Burn 6h"),
    ("alert", "Alert"),
    ("status", "Status"),
];

pub fn slo_table(route: &Route, rows: Vec<SloRow>) -> impl IntoView {
    let url = use_url_state();
    let csv = to_csv(&CSV_HEADER, rows.iter().map(csv_cells));
    let headers = COLUMNS
        .into_iter()
        .map(|(key, label)| {
            let current = route.sort.as_ref().filter(|sort| sort.column == key);
            let descending = current.is_some_and(|sort| !sort.descending);
            let (aria_sort, marker) = match current {
                Some(sort) if sort.descending => ("descending", " ▼"),
                Some(_) => ("ascending", " ▲"),
                None => ("none", ""),
            };
            let target = Route { sort: Some(Sort { column: key.to_owned(), descending }), ..route.clone() };
            let href = target.to_query();
            view! {
                <th scope="col" aria-sort=aria_sort>
                    <a href=href on:click=move |event| url.follow(&event, target.clone())>{label}{marker}</a>
                </th>
            }
        })
        .collect_view();
    let body = rows
        .into_iter()
        .map(|row| {
            let slo_route = Route { page: Page::Slo, slo: Some(row.slo_id.clone()), sort: None, ..route.clone() };
            let service_route =
                Route { page: Page::Service, service: Some(row.service_id.clone()), sort: None, ..route.clone() };
            let (slo_href, service_href) = (slo_route.to_query(), service_route.to_query());
            let (status_class, status_text) = status_label(row.status);
            view! {
                <tr data-slo=row.slo_id.clone()>
                    <td><a href=service_href on:click=move |event| url.follow(&event, service_route.clone())>{row.service_name}</a></td>
                    <td><a href=slo_href on:click=move |event| url.follow(&event, slo_route.clone())>{row.slo_name}</a></td>
                    <td>{row.team.unwrap_or_default()}</td>
                    <td class="number">{Unit::Percent.format(row.objective_percent)}</td>
                    <td class="number" data-testid="attainment">{optional(row.attainment_percent, Unit::Percent)}</td>
                    <td class="budget">{budget_bar(row.budget_remaining_percent)}</td>
                    <td class="number">{optional(row.burn_rate_1h, Unit::BurnRate)}</td>
                    <td class="number">{optional(row.burn_rate_6h, Unit::BurnRate)}</td>
                    <td>{alert_label(row.alert)}</td>
                    <td class=status_class title=row.problem.clone().unwrap_or_default()>{status_text}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="scroll">
            <table data-testid="slo-table">
                <thead><tr>{headers}</tr></thead>
                <tbody>{body}</tbody>
            </table>
        </div>
        <button type="button" class="download" on:click=move |_| download_text("slos.csv", "text/csv", &csv)>"Download CSV"</button>
    }
}

const CSV_HEADER: [&str; 12] = [
    "service",
    "slo",
    "team",
    "objective (%)",
    "window",
    "budgeting",
    "attainment (%)",
    "budget remaining (%)",
    "burn rate 1h",
    "burn rate 6h",
    "alert",
    "status",
];

fn csv_cells(row: &SloRow) -> Vec<Cell> {
    let number = |value: Option<f64>| value.map_or_else(|| Cell::text(""), Cell::number);
    vec![
        Cell::text(row.service_name.clone()),
        Cell::text(row.slo_name.clone()),
        Cell::text(row.team.clone().unwrap_or_default()),
        Cell::number(row.objective_percent),
        Cell::text(row.window.clone()),
        Cell::text(row.budgeting),
        number(row.attainment_percent),
        number(row.budget_remaining_percent),
        number(row.burn_rate_1h),
        number(row.burn_rate_6h),
        Cell::text(alert_label(row.alert)),
        Cell::text(status_label(row.status).1),
    ]
}

fn optional(value: Option<f64>, unit: Unit) -> String {
    value.map_or_else(|| "no data".to_owned(), |value| unit.format(value))
}

/// The remaining budget as a bar and its number (the number carries the meaning, the bar the glance).
fn budget_bar(remaining_percent: Option<f64>) -> impl IntoView {
    let Some(remaining) = remaining_percent else { return view! { <span>"no data"</span> }.into_any() };
    let width = format!("{:.1}%", remaining.clamp(0.0, 100.0));
    view! {
        <span class="bar" aria-hidden="true"><span class="fill" style:width=width></span></span>
        <span class="number">{Unit::Percent.format(remaining)}</span>
    }
    .into_any()
}

pub fn alert_label(alert: Option<Alert>) -> &'static str {
    match alert {
        Some(Alert::Page) => "⚑ page",
        Some(Alert::Ticket) => "✉ ticket",
        Some(Alert::None) => "none",
        None => "",
    }
}

/// Status as icon and word (and a CSS class for colour): never colour alone.
pub fn status_label(status: Option<Status>) -> (&'static str, &'static str) {
    match status {
        Some(Status::Healthy) => ("status healthy", "✓ healthy"),
        Some(Status::AtRisk) => ("status at-risk", "⚠ at risk"),
        Some(Status::Breached) => ("status breached", "✖ breached"),
        Some(Status::NoData) => ("status no-data", "○ no data"),
        None => ("status no-data", "? not evaluated"),
    }
}
