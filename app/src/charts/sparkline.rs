//! Sparklines: a small trend line without axes or text, its last value marked with a dot.
//! The page states the numbers next to it; the sparkline only shows the shape.

use plotters::prelude::*;

use super::decimate::decimate;
use super::frame::ChartError;
use super::palette::{adopt_page_colour, FOREGROUND};
use super::sample::Series;
use super::scale::{padded_range, TimeScale};

/// Draws `series` over `[start_secs, end_secs]` in a `width_px` x `height_px` box.
pub fn sparkline(
    series: &Series,
    start_secs: i64,
    end_secs: i64,
    width_px: u32,
    height_px: u32,
) -> Result<String, ChartError> {
    let (low, high) = padded_range(series.value_bounds());
    let end_secs = end_secs.max(start_secs.saturating_add(1));
    let scale = TimeScale::new(start_secs, end_secs, 0.0, f64::from(width_px));
    let segments = decimate(series.samples(), &scale);
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (width_px, height_px)).into_drawing_area();
        let mut chart = ChartBuilder::on(&root).margin(3).build_cartesian_2d(start_secs..end_secs, low..high)?;
        for segment in &segments {
            chart.draw_series(LineSeries::new(segment.iter().copied(), FOREGROUND.stroke_width(1)))?;
        }
        if let Some(last) = segments.last().and_then(|segment| segment.last()) {
            chart.draw_series(std::iter::once(Circle::new(*last, 2, FOREGROUND.filled())))?;
        }
        root.present()?;
    }
    Ok(adopt_page_colour(&svg))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::sample::Sample;

    #[test]
    fn a_sparkline_is_a_line_and_a_dot_without_text() {
        let series =
            Series::new("lead time", (0..8).map(|week| Sample::new(week * 604_800, Some(week as f64), Some(3))));
        let svg = sparkline(&series, 0, 7 * 604_800, 120, 28).unwrap_or_default();
        assert_eq!(svg.matches("<polyline").count(), 1);
        assert_eq!(svg.matches("<circle").count(), 1);
        assert!(!svg.contains("<text"));
        assert!(svg.contains(r#"width="120" height="28""#));
    }

    #[test]
    fn an_empty_series_draws_an_empty_box() {
        let svg = sparkline(&Series::new("x", []), 0, 10, 120, 28).unwrap_or_default();
        assert!(svg.starts_with("<svg"));
        assert!(!svg.contains("<polyline"));
    }
}
