//! The packed form: the outcome of [`load`](crate::load::load) (the merged dataset, every problem,
//! every file's fate) in one binary file, so that the browser skips parsing, validating and merging
//! hundreds of megabytes of JSON (`docs/performance.md`, "Browser at scale").
//!
//! It is the same data, not a summary: a dataset decoded from a pack is equal to the one it was
//! encoded from, so every number computed from it is the same. The JSON snapshots stay the input
//! format; a pack is written from them (`uptrend pack`) and is only trusted when it was written by
//! this very version of Uptrend for the manifest's very list of snapshots.
//!
//! Layout: the magic bytes, the writer's version, a header (title, snapshots, sources, services, SLO
//! definitions and series shapes, platform records as JSON, problems, file outcomes), then each SLO's
//! series as little-endian columns, then the deployments and the incidents, row by row.

mod codec;
mod decoder;
mod header;
mod records;
mod series;

use crate::load::Loaded;
use crate::model::{Manifest, SloData};

use self::codec::Writer;
use self::header::{Header, SloHeader};

pub use self::decoder::Decoder;

/// The first bytes of every pack.
const MAGIC: &[u8; 8] = b"UPTRPACK";

/// The Uptrend version that writes and reads packs: a pack of another version is refused, since
/// its problems and merge may differ from what this version finds in the same snapshots.
pub const WRITER_VERSION: &str = env!("CARGO_PKG_VERSION");

/// One snapshot file as the pack was written from it, so that a checker can tell whether the
/// snapshots changed since (`uptrend validate`): its resolved path, size and a content hash
/// (computed by the writer; the core only carries it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceStamp {
    pub path: String,
    pub bytes: u64,
    pub hash: String,
}

/// What a pack holds: the load's outcome, and what it was written from.
#[derive(Debug, Clone, PartialEq)]
pub struct Packed {
    pub loaded: Loaded,
    /// The manifest's `snapshots` entries, as written, when the pack was made.
    pub snapshots: Vec<String>,
    pub sources: Vec<SourceStamp>,
}

/// Why a pack cannot be used. The site then reads the JSON snapshots instead and says why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PackError {
    #[error("it is not an Uptrend pack (it does not start with {:?})", String::from_utf8_lossy(MAGIC))]
    NotAPack,
    #[error(
        "it was written by Uptrend {written_by}, not by this version ({WRITER_VERSION}): run `uptrend pack` again"
    )]
    OtherVersion { written_by: String },
    #[error("it is damaged at byte {offset}: {reason}")]
    Malformed { offset: usize, reason: String },
    #[error("it was written for another manifest (its title or snapshot list differ): run `uptrend pack` again")]
    OtherManifest,
}

/// The pack of `loaded`, loaded from a manifest listing `snapshots`, read from `sources`.
pub fn encode(loaded: &Loaded, snapshots: &[String], sources: &[SourceStamp]) -> Vec<u8> {
    let dataset = &loaded.dataset;
    let header = Header {
        title: dataset.title.clone(),
        latest_generated_at: dataset.latest_generated_at,
        snapshots: snapshots.to_vec(),
        sources: sources.to_vec(),
        services: dataset.services.clone(),
        slos: dataset.slos.iter().map(slo_header).collect(),
        platform: dataset.platform.clone(),
        problems: loaded.problems.clone(),
        files: loaded.files.clone(),
    };
    let mut writer = Writer::default();
    writer.bytes.extend_from_slice(MAGIC);
    writer.string(WRITER_VERSION);
    header::write_header(&mut writer, &header);
    dataset.slos.iter().for_each(|slo| series::write_series(&mut writer, &slo.series));
    records::write_deployments(&mut writer, &dataset.deployments);
    records::write_incidents(&mut writer, &dataset.incidents);
    writer.bytes
}

/// The load's outcome held by a pack written for `manifest` (its title and snapshot list), or why
/// the pack cannot stand in for the snapshots. Whether the snapshots' contents changed since is
/// not known here (the site does not read them): `uptrend validate` checks that from the sources.
pub fn open(manifest: &Manifest, bytes: &[u8]) -> Result<Loaded, PackError> {
    decode(bytes)?.open(manifest)
}

impl Packed {
    /// The load's outcome, if the pack was written for `manifest` ([`open`]).
    pub fn open(self, manifest: &Manifest) -> Result<Loaded, PackError> {
        if !self.written_for(manifest) {
            return Err(PackError::OtherManifest);
        }
        Ok(self.loaded)
    }

    /// Whether the pack was written for a manifest with `manifest`'s title and snapshot list.
    pub fn written_for(&self, manifest: &Manifest) -> bool {
        self.snapshots == manifest.snapshots && self.loaded.dataset.title == manifest.title
    }
}

/// The contents of a pack, or why it cannot be used. A pack that arrives in chunks is decoded as
/// they come by a [`Decoder`], which gives the same.
pub fn decode(bytes: &[u8]) -> Result<Packed, PackError> {
    decoder::decode_whole(bytes)
}

fn slo_header(slo: &SloData) -> SloHeader {
    SloHeader {
        definition: slo.definition.clone(),
        start: slo.series.start,
        step: slo.series.step,
        series: series::shape(&slo.series),
    }
}
