//! The size limit for one input file (`--max-file-size`): `1GiB`, `512MiB`, `200MB` or bytes.

use std::fmt;
use std::str::FromStr;

/// The largest input file the CLI reads, in bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ByteLimit {
    pub bytes: u64,
}

/// The default limit: the benchmark data set (`demo --scale large`) is one file of about 600 MB.
pub const DEFAULT_MAX_FILE_SIZE: &str = "1GiB";

const UNITS: [(&str, u64); 8] = [
    ("gib", 1 << 30),
    ("mib", 1 << 20),
    ("kib", 1 << 10),
    ("gb", 1_000_000_000),
    ("mb", 1_000_000),
    ("kb", 1_000),
    ("b", 1),
    ("", 1),
];

impl FromStr for ByteLimit {
    type Err = String;

    fn from_str(text: &str) -> Result<ByteLimit, String> {
        let lower = text.trim().to_ascii_lowercase();
        let expected = || format!("expected a size like 1GiB, 512MiB, 200MB or 1000000 (bytes), found {text:?}");
        let (number, factor) = UNITS
            .iter()
            .find_map(|(unit, factor)| lower.strip_suffix(unit).map(|number| (number.trim_end(), *factor)))
            .ok_or_else(expected)?;
        let count: u64 = number.parse().map_err(|_| expected())?;
        let bytes = count.checked_mul(factor).ok_or_else(expected)?;
        Ok(ByteLimit { bytes })
    }
}

impl fmt::Display for ByteLimit {
    /// `1 GiB (1073741824 bytes)`, or just the bytes when no binary unit divides them.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let bytes = self.bytes;
        match UNITS[..3].iter().find(|(_, factor)| bytes >= *factor && bytes.is_multiple_of(*factor)) {
            Some((unit, factor)) => {
                let unit = match *unit {
                    "gib" => "GiB",
                    "mib" => "MiB",
                    _ => "KiB",
                };
                write!(f, "{} {unit} ({bytes} bytes)", bytes / factor)
            }
            None => write!(f, "{bytes} bytes"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<u64, String> {
        text.parse::<ByteLimit>().map(|limit| limit.bytes)
    }

    #[test]
    fn sizes_read_with_binary_and_decimal_units() {
        assert_eq!(parse(DEFAULT_MAX_FILE_SIZE), Ok(1 << 30));
        assert_eq!(parse("512MiB"), Ok(512 << 20));
        assert_eq!(parse("2 gb"), Ok(2_000_000_000));
        assert_eq!(parse("64KB"), Ok(64_000));
        assert_eq!(parse("1000"), Ok(1000));
        assert_eq!(parse("10b"), Ok(10));
        assert!(parse("").is_err());
        assert!(parse("1.5GiB").is_err());
        assert!(parse("-1").is_err());
        assert!(parse("99999999999999GiB").is_err());
    }

    #[test]
    fn limits_are_shown_in_the_unit_that_divides_them() {
        assert_eq!(ByteLimit { bytes: 1 << 30 }.to_string(), "1 GiB (1073741824 bytes)");
        assert_eq!(ByteLimit { bytes: 1000 }.to_string(), "1000 bytes");
    }
}
