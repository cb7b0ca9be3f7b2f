//! One SLO's buckets from several snapshots onto one grid, by index arithmetic (no per-bucket maps).
//! The pieces agree on the grid: [`super::grids`] has left out every snapshot that does not.

use crate::merge::grids::grid_index;
use crate::model::{Counts, SliData, SliSeries};

/// One snapshot's SLI for an SLO, in apply order.
#[derive(Debug)]
pub(super) struct Piece {
    pub sli: SliData,
}

/// Merges the pieces (in apply order, later data winning) of one SLO; `None` only when there is no piece.
pub(super) fn merge_series(pieces: Vec<Piece>) -> Option<SliSeries> {
    let reference = pieces.first()?;
    let (reference_start, step) = (reference.sli.start, reference.sli.step);
    let placed: Vec<(i64, Piece)> = pieces
        .into_iter()
        .filter_map(|piece| Some((grid_index(reference_start, piece.sli.start, step.secs())?, piece)))
        .collect();
    let low = placed.iter().map(|(first, _)| *first).min()?;
    let high = placed.iter().map(|(first, piece)| first.saturating_add(len(piece))).max()?;
    let mut buckets: Vec<Option<Counts>> = vec![None; usize::try_from(high - low).unwrap_or(0)];
    let mut start = reference_start;
    for (first, piece) in placed {
        if first == low {
            start = piece.sli.start;
        }
        let offset = usize::try_from(first - low).unwrap_or(usize::MAX);
        let columns = piece.sli.good.iter().zip(piece.sli.total.iter());
        for (slot, (good, total)) in buckets.iter_mut().skip(offset).zip(columns) {
            if let (Some(good), Some(total)) = (good, total) {
                *slot = Some(Counts { good, total });
            }
        }
    }
    // One SLO's buckets as `Option<Counts>` at a time: the compact series replaces them at once.
    Some(SliSeries::from_buckets(start, step, buckets))
}

/// Buckets with both columns present (validation makes the columns equally long).
fn len(piece: &Piece) -> i64 {
    i64::try_from(piece.sli.good.len().min(piece.sli.total.len())).unwrap_or(i64::MAX)
}
