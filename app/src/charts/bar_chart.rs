//! Bar charts over categories (the lead-time distribution), with each bar's value written on it.

use plotters::coord::combinators::BindKeyPoints;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::frame::{draw_header, label_style, style_axes, ChartError};
use super::legend::{LegendEntry, LegendGlyph};
use super::palette::{adopt_page_colour, series_colour};
use super::scale::padded_range;
use super::unit::Unit;

const X_LABEL_AREA_PX: u32 = 40;
const Y_LABEL_AREA_PX: u32 = 64;
const MARGIN_PX: u32 = 12;

/// One category and its value.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    pub label: String,
    pub value: f64,
    /// The count behind the value (shown on hover).
    pub n: u64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct BarChart {
    pub title: String,
    pub width_px: u32,
    pub height_px: u32,
    /// What the categories are, with their unit: `lead time`.
    pub category_label: String,
    pub value_label: String,
    pub unit: Unit,
    /// The legend's name for the bars: `changes`.
    pub series_label: String,
    pub bars: Vec<Bar>,
}

/// A drawn bar chart and the bar positions for hover.
#[derive(Debug, Clone, PartialEq)]
pub struct RenderedBars {
    pub svg: String,
    pub width_px: u32,
    pub height_px: u32,
    pub hover: BarHover,
}

/// From an x pixel to the bar under it.
#[derive(Debug, Clone, PartialEq)]
pub struct BarHover {
    pub left_px: f64,
    pub width_px: f64,
    pub unit: Unit,
    pub bars: Vec<Bar>,
}

impl BarHover {
    /// The bar whose slot contains `x_px`, if any.
    pub fn bar_at(&self, x_px: f64) -> Option<(usize, &Bar)> {
        if self.bars.is_empty() || x_px < self.left_px || x_px >= self.left_px + self.width_px {
            return None;
        }
        let slot_px = self.width_px / self.bars.len() as f64;
        let index = (((x_px - self.left_px) / slot_px).floor() as usize).min(self.bars.len() - 1);
        self.bars.get(index).map(|bar| (index, bar))
    }

    /// `1 h – 1 d: 12 (n = 12)`.
    pub fn describe(&self, bar: &Bar) -> String {
        format!("{}: {} (n = {})", bar.label, self.describe_value(bar), bar.n)
    }

    /// The bar's value in its unit, `no data` when it has none (NaN).
    pub fn describe_value(&self, bar: &Bar) -> String {
        if bar.value.is_finite() {
            self.unit.format(bar.value)
        } else {
            "no data".to_owned()
        }
    }
}

impl BarChart {
    pub fn render(self) -> Result<RenderedBars, ChartError> {
        let max_value = self.bars.iter().map(|bar| bar.value).filter(|value| value.is_finite()).fold(0.0, f64::max);
        let high = padded_range(Some((0.0, max_value))).1;
        // Bar i spans [2i, 2i + 2) on the x axis, its label at the centre 2i + 1.
        let slots = i64::try_from(self.bars.len()).unwrap_or(i64::MAX / 2).max(1);
        let centres: Vec<i64> = (0..slots).map(|i| 2 * i + 1).collect();
        let bar_label = |x: &i64| {
            usize::try_from((x - 1) / 2)
                .ok()
                .and_then(|i| self.bars.get(i))
                .map(|bar| bar.label.clone())
                .unwrap_or_default()
        };
        let value_tick = |y: &f64| self.unit.format_tick(*y);
        let colour = series_colour(0);
        let mut svg = String::new();
        let hover = {
            let root = SVGBackend::with_string(&mut svg, (self.width_px, self.height_px)).into_drawing_area();
            let legend = [LegendEntry { label: self.series_label.clone(), glyph: LegendGlyph::Area(colour) }];
            let body = draw_header(&root, &self.title, &legend)?;
            let mut chart = ChartBuilder::on(&body)
                .margin_right(MARGIN_PX)
                .margin_top(MARGIN_PX)
                .x_label_area_size(X_LABEL_AREA_PX)
                .y_label_area_size(Y_LABEL_AREA_PX)
                .build_cartesian_2d((0..2 * slots).with_key_points(centres), 0.0..high)?;
            let mut mesh = chart.configure_mesh();
            mesh.disable_x_mesh()
                .x_label_formatter(&bar_label)
                .y_label_formatter(&value_tick)
                .x_desc(self.category_label.clone());
            style_axes(&mut mesh, format!("{} ({})", self.value_label, self.unit.axis_suffix())).draw()?;
            let slot_origin = |i: usize| 2 * i64::try_from(i).unwrap_or(0);
            chart.draw_series(self.bars.iter().enumerate().filter(|(_, bar)| bar.value.is_finite()).map(
                |(i, bar)| {
                    let mut rectangle = Rectangle::new(
                        [(slot_origin(i), bar.value), (slot_origin(i) + 2, 0.0)],
                        colour.mix(0.6).filled(),
                    );
                    rectangle.set_margin(0, 0, 4, 4);
                    rectangle
                },
            ))?;
            chart.draw_series(self.bars.iter().enumerate().filter(|(_, bar)| bar.value.is_finite()).map(
                |(i, bar)| {
                    Text::new(
                        self.unit.format(bar.value),
                        (slot_origin(i) + 1, bar.value),
                        label_style(HPos::Center, VPos::Bottom),
                    )
                },
            ))?;
            let (x_px, _) = chart.plotting_area().get_pixel_range();
            root.present()?;
            BarHover {
                left_px: f64::from(x_px.start),
                width_px: f64::from(x_px.end - x_px.start),
                unit: self.unit,
                bars: Vec::new(),
            }
        };
        Ok(RenderedBars {
            svg: adopt_page_colour(&svg),
            width_px: self.width_px,
            height_px: self.height_px,
            hover: BarHover { bars: self.bars, ..hover },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hover_finds_the_bar_whose_slot_holds_the_pixel() {
        // 3 bars over 300 px from x = 60: slots [60, 160), [160, 260), [260, 360).
        let bar = |label: &str| Bar { label: label.to_owned(), value: 1.0, n: 1 };
        let hover =
            BarHover { left_px: 60.0, width_px: 300.0, unit: Unit::Count, bars: vec![bar("a"), bar("b"), bar("c")] };
        assert_eq!(hover.bar_at(60.0).map(|(i, _)| i), Some(0));
        assert_eq!(hover.bar_at(160.0).map(|(i, _)| i), Some(1));
        assert_eq!(hover.bar_at(359.9).map(|(i, _)| i), Some(2));
        assert_eq!(hover.bar_at(59.0), None);
        assert_eq!(hover.bar_at(360.0), None);
        assert_eq!(hover.describe(&hover.bars[1]), "b: 1 (n = 1)");
    }
}
