//! Overview: title, as_of, data coverage, the SLO table (filter by team and service, sortable)
//! and the DORA scorecard.

use leptos::prelude::*;
use uptrend_core::load::FileStatus;

use super::filters::team_and_service_filters;
use super::scorecard::scorecard_view;
use super::slo_table_view::slo_table;
use super::PageContext;
use crate::charts::time_ticks::format_instant;
use crate::view_model::coverage::coverage;
use crate::view_model::slo_table::{slo_rows, Filter};

pub fn overview(context: &PageContext) -> impl IntoView {
    let dataset = &context.loaded.dataset;
    let route = &context.route;
    let used = context.loaded.files.iter().filter(|file| file.status == FileStatus::Used).count();
    let covered = coverage(dataset);
    let span = covered.sli_span_secs.map_or_else(
        || "no SLI data".to_owned(),
        |(start, end)| format!("SLI data from {} to {}", format_instant(start), format_instant(end)),
    );
    let dora_window = context.model.dora.as_ref().map(|dora| {
        let (start, end) = (dora.window.start.timestamp(), dora.window.end.timestamp());
        format!(
            "Over {} to {}, against the window of the same length before it.",
            format_instant(start),
            format_instant(end)
        )
    });
    let filter = Filter { team: route.team.clone(), service: route.service.clone() };
    let rows = slo_rows(dataset, &context.model.evaluations, &filter, route.sort.as_ref());
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
            <p class="as-of">{dora_window}</p>
            {context.model.dora.as_ref().map(|dora| scorecard_view(&dora.overall, "dora-scorecard-table"))}
        </section>
        {super::platform::overview_link(context)}
    }
}
