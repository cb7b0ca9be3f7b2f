//! Time charts: lines over time (attainment, burn rate, DORA trends) or a filled area with a
//! forecast segment (error-budget burn-down), with thresholds, deployments and incidents drawn over.

use plotters::coord::combinators::{BindKeyPoints, WithKeyPoints};
use plotters::coord::types::{RangedCoordf64, RangedCoordi64};
use plotters::prelude::*;

use super::decimate::{decimate, Segment};
use super::frame::{draw_header, style_axes, ChartError};
use super::hover::HoverIndex;
use super::lane::{draw_lane, LANE_PX};
use super::legend::{LegendEntry, LegendGlyph};
use super::overlays::{draw_bands, draw_lines_and_markers, Bounds, Overlays};
use super::palette::{adopt_page_colour, series_colour, series_dash};
use super::sample::Series;
use super::scale::{padded_range, TimeScale, ValueScale};
use super::time_ticks::time_ticks;
use super::unit::Unit;

const X_LABEL_AREA_PX: u32 = 40;
const Y_LABEL_AREA_PX: u32 = 64;
const MARGIN_PX: u32 = 12;
/// Room for the last tick label, centred on the plot's right edge.
const RIGHT_MARGIN_PX: u32 = 32;
/// From this chart width on, threshold labels stand right of the plot, clear of the data.
const MIN_WIDTH_FOR_OUTSIDE_LABELS_PX: u32 = 600;
/// A tick label is about this wide; ticks get at least this much room.
const TICK_SPACING_PX: f64 = 110.0;

/// How the first series is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Lines,
    /// The first series filled down to zero (burn-down); the others as lines.
    FilledFirst,
}

/// A chart over `[start_secs, end_secs]`.
#[derive(Debug, Clone, PartialEq)]
pub struct TimeChart {
    pub title: String,
    pub width_px: u32,
    pub height_px: u32,
    pub start_secs: i64,
    pub end_secs: i64,
    /// What the values measure, without the unit: `attainment`.
    pub value_label: String,
    pub unit: Unit,
    /// Fixed value range; `None` fits the data and thresholds.
    pub value_range: Option<(f64, f64)>,
    pub style: Style,
    pub series: Vec<Series>,
    /// Drawn dashed in the first series' colour, labelled `forecast`.
    pub forecast: Option<Series>,
    pub overlays: Overlays,
}

/// A drawn chart: the SVG markup and what hovering needs.
#[derive(Debug, Clone, PartialEq)]
pub struct RenderedChart {
    pub svg: String,
    pub width_px: u32,
    pub height_px: u32,
    pub hover: HoverIndex,
}

