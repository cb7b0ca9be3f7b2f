//! `uptrend import github|gitlab|pagerduty|csv`: read the files the user fetched, hand their bytes
//! to `uptrend_import::delivery`. The importers make no network calls.

use std::path::{Path, PathBuf};

use uptrend_core::load::FileStatus;
use uptrend_core::model::Deployment;
use uptrend_import::delivery::causes::KnownDeployments;
use uptrend_import::delivery::csv::CsvImport;
use uptrend_import::delivery::github::GithubImport;
use uptrend_import::delivery::gitlab::GitlabImport;
use uptrend_import::delivery::pagerduty::PagerdutyImport;
use uptrend_import::delivery::{Environments, Input};
use uptrend_import::{Imported, Location, Problem, ServiceMap};

use crate::byte_limit::ByteLimit;
use crate::import::delivery_args::{CsvArgs, EnvironmentArgs, GithubArgs, GitlabArgs, PagerdutyArgs};
use crate::input::{self, InputFile};

pub fn github(args: &GithubArgs, map: &ServiceMap) -> anyhow::Result<Imported> {
    let limit = args.output.read.max_file_size;
    let (deployments, statuses, compares) =
        (read_all(&args.deployments, limit)?, read_all(&args.statuses, limit)?, read_all(&args.compare, limit)?);
    Ok(GithubImport {
        deployments: inputs(&deployments),
        statuses: inputs(&statuses),
        compares: inputs(&compares),
        service: args.service.clone(),
        environments: environments(&args.environments),
        failed_reached_production: args.environments.failed_reached_production,
    }
    .run(map))
}

pub fn gitlab(args: &GitlabArgs, map: &ServiceMap) -> anyhow::Result<Imported> {
    let limit = args.output.read.max_file_size;
    let (deployments, compares) = (read_all(&args.deployments, limit)?, read_all(&args.compare, limit)?);
    Ok(GitlabImport {
        deployments: inputs(&deployments),
        compares: inputs(&compares),
        project: args.project.clone(),
        service: args.service.clone(),
        environments: environments(&args.environments),
        failed_reached_production: args.environments.failed_reached_production,
    }
    .run(map))
}

pub fn pagerduty(args: &PagerdutyArgs, map: &ServiceMap) -> anyhow::Result<Imported> {
    let limit = args.output.read.max_file_size;
    let (incidents, log_entries) = (read_all(&args.incidents, limit)?, read_all(&args.log_entries, limit)?);
    let (known, left_out) = known_deployments(&args.known_deployments, limit)?;
    let mut imported = PagerdutyImport {
        incidents: inputs(&incidents),
        log_entries: inputs(&log_entries),
        known_deployments: KnownDeployments::new(known.iter()),
    }
    .run(map);
    imported.problems.extend(left_out);
    Ok(imported)
}

pub fn csv(args: &CsvArgs, map: &ServiceMap) -> anyhow::Result<Imported> {
    let limit = args.output.read.max_file_size;
    if args.deployments.is_empty() && args.changes.is_empty() && args.incidents.is_empty() {
        anyhow::bail!("pass at least one of --deployments, --changes, --incidents");
    }
    let (deployments, changes, incidents) =
        (read_all(&args.deployments, limit)?, read_all(&args.changes, limit)?, read_all(&args.incidents, limit)?);
    let (known, left_out) = known_deployments(&args.known_deployments, limit)?;
    let mut imported = CsvImport {
        deployments: inputs(&deployments),
        changes: inputs(&changes),
        incidents: inputs(&incidents),
        service: args.service.clone(),
        environments: environments(&args.environments),
        failed_reached_production: args.environments.failed_reached_production,
        known_deployments: known,
    }
    .run(map);
    imported.problems.extend(left_out);
    Ok(imported)
}

fn read_all(paths: &[PathBuf], limit: ByteLimit) -> anyhow::Result<Vec<InputFile>> {
    paths.iter().map(|path| input::read_file(path, limit)).collect()
}

fn inputs(files: &[InputFile]) -> Vec<Input<'_>> {
    files.iter().map(|file| Input::new(&file.name, &file.bytes)).collect()
}

fn environments(args: &EnvironmentArgs) -> Environments {
    let mut environments = Environments::default();
    for (from, to) in &args.environment {
        environments.rename(from, to);
    }
    for name in &args.production_environment {
        environments.declare_production(name);
    }
    environments
}

/// The deployments of the data directories or snapshot files (the usable ones, merged by the core),
/// and a warning for each file the core leaves out: causes cannot name its deployments.
fn known_deployments(paths: &[PathBuf], limit: ByteLimit) -> anyhow::Result<(Vec<Deployment>, Vec<Problem>)> {
    let mut deployments = Vec::new();
    let mut left_out = Vec::new();
    for path in paths {
        let loaded = input::load(Path::new(path), limit)?;
        let mut files: Vec<&str> =
            loaded.files.iter().filter(|file| file.status != FileStatus::Used).map(|file| file.path.as_str()).collect();
        let shown = path.to_string_lossy();
        if files.is_empty() && loaded.has_errors() {
            // The manifest itself (or the merge) failed: the whole input is unknown.
            files.push(&shown);
        }
        for file in files {
            left_out.push(Problem::warning(
                file,
                Location::file(),
                "the file is left out of the known deployments (`uptrend validate` says why): incidents cannot \
                 name its deployments as causes",
            ));
        }
        deployments.extend(loaded.dataset.deployments);
    }
    Ok((deployments, left_out))
}
