//! How a measured duration reads for people, one wording for the site and the Markdown report, so that
//! a lead time reads the same in both.

/// A duration in the unit its magnitude reads best in: `42 s`, `45 min`, `3.2 h`, `4.5 d`. The sign is
/// kept and the unit follows the magnitude, so a change committed two hours after its deployment reads
/// `-2.0 h`, not `-7200 s`.
pub fn duration_text(secs: f64) -> String {
    let magnitude = secs.abs();
    if magnitude < 60.0 {
        format!("{secs:.0} s")
    } else if magnitude < 3600.0 {
        format!("{:.0} min", secs / 60.0)
    } else if magnitude < 86_400.0 {
        format!("{:.1} h", secs / 3600.0)
    } else {
        format!("{:.1} d", secs / 86_400.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_unit_follows_the_magnitude() {
        assert_eq!(duration_text(42.0), "42 s");
        assert_eq!(duration_text(2_700.0), "45 min");
        // 11_520 s = 3.2 h; 388_800 s = 4.5 d.
        assert_eq!(duration_text(11_520.0), "3.2 h");
        assert_eq!(duration_text(388_800.0), "4.5 d");
    }

    #[test]
    fn negative_durations_keep_their_sign_and_a_readable_unit() {
        assert_eq!(duration_text(-7_200.0), "-2.0 h");
        assert_eq!(duration_text(-30.0), "-30 s");
        assert_eq!(duration_text(-172_800.0), "-2.0 d");
    }

    #[test]
    fn unit_boundaries_belong_to_the_larger_unit() {
        assert_eq!(duration_text(59.0), "59 s");
        assert_eq!(duration_text(60.0), "1 min");
        assert_eq!(duration_text(3_600.0), "1.0 h");
        assert_eq!(duration_text(86_400.0), "1.0 d");
    }
}
