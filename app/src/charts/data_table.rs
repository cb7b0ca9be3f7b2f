//! A chart's numbers as a table (the accessible alternative to the drawing, and its CSV).

use super::bar_chart::{Bar, BarHover};
use super::hover::HoverIndex;
use super::time_ticks::format_instant;
use crate::cell::Cell;

pub const TIME_CHART_HEADER: [&str; 4] = ["series", "time (UTC)", "value", "n"];
pub const BAR_CHART_HEADER: [&str; 3] = ["category", "value", "n"];

/// One row per sample of every series, in the visible range: label, time, value (or `no data`), n.
pub fn time_chart_rows(hover: &HoverIndex) -> Vec<Vec<Cell>> {
    let scale = hover.time_scale;
    hover
        .series()
        .iter()
        .flat_map(|series| {
            series
                .samples()
                .iter()
                .filter(move |sample| (scale.start_secs..=scale.end_secs).contains(&sample.at_secs))
                .map(move |sample| {
                    vec![
                        Cell::text(series.label.clone()),
                        Cell::text(format_instant(sample.at_secs)),
                        sample.value.map_or_else(|| Cell::text("no data"), |value| Cell::quantity(hover.unit, value)),
                        sample.n.map_or_else(|| Cell::text(""), Cell::count),
                    ]
                })
        })
        .collect()
}

/// One row per bar.
pub fn bar_chart_rows(hover: &BarHover) -> Vec<Vec<Cell>> {
    let value = |bar: &Bar| match bar.value.is_finite() {
        true => Cell::quantity(hover.unit, bar.value),
        false => Cell::text(hover.describe_value(bar)),
    };
    hover.bars.iter().map(|bar| vec![Cell::text(bar.label.clone()), value(bar), Cell::count(bar.n)]).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::sample::{Sample, Series};
    use crate::charts::scale::{TimeScale, ValueScale};
    use crate::charts::unit::Unit;

    #[test]
    fn rows_list_the_visible_samples_with_units_and_gaps() {
        let series = Series::new(
            "burn rate",
            [
                Sample::new(0, Some(1.5), Some(12)),
                Sample::new(3_600, None, Some(0)),
                Sample::new(999_999, Some(9.0), Some(1)),
            ],
        );
        let hover = HoverIndex::new(
            TimeScale::new(0, 7_200, 0.0, 100.0),
            ValueScale { low: 0.0, high: 2.0, bottom_px: 100.0, height_px: 100.0 },
            Unit::BurnRate,
            vec![series],
        );
        let shown: Vec<Vec<String>> =
            time_chart_rows(&hover).iter().map(|row| row.iter().map(Cell::to_string).collect()).collect();
        assert_eq!(
            shown,
            [
                ["burn rate", "1970-01-01 00:00 UTC", "1.5×", "12"],
                ["burn rate", "1970-01-01 01:00 UTC", "no data", "0"],
            ]
        );
    }
}
