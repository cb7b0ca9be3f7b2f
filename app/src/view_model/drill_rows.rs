//! The records behind each delivery number, as table rows: which deployments, changes or incidents
//! of a scope and window each drill-down lists, filtered by text and cut into pages. The lists come
//! from `uptrend_core::dora`'s drill-downs, so their lengths are the numbers' counts.

use std::collections::BTreeMap;

use uptrend_core::dora::{DeliveryFacts, DoraMetrics, Period, Scope};
use uptrend_core::model::Dataset;

use super::events::deploy_status_label;
use crate::cell::Cell as TypedCell;
use crate::charts::time_ticks::format_instant;
use crate::route::{Detail, Drill};

/// Rows per page of a records list.
pub const ROWS_PER_PAGE: usize = 25;

/// One cell: text, a number, or an id linking to its record's detail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell {
    Text(String),
    /// Right-aligned; a number in the CSV.
    Number(TypedCell),
    Record {
        text: String,
        detail: Detail,
    },
}

impl Cell {
    pub fn text(&self) -> &str {
        match self {
            Cell::Text(text) | Cell::Record { text, .. } => text,
            Cell::Number(cell) => cell.as_str(),
        }
    }
}

impl From<&Cell> for TypedCell {
    /// The cell as the one CSV writer takes it: numbers stay numbers, everything else is text.
    fn from(cell: &Cell) -> TypedCell {
        match cell {
            Cell::Number(number) => number.clone(),
            other => TypedCell::text(other.text()),
        }
    }
}

fn duration(secs: i64) -> Cell {
    Cell::Number(TypedCell::duration(secs as f64))
}

/// A records list: its columns and rows.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RecordTable {
    pub header: Vec<&'static str>,
    pub rows: Vec<Vec<Cell>>,
}

/// Service id to display name.
pub fn service_names(dataset: &Dataset) -> BTreeMap<String, String> {
    dataset
        .services
        .iter()
        .map(|service| (service.id.clone(), service.name.clone().unwrap_or_else(|| service.id.clone())))
        .collect()
}

fn name_of(names: &BTreeMap<String, String>, id: &str) -> String {
    names.get(id).cloned().unwrap_or_else(|| id.to_owned())
}

/// What a drill-down lists, in words: `change-failure deployments`.
pub fn drill_title(drill: Drill) -> &'static str {
    match drill {
        Drill::Deployments => "Production deployments",
        Drill::ChangeFailures => "Change failures",
        Drill::Recoveries => "Recovered change failures",
        Drill::Rework => "Rework deployments",
        Drill::Changes => "Changes first deployed",
        Drill::Incidents => "Incidents started",
    }
}

/// Which metric a drill-down is behind, for its tab.
pub fn drill_metric(drill: Drill) -> &'static str {
    match drill {
        Drill::Deployments => "deployment frequency",
        Drill::ChangeFailures => "change fail rate",
        Drill::Recoveries => "recovery time",
        Drill::Rework => "rework rate",
        Drill::Changes => "lead time",
        Drill::Incidents => "time to restore",
    }
}

/// The records of `drill` for `scope` in `period`, in time order.
pub fn drill_table(
    facts: &DeliveryFacts<'_>,
    scope: &Scope,
    period: &Period,
    drill: Drill,
    names: &BTreeMap<String, String>,
) -> RecordTable {
    match drill {
        Drill::Changes => changes_table(facts, scope, period, names),
        Drill::Incidents => incidents_table(facts, scope, period, names),
        deployments => deployments_table(facts, scope, period, deployments, names),
    }
}

/// How many rows [`drill_table`] lists for each of [`Drill::ALL`] over the report's window, without
/// building or walking them (a window of a large history holds hundreds of thousands): each list
/// holds exactly the records its number counted (proptested in the core), so the counts are the
/// scope's `metrics`.
pub fn drill_counts(metrics: &DoraMetrics) -> [usize; Drill::ALL.len()] {
    let lead = &metrics.lead_time_seconds;
    let restore = &metrics.incident_restore_seconds;
    Drill::ALL.map(|drill| {
        let count = match drill {
            Drill::Deployments => metrics.deployments,
            Drill::ChangeFailures => metrics.change_failures,
            Drill::Recoveries => metrics.recovery_time_seconds.n,
            Drill::Rework => metrics.rework_deployments,
            Drill::Changes => lead.n.saturating_add(lead.anomalies),
            Drill::Incidents => restore.n.saturating_add(restore.open),
        };
        usize::try_from(count).unwrap_or(usize::MAX)
    })
}

/// Whether a deployments list (`drill`) lists a deployment of these facts.
fn lists_deployment(drill: Drill, change_failure: bool, recovery_secs: Option<i64>, rework: bool) -> bool {
    match drill {
        Drill::ChangeFailures => change_failure,
        Drill::Recoveries => change_failure && recovery_secs.is_some(),
        Drill::Rework => rework,
        _ => true,
    }
}

fn record(text: &str, detail: Detail) -> Cell {
    Cell::Record { text: text.to_owned(), detail }
}

