//! `uptrend import <source>`: the sources, and the options every source shares.

use std::path::PathBuf;

use chrono::{DateTime, Utc};
use clap::{Args, Subcommand, ValueEnum};
use uptrend_core::model::Budgeting;
use uptrend_core::time::{Span, Window};

use crate::args::{parse_instant, ProblemFormat, ReadArgs};
use crate::import::delivery_args::{CsvArgs, GithubArgs, GitlabArgs, PagerdutyArgs};

/// Turn what other tools export into a snapshot, validated before it is written.
///
/// Every record that cannot be used is printed with its file, path or line and the reason; the
/// counts of what was read, written and skipped are printed last. Exits with 0 when the input
/// was valid (records Uptrend cannot express are skipped with a warning), 1 when some input was
/// invalid (the snapshot still holds the valid records; nothing is written when the input as a
/// whole cannot be read as its format), 2 on a usage error or an unreadable file.
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  uptrend import openslo slos.yaml --prometheus prom/ --values counter --out data/snapshots/2026-11-21.json --index data/index.json
  uptrend import prometheus --slo checkout-availability --service checkout --objective 0.999 --window 28d \\
      --good prom/good.json --total prom/total.json --values increase --out snapshot.json

See docs/importing.md for every mapping rule and a CI example.")]
pub struct ImportArgs {
    #[command(subcommand)]
    pub source: ImportSource,
}

#[derive(Debug, Subcommand)]
pub enum ImportSource {
    Openslo(OpensloArgs),
    Sloth(SlothArgs),
    Pyrra(PyrraArgs),
    Prometheus(PrometheusArgs),
    Github(GithubArgs),
    Gitlab(GitlabArgs),
    Pagerduty(PagerdutyArgs),
    Csv(CsvArgs),
}

impl ImportSource {
    /// The options every source shares.
    pub fn output(&self) -> &OutputArgs {
        match self {
            ImportSource::Openslo(args) => &args.output,
            ImportSource::Sloth(args) => &args.output,
            ImportSource::Pyrra(args) => &args.output,
            ImportSource::Prometheus(args) => &args.output,
            ImportSource::Github(args) => &args.output,
            ImportSource::Gitlab(args) => &args.output,
            ImportSource::Pagerduty(args) => &args.output,
            ImportSource::Csv(args) => &args.output,
        }
    }
}

/// Where the snapshot goes and how services are named: the same for every source.
#[derive(Debug, Args)]
pub struct OutputArgs {
    /// The snapshot file to write (its folders are created).
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
    /// Also list the snapshot in this manifest (`index.json`; created when missing).
    #[arg(long, value_name = "PATH")]
    pub index: Option<PathBuf>,
    /// The title of a manifest that `--index` creates.
    #[arg(long, default_value = "Reliability", requires = "index")]
    pub title: String,
    /// Source service names to Uptrend services, with names and teams (YAML or JSON; see docs/importing.md).
    #[arg(long, value_name = "FILE")]
    pub service_map: Option<PathBuf>,
    /// When the export was made (RFC 3339); default: the latest instant the input covers.
    #[arg(long, value_name = "RFC3339", value_parser = parse_instant)]
    pub generated_at: Option<DateTime<Utc>>,
    /// `text`: problems on stderr, counts on stdout; `json`: one document on stdout for machines.
    #[arg(long, value_enum, default_value_t = ProblemFormat::Text)]
    pub format: ProblemFormat,
    #[command(flatten)]
    pub read: ReadArgs,
}

/// How the Prometheus query results hold the SLI.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ValuesArg {
    /// The counters themselves (`http_requests_total{...}`): per-bucket increases with resets handled.
    Counter,
    /// Already-aggregated increases (`sum(increase(x[STEP]))`), rounded to whole events.
    Increase,
}

/// The Prometheus query results and how to read them.
#[derive(Debug, Args)]
pub struct SliDataArgs {
    /// What the query results hold: the raw counters or their increase over each step.
    #[arg(long, value_enum, value_name = "KIND")]
    pub values: ValuesArg,
    /// The bucket length; default: the time slice window of a timeslices SLO, else the spacing of the samples.
    #[arg(long, value_name = "DURATION")]
    pub step: Option<Span>,
    /// Split the series by this label (repeatable): one SLO per value, `<slo>-<value>`; default: sum them.
    #[arg(long, value_name = "LABEL")]
    pub split_by: Vec<String>,
}

