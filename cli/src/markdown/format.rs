//! How numbers read in the Markdown report: percentages, durations, rates; `—` for undefined values.

/// Shown for a value the core leaves undefined (no traffic, no deployments).
pub const UNDEFINED: &str = "—";

/// A ratio as a percentage with `decimals` digits: `0.99953` -> `99.953%`.
pub fn percent(ratio: Option<f64>, decimals: usize) -> String {
    ratio.map_or_else(|| UNDEFINED.to_owned(), |ratio| format!("{:.decimals$}%", ratio * 100.0))
}

/// An objective as a percentage without trailing zeros: `0.999` -> `99.9%`, `0.9995` -> `99.95%`.
pub fn objective(ratio: f64) -> String {
    let text = format!("{:.4}", ratio * 100.0);
    let trimmed = text.trim_end_matches('0').trim_end_matches('.');
    format!("{trimmed}%")
}

/// A duration in the unit that reads best (`45 min`, `3.2 h`, `-2.0 h`): the site's wording, from the core.
pub fn duration(secs: Option<f64>) -> String {
    secs.map_or_else(|| UNDEFINED.to_owned(), uptrend_core::display::duration_text)
}

/// A plain number with `decimals` digits.
pub fn number(value: Option<f64>, decimals: usize) -> String {
    value.map_or_else(|| UNDEFINED.to_owned(), |value| format!("{value:.decimals$}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentages_keep_the_sign_and_the_requested_digits() {
        assert_eq!(percent(Some(0.999_53), 3), "99.953%");
        assert_eq!(percent(Some(-3.151_8), 1), "-315.2%");
        assert_eq!(percent(None, 1), "—");
    }

    #[test]
    fn objectives_drop_trailing_zeros() {
        assert_eq!(objective(0.999), "99.9%");
        assert_eq!(objective(0.9995), "99.95%");
        assert_eq!(objective(0.99), "99%");
        assert_eq!(objective(0.9999), "99.99%");
    }

    #[test]
    fn durations_read_as_on_the_site_and_undefined_is_a_dash() {
        assert_eq!(duration(Some(2_700.0)), "45 min");
        assert_eq!(duration(Some(-7_200.0)), "-2.0 h");
        assert_eq!(duration(None), "—");
    }
}
