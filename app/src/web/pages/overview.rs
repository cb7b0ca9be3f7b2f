//! Overview: title, as_of, data coverage, the SLO table (filter by team and service, sortable)
//! and the DORA scorecard.

use leptos::prelude::*;
use uptrend_core::load::FileStatus;

use super::filters::team_and_service_filters;
use super::PageContext;
use crate::charts::time_ticks::format_instant;
use crate::charts::Unit;
use crate::csv::to_csv;
use crate::route::{Page, Route, Sort};
use crate::view_model::coverage::coverage;
use crate::view_model::slo_table::{slo_rows, Filter, SloRow};
use crate::web::download::download_text;
use crate::web::url_state::use_url_state;

const COLUMNS: [(&str, &str); 4] =
    [("service", "Service"), ("slo", "SLO"), ("team", "Team"), ("objective", "Objective")];

pub fn overview(context: &PageContext) -> impl IntoView {
    let dataset = &context.loaded.dataset;
    let route = &context.route;
    let used = context.loaded.files.iter().filter(|file| file.status == FileStatus::Used).count();
    let covered = coverage(dataset);
    let span = covered.sli_span_secs.map_or_else(
        || "no SLI data".to_owned(),
        |(start, end)| format!("SLI data from {} to {}", format_instant(start), format_instant(end)),
    );
    let filter = Filter { team: route.team.clone(), service: route.service.clone() };
    let rows = slo_rows(dataset, &filter, route.sort.as_ref());
    view! {
        <section class="coverage" data-testid="coverage">
            <h2>"Data coverage"</h2>
            <p>
                {format!(
                    "{used} of {} snapshot files used · {} services · {} SLOs · {} deployments · {} incidents · {span}",
                    context.loaded.files.len(), covered.services, covered.slos, covered.deployments, covered.incidents
                )}
            </p>
        </section>
        <section class="slo-table">
            <h2>"Service level objectives"</h2>
            {team_and_service_filters(dataset, route.team.clone(), route.service.clone())}
            {slo_table(route, rows)}
        </section>
        <section class="dora-scorecard" data-testid="dora-scorecard">
            <h2>"Delivery scorecard (DORA)"</h2>
            <p class="pending">"The five delivery metrics appear here once the DORA engine is part of this build."</p>
        </section>
    }
}

fn slo_table(route: &Route, rows: Vec<SloRow>) -> impl IntoView {
    let url = use_url_state();
    let csv = to_csv(
        &["service", "slo", "team", "objective (%)", "window", "budgeting"],
        rows.iter().map(|row| {
            vec![
                row.service_name.clone(),
                row.slo_name.clone(),
                row.team.clone().unwrap_or_default(),
                Unit::Percent.format(row.objective_percent),
                row.window.clone(),
                row.budgeting.to_owned(),
            ]
        }),
    );
    let headers = COLUMNS
        .into_iter()
        .map(|(key, label)| {
            let current = route.sort.as_ref().filter(|sort| sort.column == key);
            let descending = current.is_some_and(|sort| !sort.descending);
            let aria_sort = match current {
                Some(sort) if sort.descending => "descending",
                Some(_) => "ascending",
                None => "none",
            };
            let marker = match aria_sort {
                "descending" => " ▼",
                "ascending" => " ▲",
                _ => "",
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
            let service_route = Route { page: Page::Service, service: Some(row.service_id.clone()), sort: None, ..route.clone() };
            let (slo_href, service_href) = (slo_route.to_query(), service_route.to_query());
            view! {
                <tr>
                    <td><a href=service_href on:click=move |event| url.follow(&event, service_route.clone())>{row.service_name}</a></td>
                    <td><a href=slo_href on:click=move |event| url.follow(&event, slo_route.clone())>{row.slo_name}</a></td>
                    <td>{row.team.unwrap_or_default()}</td>
                    <td class="number">{Unit::Percent.format(row.objective_percent)}</td>
                    <td>{row.window}</td>
                    <td>{row.budgeting}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="scroll">
            <table data-testid="slo-table">
                <thead><tr>{headers}<th scope="col">"Window"</th><th scope="col">"Budgeting"</th></tr></thead>
                <tbody>{body}</tbody>
            </table>
        </div>
        <button type="button" class="download" on:click=move |_| download_text("slos.csv", "text/csv", &csv)>"Download CSV"</button>
    }
}
