//! The five DORA metrics as the site shows them: display units, tiers with their report year, `n`,
//! deltas against the previous window, trend series and the lead-time distribution. The numbers
//! come from `uptrend_core::dora`; this module only picks and converts units.

use uptrend_core::dora::{
    tier_bands, Deltas, DoraMetrics, ScopeReport, Tier, TierLevel, TieredMetric, Tiers, TrendBucket, TIER_REPORT_YEAR,
};

use uptrend_core::display::duration_text;

use crate::cell::Cell;
use crate::charts::{Bar, Sample, Series, Unit, ValueBand, ValueBands};
use crate::route::Drill;

const HOUR_SECS: f64 = 3_600.0;

/// The five metrics of the 2024 DORA set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DoraMetric {
    DeploymentFrequency,
    LeadTime,
    ChangeFailRate,
    RecoveryTime,
    ReworkRate,
}

impl DoraMetric {
    pub const ALL: [DoraMetric; 5] = [
        DoraMetric::DeploymentFrequency,
        DoraMetric::LeadTime,
        DoraMetric::ChangeFailRate,
        DoraMetric::RecoveryTime,
        DoraMetric::ReworkRate,
    ];

    pub fn label(self) -> &'static str {
        match self {
            DoraMetric::DeploymentFrequency => "Deployment frequency",
            DoraMetric::LeadTime => "Change lead time (median)",
            DoraMetric::ChangeFailRate => "Change fail rate",
            DoraMetric::RecoveryTime => "Failed deployment recovery time (median)",
            DoraMetric::ReworkRate => "Deployment rework rate",
        }
    }

    /// What the value axis measures, short.
    pub fn axis_label(self) -> &'static str {
        match self {
            DoraMetric::DeploymentFrequency => "deployments",
            DoraMetric::LeadTime => "lead time",
            DoraMetric::ChangeFailRate => "fail rate",
            DoraMetric::RecoveryTime => "recovery time",
            DoraMetric::ReworkRate => "rework rate",
        }
    }

    pub fn unit(self) -> Unit {
        match self {
            DoraMetric::DeploymentFrequency => Unit::PerDay,
            DoraMetric::LeadTime | DoraMetric::RecoveryTime => Unit::Hours,
            DoraMetric::ChangeFailRate | DoraMetric::ReworkRate => Unit::Percent,
        }
    }

    /// Whether a smaller value is better (all but deployment frequency).
    pub fn lower_is_better(self) -> bool {
        self != DoraMetric::DeploymentFrequency
    }

    /// The metric in its display unit.
    pub fn value(self, metrics: &DoraMetrics) -> Option<f64> {
        let core_value = match self {
            DoraMetric::DeploymentFrequency => metrics.deployments_per_day,
            DoraMetric::LeadTime => metrics.lead_time_seconds.median,
            DoraMetric::ChangeFailRate => metrics.change_failure_rate,
            DoraMetric::RecoveryTime => metrics.recovery_time_seconds.median,
            DoraMetric::ReworkRate => metrics.rework_rate,
        };
        core_value.map(|value| self.to_display_unit(value))
    }

    /// A value in core's unit (per day, seconds, ratio) in the display unit (per day, hours, %).
    fn to_display_unit(self, core_value: f64) -> f64 {
        match self {
            DoraMetric::DeploymentFrequency => core_value,
            DoraMetric::LeadTime | DoraMetric::RecoveryTime => core_value / HOUR_SECS,
            DoraMetric::ChangeFailRate | DoraMetric::ReworkRate => core_value * 100.0,
        }
    }

    /// The metric as core's tiers know it; rework rate has no published clusters.
    pub fn tiered(self) -> Option<TieredMetric> {
        match self {
            DoraMetric::DeploymentFrequency => Some(TieredMetric::DeploymentFrequency),
            DoraMetric::LeadTime => Some(TieredMetric::LeadTime),
            DoraMetric::ChangeFailRate => Some(TieredMetric::ChangeFailureRate),
            DoraMetric::RecoveryTime => Some(TieredMetric::RecoveryTime),
            DoraMetric::ReworkRate => None,
        }
    }

    /// The number of samples behind the value: deployments, changes, or recovered failures.
    pub fn n(self, metrics: &DoraMetrics) -> u64 {
        match self {
            DoraMetric::DeploymentFrequency | DoraMetric::ChangeFailRate | DoraMetric::ReworkRate => {
                metrics.deployments
            }
            DoraMetric::LeadTime => metrics.lead_time_seconds.n,
            DoraMetric::RecoveryTime => metrics.recovery_time_seconds.n,
        }
    }

    /// The change against the previous window, in the display unit.
    pub fn delta(self, deltas: &Deltas) -> Option<f64> {
        match self {
            DoraMetric::DeploymentFrequency => deltas.deployments_per_day,
            DoraMetric::LeadTime => deltas.lead_time_median_seconds.map(|secs| secs / HOUR_SECS),
            DoraMetric::ChangeFailRate => deltas.change_failure_rate.map(|ratio| ratio * 100.0),
            DoraMetric::RecoveryTime => deltas.recovery_time_median_seconds.map(|secs| secs / HOUR_SECS),
            DoraMetric::ReworkRate => deltas.rework_rate.map(|ratio| ratio * 100.0),
        }
    }

    /// The 2024 clusters cover four metrics; rework rate has no tier.
    pub fn tier(self, tiers: &Tiers) -> Option<Tier> {
        match self {
            DoraMetric::DeploymentFrequency => Some(tiers.deployment_frequency),
            DoraMetric::LeadTime => Some(tiers.lead_time),
            DoraMetric::ChangeFailRate => Some(tiers.change_failure_rate),
            DoraMetric::RecoveryTime => Some(tiers.recovery_time),
            DoraMetric::ReworkRate => None,
        }
    }
}

