//! A byte loop reading one SLI count column: a JSON array of `null` and integers in `0..=u64::MAX`.
//!
//! It accepts exactly what serde_json accepts as `Vec<Option<u64>>` and rejects everything else
//! (negatives, fractions, exponents, leading zeros, overflow, strings...) without saying why: a
//! rejected column sends the document down the serde path, which locates the problem exactly.

use crate::model::CountColumn;

/// Reads the array that starts at `bytes[start]`: its counts and the offset just past its `]`.
pub(crate) fn read_count_column(bytes: &[u8], start: usize) -> Option<(CountColumn, usize)> {
    let mut at = start;
    if bytes.get(at) != Some(&b'[') {
        return None;
    }
    at = skip_whitespace(bytes, at + 1);
    let mut counts = CountColumn::new();
    if bytes.get(at) == Some(&b']') {
        return Some((counts, at + 1));
    }
    loop {
        let (count, after) = read_item(bytes, at)?;
        counts.push(count);
        at = skip_whitespace(bytes, after);
        match bytes.get(at) {
            Some(b',') => at = skip_whitespace(bytes, at + 1),
            Some(b']') => return Some((counts, at + 1)),
            _ => return None,
        }
    }
}

/// JSON whitespace: space, tab, line feed, carriage return.
fn skip_whitespace(bytes: &[u8], mut at: usize) -> usize {
    while let Some(b' ' | b'\t' | b'\n' | b'\r') = bytes.get(at) {
        at += 1;
    }
    at
}

/// `null` or an integer without sign, fraction, exponent or leading zero; and the offset after it.
/// A digit after a leading zero is left to fail as a missing separator.
fn read_item(bytes: &[u8], at: usize) -> Option<(Option<u64>, usize)> {
    match bytes.get(at)? {
        b'n' => (bytes.get(at..at + 4)? == b"null").then_some((None, at + 4)),
        b'0' => Some((Some(0), at + 1)),
        b'1'..=b'9' => read_integer(bytes, at).map(|(value, end)| (Some(value), end)),
        _ => None,
    }
}

/// A run of up to 7 digits is read 8 bytes at a time; longer runs byte by byte.
fn read_integer(bytes: &[u8], start: usize) -> Option<(u64, usize)> {
    let word = bytes.get(start..start + 8).and_then(|chunk| <[u8; 8]>::try_from(chunk).ok());
    if let Some(word) = word.map(u64::from_le_bytes) {
        const ZEROS: u64 = 0x3030_3030_3030_3030;
        const ABOVE_NINE: u64 = 0x4646_4646_4646_4646;
        const HIGH_BITS: u64 = 0x8080_8080_8080_8080;
        // A byte is a digit when neither `byte - '0'` nor `byte + 0x46` sets its high bit. Borrows and
        // carries only move towards later bytes, so the first flagged byte ends the run.
        let digit_values = word.wrapping_sub(ZEROS);
        let not_digits = (digit_values | word.wrapping_add(ABOVE_NINE)) & HIGH_BITS;
        let run = (not_digits.trailing_zeros() / 8) as usize;
        if (1..8).contains(&run) {
            // Shifting the run to the top puts zeros (leading digits of value 0) before it.
            return Some((eight_digits_value(digit_values << (8 * (8 - run))), start + run));
        }
    }
    read_integer_bytewise(bytes, start)
}

/// The number written by 8 digit values (0..=9), one per byte, the first in the lowest byte.
fn eight_digits_value(digits: u64) -> u64 {
    const LOW_BYTE_OF_HALVES: u64 = 0x0000_00FF_0000_00FF;
    let pairs = digits.wrapping_mul(10).wrapping_add(digits >> 8);
    let high = (pairs & LOW_BYTE_OF_HALVES).wrapping_mul(100 + (1_000_000 << 32));
    let low = ((pairs >> 16) & LOW_BYTE_OF_HALVES).wrapping_mul(1 + (10_000 << 32));
    high.wrapping_add(low) >> 32
}

