//! Delivery (DORA): the window in words, the scorecard of the selected scope (all, a team or a
//! service), trends of the five metrics, where lead time goes, per-service and per-team tables and
//! the records behind every number. The window follows the range control.

use leptos::prelude::*;
use uptrend_core::dora::Scope;

use super::breakdown::{breakdown_table, service_rows, team_rows, ScopeKind};
use super::dora_trends::trend_charts;
use super::filters::team_and_service_filters;
use super::lead_stages::lead_stages;
use super::records::records_section;
use super::scorecard::scorecard_html;
use super::PageContext;
use crate::charts::{BarChart, Unit};
use crate::html::Html;
use crate::route::{Page, Route};
use crate::view_model::dora_view::lead_time_distribution;
use crate::view_model::dora_window::window_words;
use crate::view_model::drill_rows::service_names;
use crate::web::chart_view::{ChartView, Drawn};
use crate::web::html_view::markup_section;
use crate::web::status_views::delivery_pending;

pub fn delivery(context: &PageContext) -> impl IntoView {
    let dataset = &context.loaded.dataset;
    let route = &context.route;
    if context.model.pending_delivery() {
        return view! { <h2>"Delivery (DORA)"</h2>{delivery_pending()} }.into_any();
    }
    let (Some(dora), Some(facts)) = (context.model.dora(), context.model.facts()) else {
        return view! { <p>"No report instant: the data has no snapshot date."</p> }.into_any();
    };
    let names = service_names(dataset);
    let (scope, scope_name) = match (&route.service, &route.team) {
        (Some(service), _) => {
            (Scope::Service(service.clone()), format!("service {}", names.get(service).unwrap_or(service)))
        }
        (None, Some(team)) => (Scope::Team(team.clone()), format!("team {team}")),
        (None, None) => (Scope::Overall, "all services".to_owned()),
    };
    let report = match &scope {
        Scope::Overall => Some(&dora.overall),
        Scope::Service(id) => dora.services.get(id),
        Scope::Team(name) => dora.teams.get(name),
    };
    let Some(report) = report else {
        return view! { <p>{format!("No delivery data for {scope_name}.")}</p> }.into_any();
    };
    let window = &dora.window;
    let distribution = BarChart {
        title: "Lead time for changes".to_owned(),
        width_px: context.chart_width_px,
        height_px: 260,
        category_label: "lead time (commit to production)".to_owned(),
        value_label: "changes".to_owned(),
        unit: Unit::Count,
        series_label: "changes first deployed in the window".to_owned(),
        bars: lead_time_distribution(facts.lead_secs_in(&scope, window)),
    };
    let words = window_words(route.range, window, &dora.previous_window);
    let base = Route { page: Page::Delivery, ..route.clone() };
    view! {
        <h2 data-testid="delivery-scope">{format!("Delivery: {scope_name}")}</h2>
        {team_and_service_filters(dataset, route.team.clone(), route.service.clone())}
        <p class="dora-window" data-testid="dora-window">
            "DORA window: "<strong>{words}</strong>". Every number on this page is for this window; change the range above to change it."
        </p>
        {scorecard_section(report, base)}
        {trend_charts(context, report, window)}
        <section class="lead-time">
            <h3>"Where lead time goes"</h3>
            {lead_stages(&report.lead_time_stages)}
            <ChartView title="Lead time for changes".to_owned() drawn=distribution.render().map(Drawn::Bars) test_id="lead-time-chart"/>
        </section>
        {breakdown_table("Per service", "breakdown-services", ScopeKind::Service, service_rows(&dora.services, dataset), route)}
        {breakdown_table("Per team", "breakdown-teams", ScopeKind::Team, team_rows(&dora.teams), route)}
        {records_section(context, facts, &scope, window, &report.metrics, &names)}
    }
    .into_any()
}

/// The scope's scorecard with where its tiers come from.
fn scorecard_section(report: &uptrend_core::dora::ScopeReport, base: Route) -> impl IntoView {
    let mut html = Html::new();
    html.element("h3", &[], "Scorecard").open("div", &[("class", Some("scroll"))]);
    scorecard_html(&mut html, report, "delivery-scorecard", &base);
    html.close("div").element(
        "p",
        &[("class", Some("note")), ("data-testid", Some("tier-source"))],
        "Tiers: the DORA 2024 report's performance clusters (elite, high, medium, low), labelled with their year; \
         \"too few data\" below 5 samples. The 2025 DORA report dropped the clusters; its distributions for the \
         five metrics could not be found in a published form we could verify, so no 2025 comparison is shown \
         (see docs/metrics.md).",
    );
    markup_section("dora-scorecard", None, html, Vec::new())
}
