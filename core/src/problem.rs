//! Problems found in the input: values with context (file, JSON path, reason), never panics.

use std::fmt;

use serde::{Deserialize, Serialize};

/// Errors make a snapshot unusable (it is left out of the merge); warnings keep it in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Warning,
    Error,
}

/// One problem in one file, located by JSON path (`slos[3].sli.good[1201]`, empty for the whole
/// file) and, for malformed JSON, by line and column.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    pub severity: Severity,
    pub file: String,
    pub path: String,
    pub message: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub column: Option<usize>,
}

impl Problem {
    pub fn error(file: impl Into<String>, path: impl Into<String>, message: impl Into<String>) -> Problem {
        Problem::new(Severity::Error, file, path, message)
    }

    pub fn warning(file: impl Into<String>, path: impl Into<String>, message: impl Into<String>) -> Problem {
        Problem::new(Severity::Warning, file, path, message)
    }

    fn new(
        severity: Severity,
        file: impl Into<String>,
        path: impl Into<String>,
        message: impl Into<String>,
    ) -> Problem {
        Problem { severity, file: file.into(), path: path.into(), message: message.into(), line: None, column: None }
    }

    pub fn at_line(mut self, line: usize, column: usize) -> Problem {
        self.line = Some(line);
        self.column = Some(column);
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Problem {
    /// `error: data/snapshots/a.json: slos[3].sli.good[1201]: good (12) is greater than total (10)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let severity = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{severity}: {}", self.file)?;
        if let (Some(line), Some(column)) = (self.line, self.column) {
            write!(f, ":{line}:{column}")?;
        }
        if !self.path.is_empty() {
            write!(f, ": {}", self.path)?;
        }
        write!(f, ": {}", self.message)
    }
}
