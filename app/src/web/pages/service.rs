//! Service: the service's SLOs (status, budget, burn rates, a sparkline of daily attainment each),
//! its DORA scorecard over the window, the change failures with the error budget each burned (one
//! row per failure and SLO) and the deployments made while an SLO was breached, then its deployments
//! and incidents in the range. Full width: every table scrolls inside itself, never the page.

use std::collections::BTreeMap;

use chrono::DateTime;
use leptos::prelude::*;
use uptrend_core::slo::series::attainment_per_day;
use uptrend_core::slo::TimeRange;

use super::scorecard::scorecard_linked;
use super::slo_table_view::{alert_label, triage_label};
use super::PageContext;
use crate::cell::Cell;
use crate::charts::time_ticks::format_instant;
use crate::charts::{sparkline, Sample, Series, Unit};
use crate::html::Html;
use crate::route::{Detail, Page, Route};
use crate::table_html::table_block;
use crate::view_model::dora_window::window_words;
use crate::view_model::events::{deployments_in, incidents_in, DeploymentRow, IncidentRow};
use crate::view_model::slo_table::{slo_rows, Filter, SloRow};
use crate::web::html_view::{link_html, markup_details, markup_section};
use crate::web::status_views::delivery_pending;
use crate::web::url_state::use_url_state;

const SPARKLINE_SIZE_PX: (u32, u32) = (140, 28);

