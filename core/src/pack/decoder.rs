//! Decoding a pack as its bytes arrive: each part (the header, an SLO's series, a deployment, an
//! incident) is decoded as soon as all its bytes are in, and those bytes are dropped then. The whole
//! pack thus never sits in memory beside the dataset decoded from it; the site's memory peaks at the
//! dataset plus about one chunk (`docs/performance.md`, "Browser at scale").

use crate::load::Loaded;
use crate::model::{Dataset, Deployment, Incident, SloData};

use super::codec::Reader;
use super::header::{self, Header, SloHeader};
use super::{records, series, PackError, Packed, MAGIC, WRITER_VERSION};

/// How many items a count read before its items have arrived may reserve room for when the pack's
/// length is not known (a body compressed in transit): beyond it the list grows as items come.
const UNCHECKED_RESERVE_ITEMS: usize = 1 << 16;

/// A pack being decoded from its bytes in order, chunk by chunk ([`Decoder::push`]); the chunks may
/// be of any size, split anywhere.
#[derive(Debug)]
pub struct Decoder {
    /// The bytes that have arrived and are not decoded yet (at most a part and a chunk).
    pending: Vec<u8>,
    /// Where `pending` starts in the pack.
    pending_at: usize,
    /// After a part could not be decoded from `pending`, how many bytes it had then: a retry waits
    /// until twice as many are in, so a part spanning many chunks is not decoded again on each.
    short_at: usize,
    parts: Parts,
}

impl Decoder {
    /// A decoder of a pack of `pack_len` bytes, when the length is known before the bytes arrive.
    pub fn new(pack_len: Option<usize>) -> Decoder {
        Decoder { pending: Vec::new(), pending_at: 0, short_at: 0, parts: Parts::new(pack_len) }
    }

    /// Takes the next `chunk` of the pack and decodes what it completes; an error ends the decoding
    /// (the pack cannot be used).
    pub fn push(&mut self, chunk: &[u8]) -> Result<(), PackError> {
        self.push_with(chunk.len(), |room| room.copy_from_slice(chunk))
    }

    /// Like [`push`](Decoder::push) for a chunk of `len` bytes that `fill` writes into the room given,
    /// so that bytes held elsewhere (a JavaScript array) are copied once, straight into place.
    pub fn push_with(&mut self, len: usize, fill: impl FnOnce(&mut [u8])) -> Result<(), PackError> {
        let start = self.pending.len();
        self.pending.resize(start + len, 0);
        fill(&mut self.pending[start..]);
        if self.pending.len() >= self.short_at.saturating_mul(2) {
            self.advance(false)?;
        }
        Ok(())
    }

    /// The pack, once all its bytes were pushed, or why it cannot be used (also when it ends early).
    pub fn finish(mut self) -> Result<Packed, PackError> {
        self.advance(true)?;
        self.parts.finish(&self.pending, self.pending_at)
    }

    fn advance(&mut self, complete: bool) -> Result<(), PackError> {
        let decoded = self.parts.advance(&self.pending, self.pending_at, complete)?;
        self.short_at = if self.parts.stage == Stage::Done { 0 } else { self.pending.len() - decoded };
        self.pending.drain(..decoded);
        self.pending_at += decoded;
        Ok(())
    }
}

/// The contents of the pack `bytes` (all of it), or why it cannot be used.
pub(super) fn decode_whole(bytes: &[u8]) -> Result<Packed, PackError> {
    let mut parts = Parts::new(Some(bytes.len()));
    let decoded = parts.advance(bytes, 0, true)?;
    parts.finish(&bytes[decoded..], decoded)
}

/// The part of the pack to decode next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stage {
    Header,
    Series,
    DeploymentCount,
    Deployments { left: usize },
    IncidentCount,
    Incidents { left: usize },
    Done,
}

/// What is decoded so far, and which part comes next.
#[derive(Debug)]
struct Parts {
    /// The pack's length, when told before it arrives: it bounds what a count may reserve.
    pack_len: Option<usize>,
    stage: Stage,
    header: Option<Header>,
    /// The series still to read, last first.
    slo_headers: Vec<SloHeader>,
    slos: Vec<SloData>,
    deployments: Vec<Deployment>,
    incidents: Vec<Incident>,
}