/// The metric's tier ranges in its display unit, best first, for its trend chart; none for rework rate.
pub fn tier_value_bands(metric: DoraMetric) -> ValueBands {
    let Some(tiered) = metric.tiered() else { return ValueBands::default() };
    let bands = tier_bands(tiered)
        .into_iter()
        .map(|band| ValueBand {
            label: level_word(band.level).to_owned(),
            low: metric.to_display_unit(band.from),
            high: metric.to_display_unit(band.to),
        })
        .collect();
    ValueBands { legend: format!("DORA tiers ({TIER_REPORT_YEAR} report)"), bands }
}

fn level_word(level: TierLevel) -> &'static str {
    match level {
        TierLevel::Elite => "elite",
        TierLevel::High => "high",
        TierLevel::Medium => "medium",
        TierLevel::Low => "low",
        TierLevel::TooFewData => "too few data",
    }
}

/// A duration in whole seconds as the DORA views show durations: in hours.
pub fn hours_label(secs: i64) -> String {
    Unit::Hours.format(secs as f64 / HOUR_SECS)
}

/// [`hours_label`] as a table cell: a number for the CSV even when negative.
pub fn hours_cell(secs: i64) -> Cell {
    Cell::quantity(Unit::Hours, secs as f64 / HOUR_SECS)
}

/// `elite (2024 report)`, `too few data`, or `no tier` for a metric without published clusters.
pub fn tier_label(tier: Option<Tier>) -> String {
    let Some(tier) = tier else { return "no tier".to_owned() };
    match tier.level {
        TierLevel::TooFewData => level_word(tier.level).to_owned(),
        level => format!("{} ({} report)", level_word(level), tier.report_year),
    }
}

/// The delta column when the data holds nothing of the scope before the previous window ended.
pub const NO_EARLIER_DATA: &str = "no earlier data";

/// `+0.25/day, better`: the delta with its sign, unit (percentage points for rates), and whether it
/// is an improvement.
pub fn delta_label(metric: DoraMetric, delta: Option<f64>) -> String {
    let Some(delta) = delta else { return "no previous value".to_owned() };
    let sign = if delta > 0.0 { "+" } else { "" };
    let unit = match metric.unit() {
        Unit::Percent => Unit::PercentagePoints,
        unit => unit,
    };
    let amount = unit.format(delta);
    let verdict = if delta == 0.0 {
        "unchanged"
    } else if (delta < 0.0) == metric.lower_is_better() {
        "better"
    } else {
        "worse"
    };
    format!("{sign}{amount}, {verdict}")
}

/// One scorecard line.
#[derive(Debug, Clone, PartialEq)]
pub struct ScorecardRow {
    pub label: &'static str,
    /// The five DORA metrics; lead-time p90 and incident restore are extra lines.
    pub metric: Option<DoraMetric>,
    /// `dora-value` for the five metrics, `dora-value-p90`, `dora-value-restore` for the others.
    pub test_id: &'static str,
    pub value: String,
    pub tier: String,
    /// The samples behind the value, in words: `511 deployments`, `35 of 511 deployments`.
    pub n: String,
    pub delta: String,
    /// The weekly trend, for a sparkline.
    pub trend: Series,
    /// The records list behind the value.
    pub drill: Drill,
}

