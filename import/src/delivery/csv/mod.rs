//! `uptrend import csv`: flat tables, one per record kind (deployments, changes, incidents), as
//! spreadsheets, Four Keys' BigQuery tables and DevLake's domain tables export them. Column names
//! are matched without case; every accepted name is in [`columns`] and `docs/importing.md`.
//!
//! - **deployments**: one row per deployment, or several rows of one id (DevLake writes one row per
//!   repository a deployment shipped): their changes are joined. `changes` lists change ids
//!   (Four Keys' array, or ids separated by spaces, commas, `;` or `|`); DevLake's `commit_sha` is the
//!   deployed commit. Without `environment` a row is a production deployment (Four Keys keeps
//!   production deployments only); DevLake's `PRODUCTION` is `production`. Without `status` it
//!   succeeded; Uptrend's `succeeded`, `failed`, `rolled_back` are taken as they are, the platforms'
//!   `success`/`SUCCESS` succeeded, `failure`/`FAILURE`/`error` did not reach production (skipped,
//!   unless failed deployments reached production), `ABORT`/`canceled` skipped.
//! - **changes**: a change id with its commit time; with a `deployment` column it belongs to that
//!   deployment, else it gives the time of the change ids the deployments list.
//! - **incidents**: `caused_by` lists deployment ids (DevLake's `deployment_id`); Four Keys'
//!   `changes` lists the changes that caused it, blamed on the first production deployment that
//!   shipped each (this import's or the known ones).

pub(crate) mod columns;
mod rows;

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use uptrend_core::model::{Change, DeployStatus, Deployment, Id, Incident, PRODUCTION};

use self::columns::{list, CHANGE_COLUMNS, DEPLOYMENT_COLUMNS, INCIDENT_COLUMNS};
use self::rows::{read_table, Row, Table};
use super::causes::KnownDeployments;
use super::history::{commit_key, same_commit};
use super::{service, skip, store, Environments, Input};
use crate::{Imported, Location, Problem, ServiceMap};

/// The tables of one CSV import and how to read them.
#[derive(Debug, Clone, Default)]
pub struct CsvImport<'a> {
    pub deployments: Vec<Input<'a>>,
    pub changes: Vec<Input<'a>>,
    pub incidents: Vec<Input<'a>>,
    /// The service of rows without a `service` column or cell (the `service` cells, or DevLake's
    /// `cicd_scope_id`, go through the service map).
    pub service: Option<String>,
    pub environments: Environments,
    pub failed_reached_production: bool,
    /// Deployments of earlier imports, for incidents' `changes`.
    pub known_deployments: Vec<Deployment>,
}

/// A deployment being assembled from its rows, with where each listed change was named.
#[derive(Debug)]
struct Draft {
    deployment: Deployment,
    /// (change id, repository, file, line, column) of each change id a row lists.
    listed: Vec<(String, Option<String>, String, usize, usize)>,
}

/// A row of the changes table.
#[derive(Debug)]
struct ChangeRow {
    id: String,
    committed_at: DateTime<Utc>,
    deployment: Option<String>,
    repository: Option<String>,
    file: String,
    line: usize,
    used: bool,
}

