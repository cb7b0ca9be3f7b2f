//! SLI data from Prometheus: the `good` (or `bad`) and `total` query results of an SLO, read onto
//! the step grid ([`buckets`]) and paired into the snapshot's SLI columns.
//!
//! Pairing, per bucket: the total decides whether a bucket has data. A numerator without a series
//! for a bucket that has a total counts 0 events (a counter of bad events often has no series
//! until the first error; a warning counts these buckets). A numerator without a total, or above
//! the total, makes the bucket no data (a warning or an error counts these). `good = total - bad`.

mod buckets;
mod listing;
mod matrix;
mod pairing;
mod step;

use std::collections::BTreeMap;

use uptrend_core::merge::MAX_SERIES_BUCKETS;
use uptrend_core::model::Slo;
use uptrend_core::time::{Span, Window};

use self::buckets::GroupKey;
pub use self::buckets::ValueKind;
pub use self::matrix::{parse_matrix, RawSample, Series};
use self::pairing::{group_suffix_text, group_text, pair, sli_end, Group};
use self::step::step_for;
use crate::imported::Imported;
use crate::problem::{Location, Problem};
use crate::slo_spec::SloSpec;

/// A query result file: its name (for problems) and its bytes.
#[derive(Debug, Clone, Copy)]
pub struct QueryFile<'a> {
    pub name: &'a str,
    pub bytes: &'a [u8],
}

/// How to read the query results, for every SLO of an import.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SliOptions {
    pub values: ValueKind,
    /// The bucket length; default: the SLO's time slice, else inferred from the samples.
    pub step: Option<Span>,
    /// Split labels added to every SLO's own.
    pub split_by: Vec<String>,
}

/// The counts' record kinds.
const SLOS: &str = "SLOs";
const SAMPLES: &str = "Prometheus samples";
const BUCKETS: &str = "SLI buckets";

/// Attaches to each of `specs` (SLOs sharing these query results: the objectives of one definition)
/// its SLI from the numerator and total query results, and pushes the SLOs (one per group when
/// split) into `out`; an SLO that cannot get data is skipped with the reason.
pub fn attach(
    specs: &[SloSpec],
    numerator: Option<QueryFile<'_>>,
    total: Option<QueryFile<'_>>,
    options: &SliOptions,
    out: &mut Imported,
) {
    let Some(first) = specs.first() else { return };
    out.counts.add(SLOS, specs.len() as u64, 0, 0);
    let parsed = parse_both(first, numerator, total);
    let (numerator, total, numerator_series, total_series) = match parsed {
        Ok(parsed) => parsed,
        Err(problem) => {
            out.problems.push(problem);
            out.counts.add(SLOS, 0, 0, specs.len() as u64);
            return;
        }
    };
    let mut samples_counted = false;
    for spec in specs {
        let files = Files { numerator, total, numerator_series: &numerator_series, total_series: &total_series };
        match attach_one(spec, &files, options, !samples_counted, out) {
            Ok(written) => {
                samples_counted = true;
                if written == 0 {
                    out.counts.skipped(SLOS);
                } else {
                    out.counts.add(SLOS, 0, written, 0);
                }
            }
            Err(problem) => {
                out.problems.push(problem);
                out.counts.skipped(SLOS);
            }
        }
    }
}

/// Counts `specs` (sharing their query results) as read and skipped, with one error saying `why`: for
/// query results that cannot be looked up at all (their files cannot be named).
pub fn refuse(specs: &[SloSpec], why: &str, out: &mut Imported) {
    let Some(first) = specs.first() else { return };
    out.problems.push(Problem::error(&first.file, first.location.clone(), why));
    out.counts.add(SLOS, specs.len() as u64, 0, specs.len() as u64);
}

type Parsed<'a> = (QueryFile<'a>, QueryFile<'a>, Vec<Series>, Vec<Series>);

fn parse_both<'a>(
    spec: &SloSpec,
    numerator: Option<QueryFile<'a>>,
    total: Option<QueryFile<'a>>,
) -> Result<Parsed<'a>, Problem> {
    let missing = |what: &str| {
        Problem::error(
            &spec.file,
            spec.location.clone(),
            format!(
                "SLO {:?} has no {what} query result (expected {}.{what}.json): it is not imported",
                spec.data_key, spec.data_key
            ),
        )
    };
    let numerator = numerator.ok_or_else(|| missing(spec.numerator.word()))?;
    let total = total.ok_or_else(|| missing("total"))?;
    let numerator_series = parse_matrix(numerator.name, numerator.bytes)?;
    let total_series = parse_matrix(total.name, total.bytes)?;
    Ok((numerator, total, numerator_series, total_series))
}

