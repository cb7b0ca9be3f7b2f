//! Delivery (DORA): the scorecard of the selected scope (all, a team or a service), weekly or
//! monthly trends of the five metrics, the lead-time distribution, per-service and per-team
//! breakdowns, and the deployments, changes and incidents behind the numbers.

use std::collections::BTreeMap;

use leptos::prelude::*;
use uptrend_core::dora::{DeliveryFacts, Scope, ScopeReport};

use super::filters::team_and_service_filters;
use super::scorecard::scorecard_view;
use super::PageContext;
use crate::cell::Cell;
use crate::charts::time_ticks::format_instant;
use crate::charts::{BarChart, Overlays, Style, TimeChart, Unit};
use crate::route::TrendGranularity;
use crate::view_model::dora_view::{
    hours_cell, hours_label, lead_time_distribution, tier_label, tier_value_bands, trend_series, DoraMetric,
};
use crate::view_model::events::deploy_status_label;
use crate::web::chart_view::{ChartView, Drawn};
use crate::web::table::DataTable;
use crate::web::url_state::use_url_state;

pub fn delivery(context: &PageContext) -> impl IntoView {
    let dataset = &context.loaded.dataset;
    let route = &context.route;
    let (Some(dora), Some(as_of)) = (context.model.dora.as_ref(), context.as_of) else {
        return view! { <p>"No report instant: the data has no snapshot date."</p> }.into_any();
    };
    let (scope, scope_name) = match (&route.service, &route.team) {
        (Some(service), _) => (Scope::Service(service.clone()), format!("service {service}")),
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
    let facts = DeliveryFacts::new(dataset, as_of);
    let window = &dora.window;
    let deployments = facts.deployments_in(&scope, window);
    let changes = facts.changes_in(&scope, window);
    let incidents = facts.incidents_in(&scope, window);
    let window_text =
        format!("{} to {}", format_instant(window.start.timestamp()), format_instant(window.end.timestamp()));
    let distribution = BarChart {
        title: "Lead time for changes".to_owned(),
        width_px: context.chart_width_px,
        height_px: 280,
        category_label: "lead time (commit to production)".to_owned(),
        value_label: "changes".to_owned(),
        unit: Unit::Count,
        series_label: "changes first deployed in the window".to_owned(),
        bars: lead_time_distribution(&changes),
    };
    let deployment_rows: Vec<Vec<String>> = deployments
        .iter()
        .map(|d| {
            vec![
                d.id.to_owned(),
                d.service.to_owned(),
                format_instant(d.finished_at.timestamp()),
                deploy_status_label(d.status).to_owned(),
                if d.change_failure { "✖ yes".to_owned() } else { "no".to_owned() },
                d.caused_incidents.join(" "),
                d.recovery_seconds.map_or_else(String::new, hours_label),
                d.fixes_incident.unwrap_or_default().to_owned(),
                d.first_delivered_changes.to_string(),
            ]
        })
        .collect();
    // The lead time is negative for a change committed after its deployment: a number, not a formula.
    let change_rows: Vec<Vec<Cell>> = changes
        .iter()
        .map(|c| {
            vec![
                c.id.into(),
                c.deployment.into(),
                c.service.into(),
                format_instant(c.committed_at.timestamp()).into(),
                format_instant(c.deployed_at.timestamp()).into(),
                hours_cell(c.lead_seconds),
                if c.anomaly { "committed after deployment: left out".into() } else { Cell::text("") },
            ]
        })
        .collect();
    let incident_rows: Vec<Vec<String>> = incidents
        .iter()
        .map(|i| {
            vec![
                i.id.to_owned(),
                i.service.to_owned(),
                i.severity.unwrap_or_default().to_owned(),
                format_instant(i.started_at.timestamp()),
                i.resolved_at.map_or_else(|| "unresolved".to_owned(), |at| format_instant(at.timestamp())),
                i.restore_seconds.map_or_else(String::new, hours_label),
                i.caused_by.join(" "),
            ]
        })
        .collect();
    view! {
        <h2 data-testid="delivery-scope">{format!("Delivery: {scope_name}")}</h2>
        {team_and_service_filters(dataset, route.team.clone(), route.service.clone())}
        <p class="as-of">{format!("DORA window {window_text}, against the window of the same length before it.")}</p>
        {scorecard_view(report, "delivery-scorecard")}
        {trend_charts(context, report)}
        <ChartView title="Lead time for changes".to_owned() drawn=distribution.render().map(Drawn::Bars) test_id="lead-time-chart"/>
        {breakdown("Per service", "breakdown-services", &dora.services)}
        {breakdown("Per team", "breakdown-teams", &dora.teams)}
        <DataTable title="Production deployments in the window".to_owned() header=vec!["deployment", "service", "finished (UTC)", "status", "change failure", "caused incidents", "recovery (h)", "fixes incident", "changes first delivered"] rows=deployment_rows test_id="deployments-table"/>
        <DataTable title="Changes first deployed in the window".to_owned() header=vec!["change", "deployment", "service", "committed (UTC)", "deployed (UTC)", "lead time", "note"] rows=change_rows test_id="changes-table"/>
        <DataTable title="Incidents started in the window".to_owned() header=vec!["incident", "service", "severity", "started (UTC)", "resolved (UTC)", "time to restore", "caused by"] rows=incident_rows test_id="incidents-table"/>
    }
    .into_any()
}

/// One chart per metric over the trend buckets in the range, with a weekly / monthly switch.
fn trend_charts(context: &PageContext, report: &ScopeReport) -> impl IntoView {
    let url = use_url_state();
    let granularity = context.route.trend;
    let buckets = match granularity {
        TrendGranularity::Weekly => &report.trends.weekly,
        TrendGranularity::Monthly => &report.trends.monthly,
    };
    let (start_secs, end_secs) = context.range_secs();
    let switch = [(TrendGranularity::Weekly, "weekly"), (TrendGranularity::Monthly, "monthly")]
        .into_iter()
        .map(|(choice, label)| {
            view! {
                <button
                    type="button"
                    aria-pressed=(granularity == choice).to_string()
                    on:click=move |_| url.update(|route| route.trend = choice)
                >
                    {label}
                </button>
            }
        })
        .collect_view();
    let charts = DoraMetric::ALL
        .into_iter()
        .map(|metric| {
            let title = format!(
                "{} ({})",
                metric.label(),
                if granularity == TrendGranularity::Weekly { "weekly" } else { "monthly" }
            );
            let chart = TimeChart {
                title: title.clone(),
                width_px: context.chart_width_px,
                height_px: 220,
                start_secs,
                end_secs,
                value_label: metric.axis_label().to_owned(),
                unit: metric.unit(),
                value_range: None,
                style: Style::Lines,
                series: vec![trend_series(buckets, metric)],
                forecast: None,
                overlays: Overlays { value_bands: tier_value_bands(metric), ..Overlays::default() },
            };
            view! { <ChartView title drawn=chart.render().map(Drawn::Time) test_id="trend-chart"/> }
        })
        .collect_view();
    view! {
        <section class="trends">
            <h3>"Trends"</h3>
            <span class="range" role="group" aria-label="Trend buckets">{switch}</span>
            {charts}
        </section>
    }
}

/// Each scope's five values with their tiers.
fn breakdown(title: &str, test_id: &'static str, scopes: &BTreeMap<String, ScopeReport>) -> impl IntoView {
    let rows = scopes
        .iter()
        .map(|(name, scope)| {
            let mut cells = vec![name.clone()];
            cells.extend(DoraMetric::ALL.into_iter().map(|metric| {
                let value =
                    metric.value(&scope.metrics).map_or_else(|| "no data".to_owned(), |v| metric.unit().format(v));
                match metric.tier(&scope.tiers) {
                    Some(tier) => format!("{value} · {}", tier_label(Some(tier))),
                    None => value,
                }
            }));
            cells
        })
        .collect();
    view! {
        <DataTable
            title=title.to_owned()
            header=vec!["scope", "deployment frequency", "lead time (median)", "change fail rate", "recovery time (median)", "rework rate"]
            rows
            test_id
        />
    }
}
