//! Overview, triage first: the summary strip (counts per triage class, the SLO to look at first, the
//! delivery headline), the SLO table (most severe first; filter by triage class, team and service;
//! sortable), the DORA scorecard and the data coverage.

use leptos::prelude::*;
use uptrend_core::load::FileStatus;

use super::filters::team_and_service_filters;
use super::scorecard::scorecard_view;
use super::slo_table_view::slo_table;
use super::summary_strip::summary_strip;
use super::PageContext;
use crate::charts::time_ticks::format_instant;
use crate::route::Route;
use crate::view_model::coverage::coverage;
use crate::view_model::slo_table::{slo_rows, Filter};
use crate::web::status_views::delivery_pending;
use crate::web::url_state::use_url_state;

pub fn overview(context: &PageContext) -> impl IntoView {
    let dataset = &context.loaded.dataset;
    let route = &context.route;
    let used = context.loaded.files.iter().filter(|file| file.status == FileStatus::Used).count();
    let covered = coverage(dataset);
    let span = covered.sli_span_secs.map_or_else(
        || "no SLI data".to_owned(),
        |(start, end)| format!("SLI data from {} to {}", format_instant(start), format_instant(end)),
    );
    let dora_window = context.model.dora().map(|dora| {
        let (start, end) = (dora.window.start.timestamp(), dora.window.end.timestamp());
        format!(
            "Over {} to {}, against the window of the same length before it.",
            format_instant(start),
            format_instant(end)
        )
    });
    let everything = slo_rows(dataset, &context.model.evaluations, &Filter::default(), None);
    let filter = Filter { team: route.team.clone(), service: route.service.clone() };
    let mut rows = slo_rows(dataset, &context.model.evaluations, &filter, route.sort.as_ref());
    rows.retain(|row| route.status.is_none_or(|status| row.triage == Some(status)));
    let status_filter = route.status.map(|status| {
        let url = use_url_state();
        let target = Route { status: None, ..route.clone() };
        let href = target.to_query();
        view! {
            <p class="status-filter" data-testid="status-filter">
                {format!("Showing only the SLOs that are {}. ", status.label())}
                <a href=href on:click=move |event| url.follow(&event, target.clone())>"Show all SLOs"</a>
            </p>
        }
    });
    view! {
        {summary_strip(route, &everything, context.model.dora().map(|dora| &dora.overall))}
        <section class="slo-table">
            <h2>"Service level objectives"</h2>
            {team_and_service_filters(dataset, route.team.clone(), route.service.clone())}
            {status_filter}
            {slo_table(route, rows)}
        </section>
        <section class="dora-scorecard" data-testid="dora-scorecard">
            <h2>"Delivery scorecard (DORA)"</h2>
            <p class="as-of">{dora_window}</p>
            {context.model.dora().map(|dora| scorecard_view(&dora.overall, "dora-scorecard-table"))}
            {context.model.pending_delivery().then(delivery_pending)}
        </section>
        {super::platform::overview_link(context)}
        <section class="coverage" data-testid="coverage">
            <h2>"Data coverage"</h2>
            <p>
                {format!(
                    "{used} of {} snapshot files used · {} services · {} SLOs · {} deployments · {} incidents · {span}",
                    context.loaded.files.len(), covered.services, covered.slos, covered.deployments, covered.incidents
                )}
            </p>
        </section>
    }
}
