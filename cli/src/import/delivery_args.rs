//! The options of the delivery sources: `import github`, `gitlab`, `pagerduty` and `csv`.

use std::path::PathBuf;

use clap::Args;

use crate::import::args::OutputArgs;

/// How deployments' environments and failures count for DORA: the same for every delivery source.
#[derive(Debug, Args)]
pub struct EnvironmentArgs {
    /// Count deployments to this environment as production for DORA, keeping its name (repeatable):
    /// `--production-environment production-eu --production-environment production-us`.
    #[arg(long, value_name = "NAME")]
    pub production_environment: Vec<String>,
    /// Rename an environment, `FROM=TO` (repeatable): `--environment prod=production`.
    #[arg(long, value_name = "FROM=TO", value_parser = parse_rename)]
    pub environment: Vec<(String, String)>,
    /// Failed deployments reached production: import them as `failed` (change failures) instead of
    /// skipping them as deployments that never went live.
    #[arg(long)]
    pub failed_reached_production: bool,
}

/// Import deployments and their changes from the GitHub REST API's JSON (`gh api --paginate`).
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  gh api --paginate repos/acme/checkout/deployments > deployments.json
  uptrend import github --deployments deployments.json --statuses statuses.json --compare compares.json \\
      --service checkout --out data/snapshots/github.json --index data/index.json

See docs/importing.md for the gh api lines that fetch the statuses and compares.")]
pub struct GithubArgs {
    /// `/repos/{owner}/{repo}/deployments` pages (repeatable; pages back to back are fine).
    #[arg(long, value_name = "FILE", required = true)]
    pub deployments: Vec<PathBuf>,
    /// `/repos/{owner}/{repo}/deployments/{id}/statuses` pages, of any deployments (repeatable).
    #[arg(long, value_name = "FILE")]
    pub statuses: Vec<PathBuf>,
    /// `/repos/{owner}/{repo}/compare/{base}...{head}` answers (repeatable).
    #[arg(long, value_name = "FILE")]
    pub compare: Vec<PathBuf>,
    /// The service of the repository's deployments, when the service map has no entry for
    /// `owner/repo`; default: the repository's name.
    #[arg(long, value_name = "NAME")]
    pub service: Option<String>,
    #[command(flatten)]
    pub environments: EnvironmentArgs,
    #[command(flatten)]
    pub output: OutputArgs,
}

/// Import deployments and their changes from GitLab's deployments and compare API JSON.
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  glab api --paginate 'projects/acme%2Fcheckout/deployments?environment=production' > deployments.json
  uptrend import gitlab --project acme/checkout --deployments deployments.json --compare compares.json \\
      --out data/snapshots/gitlab.json --index data/index.json")]
pub struct GitlabArgs {
    /// The project path (`group/project`): the changes' repository and the service map's key.
    #[arg(long, value_name = "PATH")]
    pub project: String,
    /// `/projects/:id/deployments` pages (repeatable).
    #[arg(long, value_name = "FILE", required = true)]
    pub deployments: Vec<PathBuf>,
    /// `/projects/:id/repository/compare?from=…&to=…` answers (repeatable).
    #[arg(long, value_name = "FILE")]
    pub compare: Vec<PathBuf>,
    /// The service when the service map has no entry for the project; default: the project's name.
    #[arg(long, value_name = "NAME")]
    pub service: Option<String>,
    #[command(flatten)]
    pub environments: EnvironmentArgs,
    #[command(flatten)]
    pub output: OutputArgs,
}

/// Import incidents from PagerDuty's REST API JSON (`/incidents`, `/log_entries`).
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  uptrend import pagerduty --incidents incidents.json --log-entries log_entries.json \\
      --service-map services.yaml --known-deployments data/ --out data/snapshots/pagerduty.json --index data/index.json")]
pub struct PagerdutyArgs {
    /// `/incidents` pages (repeatable; pages back to back are fine).
    #[arg(long, value_name = "FILE", required = true)]
    pub incidents: Vec<PathBuf>,
    /// `/log_entries` pages: resolutions and notes (repeatable).
    #[arg(long, value_name = "FILE")]
    pub log_entries: Vec<PathBuf>,
    /// A data directory or snapshot files holding the deployments incidents may name as their cause
    /// (by id, or by a commit SHA they shipped); repeatable.
    #[arg(long, value_name = "PATH")]
    pub known_deployments: Vec<PathBuf>,
    #[command(flatten)]
    pub output: OutputArgs,
}

/// Import deployments, changes and incidents from flat CSV tables (Four Keys, DevLake, spreadsheets).
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  uptrend import csv --deployments deployments.csv --changes changes.csv --incidents incidents.csv \\
      --service checkout --out data/snapshots/fourkeys.json --index data/index.json")]
pub struct CsvArgs {
    /// Deployments tables (repeatable).
    #[arg(long, value_name = "FILE")]
    pub deployments: Vec<PathBuf>,
    /// Changes tables (repeatable).
    #[arg(long, value_name = "FILE")]
    pub changes: Vec<PathBuf>,
    /// Incidents tables (repeatable).
    #[arg(long, value_name = "FILE")]
    pub incidents: Vec<PathBuf>,
    /// The service of rows without a `service` cell.
    #[arg(long, value_name = "NAME")]
    pub service: Option<String>,
    /// A data directory or snapshot files with earlier deployments, for incidents' `changes`; repeatable.
    #[arg(long, value_name = "PATH")]
    pub known_deployments: Vec<PathBuf>,
    #[command(flatten)]
    pub environments: EnvironmentArgs,
    #[command(flatten)]
    pub output: OutputArgs,
}

fn parse_rename(text: &str) -> Result<(String, String), String> {
    match text.split_once('=') {
        Some((from, to)) if !from.is_empty() && !to.is_empty() => Ok((from.to_owned(), to.to_owned())),
        _ => Err(format!("expected FROM=TO, like prod=production, found {text:?}")),
    }
}
