//! Each SLO keeps one grid (step and bucket alignment) across snapshots. The earliest snapshot
//! carrying an SLO fixes it; a later snapshot whose SLI for that SLO has another step, a start not a
//! whole number of steps away, or would stretch the merged series past [`MAX_SERIES_BUCKETS`] fails
//! validation and is left out whole, with an error naming both files.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Utc};

use crate::merge::SourcedSnapshot;
use crate::model::SliData;
use crate::problem::Problem;
use crate::time::Span;

/// A merged series may span at most this many buckets (10 years of 1-minute buckets is 5.3M), so
/// two snapshots far apart in time cannot make the merge allocate without bound.
pub const MAX_SERIES_BUCKETS: i64 = 10_000_000;

/// An SLO's grid and the bucket indexes its accepted snapshots cover so far, `[low, high)`.
struct Grid<'a> {
    start: DateTime<Utc>,
    step: Span,
    file: &'a str,
    low: i64,
    high: i64,
}

/// The positions (in apply order) of the snapshots to leave out for a grid conflict, and the errors.
/// A snapshot is judged only against the snapshots kept before it.
pub(super) fn conflicting_snapshots(snapshots: &[SourcedSnapshot]) -> (BTreeSet<usize>, Vec<Problem>) {
    let mut grids: BTreeMap<&str, Grid<'_>> = BTreeMap::new();
    let mut left_out = BTreeSet::new();
    let mut problems = Vec::new();
    for (source, SourcedSnapshot { file, snapshot }) in snapshots.iter().enumerate() {
        let mut placed = Vec::with_capacity(snapshot.slos.len());
        let mut conflicts = Vec::new();
        for (slo_index, slo) in snapshot.slos.iter().enumerate() {
            match grids.get(slo.id.as_str()) {
                None => placed.push((slo.id.as_str(), None, &slo.sli)),
                Some(grid) => match place(grid, &slo.sli) {
                    Ok(bounds) => placed.push((slo.id.as_str(), Some(bounds), &slo.sli)),
                    Err((field, what)) => conflicts.push(Problem::error(
                        file,
                        format!("slos[{slo_index}].sli{field}"),
                        format!(
                            "SLO {:?} {what} in {}: an SLO keeps one step and bucket alignment across snapshots, \
                             so this snapshot is left out",
                            slo.id, grid.file
                        ),
                    )),
                },
            }
        }
        if !conflicts.is_empty() {
            left_out.insert(source);
            problems.extend(conflicts);
            continue;
        }
        for (id, bounds, sli) in placed {
            match (bounds, grids.get_mut(id)) {
                (Some((low, high)), Some(grid)) => (grid.low, grid.high) = (low, high),
                _ => {
                    let high = i64::try_from(sli.good.len()).unwrap_or(i64::MAX);
                    grids.insert(id, Grid { start: sli.start, step: sli.step, file, low: 0, high });
                }
            }
        }
    }
    (left_out, problems)
}

/// The grid's bounds with `sli` added, or the field at fault and why.
fn place(grid: &Grid<'_>, sli: &SliData) -> Result<(i64, i64), (&'static str, String)> {
    if sli.step != grid.step {
        return Err((".step", format!("has step {} here but {}", sli.step, grid.step)));
    }
    let first = grid_index(grid.start, sli.start, grid.step.secs()).ok_or_else(|| {
        let (here, there) = (sli.start.to_rfc3339(), grid.start.to_rfc3339());
        (".start", format!("starts its buckets at {here} here, off the {} grid starting at {there}", grid.step))
    })?;
    let end = i64::try_from(sli.good.len()).ok().and_then(|len| first.checked_add(len));
    let (low, high) = (grid.low.min(first), end.map_or(i64::MAX, |end| grid.high.max(end)));
    // A single long snapshot may exceed the limit; only growth beyond it is refused.
    let limit = MAX_SERIES_BUCKETS.max(grid.high - grid.low);
    match high.checked_sub(low) {
        Some(span) if span <= limit => Ok((low, high)),
        _ => Err(("", format!("would span more than {MAX_SERIES_BUCKETS} buckets of {} together with", grid.step))),
    }
}

/// The index on the grid (`reference` + i * `step_secs`) of `start`, when it lies on the grid.
pub(super) fn grid_index(reference: DateTime<Utc>, start: DateTime<Utc>, step_secs: i64) -> Option<i64> {
    if start.timestamp_subsec_nanos() != reference.timestamp_subsec_nanos() {
        return None;
    }
    let offset_secs = start.timestamp().checked_sub(reference.timestamp())?;
    (offset_secs.checked_rem(step_secs)? == 0).then(|| offset_secs / step_secs)
}
