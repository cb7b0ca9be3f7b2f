//! The SLO table shared by the overview and the service page: most severe first by default, sortable
//! by any column (the sort lives in the URL), status as icon and word, remaining budget as a bar in the
//! status colour that draws overspend past zero, CSV download. On phones each row is a card.

use leptos::prelude::*;
use uptrend_core::slo::{Alert, Status, Triage};

use crate::cell::Cell;
use crate::charts::Unit;
use crate::csv::to_csv;
use crate::html::Html;
use crate::route::{Page, Route, Sort};
use crate::view_model::slo_table::SloRow;
use crate::web::download::download_text;
use crate::web::html_view::{link_html, markup_div};
use crate::web::url_state::mark;

const COLUMNS: [(&str, &str); 11] = [
    ("status", "Status"),
    ("slo", "SLO"),
    ("service", "Service"),
    ("team", "Team"),
    ("objective", "Objective"),
    ("window", "Window"),
    ("attainment", "Attainment"),
    ("budget", "Budget remaining"),
    ("burn_1h", "Burn 1h"),
    ("burn_6h", "Burn 6h"),
    ("alert", "Alert"),
];

/// Below this coverage (in percent) the attainment cell says how much of the window has data.
const FULL_COVERAGE_PERCENT: f64 = 100.0;

pub fn slo_table(route: &Route, rows: Vec<SloRow>) -> impl IntoView {
    mark("uptrend:slo-table-drawn");
    let csv = to_csv(&CSV_HEADER, rows.iter().map(csv_cells));
    let sorted_by = route.sort.as_ref().map_or_else(
        || "most severe first".to_owned(),
        |sort| {
            let label = COLUMNS.iter().find(|(key, _)| *key == sort.column).map_or("", |(_, label)| label);
            format!("sorted by {}{}", label.to_lowercase(), if sort.descending { ", descending" } else { "" })
        },
    );
    let caption = format!("{} SLOs, {sorted_by}", rows.len());
    let mut html = Html::new();
    html.open("table", &[("data-testid", Some("slo-table")), ("class", Some("slo-list"))])
        .element("caption", &[], &caption)
        .open("thead", &[])
        .open("tr", &[]);
    for (key, label) in COLUMNS {
        let current = route.sort.as_ref().filter(|sort| sort.column == key);
        let descending = current.is_some_and(|sort| !sort.descending);
        let (aria_sort, marker) = match current {
            Some(sort) if sort.descending => ("descending", " ▼"),
            Some(_) => ("ascending", " ▲"),
            None => ("none", ""),
        };
        let target = Route { sort: Some(Sort { column: key.to_owned(), descending }), ..route.clone() };
        html.open("th", &[("scope", Some("col")), ("aria-sort", Some(aria_sort))]);
        link_html(&mut html, &target, None, &format!("{label}{marker}"), None);
        html.close("th");
    }
    html.close("tr").close("thead").open("tbody", &[]);
    for row in &rows {
        let slo_route =
            Route { page: Page::Slo, slo: Some(row.slo_id.clone()), sort: None, status: None, ..route.clone() };
        let service_route = Route {
            page: Page::Service,
            service: Some(row.service_id.clone()),
            sort: None,
            status: None,
            ..route.clone()
        };
        let (status_class, status_text) = triage_label(row.triage);
        let status_class = format!("{status_class} cell-status");
        let title = row.problem.clone().unwrap_or_default();
        html.open(
            "tr",
            &[("data-slo", Some(&row.slo_id)), ("data-triage", Some(row.triage.map_or("not_evaluated", Triage::key)))],
        )
        .element(
            "td",
            &[
                ("class", Some(&status_class)),
                ("data-label", Some("Status")),
                ("data-testid", Some("status")),
                ("title", Some(&title)),
            ],
            &status_text,
        )
        .open("td", &[("class", Some("cell-slo")), ("data-label", Some("SLO"))]);
        link_html(&mut html, &slo_route, None, &row.slo_name, None);
        html.close("td").open("td", &[("class", Some("cell-service")), ("data-label", Some("Service"))]);
        link_html(&mut html, &service_route, None, &row.service_name, None);
        html.close("td")
            .element(
                "td",
                &[("class", Some("cell-team")), ("data-label", Some("Team"))],
                row.team.as_deref().unwrap_or_default(),
            )
            .element(
                "td",
                &[("class", Some("number")), ("data-label", Some("Objective"))],
                &Unit::Percent.format(row.objective_percent),
            )
            .element("td", &[("class", Some("cell-window")), ("data-label", Some("Window"))], &row.window_words)
            .open(
                "td",
                &[("class", Some("number")), ("data-label", Some("Attainment")), ("data-testid", Some("attainment"))],
            )
            .text(&optional(row.attainment_percent, Unit::Percent, row.status));
        if let Some(coverage) = row.coverage_percent.filter(|coverage| *coverage < FULL_COVERAGE_PERCENT) {
            html.element(
                "span",
                &[("class", Some("coverage-note"))],
                &format!("{} coverage", Unit::Percent.format(coverage)),
            );
        }
        html.close("td").open(
            "td",
            &[("class", Some("budget")), ("data-label", Some("Budget remaining")), ("data-testid", Some("budget"))],
        );
        budget_bar(&mut html, row.budget_remaining_percent, row.triage, row.status);
        html.close("td")
            .element(
                "td",
                &[("class", Some("number")), ("data-label", Some("Burn 1h"))],
                &optional(row.burn_rate_1h, Unit::BurnRate, row.status),
            )
            .element(
                "td",
                &[("class", Some("number")), ("data-label", Some("Burn 6h"))],
                &optional(row.burn_rate_6h, Unit::BurnRate, row.status),
            )
            .element(
                "td",
                &[("class", Some("cell-alert")), ("data-label", Some("Alert")), ("data-testid", Some("alert"))],
                alert_label(row.alert),
            )
            .close("tr");
    }
    html.close("tbody").close("table");
    view! {
        {markup_div("scroll slo-table-wrap", None, html, Vec::new())}
        <button type="button" class="download" on:click=move |_| download_text("slos.csv", "text/csv", &csv)>"Download CSV"</button>
    }
}

