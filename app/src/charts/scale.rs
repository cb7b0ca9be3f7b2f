//! The mapping between data (time, value) and SVG pixels of a chart's plot area, both ways.
//!
//! It mirrors plotters' linear mapping, so hover positions computed here land on what was drawn.

/// The time axis: `[start_secs, end_secs]` drawn over pixel columns `[left_px, left_px + width_px]`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TimeScale {
    pub start_secs: i64,
    pub end_secs: i64,
    pub left_px: f64,
    pub width_px: f64,
}

impl TimeScale {
    /// A scale over a non-empty range (an empty or inverted one is widened to one second).
    pub fn new(start_secs: i64, end_secs: i64, left_px: f64, width_px: f64) -> TimeScale {
        let end_secs = end_secs.max(start_secs.saturating_add(1));
        TimeScale { start_secs, end_secs, left_px, width_px: width_px.max(1.0) }
    }

    pub fn duration_secs(&self) -> f64 {
        self.end_secs as f64 - self.start_secs as f64
    }

    /// The x pixel of an instant (outside the plot area for instants outside the range).
    pub fn x_px(&self, at_secs: i64) -> f64 {
        self.left_px + (at_secs as f64 - self.start_secs as f64) / self.duration_secs() * self.width_px
    }

    /// The instant at an x pixel, clamped to the range.
    pub fn secs_at(&self, x_px: f64) -> i64 {
        let fraction = ((x_px - self.left_px) / self.width_px).clamp(0.0, 1.0);
        self.start_secs + (fraction * self.duration_secs()).round() as i64
    }

    /// The pixel column (0-based from the plot's left edge) an instant falls in; `None` outside the range.
    pub fn column(&self, at_secs: i64) -> Option<u32> {
        if at_secs < self.start_secs || at_secs > self.end_secs {
            return None;
        }
        let columns = self.width_px.floor().max(1.0);
        let column = ((at_secs as f64 - self.start_secs as f64) / self.duration_secs() * columns).floor();
        Some(column.min(columns - 1.0) as u32)
    }
}

/// The value axis: `[low, high]` drawn from `bottom_px` up to `bottom_px - height_px`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ValueScale {
    pub low: f64,
    pub high: f64,
    pub bottom_px: f64,
    pub height_px: f64,
}

impl ValueScale {
    pub fn y_px(&self, value: f64) -> f64 {
        let span = self.high - self.low;
        if span <= 0.0 {
            return self.bottom_px - self.height_px / 2.0;
        }
        self.bottom_px - (value - self.low) / span * self.height_px
    }

    pub fn value_at(&self, y_px: f64) -> f64 {
        if self.height_px <= 0.0 {
            return self.low;
        }
        self.low + (self.bottom_px - y_px) / self.height_px * (self.high - self.low)
    }
}

/// A value range that shows every given value with some air, never empty.
pub fn padded_range(bounds: Option<(f64, f64)>) -> (f64, f64) {
    match bounds {
        None => (0.0, 1.0),
        Some((low, high)) if high - low < 1e-9 => {
            let pad = (low.abs() * 0.01).max(0.5);
            (low - pad, high + pad)
        }
        Some((low, high)) => {
            let pad = (high - low) * 0.05;
            (low - pad, high + pad)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // 1000 s over 500 px: 2 s per pixel, plot starting at x = 100.
    const SCALE: TimeScale = TimeScale { start_secs: 1_000, end_secs: 2_000, left_px: 100.0, width_px: 500.0 };

    #[test]
    fn instants_map_to_pixels_and_back() {
        assert_eq!(SCALE.x_px(1_000), 100.0);
        assert_eq!(SCALE.x_px(1_500), 350.0);
        assert_eq!(SCALE.x_px(2_000), 600.0);
        assert_eq!(SCALE.secs_at(350.0), 1_500);
        assert_eq!(SCALE.secs_at(101.0), 1_002);
    }

    #[test]
    fn pixels_outside_the_plot_clamp_to_the_range() {
        assert_eq!(SCALE.secs_at(0.0), 1_000);
        assert_eq!(SCALE.secs_at(10_000.0), 2_000);
    }

    #[test]
    fn columns_cover_the_range_and_nothing_else() {
        assert_eq!(SCALE.column(1_000), Some(0));
        assert_eq!(SCALE.column(1_003), Some(1));
        assert_eq!(SCALE.column(2_000), Some(499));
        assert_eq!(SCALE.column(999), None);
        assert_eq!(SCALE.column(2_001), None);
    }

    #[test]
    fn values_map_upwards() {
        // 99..100 over 200 px from y = 250 up to y = 50.
        let scale = ValueScale { low: 99.0, high: 100.0, bottom_px: 250.0, height_px: 200.0 };
        assert_eq!(scale.y_px(99.0), 250.0);
        assert_eq!(scale.y_px(99.5), 150.0);
        assert_eq!(scale.value_at(50.0), 100.0);
    }

    #[test]
    fn ranges_get_air_and_are_never_empty() {
        assert_eq!(padded_range(None), (0.0, 1.0));
        assert_eq!(padded_range(Some((0.0, 10.0))), (-0.5, 10.5));
        assert_eq!(padded_range(Some((100.0, 100.0))), (99.0, 101.0));
    }
}
