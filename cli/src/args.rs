//! The command line: commands, options and their help, with examples.

use std::path::PathBuf;

use chrono::{DateTime, Utc};
use clap::{Args, Parser, Subcommand, ValueEnum};
use uptrend_core::time::Span;

use crate::byte_limit::{ByteLimit, DEFAULT_MAX_FILE_SIZE};
use crate::demo::{DEFAULT_NOW, DEFAULT_SEED};

/// Uptrend: SLOs, error budgets and DORA metrics from exported snapshots.
#[derive(Debug, Parser)]
#[command(name = "uptrend", version, propagate_version = true)]
#[command(after_help = "Examples:
  uptrend validate data/
  uptrend report data/ --format markdown > report.md
  uptrend demo --out data/
  uptrend import openslo slos.yaml --prometheus prom/ --values counter --out data/snapshots/2026-11-21.json --index data/index.json
  uptrend bundle data/ --out report.html

Exit codes: 0 success, 1 invalid snapshots, 2 usage error or unreadable input.")]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    Validate(ValidateArgs),
    Report(ReportArgs),
    Demo(DemoArgs),
    Import(Box<crate::import::args::ImportArgs>),
    Bundle(BundleArgs),
    Pack(PackArgs),
}

/// Check snapshots and print every problem with its file, JSON path and reason.
///
/// Exits with 0 when every snapshot is valid (warnings allowed), 1 when any is invalid, 2 on a
/// usage error or a path that cannot be read.
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  uptrend validate data/                      # a directory with index.json
  uptrend validate exports/2026-11-21.json    # snapshot files
  curl -s $EXPORT_URL | uptrend validate -    # a snapshot on standard input
  uptrend validate data/ --format json | jq '.problems[] | select(.severity == \"error\")'")]
pub struct ValidateArgs {
    /// A data directory holding `index.json`, or snapshot files; `-` reads one snapshot from standard input.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// `text`: one problem a line; `json`: a JSON document for machines.
    #[arg(long, value_enum, default_value_t = ProblemFormat::Text)]
    pub format: ProblemFormat,
    #[command(flatten)]
    pub read: ReadArgs,
}

