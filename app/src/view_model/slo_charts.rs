//! The SLO detail page's charts, from the SLO engine's series: attainment per day against the
//! objective, the error-budget burn-down with its exhaustion forecast, and the 1 h and 6 h burn rates
//! against the page and ticket thresholds, over the range and over the last 24 hours.

use chrono::{DateTime, Utc};
use uptrend_core::model::SloData;
use uptrend_core::slo::series::{attainment_per_day, burn_down, burn_rate_series, exhaustion_forecast, Forecast};
use uptrend_core::slo::{Alert, Lookback, SloEvaluation, TimeRange, ALERT_RULES};

use crate::charts::time_ticks::format_instant;
use crate::charts::unit::Unit;
use crate::charts::{Overlays, Sample, Series, Style, Threshold, TimeChart};

/// What every chart of one SLO shares.
#[derive(Debug, Clone)]
pub struct SloChartInput<'a> {
    pub slo: &'a SloData,
    pub as_of: DateTime<Utc>,
    pub start_secs: i64,
    pub end_secs: i64,
    pub width_px: u32,
    /// Deployments and incidents of the SLO's service in the range.
    pub overlays: Overlays,
}

const HEIGHT_PX: u32 = 280;

impl SloChartInput<'_> {
    fn range(&self) -> Result<TimeRange, String> {
        let instant = |secs| DateTime::from_timestamp(secs, 0).ok_or_else(|| format!("{secs} is not a date"));
        Ok(TimeRange { start: instant(self.start_secs)?, end: instant(self.end_secs)? })
    }

    fn chart(&self, title: &str, value_label: &str, unit: Unit, series: Vec<Series>) -> TimeChart {
        TimeChart {
            title: title.to_owned(),
            width_px: self.width_px,
            height_px: HEIGHT_PX,
            start_secs: self.start_secs,
            end_secs: self.end_secs,
            value_label: value_label.to_owned(),
            unit,
            value_range: None,
            style: Style::Lines,
            series,
            forecast: None,
            overlays: self.overlays.clone(),
        }
    }
}

/// Attainment of each UTC day (at the day's start) with the objective line; `n` is the day's events
/// (or slices).
pub fn attainment_chart(input: &SloChartInput<'_>) -> Result<TimeChart, String> {
    let days = attainment_per_day(input.slo, input.as_of, input.range()?).map_err(|error| error.to_string())?;
    let samples = days.iter().filter_map(|day| {
        let at_secs = day.day.and_hms_opt(0, 0, 0)?.and_utc().timestamp();
        Some(Sample::new(at_secs, day.attainment.map(|a| a * 100.0), Some(day.tally.total)))
    });
    let objective_percent = input.slo.definition.objective * 100.0;
    let mut chart = input.chart(
        "Attainment per day",
        "attainment",
        Unit::Percent,
        vec![Series::new("attainment per day", samples)],
    );
    chart.overlays.thresholds.push(Threshold {
        label: format!("objective {}", Unit::Percent.format(objective_percent)),
        value: objective_percent,
    });
    Ok(chart)
}

/// The burn-down chart and a sentence on the forecast.
#[derive(Debug, Clone)]
pub struct BurnDown {
    pub chart: TimeChart,
    pub forecast_note: String,
}