impl CsvImport<'_> {
    /// The records of the tables, counted and with a problem for each row not used.
    pub fn run(&self, map: &ServiceMap) -> Imported {
        let mut import = Imported::default();
        let mut drafts: Vec<Draft> = Vec::new();
        // Index of each deployment id in `drafts`: rows of one id are joined, in tables of any size.
        let mut draft_index: HashMap<Id, usize> = HashMap::new();
        for input in &self.deployments {
            if let Some(table) =
                read_table(input, DEPLOYMENT_COLUMNS, &["id", "finished_at"], "deployments", &mut import)
            {
                self.deployment_rows(&table, &mut drafts, &mut draft_index, map, &mut import);
            }
        }
        let mut changes: Vec<ChangeRow> = Vec::new();
        for input in &self.changes {
            if let Some(table) = read_table(input, CHANGE_COLUMNS, &["id", "committed_at"], "changes", &mut import) {
                change_rows(&table, &mut changes, &mut import);
            }
        }
        attach_changes(&mut drafts, &draft_index, &mut changes, &mut import);
        let deployments: Vec<Deployment> = drafts.into_iter().map(|draft| draft.deployment).collect();
        let known = KnownDeployments::new(self.known_deployments.iter().chain(deployments.iter()));
        let mut incidents = Vec::new();
        // Incident ids seen, across the tables (monthly exports overlap), with their file and line.
        let mut seen: HashMap<String, (String, usize)> = HashMap::new();
        for input in &self.incidents {
            if let Some(table) = read_table(input, INCIDENT_COLUMNS, &["id", "started_at"], "incidents", &mut import) {
                self.incident_rows(&table, &known, map, &mut seen, &mut incidents, &mut import);
            }
        }
        let attached = deployments.iter().map(|deployment| deployment.changes.len() as u64).sum();
        if import.counts.get("changes").is_some() {
            import.counts.add("changes", 0, attached, 0);
        }
        store(&mut import, deployments, incidents);
        import
    }

    /// The row's service through the map; `Ok(None)` when the map skips it (its warning is pushed).
    fn service(
        &self,
        table: &Table<'_>,
        row: &Row,
        map: &ServiceMap,
        import: &mut Imported,
    ) -> Result<Option<String>, Problem> {
        let location = table.location(row, "service");
        match (table.layout.cell(&row.record, "service"), &self.service) {
            (Some(name), _) => Ok(service(import, map, &[name], name, None, table.file, location)),
            (None, Some(default)) => Ok(service(import, map, &[default], default, None, table.file, location)),
            (None, None) => Err(table.error(
                row,
                "service",
                "no service: give the table a `service` column or the import a default service (--service); the row is skipped",
            )),
        }
    }

    fn deployment_rows(
        &self,
        table: &Table<'_>,
        drafts: &mut Vec<Draft>,
        index: &mut HashMap<Id, usize>,
        map: &ServiceMap,
        import: &mut Imported,
    ) {
        for row in &table.rows {
            match self.deployment_row(table, row, map, import) {
                Ok(Some((deployment, listed))) => match index.get(&deployment.id).and_then(|&at| drafts.get_mut(at)) {
                    Some(draft) => {
                        let same = draft.deployment.service == deployment.service
                            && draft.deployment.finished_at == deployment.finished_at
                            && draft.deployment.status == deployment.status;
                        if !same {
                            import.problems.push(table.problem(
                                row,
                                "id",
                                format!(
                                    "deployment {:?} is on an earlier row with another service, finish time or status: \
                                     this row's changes are joined to it, its other values are ignored",
                                    deployment.id
                                ),
                            ));
                        }
                        draft.listed.extend(listed);
                    }
                    None => {
                        index.insert(deployment.id.clone(), drafts.len());
                        drafts.push(Draft { deployment, listed });
                    }
                },
                Ok(None) => import.counts.skipped("deployments"),
                Err(problem) => skip(import, "deployments", problem),
            }
        }
    }

    #[allow(clippy::type_complexity)]
    fn deployment_row(
        &self,
        table: &Table<'_>,
        row: &Row,
        map: &ServiceMap,
        import: &mut Imported,
    ) -> Result<Option<(Deployment, Vec<(String, Option<String>, String, usize, usize)>)>, Problem> {
        let layout = &table.layout;
        let id = table.required(row, "id")?.to_owned();
        let finished_at = table.instant(row, "finished_at")?;
        let Some(service) = self.service(table, row, map, import)? else { return Ok(None) };
        let status = match layout.cell(&row.record, "status") {
            None => DeployStatus::Succeeded,
            Some(cell) => match cell {
                "succeeded" | "success" | "SUCCESS" | "Success" => DeployStatus::Succeeded,
                "failed" => DeployStatus::Failed,
                "rolled_back" => DeployStatus::RolledBack,
                "failure" | "FAILURE" | "Failure" | "error" | "ERROR" if self.failed_reached_production => {
                    DeployStatus::Failed
                }
                "failure" | "FAILURE" | "Failure" | "error" | "ERROR" => {
                    return Err(table.problem(
                        row,
                        "status",
                        format!(
                        "deployment {id:?} failed ({cell}), so it did not reach production: skipped (if your failed \
                             deployments do reach production, import with --failed-reached-production)"
                    ),
                    ))
                }
                "ABORT" | "canceled" | "cancelled" | "CANCELED" => {
                    return Err(table.problem(
                        row,
                        "status",
                        format!("deployment {id:?} was aborted ({cell}): skipped"),
                    ))
                }
                other => {
                    return Err(table.error(
                        row,
                        "status",
                        format!(
                            "unknown status {other:?}: expected succeeded, failed or rolled_back (or the platforms' \
                             success, failure, error, ABORT); the row is skipped"
                        ),
                    ))
                }
            },
        };
        let source_environment = match layout.cell(&row.record, "environment") {
            None | Some("PRODUCTION") => PRODUCTION,
            Some(environment) => environment,
        };
        let mut placed = self.environments.place(source_environment, false);
        match layout.cell(&row.record, "production") {
            None => {}
            Some("true" | "TRUE" | "1" | "yes") => placed.production = Some(true),
            Some("false" | "FALSE" | "0" | "no") => placed.production = Some(false),
            Some(other) => {
                return Err(table.error(
                    row,
                    "production",
                    format!("{other:?} is not true or false: the row is skipped"),
                ))
            }
        }
        let repository = layout.cell(&row.record, "repository").map(str::to_owned);
        let (_, column) = layout.header("changes");
        let listed = layout
            .cell(&row.record, "changes")
            .map(list)
            .unwrap_or_default()
            .into_iter()
            .map(|change| (change, repository.clone(), table.file.to_owned(), row.line, column))
            .collect();
        let deployment = Deployment {
            id: id.into(),
            service: service.into(),
            environment: placed.environment.into(),
            finished_at,
            status,
            changes: Vec::new(),
            fixes_incident: layout.cell(&row.record, "fixes_incident").map(Id::from),
            production: placed.production,
        };
        Ok(Some((deployment, listed)))
    }

    fn incident_rows(
        &self,
        table: &Table<'_>,
        known: &KnownDeployments,
        map: &ServiceMap,
        seen: &mut HashMap<String, (String, usize)>,
        incidents: &mut Vec<Incident>,
        import: &mut Imported,
    ) {
        for row in &table.rows {
            let parsed = (|| {
                let id = table.required(row, "id")?.to_owned();
                let started_at = table.instant(row, "started_at")?;
                let resolved_at = match table.layout.cell(&row.record, "resolved_at") {
                    None => None,
                    Some(_) => Some(table.instant(row, "resolved_at")?),
                };
                if resolved_at.is_some_and(|resolved| resolved < started_at) {
                    return Err(table.error(
                        row,
                        "resolved_at",
                        "the incident is resolved before it started: the row is skipped",
                    ));
                }
                let Some(service) = self.service(table, row, map, import)? else { return Ok(None) };
                let mut caused_by: Vec<Id> = table
                    .layout
                    .cell(&row.record, "caused_by")
                    .map(list)
                    .unwrap_or_default()
                    .into_iter()
                    .map(Id::from)
                    .collect();
                for change in table.layout.cell(&row.record, "changes").map(list).unwrap_or_default() {
                    match known.shipping(&change) {
                        Some(deployment) if !caused_by.contains(&deployment) => caused_by.push(deployment),
                        Some(_) => {}
                        None => import.problems.push(table.problem(
                            row,
                            "changes",
                            format!("change {change:?} is in no known production deployment: it names no cause"),
                        )),
                    }
                }
                if let Some((file, line)) = seen.get(&id) {
                    return Err(table.problem(
                        row,
                        "id",
                        format!("incident {id:?} is at {file} line {line} already: this row is skipped"),
                    ));
                }
                seen.insert(id.clone(), (table.file.to_owned(), row.line));
                Ok(Some(Incident {
                    id: id.into(),
                    service: service.into(),
                    severity: table.layout.cell(&row.record, "severity").map(str::to_owned),
                    started_at,
                    resolved_at,
                    caused_by,
                }))
            })();
            match parsed {
                Ok(Some(incident)) => incidents.push(incident),
                Ok(None) => import.counts.skipped("incidents"),
                Err(problem) => skip(import, "incidents", problem),
            }
        }
    }
}