impl Parts {
    fn new(pack_len: Option<usize>) -> Parts {
        Parts {
            pack_len,
            stage: Stage::Header,
            header: None,
            slo_headers: Vec::new(),
            slos: Vec::new(),
            deployments: Vec::new(),
            incidents: Vec::new(),
        }
    }

    /// Decodes every part whose bytes are all in `bytes` (found at `base` in the pack; `complete`: it
    /// runs to the pack's end) and returns how many bytes those parts took.
    fn advance(&mut self, bytes: &[u8], base: usize, complete: bool) -> Result<usize, PackError> {
        let mut reader = Reader::part(bytes, base, complete, self.pack_len);
        let mut decoded = 0;
        while self.stage != Stage::Done {
            match self.step(&mut reader) {
                Ok(next) => {
                    self.stage = next;
                    decoded = reader.read_len();
                }
                // A part's step stores nothing until it succeeds: it is read again once more bytes are in.
                Err(_) if reader.is_short() => break,
                Err(error) => return Err(error),
            }
        }
        Ok(decoded)
    }

    /// The pack, once every part is decoded and `rest` (at `rest_at`) is all that is left of its bytes.
    fn finish(self, rest: &[u8], rest_at: usize) -> Result<Packed, PackError> {
        let header = match self.header {
            Some(header) if self.stage == Stage::Done && rest.is_empty() => header,
            _ => {
                let reason = format!("{} bytes follow the last record", rest.len());
                return Err(PackError::Malformed { offset: rest_at, reason });
            }
        };
        let dataset = Dataset {
            title: header.title,
            latest_generated_at: header.latest_generated_at,
            services: header.services,
            slos: self.slos,
            deployments: self.deployments,
            incidents: self.incidents,
            platform: header.platform,
        };
        let loaded = Loaded { dataset, problems: header.problems, files: header.files };
        Ok(Packed { loaded, snapshots: header.snapshots, sources: header.sources })
    }

    /// Decodes the part the stage names and says what comes next.
    fn step(&mut self, reader: &mut Reader) -> Result<Stage, PackError> {
        Ok(match self.stage {
            Stage::Header => {
                if reader.take(MAGIC.len())? != MAGIC.as_slice() {
                    return Err(PackError::NotAPack);
                }
                let written_by = reader.string()?;
                if written_by != WRITER_VERSION {
                    return Err(PackError::OtherVersion { written_by });
                }
                let mut header = header::read_header(reader)?;
                self.slos = Vec::with_capacity(header.slos.len());
                self.slo_headers = std::mem::take(&mut header.slos);
                self.slo_headers.reverse();
                self.header = Some(header);
                Stage::Series
            }
            Stage::Series => {
                let Some(slo) = self.slo_headers.last() else { return Ok(Stage::DeploymentCount) };
                let series = series::read_series(reader, slo.start, slo.step, slo.series)?;
                if let Some(slo) = self.slo_headers.pop() {
                    self.slos.push(SloData { definition: slo.definition, series });
                }
                Stage::Series
            }
            Stage::DeploymentCount => {
                let left = reader.streamed_count(records::MIN_DEPLOYMENT_BYTES)?;
                self.deployments = Vec::with_capacity(reservable(left, self.pack_len));
                Stage::Deployments { left }
            }
            Stage::Deployments { left: 0 } => Stage::IncidentCount,
            Stage::Deployments { left } => {
                self.deployments.push(records::read_deployment(reader)?);
                Stage::Deployments { left: left - 1 }
            }
            Stage::IncidentCount => {
                let left = reader.streamed_count(records::MIN_INCIDENT_BYTES)?;
                self.incidents = Vec::with_capacity(reservable(left, self.pack_len));
                Stage::Incidents { left }
            }
            Stage::Incidents { left: 0 } => Stage::Done,
            Stage::Incidents { left } => {
                self.incidents.push(records::read_incident(reader)?);
                Stage::Incidents { left: left - 1 }
            }
            Stage::Done => Stage::Done,
        })
    }
}

/// How many of `count` items to reserve room for: all (checked against the pack's length), or when
/// that length is not known, no more than [`UNCHECKED_RESERVE_ITEMS`].
fn reservable(count: usize, pack_len: Option<usize>) -> usize {
    if pack_len.is_some() {
        count
    } else {
        count.min(UNCHECKED_RESERVE_ITEMS)
    }
}
