//! Units of the value axis: how a number is written on ticks, in tooltips and in tables.

/// What a chart's values measure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// A percentage, stored as percent (`99.95`).
    Percent,
    /// A difference of two percentages.
    PercentagePoints,
    /// A burn rate: 1 spends the budget exactly over the window.
    BurnRate,
    Hours,
    /// Deployments, changes or incidents.
    Count,
    /// Deployments per day.
    PerDay,
    /// Durations of days or weeks (time to onboard).
    Days,
}

impl Unit {
    /// The unit as written in an axis label: `attainment (%)`.
    pub fn axis_suffix(self) -> &'static str {
        match self {
            Unit::Percent => "%",
            Unit::PercentagePoints => "percentage points",
            Unit::BurnRate => "× sustainable rate",
            Unit::Hours => "hours",
            Unit::Count => "count",
            Unit::PerDay => "per day",
            Unit::Days => "days",
        }
    }

    /// A value as shown on hover and in tables: exact enough to compare with the CLI's report.
    pub fn format(self, value: f64) -> String {
        match self {
            Unit::Percent => format!("{} %", trim_decimals(value, 3)),
            Unit::PercentagePoints => format!("{} pp", trim_decimals(value, 3)),
            Unit::BurnRate => format!("{}×", trim_decimals(value, 2)),
            Unit::Hours => format!("{} h", trim_decimals(value, 2)),
            Unit::Count => trim_decimals(value, 0),
            Unit::PerDay => format!("{}/day", trim_decimals(value, 2)),
            Unit::Days => format!("{} d", trim_decimals(value, 1)),
        }
    }

    /// A value as written on an axis tick: short.
    pub fn format_tick(self, value: f64) -> String {
        let decimals = match self {
            Unit::Percent | Unit::PercentagePoints | Unit::BurnRate | Unit::Hours | Unit::PerDay => 2,
            Unit::Days => 1,
            Unit::Count => 0,
        };
        trim_decimals(value, decimals)
    }
}

/// `value` with at most `decimals` decimals and no trailing zeros: `99.950` -> `99.95`, `-0` -> `0`.
fn trim_decimals(value: f64, decimals: usize) -> String {
    let text = format!("{value:.decimals$}");
    let text = if text.contains('.') { text.trim_end_matches('0').trim_end_matches('.') } else { &text };
    if text == "-0" {
        "0".to_owned()
    } else {
        text.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_written_with_their_unit_and_no_trailing_zeros() {
        assert_eq!(Unit::Percent.format(99.950), "99.95 %");
        assert_eq!(Unit::Percent.format(100.0), "100 %");
        assert_eq!(Unit::BurnRate.format(14.4), "14.4×");
        assert_eq!(Unit::Hours.format(2.0 / 3.0), "0.67 h");
        assert_eq!(Unit::Count.format(12.0), "12");
        assert_eq!(Unit::PerDay.format(-0.001), "0/day");
        assert_eq!(Unit::Days.format(11.583), "11.6 d");
    }

    #[test]
    fn ticks_are_short() {
        assert_eq!(Unit::Percent.format_tick(99.9049), "99.9");
        assert_eq!(Unit::Count.format_tick(3.4), "3");
    }
}
