//! Everything of the pack but the series' columns and the records: what it was written from, the
//! services, the SLO definitions with their grids, the platform records (as JSON: small, and read by
//! the snapshots' own deserialiser), the problems and the file outcomes.

use chrono::{DateTime, Utc};

use crate::load::{FileOutcome, FileStatus};
use crate::model::{Budgeting, Platform, Service, SloDefinition};
use crate::problem::{Problem, Severity};
use crate::time::{Span, Window};

use super::codec::{Reader, Writer};
use super::series::SeriesShape;
use super::{PackError, SourceStamp};

#[derive(Debug)]
pub(super) struct Header {
    pub(super) title: String,
    pub(super) latest_generated_at: Option<DateTime<Utc>>,
    pub(super) snapshots: Vec<String>,
    pub(super) sources: Vec<SourceStamp>,
    pub(super) services: Vec<Service>,
    pub(super) slos: Vec<SloHeader>,
    pub(super) platform: Platform,
    pub(super) problems: Vec<Problem>,
    pub(super) files: Vec<FileOutcome>,
}

#[derive(Debug)]
pub(super) struct SloHeader {
    pub(super) definition: SloDefinition,
    pub(super) start: DateTime<Utc>,
    pub(super) step: Span,
    pub(super) series: SeriesShape,
}

pub(super) fn write_header(writer: &mut Writer, header: &Header) {
    writer.string(&header.title);
    writer.optional_instant(header.latest_generated_at);
    writer.len(header.snapshots.len());
    header.snapshots.iter().for_each(|entry| writer.string(entry));
    writer.len(header.sources.len());
    for source in &header.sources {
        writer.string(&source.path);
        writer.varint(source.bytes);
        writer.string(&source.hash);
    }
    writer.len(header.services.len());
    for service in &header.services {
        writer.string(&service.id);
        writer.optional_string(service.name.as_deref());
        writer.optional_string(service.team.as_deref());
    }
    writer.len(header.slos.len());
    header.slos.iter().for_each(|slo| write_slo(writer, slo));
    // Serialising plain data with string keys cannot fail.
    let platform = serde_json::to_vec(&header.platform).unwrap_or_default();
    writer.len(platform.len());
    writer.bytes.extend_from_slice(&platform);
    writer.len(header.problems.len());
    header.problems.iter().for_each(|problem| write_problem(writer, problem));
    writer.len(header.files.len());
    for file in &header.files {
        writer.string(&file.path);
        writer.u8(match file.status {
            FileStatus::Used => 0,
            FileStatus::LeftOut => 1,
            FileStatus::Missing => 2,
        });
    }
}

pub(super) fn read_header(reader: &mut Reader<'_>) -> Result<Header, PackError> {
    let title = reader.string()?;
    let latest_generated_at = reader.optional_instant()?;
    let snapshots = reader.list(1, Reader::string)?;
    let sources = reader.list(3, |reader| {
        Ok(SourceStamp { path: reader.string()?, bytes: reader.varint()?, hash: reader.string()? })
    })?;
    let services = reader.list(3, |reader| {
        Ok(Service { id: reader.string()?, name: reader.optional_string()?, team: reader.optional_string()? })
    })?;
    let slos = reader.list(16, read_slo)?;
    let platform_len = reader.count(1)?;
    let platform_at = reader.offset();
    let platform = serde_json::from_slice(reader.take(platform_len)?).map_err(|error| PackError::Malformed {
        offset: platform_at,
        reason: format!("its platform records: {error}"),
    })?;
    let problems = reader.list(5, read_problem)?;
    let files = reader.list(2, |reader| {
        let path = reader.string()?;
        let status = match reader.u8()? {
            0 => FileStatus::Used,
            1 => FileStatus::LeftOut,
            2 => FileStatus::Missing,
            other => return reader.fail(format!("file status {other} is unknown")),
        };
        Ok(FileOutcome { path, status })
    })?;
    Ok(Header { title, latest_generated_at, snapshots, sources, services, slos, platform, problems, files })
}