impl TimeChart {
    /// Draws the chart. Text from data is escaped by the SVG backend.
    pub fn render(self) -> Result<RenderedChart, ChartError> {
        let (low, high) = self.value_range.unwrap_or_else(|| padded_range(self.value_bounds()));
        let (start_secs, end_secs) = (self.start_secs, self.end_secs.max(self.start_secs.saturating_add(1)));
        let mut svg = String::new();
        let (time_scale, value_scale) = {
            let root = SVGBackend::with_string(&mut svg, (self.width_px, self.height_px)).into_drawing_area();
            let body = draw_header(&root, &self.title, &self.legend())?;
            let (lane, body) = if self.overlays.deployments.is_empty() {
                (None, body)
            } else {
                let (lane, body) = body.split_vertically(LANE_PX);
                (Some(lane), body)
            };
            let labels_outside = self.width_px >= MIN_WIDTH_FOR_OUTSIDE_LABELS_PX;
            let right_margin_px = if labels_outside {
                self.overlays
                    .threshold_label_width_px()
                    .map_or(RIGHT_MARGIN_PX, |width| (width + 12).max(RIGHT_MARGIN_PX))
            } else {
                RIGHT_MARGIN_PX
            };
            let plot_width_px = f64::from(self.width_px.saturating_sub(Y_LABEL_AREA_PX + right_margin_px));
            let ticks = time_ticks(start_secs, end_secs, (plot_width_px / TICK_SPACING_PX).floor().max(2.0) as usize);
            let key_points: Vec<i64> = ticks.iter().map(|tick| tick.at_secs).collect();
            let tick_label = |x: &i64| {
                ticks.iter().find(|tick| tick.at_secs == *x).map(|tick| tick.label.clone()).unwrap_or_default()
            };
            let value_tick = |y: &f64| self.unit.format_tick(*y);

            let mut chart = ChartBuilder::on(&body)
                .margin_right(right_margin_px)
                .margin_top(MARGIN_PX / 2)
                .x_label_area_size(X_LABEL_AREA_PX)
                .y_label_area_size(Y_LABEL_AREA_PX)
                .build_cartesian_2d((start_secs..end_secs).with_key_points(key_points), low..high)?;
            let mut mesh = chart.configure_mesh();
            mesh.x_label_formatter(&tick_label).y_label_formatter(&value_tick).x_desc("time (UTC)");
            style_axes(&mut mesh, format!("{} ({})", self.value_label, self.unit.axis_suffix())).draw()?;

            let (x_px, y_px) = chart.plotting_area().get_pixel_range();
            let time_scale =
                TimeScale::new(start_secs, end_secs, f64::from(x_px.start), f64::from(x_px.end - x_px.start));
            let value_scale =
                ValueScale { low, high, bottom_px: f64::from(y_px.end), height_px: f64::from(y_px.end - y_px.start) };
            let bounds = Bounds { start_secs, end_secs, low, high };

            draw_bands(chart.plotting_area(), &self.overlays, bounds)?;
            for (index, series) in self.series.iter().enumerate() {
                let segments = decimate(series.samples(), &time_scale);
                let filled = index == 0 && self.style == Style::FilledFirst;
                draw_segments(&mut chart, &segments, index, filled, low.max(0.0).min(high))?;
            }
            if let Some(forecast) = &self.forecast {
                let colour = series_colour(0);
                for segment in decimate(forecast.samples(), &time_scale) {
                    let points = segment.iter().copied();
                    chart.draw_series(DashedLineSeries::new(points, 6, 4, colour.stroke_width(2)))?;
                }
            }
            draw_lines_and_markers(chart.plotting_area(), &self.overlays, bounds, labels_outside)?;
            if let Some(lane) = &lane {
                draw_lane(lane, &self.overlays.deployments, &time_scale)?;
            }
            root.present()?;
            (time_scale, value_scale)
        };
        let mut hover_series = self.series;
        hover_series.extend(self.forecast);
        let hover = HoverIndex::new(time_scale, value_scale, self.unit, hover_series).with_overlays(&self.overlays);
        Ok(RenderedChart { svg: adopt_page_colour(&svg), width_px: self.width_px, height_px: self.height_px, hover })
    }

    fn value_bounds(&self) -> Option<(f64, f64)> {
        let mut bounds = self.series.iter().chain(self.forecast.iter()).filter_map(Series::value_bounds);
        let first = bounds.next();
        let data = bounds.fold(first, |acc, (low, high)| acc.map(|(l, h)| (l.min(low), h.max(high))));
        match (data, self.overlays.threshold_bounds()) {
            (Some((l, h)), Some((tl, th))) => Some((l.min(tl), h.max(th))),
            (data, thresholds) => data.or(thresholds),
        }
    }

    fn legend(&self) -> Vec<LegendEntry> {
        let mut entries: Vec<LegendEntry> = self
            .series
            .iter()
            .enumerate()
            .map(|(index, series)| {
                let colour = series_colour(index);
                let glyph = if index == 0 && self.style == Style::FilledFirst {
                    LegendGlyph::Area(colour)
                } else {
                    LegendGlyph::Line { colour, dash: series_dash(index) }
                };
                LegendEntry { label: series.label.clone(), glyph }
            })
            .collect();
        if let Some(forecast) = &self.forecast {
            let glyph = LegendGlyph::Line { colour: series_colour(0), dash: Some((6, 4)) };
            entries.push(LegendEntry { label: forecast.label.clone(), glyph });
        }
        entries.extend(self.overlays.legend());
        entries
    }
}

type TimeChartContext<'a, 'b> =
    ChartContext<'a, SVGBackend<'b>, Cartesian2d<WithKeyPoints<RangedCoordi64>, RangedCoordf64>>;

fn draw_segments(
    chart: &mut TimeChartContext<'_, '_>,
    segments: &[Segment],
    index: usize,
    filled: bool,
    baseline: f64,
) -> Result<(), ChartError> {
    let colour = series_colour(index);
    let line_style = colour.stroke_width(2);
    for segment in segments {
        let points = segment.iter().copied();
        if let [(at, value)] = segment.as_slice() {
            chart.draw_series(std::iter::once(Circle::new((*at, *value), 3, colour.filled())))?;
        } else if filled {
            chart.draw_series(AreaSeries::new(points, baseline, colour.mix(0.25)).border_style(line_style))?;
        } else if let Some((dash, gap)) = series_dash(index) {
            chart.draw_series(DashedLineSeries::new(points, dash, gap, line_style))?;
        } else {
            chart.draw_series(LineSeries::new(points, line_style))?;
        }
    }
    Ok(())
}
