//! Column names and cell values of the flat tables: Uptrend's own names first, then the names of
//! Four Keys' BigQuery tables and DevLake's domain tables, accepted as they are.

use chrono::{DateTime, NaiveDateTime, Utc};

/// One field of a record kind and the header names that carry it, in order of preference.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Column {
    pub field: &'static str,
    pub names: &'static [&'static str],
}

macro_rules! column {
    ($field:literal: $($name:literal),+) => {
        Column { field: $field, names: &[$($name),+] }
    };
}

/// Deployments: Uptrend, Four Keys `deployments` (`deploy_id`, `time_created`, `changes`), DevLake
/// `cicd_deployment_commits` / `cicd_deployments` (`cicd_deployment_id`, `finished_date`, `result`,
/// `environment`, `commit_sha`, `repo_url`, `cicd_scope_id`).
pub(crate) const DEPLOYMENT_COLUMNS: &[Column] = &[
    column!("id": "cicd_deployment_id", "deploy_id", "deployment_id", "id"),
    column!("service": "service", "cicd_scope_id"),
    column!("environment": "environment"),
    column!("finished_at": "finished_at", "finished_date", "time_created", "deployed_at"),
    column!("status": "result", "status"),
    column!("changes": "changes", "commit_sha"),
    column!("repository": "repository", "repo_url", "repo_name", "repo_id"),
    column!("fixes_incident": "fixes_incident"),
    column!("production": "production"),
];

/// Changes: Uptrend, Four Keys `changes` (`change_id`, `time_created`), DevLake `commits` (`sha`,
/// `committed_date`, `authored_date`).
pub(crate) const CHANGE_COLUMNS: &[Column] = &[
    column!("id": "id", "change_id", "sha", "commit_sha"),
    column!("committed_at": "committed_at", "committed_date", "time_created", "authored_date"),
    column!("deployment": "deployment", "deployment_id", "deploy_id", "cicd_deployment_id"),
    column!("repository": "repository", "repo_url", "repo_name", "repo_id"),
];

/// Incidents: Uptrend, Four Keys `incidents` (`incident_id`, `time_created`, `time_resolved`,
/// `changes`), DevLake `incidents` / `issues` (`incident_key`, `issue_key`, `created_date`,
/// `resolution_date`, `priority`, `severity`) and `deployment_id` of its incident-deployment relations.
pub(crate) const INCIDENT_COLUMNS: &[Column] = &[
    column!("id": "incident_id", "id", "incident_key", "issue_key"),
    column!("service": "service"),
    column!("severity": "severity", "priority"),
    column!("started_at": "started_at", "time_created", "created_date"),
    column!("resolved_at": "resolved_at", "time_resolved", "resolution_date"),
    column!("caused_by": "caused_by", "deployment_id"),
    column!("changes": "changes"),
];

/// Which header column carries each field, read once per file.
#[derive(Debug, Clone)]
pub(crate) struct Layout {
    /// (field, column index, header name as written).
    found: Vec<(&'static str, usize, String)>,
}

impl Layout {
    /// Header names are compared trimmed and without case.
    pub fn new(headers: &csv::StringRecord, columns: &[Column]) -> Layout {
        let normalised: Vec<String> =
            headers.iter().map(|name| name.trim().trim_start_matches('\u{feff}').to_ascii_lowercase()).collect();
        let mut found = Vec::new();
        for column in columns {
            let hit = column.names.iter().find_map(|name| normalised.iter().position(|header| header == name));
            if let Some(index) = hit {
                found.push((column.field, index, headers.get(index).unwrap_or_default().trim().to_owned()));
            }
        }
        Layout { found }
    }

    pub fn has(&self, field: &str) -> bool {
        self.found.iter().any(|(name, _, _)| *name == field)
    }

