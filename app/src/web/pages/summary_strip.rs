//! The overview's first lines: how many SLOs are in each triage class (each count filters the table),
//! the SLO to look at first, and the delivery headline (the five DORA metrics with their change).
//! The counts come from core's triage (`uptrend_core::slo::TriageCounts`), as in `uptrend report`.

use leptos::prelude::*;
use uptrend_core::dora::ScopeReport;
use uptrend_core::slo::{Triage, TriageCounts};

use super::slo_table_view::{alert_label, missing_word, triage_class, triage_icon};
use crate::charts::Unit;
use crate::html::Html;
use crate::route::{Page, Route};
use crate::view_model::dora_view::scorecard;
use crate::view_model::slo_table::SloRow;
use crate::web::html_view::{link_html, on_markup_click};
use crate::web::url_state::use_url_state;

/// `rows` are every SLO of the report, most severe first (unfiltered, so the counts are the report's).
pub fn summary_strip(route: &Route, rows: &[SloRow], delivery: Option<&ScopeReport>) -> impl IntoView {
    let url = use_url_state();
    let counts = TriageCounts::of(rows.iter().filter_map(|row| row.triage));
    let mut html = Html::new();
    html.element("h2", &[("id", Some("summary-heading"))], &format!("{} SLOs at a glance", counts.total()))
        .open("ul", &[("class", Some("counts"))]);
    for triage in Triage::ALL {
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
        let test_id = format!("count-{}", triage.key());
        html.open("li", &[])
            .open(
                "a",
                &[
                    ("class", Some(&class)),
                    ("href", Some(&href)),
                    ("title", Some(title)),
                    ("aria-current", active.then_some("true")),
                    ("data-testid", Some(&test_id)),
                ],
            )
            .element("span", &[("class", Some("value"))], &count.to_string())
            .element("span", &[("class", Some("label"))], &format!("{} {}", triage_icon(triage), triage.label()))
            .close("a")
            .close("li");
    }
    html.close("ul");
    if let Some(row) = rows.first() {
        worst_line(&mut html, route, row);
    }
    if let Some(scope) = delivery {
        delivery_headline(&mut html, route, scope);
    }
    view! {
        <section
            class="summary-strip"
            aria-labelledby="summary-heading"
            data-testid="summary-strip"
            inner_html=html.into_string()
            on:click=move |event| on_markup_click(&event, url, &[])
        ></section>
    }
}

/// `Look first: Catalog reads succeed (catalog): ✖ breached, budget -315 %, alert ⚑ page.`
fn worst_line(html: &mut Html, route: &Route, row: &SloRow) {
    let target = Route { page: Page::Slo, slo: Some(row.slo_id.clone()), sort: None, status: None, ..route.clone() };
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
    html.open("p", &[("class", Some(&class)), ("data-testid", Some("worst-slo"))]).text("Look first: ");
    link_html(html, &target, None, &row.slo_name, None);
    html.text(&format!(" ({}): {triage}, {budget}{alert}.", row.service_name)).close("p");
}

/// The five DORA metrics of the whole scope with their change against the previous window.
fn delivery_headline(html: &mut Html, route: &Route, scope: &ScopeReport) {
    let target = Route { page: Page::Delivery, sort: None, status: None, ..route.clone() };
    let href = target.to_query();
    html.open("div", &[("class", Some("delivery-headline")), ("data-testid", Some("delivery-headline"))])
        .open("h3", &[])
        .text("Delivery, all services ")
        .element("a", &[("class", Some("more")), ("href", Some(&href))], "(details)")
        .close("h3")
        .open("ul", &[]);
    for row in scorecard(scope).into_iter().filter(|row| row.metric.is_some()) {
        let verdict = if row.delta.ends_with("better") {
            "better"
        } else if row.delta.ends_with("worse") {
            "worse"
        } else {
            "same"
        };
        let class = format!("metric {verdict}");
        html.open("li", &[("class", Some(&class)), ("data-testid", Some("delivery-metric"))])
            .element("span", &[("class", Some("label"))], row.label)
            .element("span", &[("class", Some("value"))], &row.value)
            .element("span", &[("class", Some("delta"))], &row.delta)
            .close("li");
    }
    html.close("ul").close("div");
}
