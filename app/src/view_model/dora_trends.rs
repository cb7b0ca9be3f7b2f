//! The DORA trend charts' data: which buckets (weeks or months) a window shows, the bars of each
//! metric (value, p90 for lead time, n, the partial bucket) and the chart, for the Delivery page and
//! the browser tests alike.

use chrono::{DateTime, Months, TimeDelta, Utc};
use uptrend_core::dora::{Period, ScopeReport, TrendBucket};

use super::dora_view::{tier_value_bands, DoraMetric};
use super::dora_window::{granularity, shown_buckets};
use crate::charts::dora_trend::{DoraTrendChart, TrendBar};
use crate::instant_text;
use crate::route::TrendGranularity;

/// The granularity used for `window` and the buckets shown.
pub fn shown_trend<'a>(
    report: &'a ScopeReport,
    choice: TrendGranularity,
    window: &Period,
) -> (TrendGranularity, &'a [TrendBucket]) {
    let used = granularity(choice, window);
    let all = match used {
        TrendGranularity::Monthly => &report.trends.monthly,
        _ => &report.trends.weekly,
    };
    let periods: Vec<Period> = all.iter().map(|bucket| Period { start: bucket.start, end: bucket.end }).collect();
    (used, &all[shown_buckets(&periods, window)])
}

/// `weekly` or `monthly`.
pub fn granularity_word(granularity: TrendGranularity) -> &'static str {
    if granularity == TrendGranularity::Monthly {
        "monthly"
    } else {
        "weekly"
    }
}

/// Whether a bucket is cut short by as_of.
pub fn is_partial(granularity: TrendGranularity, bucket: &TrendBucket) -> bool {
    natural_end(granularity, bucket.start).is_some_and(|end| bucket.end < end)
}

/// The chart of one metric over the shown buckets, `width_px` wide.
pub fn trend_chart(metric: DoraMetric, shown: &[TrendBucket], used: TrendGranularity, width_px: u32) -> DoraTrendChart {
    let per = if used == TrendGranularity::Monthly { "month" } else { "week" };
    let series_label = match metric {
        DoraMetric::DeploymentFrequency => "deployments per day".to_owned(),
        DoraMetric::LeadTime => format!("median per {per}"),
        DoraMetric::RecoveryTime => format!("median per {per}"),
        DoraMetric::ChangeFailRate => "change fail rate".to_owned(),
        DoraMetric::ReworkRate => "rework rate".to_owned(),
    };
    DoraTrendChart {
        title: format!("{} ({})", chart_name(metric), granularity_word(used)),
        width_px,
        height_px: 240,
        value_label: metric.axis_label().to_owned(),
        unit: metric.unit(),
        log_scale: matches!(metric, DoraMetric::LeadTime | DoraMetric::RecoveryTime),
        bars: trend_bars(shown, used, metric),
        bands: tier_value_bands(metric),
        series_label,
    }
}

/// The metric's name in a chart title.
pub fn chart_name(metric: DoraMetric) -> &'static str {
    match metric {
        DoraMetric::DeploymentFrequency => "Deployment frequency",
        DoraMetric::LeadTime => "Change lead time",
        DoraMetric::ChangeFailRate => "Change fail rate",
        DoraMetric::RecoveryTime => "Failed deployment recovery time",
        DoraMetric::ReworkRate => "Deployment rework rate",
    }
}

pub fn natural_end(granularity: TrendGranularity, start: DateTime<Utc>) -> Option<DateTime<Utc>> {
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
                    (instant_text::month_abbreviation_year(bucket.start), instant_text::month_name_year(bucket.start))
                }
                _ => (
                    instant_text::day_month_abbreviation(bucket.start),
                    format!("week of {} ({})", instant_text::date(bucket.start), bucket.label),
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
