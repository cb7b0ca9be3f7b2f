//! What a time chart draws over its data: threshold lines (objective, alert thresholds),
//! deployment markers (vertical lines, failed ones marked ✕), incident bands (shaded time ranges)
//! and value bands (shaded, labelled value ranges such as performance tiers).

use plotters::coord::CoordTranslate;
use plotters::element::DashedPathElement;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::frame::{label_style, ChartError};
use super::legend::{LegendEntry, LegendGlyph};
use super::palette::{band_shade, DEPLOYMENT, INCIDENT, THRESHOLD};

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
                glyph: LegendGlyph::Marker { colour: DEPLOYMENT, failed: true },
            });
        }
        if !self.incidents.is_empty() {
            entries.push(LegendEntry { label: "incident".to_owned(), glyph: LegendGlyph::Band(INCIDENT) });
        }
        if !self.value_bands.bands.is_empty() {
            let glyph = LegendGlyph::Band(band_shade(0));
            entries.push(LegendEntry { label: self.value_bands.legend.clone(), glyph });
        }
        entries
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
    for band in &overlays.incidents {
        let start = band.start_secs.max(bounds.start_secs);
        let end = band.end_secs.unwrap_or(bounds.end_secs).min(bounds.end_secs);
        if start >= end {
            continue;
        }
        let corners = [(start, bounds.high), (end, bounds.low)];
        area.draw(&Rectangle::new(corners, INCIDENT.mix(0.18).filled()))?;
    }
    Ok(())
}

/// Thresholds and deployment markers go over the data.
pub fn draw_lines_and_markers<DB, CT>(
    area: &DrawingArea<DB, CT>,
    overlays: &Overlays,
    bounds: Bounds,
) -> Result<(), ChartError>
where
    DB: DrawingBackend,
    DB::ErrorType: 'static,
    CT: CoordTranslate<From = (i64, f64)>,
{
    let (start, end) = (bounds.start_secs, bounds.end_secs);
    for threshold in overlays.thresholds.iter().filter(|t| t.value >= bounds.low && t.value <= bounds.high) {
        let line = [(start, threshold.value), (end, threshold.value)];
        area.draw(&DashedPathElement::new(line, 6, 4, THRESHOLD.stroke_width(2)))?;
        let label = Text::new(threshold.label.clone(), (end, threshold.value), label_style(HPos::Right, VPos::Bottom));
        area.draw(&label)?;
    }
    let marker_top = bounds.high;
    for marker in &overlays.deployments {
        if marker.at_secs < bounds.start_secs || marker.at_secs > bounds.end_secs {
            continue;
        }
        let x = marker.at_secs;
        area.draw(&PathElement::new(vec![(x, bounds.low), (x, marker_top)], DEPLOYMENT.stroke_width(1)))?;
        let tip = area.map_coordinate(&(x, marker_top));
        let triangle = [(tip.0 - 4, tip.1), (tip.0 + 4, tip.1), (tip.0, tip.1 + 6)];
        area.use_screen_coord().draw(&Polygon::new(triangle.to_vec(), DEPLOYMENT.filled()))?;
        if marker.failed {
            let cross = Text::new("✕", (tip.0 + 3, tip.1 + 8), label_style(HPos::Left, VPos::Top));
            area.use_screen_coord().draw(&cross)?;
        }
    }
    Ok(())
}