/// Budget remaining after each bucket of the window, the line to zero at the forecast instant, and
/// the zero line. The chart extends past the range to show a forecast instant after it.
pub fn burn_down_chart(input: &SloChartInput<'_>) -> Result<BurnDown, String> {
    let points = burn_down(input.slo, input.as_of, input.range()?).map_err(|error| error.to_string())?;
    let forecast = exhaustion_forecast(input.slo, input.as_of).map_err(|error| error.to_string())?;
    let remaining = Series::new(
        "budget remaining",
        points.iter().map(|p| Sample::new(p.at.timestamp(), Some(p.remaining_ratio * 100.0), None)),
    );
    let mut chart = input.chart("Error budget remaining", "budget remaining", Unit::Percent, vec![remaining]);
    chart.style = Style::FilledFirst;
    chart.overlays.thresholds.push(Threshold { label: "budget spent".to_owned(), value: 0.0 });
    let forecast_note = match forecast {
        Forecast::NoBudget => "No traffic in the window, so there is no budget to spend.".to_owned(),
        Forecast::Spent { since } => format!("The budget is spent since {}.", format_instant(since.timestamp())),
        Forecast::NotWithinWindow => "At the last day's burn rate the budget lasts past the window.".to_owned(),
        Forecast::ExhaustsAt { at } => {
            if let Some(last) = points.last() {
                let line = [
                    Sample::new(last.at.timestamp(), Some(last.remaining_ratio * 100.0), None),
                    Sample::new(at.timestamp(), Some(0.0), None),
                ];
                chart.forecast = Some(Series::new("forecast", line));
                chart.end_secs = chart.end_secs.max(at.timestamp());
            }
            format!("At the last day's burn rate the budget runs out at {}.", format_instant(at.timestamp()))
        }
    };
    Ok(BurnDown { chart, forecast_note })
}

/// The 1 h and 6 h burn rates at each bucket end, with the page and ticket thresholds of the rules.
pub fn burn_rate_chart(input: &SloChartInput<'_>, evaluation: &SloEvaluation) -> Result<TimeChart, String> {
    burn_rate_chart_titled(input, evaluation, "Burn rate")
}

/// How far back the close-up of the burn rate looks.
pub const RECENT_HOURS: i64 = 24;

/// The burn rate over the last [`RECENT_HOURS`] before as_of, so the last hours (a live incident's
/// spike) are readable rather than the last pixel of a long range.
pub fn recent_burn_rate_chart(input: &SloChartInput<'_>, evaluation: &SloEvaluation) -> Result<TimeChart, String> {
    let end_secs = input.as_of.timestamp();
    let recent = SloChartInput { start_secs: end_secs - RECENT_HOURS * 3_600, end_secs, ..input.clone() };
    burn_rate_chart_titled(&recent, evaluation, &format!("Burn rate, last {RECENT_HOURS} hours"))
}

fn burn_rate_chart_titled(
    input: &SloChartInput<'_>,
    evaluation: &SloEvaluation,
    title: &str,
) -> Result<TimeChart, String> {
    let lookbacks = [(Lookback::Hour1, "1h burn rate"), (Lookback::Hours6, "6h burn rate")];
    let mut series = Vec::with_capacity(lookbacks.len());
    for (lookback, label) in lookbacks {
        let points =
            burn_rate_series(input.slo, input.as_of, input.range()?, lookback).map_err(|error| error.to_string())?;
        series.push(Series::new(label, points.iter().map(|p| Sample::new(p.at.timestamp(), p.burn_rate, None))));
    }
    let mut chart = input.chart(title, "burn rate", Unit::BurnRate, series);
    let window_secs = evaluation.window.length_secs;
    for rule in &ALERT_RULES {
        let threshold = rule.threshold(window_secs);
        let kind = if rule.alert == Alert::Page { "page" } else { "ticket" };
        chart
            .overlays
            .thresholds
            .push(Threshold { label: format!("{kind} > {}", Unit::BurnRate.format(threshold)), value: threshold });
    }
    Ok(chart)
}

/// `5m`, `1h`, `3d`: a lookback as the JSON report and docs/metrics.md write it.
pub fn lookback_label(lookback: Lookback) -> &'static str {
    match lookback {
        Lookback::Minutes5 => "5m",
        Lookback::Minutes30 => "30m",
        Lookback::Hour1 => "1h",
        Lookback::Hours2 => "2h",
        Lookback::Hours6 => "6h",
        Lookback::Day1 => "1d",
        Lookback::Days3 => "3d",
    }
}
