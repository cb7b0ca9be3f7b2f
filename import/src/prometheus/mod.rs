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

use std::collections::BTreeMap;

use chrono::DateTime;
use uptrend_core::model::{Budgeting, SliData, Slo};
use uptrend_core::time::Span;

pub use self::buckets::ValueKind;
use self::buckets::{show_step, show_time, GroupKey};
pub use self::matrix::{parse_matrix, RawSample, Series};
use crate::imported::Imported;
use crate::problem::{Location, Problem};
use crate::slo_spec::{Numerator, SloSpec};

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
        if let Some((largest, path)) = &column.largest_rounding {
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
        let Some(sli) = pair(spec, key, &split_by, step, numerator_buckets, total_buckets, numerator.name, out) else {
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

/// The bucket length: `--step`, else the SLO's time slice, else the samples' spacing; a timeslices
/// SLO's step must be its time slice.
fn step_for(spec: &SloSpec, options: &SliOptions, files: &[(&str, &[Series])]) -> Result<Span, Problem> {
    let at_definition = |message: String| Problem::error(&spec.file, spec.location.clone(), message);
    match (options.step, spec.slice) {
        (Some(step), Some(slice)) if step != slice && spec.budgeting == Budgeting::Timeslices => {
            return Err(at_definition(format!(
                "SLO {:?} has time slices of {slice} but --step is {step}: each SLI bucket is one time slice",
                spec.id
            )))
        }
        (Some(step), _) => return Ok(step),
        (None, Some(slice)) => return Ok(slice),
        (None, None) => {}
    }
    let mut gcd = 0_i64;
    for (_, series) in files {
        for one in series.iter() {
            for pair in one.samples.windows(2) {
                let difference = pair[1].at_secs - pair[0].at_secs;
                if difference.fract() == 0.0 && difference > 0.0 && difference < 1e12 {
                    gcd = greatest_common_divisor(gcd, difference as i64);
                }
            }
        }
    }
    let file = files.first().map_or("", |(file, _)| *file);
    match Span::from_secs(gcd).filter(|_| gcd % 60 == 0) {
        Some(step) => Ok(step),
        None if gcd == 0 => Err(Problem::error(
            file,
            Location::file(),
            format!("SLO {:?}: the step cannot be told from fewer than two samples a series: pass --step", spec.id),
        )),
        None => Err(Problem::error(
            file,
            Location::file(),
            format!(
                "SLO {:?}: the samples are {} apart, not a whole number of minutes: query with a step of whole \
                 minutes (Uptrend's buckets are 1m or longer) or pass --step",
                spec.id,
                show_step(gcd)
            ),
        )),
    }
}

fn greatest_common_divisor(a: i64, b: i64) -> i64 {
    if b == 0 {
        a
    } else {
        greatest_common_divisor(b, a % b)
    }
}

/// The SLI columns of one group, from its first to its last bucket with data; `None` when none has.
#[allow(clippy::too_many_arguments)]
fn pair(
    spec: &SloSpec,
    key: &GroupKey,
    split_by: &[String],
    step: Span,
    numerator: &BTreeMap<i64, u64>,
    total: &BTreeMap<i64, u64>,
    numerator_file: &str,
    out: &mut Imported,
) -> Option<SliData> {
    let first = *total.keys().next()?;
    let last = *total.keys().next_back()?;
    let length = usize::try_from(last - first + 1).ok()?;
    let (mut good, mut totals) = (vec![None; length], vec![None; length]);
    let (mut without_numerator, mut without_total, mut above_total) = (0_u64, 0_u64, Vec::new());
    for (&index, &events) in total {
        let slot = usize::try_from(index - first).ok()?;
        let counted = match numerator.get(&index) {
            Some(&counted) => counted,
            None => {
                without_numerator += 1;
                0
            }
        };
        if counted > events {
            above_total.push((index, counted, events));
            continue;
        }
        good[slot] = Some(match spec.numerator {
            Numerator::Good => counted,
            Numerator::Bad => events - counted,
        });
        totals[slot] = Some(events);
    }
    without_total += numerator.keys().filter(|index| !total.contains_key(index)).count() as u64;
    let suffix = group_suffix_text(split_by, key);
    let word = spec.numerator.word();
    let step_secs = step.secs();
    for (index, counted, events) in above_total.iter().take(listing::LISTED_PER_KIND) {
        out.problems.push(Problem::error(
            numerator_file,
            Location::file(),
            format!(
                "SLO {:?}{suffix}: the bucket at {} has {counted} {word} events but {events} in total: it is written as no data",
                spec.id,
                show_time((index * step_secs) as f64)
            ),
        ));
    }
    if above_total.len() > listing::LISTED_PER_KIND {
        out.problems.push(Problem::error(
            numerator_file,
            Location::file(),
            format!(
                "SLO {:?}{suffix}: {} more buckets have more {word} events than in total",
                spec.id,
                above_total.len() - listing::LISTED_PER_KIND
            ),
        ));
    }
    if without_numerator > 0 {
        out.problems.push(Problem::warning(
            numerator_file,
            Location::file(),
            format!("SLO {:?}{suffix}: {without_numerator} buckets with a total have no {word} series: they count 0 {word} events", spec.id),
        ));
    }
    if without_total > 0 {
        out.problems.push(Problem::warning(
            numerator_file,
            Location::file(),
            format!("SLO {:?}{suffix}: {without_total} buckets with {word} events have no total: they are written as no data", spec.id),
        ));
    }
    let with_data = totals.iter().filter(|t| t.is_some()).count() as u64;
    out.counts.add(
        BUCKETS,
        with_data + above_total.len() as u64 + without_total,
        with_data,
        above_total.len() as u64 + without_total,
    );
    let start = DateTime::from_timestamp(first.checked_mul(step_secs)?, 0)?;
    Some(SliData { start, step, good, total: totals })
}

fn sli_end(sli: &SliData) -> Option<DateTime<chrono::Utc>> {
    let span = sli.step.secs().checked_mul(i64::try_from(sli.total.len()).ok()?)?;
    sli.start.checked_add_signed(chrono::TimeDelta::try_seconds(span)?)
}

/// `{region="eu"}` for a group.
fn group_text(split_by: &[String], key: &GroupKey) -> String {
    let pairs: Vec<String> = split_by.iter().zip(key).map(|(label, value)| format!("{label}={value:?}")).collect();
    format!("{{{}}}", pairs.join(", "))
}

fn group_suffix_text(split_by: &[String], key: &GroupKey) -> String {
    if key.is_empty() {
        String::new()
    } else {
        format!(" {}", group_text(split_by, key))
    }
}
