//! The overview's first lines: how many SLOs are in each triage class (each count filters the table),
//! the SLO to look at first, and the delivery headline (the five DORA metrics with their change).
//! The counts come from core's triage (`uptrend_core::slo::TriageCounts`), as in `uptrend report`.

use leptos::prelude::*;
use uptrend_core::dora::ScopeReport;
use uptrend_core::slo::{Triage, TriageCounts};

use super::slo_table_view::{alert_label, missing_word, triage_class, triage_icon};
use crate::charts::Unit;
use crate::route::{Page, Route};
use crate::view_model::dora_view::scorecard;
use crate::view_model::slo_table::SloRow;
use crate::web::url_state::use_url_state;

/// `rows` are every SLO of the report, most severe first (unfiltered, so the counts are the report's).
pub fn summary_strip(route: &Route, rows: &[SloRow], delivery: Option<&ScopeReport>) -> impl IntoView {
    let url = use_url_state();
    let counts = TriageCounts::of(rows.iter().filter_map(|row| row.triage));
    let links = Triage::ALL
        .into_iter()
        .map(|triage| {
            let count = counts.get(triage);
            let active = route.status == Some(triage);
            let target = Route {
                page: Page::Overview,
                status: if active { None } else { Some(triage) },
                sort: None,
                ..route.clone()
            };
            let href = target.to_query();
            let class = format!("count {}{}", triage_class(triage), if count == 0 { " zero" } else { "" });
            let title = if active { "Show every SLO again" } else { "Show only these SLOs in the table" };
            view! {
                <li>
                    <a class=class href=href title=title aria-current=active.then_some("true") data-testid=format!("count-{}", triage.key())
                        on:click=move |event| url.follow(&event, target.clone())>
                        <span class="value">{count}</span>
                        <span class="label">{triage_icon(triage)}" "{triage.label()}</span>
                    </a>
                </li>
            }
        })
        .collect_view();
    let worst = rows.first().map(|row| worst_line(route, row));
    let delivery = delivery.map(|scope| delivery_headline(route, scope));
    view! {
        <section class="summary-strip" aria-labelledby="summary-heading" data-testid="summary-strip">
            <h2 id="summary-heading">{format!("{} SLOs at a glance", counts.total())}</h2>
            <ul class="counts">{links}</ul>
            {worst}
            {delivery}
        </section>
    }
}

/// `Look first: Catalog reads succeed (catalog): ✖ breached, budget -315 %, alert ⚑ page.`
fn worst_line(route: &Route, row: &SloRow) -> impl IntoView {
    let url = use_url_state();
    let target = Route { page: Page::Slo, slo: Some(row.slo_id.clone()), sort: None, status: None, ..route.clone() };
    let href = target.to_query();
    let triage = row.triage.map_or("not evaluated", Triage::label);
    let budget = row.budget_remaining_percent.map_or_else(
        || missing_word(row.status).to_owned(),
        |budget| format!("budget {}", Unit::Percent.format(budget)),
    );
    let alert = match alert_label(row.alert) {
        "" | "none" => String::new(),
        alert => format!(", alert {alert}"),
    };
    let class = format!("worst {}", row.triage.map_or("no-data", triage_class));
    view! {
        <p class=class data-testid="worst-slo">
            "Look first: "
            <a href=href on:click=move |event| url.follow(&event, target.clone())>{row.slo_name.clone()}</a>
            {format!(" ({}): {triage}, {budget}{alert}.", row.service_name)}
        </p>
    }
}

/// The five DORA metrics of the whole scope with their change against the previous window.
fn delivery_headline(route: &Route, scope: &ScopeReport) -> impl IntoView {
    let url = use_url_state();
    let target = Route { page: Page::Delivery, sort: None, status: None, ..route.clone() };
    let href = target.to_query();
    let items = scorecard(scope)
        .into_iter()
        .filter(|row| row.metric.is_some())
        .map(|row| {
            let verdict = if row.delta.ends_with("better") {
                "better"
            } else if row.delta.ends_with("worse") {
                "worse"
            } else {
                "same"
            };
            view! {
                <li class=format!("metric {verdict}") data-testid="delivery-metric">
                    <span class="label">{row.label}</span>
                    <span class="value">{row.value}</span>
                    <span class="delta">{row.delta}</span>
                </li>
            }
        })
        .collect_view();
    view! {
        <div class="delivery-headline" data-testid="delivery-headline">
            <h3>
                "Delivery, all services "
                <a class="more" href=href on:click=move |event| url.follow(&event, target.clone())>"(details)"</a>
            </h3>
            <ul>{items}</ul>
        </div>
    }
}
