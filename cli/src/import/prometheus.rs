//! `uptrend import prometheus`: one SLO defined by the options, its SLI from query result files.
//! Also the shared reading of query results for the definition sources (`openslo`...).

use std::path::{Path, PathBuf};

use uptrend_core::model::Budgeting;
use uptrend_import::prometheus::{self, QueryFile, SliOptions, ValueKind};
use uptrend_import::{Imported, Location, Numerator, ServiceMap, SloSpec, SourceFile};

use crate::byte_limit::ByteLimit;
use crate::import::args::{PrometheusArgs, SliDataArgs, ValuesArg};
use crate::input::{self, InputFile};

pub fn import(args: &PrometheusArgs, map: &ServiceMap) -> anyhow::Result<Imported> {
    let mut imported = Imported::default();
    let numerator = match (&args.good, &args.bad) {
        (Some(good), _) => (Numerator::Good, good),
        (None, Some(bad)) => (Numerator::Bad, bad),
        (None, None) => anyhow::bail!("pass --good or --bad"),
    };
    let limit = args.output.read.max_file_size;
    let numerator_file = input::read_file(numerator.1, limit)?;
    let total_file = input::read_file(&args.total, limit)?;
    let origin = "the command line";
    let Some(service) = imported.service(map, &args.service, None, origin, Location::path("--service")) else {
        return Ok(imported);
    };
    let budgeting = Budgeting::from(args.budgeting);
    let spec = SloSpec {
        id: args.slo.clone(),
        data_key: args.slo.clone(),
        service,
        name: args.name.clone(),
        objective: args.objective,
        window: args.window,
        budgeting,
        timeslice_target: args.timeslice_target,
        slice: (budgeting == Budgeting::Timeslices).then_some(args.data.step).flatten(),
        numerator: numerator.0,
        split_by: Vec::new(),
        file: origin.to_owned(),
        location: Location::path("--slo"),
    };
    attach(&[spec], Some(&numerator_file), Some(&total_file), &args.data, &mut imported);
    Ok(imported)
}

/// The query result options of the command line.
pub fn sli_options(args: &SliDataArgs) -> SliOptions {
    let values = match args.values {
        ValuesArg::Counter => ValueKind::Counter,
        ValuesArg::Increase => ValueKind::Increase,
    };
    SliOptions { values, step: args.step, split_by: args.split_by.clone() }
}

/// Attaches the SLI of `specs` (sharing their query results) from the files given.
fn attach(
    specs: &[SloSpec],
    numerator: Option<&InputFile>,
    total: Option<&InputFile>,
    args: &SliDataArgs,
    imported: &mut Imported,
) {
    fn as_query(file: &InputFile) -> QueryFile<'_> {
        QueryFile { name: &file.name, bytes: &file.bytes }
    }
    prometheus::attach(specs, numerator.map(as_query), total.map(as_query), &sli_options(args), imported);
}

/// Reads `DIR/<key>.<good|bad>.json` and `DIR/<key>.total.json` when they exist.
fn read_query_files(
    dir: &Path,
    key: &str,
    numerator: Numerator,
    limit: ByteLimit,
) -> anyhow::Result<(Option<InputFile>, Option<InputFile>)> {
    let numerator = input::read_optional_file(&dir.join(format!("{key}.{}.json", numerator.word())), limit)?;
    let total = input::read_optional_file(&dir.join(format!("{key}.total.json")), limit)?;
    Ok((numerator, total))
}

/// What the definition sources (openslo, sloth, pyrra) share: read their files (`paths`), turn them
/// into SLO specs with `definitions`, then attach each SLO's query results from `dir`.
pub fn import_definitions(
    paths: &[PathBuf],
    dir: &Path,
    args: &SliDataArgs,
    limit: ByteLimit,
    definitions: impl FnOnce(&[SourceFile<'_>], &mut Imported) -> Vec<SloSpec>,
) -> anyhow::Result<Imported> {
    let files = paths.iter().map(|path| input::read_file(path, limit)).collect::<anyhow::Result<Vec<_>>>()?;
    let sources: Vec<SourceFile<'_>> =
        files.iter().map(|file| SourceFile { name: &file.name, bytes: &file.bytes }).collect();
    let mut imported = Imported::default();
    let specs = definitions(&sources, &mut imported);
    attach_from_dir(&specs, dir, args, limit, &mut imported)?;
    Ok(imported)
}

/// Attaches every spec's SLI from the query result files in `dir`, reading each file once.
fn attach_from_dir(
    specs: &[SloSpec],
    dir: &Path,
    args: &SliDataArgs,
    limit: ByteLimit,
    imported: &mut Imported,
) -> anyhow::Result<()> {
    for group in uptrend_import::slo_spec::by_data(specs) {
        let key = &group[0].data_key;
        if let Some(reason) = uptrend_import::slo_spec::file_stem_problem(key) {
            let why = format!(
                "SLO name {key:?} cannot name its query result files in {} ({reason}): it is not imported",
                dir.display()
            );
            prometheus::refuse(&group, &why, imported);
            continue;
        }
        let (numerator, total) = read_query_files(dir, key, group[0].numerator, limit)?;
        attach(&group, numerator.as_ref(), total.as_ref(), args, imported);
    }
    Ok(())
}
