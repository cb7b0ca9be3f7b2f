//! A DORA metric's trend: one bar per week or month, on an axis that fits the data (a log axis for
//! durations, so a 1 h median and a 300 h outlier both read), the DORA tiers as faint bands
//! labelled at the right edge, an optional p90 tick per bar, and the partial current bucket drawn
//! hollow and labelled. Hover gives each bar's exact value and n.

use plotters::coord::combinators::BindKeyPoints;
use plotters::coord::ranged1d::{AsRangedCoord, ValueFormatter};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::bar_chart::{Bar, BarHover, RenderedBars};
use super::frame::{draw_header, label_style, style_axes, text_style, ChartError};
use super::legend::{LegendEntry, LegendGlyph};
use super::overlays::ValueBands;
use super::palette::{adopt_page_colour, band_shade, series_colour, FOREGROUND};
use super::scale::padded_range;
use super::unit::Unit;

const X_LABEL_AREA_PX: u32 = 36;
const Y_LABEL_AREA_PX: u32 = 60;
const MARGIN_PX: u32 = 12;
/// Tier bands stay in the background.
const BAND_OPACITY: f64 = 0.07;
/// Bands thinner than this carry no label (it would overlap its neighbours').
const MIN_BAND_LABEL_PX: i32 = 12;
/// Bars narrower than this carry no value label.
const VALUE_LABEL_MIN_SLOT_PX: f64 = 46.0;
/// Axis labels need about this much room each; denser ones are thinned.
const X_LABEL_MIN_PX: f64 = 56.0;

/// One bucket of the trend.
#[derive(Debug, Clone, PartialEq)]
pub struct TrendBar {
    /// The axis label: `17 Nov`, `Nov 2026`.
    pub label: String,
    /// The full name for hover: `week of 2026-11-17 (2026-W47)`.
    pub name: String,
    pub value: Option<f64>,
    /// The 90th percentile, for lead time.
    pub p90: Option<f64>,
    pub n: u64,
    /// The current bucket, cut at as_of.
    pub partial: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct DoraTrendChart {
    pub title: String,
    pub width_px: u32,
    pub height_px: u32,
    pub value_label: String,
    pub unit: Unit,
    /// A log axis (durations): from the decade below the smallest value to the one above the largest.
    pub log_scale: bool,
    pub bars: Vec<TrendBar>,
    pub bands: ValueBands,
    /// The legend's name for the bars: `median per week`.
    pub series_label: String,
}

impl DoraTrendChart {
    /// The value axis: `[0, padded max]`, or decades around the data on a log axis.
    fn value_range(&self) -> (f64, f64) {
        let values = self.bars.iter().flat_map(|bar| [bar.value, bar.p90]).flatten().filter(|value| value.is_finite());
        if self.log_scale {
            let positive: Vec<f64> = values.filter(|value| *value > 0.0).collect();
            let low = positive.iter().copied().fold(f64::INFINITY, f64::min);
            let high = positive.iter().copied().fold(0.0, f64::max);
            if positive.is_empty() {
                return (0.1, 10.0);
            }
            let low = 10_f64.powf(low.log10().floor()).max(0.01);
            let high = 10_f64.powf(high.log10().ceil()).max(low * 10.0);
            (low, high)
        } else {
            let high = values.fold(0.0, f64::max);
            (0.0, padded_range(Some((0.0, high))).1)
        }
    }

    pub fn render(self) -> Result<RenderedBars, ChartError> {
        let (low, high) = self.value_range();
        if self.log_scale {
            self.draw((low..high).log_scale(), low, high)
        } else {
            self.draw(low..high, low, high)
        }
    }

