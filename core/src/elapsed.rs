//! Whole seconds between two instants, as `to.signed_duration_since(from).num_seconds()` gives them,
//! from the two Unix timestamps: chrono's date-difference path is a measurable share of the DORA
//! engine on a million deployments (lead times, recoveries, restores), twice so in the wasm.

use chrono::{DateTime, Timelike, Utc};

/// `to − from` in whole seconds, truncated toward zero (chrono's `num_seconds`).
pub fn elapsed_secs(from: DateTime<Utc>, to: DateTime<Utc>) -> i64 {
    let (from_nanos, to_nanos) = (from.nanosecond(), to.nanosecond());
    // A leap second (nanoseconds of 1e9 or more) takes chrono's own arithmetic.
    if from_nanos >= 1_000_000_000 || to_nanos >= 1_000_000_000 {
        return to.signed_duration_since(from).num_seconds();
    }
    // Both timestamps lie within chrono's range (about ±8.3e12 s): the difference cannot overflow.
    let secs = to.timestamp() - from.timestamp();
    match to_nanos.cmp(&from_nanos) {
        std::cmp::Ordering::Less if secs > 0 => secs - 1,
        std::cmp::Ordering::Greater if secs < 0 => secs + 1,
        _ => secs,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn chrono_secs(from: DateTime<Utc>, to: DateTime<Utc>) -> i64 {
        to.signed_duration_since(from).num_seconds()
    }

    #[test]
    fn fractions_truncate_toward_zero_both_ways() {
        let at = |text: &str| text.parse::<DateTime<Utc>>().unwrap();
        let (a, b) = (at("2026-01-01T00:00:00.750Z"), at("2026-01-01T00:00:02.250Z"));
        assert_eq!((elapsed_secs(a, b), elapsed_secs(b, a)), (1, -1));
        assert_eq!(elapsed_secs(at("2026-01-01T00:00:00Z"), at("2026-03-01T00:00:00Z")), 59 * 86_400);
    }

    #[test]
    fn a_leap_second_is_counted_as_chrono_counts_it() {
        let leap = NaiveDate::from_ymd_opt(2016, 12, 31).unwrap().and_hms_nano_opt(23, 59, 59, 1_500_000_000).unwrap();
        let leap = leap.and_utc();
        for other in ["2016-12-31T23:59:00Z", "2017-01-01T00:00:01.2Z", "2016-12-31T23:59:59.9Z"] {
            let other: DateTime<Utc> = other.parse().unwrap();
            assert_eq!(elapsed_secs(leap, other), chrono_secs(leap, other));
            assert_eq!(elapsed_secs(other, leap), chrono_secs(other, leap));
        }
    }

    proptest::proptest! {
        #[test]
        fn equals_chronos_whole_seconds(
            from_secs in -8_000_000_000_000_i64..8_000_000_000_000,
            to_secs in -8_000_000_000_000_i64..8_000_000_000_000,
            from_nanos in 0_u32..2_000_000_000,
            to_nanos in 0_u32..2_000_000_000,
            near in proptest::bool::ANY,
        ) {
            // Leap-second nanoseconds are only valid at :59; clamp to an instant chrono accepts.
            let to_secs = if near { from_secs + to_secs % 100_000 } else { to_secs };
            let instant = |secs: i64, nanos: u32| {
                DateTime::from_timestamp(secs, nanos).or_else(|| DateTime::from_timestamp(secs, nanos % 1_000_000_000))
            };
            if let (Some(from), Some(to)) = (instant(from_secs, from_nanos), instant(to_secs, to_nanos)) {
                proptest::prop_assert_eq!(elapsed_secs(from, to), chrono_secs(from, to));
            }
        }
    }
}
