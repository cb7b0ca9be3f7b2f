//! One SLO's buckets from several snapshots onto one grid, by index arithmetic (no per-bucket maps).
//!
//! The earliest snapshot carrying the SLO fixes its grid (step and alignment). A later snapshot
//! whose step differs, or whose start is not a whole number of steps away, conflicts: an error names
//! both files and that snapshot's buckets for the SLO are left out.

use chrono::{DateTime, Utc};

use crate::model::{Counts, SliData, SliSeries};
use crate::problem::Problem;

/// A merged series may span at most this many buckets (10 years of 1-minute buckets is 5.3M), so
/// two snapshots far apart in time cannot make the merge allocate without bound.
pub const MAX_SERIES_BUCKETS: i64 = 10_000_000;

/// One snapshot's SLI for an SLO; `source` is the snapshot's position in apply order.
#[derive(Debug)]
pub(super) struct Piece {
    pub source: usize,
    pub slo_index: usize,
    pub sli: SliData,
}

impl Piece {
    /// Buckets with both columns present (validation makes the columns equally long).
    fn len(&self) -> usize {
        self.sli.good.len().min(self.sli.total.len())
    }
}

/// A piece placed on the grid: its first bucket's index, relative to the reference start.
struct Placement {
    piece: Piece,
    first_index: i64,
}

/// Merges the pieces (in apply order) of SLO `slo_id`; `None` only when there is no piece.
pub(super) fn merge_series(
    slo_id: &str,
    pieces: Vec<Piece>,
    files: &[String],
    problems: &mut Vec<Problem>,
) -> Option<SliSeries> {
    let mut pieces = pieces.into_iter();
    let reference = pieces.next()?;
    let reference_start = reference.sli.start;
    let step = reference.sli.step;
    let file_of = |source: usize| files.get(source).map_or("", String::as_str);
    let reference_file = file_of(reference.source).to_owned();

    let mut placements = vec![Placement { first_index: 0, piece: reference }];
    let (mut low, mut high) = (0_i64, i64::try_from(placements[0].piece.len()).unwrap_or(i64::MAX));
    for piece in pieces {
        let file = file_of(piece.source);
        let path = format!("slos[{}].sli", piece.slo_index);
        let conflict = if piece.sli.step != step {
            Some((
                format!("{path}.step"),
                format!("SLO {slo_id:?} has step {} here but {step} in {reference_file}", piece.sli.step),
            ))
        } else {
            match grid_index(reference_start, piece.sli.start, step.secs()) {
                Some(first_index) => {
                    let last_index = i64::try_from(piece.len()).ok().and_then(|len| first_index.checked_add(len));
                    let (new_low, new_high) = (low.min(first_index), last_index.map_or(i64::MAX, |end| high.max(end)));
                    // A single long snapshot may exceed the limit; only growth beyond it is refused.
                    let limit = MAX_SERIES_BUCKETS.max(high - low);
                    if new_high.checked_sub(new_low).is_some_and(|span| span <= limit) {
                        (low, high) = (new_low, new_high);
                        placements.push(Placement { first_index, piece });
                        continue;
                    }
                    Some((
                        path,
                        format!(
                            "SLO {slo_id:?} would span more than {MAX_SERIES_BUCKETS} buckets of {step} together with \
                             {reference_file}"
                        ),
                    ))
                }
                None => Some((
                    format!("{path}.start"),
                    format!(
                        "SLO {slo_id:?} starts its buckets at {} here, off the {step} grid starting at {} in \
                         {reference_file}",
                        piece.sli.start.to_rfc3339(),
                        reference_start.to_rfc3339()
                    ),
                )),
            }
        };
        if let Some((path, what)) = conflict {
            let message = format!(
                "{what}: an SLO keeps one step and bucket alignment across snapshots; the buckets of this file for \
                 this SLO are left out"
            );
            problems.push(Problem::error(file, path, message));
        }
    }

    let len = usize::try_from(high - low).unwrap_or(0);
    let mut buckets: Vec<Option<Counts>> = vec![None; len];
    let mut start = reference_start;
    for Placement { piece, first_index } in placements {
        if first_index == low {
            start = piece.sli.start;
        }
        let offset = usize::try_from(first_index - low).unwrap_or(usize::MAX);
        let columns = piece.sli.good.iter().zip(&piece.sli.total);
        for (slot, (good, total)) in buckets.iter_mut().skip(offset).zip(columns) {
            if let (Some(good), Some(total)) = (*good, *total) {
                *slot = Some(Counts { good, total });
            }
        }
    }
    Some(SliSeries { start, step, buckets })
}

/// The index on the grid (`reference` + i * `step_secs`) of `start`, when it lies on the grid.
fn grid_index(reference: DateTime<Utc>, start: DateTime<Utc>, step_secs: i64) -> Option<i64> {
    if start.timestamp_subsec_nanos() != reference.timestamp_subsec_nanos() {
        return None;
    }
    let offset_secs = start.timestamp().checked_sub(reference.timestamp())?;
    (offset_secs.checked_rem(step_secs)? == 0).then(|| offset_secs / step_secs)
}
