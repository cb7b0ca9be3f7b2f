//! Duration texts of the definition formats: OpenSLO's duration-shorthand (`5m`, `4w`, `1M`, `1Q`,
//! `1Y`) and Prometheus durations as Pyrra writes them (`30d`, `2w`). Uptrend keeps fixed lengths
//! (minutes, hours, days, weeks) as spans; months, quarters and years are only calendar periods.

use uptrend_core::time::Span;

/// A parsed duration.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Duration {
    Fixed(Span),
    Months(u32),
    Quarters(u32),
    Years(u32),
}

/// Parses `text`; the error says what is expected.
pub fn parse_duration(text: &str) -> Result<Duration, String> {
    let calendar = |unit: char| -> Option<u32> {
        let digits = text.strip_suffix(unit)?;
        (!digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())).then(|| digits.parse().ok()).flatten()
    };
    if let Some(count) = calendar('M').filter(|&n| n > 0) {
        return Ok(Duration::Months(count));
    }
    if let Some(count) = calendar('Q').filter(|&n| n > 0) {
        return Ok(Duration::Quarters(count));
    }
    if let Some(count) = calendar('Y').or_else(|| calendar('y')).filter(|&n| n > 0) {
        return Ok(Duration::Years(count));
    }
    text.parse::<Span>().map(Duration::Fixed).map_err(|_| {
        format!(
            "{text:?} is not a duration Uptrend can use: expected a positive whole number and a unit, m (minutes), \
             h (hours), d (days) or w (weeks), or for a calendar window 1w, 1M or 1Q"
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shorthands_parse() {
        assert_eq!(parse_duration("28d"), Ok(Duration::Fixed(Span::DAY.times(28))));
        assert_eq!(parse_duration("1M"), Ok(Duration::Months(1)));
        assert_eq!(parse_duration("1Q"), Ok(Duration::Quarters(1)));
        assert_eq!(parse_duration("1Y"), Ok(Duration::Years(1)));
        for bad in ["", "0d", "1.5h", "30s", "1h30m", "M", "-1d"] {
            assert!(parse_duration(bad).is_err(), "{bad}");
        }
    }

    trait Times {
        fn times(self, n: i64) -> Span;
    }

    impl Times for Span {
        fn times(self, n: i64) -> Span {
            Span::from_secs(self.secs() * n).unwrap()
        }
    }
}