fn change_rows(table: &Table<'_>, changes: &mut Vec<ChangeRow>, import: &mut Imported) {
    for row in &table.rows {
        let parsed = (|| {
            Ok::<_, Problem>(ChangeRow {
                id: table.required(row, "id")?.to_owned(),
                committed_at: table.instant(row, "committed_at")?,
                deployment: table.layout.cell(&row.record, "deployment").map(str::to_owned),
                repository: table.layout.cell(&row.record, "repository").map(str::to_owned),
                file: table.file.to_owned(),
                line: row.line,
                used: false,
            })
        })();
        match parsed {
            Ok(change) => changes.push(change),
            Err(problem) => skip(import, "changes", problem),
        }
    }
}

/// Gives each deployment its changes: the change rows naming it, and the change ids its rows list
/// with their time from the change rows. Listed ids without a row, rows naming a deployment the
/// tables do not have, and rows no deployment shipped are reported.
fn attach_changes(
    drafts: &mut [Draft],
    draft_index: &HashMap<Id, usize>,
    changes: &mut [ChangeRow],
    import: &mut Imported,
) {
    // The change rows by the part of their id `same_commit` compares, in row order.
    let mut rows_by_key: HashMap<Vec<u8>, Vec<usize>> = HashMap::new();
    for (at, row) in changes.iter().enumerate() {
        rows_by_key.entry(commit_key(&row.id)).or_default().push(at);
    }
    for draft in drafts.iter_mut() {
        for (id, repository, file, line, column) in std::mem::take(&mut draft.listed) {
            let candidates = rows_by_key.get(&commit_key(&id)).map_or(&[][..], Vec::as_slice);
            let found = candidates.iter().copied().find(|&at| {
                let row = &changes[at];
                same_commit(&row.id, &id)
                    && (repository.is_none() || row.repository.is_none() || row.repository == repository)
                    && row.deployment.as_ref().is_none_or(|deployment| *deployment == draft.deployment.id)
            });
            match found.and_then(|at| changes.get_mut(at)) {
                Some(row) => {
                    row.used = true;
                    push_change(
                        &mut draft.deployment,
                        &row.id,
                        row.committed_at,
                        repository.or_else(|| row.repository.clone()),
                    );
                }
                None => {
                    import.counts.skipped("changes");
                    import.problems.push(Problem::warning(
                        file,
                        Location::path("changes").at(line, column),
                        format!(
                            "change {id:?} of deployment {:?} has no row in the changes table, so its commit time is \
                                 unknown: it is left out of the deployment",
                            draft.deployment.id
                        ),
                    ));
                }
            }
        }
    }
    for row in changes.iter_mut().filter(|row| !row.used) {
        let Some(deployment) = &row.deployment else { continue };
        match draft_index.get(deployment.as_str()).and_then(|&at| drafts.get_mut(at)) {
            Some(draft) => {
                row.used = true;
                push_change(&mut draft.deployment, &row.id, row.committed_at, row.repository.clone());
            }
            None => {
                row.used = true;
                import.counts.skipped("changes");
                import.problems.push(Problem::warning(
                    &row.file,
                    Location::line(row.line),
                    format!("change {:?} names deployment {deployment:?}, which the deployments table does not have: skipped", row.id),
                ));
            }
        }
    }
    // One warning per changes table, its lines its own.
    let mut files: Vec<&str> = Vec::new();
    for row in changes.iter().filter(|row| !row.used) {
        if !files.contains(&row.file.as_str()) {
            files.push(&row.file);
        }
    }
    for file in files {
        let unshipped: Vec<&ChangeRow> = changes.iter().filter(|row| !row.used && row.file == file).collect();
        let Some(first) = unshipped.first() else { continue };
        import.counts.add("changes", 0, 0, unshipped.len() as u64);
        let lines: Vec<String> = unshipped.iter().take(10).map(|row| row.line.to_string()).collect();
        import.problems.push(Problem::warning(
            file,
            Location::line(first.line),
            format!(
                "{} change rows belong to no deployment of this import (not deployed yet, or their deployment is \
                     not in the table), lines {}{}: not imported",
                unshipped.len(),
                lines.join(", "),
                if unshipped.len() > 10 { ", …" } else { "" }
            ),
        ));
    }
}

fn push_change(deployment: &mut Deployment, id: &str, committed_at: DateTime<Utc>, repository: Option<String>) {
    let known = deployment.changes.iter().any(|change| change.id == id && change.repository() == repository.as_deref());
    if !known {
        deployment.changes.push(Change::new(id, committed_at).with_repository(repository));
    }
}