fn format_or_no_data(unit: Unit, value: Option<f64>) -> String {
    value.map_or_else(|| "no data".to_owned(), |value| unit.format(value))
}

/// A duration in seconds, readable, or `no data`.
pub fn duration_or_no_data(secs: Option<f64>) -> String {
    secs.map_or_else(|| "no data".to_owned(), duration_text)
}

/// A metric's value as the scorecard and the breakdown tables write it: durations readable
/// (`3.2 h`, `4.5 d`), the others in their unit.
pub fn display_value(metric: DoraMetric, metrics: &DoraMetrics) -> String {
    match metric {
        DoraMetric::LeadTime => duration_or_no_data(metrics.lead_time_seconds.median),
        DoraMetric::RecoveryTime => duration_or_no_data(metrics.recovery_time_seconds.median),
        _ => format_or_no_data(metric.unit(), metric.value(metrics)),
    }
}

fn weekly(scope: &ScopeReport, label: &str, value: impl Fn(&DoraMetrics) -> (Option<f64>, u64)) -> Series {
    Series::new(
        label,
        scope.trends.weekly.iter().map(|bucket| {
            let (value, n) = value(&bucket.metrics);
            Sample::new(bucket.start.timestamp(), value, Some(n))
        }),
    )
}

pub fn scorecard(scope: &ScopeReport) -> Vec<ScorecardRow> {
    let metrics = &scope.metrics;
    let line = |metric: DoraMetric, drill: Drill, n: String| ScorecardRow {
        label: metric.label(),
        metric: Some(metric),
        test_id: "dora-value",
        value: display_value(metric, metrics),
        tier: tier_label(metric.tier(&scope.tiers)),
        n,
        delta: delta_label(metric, metric.delta(&scope.delta)),
        trend: trend_series(&scope.trends.weekly, metric),
        drill,
    };
    let open = |open: u64| if open > 0 { format!(", {open} open") } else { String::new() };
    let p90_hours = |m: &DoraMetrics| (m.lead_time_seconds.p90.map(|secs| secs / HOUR_SECS), m.lead_time_seconds.n);
    let restore_hours = |m: &DoraMetrics| {
        (m.incident_restore_seconds.median.map(|secs| secs / HOUR_SECS), m.incident_restore_seconds.n)
    };
    let p90_delta = scope.delta.lead_time_p90_seconds.map(|secs| secs / HOUR_SECS);
    let restore_delta = scope.delta.incident_restore_median_seconds.map(|secs| secs / HOUR_SECS);
    let mut rows = vec![
        line(DoraMetric::DeploymentFrequency, Drill::Deployments, format!("{} deployments", metrics.deployments)),
        line(DoraMetric::LeadTime, Drill::Changes, format!("{} changes", metrics.lead_time_seconds.n)),
        ScorecardRow {
            label: "Change lead time (p90)",
            metric: None,
            test_id: "dora-value-p90",
            value: duration_or_no_data(metrics.lead_time_seconds.p90),
            tier: "no tier".to_owned(),
            n: format!("{} changes", metrics.lead_time_seconds.n),
            delta: delta_label(DoraMetric::LeadTime, p90_delta),
            trend: weekly(scope, "Change lead time (p90)", p90_hours),
            drill: Drill::Changes,
        },
        line(
            DoraMetric::ChangeFailRate,
            Drill::ChangeFailures,
            format!("{} of {} deployments", metrics.change_failures, metrics.deployments),
        ),
        line(
            DoraMetric::RecoveryTime,
            Drill::Recoveries,
            format!("{} recovered{}", metrics.recovery_time_seconds.n, open(metrics.recovery_time_seconds.open)),
        ),
        line(
            DoraMetric::ReworkRate,
            Drill::Rework,
            format!("{} of {} deployments", metrics.rework_deployments, metrics.deployments),
        ),
        ScorecardRow {
            label: "Incident time to restore (median)",
            metric: None,
            test_id: "dora-value-restore",
            value: duration_or_no_data(metrics.incident_restore_seconds.median),
            tier: "no tier".to_owned(),
            n: format!(
                "{} restored{}",
                metrics.incident_restore_seconds.n,
                open(metrics.incident_restore_seconds.open)
            ),
            delta: delta_label(DoraMetric::RecoveryTime, restore_delta),
            trend: weekly(scope, "Incident time to restore (median)", restore_hours),
            drill: Drill::Incidents,
        },
    ];
    if !scope.previous_has_data {
        // The previous window lies before the data: a delta against it would compare with nothing.
        for row in &mut rows {
            row.delta = NO_EARLIER_DATA.to_owned();
        }
    }
    rows
}

