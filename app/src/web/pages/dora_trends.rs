//! The five DORA metrics' trends: one bar chart each over the weeks or months of the window (at
//! least four buckets, reaching back before a shorter window), durations on a log axis, tier bands
//! faint, the partial current bucket drawn hollow, with a weekly / monthly / automatic switch.

use leptos::prelude::*;
use uptrend_core::dora::{Period, ScopeReport};

use super::PageContext;
use crate::route::TrendGranularity;
use crate::view_model::dora_trends::{granularity_word, is_partial, shown_trend, trend_chart};
use crate::view_model::dora_view::DoraMetric;
use crate::web::chart_view::{ChartView, Drawn};
use crate::web::url_state::use_url_state;

pub fn trend_charts(context: &PageContext, report: &ScopeReport, window: &Period) -> impl IntoView {
    let url = use_url_state();
    let chosen = context.route.trend;
    let (used, shown) = shown_trend(report, chosen, window);
    let word = granularity_word(used);
    let switch = [
        (TrendGranularity::Auto, format!("automatic ({word})")),
        (TrendGranularity::Weekly, "weekly".to_owned()),
        (TrendGranularity::Monthly, "monthly".to_owned()),
    ]
    .into_iter()
    .map(|(choice, label)| {
        view! {
            <button
                type="button"
                aria-pressed=(chosen == choice).to_string()
                on:click=move |_| url.update(|route| route.trend = choice)
            >
                {label}
            </button>
        }
    })
    .collect_view();
    let partial_note = shown.last().filter(|bucket| is_partial(used, bucket)).map(|bucket| {
        format!(
            " The last {} is partial: it ends at as of, {}.",
            if used == TrendGranularity::Monthly { "month" } else { "week" },
            crate::instant_text::minute_utc(bucket.end)
        )
    });
    let note = format!(
        "{} buckets ({}, UTC), {} shown: the window's, and earlier ones when it has fewer than four. Hover or use the arrow keys for each bucket's value and n.{}",
        if used == TrendGranularity::Monthly { "Monthly" } else { "Weekly" },
        if used == TrendGranularity::Monthly { "calendar months" } else { "ISO weeks from Monday" },
        shown.len(),
        partial_note.unwrap_or_default(),
    );
    // Two charts a row on wide screens.
    let width_px =
        if context.chart_width_px >= 880 { (context.chart_width_px - 24) / 2 } else { context.chart_width_px };
    let charts = DoraMetric::ALL
        .into_iter()
        .map(|metric| {
            let chart = trend_chart(metric, shown, used, width_px);
            let title = chart.title.clone();
            view! { <ChartView title drawn=chart.render().map(Drawn::Bars) test_id="trend-chart"/> }
        })
        .collect_view();
    view! {
        <section class="trends" data-testid="trends" data-points=shown.len().to_string() data-granularity=word>
            <h3>"Trends"</h3>
            <span class="range" role="group" aria-label="Trend buckets">{switch}</span>
            <p class="note">{note}</p>
            <div class="trend-grid">{charts}</div>
        </section>
    }
}
