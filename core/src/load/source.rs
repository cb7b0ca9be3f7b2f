//! Snapshot files the loader reads itself, in chunks, from a caller that can read them (the CLI):
//! no file is ever whole in memory unless it has a problem.

use crate::model::Snapshot;
use crate::parse::{parse_snapshot_chunks, parse_snapshot_owned, Chunked};
use crate::problem::Problem;

/// Where [`super::load_from`] reads the snapshot files a manifest lists. The core stays pure: the
/// caller does the reading, the loader asks for each file when it gets to it.
pub trait SnapshotSource {
    /// A file's bytes in order, in chunks of any size (a few MB each keeps the memory low).
    type Chunks: Iterator<Item = Result<Vec<u8>, String>>;

    /// The chunks of the file at `path` (a path as [`super::snapshot_paths`] resolves it), or why it
    /// cannot be read, in words.
    fn chunks(&mut self, path: &str) -> Result<Self::Chunks, String>;

    /// The whole file at `path`, read again: the loader asks for it when the chunked parse leaves
    /// the file to the whole-document path (the file may have a problem, reported from its bytes).
    fn whole(&mut self, path: &str) -> Result<Vec<u8>, String>;
}

/// The file at `path` parsed from its chunks, or from its whole bytes when the chunked parse does
/// not decide it: exactly what [`parse_snapshot_owned`] gives for its bytes. `Err`: why it could not
/// be read.
pub(crate) fn parse_from_source(
    path: &str,
    source: &mut impl SnapshotSource,
) -> Result<Result<Snapshot, Vec<Problem>>, String> {
    match parse_snapshot_chunks(source.chunks(path)?) {
        Chunked::Parsed(snapshot) => Ok(Ok(*snapshot)),
        Chunked::ReadFailed(reason) => Err(reason),
        Chunked::WholeDocument => Ok(parse_snapshot_owned(path, source.whole(path)?)),
    }
}
