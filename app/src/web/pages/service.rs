//! Service: the service's SLOs (status, budget, burn rates, a sparkline of daily attainment each),
//! its DORA scorecard over the window, the change failures with the error budget each burned (one
//! row per failure and SLO) and the deployments made while an SLO was breached, then its deployments
//! and incidents in the range. Full width: every table scrolls inside itself, never the page.

use std::collections::BTreeMap;

use chrono::DateTime;
use leptos::prelude::*;
use uptrend_core::slo::series::attainment_per_day;
use uptrend_core::slo::TimeRange;

use super::route_link::route_link;
use super::scorecard::scorecard_linked;
use super::slo_table_view::{alert_label, triage_label};
use super::PageContext;
use crate::charts::time_ticks::format_instant;
use crate::charts::{sparkline, Sample, Series, Unit};
use crate::route::{Detail, Page, Route};
use crate::view_model::dora_window::window_words;
use crate::view_model::events::{deployments_in, incidents_in, DeploymentRow, IncidentRow};
use crate::view_model::slo_table::{slo_rows, Filter, SloRow};
use crate::web::status_views::delivery_pending;
use crate::web::table::DataTable;
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
    let slo_body = if slos.is_empty() {
        view! { <tr><td colspan="8" class="none">"This service has no SLOs."</td></tr> }.into_any()
    } else {
        slos.iter()
            .map(|row| {
                let target = Route { page: Page::Slo, slo: Some(row.slo_id.clone()), sort: None, ..route.clone() };
                let (status_class, status_text) = triage_label(row.triage);
                let optional =
                    |value: Option<f64>, unit: Unit| value.map_or_else(|| "no data".to_owned(), |v| unit.format(v));
                let spark = sparkline_for(row);
                let label = format!("{}: attainment per day over the range", row.slo_name);
                view! {
                    <tr data-slo=row.slo_id.clone()>
                        <th scope="row">{route_link(target, row.slo_name.clone(), None)}</th>
                        <td class=status_class>{status_text}</td>
                        <td class="number">{format!("{} of {}", optional(row.attainment_percent, Unit::Percent), Unit::Percent.format(row.objective_percent))}</td>
                        <td class="number">{optional(row.budget_remaining_percent, Unit::Percent)}</td>
                        <td class="number">{optional(row.burn_rate_1h, Unit::BurnRate)}</td>
                        <td class="number">{optional(row.burn_rate_6h, Unit::BurnRate)}</td>
                        <td>{alert_label(row.alert)}</td>
                        <td><span class="sparkline" role="img" aria-label=label inner_html=spark></span></td>
                    </tr>
                }
            })
            .collect_view()
            .into_any()
    };
    let failures = context.model.join().map(|join| {
        let deployment_link = |id: &str| {
            let target = Route { detail: Some(Detail::Deployment(id.to_owned())), drill: None, ..delivery_base.clone() };
            route_link(target, id.to_owned(), None)
        };
        let rows: Vec<_> = join.change_failures.iter().filter(|failure| failure.service == service.id).collect();
        let body = if rows.is_empty() {
            view! { <tr><td colspan="7" class="none">"No change failures in the window."</td></tr> }.into_any()
        } else {
            rows.iter()
                .flat_map(|failure| {
                    let span = failure.slos.len().max(1).to_string();
                    let until = if failure.open { "still open".to_owned() } else { format_instant(failure.until.timestamp()) };
                    let head = (deployment_link(&failure.deployment), format_instant(failure.finished_at.timestamp()), until);
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
                                    burn.budget_share.map_or_else(|| "no budget".to_owned(), |s| Unit::Percent.format(s * 100.0)),
                                )
                            })
                            .collect()
                    };
                    let mut head = Some(head);
                    burns
                        .into_iter()
                        .map(|(slo, bad, allowed, share)| {
                            let lead = head.take().map(|(link, failed, until)| {
                                view! {
                                    <th scope="rowgroup" rowspan=span.clone()>{link}</th>
                                    <td rowspan=span.clone()>{failed}</td>
                                    <td rowspan=span.clone()>{until}</td>
                                }
                            });
                            view! {
                                <tr>{lead}<td class="wrap">{slo}</td><td class="number">{bad}</td><td class="number">{allowed}</td><td class="number" data-testid="budget-burned">{share}</td></tr>
                            }
                        })
                        .collect::<Vec<_>>()
                })
                .collect_view()
                .into_any()
        };
        let breached: Vec<_> = join.deployments_while_breached.get(&service.id).cloned().unwrap_or_default();
        let breached_body = if breached.is_empty() {
            view! { <tr><td colspan="3" class="none">"None: no deployment was made while an SLO was breached."</td></tr> }.into_any()
        } else {
            breached
                .iter()
                .map(|deployment| {
                    let slos = deployment
                        .breached_slos
                        .iter()
                        .map(|id| slo_names.get(id).cloned().unwrap_or_else(|| id.clone()))
                        .collect::<Vec<_>>()
                        .join(", ");
                    view! {
                        <tr>
                            <th scope="row">{deployment_link(&deployment.deployment)}</th>
                            <td>{format_instant(deployment.finished_at.timestamp())}</td>
                            <td>{slos}</td>
                        </tr>
                    }
                })
                .collect_view()
                .into_any()
        };
        view! {
            <section class="table-block" data-testid="failure-burn-table">
                <div class="table-head"><h3>{format!("Change failures of {name} and the error budget each burned")}</h3></div>
                <div class="scroll">
                    <table>
                        <thead><tr>
                            <th scope="col">"Deployment"</th><th scope="col">"Failed (UTC)"</th><th scope="col">"Recovered (UTC)"</th>
                            <th scope="col">"SLO"</th><th scope="col">"Bad"</th><th scope="col">"Allowed"</th><th scope="col">"Budget burned"</th>
                        </tr></thead>
                        <tbody>{body}</tbody>
                    </table>
                </div>
            </section>
            <section class="table-block" data-testid="breached-deployments-table">
                <div class="table-head"><h3>{format!("Deployments of {name} made while an SLO was breached")}</h3></div>
                <div class="scroll">
                    <table>
                        <thead><tr><th scope="col">"Deployment"</th><th scope="col">"Finished (UTC)"</th><th scope="col">"SLOs breached then"</th></tr></thead>
                        <tbody>{breached_body}</tbody>
                    </table>
                </div>
            </section>
        }
    });
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
            <section class="table-block" data-testid="service-slos">
                <div class="table-head"><h3>"SLOs"</h3></div>
                <div class="scroll">
                    <table data-testid="slo-table">
                        <thead><tr>
                            <th scope="col">"SLO"</th><th scope="col">"Status"</th><th scope="col">"Attainment of objective"</th>
                            <th scope="col">"Budget remaining"</th><th scope="col">"Burn 1h"</th><th scope="col">"Burn 6h"</th>
                            <th scope="col">"Alert"</th><th scope="col">"Attainment per day"</th>
                        </tr></thead>
                        <tbody>{slo_body}</tbody>
                    </table>
                </div>
            </section>
            <section class="dora-scorecard">
                <h3>"Delivery (DORA)"</h3>
                {scorecard}
                {context.model.pending_delivery().then(delivery_pending)}
            </section>
            {failures}
            <details class="records-of-range">
                <summary>{format!("Deployments of {name} in the range ({})", deployments.len())}</summary>
                <DataTable title=format!("Deployments of {name} in the range") header=DeploymentRow::HEADER.to_vec() rows=deployments.iter().map(DeploymentRow::cells).collect() test_id="deployments-table"/>
            </details>
            <details class="records-of-range">
                <summary>{format!("Incidents of {name} in the range ({})", incidents.len())}</summary>
                <DataTable title=format!("Incidents of {name} in the range") header=IncidentRow::HEADER.to_vec() rows=incidents.iter().map(IncidentRow::cells).collect() test_id="incidents-table"/>
            </details>
        </div>
    }
    .into_any()
}
