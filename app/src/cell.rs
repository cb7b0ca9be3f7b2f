//! One cell of a site table: shown as text on the page, and typed for the CSV download, so the CSV
//! writer knows a program-formatted number (`-12.5 %`, which may start with `-`) from data text (a
//! service named `=HYPERLINK(...)`) without guessing from the characters.

use std::fmt;

use crate::charts::Unit;
use uptrend_core::display::duration_text;

/// A table cell: data text, or a number the program formatted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    text: String,
    kind: Kind,
}

/// What a cell holds; only the constructors below decide it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Names, ids, labels: anything that may come from the data.
    Text,
    /// A number written by the program (never data text).
    Number,
}

impl Cell {
    /// Text, possibly from the data: the CSV writer neutralises it if it could be read as a formula.
    pub fn text(text: impl Into<String>) -> Cell {
        Cell { text: text.into(), kind: Kind::Text }
    }

    /// A number as Rust writes it (`-0.5`, `12`, `1e-7`): the shortest text that reads back exactly.
    /// NaN and infinities are not numbers a spreadsheet reads; they are text.
    pub fn number(value: f64) -> Cell {
        let kind = if value.is_finite() { Kind::Number } else { Kind::Text };
        Cell { text: value.to_string(), kind }
    }

    /// A count of events or records.
    pub fn count(value: u64) -> Cell {
        Cell { text: value.to_string(), kind: Kind::Number }
    }

    /// A number with its unit as the page shows it (`-12.5 %`, `1.5×`, `-2 h`).
    pub fn quantity(unit: Unit, value: f64) -> Cell {
        let kind = if value.is_finite() { Kind::Number } else { Kind::Text };
        Cell { text: unit.format(value), kind }
    }

    /// A duration as a person reads it (`45 min`, `-2 h`, `4.5 d`): a number for the CSV.
    pub fn duration(secs: f64) -> Cell {
        let kind = if secs.is_finite() { Kind::Number } else { Kind::Text };
        Cell { text: duration_text(secs), kind }
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }

    pub fn kind(&self) -> Kind {
        self.kind
    }
}

impl fmt::Display for Cell {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl From<String> for Cell {
    fn from(text: String) -> Cell {
        Cell::text(text)
    }
}

impl From<&str> for Cell {
    fn from(text: &str) -> Cell {
        Cell::text(text)
    }
}

impl From<&String> for Cell {
    fn from(text: &String) -> Cell {
        Cell::text(text.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_constructor_decides_the_kind_not_the_text() {
        assert_eq!(Cell::text("-2").kind(), Kind::Text);
        assert_eq!(Cell::number(-2.0).kind(), Kind::Number);
        assert_eq!(Cell::number(-2.0).as_str(), "-2");
        assert_eq!(Cell::quantity(Unit::Percent, -12.5).as_str(), "-12.5 %");
        assert_eq!(Cell::quantity(Unit::Percent, -12.5).kind(), Kind::Number);
        assert_eq!(Cell::number(f64::NEG_INFINITY).kind(), Kind::Text);
        assert_eq!(Cell::count(7).to_string(), "7");
    }
}