    /// The cell of `field` in `row`, trimmed; `None` when the column is absent or the cell empty
    /// (or BigQuery's and MySQL's `NULL`).
    pub fn cell<'r>(&self, row: &'r csv::StringRecord, field: &str) -> Option<&'r str> {
        let index = self.index(field)?;
        row.get(index).map(str::trim).filter(|cell| !cell.is_empty() && *cell != "NULL" && *cell != "null")
    }

    /// The header name as written and the 1-based column of `field` (for problems).
    pub fn header(&self, field: &str) -> (String, usize) {
        self.found
            .iter()
            .find(|(name, _, _)| *name == field)
            .map_or_else(|| (field.to_owned(), 0), |(_, index, header)| (header.clone(), index + 1))
    }

    fn index(&self, field: &str) -> Option<usize> {
        self.found.iter().find(|(name, _, _)| *name == field).map(|(_, index, _)| *index)
    }
}

/// A timestamp as spreadsheets and warehouses export it: RFC 3339 (`2026-11-02T10:00:00Z`, any
/// offset), BigQuery's `2026-11-02 10:00:00 UTC` or `2026-11-02 10:00:00.123+00`, or MySQL's
/// `2026-11-02 10:00:00[.fff]` (no zone: read as UTC).
pub(crate) fn timestamp(cell: &str) -> Option<DateTime<Utc>> {
    let cell = cell.trim();
    if let Ok(instant) = DateTime::parse_from_rfc3339(cell) {
        return Some(instant.with_timezone(&Utc));
    }
    let (naive, zone) = match cell.strip_suffix(" UTC").or_else(|| cell.strip_suffix('Z')) {
        Some(naive) => (naive, None),
        None => match cell.rfind(['+', '-']).filter(|at| *at > 10) {
            Some(at) => (&cell[..at], Some(&cell[at..])),
            None => (cell, None),
        },
    };
    let naive = naive.trim().replacen('T', " ", 1);
    let parsed = NaiveDateTime::parse_from_str(&naive, "%Y-%m-%d %H:%M:%S%.f").ok()?;
    match zone {
        None => Some(parsed.and_utc()),
        Some(zone) => {
            let zone = if zone.len() == 3 { format!("{zone}:00") } else { zone.to_owned() };
            let with_zone = format!("{}{zone}", parsed.format("%Y-%m-%dT%H:%M:%S%.f"));
            DateTime::parse_from_rfc3339(&with_zone).ok().map(|instant| instant.with_timezone(&Utc))
        }
    }
}

/// A list cell: Four Keys' `changes` exported as JSON (`["a","b"]`) or BigQuery text (`[a, b]`),
/// or ids separated by spaces, commas, semicolons or `|`.
pub(crate) fn list(cell: &str) -> Vec<String> {
    cell.trim()
        .trim_start_matches('[')
        .trim_end_matches(']')
        .split([',', ';', '|', ' ', '\n', '\t'])
        .map(|item| item.trim().trim_matches(['"', '\'']).trim())
        .filter(|item| !item.is_empty())
        .map(str::to_owned)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_of_warehouses_and_spreadsheets() {
        let expected: DateTime<Utc> = "2026-11-02T10:00:00Z".parse().unwrap();
        for cell in [
            "2026-11-02T10:00:00Z",
            "2026-11-02T11:00:00+01:00",
            "2026-11-02 10:00:00 UTC",
            "2026-11-02 10:00:00",
            "2026-11-02 10:00:00.000",
            "2026-11-02 10:00:00+00",
            "2026-11-02 12:00:00+02:00",
        ] {
            assert_eq!(timestamp(cell), Some(expected), "{cell}");
        }
        assert_eq!(timestamp("2026-11-02"), None);
        assert_eq!(timestamp("yesterday"), None);
    }

    #[test]
    fn list_cells() {
        assert_eq!(list(r#"["a1", "b2"]"#), ["a1", "b2"]);
        assert_eq!(list("[a1, b2]"), ["a1", "b2"]);
        assert_eq!(list("a1 b2;c3"), ["a1", "b2", "c3"]);
        assert!(list("[]").is_empty());
    }
}