/// The parsed query results shared by the specs.
struct Files<'a> {
    numerator: QueryFile<'a>,
    total: QueryFile<'a>,
    numerator_series: &'a [Series],
    total_series: &'a [Series],
}

fn attach_one(
    spec: &SloSpec,
    files: &Files<'_>,
    options: &SliOptions,
    count_samples: bool,
    out: &mut Imported,
) -> Result<u64, Problem> {
    let (numerator, total) = (files.numerator, files.total);
    let step = step_for(spec, options, &[(numerator.name, files.numerator_series), (total.name, files.total_series)])?;
    if let Window::Rolling(window) = spec.window {
        if window < step {
            return Err(Problem::error(
                &spec.file,
                spec.location.clone(),
                format!(
                    "SLO {:?}: its window {window} is shorter than the step {step}: the window must hold a bucket",
                    spec.id
                ),
            ));
        }
    }
    let step_secs = step.secs();
    let mut split_by = spec.split_by.clone();
    split_by.extend(options.split_by.iter().filter(|label| !spec.split_by.contains(label)).cloned());
    let numerator_column =
        buckets::column(numerator.name, files.numerator_series, options.values, step_secs, &split_by);
    let total_column = buckets::column(total.name, files.total_series, options.values, step_secs, &split_by);
    for (file, column) in [(numerator.name, &numerator_column), (total.name, &total_column)] {
        if count_samples {
            out.counts.add(
                SAMPLES,
                column.samples_read,
                column.samples_used,
                column.samples_read - column.samples_used,
            );
        }
        out.problems.extend(column.problems.iter().cloned());
        if let Some((largest, path)) = column.largest_rounding.as_ref().filter(|(largest, _)| *largest > 0.0) {
            out.problems.push(Problem::warning(
                file,
                Location::path(path.clone()),
                format!("increases are rounded to whole events: the largest rounding error is {largest:.3}, here"),
            ));
        }
    }
    let keys: Vec<&GroupKey> = total_column.groups.keys().collect();
    for key in numerator_column.groups.keys().filter(|key| !total_column.groups.contains_key(*key)) {
        out.problems.push(Problem::warning(
            numerator.name,
            Location::file(),
            format!("the series {} have no total series: they are not imported", group_text(&split_by, key)),
        ));
    }
    let mut written = 0;
    for key in keys {
        let empty = BTreeMap::new();
        let numerator_buckets = numerator_column.groups.get(key).unwrap_or(&empty);
        let total_buckets = &total_column.groups[key];
        if let (Some(first), Some(last)) = (total_buckets.keys().next(), total_buckets.keys().next_back()) {
            if last - first >= MAX_SERIES_BUCKETS {
                out.problems.push(Problem::error(
                    total.name,
                    Location::file(),
                    format!(
                        "SLO {:?}{}: the samples span more than {MAX_SERIES_BUCKETS} steps of {step}: query a \
                         shorter range or a longer step",
                        spec.id,
                        group_suffix_text(&split_by, key)
                    ),
                ));
                continue;
            }
        }
        let group = Group { spec, key, split_by: &split_by, step, numerator_file: numerator.name };
        let Some(sli) = pair(&group, numerator_buckets, total_buckets, out) else {
            out.problems.push(Problem::warning(
                total.name,
                Location::file(),
                format!(
                    "SLO {:?}{}: the query results hold no bucket with data: it is not imported",
                    spec.id,
                    group_suffix_text(&split_by, key)
                ),
            ));
            continue;
        };
        if let Some(end) = sli_end(&sli) {
            out.observe(end);
        }
        let (id, name) = if key.is_empty() {
            (spec.id.clone(), spec.name.clone())
        } else {
            let label = group_text(&split_by, key);
            (
                format!("{}-{}", spec.id, key.join("-")),
                Some(format!("{} {label}", spec.name.as_deref().unwrap_or(&spec.id))),
            )
        };
        if out.slos.iter().any(|other| other.id == id) {
            out.problems.push(Problem::error(
                &spec.file,
                spec.location.clone(),
                format!("the SLO id {id:?} is imported twice: SLO ids must be unique, so the second is skipped"),
            ));
            continue;
        }
        out.slos.push(Slo {
            id,
            service: spec.service.clone(),
            name,
            objective: spec.objective,
            window: spec.window,
            budgeting: spec.budgeting,
            timeslice_target: spec.timeslice_target,
            sli,
        });
        written += 1;
    }
    Ok(written)
}
