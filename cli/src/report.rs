//! `uptrend report`: the reliability report of a data directory, as Markdown or JSON.

use std::io::Write;

use anyhow::anyhow;
use uptrend_core::report::{self, ReportError, ReportOptions};

use crate::args::{ReportArgs, ReportFormat};
use crate::input;
use crate::markdown;

/// Prints the report to `out` and the data's problems to `problems`; `Ok(false)` when a snapshot
/// had errors (it was left out of the report).
pub fn run(args: &ReportArgs, out: &mut impl Write, problems: &mut impl Write) -> anyhow::Result<bool> {
    let loaded = input::read_directory(&args.dir)?.load();
    for problem in &loaded.problems {
        writeln!(problems, "{problem}")?;
    }
    let options = ReportOptions { as_of: args.as_of, dora_window: args.dora_window };
    let report = match report::build(&loaded.dataset, options) {
        Ok(report) => report,
        Err(ReportError::NoData) => {
            let nothing = format!("{} holds no usable snapshot: there is nothing to report", args.dir.display());
            if loaded.has_errors() {
                // The snapshots are invalid (exit 1), as the problems above say.
                writeln!(problems, "error: {nothing}")?;
                return Ok(false);
            }
            return Err(anyhow!(nothing));
        }
    };
    for skipped in &report.skipped_slos {
        writeln!(problems, "warning: SLO {} is left out of the report: {}", skipped.slo, skipped.reason)?;
    }
    match args.format {
        ReportFormat::Markdown => {
            let links = args.site_url.as_deref().map(|url| markdown::SiteLinks::new(url, report.as_of));
            let context = markdown::Context::new(&loaded.dataset.services, links);
            out.write_all(markdown::render(&report, &context).as_bytes())?
        }
        ReportFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, &report)?;
            writeln!(out)?;
        }
    }
    Ok(!loaded.has_errors())
}
