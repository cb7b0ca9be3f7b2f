//! `uptrend import pagerduty`: incidents from PagerDuty's REST API JSON: `/incidents` pages
//! (`{"incidents": [..], "more": …}`, several pages back to back) and, optionally, `/log_entries`
//! pages (`{"log_entries": [..]}`) for resolutions and notes.
//!
//! - id: `pagerduty-{id}`; started: `created_at`; service: the map's entry for `service.id` (else
//!   for `service.summary`); without a map, `service.id`. Unmapped services are skipped, reported.
//! - resolved: only when `status` is `resolved`: the incident's `resolved_at`, else the latest
//!   `resolve_log_entry` of the incident, else `last_status_change_at`; `triggered` and
//!   `acknowledged` incidents are unresolved.
//! - severity: `priority.summary` (`P1`), else `priority.name`, else `urgency` (`high`).
//! - causes ([`super::causes`]): from the `title` and the notes (`annotate_log_entry`'s
//!   `channel.summary`). An incident without a cause is imported all the same: it counts for
//!   incident restore time.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use uptrend_core::model::Incident;

use super::causes::KnownDeployments;
use super::pages::{read_pages, records, Located};
use super::record::{instant, optional_instant, optional_text, text, FieldError, Origin};
use super::{read, service, skip, store, used, Input};
use crate::{Imported, Problem, ServiceMap};

/// The files of one PagerDuty import and how to read them.
#[derive(Debug, Clone, Default)]
pub struct PagerdutyImport<'a> {
    pub incidents: Vec<Input<'a>>,
    pub log_entries: Vec<Input<'a>>,
    /// The deployments causes may name (earlier imports).
    pub known_deployments: KnownDeployments,
}

/// What the log entries say about an incident.
#[derive(Debug, Clone, Default)]
struct Log {
    resolved_at: Option<DateTime<Utc>>,
    notes: Vec<String>,
}

