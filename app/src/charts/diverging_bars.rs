//! Diverging bars for survey results: per question, the unfavourable share to the left of the centre
//! line, the neutral share across it, and the favourable share to the right, each labelled with its
//! percentage; a question withheld under the anonymity minimum is a line of text instead of a bar.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::frame::{draw_header, label_style, ChartError};
use super::legend::{fit_text, LegendEntry, LegendGlyph};
use super::palette::{adopt_page_colour, series_colour, FOREGROUND};

/// A row: its label line(s), then the bar.
const ROW_PX: u32 = 46;
const LINE_PX: u32 = 15;
const BAR_PX: i32 = 18;
const SIDE_PX: i32 = 12;
const AXIS_PX: u32 = 24;
/// A label character is about this wide at the label size (the legend's estimate).
const CHAR_PX: f64 = 6.8;
/// Segments narrower than this carry no percentage text.
const MIN_LABEL_PX: i32 = 30;
const NEUTRAL: RGBColor = RGBColor(0x8A, 0x8F, 0x98);

/// One question's answer shares (each in [0, 1], adding up to 1), or `None` when withheld.
#[derive(Debug, Clone, PartialEq)]
pub struct DivergingRow {
    pub label: String,
    pub shares: Option<AnswerShares>,
    /// Answers behind the shares.
    pub n: u64,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AnswerShares {
    pub unfavourable: f64,
    pub neutral: f64,
    pub favourable: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct DivergingBars {
    pub title: String,
    pub width_px: u32,
    pub rows: Vec<DivergingRow>,
    /// Shown for a withheld row: why there is no bar.
    pub withheld_note: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct RenderedDiverging {
    pub svg: String,
    pub width_px: u32,
    pub height_px: u32,
}

impl DivergingBars {
    /// The header's height is the title and one legend row, or two on a narrow chart.
    pub fn height_px(&self) -> u32 {
        let legend_rows = if self.width_px < 420 { 2 } else { 1 };
        let rows_px: u32 = self.row_tops().last().copied().unwrap_or(0);
        30 + legend_rows * 18 + rows_px + AXIS_PX
    }

    /// Each row's label lines: the label and its n, wrapped at a space onto a second line when too long.
    fn label_lines(&self, row: &DivergingRow) -> Vec<String> {
        let max_px = f64::from(self.width_px.saturating_sub(2 * SIDE_PX.unsigned_abs()));
        let max_chars = (max_px / CHAR_PX).floor().max(1.0) as usize;
        let text = format!("{} (n = {})", row.label, row.n);
        if text.chars().count() <= max_chars {
            return vec![text];
        }
        let cut = text
            .char_indices()
            .take_while(|(index, _)| text[..*index].chars().count() <= max_chars)
            .filter(|(_, character)| *character == ' ')
            .map(|(index, _)| index)
            .last()
            .unwrap_or(0);
        let (first, rest) = if cut == 0 { (text.as_str(), "") } else { (&text[..cut], &text[cut + 1..]) };
        vec![fit_text(first, max_px, CHAR_PX), fit_text(rest, max_px, CHAR_PX)]
    }

    /// The top of each row and, last, the bottom of the last row, in pixels from the plot's top.
    fn row_tops(&self) -> Vec<u32> {
        let mut tops = vec![0_u32];
        for row in &self.rows {
            let extra = LINE_PX * u32::try_from(self.label_lines(row).len().saturating_sub(1)).unwrap_or(0);
            let last = tops.last().copied().unwrap_or(0);
            tops.push(last.saturating_add(ROW_PX + extra));
        }
        tops
    }

    pub fn render(self) -> Result<RenderedDiverging, ChartError> {
        let height_px = self.height_px();
        let mut svg = String::new();
        {
            let root = SVGBackend::with_string(&mut svg, (self.width_px, height_px)).into_drawing_area();
            let legend = [
                LegendEntry { label: "unfavourable".to_owned(), glyph: LegendGlyph::Area(series_colour(1)) },
                LegendEntry { label: "neutral".to_owned(), glyph: LegendGlyph::Area(NEUTRAL) },
                LegendEntry { label: "favourable".to_owned(), glyph: LegendGlyph::Area(series_colour(0)) },
            ];
            let body = draw_header(&root, &self.title, &legend)?;
            let width = i32::try_from(self.width_px).unwrap_or(i32::MAX);
            let half_px = ((width - 2 * SIDE_PX) / 2).max(1);
            let centre = SIDE_PX + half_px;
            let x_of = |share: f64| centre + (share.clamp(-1.0, 1.0) * f64::from(half_px)).round() as i32;
            let tops = self.row_tops();
            let px = |value: u32| i32::try_from(value).unwrap_or(i32::MAX);
            let label_px = f64::from(width - 2 * SIDE_PX);
            let axis_top = px(tops.last().copied().unwrap_or(0));
            // The centre line first, so bars and their labels are drawn over it.
            body.draw(&PathElement::new(vec![(centre, 0), (centre, axis_top + 4)], FOREGROUND.stroke_width(1)))?;
            for (row, top) in self.rows.iter().zip(&tops) {
                let top = px(*top);
                let lines = self.label_lines(row);
                for (line_index, line) in lines.iter().enumerate() {
                    let y = top + 4 + px(LINE_PX) * i32::try_from(line_index).unwrap_or(0);
                    body.draw(&Text::new(line.clone(), (SIDE_PX, y), label_style(HPos::Left, VPos::Top)))?;
                }
                let bar_top = top + 20 + px(LINE_PX) * i32::try_from(lines.len().saturating_sub(1)).unwrap_or(0);
                let Some(shares) = row.shares else {
                    let note = fit_text(&self.withheld_note, label_px, CHAR_PX);
                    body.draw(&Text::new(
                        note,
                        (centre, bar_top + BAR_PX / 2),
                        label_style(HPos::Center, VPos::Center),
                    ))?;
                    continue;
                };
                let half_neutral = shares.neutral / 2.0;
                let segments = [
                    (-(shares.unfavourable + half_neutral), -half_neutral, series_colour(1), shares.unfavourable),
                    (-half_neutral, half_neutral, NEUTRAL, shares.neutral),
                    (half_neutral, half_neutral + shares.favourable, series_colour(0), shares.favourable),
                ];
                for (from, to, colour, share) in segments {
                    let (left, right) = (x_of(from), x_of(to));
                    if right <= left {
                        continue;
                    }
                    body.draw(&Rectangle::new(
                        [(left, bar_top), (right, bar_top + BAR_PX)],
                        colour.mix(0.85).filled(),
                    ))?;
                    if right - left >= MIN_LABEL_PX {
                        let text = format!("{:.0}%", share * 100.0);
                        let at = ((left + right) / 2, bar_top + BAR_PX / 2);
                        body.draw(&Text::new(text, at, label_style(HPos::Center, VPos::Center).color(&WHITE)))?;
                    }
                }
            }
            for (share, text) in [(-1.0, "100%"), (-0.5, "50%"), (0.0, "0"), (0.5, "50%"), (1.0, "100%")] {
                let x = x_of(share);
                let anchor = if share < -0.99 {
                    HPos::Left
                } else if share > 0.99 {
                    HPos::Right
                } else {
                    HPos::Center
                };
                body.draw(&PathElement::new(vec![(x, axis_top + 2), (x, axis_top + 6)], FOREGROUND.stroke_width(1)))?;
                body.draw(&Text::new(text, (x, axis_top + 8), label_style(anchor, VPos::Top)))?;
            }
            root.present()?;
        }
        Ok(RenderedDiverging { svg: adopt_page_colour(&svg), width_px: self.width_px, height_px })
    }
}