pub fn service(context: &PageContext) -> impl IntoView {
    let url = use_url_state();
    let dataset = &context.loaded.dataset;
    let route = &context.route;
    let selected = route.service.as_ref().and_then(|id| dataset.services.iter().find(|s| &s.id == id));
    let Some(service) = selected.or_else(|| dataset.services.first()) else {
        return view! { <p>"No services in the data."</p> }.into_any();
    };
    let (start_secs, end_secs) = context.range_secs();
    let name = service.name.clone().unwrap_or_else(|| service.id.clone());
    let filter = Filter { team: None, service: Some(service.id.clone()) };
    let slos = slo_rows(dataset, &context.model.evaluations, &filter, None);
    let slo_names: BTreeMap<String, String> =
        slos.iter().map(|row| (row.slo_id.clone(), row.slo_name.clone())).collect();
    let options = dataset
        .services
        .iter()
        .map(|s| {
            let label = s.name.clone().unwrap_or_else(|| s.id.clone());
            view! { <option value=s.id.clone() selected=s.id == service.id>{label}</option> }
        })
        .collect_view();
    let deployments = deployments_in(dataset, Some(&service.id), start_secs, end_secs);
    let incidents = incidents_in(dataset, Some(&service.id), start_secs, end_secs);
    let delivery_base =
        Route { page: Page::Delivery, service: Some(service.id.clone()), team: None, sort: None, ..route.clone() };
    let window = context.model.dora().map(|dora| {
        view! {
            <p class="dora-window" data-testid="dora-window">
                "DORA window: "<strong>{window_words(route.range, &dora.window, &dora.previous_window)}</strong>"."
            </p>
        }
    });
    let scorecard = context
        .model
        .dora()
        .and_then(|dora| dora.services.get(&service.id))
        .map(|scope| scorecard_linked(scope, "service-scorecard", delivery_base.clone()));
    let sparkline_for = |row: &SloRow| -> String {
        let slo = dataset.slos.iter().find(|slo| slo.definition.id == row.slo_id);
        let (Some(slo), Some(as_of)) = (slo, context.as_of) else { return String::new() };
        let instant = |secs| DateTime::from_timestamp(secs, 0).unwrap_or(as_of);
        let days = attainment_per_day(slo, as_of, TimeRange { start: instant(start_secs), end: instant(end_secs) });
        let Ok(days) = days else { return String::new() };
        let samples = days.iter().filter_map(|day| {
            let at = day.day.and_hms_opt(0, 0, 0)?.and_utc().timestamp();
            Some(Sample::new(at, day.attainment.map(|a| a * 100.0), Some(day.tally.total)))
        });
        let (width, height) = SPARKLINE_SIZE_PX;
        sparkline(&Series::new("attainment per day", samples), start_secs, end_secs, width, height).unwrap_or_default()
    };
    let slos_section = {
        let mut html = Html::new();
        html.open("div", &[("class", Some("table-head"))])
            .element("h3", &[], "SLOs")
            .close("div")
            .open("div", &[("class", Some("scroll"))])
            .open("table", &[("data-testid", Some("slo-table"))]);
        head_row(
            &mut html,
            &[
                "SLO",
                "Status",
                "Attainment of objective",
                "Budget remaining",
                "Burn 1h",
                "Burn 6h",
                "Alert",
                "Attainment per day",
            ],
        );
        html.open("tbody", &[]);
        if slos.is_empty() {
            none_row(&mut html, "8", "This service has no SLOs.");
        }
        for row in &slos {
            let target = Route { page: Page::Slo, slo: Some(row.slo_id.clone()), sort: None, ..route.clone() };
            let (status_class, status_text) = triage_label(row.triage);
            let optional =
                |value: Option<f64>, unit: Unit| value.map_or_else(|| "no data".to_owned(), |v| unit.format(v));
            let spark = sparkline_for(row);
            let label = format!("{}: attainment per day over the range", row.slo_name);
            let attainment = format!(
                "{} of {}",
                optional(row.attainment_percent, Unit::Percent),
                Unit::Percent.format(row.objective_percent)
            );
            html.open("tr", &[("data-slo", Some(&row.slo_id))]).open("th", &[("scope", Some("row"))]);
            link_html(&mut html, &target, None, &row.slo_name, None);
            html.close("th")
                .element("td", &[("class", Some(&status_class))], &status_text)
                .element("td", NUMBER, &attainment)
                .element("td", NUMBER, &optional(row.budget_remaining_percent, Unit::Percent))
                .element("td", NUMBER, &optional(row.burn_rate_1h, Unit::BurnRate))
                .element("td", NUMBER, &optional(row.burn_rate_6h, Unit::BurnRate))
                .element("td", &[], alert_label(row.alert))
                .open("td", &[])
                .open("span", &[("class", Some("sparkline")), ("role", Some("img")), ("aria-label", Some(&label))])
                .generated_markup(&spark)
                .close("span")
                .close("td")
                .close("tr");
        }
        html.close("tbody").close("table").close("div");
        markup_section("table-block", Some("service-slos"), html, Vec::new())
    };
    let failures = context.model.join().map(|join| {
        let deployment_link = |html: &mut Html, id: &str| {
            let target =
                Route { detail: Some(Detail::Deployment(id.to_owned())), drill: None, ..delivery_base.clone() };
            link_html(html, &target, None, id, None);
        };
        let rows: Vec<_> = join.change_failures.iter().filter(|failure| failure.service == service.id).collect();
        let mut html = Html::new();
        html.open("div", &[("class", Some("table-head"))])
            .element("h3", &[], &format!("Change failures of {name} and the error budget each burned"))
            .close("div")
            .open("div", &[("class", Some("scroll"))])
            .open("table", &[]);
        head_row(
            &mut html,
            &["Deployment", "Failed (UTC)", "Recovered (UTC)", "SLO", "Bad", "Allowed", "Budget burned"],
        );
        html.open("tbody", &[]);
        if rows.is_empty() {
            none_row(&mut html, "7", "No change failures in the window.");
        }
        for failure in &rows {
            let span = failure.slos.len().max(1).to_string();
            let until = if failure.open { "still open".to_owned() } else { format_instant(failure.until.timestamp()) };
            let burns: Vec<(String, String, String, String)> = if failure.slos.is_empty() {
                vec![("no SLO".to_owned(), String::new(), String::new(), String::new())]
            } else {
                failure
                    .slos
                    .iter()
                    .map(|burn| {
                        (
                            slo_names.get(&burn.slo).cloned().unwrap_or_else(|| burn.slo.clone()),
                            uptrend_core::display::count_text(burn.bad),
                            uptrend_core::display::rounded_count_text(burn.allowed),
                            burn.budget_share
                                .map_or_else(|| "no budget".to_owned(), |s| Unit::Percent.format(s * 100.0)),
                        )
                    })
                    .collect()
            };
            for (index, (slo, bad, allowed, share)) in burns.iter().enumerate() {
                html.open("tr", &[]);
                if index == 0 {
                    html.open("th", &[("scope", Some("rowgroup")), ("rowspan", Some(&span))]);
                    deployment_link(&mut html, &failure.deployment);
                    html.close("th")
                        .element("td", &[("rowspan", Some(&span))], &format_instant(failure.finished_at.timestamp()))
                        .element("td", &[("rowspan", Some(&span))], &until);
                }
                html.element("td", &[("class", Some("wrap"))], slo)
                    .element("td", NUMBER, bad)
                    .element("td", NUMBER, allowed)
                    .element("td", &[("class", Some("number")), ("data-testid", Some("budget-burned"))], share)
                    .close("tr");
            }
        }
        html.close("tbody").close("table").close("div");
        let failures = markup_section("table-block", Some("failure-burn-table"), html, Vec::new());
        let breached: Vec<_> = join.deployments_while_breached.get(&service.id).cloned().unwrap_or_default();
        let mut html = Html::new();
        html.open("div", &[("class", Some("table-head"))])
            .element("h3", &[], &format!("Deployments of {name} made while an SLO was breached"))
            .close("div")
            .open("div", &[("class", Some("scroll"))])
            .open("table", &[]);
        head_row(&mut html, &["Deployment", "Finished (UTC)", "SLOs breached then"]);
        html.open("tbody", &[]);
        if breached.is_empty() {
            none_row(&mut html, "3", "None: no deployment was made while an SLO was breached.");
        }
        for deployment in &breached {
            let slos = deployment
                .breached_slos
                .iter()
                .map(|id| slo_names.get(id.as_str()).cloned().unwrap_or_else(|| id.to_string()))
                .collect::<Vec<_>>()
                .join(", ");
            html.open("tr", &[]).open("th", &[("scope", Some("row"))]);
            deployment_link(&mut html, &deployment.deployment);
            html.close("th")
                .element("td", &[], &format_instant(deployment.finished_at.timestamp()))
                .element("td", &[], &slos)
                .close("tr");
        }
        html.close("tbody").close("table").close("div");
        (failures, markup_section("table-block", Some("breached-deployments-table"), html, Vec::new()))
    });
    let records = |title: String, header: &[&str], rows: Vec<Vec<Cell>>, test_id: &str| {
        let mut html = Html::new();
        html.element("summary", &[], &format!("{title} ({})", rows.len()));
        let download = table_block(&mut html, &title, header, &rows, Some(test_id));
        markup_details("records-of-range", html, vec![download])
    };
    let deployment_records = records(
        format!("Deployments of {name} in the range"),
        &DeploymentRow::HEADER,
        deployments.iter().map(|row| DeploymentRow::cells(row).into_iter().map(Into::into).collect()).collect(),
        "deployments-table",
    );
    let incident_records = records(
        format!("Incidents of {name} in the range"),
        &IncidentRow::HEADER,
        incidents.iter().map(|row| IncidentRow::cells(row).into_iter().map(Into::into).collect()).collect(),
        "incidents-table",
    );
    view! {
        <div class="service-page">
            <h2 data-testid="service-name">{name.clone()}</h2>
            <div class="filters">
                <label class="picker">
                    "Service "
                    <select data-testid="service-picker" on:change=move |event| {
                        let service = Some(event_target_value(&event));
                        url.update(|route| route.service = service);
                    }>{options}</select>
                </label>
                <span>{format!("Team: {}", service.team.clone().unwrap_or_else(|| "none given".to_owned()))}</span>
            </div>
            {window}
            {slos_section}
            <section class="dora-scorecard">
                <h3>"Delivery (DORA)"</h3>
                {scorecard}
                {context.model.pending_delivery().then(delivery_pending)}
            </section>
            {failures}
            {deployment_records}
            {incident_records}
        </div>
    }
    .into_any()
}

const NUMBER: &[(&str, Option<&str>)] = &[("class", Some("number"))];

/// `<thead>` with one column header per name.
fn head_row(html: &mut Html, names: &[&str]) {
    html.open("thead", &[]).open("tr", &[]);
    for name in names {
        html.element("th", &[("scope", Some("col"))], name);
    }
    html.close("tr").close("thead");
}

/// The one row of an empty table, saying so across its `columns`.
fn none_row(html: &mut Html, columns: &str, text: &str) {
    html.open("tr", &[]).element("td", &[("colspan", Some(columns)), ("class", Some("none"))], text).close("tr");
}
