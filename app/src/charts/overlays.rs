//! What a time chart draws over its data: threshold lines (objective, alert thresholds), deployment
//! marks (in a lane above the plot, see `lane`), incident bands (shaded and edged time ranges,
//! labelled when wide enough), no-data and no-traffic stretches (shaded and labelled) and value bands
//! (shaded, labelled value ranges such as performance tiers).

use plotters::coord::CoordTranslate;
use plotters::element::DashedPathElement;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};
use uptrend_core::sort::sort_stable_by;

use super::frame::{label_style, ChartError};
use super::legend::{LegendEntry, LegendGlyph};
use super::palette::{band_shade, DEPLOYMENT, FAILED_DEPLOYMENT, GAP, INCIDENT, THRESHOLD};

/// A horizontal line at `value`, labelled on the chart itself (`objective 99.9 %`).
#[derive(Debug, Clone, PartialEq)]
pub struct Threshold {
    pub label: String,
    pub value: f64,
}

/// A deployment at `at_secs`.
#[derive(Debug, Clone, PartialEq)]
pub struct DeploymentMarker {
    pub at_secs: i64,
    pub id: String,
    /// Failed or rolled back: drawn with a ✕ as well as listed in the table.
    pub failed: bool,
}

/// An incident from `start_secs` to `end_secs` (the chart's end while unresolved).
#[derive(Debug, Clone, PartialEq)]
pub struct IncidentBand {
    pub start_secs: i64,
    pub end_secs: Option<i64>,
    pub id: String,
}

/// Why a stretch of a chart has no values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GapKind {
    /// The exporter sent nothing (or nulls), or the time is outside the data.
    NoData,
    /// Data arrived, but with zero events.
    NoTraffic,
}

impl GapKind {
    pub fn label(self) -> &'static str {
        match self {
            GapKind::NoData => "no data",
            GapKind::NoTraffic => "no traffic",
        }
    }
}

/// A stretch from `start_secs` to `end_secs` without data or without traffic.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DataGap {
    pub start_secs: i64,
    pub end_secs: i64,
    pub kind: GapKind,
}

/// A value range from `low` to `high` (either may be infinite), shaded across the whole time axis
/// and labelled with `label` inside it, so the shade never carries meaning alone.
#[derive(Debug, Clone, PartialEq)]
pub struct ValueBand {
    pub label: String,
    pub low: f64,
    pub high: f64,
}

/// Value bands, best first (they take the band shades in order), and their legend entry
/// (`DORA tiers (2024 report)`).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ValueBands {
    pub legend: String,
    pub bands: Vec<ValueBand>,
}

/// Everything drawn over a time chart's data.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Overlays {
    pub thresholds: Vec<Threshold>,
    pub deployments: Vec<DeploymentMarker>,
    pub incidents: Vec<IncidentBand>,
    pub value_bands: ValueBands,
    /// Stretches without data or without traffic, shaded and labelled under the data.
    pub gaps: Vec<DataGap>,
}

impl Overlays {
    /// Legend entries for the kinds of overlay present.
    pub fn legend(&self) -> Vec<LegendEntry> {
        let mut entries = Vec::new();
        if !self.thresholds.is_empty() {
            entries.push(LegendEntry {
                label: "threshold".to_owned(),
                glyph: LegendGlyph::Line { colour: THRESHOLD, dash: Some((6, 4)) },
            });
        }
        if self.deployments.iter().any(|marker| !marker.failed) {
            entries.push(LegendEntry {
                label: "deployment".to_owned(),
                glyph: LegendGlyph::Marker { colour: DEPLOYMENT, failed: false },
            });
        }
        if self.deployments.iter().any(|marker| marker.failed) {
            entries.push(LegendEntry {
                label: "failed deployment".to_owned(),
                glyph: LegendGlyph::Marker { colour: FAILED_DEPLOYMENT, failed: true },
            });
        }
        if !self.incidents.is_empty() {
            entries.push(LegendEntry { label: "incident".to_owned(), glyph: LegendGlyph::Band(INCIDENT) });
        }
        for kind in [GapKind::NoData, GapKind::NoTraffic] {
            if self.gaps.iter().any(|gap| gap.kind == kind) {
                entries.push(LegendEntry { label: kind.label().to_owned(), glyph: LegendGlyph::Band(gap_shade(kind)) });
            }
        }
        if !self.value_bands.bands.is_empty() {
            let glyph = LegendGlyph::Band(band_shade(0));
            entries.push(LegendEntry { label: self.value_bands.legend.clone(), glyph });
        }
        entries
    }

    /// The width of the longest threshold label, if there are thresholds.
    pub fn threshold_label_width_px(&self) -> Option<u32> {
        self.thresholds.iter().map(|threshold| label_width_px(&threshold.label).max(0) as u32).max()
    }

    /// The values thresholds need visible on the value axis.
    pub fn threshold_bounds(&self) -> Option<(f64, f64)> {
        self.thresholds.iter().map(|threshold| threshold.value).filter(|value| value.is_finite()).fold(
            None,
            |bounds, value| match bounds {
                None => Some((value, value)),
                Some((low, high)) => Some((low.min(value), high.max(value))),
            },
        )
    }
}

/// The visible part of the chart, in data coordinates.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bounds {
    pub start_secs: i64,
    pub end_secs: i64,
    pub low: f64,
    pub high: f64,
}

/// A value band's label needs this much height to be drawn inside it.
const BAND_LABEL_MIN_PX: i32 = 14;

