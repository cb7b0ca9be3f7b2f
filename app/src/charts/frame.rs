//! What every chart shares: its error type, text styles, and the header (title and legend).

use std::fmt;

use plotters::chart::MeshStyle;
use plotters::coord::Shift;
use plotters::element::DashedPathElement;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::legend::{fit_text, layout_legend, LegendEntry, LegendGlyph, LEGEND_ROW_PX};
use super::palette::FOREGROUND;

/// plotters' font size is 1.24 times the CSS pixel size it writes.
const PLOTTERS_FONT_SCALE: f64 = 1.24;
pub const LABEL_FONT_PX: f64 = 12.0;
const TITLE_FONT_PX: f64 = 16.0;
const TITLE_ROW_PX: u32 = 26;
/// A rough width of one bold title character.
const TITLE_CHAR_PX: f64 = 9.0;
pub const FONT_FAMILY: &str = "sans-serif";

/// Drawing failed (plotters' backend or layout error), with its reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChartError(pub String);

impl fmt::Display for ChartError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "chart could not be drawn: {}", self.0)
    }
}

impl std::error::Error for ChartError {}

impl<E: std::error::Error + Send + Sync> From<DrawingAreaErrorKind<E>> for ChartError {
    fn from(error: DrawingAreaErrorKind<E>) -> ChartError {
        ChartError(error.to_string())
    }
}

/// A text style of `px` CSS pixels in the page's text colour.
pub fn text_style(px: f64) -> TextStyle<'static> {
    styled_text(px, FontStyle::Normal)
}

fn styled_text(px: f64, style: FontStyle) -> TextStyle<'static> {
    (FONT_FAMILY, px * PLOTTERS_FONT_SCALE, style).into_font().color(&FOREGROUND)
}

/// The label style anchored at `h`/`v`.
pub fn label_style(h: HPos, v: VPos) -> TextStyle<'static> {
    text_style(LABEL_FONT_PX).pos(Pos::new(h, v))
}

/// The axes every chart shares: six value ticks, the value axis named with its unit, strokes and labels
/// in the page's text colour, faint major grid lines and no minor ones.
pub fn style_axes<'m, 'a, 'b, X, Y, DB>(
    mesh: &'m mut MeshStyle<'a, 'b, X, Y, DB>,
    value_axis: String,
) -> &'m mut MeshStyle<'a, 'b, X, Y, DB>
where
    X: Ranged,
    Y: Ranged,
    DB: DrawingBackend,
{
    mesh.y_labels(6)
        .y_desc(value_axis)
        .axis_style(FOREGROUND)
        .label_style(label_style(HPos::Center, VPos::Top))
        .axis_desc_style(label_style(HPos::Center, VPos::Top))
        .bold_line_style(FOREGROUND.mix(0.12))
        .light_line_style(TRANSPARENT)
}

/// Draws the title and legend at the top of `root` and returns the area left for the plot.
pub fn draw_header<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    title: &str,
    legend: &[LegendEntry],
) -> Result<DrawingArea<DB, Shift>, ChartError>
where
    DB::ErrorType: 'static,
{
    let (width_px, _) = root.dim_in_pixel();
    let placed = layout_legend(legend, width_px);
    let rows = placed.iter().map(|item| item.row + 1).max().unwrap_or(0);
    let header_px = TITLE_ROW_PX + rows * LEGEND_ROW_PX + 4;
    let (header, body) = root.split_vertically(header_px);

    let title_style = styled_text(TITLE_FONT_PX, FontStyle::Bold).pos(Pos::new(HPos::Left, VPos::Top));
    let title = fit_text(title, f64::from(width_px.saturating_sub(16)), TITLE_CHAR_PX);
    header.draw(&Text::new(title, (8, 6), title_style))?;
    for item in &placed {
        let y = (TITLE_ROW_PX + item.row * LEGEND_ROW_PX + LEGEND_ROW_PX / 2) as i32;
        draw_glyph(&header, item.entry.glyph, item.x_px, y)?;
        let text = Text::new(item.entry.label.clone(), (item.x_px + 24, y), label_style(HPos::Left, VPos::Center));
        header.draw(&text)?;
    }
    Ok(body)
}

fn draw_glyph<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    glyph: LegendGlyph,
    x: i32,
    y: i32,
) -> Result<(), ChartError>
where
    DB::ErrorType: 'static,
{
    match glyph {
        LegendGlyph::Line { colour, dash: None } => {
            area.draw(&PathElement::new(vec![(x, y), (x + 20, y)], colour.stroke_width(2)))?;
        }
        LegendGlyph::Line { colour, dash: Some((dash, gap)) } => {
            area.draw(&DashedPathElement::new(vec![(x, y), (x + 20, y)], dash, gap, colour.stroke_width(2)))?;
        }
        LegendGlyph::Area(colour) => {
            area.draw(&Rectangle::new([(x, y - 5), (x + 20, y + 5)], colour.mix(0.3).filled()))?;
            area.draw(&PathElement::new(vec![(x, y - 5), (x + 20, y - 5)], colour.stroke_width(2)))?;
        }
        LegendGlyph::Band(colour) => {
            area.draw(&Rectangle::new([(x, y - 6), (x + 20, y + 6)], colour.mix(0.18).filled()))?;
        }
        LegendGlyph::Marker { colour, failed: false } => {
            let triangle = vec![(x + 5, y - 4), (x + 15, y - 4), (x + 10, y + 4)];
            area.draw(&Polygon::new(triangle, colour.filled()))?;
        }
        LegendGlyph::Marker { colour, failed: true } => {
            let style = text_style(LABEL_FONT_PX + 2.0).color(&colour).pos(Pos::new(HPos::Center, VPos::Center));
            area.draw(&Text::new("✕", (x + 10, y), style))?;
        }
    }
    Ok(())
}