    fn draw<Y>(self, y_range: Y, low: f64, high: f64) -> Result<RenderedBars, ChartError>
    where
        Y: AsRangedCoord<Value = f64>,
        Y::CoordDescType: ValueFormatter<f64>,
    {
        let slots = i64::try_from(self.bars.len()).unwrap_or(i64::MAX / 2).max(1);
        let centres: Vec<i64> = (0..slots).map(|i| 2 * i + 1).collect();
        let colour = series_colour(0);
        let mut svg = String::new();
        let hover = {
            let root = SVGBackend::with_string(&mut svg, (self.width_px, self.height_px)).into_drawing_area();
            let mut legend = vec![LegendEntry { label: self.series_label.clone(), glyph: LegendGlyph::Area(colour) }];
            if self.bars.iter().any(|bar| bar.p90.is_some()) {
                legend.push(LegendEntry {
                    label: "p90".to_owned(),
                    glyph: LegendGlyph::Line { colour: FOREGROUND, dash: None },
                });
            }
            if self.bars.iter().any(|bar| bar.partial) {
                legend.push(LegendEntry { label: "partial (to as of)".to_owned(), glyph: LegendGlyph::Band(colour) });
            }
            if !self.bands.bands.is_empty() {
                legend.push(LegendEntry { label: self.bands.legend.clone(), glyph: LegendGlyph::Band(band_shade(0)) });
            }
            let body = draw_header(&root, &self.title, &legend)?;
            let mut chart = ChartBuilder::on(&body)
                .margin_right(MARGIN_PX)
                .margin_top(MARGIN_PX)
                .x_label_area_size(X_LABEL_AREA_PX)
                .y_label_area_size(Y_LABEL_AREA_PX)
                .build_cartesian_2d((0..2 * slots).with_key_points(centres), y_range)?;
            let (x_px, _) = chart.plotting_area().get_pixel_range();
            let slot_px = f64::from(x_px.end - x_px.start) / self.bars.len().max(1) as f64;
            let label_every = ((X_LABEL_MIN_PX / slot_px.max(1.0)).ceil() as usize).max(1);
            let last = self.bars.len().saturating_sub(1);
            let bar_label = |x: &i64| {
                let index = usize::try_from((x - 1) / 2).unwrap_or(usize::MAX);
                let shown = index == last || (last - index.min(last)).is_multiple_of(label_every);
                self.bars.get(index).filter(|_| shown).map(|bar| bar.label.clone()).unwrap_or_default()
            };
            let unit = self.unit;
            let value_tick = |y: &f64| unit.format_tick(*y);
            let mut mesh = chart.configure_mesh();
            mesh.disable_x_mesh().x_label_formatter(&bar_label).y_label_formatter(&value_tick);
            let axis = if self.log_scale {
                format!("{} ({}, log scale)", self.value_label, self.unit.axis_suffix())
            } else {
                format!("{} ({})", self.value_label, self.unit.axis_suffix())
            };
            style_axes(&mut mesh, axis).draw()?;

            let right = 2 * slots;
            for (index, band) in self.bands.bands.iter().enumerate() {
                let (from, to) = (band.low.max(low), band.high.min(high));
                if from >= to {
                    continue;
                }
                let shade = band_shade(index);
                chart.draw_series([Rectangle::new([(0, from), (right, to)], shade.mix(BAND_OPACITY).filled())])?;
                let middle = if self.log_scale { (from * to).sqrt() } else { (from + to) / 2.0 };
                let band_px = chart.backend_coord(&(0, from)).1 - chart.backend_coord(&(0, to)).1;
                if band_px < MIN_BAND_LABEL_PX {
                    continue;
                }
                chart.draw_series([Text::new(
                    band.label.clone(),
                    (right, middle),
                    text_style(10.0)
                        .color(&shade)
                        .pos(plotters::style::text_anchor::Pos::new(HPos::Right, VPos::Center)),
                )])?;
            }

            let slot_origin = |i: usize| 2 * i64::try_from(i).unwrap_or(0);
            for (i, bar) in self.bars.iter().enumerate() {
                let Some(value) = bar.value.filter(|value| value.is_finite()) else { continue };
                let top = value.clamp(low, high);
                let corners = [(slot_origin(i), top), (slot_origin(i) + 2, low)];
                let mut fill = Rectangle::new(corners, colour.mix(if bar.partial { 0.18 } else { 0.65 }).filled());
                fill.set_margin(0, 0, 3, 3);
                chart.draw_series([fill])?;
                if bar.partial {
                    let mut outline = Rectangle::new(corners, colour.stroke_width(1));
                    outline.set_margin(0, 0, 3, 3);
                    chart.draw_series([outline])?;
                }
                if slot_px >= VALUE_LABEL_MIN_SLOT_PX {
                    chart.draw_series([Text::new(
                        self.unit.format_tick(value),
                        (slot_origin(i) + 1, top),
                        label_style(HPos::Center, VPos::Bottom),
                    )])?;
                }
            }
            for (i, bar) in self.bars.iter().enumerate() {
                let Some(p90) = bar.p90.filter(|value| value.is_finite()) else { continue };
                let y = p90.clamp(low, high);
                let (left_x, _) = chart.backend_coord(&(slot_origin(i), y));
                let (right_x, y_px) = chart.backend_coord(&(slot_origin(i) + 2, y));
                let inset = ((right_x - left_x) / 4).max(1);
                root.draw(&PathElement::new(
                    vec![(left_x + inset, y_px), (right_x - inset, y_px)],
                    FOREGROUND.stroke_width(2),
                ))?;
            }
            root.present()?;
            BarHover {
                left_px: f64::from(x_px.start),
                width_px: f64::from(x_px.end - x_px.start),
                unit: self.unit,
                bars: Vec::new(),
            }
        };
        let bars = self
            .bars
            .iter()
            .map(|bar| {
                let mut label = bar.name.clone();
                if let Some(p90) = bar.p90 {
                    label.push_str(&format!(", p90 {}", self.unit.format(p90)));
                }
                if bar.partial {
                    label.push_str(" (partial)");
                }
                Bar { label, value: bar.value.unwrap_or(f64::NAN), n: bar.n }
            })
            .collect();
        Ok(RenderedBars {
            svg: adopt_page_colour(&svg),
            width_px: self.width_px,
            height_px: self.height_px,
            hover: BarHover { bars, ..hover },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bar(value: Option<f64>, partial: bool) -> TrendBar {
        TrendBar { label: "w".to_owned(), name: "week".to_owned(), value, p90: None, n: 3, partial }
    }

    fn chart(log_scale: bool, bars: Vec<TrendBar>) -> DoraTrendChart {
        DoraTrendChart {
            title: "Lead time".to_owned(),
            width_px: 480,
            height_px: 200,
            value_label: "lead time".to_owned(),
            unit: Unit::Hours,
            log_scale,
            bars,
            bands: ValueBands::default(),
            series_label: "median per week".to_owned(),
        }
    }

    #[test]
    fn a_log_axis_spans_the_decades_around_the_data() {
        // 0.4 h and 300 h: from 0.1 h to 1000 h.
        let range = chart(true, vec![bar(Some(0.4), false), bar(Some(300.0), false)]).value_range();
        assert_eq!(range, (0.1, 1000.0));
        assert_eq!(chart(true, vec![bar(None, false)]).value_range(), (0.1, 10.0));
        assert_eq!(chart(false, vec![bar(Some(4.0), false)]).value_range().0, 0.0);
    }

    #[test]
    fn hover_names_the_partial_bucket_and_gives_n() {
        let rendered =
            chart(true, vec![bar(Some(2.0), false), bar(Some(3.0), true)]).render().unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(rendered.hover.describe(&rendered.hover.bars[1]), "week (partial): 3 h (n = 3)");
        assert!(rendered.svg.contains("partial (to as of)"));
    }
}