/// How input files are read (every command that reads files has these options).
#[derive(Debug, Args)]
pub struct ReadArgs {
    /// The largest input file read (manifest or snapshot), like `1GiB`, `512MiB`, `200MB` or bytes.
    /// Only regular files are read: devices, FIFOs and sockets are refused.
    #[arg(long, value_name = "SIZE", default_value = DEFAULT_MAX_FILE_SIZE)]
    pub max_file_size: ByteLimit,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ProblemFormat {
    Text,
    Json,
}

/// Print the reliability report: every SLO's budget and alert, and the DORA metrics.
///
/// Problems in the data go to stderr; snapshots with errors are left out of the report, and the
/// exit code is then 1.
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  uptrend report data/                               # Markdown, for a PR comment or a wiki
  uptrend report data/ --format json | jq '.slos[] | select(.alert != \"none\")'
  uptrend report data/ --as-of 2026-11-14T00:00:00Z --dora-window 28d
  uptrend report data/ --site-url https://acme.example/reliability/ > report.md")]
pub struct ReportArgs {
    /// A data directory holding `index.json`.
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,
    /// The report instant (RFC 3339); default: the latest `generated_at` of the snapshots.
    #[arg(long, value_name = "RFC3339", value_parser = parse_instant)]
    pub as_of: Option<DateTime<Utc>>,
    /// The DORA window before the report instant, like `90d`, `28d` or `12w`.
    #[arg(long, value_name = "DURATION", default_value = "90d")]
    pub dora_window: Span,
    /// `markdown` for people, `json` for scripts (see docs/report-format.md).
    #[arg(long, value_enum, default_value_t = ReportFormat::Markdown)]
    pub format: ReportFormat,
    #[command(flatten)]
    pub read: ReadArgs,
    /// The published site's address (its index page): the Markdown report then links every SLO and
    /// service to its page there, at the report's instant.
    #[arg(long, value_name = "URL")]
    pub site_url: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    Markdown,
    Json,
}

/// Generate deterministic data for a fictional company (same seed, same bytes).
///
/// `demo` is the data shipped in `data/`: a year of history for eleven services in three teams and
/// a platform team's records, in overlapping weekly exports. `large` is for benchmarks: 200 SLOs x 1 year x 5-minute buckets
/// and 1M deployments (several hundred MB).
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  uptrend demo --out data/
  uptrend demo --out /tmp/bench --scale large --seed 7
  uptrend demo --out /tmp/bench-25 --scale large --percent 25")]
pub struct DemoArgs {
    /// The directory to write `index.json` and `snapshots/` into (created if missing).
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// The random seed: the same seed always gives the same bytes (the committed `data/` uses the default).
    #[arg(long, default_value_t = DEFAULT_SEED)]
    pub seed: u64,
    /// `demo`: the shipped demo data (about 2 MB); `large`: the benchmark data (about 600 MB).
    #[arg(long, value_enum, default_value_t = Scale::Demo)]
    pub scale: Scale,
    /// The data's "now": the last export is generated at this instant (RFC 3339).
    #[arg(long, value_name = "RFC3339", default_value = DEFAULT_NOW, value_parser = parse_instant)]
    pub now: DateTime<Utc>,
    /// `large` only: this percentage of its SLOs, deployments and incidents (same year of history),
    /// for benchmarks at several sizes.
    #[arg(long, value_name = "1-100", default_value_t = 100, value_parser = clap::value_parser!(u64).range(1..=100))]
    pub percent: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Scale {
    Demo,
    Large,
}

/// Write the report as one self-contained HTML file that opens from disk, with no server and no network.
///
/// The file holds the built site (wasm, JavaScript and CSS from `--dist`, what `trunk build --release`
/// writes) and the data (the manifest and its snapshots, validated first: invalid snapshots stop the
/// command with exit code 1 and nothing is written). It shows exactly what the hosted site shows for
/// the same data, links to a view included (`report.html?page=slo&slo=...`).
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  trunk build --release && uptrend bundle data/ --out report.html
  uptrend bundle exports/ --dist /opt/uptrend/dist --out /tmp/acme-reliability.html")]
pub struct BundleArgs {
    /// A data directory holding `index.json`.
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,
    /// The built site to take the app from (the output of `trunk build --release`).
    #[arg(long, value_name = "DIR", default_value = "dist")]
    pub dist: PathBuf,
    /// The HTML file to write (replaced if it exists).
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
    #[command(flatten)]
    pub read: ReadArgs,
}

/// Write the packed form of a data directory, which the site reads instead of its JSON snapshots:
/// the same numbers, loaded without parsing, validating and merging in the browser.
///
/// It is written next to `index.json`, which is then set to name it (`"packed"`). Run it again
/// whenever the snapshots change: `uptrend validate` reports a pack that is out of date. Exits with
/// 0 when written, 1 when the data has errors (nothing is written), 2 on a usage error.
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  uptrend pack data/                          # writes data/uptrend.pack, names it in data/index.json
  uptrend validate data/                      # fails when a snapshot changed since")]
pub struct PackArgs {
    /// A data directory holding `index.json`.
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,
    /// The pack's file name, in DIR.
    #[arg(long, value_name = "NAME", default_value = crate::pack::DEFAULT_NAME)]
    pub name: String,
    #[command(flatten)]
    pub read: ReadArgs,
}

/// An RFC 3339 instant with any offset, normalised to UTC.
pub(crate) fn parse_instant(text: &str) -> Result<DateTime<Utc>, String> {
    DateTime::parse_from_rfc3339(text)
        .map(|instant| instant.with_timezone(&Utc))
        .map_err(|err| format!("expected an RFC 3339 instant like 2026-11-21T00:00:00Z: {err}"))
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use super::*;

    #[test]
    fn the_command_line_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn instants_are_normalised_to_utc() {
        assert_eq!(parse_instant("2026-11-21T02:00:00+02:00").unwrap().to_rfc3339(), "2026-11-21T00:00:00+00:00");
        assert!(parse_instant("2026-11-21").is_err());
    }
}