impl PagerdutyImport<'_> {
    /// The incidents, counted and with a problem for each record not used.
    pub fn run(&self, map: &ServiceMap) -> Imported {
        let mut import = Imported::default();
        let logs = self.logs(&mut import);
        let mut seen = std::collections::HashSet::new();
        let mut incidents = Vec::new();
        for input in &self.incidents {
            let Some(pages) = read_pages(input, &mut import) else { continue };
            let (found, problems) = records(input.name, &pages, Some("incidents"));
            import.problems.extend(problems);
            read(&mut import, "incidents", found.len());
            for located in found {
                match self.incident(input.name, &located, &logs, &mut seen, map, &mut import) {
                    Ok(Some(incident)) => incidents.push(incident),
                    Ok(None) => import.counts.skipped("incidents"),
                    Err(problem) => skip(&mut import, "incidents", problem),
                }
            }
        }
        used(&mut import, "log entries");
        store(&mut import, Vec::new(), incidents);
        import
    }

    fn incident(
        &self,
        file: &str,
        located: &Located<'_>,
        logs: &HashMap<String, Log>,
        seen: &mut std::collections::HashSet<String>,
        map: &ServiceMap,
        import: &mut Imported,
    ) -> Result<Option<Incident>, Problem> {
        let origin = Origin::of(file, located);
        let record = located.value;
        let field = |err: FieldError| origin.error(&err.field, format!("{}: the incident is skipped", err.reason));
        let id = text(record, "id", "the incident id").map_err(field)?;
        let started_at = instant(record, "created_at").map_err(field)?;
        let service_id = text(record, "service.id", "the id of the incident's PagerDuty service").map_err(field)?;
        let service_name = optional_text(record, "service.summary");
        let mut names = vec![service_id.as_str()];
        names.extend(service_name.as_deref());
        let location = origin.location("service.id");
        let Some(service) = service(import, map, &names, &service_id, service_name.as_deref(), file, location) else {
            return Ok(None);
        };
        let log = logs.get(&id).cloned().unwrap_or_default();
        let status =
            text(record, "status", "the incident status (triggered, acknowledged or resolved)").map_err(field)?;
        let resolved_at = match status.as_str() {
            "resolved" => {
                let own = optional_instant(record, "resolved_at").map_err(field)?;
                let last_change = optional_instant(record, "last_status_change_at").map_err(field)?;
                Some(own.or(log.resolved_at).or(last_change).ok_or_else(|| {
                    origin.error(
                        "last_status_change_at",
                        "the incident is resolved but has no `resolved_at`, no resolve log entry and no \
                         `last_status_change_at`: skipped",
                    )
                })?)
            }
            "triggered" | "acknowledged" => None,
            other => {
                return Err(origin.error(
                    "status",
                    format!("unknown status {other:?}: expected triggered, acknowledged or resolved; skipped"),
                ))
            }
        };
        if resolved_at.is_some_and(|resolved| resolved < started_at) {
            return Err(origin.error("resolved_at", "the incident is resolved before it was created: skipped"));
        }
        if !seen.insert(id.clone()) {
            return Err(origin.problem("id", format!("incident {id} is listed again: this copy is skipped")));
        }
        let severity = optional_text(record, "priority.summary")
            .or_else(|| optional_text(record, "priority.name"))
            .or_else(|| optional_text(record, "urgency"));
        let title = optional_text(record, "title").unwrap_or_default();
        let mut texts = vec![title.as_str()];
        texts.extend(log.notes.iter().map(String::as_str));
        Ok(Some(Incident {
            id: format!("pagerduty-{id}").into(),
            service: service.into(),
            severity,
            started_at,
            resolved_at,
            caused_by: self.known_deployments.causes(&texts),
        }))
    }

    /// Resolutions and notes by incident id.
    fn logs(&self, import: &mut Imported) -> HashMap<String, Log> {
        let mut logs: HashMap<String, Log> = HashMap::new();
        for input in &self.log_entries {
            let Some(pages) = read_pages(input, import) else { continue };
            let (found, problems) = records(input.name, &pages, Some("log_entries"));
            import.problems.extend(problems);
            read(import, "log entries", found.len());
            for located in found {
                let origin = Origin::of(input.name, &located);
                let entry = located.value;
                let parsed = (|| {
                    let kind = text(entry, "type", "the log entry type")?;
                    let incident = text(entry, "incident.id", "the id of the log entry's incident")?;
                    let created_at = instant(entry, "created_at")?;
                    Ok::<_, FieldError>((kind, incident, created_at))
                })();
                let (kind, incident, created_at) = match parsed {
                    Ok(parsed) => parsed,
                    Err(err) => {
                        skip(
                            import,
                            "log entries",
                            origin.error(&err.field, format!("{}: the log entry is skipped", err.reason)),
                        );
                        continue;
                    }
                };
                let log = logs.entry(incident).or_default();
                match kind.as_str() {
                    "resolve_log_entry" => log.resolved_at = log.resolved_at.max(Some(created_at)),
                    "annotate_log_entry" => log
                        .notes
                        .extend(optional_text(entry, "channel.summary").or_else(|| optional_text(entry, "note"))),
                    _ => {}
                }
            }
        }
        logs
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(incidents: &str, log_entries: &str, map: &str) -> Imported {
        let map = if map.is_empty() {
            ServiceMap::identity()
        } else {
            ServiceMap::parse("map.yaml", map.as_bytes()).unwrap()
        };
        PagerdutyImport {
            incidents: vec![Input::new("incidents.json", incidents.as_bytes())],
            log_entries: vec![Input::new("log_entries.json", log_entries.as_bytes())],
            known_deployments: KnownDeployments::default(),
        }
        .run(&map)
    }

    #[test]
    fn resolution_comes_from_the_field_the_log_or_the_last_status_change() {
        let incidents = r#"{"incidents": [
            {"id": "A", "created_at": "2026-11-02T10:00:00Z", "status": "resolved", "resolved_at": "2026-11-02T10:30:00Z",
             "last_status_change_at": "2026-11-02T11:00:00Z", "service": {"id": "P1"}, "urgency": "high"},
            {"id": "B", "created_at": "2026-11-02T10:00:00Z", "status": "resolved",
             "last_status_change_at": "2026-11-02T11:00:00Z", "service": {"id": "P1"}, "priority": {"summary": "P2"}},
            {"id": "C", "created_at": "2026-11-02T10:00:00Z", "status": "resolved",
             "last_status_change_at": "2026-11-02T12:00:00Z", "service": {"id": "P1"}},
            {"id": "D", "created_at": "2026-11-02T10:00:00Z", "status": "acknowledged", "service": {"id": "P1"}}
        ], "more": false}"#;
        let log = r#"{"log_entries": [{"type": "resolve_log_entry", "created_at": "2026-11-02T10:45:00Z", "incident": {"id": "B"}}]}"#;
        let import = run(incidents, log, "");
        let resolved: Vec<Option<String>> =
            import.incidents.iter().map(|i| i.resolved_at.map(|at| at.format("%H:%M").to_string())).collect();
        assert_eq!(resolved, [Some("10:30".into()), Some("10:45".into()), Some("12:00".into()), None]);
        assert_eq!(import.incidents[0].severity.as_deref(), Some("high"));
        assert_eq!(import.incidents[1].severity.as_deref(), Some("P2"));
        assert!(import.problems.is_empty(), "{:?}", import.problems);
    }

    #[test]
    fn unmapped_services_and_missing_fields_are_skipped_with_their_path() {
        let incidents = r#"{"incidents": [
            {"id": "A", "created_at": "2026-11-02T10:00:00Z", "status": "resolved", "service": {"id": "PX", "summary": "Mail"}},
            {"id": "B", "status": "triggered", "service": {"id": "P1"}}
        ]}"#;
        let import = run(incidents, "", "services:\n  - id: checkout\n    match: [P1]\nunmapped: skip\n");
        assert!(import.incidents.is_empty());
        let located: Vec<(String, bool)> =
            import.problems.iter().map(|p| (p.location.path.clone(), p.is_error())).collect();
        assert_eq!(
            located,
            [("incidents[0].service.id".to_owned(), false), ("incidents[1].created_at".to_owned(), true)]
        );
        let count = import.counts.get("incidents").unwrap();
        assert_eq!((count.read, count.written, count.skipped), (2, 0, 2));
    }
}
