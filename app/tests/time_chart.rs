#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Time charts drawn natively: structure, escaping, hover alignment and a snapshot of the SVG.

use uptrend_app::charts::{
    DataGap, DeploymentMarker, GapKind, IncidentBand, Overlays, Sample, Series, Style, Threshold, TimeChart, Unit,
    ValueBand, ValueBands,
};

const DAY: i64 = 86_400;
/// 2026-11-01T00:00:00Z.
const NOV_1: i64 = 1_793_491_200;

/// 28 daily attainment values: 99.95 % except day 10 (99.2 %) and day 11 (no data).
fn attainment_chart(label: &str) -> TimeChart {
    let samples = (0..28).map(|day| {
        let value = match day {
            10 => Some(99.2),
            11 => None,
            _ => Some(99.95),
        };
        Sample::new(NOV_1 + day * DAY, value, Some(1_440))
    });
    TimeChart {
        title: "Attainment per day".to_owned(),
        width_px: 720,
        height_px: 320,
        start_secs: NOV_1,
        end_secs: NOV_1 + 28 * DAY,
        value_label: "attainment".to_owned(),
        unit: Unit::Percent,
        value_range: None,
        style: Style::Lines,
        series: vec![Series::new(label, samples)],
        forecast: None,
        overlays: Overlays {
            thresholds: vec![Threshold { label: "objective 99.9 %".to_owned(), value: 99.9 }],
            deployments: vec![
                DeploymentMarker { at_secs: NOV_1 + 3 * DAY, id: "d-1".to_owned(), failed: false },
                DeploymentMarker { at_secs: NOV_1 + 10 * DAY, id: "d-2".to_owned(), failed: true },
            ],
            incidents: vec![IncidentBand {
                start_secs: NOV_1 + 10 * DAY,
                end_secs: Some(NOV_1 + 11 * DAY),
                id: "INC-7".to_owned(),
            }],
            value_bands: ValueBands::default(),
            gaps: vec![DataGap { start_secs: NOV_1 + 20 * DAY, end_secs: NOV_1 + 22 * DAY, kind: GapKind::NoData }],
        },
    }
}

#[test]
fn the_nov_1_constant_is_right() {
    assert_eq!(chrono::DateTime::from_timestamp(NOV_1, 0).unwrap().to_rfc3339(), "2026-11-01T00:00:00+00:00");
}