/// A metric over trend buckets, each at its start, with its `n`.
pub fn trend_series(buckets: &[TrendBucket], metric: DoraMetric) -> Series {
    let samples = buckets.iter().map(|bucket| {
        Sample::new(bucket.start.timestamp(), metric.value(&bucket.metrics), Some(metric.n(&bucket.metrics)))
    });
    Series::new(metric.label(), samples)
}

/// Lead-time classes (upper bounds in seconds), at the 2024 tiers' boundaries of a day, a week, a month.
const LEAD_TIME_CLASSES: [(&str, i64); 5] = [
    ("< 1 hour", 3_600),
    ("1 hour - 1 day", 86_400),
    ("1 day - 1 week", 7 * 86_400),
    ("1 week - 1 month", 30 * 86_400),
    (">= 1 month", i64::MAX),
];

/// How many changes fall in each lead-time class, from their lead seconds; anomalies (negative: committed
/// after deployment) are left out.
pub fn lead_time_distribution(lead_secs: impl IntoIterator<Item = i64>) -> Vec<Bar> {
    let mut counts = [0_u64; LEAD_TIME_CLASSES.len()];
    for lead_secs in lead_secs.into_iter().filter(|secs| *secs >= 0) {
        let class = LEAD_TIME_CLASSES.iter().position(|(_, upper)| lead_secs < *upper);
        if let Some(count) = class.and_then(|class| counts.get_mut(class)) {
            *count += 1;
        }
    }
    LEAD_TIME_CLASSES
        .iter()
        .zip(counts)
        .map(|((label, _), count)| Bar { label: (*label).to_owned(), value: count as f64, n: count })
        .collect()
}

#[cfg(test)]
mod tests {
    use uptrend_core::dora::{TierLevel, TIER_REPORT_YEAR};

    use super::*;

    #[test]
    fn tiers_carry_their_report_year_and_rework_has_none() {
        let elite = Tier { level: TierLevel::Elite, report_year: TIER_REPORT_YEAR };
        assert_eq!(tier_label(Some(elite)), "elite (2024 report)");
        assert_eq!(tier_label(Some(Tier { level: TierLevel::TooFewData, report_year: 2024 })), "too few data");
        assert_eq!(tier_label(None), "no tier");
    }

    #[test]
    fn tier_bands_are_in_the_display_unit_and_rework_has_none() {
        let lead = tier_value_bands(DoraMetric::LeadTime);
        assert_eq!(lead.legend, "DORA tiers (2024 report)");
        // Core's 86 400 s and 604 800 s are 24 h and 168 h.
        let first: Vec<(&str, f64, f64)> =
            lead.bands.iter().take(2).map(|band| (band.label.as_str(), band.low, band.high)).collect();
        assert_eq!(first, [("elite", 0.0, 24.0), ("high", 24.0, 168.0)]);
        // Core's 0.075 ratio is 7.5 %.
        let fail = tier_value_bands(DoraMetric::ChangeFailRate);
        assert!((fail.bands[0].high - 7.5).abs() < 1e-9);
        assert!(tier_value_bands(DoraMetric::ReworkRate).bands.is_empty());
    }

    #[test]
    fn deltas_say_whether_they_are_better() {
        assert_eq!(delta_label(DoraMetric::DeploymentFrequency, Some(0.25)), "+0.25/day, better");
        assert_eq!(delta_label(DoraMetric::LeadTime, Some(0.5)), "+0.5 h, worse");
        assert_eq!(delta_label(DoraMetric::ChangeFailRate, Some(-0.724)), "-0.724 pp, better");
        assert_eq!(delta_label(DoraMetric::ReworkRate, Some(0.0)), "0 pp, unchanged");
        assert_eq!(delta_label(DoraMetric::RecoveryTime, None), "no previous value");
    }

    #[test]
    fn lead_times_fall_in_classes_at_the_tier_boundaries_and_anomalies_are_left_out() {
        // 59 min and 1 h 1 s fall on either side of the hour; exactly 1 day starts the third class.
        let changes = [3_540, 3_601, 86_400, 40 * 86_400, -60];
        let counts: Vec<u64> = lead_time_distribution(changes).iter().map(|bar| bar.n).collect();
        assert_eq!(counts, [1, 1, 1, 0, 1]);
    }
}