/// Digits accumulate unchecked (19 of them never overflow a u64); longer runs are read again, checked.
fn read_integer_bytewise(bytes: &[u8], start: usize) -> Option<(u64, usize)> {
    const NEVER_OVERFLOWS: usize = 19;
    let mut at = start;
    let mut value: u64 = 0;
    while let Some(digit @ 0..=9) = bytes.get(at).map(|byte| byte.wrapping_sub(b'0')) {
        value = value.wrapping_mul(10).wrapping_add(u64::from(digit));
        at += 1;
    }
    if at - start > NEVER_OVERFLOWS {
        value = bytes
            .get(start..at)?
            .iter()
            .try_fold(0_u64, |value, byte| value.checked_mul(10)?.checked_add(u64::from(byte.wrapping_sub(b'0'))))?;
    }
    Some((value, at))
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// The whole text must be the array, as for serde.
    fn read(text: &str) -> Option<Vec<Option<u64>>> {
        read_count_column(text.as_bytes(), 0)
            .and_then(|(counts, end)| (end == text.len()).then(|| counts.iter().collect()))
    }

    fn serde(text: &str) -> Option<Vec<Option<u64>>> {
        // serde also allows whitespace around the array; the scanner is only given what starts with `[`.
        if text.starts_with('[') && text.ends_with(']') {
            serde_json::from_str(text).ok()
        } else {
            None
        }
    }

    #[test]
    fn reads_counts_nulls_and_json_whitespace() {
        assert_eq!(read("[]"), Some(vec![]));
        assert_eq!(read("[ \t\n\r]"), Some(vec![]));
        assert_eq!(read("[0,null, 7 ,\r\n18446744073709551615\t]"), Some(vec![Some(0), None, Some(7), Some(u64::MAX)]));
        assert_eq!(read("[9999999999999999999]"), Some(vec![Some(9_999_999_999_999_999_999)]));
    }

    #[test]
    fn rejects_what_serde_rejects() {
        let rejected = [
            "[18446744073709551616]",
            "[99999999999999999999]",
            "[1,-2]",
            "[-0]",
            "[1.5]",
            "[1.0]",
            "[1e3]",
            "[1E3]",
            "[01]",
            "[nul]",
            "[nulls]",
            "[\"1\"]",
            "[true]",
            "[[1]]",
            "[1,]",
            "[,1]",
            "[1 2]",
            "[1",
            "[",
            "{}",
            "",
        ];
        for text in rejected {
            assert_eq!(read(text), None, "{text}");
            assert_eq!(serde(text), None, "{text}");
        }
    }

    #[test]
    fn reports_where_the_array_ends() {
        assert_eq!(read_count_column(b"[1, 2] , 3", 0), Some((CountColumn::from([Some(1), Some(2)]), 6)));
        assert_eq!(read_count_column(b"x[]", 1), Some((CountColumn::new(), 3)));
    }

    fn blank() -> impl Strategy<Value = String> {
        proptest::string::string_regex("[ \t\n\r]{0,2}").unwrap_or_else(|_| unreachable!())
    }

    /// Counts of every length, from 1 digit to 20.
    fn count() -> impl Strategy<Value = u64> {
        (any::<u64>(), 0_u32..20).prop_map(|(n, digits)| n.checked_rem(10_u64.pow(digits)).unwrap_or(n))
    }

    #[test]
    fn reads_every_run_length_of_digits() {
        for digits in 1..=20 {
            let text = format!("[{}, 7]", "9".repeat(digits));
            let expected = if digits < 20 { Some(10_u64.pow(digits as u32) - 1) } else { None };
            assert_eq!(read(&text).map(|counts| counts[0]), expected.map(Some), "{digits} digits");
            let power_of_ten = format!("[1{}]", "0".repeat(digits - 1));
            assert_eq!(read(&power_of_ten), Some(vec![Some(10_u64.pow(digits as u32 - 1))]), "{power_of_ten}");
        }
    }

    proptest! {
        #[test]
        fn agrees_with_serde_on_arrays_of_counts(
            items in proptest::collection::vec((proptest::option::of(count()), blank(), blank()), 0..20),
            inner in blank(),
        ) {
            let body: Vec<String> = items.iter().map(|(count, before, after)| {
                let item = count.map_or_else(|| "null".to_owned(), |n| n.to_string());
                format!("{before}{item}{after}")
            }).collect();
            let text = if body.is_empty() { format!("[{inner}]") } else { format!("[{}]", body.join(",")) };
            let expected: Vec<Option<u64>> = items.iter().map(|(count, _, _)| *count).collect();
            prop_assert_eq!(read(&text), Some(expected));
            prop_assert_eq!(read(&text), serde(&text));
        }

        #[test]
        fn agrees_with_serde_on_near_miss_text(text in "\\[[0-9nul, \t\\-.eE+\\]\"]{0,24}") {
            prop_assert_eq!(read(&text), serde(&text));
        }

        #[test]
        fn never_panics_on_any_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..64), start in 0_usize..70) {
            let _ = read_count_column(&bytes, start);
        }
    }
}