/// Import OpenSLO v1 definitions (kinds Service, SLO, SLI) with the SLI data from Prometheus.
///
/// For each SLO `NAME` (its `metadata.name`), the query results are read from `DIR/NAME.good.json`
/// (or `DIR/NAME.bad.json`) and `DIR/NAME.total.json`: the JSON that `curl .../api/v1/query_range`
/// or `promtool query -o json range` prints.
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  uptrend import openslo slos.yaml --prometheus prom/ --values counter --out data/snapshots/2026-11-21.json --index data/index.json
  uptrend import openslo slos/*.yaml --prometheus prom/ --values increase --step 5m --service-map services.yaml --out s.json")]
pub struct OpensloArgs {
    /// OpenSLO YAML files (one or many `---` separated documents each).
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// The folder holding `NAME.good.json` / `NAME.bad.json` and `NAME.total.json` per SLO.
    #[arg(long, value_name = "DIR")]
    pub prometheus: PathBuf,
    #[command(flatten)]
    pub data: SliDataArgs,
    #[command(flatten)]
    pub output: OutputArgs,
}

/// Import Sloth SLO specs (`version: prometheus/v1`, or the PrometheusServiceLevel resource) with
/// the SLI data from Prometheus.
///
/// Each SLO `NAME` of service `SERVICE` is the Uptrend SLO `SERVICE-NAME` (Sloth's SLO id); its query
/// results are read from `DIR/SERVICE-NAME.bad.json` (the `error_query`) and `DIR/SERVICE-NAME.total.json`.
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  uptrend import sloth sloth/*.yaml --prometheus prom/ --values increase --step 5m --out data/snapshots/2026-11-21.json")]
pub struct SlothArgs {
    /// Sloth spec files.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// The folder holding `SERVICE-NAME.bad.json` and `SERVICE-NAME.total.json` per SLO.
    #[arg(long, value_name = "DIR")]
    pub prometheus: PathBuf,
    /// The SLO window: Sloth's period (its `--default-slo-period`), 30 days unless changed.
    #[arg(long, value_name = "WINDOW", default_value = "30d")]
    pub window: Window,
    #[command(flatten)]
    pub data: SliDataArgs,
    #[command(flatten)]
    pub output: OutputArgs,
}

/// Import Pyrra ServiceLevelObjectives (ratio and latency indicators) with the SLI data from Prometheus.
///
/// Each SLO `NAME` (its `metadata.name`) reads `DIR/NAME.bad.json` (a ratio's `errors`) or
/// `DIR/NAME.good.json` (a latency's `success`) and `DIR/NAME.total.json`; `grouping` labels split
/// the series into one SLO per group.
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  uptrend import pyrra slos/*.yaml --service checkout --prometheus prom/ --values counter --out data/snapshots/2026-11-21.json")]
pub struct PyrraArgs {
    /// Pyrra ServiceLevelObjective files.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// The folder holding `NAME.bad.json` or `NAME.good.json`, and `NAME.total.json`, per SLO.
    #[arg(long, value_name = "DIR")]
    pub prometheus: PathBuf,
    /// The service of every SLO; default: each SLO's `metadata.namespace`.
    #[arg(long, value_name = "NAME")]
    pub service: Option<String>,
    #[command(flatten)]
    pub data: SliDataArgs,
    #[command(flatten)]
    pub output: OutputArgs,
}

/// Import one SLO defined on the command line, with its SLI from Prometheus query results.
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  uptrend import prometheus --slo checkout-availability --service checkout --objective 0.999 --window 28d \\
      --good prom/good.json --total prom/total.json --values counter --out snapshot.json
  uptrend import prometheus --slo api-errors --service api --objective 0.99 --window calendar:month \\
      --budgeting timeslices --timeslice-target 0.95 --step 1m \\
      --bad prom/errors.json --total prom/total.json --values increase --out snapshot.json")]
pub struct PrometheusArgs {
    /// The SLO id.
    #[arg(long, value_name = "ID")]
    pub slo: String,
    /// The service the SLO belongs to (mapped through `--service-map`).
    #[arg(long, value_name = "NAME")]
    pub service: String,
    /// The SLO's display name.
    #[arg(long, value_name = "TEXT")]
    pub name: Option<String>,
    /// The target ratio, strictly between 0 and 1 (`0.999`).
    #[arg(long, value_name = "RATIO")]
    pub objective: f64,
    /// The compliance window: `28d`, `4w`, `calendar:week`, `calendar:month`, `calendar:quarter`.
    #[arg(long, value_name = "WINDOW")]
    pub window: Window,
    #[arg(long, value_enum, default_value_t = BudgetingArg::Occurrences)]
    pub budgeting: BudgetingArg,
    /// With timeslices: the good/total ratio a slice must reach to be good, in (0, 1].
    #[arg(long, value_name = "RATIO")]
    pub timeslice_target: Option<f64>,
    /// The good events' query result.
    #[arg(long, value_name = "FILE", conflicts_with = "bad", required_unless_present = "bad")]
    pub good: Option<PathBuf>,
    /// The bad events' query result (good = total - bad).
    #[arg(long, value_name = "FILE")]
    pub bad: Option<PathBuf>,
    /// All events' query result.
    #[arg(long, value_name = "FILE")]
    pub total: PathBuf,
    #[command(flatten)]
    pub data: SliDataArgs,
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum BudgetingArg {
    Occurrences,
    Timeslices,
}

impl From<BudgetingArg> for Budgeting {
    fn from(budgeting: BudgetingArg) -> Budgeting {
        match budgeting {
            BudgetingArg::Occurrences => Budgeting::Occurrences,
            BudgetingArg::Timeslices => Budgeting::Timeslices,
        }
    }
}