const CSV_HEADER: [&str; 14] = [
    "service",
    "slo",
    "team",
    "objective (%)",
    "window",
    "budgeting",
    "coverage (%)",
    "attainment (%)",
    "budget remaining (%)",
    "burn rate 1h",
    "burn rate 6h",
    "alert",
    "status",
    "triage",
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
        number(row.coverage_percent),
        number(row.attainment_percent),
        number(row.budget_remaining_percent),
        number(row.burn_rate_1h),
        number(row.burn_rate_6h),
        Cell::text(row.alert.map_or("", alert_word)),
        Cell::text(row.status.map_or("not evaluated", status_word)),
        Cell::text(row.triage.map_or("not evaluated", Triage::label)),
    ]
}

/// A value, or why there is none: `no data` or `no traffic`.
fn optional(value: Option<f64>, unit: Unit, status: Option<Status>) -> String {
    value.map_or_else(|| missing_word(status).to_owned(), |value| unit.format(value))
}

/// What stands for a missing value: `no traffic` for an SLO without traffic, else `no data`.
pub fn missing_word(status: Option<Status>) -> &'static str {
    match status {
        Some(Status::NoTraffic) => "no traffic",
        _ => "no data",
    }
}

/// The share of the bar's track that stands for overspend (-100 % of the budget at its left end).
const OVERSPEND_TRACK_SHARE: f64 = 0.3;

/// The remaining budget as a bar in the status colour and its number. The track runs from -100 %
/// (left) through 0 (a tick) to 100 %; an overspent budget fills leftwards from the tick, and past
/// -100 % ends in an arrow. The number carries the meaning, the bar the glance.
fn budget_bar(html: &mut Html, remaining_percent: Option<f64>, triage: Option<Triage>, status: Option<Status>) {
    let Some(remaining) = remaining_percent else {
        html.element("span", &[("class", Some("missing"))], missing_word(status));
        return;
    };
    let class = format!("bar {}", triage.map_or("no-data", triage_class));
    let zero = OVERSPEND_TRACK_SHARE * 100.0;
    let (left, width) = if remaining >= 0.0 {
        (zero, remaining.min(100.0) * (1.0 - OVERSPEND_TRACK_SHARE))
    } else {
        let over = (-remaining).min(100.0) * OVERSPEND_TRACK_SHARE;
        (zero - over, over)
    };
    let fill_class = if remaining < -100.0 { "fill beyond" } else { "fill" };
    let style = format!("left: {}%; width: {}%;", trim(left), trim(width));
    html.open("span", &[("class", Some(&class)), ("aria-hidden", Some("true"))])
        .element("span", &[("class", Some("zero"))], "")
        .element("span", &[("class", Some(fill_class)), ("style", Some(&style))], "")
        .close("span")
        .element("span", &[("class", Some("number"))], &Unit::Percent.format(remaining));
    if remaining < 0.0 {
        let times = 1.0 - remaining / 100.0;
        html.element("span", &[("class", Some("overspent"))], &format!("overspent: {}× the budget used", trim(times)));
    }
}

fn trim(value: f64) -> String {
    let text = format!("{value:.1}");
    text.strip_suffix(".0").map_or(text.clone(), str::to_owned)
}

pub fn alert_label(alert: Option<Alert>) -> &'static str {
    match alert {
        Some(Alert::Page) => "⚑ page",
        Some(Alert::Ticket) => "✉ ticket",
        Some(Alert::None) => "none",
        None => "",
    }
}

/// The alert as a plain word, for CSV: `page`, `ticket`, `none`.
pub fn alert_word(alert: Alert) -> &'static str {
    match alert {
        Alert::Page => "page",
        Alert::Ticket => "ticket",
        Alert::None => "none",
    }
}

/// The status as a plain word, for CSV: `breached`, `at risk`, `no traffic`.
pub fn status_word(status: Status) -> &'static str {
    match status {
        Status::Healthy => "healthy",
        Status::AtRisk => "at risk",
        Status::Breached => "breached",
        Status::NoData => "no data",
        Status::NoTraffic => "no traffic",
    }
}

/// The CSS class of a triage class: `breached`, `paging`, `at-risk`.
pub fn triage_class(triage: Triage) -> &'static str {
    match triage {
        Triage::Breached => "breached",
        Triage::Paging => "paging",
        Triage::Ticket => "ticket",
        Triage::AtRisk => "at-risk",
        Triage::Healthy => "healthy",
        Triage::NoTraffic => "no-traffic",
        Triage::NoData => "no-data",
    }
}

/// The icon of a triage class; with the word, never colour alone.
pub fn triage_icon(triage: Triage) -> &'static str {
    match triage {
        Triage::Breached => "✖",
        Triage::Paging => "⚑",
        Triage::Ticket => "✉",
        Triage::AtRisk => "⚠",
        Triage::Healthy => "✓",
        Triage::NoTraffic => "○",
        Triage::NoData => "∅",
    }
}

/// Triage class as icon and word, with its CSS class.
pub fn triage_label(triage: Option<Triage>) -> (String, String) {
    match triage {
        Some(triage) => {
            (format!("status {}", triage_class(triage)), format!("{} {}", triage_icon(triage), triage.label()))
        }
        None => ("status no-data".to_owned(), "? not evaluated".to_owned()),
    }
}