fn deployments_table(
    facts: &DeliveryFacts<'_>,
    scope: &Scope,
    period: &Period,
    drill: Drill,
    names: &BTreeMap<String, String>,
) -> RecordTable {
    let rows = facts
        .deployments_in(scope, period)
        .into_iter()
        .filter(|row| lists_deployment(drill, row.change_failure, row.recovery_seconds, row.fixes_incident.is_some()))
        .map(|row| {
            let incidents = row.caused_incidents.join(", ");
            vec![
                record(row.id, Detail::Deployment(row.id.to_owned())),
                Cell::Text(name_of(names, row.service)),
                Cell::Text(format_instant(row.finished_at.timestamp())),
                Cell::Text(deploy_status_label(row.status).to_owned()),
                Cell::Text(if row.change_failure { "yes".to_owned() } else { "no".to_owned() }),
                match row.caused_incidents.first() {
                    Some(first) if row.caused_incidents.len() == 1 => {
                        record(first, Detail::Incident((*first).to_owned()))
                    }
                    _ => Cell::Text(incidents),
                },
                match (row.change_failure, row.recovery_seconds) {
                    (true, Some(secs)) => duration(secs),
                    (true, None) => Cell::Text("open".to_owned()),
                    (false, _) => Cell::Text(String::new()),
                },
                row.fixes_incident.map_or(Cell::Text(String::new()), |id| record(id, Detail::Incident(id.to_owned()))),
                Cell::Number(TypedCell::count(row.first_delivered_changes as u64)),
            ]
        })
        .collect();
    RecordTable {
        header: vec![
            "deployment",
            "service",
            "finished (UTC)",
            "status",
            "change failure",
            "caused incidents",
            "recovery",
            "fixes incident",
            "changes first delivered",
        ],
        rows,
    }
}

fn changes_table(
    facts: &DeliveryFacts<'_>,
    scope: &Scope,
    period: &Period,
    names: &BTreeMap<String, String>,
) -> RecordTable {
    let rows = facts
        .changes_in(scope, period)
        .into_iter()
        .map(|change| {
            vec![
                record(change.id, Detail::Change(change.id.to_owned())),
                record(change.deployment, Detail::Deployment(change.deployment.to_owned())),
                Cell::Text(name_of(names, change.service)),
                Cell::Text(format_instant(change.committed_at.timestamp())),
                Cell::Text(format_instant(change.deployed_at.timestamp())),
                duration(change.lead_seconds),
                Cell::Text(if change.anomaly {
                    "committed after deployment: left out".to_owned()
                } else {
                    String::new()
                }),
            ]
        })
        .collect();
    RecordTable {
        header: vec!["change", "deployment", "service", "committed (UTC)", "deployed (UTC)", "lead time", "note"],
        rows,
    }
}

fn incidents_table(
    facts: &DeliveryFacts<'_>,
    scope: &Scope,
    period: &Period,
    names: &BTreeMap<String, String>,
) -> RecordTable {
    let rows = facts
        .incidents_in(scope, period)
        .into_iter()
        .map(|incident| {
            vec![
                record(incident.id, Detail::Incident(incident.id.to_owned())),
                Cell::Text(name_of(names, incident.service)),
                Cell::Text(incident.severity.unwrap_or_default().to_owned()),
                Cell::Text(format_instant(incident.started_at.timestamp())),
                Cell::Text(
                    incident.resolved_at.map_or_else(|| "unresolved".to_owned(), |at| format_instant(at.timestamp())),
                ),
                incident.restore_seconds.map_or(Cell::Text(String::new()), duration),
                match incident.caused_by.as_slice() {
                    [one] => record(one, Detail::Deployment((*one).to_owned())),
                    many => Cell::Text(many.join(", ")),
                },
            ]
        })
        .collect();
    RecordTable {
        header: vec![
            "incident",
            "service",
            "severity",
            "started (UTC)",
            "resolved (UTC)",
            "time to restore",
            "caused by",
        ],
        rows,
    }
}

/// The rows any of whose cells contains `query` (case-insensitive); all rows without a query.
pub fn filtered(rows: Vec<Vec<Cell>>, query: Option<&str>) -> Vec<Vec<Cell>> {
    let Some(query) = query.map(str::to_lowercase).filter(|query| !query.is_empty()) else { return rows };
    rows.into_iter().filter(|row| row.iter().any(|cell| cell.text().to_lowercase().contains(&query))).collect()
}

/// Page `page` (from 0, clamped to the last) of `total` rows: the row range and the page count.
pub fn page_bounds(total: usize, page: usize) -> (std::ops::Range<usize>, usize, usize) {
    let pages = total.div_ceil(ROWS_PER_PAGE).max(1);
    let page = page.min(pages - 1);
    let start = page * ROWS_PER_PAGE;
    (start..(start + ROWS_PER_PAGE).min(total), page, pages)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_hold_25_rows_and_a_page_past_the_end_shows_the_last() {
        assert_eq!(page_bounds(0, 0), (0..0, 0, 1));
        assert_eq!(page_bounds(60, 1), (25..50, 1, 3));
        assert_eq!(page_bounds(60, 9), (50..60, 2, 3));
    }

    #[test]
    fn the_tabs_count_what_each_number_counted_anomalies_and_open_incidents_included() {
        let mut metrics =
            DoraMetrics { deployments: 9, change_failures: 4, rework_deployments: 2, ..Default::default() };
        metrics.recovery_time_seconds.n = 3;
        metrics.recovery_time_seconds.open = 1;
        metrics.lead_time_seconds.n = 12;
        metrics.lead_time_seconds.anomalies = 2;
        metrics.incident_restore_seconds.n = 5;
        metrics.incident_restore_seconds.open = 1;
        // Deployments, change failures, recoveries (the recovered ones), rework, changes, incidents.
        assert_eq!(drill_counts(&metrics), [9, 4, 3, 2, 14, 6]);
    }

    #[test]
    fn the_filter_matches_any_cell_ignoring_case() {
        let rows = vec![
            vec![Cell::Text("dep-1".to_owned()), Cell::Text("Checkout API".to_owned())],
            vec![Cell::Text("dep-2".to_owned()), Cell::Text("Search".to_owned())],
        ];
        assert_eq!(filtered(rows.clone(), Some("checkout")).len(), 1);
        assert_eq!(filtered(rows.clone(), Some("")).len(), 2);
        assert_eq!(filtered(rows, None).len(), 2);
    }
}