#[test]
fn a_line_chart_has_title_axes_legend_threshold_and_overlays() {
    let svg = attainment_chart("availability").render().unwrap().svg;
    for text in ["Attainment per day", "time (UTC)", "attainment (%)", "availability", "objective 99.9 %"] {
        assert!(svg.contains(&format!("{text}\n</text>")), "missing text {text:?}");
    }
    for legend in ["threshold", "deployment", "failed deployment", "incident"] {
        assert!(svg.contains(&format!(">\n{legend}\n</text>")), "missing legend {legend:?}");
    }
    assert!(svg.contains("✕"), "a failed deployment is marked by a symbol, not only colour");
    assert!(!svg.contains("#010203"), "the text colour follows the page");
    assert!(svg.contains("currentColor"));
    // The gap on day 11 splits the line in two polylines (days 0-10 and 12-27), plus the legend's sample.
    assert_eq!(svg.matches(r##"<polyline fill="none" opacity="1" stroke="#0072B2" stroke-width="2""##).count(), 3);
}

#[test]
fn a_markup_label_is_escaped() {
    let svg = attainment_chart("<img src=x onerror=alert(1)>").render().unwrap().svg;
    assert!(!svg.contains("<img"), "raw markup leaked into the SVG");
    assert!(svg.contains("&lt;img src=x onerror=alert(1)&gt;"));
}

#[test]
fn hover_lands_on_the_drawn_points() {
    let chart = attainment_chart("availability").render().unwrap();
    let hit = chart.hover.hit_at_index(10).unwrap();
    assert_eq!(hit.sample.value, Some(99.2));
    assert_eq!(hit.describe(Unit::Percent), "availability: 99.2 % at 2026-11-11 00:00 UTC (n = 1440)");
    // The drawn polyline passes through the hovered point (plotters snaps to whole pixels and maps the
    // range onto one pixel less than its width, so up to 1.5 px apart).
    let (x, y) = (hit.x_px, hit.y_px.unwrap());
    let drawn = polyline_points(&chart.svg);
    assert!(
        drawn.iter().any(|(px, py)| (px - x).abs() <= 1.5 && (py - y).abs() <= 1.5),
        "({x}, {y}) not among {drawn:?}"
    );
    // Hovering half a day after day 10 still finds day 10 (ties go to the earlier sample).
    let scale = chart.hover.time_scale;
    let hits = chart.hover.hits_at(scale.x_px(NOV_1 + 10 * DAY + DAY / 2));
    assert_eq!(hits[0].sample_index, 10);
}

#[test]
fn drawing_is_deterministic() {
    let first = attainment_chart("availability").render().unwrap().svg;
    let second = attainment_chart("availability").render().unwrap().svg;
    assert_eq!(first, second);
}

#[test]
fn attainment_chart_snapshot() {
    insta::assert_snapshot!(attainment_chart("availability").render().unwrap().svg);
}

#[test]
fn burn_down_with_forecast_snapshot() {
    // Budget remaining falls 4 points a day from 100 % over 10 days; the forecast continues the line
    // to 0 % on day 25 (100 / 4).
    let remaining = (0..=10).map(|day| Sample::new(NOV_1 + day * DAY, Some(100.0 - 4.0 * day as f64), None));
    let forecast = [Sample::new(NOV_1 + 10 * DAY, Some(60.0), None), Sample::new(NOV_1 + 25 * DAY, Some(0.0), None)];
    let chart = TimeChart {
        title: "Error budget remaining".to_owned(),
        width_px: 640,
        height_px: 280,
        start_secs: NOV_1,
        end_secs: NOV_1 + 28 * DAY,
        value_label: "budget remaining".to_owned(),
        unit: Unit::Percent,
        value_range: Some((0.0, 100.0)),
        style: Style::FilledFirst,
        series: vec![Series::new("budget remaining", remaining)],
        forecast: Some(Series::new("forecast", forecast)),
        overlays: Overlays::default(),
    };
    let rendered = chart.render().unwrap();
    assert!(rendered.svg.contains("<polygon"), "the area is filled");
    assert_eq!(rendered.hover.series().len(), 2, "the forecast is hoverable too");
    insta::assert_snapshot!(rendered.svg);
}

fn polyline_points(svg: &str) -> Vec<(f64, f64)> {
    svg.split("<polyline")
        .skip(1)
        .filter_map(|rest| rest.split("points=\"").nth(1)?.split('"').next())
        .flat_map(|points| points.split(' '))
        .filter_map(|pair| {
            let (x, y) = pair.split_once(',')?;
            Some((x.parse().ok()?, y.parse().ok()?))
        })
        .collect()
}

/// Lead time per week over 28 days on a fixed 0-200 h axis, with the four tier bands.
fn lead_time_with_tier_bands() -> TimeChart {
    let samples = (0..4).map(|week| Sample::new(NOV_1 + week * 7 * DAY, Some(20.0 + 30.0 * week as f64), Some(9)));
    let band = |label: &str, low: f64, high: f64| ValueBand { label: label.to_owned(), low, high };
    TimeChart {
        title: "Change lead time (weekly)".to_owned(),
        width_px: 720,
        height_px: 220,
        start_secs: NOV_1,
        end_secs: NOV_1 + 28 * DAY,
        value_label: "lead time".to_owned(),
        unit: Unit::Hours,
        value_range: Some((0.0, 200.0)),
        style: Style::Lines,
        series: vec![Series::new("lead time", samples)],
        forecast: None,
        overlays: Overlays {
            value_bands: ValueBands {
                legend: "DORA tiers (2024 report)".to_owned(),
                bands: vec![
                    band("elite", 0.0, 24.0),
                    band("high", 24.0, 168.0),
                    band("medium", 168.0, 720.0),
                    band("low", 720.0, f64::INFINITY),
                ],
            },
            ..Overlays::default()
        },
    }
}

#[test]
fn tier_bands_are_shaded_labelled_and_clipped_to_the_axis() {
    let svg = lead_time_with_tier_bands().render().unwrap().svg;
    for label in ["elite", "high", "medium"] {
        assert!(svg.contains(&format!(">\n{label}\n</text>")), "missing band label {label:?}");
    }
    // The low band (720 h and up) lies above the 200 h axis: neither shaded nor labelled.
    assert!(!svg.contains(">\nlow\n</text>"));
    assert!(svg.contains(">\nDORA tiers (2024 report)\n</text>"), "the legend names the tiers' report year");
    // Three visible bands, shaded at 14 % opacity in the elite, high and medium shades.
    for shade in ["#2E8B3E", "#3A7BD5", "#B07D00"] {
        assert!(svg.contains(&format!(r#"opacity="0.14" fill="{shade}""#)), "missing band shaded {shade}");
    }
    assert!(!svg.contains(r##"opacity="0.14" fill="#C03030""##));
}

#[test]
fn tier_bands_do_not_move_the_hover_points() {
    let plain = {
        let mut chart = lead_time_with_tier_bands();
        chart.overlays = Overlays::default();
        chart.render().unwrap()
    };
    let banded = lead_time_with_tier_bands().render().unwrap();
    assert_eq!(plain.hover.hit_at_index(2), banded.hover.hit_at_index(2));
    assert_ne!(plain.svg, banded.svg);
}
