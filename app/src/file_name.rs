//! Names of downloaded files, derived from titles that may hold any text.

/// A file name stem from a title: lowercase ASCII letters and digits joined by single dashes.
pub fn file_stem(title: &str) -> String {
    let mapped: String =
        title.chars().map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '-' }).collect();
    let stem = mapped.split('-').filter(|part| !part.is_empty()).collect::<Vec<_>>().join("-");
    if stem.is_empty() {
        "uptrend".to_owned()
    } else {
        stem
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_become_safe_file_names() {
        assert_eq!(file_stem("Attainment per day: Checkout API"), "attainment-per-day-checkout-api");
        assert_eq!(file_stem("../<img src=x>"), "img-src-x");
        assert_eq!(file_stem("✓✓"), "uptrend");
    }
}
