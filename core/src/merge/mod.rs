//! Merging snapshots into one [`Dataset`] without losing or double counting anything.
//!
//! Snapshots apply in `generated_at` order (ties: the order given, i.e. manifest order). Services,
//! SLO definitions, deployments, incidents and platform records ([`platform`]) are keyed by id and the latest snapshot's record wins
//! whole. SLI buckets are keyed by (SLO id, bucket start) and the latest snapshot with data (non-null)
//! for a bucket wins. A snapshot whose SLI grid conflicts with an earlier one's is left out ([`grids`]). The result depends only on the set of snapshots and,
//! for equal `generated_at`, their order; merging a snapshot twice changes nothing.

mod grids;
mod latest;
mod platform;
mod references;
mod sli;

pub use grids::MAX_SERIES_BUCKETS;

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};

use crate::model::{Dataset, Deployment, Incident, Service, SloData, SloDefinition, Snapshot};
use crate::problem::Problem;

/// A parsed snapshot and the file it came from (named in problems).
#[derive(Debug, Clone, PartialEq)]
pub struct SourcedSnapshot {
    pub file: String,
    pub snapshot: Snapshot,
}

/// The merged data and the problems merging found (grid conflicts, dangling references).
#[derive(Debug, Clone, PartialEq)]
pub struct Merged {
    pub dataset: Dataset,
    pub problems: Vec<Problem>,
    /// Files left out because their SLI grid conflicts with an earlier snapshot's.
    pub left_out: Vec<String>,
}

/// A record and where it came from: the position of its snapshot in apply order, and its own index
/// in that snapshot's array (for JSON paths).
#[derive(Debug)]
struct Placed<T> {
    source: usize,
    index: usize,
    record: T,
}

/// Appends `records` to `placed` in order, moving them from the back and shrinking `records` as it
/// empties, so the two vectors never both hold every record (a million deployments take 136 MB).
fn place<T>(source: usize, mut records: Vec<T>, placed: &mut Vec<Placed<T>>) {
    const SHRINK_EVERY: usize = 1 << 14;
    let start = placed.len();
    placed.reserve_exact(records.len());
    while let Some(record) = records.pop() {
        placed.push(Placed { source, index: records.len(), record });
        if records.len().is_multiple_of(SHRINK_EVERY) {
            records.shrink_to_fit();
        }
    }
    if let Some(moved) = placed.get_mut(start..) {
        moved.reverse();
    }
}

/// Merges snapshots given in manifest order. Snapshots with validation errors should be left out
/// by the caller; merging never panics on them anyway.
pub fn merge(title: &str, mut snapshots: Vec<SourcedSnapshot>) -> Merged {
    // A stable sort keeps manifest order among equal `generated_at`.
    snapshots.sort_by_key(|sourced| sourced.snapshot.generated_at);
    let (conflicting, mut problems) = grids::conflicting_snapshots(&snapshots);
    let mut left_out = Vec::with_capacity(conflicting.len());
    let snapshots: Vec<SourcedSnapshot> = snapshots
        .into_iter()
        .enumerate()
        .filter_map(|(source, sourced)| {
            if conflicting.contains(&source) {
                left_out.push(sourced.file);
                return None;
            }
            Some(sourced)
        })
        .collect();
    let latest_generated_at: Option<DateTime<Utc>> = snapshots.last().map(|s| s.snapshot.generated_at);
    let mut files = Vec::with_capacity(snapshots.len());
    let mut services: BTreeMap<String, Service> = BTreeMap::new();
    let mut definitions: BTreeMap<String, SloDefinition> = BTreeMap::new();
    let mut pieces: BTreeMap<String, Vec<sli::Piece>> = BTreeMap::new();
    let mut deployments: Vec<Placed<Deployment>> = Vec::new();
    let mut incidents: Vec<Placed<Incident>> = Vec::new();
    let mut platform = platform::PlatformMerge::default();

    for (source, SourcedSnapshot { file, snapshot }) in snapshots.into_iter().enumerate() {
        files.push(file);
        for service in snapshot.services {
            services.insert(service.id.clone(), service);
        }
        for slo in snapshot.slos {
            let definition = slo.definition();
            let piece = sli::Piece { sli: slo.sli };
            pieces.entry(slo.id).or_default().push(piece);
            definitions.insert(definition.id.clone(), definition);
        }
        place(source, snapshot.deployments, &mut deployments);
        place(source, snapshot.incidents, &mut incidents);
        platform.apply(snapshot.platform);
    }

    let slos = definitions
        .into_values()
        .filter_map(|definition| {
            let slo_pieces = pieces.remove(&definition.id)?;
            let series = sli::merge_series(slo_pieces)?;
            Some(SloData { definition, series })
        })
        .collect();
    let deployments = latest::latest_by_id(deployments, |record| &record.id);
    let incidents = latest::latest_by_id(incidents, |record| &record.id);
    problems.extend(references::dangling(&deployments, &incidents, &files));

    let mut deployments: Vec<Deployment> = deployments.into_iter().map(|placed| placed.record).collect();
    deployments.sort_by(|a, b| (a.finished_at, &a.id).cmp(&(b.finished_at, &b.id)));
    let mut incidents: Vec<Incident> = incidents.into_iter().map(|placed| placed.record).collect();
    incidents.sort_by(|a, b| (a.started_at, &a.id).cmp(&(b.started_at, &b.id)));
    let dataset = Dataset {
        title: title.to_owned(),
        latest_generated_at,
        services: services.into_values().collect(),
        slos,
        deployments,
        incidents,
        platform: platform.finish(),
    };
    Merged { dataset, problems, left_out }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placed_records_keep_their_order_and_indices() {
        let mut placed = vec![Placed { source: 0, index: 0, record: 7_u32 }];
        place(1, (0..40_000).collect(), &mut placed);
        assert_eq!(placed.len(), 40_001);
        assert_eq!((placed[0].source, placed[0].record), (0, 7));
        assert!(placed[1..]
            .iter()
            .enumerate()
            .all(|(at, p)| p.source == 1 && p.index == at && p.record as usize == at));
    }
}
