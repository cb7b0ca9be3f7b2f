//! Objectives written as percentages (`99.9`), as the ratio they mean. `99.9 / 100.0` is
//! 0.9990000000000001 in floating point (and `99.99 / 100.0` is 0.9998999999999999): an SLO
//! defined at 99.9 % would carry an objective that is neither what its definition says nor what
//! the report shows, and its error budget would be off. The decimal point is moved instead.

/// The double nearest to the decimal `percent` / 100 (`99.9` → `0.999`).
pub(crate) fn ratio_of_percent(percent: f64) -> f64 {
    // `{}` writes the shortest decimal that reads back as `percent`; reading it two powers of ten
    // lower rounds once, correctly. NaN and infinities do not read back: divided as they are.
    format!("{percent}e-2").parse().unwrap_or(percent / 100.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentages_become_the_ratio_written() {
        assert_eq!(99.9 / 100.0, 0.9990000000000001, "the division this avoids");
        for (percent, ratio) in [(99.9, 0.999), (99.99, 0.9999), (99.999, 0.99999), (50.0, 0.5), (0.1, 0.001)] {
            assert_eq!(ratio_of_percent(percent), ratio, "{percent}");
        }
        assert_eq!(ratio_of_percent(100.0), 1.0);
        assert_eq!(ratio_of_percent(-2.5), -0.025);
        assert!(ratio_of_percent(f64::NAN).is_nan());
        assert_eq!(ratio_of_percent(f64::INFINITY), f64::INFINITY);
    }

    proptest::proptest! {
        #[test]
        fn a_decimal_percentage_gives_the_nearest_double_to_its_ratio(digits in 0_u64..10_000_000, places in 0_i32..6) {
            let percent: f64 = format!("{digits}e-{places}").parse().unwrap();
            let ratio: f64 = format!("{digits}e-{}", places + 2).parse().unwrap();
            proptest::prop_assert_eq!(ratio_of_percent(percent).to_bits(), ratio.to_bits());
        }
    }
}
