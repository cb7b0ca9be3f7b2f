//! The DORA scorecard of one scope (all, a service or a team): each metric's value, tier with its
//! report year, n, a sparkline of its weekly trend and the change against the previous window.

use leptos::prelude::*;
use uptrend_core::dora::ScopeReport;

use crate::charts::sparkline;
use crate::view_model::dora_view::scorecard;

/// The sparkline shows the last this many weeks.
const SPARKLINE_WEEKS: usize = 13;
const SPARKLINE_SIZE_PX: (u32, u32) = (120, 28);

pub fn scorecard_view(scope: &ScopeReport, test_id: &'static str) -> impl IntoView {
    let weeks = &scope.trends.weekly;
    let shown = &weeks[weeks.len().saturating_sub(SPARKLINE_WEEKS)..];
    let span_secs = match (shown.first(), shown.last()) {
        (Some(first), Some(last)) => Some((first.start.timestamp(), last.start.timestamp())),
        _ => None,
    };
    let rows = scorecard(scope)
        .into_iter()
        .map(|row| {
            let unit = row.metric.unit();
            let value = row.value.map_or_else(|| "no data".to_owned(), |value| unit.format(value));
            let spark = span_secs
                .and_then(|(start, end)| {
                    let (width, height) = SPARKLINE_SIZE_PX;
                    sparkline(&row.trend, start, end, width, height).ok()
                })
                .unwrap_or_default();
            let label = format!("{}: weekly trend over the last {SPARKLINE_WEEKS} weeks", row.metric.label());
            view! {
                <tr>
                    <th scope="row">{row.metric.label()}</th>
                    <td class="number" data-testid="dora-value">{value}</td>
                    <td>{row.tier}</td>
                    <td class="number">{row.n}</td>
                    <td><span class="sparkline" role="img" aria-label=label inner_html=spark></span></td>
                    <td>{row.delta}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="scroll">
            <table data-testid=test_id>
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
