//! Overview, triage first: the summary strip (counts per triage class, the SLO to look at first, the
//! delivery headline), the SLO table (most severe first; filter by triage class, team and service;
//! sortable), the DORA scorecard and the data coverage.

use leptos::prelude::*;
use uptrend_core::load::FileStatus;

use super::filters::team_and_service_filters;
use super::scorecard::scorecard_html;
use super::slo_table_view::slo_table;
use super::summary_strip::summary_strip;
use super::PageContext;
use crate::charts::time_ticks::format_instant;
use crate::html::Html;
use crate::route::{Page, Route};
use crate::view_model::coverage::coverage;
use crate::view_model::slo_table::{slo_rows, Filter};
use crate::web::html_view::markup_section;
use crate::web::status_views::delivery_pending_html;
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
    let mut scorecard = Html::new();
    scorecard.element("h2", &[], "Delivery scorecard (DORA)").element(
        "p",
        &[("class", Some("as-of"))],
        dora_window.as_deref().unwrap_or_default(),
    );
    if let Some(dora) = context.model.dora() {
        let base = Route { page: Page::Delivery, service: None, team: None, ..route.clone() };
        scorecard.open("div", &[("class", Some("scroll"))]);
        scorecard_html(&mut scorecard, &dora.overall, "dora-scorecard-table", &base);
        scorecard.close("div");
    }
    if context.model.pending_delivery() {
        delivery_pending_html(&mut scorecard);
    }
    let mut coverage_html = Html::new();
    let files = format!(
        "{used} of {} snapshot files used · {} services · {} SLOs · {} deployments · {} incidents · {span}",
        context.loaded.files.len(),
        covered.services,
        covered.slos,
        covered.deployments,
        covered.incidents
    );
    coverage_html.element("h2", &[], "Data coverage").element("p", &[], &files);
    view! {
        {summary_strip(route, &everything, context.model.dora().map(|dora| &dora.overall))}
        <section class="slo-table">
            <h2>"Service level objectives"</h2>
            {team_and_service_filters(dataset, route.team.clone(), route.service.clone())}
            {status_filter}
            {slo_table(route, rows)}
        </section>
        {markup_section("dora-scorecard", Some("dora-scorecard"), scorecard, Vec::new())}
        {super::platform::overview_link(context)}
        {markup_section("coverage", Some("coverage"), coverage_html, Vec::new())}
    }
}
