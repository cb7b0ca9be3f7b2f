//! The five DORA metrics' trends: one bar chart each over the weeks or months of the window (at
//! least four buckets, reaching back before a shorter window), durations on a log axis, tier bands
//! faint, the partial current bucket drawn hollow, with a weekly / monthly / automatic switch.

use chrono::{DateTime, Months, TimeDelta, Utc};
use leptos::prelude::*;
use uptrend_core::dora::{Period, ScopeReport, TrendBucket};

use super::PageContext;
use crate::charts::dora_trend::{DoraTrendChart, TrendBar};
use crate::route::TrendGranularity;
use crate::view_model::dora_view::{tier_value_bands, DoraMetric};
use crate::view_model::dora_window::{granularity, shown_buckets};
use crate::web::chart_view::{ChartView, Drawn};
use crate::web::url_state::use_url_state;

/// The metric's name in a chart title.
fn chart_name(metric: DoraMetric) -> &'static str {
    match metric {
        DoraMetric::DeploymentFrequency => "Deployment frequency",
        DoraMetric::LeadTime => "Change lead time",
        DoraMetric::ChangeFailRate => "Change fail rate",
        DoraMetric::RecoveryTime => "Failed deployment recovery time",
        DoraMetric::ReworkRate => "Deployment rework rate",
    }
}

fn natural_end(granularity: TrendGranularity, start: DateTime<Utc>) -> Option<DateTime<Utc>> {
    match granularity {
        TrendGranularity::Monthly => start.checked_add_months(Months::new(1)),
        _ => start.checked_add_signed(TimeDelta::weeks(1)),
    }
}

/// The bars of one metric over the shown buckets.
pub fn trend_bars(buckets: &[TrendBucket], granularity: TrendGranularity, metric: DoraMetric) -> Vec<TrendBar> {
    buckets
        .iter()
        .map(|bucket| {
            let (label, name) = match granularity {
                TrendGranularity::Monthly => {
                    (bucket.start.format("%b %Y").to_string(), format!("{}", bucket.start.format("%B %Y")))
                }
                _ => (
                    bucket.start.format("%-d %b").to_string(),
                    format!("week of {} ({})", bucket.start.format("%Y-%m-%d"), bucket.label),
                ),
            };
            let p90 = (metric == DoraMetric::LeadTime)
                .then(|| bucket.metrics.lead_time_seconds.p90.map(|secs| secs / 3_600.0))
                .flatten();
            TrendBar {
                label,
                name,
                value: metric.value(&bucket.metrics),
                p90,
                n: metric.n(&bucket.metrics),
                partial: natural_end(granularity, bucket.start).is_some_and(|end| bucket.end < end),
            }
        })
        .collect()
}

pub fn trend_charts(context: &PageContext, report: &ScopeReport, window: &Period) -> impl IntoView {
    let url = use_url_state();
    let chosen = context.route.trend;
    let used = granularity(chosen, window);
    let all = match used {
        TrendGranularity::Monthly => &report.trends.monthly,
        _ => &report.trends.weekly,
    };
    let periods: Vec<Period> = all.iter().map(|bucket| Period { start: bucket.start, end: bucket.end }).collect();
    let shown = &all[shown_buckets(&periods, window)];
    let word = if used == TrendGranularity::Monthly { "monthly" } else { "weekly" };
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
    let partial_note = shown
        .last()
        .filter(|bucket| natural_end(used, bucket.start).is_some_and(|end| bucket.end < end))
        .map(|bucket| {
            format!(
                " The last {} is partial: it ends at as of, {}.",
                if used == TrendGranularity::Monthly { "month" } else { "week" },
                bucket.end.format("%Y-%m-%d %H:%M UTC")
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
            let title = format!("{} ({word})", chart_name(metric));
            let duration = matches!(metric, DoraMetric::LeadTime | DoraMetric::RecoveryTime);
            let series_label = match metric {
                DoraMetric::DeploymentFrequency => "deployments per day".to_owned(),
                DoraMetric::LeadTime => {
                    format!("median per {}", if used == TrendGranularity::Monthly { "month" } else { "week" })
                }
                DoraMetric::RecoveryTime => "median".to_owned(),
                DoraMetric::ChangeFailRate => "change fail rate".to_owned(),
                DoraMetric::ReworkRate => "rework rate".to_owned(),
            };
            let chart = DoraTrendChart {
                title: title.clone(),
                width_px,
                height_px: 240,
                value_label: metric.axis_label().to_owned(),
                unit: metric.unit(),
                log_scale: duration,
                bars: trend_bars(shown, used, metric),
                bands: tier_value_bands(metric),
                series_label,
            };
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
