//! Reading fields of an API record, each failure naming the field's path and what was expected.

use chrono::{DateTime, Utc};
use serde_json::Value;

use super::pages::kind;
use crate::{Location, Problem};

/// Why a field cannot be used: its path below the record (`deployable.commit.id`) and the reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct FieldError {
    pub field: String,
    pub reason: String,
}

impl FieldError {
    pub fn new(field: impl Into<String>, reason: impl Into<String>) -> FieldError {
        FieldError { field: field.into(), reason: reason.into() }
    }
}

/// The value at a dotted path (`deployable.commit.id`); `None` when absent or `null`.
pub(crate) fn at<'a>(record: &'a Value, path: &str) -> Option<&'a Value> {
    path.split('.').try_fold(record, |value, key| value.get(key)).filter(|value| !value.is_null())
}

/// A required string (numbers are accepted and written in decimal: API ids are often numbers).
pub(crate) fn text(record: &Value, path: &str, expected: &str) -> Result<String, FieldError> {
    match at(record, path) {
        Some(Value::String(text)) if !text.trim().is_empty() => Ok(text.clone()),
        Some(Value::Number(number)) => Ok(number.to_string()),
        Some(Value::String(_)) => Err(FieldError::new(path, format!("`{path}` is empty: expected {expected}"))),
        Some(other) => Err(FieldError::new(path, format!("`{path}` is {}: expected {expected}", kind(other)))),
        None => Err(FieldError::new(path, format!("`{path}` is missing: expected {expected}"))),
    }
}

/// An optional string: `None` when absent, `null` or not a string.
pub(crate) fn optional_text(record: &Value, path: &str) -> Option<String> {
    match at(record, path) {
        Some(Value::String(text)) if !text.trim().is_empty() => Some(text.clone()),
        Some(Value::Number(number)) => Some(number.to_string()),
        _ => None,
    }
}

/// A required RFC 3339 timestamp.
pub(crate) fn instant(record: &Value, path: &str) -> Result<DateTime<Utc>, FieldError> {
    let text = text(record, path, "an RFC 3339 timestamp")?;
    parse_instant(&text).ok_or_else(|| {
        FieldError::new(path, format!("`{path}` is {text:?}: expected an RFC 3339 timestamp like 2026-11-21T10:00:00Z"))
    })
}

/// An optional timestamp: `Ok(None)` when absent or `null`, an error when present but malformed.
pub(crate) fn optional_instant(record: &Value, path: &str) -> Result<Option<DateTime<Utc>>, FieldError> {
    if at(record, path).is_none() {
        return Ok(None);
    }
    instant(record, path).map(Some)
}

/// RFC 3339 with any offset (GitLab writes `+02:00` and milliseconds), normalised to UTC.
pub(crate) fn parse_instant(text: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text.trim()).ok().map(|instant| instant.with_timezone(&Utc))
}

/// Where a record came from, kept for problems found after parsing (a deployment that did not
/// reach production is known only once the deployments after it are read).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Origin {
    pub file: String,
    pub path: String,
    pub line: usize,
    pub column: usize,
}

impl Origin {
    pub fn of(file: &str, located: &super::pages::Located<'_>) -> Origin {
        Origin { file: file.to_owned(), path: located.path.clone(), line: located.line, column: located.column }
    }

    /// Where `field` of the record is (`[3].sha`; the record itself when `field` is empty), at its page.
    pub fn location(&self, field: &str) -> Location {
        let path = if field.is_empty() { self.path.clone() } else { format!("{}.{field}", self.path) };
        Location::path(path).at(self.line, self.column)
    }

    /// A warning at `field`: valid input that is not imported (a failed deployment, one still running).
    pub fn problem(&self, field: &str, message: impl Into<String>) -> Problem {
        Problem::warning(&self.file, self.location(field), message)
    }

    /// An error at `field`: the record is wrong (a required field missing or malformed).
    pub fn error(&self, field: &str, message: impl Into<String>) -> Problem {
        Problem::error(&self.file, self.location(field), message)
    }
}
