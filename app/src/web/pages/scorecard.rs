//! The DORA scorecard of one scope (all, a service or a team): each metric's value, tier with its
//! report year, n, a sparkline of its weekly trend and the change against the previous window.
//! Every value and n links to the records behind it on the Delivery page.

use leptos::prelude::*;
use uptrend_core::dora::ScopeReport;

use super::records::drill_route;
use crate::charts::sparkline;
use crate::html::Html;
use crate::route::Route;
use crate::view_model::dora_view::scorecard;
use crate::web::html_view::{link_html, markup_div};

/// The sparkline shows the last this many weeks.
const SPARKLINE_WEEKS: usize = 13;
const SPARKLINE_SIZE_PX: (u32, u32) = (120, 28);

/// `better` in green, `worse` in red: the words carry the meaning, the colour the glance.
fn verdict_class(delta: &str) -> &'static str {
    if delta.ends_with("better") {
        "verdict-better"
    } else if delta.ends_with("worse") {
        "verdict-worse"
    } else {
        ""
    }
}

/// The scorecard, each number linking to its records list on `base` (a Delivery page route with
/// the scope's service or team).
pub fn scorecard_linked(scope: &ScopeReport, test_id: &'static str, base: Route) -> impl IntoView {
    let mut html = Html::new();
    scorecard_html(&mut html, scope, test_id, &base);
    markup_div("scroll", None, html, Vec::new())
}

/// The scorecard's table (inside its `div.scroll`).
pub(super) fn scorecard_html(html: &mut Html, scope: &ScopeReport, test_id: &str, base: &Route) {
    let weeks = &scope.trends.weekly;
    let shown = &weeks[weeks.len().saturating_sub(SPARKLINE_WEEKS)..];
    let span_secs = match (shown.first(), shown.last()) {
        (Some(first), Some(last)) => Some((first.start.timestamp(), last.start.timestamp())),
        _ => None,
    };
    html.open("table", &[("data-testid", Some(test_id)), ("class", Some("scorecard"))])
        .element(
            "caption",
            &[("class", Some("visually-hidden"))],
            "DORA metrics: value, tier, n, weekly trend and change against the previous window",
        )
        .open("thead", &[])
        .open("tr", &[]);
    for name in ["Metric", "Value", "Tier", "n", "Weekly trend", "Change vs previous window"] {
        html.element("th", &[("scope", Some("col"))], name);
    }
    html.close("tr").close("thead").open("tbody", &[]);
    for row in scorecard(scope) {
        let spark = span_secs
            .and_then(|(start, end)| {
                let (width, height) = SPARKLINE_SIZE_PX;
                sparkline(&row.trend, start, end, width, height).ok()
            })
            .unwrap_or_default();
        let label = format!("{}: weekly trend over the last {SPARKLINE_WEEKS} weeks", row.label);
        let target = drill_route(base, row.drill);
        html.open("tr", &[("data-drill", Some(row.drill.key()))])
            .element("th", &[("scope", Some("row"))], row.label)
            .open("td", &[("class", Some("number")), ("data-testid", Some(row.test_id))]);
        link_html(html, &target, Some("records"), &row.value, None);
        html.close("td").element("td", &[], &row.tier).open("td", &[("class", Some("number"))]);
        link_html(html, &target, Some("records"), &row.n, None);
        html.close("td")
            .open("td", &[])
            .open("span", &[("class", Some("sparkline")), ("role", Some("img")), ("aria-label", Some(&label))])
            .generated_markup(&spark)
            .close("span")
            .close("td")
            .element("td", &[("class", Some(verdict_class(&row.delta)))], &row.delta)
            .close("tr");
    }
    html.close("tbody").close("table");
}
