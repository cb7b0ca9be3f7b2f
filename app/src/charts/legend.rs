//! Legend entries and their placement in rows across the chart's width.

use plotters::style::RGBColor;

pub const LEGEND_ROW_PX: u32 = 18;
/// A rough width of one character at the label size: the same estimate natively and in the
/// browser, so the layout (and the snapshot tests) do not depend on font measurement.
const CHAR_PX: f64 = 6.8;
const GLYPH_PX: i32 = 24;
const GAP_PX: i32 = 16;
const LEFT_PX: i32 = 8;

/// How an entry's sample is drawn.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum LegendGlyph {
    Line { colour: RGBColor, dash: Option<(u32, u32)> },
    Area(RGBColor),
    Band(RGBColor),
    Marker { colour: RGBColor, failed: bool },
}

#[derive(Debug, Clone, PartialEq)]
pub struct LegendEntry {
    pub label: String,
    pub glyph: LegendGlyph,
}

/// An entry placed at `x_px` on legend row `row`.
#[derive(Debug, Clone, PartialEq)]
pub struct PlacedEntry<'a> {
    pub entry: &'a LegendEntry,
    pub x_px: i32,
    pub row: u32,
}

/// Places entries left to right, wrapping to a new row when the next would pass `width_px`.
pub fn layout_legend(entries: &[LegendEntry], width_px: u32) -> Vec<PlacedEntry<'_>> {
    let width_px = i32::try_from(width_px).unwrap_or(i32::MAX);
    let mut placed = Vec::with_capacity(entries.len());
    let (mut x, mut row) = (LEFT_PX, 0);
    for entry in entries {
        let text_px = (entry.label.chars().count() as f64 * CHAR_PX).ceil() as i32;
        let entry_px = GLYPH_PX.saturating_add(text_px);
        if x > LEFT_PX && x.saturating_add(entry_px) > width_px {
            x = LEFT_PX;
            row += 1;
        }
        placed.push(PlacedEntry { entry, x_px: x, row });
        x = x.saturating_add(entry_px).saturating_add(GAP_PX);
    }
    placed
}

/// `text` cut with an ellipsis to fit `max_px` at `char_px` per character (an estimate, as above).
pub fn fit_text(text: &str, max_px: f64, char_px: f64) -> String {
    let max_chars = (max_px / char_px).floor().max(1.0) as usize;
    if text.chars().count() <= max_chars {
        return text.to_owned();
    }
    let kept: String = text.chars().take(max_chars.saturating_sub(1)).collect();
    format!("{}…", kept.trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_text_is_cut_with_an_ellipsis() {
        // 100 px at 10 px per character holds 10 characters: 9 kept and the ellipsis.
        assert_eq!(fit_text("Recorded events per bucket", 100.0, 10.0), "Recorded…");
        assert_eq!(fit_text("short", 100.0, 10.0), "short");
    }

    fn entry(label: &str) -> LegendEntry {
        LegendEntry { label: label.to_owned(), glyph: LegendGlyph::Band(RGBColor(0, 0, 0)) }
    }

    #[test]
    fn entries_wrap_when_the_row_is_full() {
        // Each 10-char entry is 24 + 68 = 92 px plus a 16 px gap: x = 8, 116, then 224 + 92 > 300 wraps.
        let entries: Vec<LegendEntry> = (0..3).map(|_| entry("abcdefghij")).collect();
        let placed = layout_legend(&entries, 300);
        let positions: Vec<(i32, u32)> = placed.iter().map(|p| (p.x_px, p.row)).collect();
        assert_eq!(positions, [(8, 0), (116, 0), (8, 1)]);
    }

    #[test]
    fn an_entry_wider_than_the_chart_still_gets_its_own_row() {
        let entries = [entry(&"x".repeat(100)), entry("y")];
        let rows: Vec<u32> = layout_legend(&entries, 200).iter().map(|p| p.row).collect();
        assert_eq!(rows, [0, 1]);
    }
}
