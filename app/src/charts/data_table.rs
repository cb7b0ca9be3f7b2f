//! A chart's numbers as a table (the accessible alternative to the drawing, and its CSV).

use super::bar_chart::BarHover;
use super::hover::HoverIndex;
use super::time_ticks::format_instant;

pub const TIME_CHART_HEADER: [&str; 4] = ["series", "time (UTC)", "value", "n"];
pub const BAR_CHART_HEADER: [&str; 3] = ["category", "value", "n"];

/// One row per sample of every series, in the visible range: label, time, value (or `no data`), n.
pub fn time_chart_rows(hover: &HoverIndex) -> Vec<Vec<String>> {
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
                        series.label.clone(),
                        format_instant(sample.at_secs),
                        sample.value.map_or_else(|| "no data".to_owned(), |value| hover.unit.format(value)),
                        sample.n.map_or_else(String::new, |n| n.to_string()),
                    ]
                })
        })
        .collect()
}

/// One row per bar.
pub fn bar_chart_rows(hover: &BarHover) -> Vec<Vec<String>> {
    hover.bars.iter().map(|bar| vec![bar.label.clone(), hover.describe_value(bar), bar.n.to_string()]).collect()
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
        assert_eq!(
            time_chart_rows(&hover),
            [
                ["burn rate", "1970-01-01 00:00 UTC", "1.5×", "12"],
                ["burn rate", "1970-01-01 01:00 UTC", "no data", "0"],
            ]
        );
    }
}
