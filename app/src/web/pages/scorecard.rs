//! The DORA scorecard of one scope (all, a service or a team): each metric's value, tier with its
//! report year, n, a sparkline of its weekly trend and the change against the previous window.
//! Every value and n links to the records behind it on the Delivery page.

use leptos::prelude::*;
use uptrend_core::dora::ScopeReport;

use super::records::drill_route;
use super::route_link::route_link_to;
use crate::charts::sparkline;
use crate::route::{Page, Route};
use crate::view_model::dora_view::scorecard;
use crate::web::url_state::use_url_state;

/// The sparkline shows the last this many weeks.
const SPARKLINE_WEEKS: usize = 13;
const SPARKLINE_SIZE_PX: (u32, u32) = (120, 28);

/// The overall scorecard, linking to the Delivery page's lists for all services.
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

pub fn scorecard_view(scope: &ScopeReport, test_id: &'static str) -> impl IntoView {
    let route = use_url_state().route().get_untracked();
    let base = Route { page: Page::Delivery, service: None, team: None, ..route };
    scorecard_linked(scope, test_id, base)
}

/// The scorecard, each number linking to its records list on `base` (a Delivery page route with
/// the scope's service or team).
pub fn scorecard_linked(scope: &ScopeReport, test_id: &'static str, base: Route) -> impl IntoView {
    let weeks = &scope.trends.weekly;
    let shown = &weeks[weeks.len().saturating_sub(SPARKLINE_WEEKS)..];
    let span_secs = match (shown.first(), shown.last()) {
        (Some(first), Some(last)) => Some((first.start.timestamp(), last.start.timestamp())),
        _ => None,
    };
    let rows = scorecard(scope)
        .into_iter()
        .map(|row| {
            let spark = span_secs
                .and_then(|(start, end)| {
                    let (width, height) = SPARKLINE_SIZE_PX;
                    sparkline(&row.trend, start, end, width, height).ok()
                })
                .unwrap_or_default();
            let label = format!("{}: weekly trend over the last {SPARKLINE_WEEKS} weeks", row.label);
            let target = drill_route(&base, row.drill);
            let value_test_id = row.test_id;
            let verdict = verdict_class(&row.delta);
            view! {
                <tr data-drill=row.drill.key()>
                    <th scope="row">{row.label}</th>
                    <td class="number" data-testid=value_test_id>{route_link_to(target.clone(), row.value, "records")}</td>
                    <td>{row.tier}</td>
                    <td class="number">{route_link_to(target, row.n, "records")}</td>
                    <td><span class="sparkline" role="img" aria-label=label inner_html=spark></span></td>
                    <td class=verdict>{row.delta}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="scroll">
            <table data-testid=test_id class="scorecard">
                <caption class="visually-hidden">"DORA metrics: value, tier, n, weekly trend and change against the previous window"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Metric"</th>
                        <th scope="col">"Value"</th>
                        <th scope="col">"Tier"</th>
                        <th scope="col">"n"</th>
                        <th scope="col">"Weekly trend"</th>
                        <th scope="col">"Change vs previous window"</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}
