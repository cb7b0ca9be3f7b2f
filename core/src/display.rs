//! How durations and windows read for people: one wording for the site and the Markdown report, so
//! that a lead time or an SLO window reads the same in both.

use crate::time::{CalendarPeriod, Window};

/// A duration in the unit its magnitude reads best in: `42 s`, `45 min`, `3.2 h`, `4.5 d`. The sign is
/// kept and the unit follows the magnitude, so a change committed two hours after its deployment reads
/// `-2.0 h`, not `-7200 s`.
pub fn duration_text(secs: f64) -> String {
    // The unit is chosen by the value as it will be written: 59.6 s is `1 min`, not `60 s`.
    let text = if secs.abs().round() < 60.0 {
        format!("{secs:.0} s")
    } else if (secs / 60.0).abs().round() < 60.0 {
        format!("{:.0} min", secs / 60.0)
    } else if ((secs / 3600.0).abs() * 10.0).round() < 240.0 {
        format!("{:.1} h", secs / 3600.0)
    } else {
        format!("{:.1} d", secs / 86_400.0)
    };
    match text.strip_prefix('-') {
        // A negative value that rounds to zero (a lead time of -0.3 s) is written without its sign.
        Some(rest) if rest.trim_start_matches(['0', '.']).starts_with(' ') => rest.to_owned(),
        _ => text,
    }
}

/// `28 days rolling`, `6 hours rolling`, `calendar quarter`: the window as a reader says it.
pub fn window_in_words(window: Window) -> String {
    match window {
        Window::Rolling(span) => format!("{} rolling", span_in_words(span.secs())),
        Window::Calendar(CalendarPeriod::Week) => "calendar week".to_owned(),
        Window::Calendar(CalendarPeriod::Month) => "calendar month".to_owned(),
        Window::Calendar(CalendarPeriod::Quarter) => "calendar quarter".to_owned(),
    }
}

/// `28 days`, `1 hour`, `90 minutes`: a whole number of the largest unit that divides it.
pub fn span_in_words(secs: i64) -> String {
    let (amount, unit) = span_parts(secs);
    let plural = if amount == 1 { "" } else { "s" };
    format!("{amount} {unit}{plural}")
}

/// `5-minute`, `1-hour`: a span before a noun.
pub fn span_adjective(secs: i64) -> String {
    let (amount, unit) = span_parts(secs);
    format!("{amount}-{unit}")
}

fn span_parts(secs: i64) -> (i64, &'static str) {
    if secs % 86_400 == 0 {
        (secs / 86_400, "day")
    } else if secs % 3_600 == 0 {
        (secs / 3_600, "hour")
    } else if secs % 60 == 0 {
        (secs / 60, "minute")
    } else {
        (secs, "second")
    }
}

/// A count with its thousands grouped from five digits on: `9999`, `10,000`, `1,234,567`; so that
/// the events of a busy SLO's window can be read at a glance.
pub fn count_text(count: u64) -> String {
    group_thousands(&count.to_string())
}

/// A count computed as a real number (an error budget of 23874.3 events), rounded to whole and
/// grouped like [`count_text`]: `23,874`.
pub fn rounded_count_text(value: f64) -> String {
    let text = format!("{value:.0}");
    group_thousands(if text == "-0" { "0" } else { &text })
}

/// A whole number (`-1234567`, as `{:.0}` writes it) with its thousands grouped from five digits on;
/// anything else (a fraction, text) is returned as it is.
pub fn group_thousands(number: &str) -> String {
    let (sign, digits) = number.strip_prefix('-').map_or(("", number), |digits| ("-", digits));
    if digits.len() < 5 || !digits.bytes().all(|byte| byte.is_ascii_digit()) {
        return number.to_owned();
    }
    let mut out = String::with_capacity(number.len() + digits.len() / 3);
    out.push_str(sign);
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index) % 3 == 0 {
            out.push(',');
        }
        out.push(digit);
    }
    out
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
    fn windows_read_as_words() {
        let window = |text: &str| window_in_words(text.parse().unwrap_or(Window::Calendar(CalendarPeriod::Week)));
        assert_eq!(window("28d"), "28 days rolling");
        assert_eq!(window("1d"), "1 day rolling");
        assert_eq!(window("6h"), "6 hours rolling");
        assert_eq!(window("90m"), "90 minutes rolling");
        assert_eq!(window("calendar:quarter"), "calendar quarter");
        assert_eq!(span_in_words(300), "5 minutes");
        assert_eq!(span_adjective(300), "5-minute");
    }

    #[test]
    fn counts_group_their_thousands_from_five_digits() {
        assert_eq!(count_text(0), "0");
        assert_eq!(count_text(9_999), "9999");
        assert_eq!(count_text(10_000), "10,000");
        assert_eq!(count_text(1_234_567), "1,234,567");
        assert_eq!(count_text(u64::MAX), "18,446,744,073,709,551,615");
        assert_eq!(group_thousands("-1234567"), "-1,234,567");
        assert_eq!(group_thousands("12345.5"), "12345.5");
        assert_eq!(group_thousands("-"), "-");
        assert_eq!(rounded_count_text(23_874.3), "23,874");
        assert_eq!(rounded_count_text(-0.2), "0");
        assert_eq!(rounded_count_text(2.5), "2");
    }

    #[test]
    fn unit_boundaries_belong_to_the_larger_unit() {
        assert_eq!(duration_text(59.0), "59 s");
        assert_eq!(duration_text(60.0), "1 min");
        assert_eq!(duration_text(3_600.0), "1.0 h");
        assert_eq!(duration_text(86_400.0), "1.0 d");
        // The unit follows the value as written, after rounding.
        assert_eq!(duration_text(59.6), "1 min");
        assert_eq!(duration_text(3_599.0), "1.0 h");
        assert_eq!(duration_text(86_399.0), "1.0 d");
        assert_eq!(duration_text(-0.3), "0 s");
        assert_eq!(duration_text(-0.6), "-1 s");
    }
}
