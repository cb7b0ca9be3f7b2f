//! A problem found while importing: which file, where in it (a YAML or JSON path, a line and column,
//! a CSV line), and why. Skipped records and caveats are both problems; the severity tells them apart.

use std::fmt;

use serde::Serialize;
use uptrend_core::problem::Severity;

/// Where in a file: a path into the document (`spec.objectives[1].target`, `data.result[0].values[7]`;
/// empty for the whole file) and, when known, the line and column (both 1-based).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Location {
    pub path: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<usize>,
}

impl Location {
    /// The whole file.
    pub fn file() -> Location {
        Location::default()
    }

    /// A path into the document.
    pub fn path(path: impl Into<String>) -> Location {
        Location { path: path.into(), line: None, column: None }
    }

    /// A line (a CSV record, say), without a column.
    pub fn line(line: usize) -> Location {
        Location { path: String::new(), line: Some(line), column: None }
    }

    /// This location, at `line` and `column`.
    pub fn at(mut self, line: usize, column: usize) -> Location {
        self.line = Some(line);
        self.column = Some(column);
        self
    }
}

/// One problem in one input file. [`Severity::Error`]: the input is wrong (the command exits 1);
/// [`Severity::Warning`]: valid input that is not imported, or imported with a caveat.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    pub severity: Severity,
    pub file: String,
    #[serde(flatten)]
    pub location: Location,
    pub message: String,
}

impl Problem {
    pub fn error(file: impl Into<String>, location: Location, message: impl Into<String>) -> Problem {
        Problem { severity: Severity::Error, file: file.into(), location, message: message.into() }
    }

    pub fn warning(file: impl Into<String>, location: Location, message: impl Into<String>) -> Problem {
        Problem { severity: Severity::Warning, file: file.into(), location, message: message.into() }
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Problem {
    /// `error: slos.yaml:12:7: spec.objectives[0].target: target 1.2 is out of range: ...`, the same
    /// shape as `uptrend validate` prints.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let severity = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{severity}: {}", self.file)?;
        if let Some(line) = self.location.line {
            write!(f, ":{line}")?;
            if let Some(column) = self.location.column {
                write!(f, ":{column}")?;
            }
        }
        if !self.location.path.is_empty() {
            write!(f, ": {}", self.location.path)?;
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for Problem {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn problems_show_file_line_column_path_and_reason() {
        let problem = Problem::error("slos.yaml", Location::path("spec.budgetingMethod").at(12, 3), "unknown");
        assert_eq!(problem.to_string(), "error: slos.yaml:12:3: spec.budgetingMethod: unknown");
        let csv = Problem::warning("deployments.csv", Location::line(7), "no service");
        assert_eq!(csv.to_string(), "warning: deployments.csv:7: no service");
        assert_eq!(Problem::error("a.json", Location::file(), "not JSON").to_string(), "error: a.json: not JSON");
    }
}