/// Value bands and incident bands go under the data.
pub fn draw_bands<DB, CT>(area: &DrawingArea<DB, CT>, overlays: &Overlays, bounds: Bounds) -> Result<(), ChartError>
where
    DB: DrawingBackend,
    DB::ErrorType: 'static,
    CT: CoordTranslate<From = (i64, f64)>,
{
    for (index, band) in overlays.value_bands.bands.iter().enumerate() {
        let (low, high) = (band.low.max(bounds.low), band.high.min(bounds.high));
        if low.partial_cmp(&high) != Some(std::cmp::Ordering::Less) {
            continue;
        }
        let colour = band_shade(index);
        area.draw(&Rectangle::new([(bounds.start_secs, high), (bounds.end_secs, low)], colour.mix(0.14).filled()))?;
        let (left_px, top_px) = area.map_coordinate(&(bounds.start_secs, high));
        let (_, bottom_px) = area.map_coordinate(&(bounds.start_secs, low));
        if bottom_px - top_px >= BAND_LABEL_MIN_PX {
            let label = Text::new(band.label.clone(), (left_px + 4, top_px + 2), label_style(HPos::Left, VPos::Top));
            area.use_screen_coord().draw(&label)?;
        }
    }
    for gap in &overlays.gaps {
        let (start, end) = (gap.start_secs.max(bounds.start_secs), gap.end_secs.min(bounds.end_secs));
        if start >= end {
            continue;
        }
        area.draw(&Rectangle::new([(start, bounds.high), (end, bounds.low)], gap_shade(gap.kind).mix(0.22).filled()))?;
        let (left_px, top_px) = area.map_coordinate(&(start, bounds.high));
        let (right_px, bottom_px) = area.map_coordinate(&(end, bounds.low));
        let label = gap.kind.label();
        if right_px - left_px >= label_width_px(label) + 6 {
            let at = ((left_px + right_px) / 2, (top_px + bottom_px) / 2);
            area.use_screen_coord().draw(&Text::new(label, at, label_style(HPos::Center, VPos::Center)))?;
        }
    }
    for band in &overlays.incidents {
        let start = band.start_secs.max(bounds.start_secs);
        let end = band.end_secs.unwrap_or(bounds.end_secs).min(bounds.end_secs);
        if start >= end {
            continue;
        }
        let corners = [(start, bounds.high), (end, bounds.low)];
        area.draw(&Rectangle::new(corners, INCIDENT.mix(0.22).filled()))?;
        let (left_px, top_px) = area.map_coordinate(&(start, bounds.high));
        let (right_px, bottom_px) = area.map_coordinate(&(end, bounds.low));
        let right_px = right_px.max(left_px + INCIDENT_MIN_PX);
        let screen = area.use_screen_coord();
        screen.draw(&Rectangle::new([(left_px, top_px), (right_px, top_px + 4)], INCIDENT.filled()))?;
        for x in [left_px, right_px] {
            screen.draw(&PathElement::new(vec![(x, top_px), (x, bottom_px)], INCIDENT.mix(0.8).stroke_width(1)))?;
        }
        if right_px - left_px >= label_width_px(&band.id) + 8 {
            let label = Text::new(band.id.clone(), (left_px + 4, top_px + 6), label_style(HPos::Left, VPos::Top));
            screen.draw(&label)?;
        }
    }
    Ok(())
}

/// The shade of a no-data or no-traffic stretch.
fn gap_shade(kind: GapKind) -> RGBColor {
    match kind {
        GapKind::NoData => GAP,
        GapKind::NoTraffic => DEPLOYMENT,
    }
}

/// A label's width estimated from its length (the same natively and in the browser).
fn label_width_px(text: &str) -> i32 {
    (text.chars().count() as f64 * 6.8).ceil() as i32
}

/// An incident shorter than this many pixels is drawn this wide, so it never vanishes.
const INCIDENT_MIN_PX: i32 = 4;

/// Threshold labels closer than this are moved apart.
const THRESHOLD_LABEL_PX: i32 = 15;

/// Threshold lines go over the data. Each is labelled at its height: right of the plot, clear of the
/// data, when `labels_outside` (the chart keeps a right margin for them), else inside the plot's right
/// end above its line. Labels that would overlap are moved apart, so close thresholds (page and
/// ticket) stay readable.
pub fn draw_lines_and_markers<DB, CT>(
    area: &DrawingArea<DB, CT>,
    overlays: &Overlays,
    bounds: Bounds,
    labels_outside: bool,
) -> Result<(), ChartError>
where
    DB: DrawingBackend,
    DB::ErrorType: 'static,
    CT: CoordTranslate<From = (i64, f64)>,
{
    let (start, end) = (bounds.start_secs, bounds.end_secs);
    let mut visible: Vec<&Threshold> =
        overlays.thresholds.iter().filter(|t| t.value >= bounds.low && t.value <= bounds.high).collect();
    sort_stable_by(&mut visible, |a, b| a.value.total_cmp(&b.value));
    let mut last_label_y: Option<i32> = None;
    for threshold in visible {
        let line = [(start, threshold.value), (end, threshold.value)];
        area.draw(&DashedPathElement::new(line, 6, 4, THRESHOLD.stroke_width(2)))?;
        let (x, line_y) = area.map_coordinate(&(end, threshold.value));
        let y = if labels_outside { line_y } else { line_y - 1 };
        let y = match last_label_y {
            Some(last) if last - y < THRESHOLD_LABEL_PX => last - THRESHOLD_LABEL_PX,
            _ => y,
        };
        last_label_y = Some(y);
        let label = if labels_outside {
            Text::new(threshold.label.clone(), (x + 6, y), label_style(HPos::Left, VPos::Center))
        } else {
            Text::new(threshold.label.clone(), (x - 2, y), label_style(HPos::Right, VPos::Bottom))
        };
        area.use_screen_coord().draw(&label)?;
    }
    Ok(())
}