fn write_slo(writer: &mut Writer, slo: &SloHeader) {
    let definition = &slo.definition;
    writer.string(&definition.id);
    writer.string(&definition.service);
    writer.optional_string(definition.name.as_deref());
    writer.u64s(&[definition.objective.to_bits()]);
    writer.string(&definition.window.to_string());
    writer.u8(match definition.budgeting {
        Budgeting::Occurrences => 0,
        Budgeting::Timeslices => 1,
    });
    match definition.timeslice_target {
        Some(target) => {
            writer.u8(1);
            writer.u64s(&[target.to_bits()]);
        }
        None => writer.u8(0),
    }
    writer.instant(slo.start);
    writer.varint(slo.step.secs().unsigned_abs());
    writer.len(slo.series.buckets);
    writer.u8(u8::from(slo.series.good_wide) | u8::from(slo.series.total_wide) << 1);
}

fn read_slo(reader: &mut Reader) -> Result<SloHeader, PackError> {
    let id = reader.string()?;
    let service = reader.string()?;
    let name = reader.optional_string()?;
    let objective = read_f64(reader)?;
    let window_text: String = reader.string()?;
    let Ok(window) = window_text.parse::<Window>() else {
        return reader.fail(format!("{window_text:?} is no window"));
    };
    let budgeting = match reader.u8()? {
        0 => Budgeting::Occurrences,
        1 => Budgeting::Timeslices,
        other => return reader.fail(format!("budgeting {other} is unknown")),
    };
    let timeslice_target = match reader.u8()? {
        0 => None,
        1 => Some(read_f64(reader)?),
        other => return reader.fail(format!("an optional number has flag {other}, not 0 or 1")),
    };
    let start = reader.instant()?;
    let step_secs = reader.varint()?;
    let Some(step) = i64::try_from(step_secs).ok().and_then(Span::from_secs) else {
        return reader.fail(format!("a step of {step_secs} s is no duration"));
    };
    // Checked against the bytes left when the columns are read.
    let buckets = reader.count(0)?;
    let widths = reader.u8()?;
    if widths > 3 {
        return reader.fail(format!("column widths {widths} are unknown"));
    }
    let series = SeriesShape { buckets, good_wide: widths & 1 != 0, total_wide: widths & 2 != 0 };
    let definition = SloDefinition { id, service, name, objective, window, budgeting, timeslice_target };
    Ok(SloHeader { definition, start, step, series })
}

fn write_problem(writer: &mut Writer, problem: &Problem) {
    writer.u8(match problem.severity {
        Severity::Warning => 0,
        Severity::Error => 1,
    });
    writer.string(&problem.file);
    writer.string(&problem.path);
    writer.string(&problem.message);
    for position in [problem.line, problem.column] {
        match position {
            Some(at) => {
                writer.u8(1);
                writer.len(at);
            }
            None => writer.u8(0),
        }
    }
}

fn read_problem(reader: &mut Reader) -> Result<Problem, PackError> {
    let severity = match reader.u8()? {
        0 => Severity::Warning,
        1 => Severity::Error,
        other => return reader.fail(format!("severity {other} is unknown")),
    };
    let (file, path, message) = (reader.string()?, reader.string()?, reader.string()?);
    let mut position = || -> Result<Option<usize>, PackError> {
        match reader.u8()? {
            0 => Ok(None),
            1 => {
                let at = reader.varint()?;
                usize::try_from(at).map(Some).or_else(|_| reader.fail(format!("position {at} is too large")))
            }
            other => reader.fail(format!("an optional position has flag {other}, not 0 or 1")),
        }
    };
    let (line, column) = (position()?, position()?);
    Ok(Problem { severity, file, path, message, line, column })
}

fn read_f64(reader: &mut Reader) -> Result<f64, PackError> {
    Ok(reader.u64s(1)?.first().map_or(0.0, |bits| f64::from_bits(*bits)))
}
