//! `uptrend report`: the reliability report of a data directory, as Markdown or JSON.

use std::io::{BufWriter, Write};

use uptrend_core::load::Loaded;
use uptrend_core::report::{self, ReportError, ReportOptions};

use crate::args::{ReportArgs, ReportFormat};
use crate::input;
use crate::markdown;
use crate::visible::write_line;

/// The buffer the JSON report is written through.
const JSON_BUFFER_BYTES: usize = 64 * 1024;

/// Prints the report to `out` and the data's problems to `problems`; `Ok(false)` when a snapshot
/// had errors (it was left out of the report).
pub fn run(args: &ReportArgs, out: &mut impl Write, problems: &mut impl Write) -> anyhow::Result<bool> {
    let loaded = input::load_directory(&args.dir, args.read.max_file_size)?;
    for problem in &loaded.problems {
        write_line(problems, problem)?;
    }
    let options = ReportOptions { as_of: args.as_of, dora_window: args.dora_window };
    let report = match report::build(&loaded.dataset, options) {
        Ok(report) => report,
        Err(ReportError::NoData) if loaded.has_errors() => {
            // The snapshots are invalid (exit 1), as the problems above say.
            let nothing = format!("{} holds no usable snapshot: there is nothing to report", args.dir.display());
            write_line(problems, format_args!("error: {nothing}"))?;
            return Ok(false);
        }
        Err(ReportError::NoData) => {
            write_empty(args, &loaded, out, problems)?;
            return Ok(true);
        }
    };
    for skipped in &report.skipped_slos {
        write_line(
            problems,
            format_args!("warning: SLO {} is left out of the report: {}", skipped.slo, skipped.reason),
        )?;
    }
    match args.format {
        ReportFormat::Markdown => {
            let links = args.site_url.as_deref().map(|url| markdown::SiteLinks::new(url, report.as_of));
            let context = markdown::Context::new(&loaded.dataset.services, links);
            out.write_all(markdown::render(&report, &context).as_bytes())?
        }
        ReportFormat::Json => {
            // The serializer writes a few bytes at a time, and stdout is line-buffered: unbuffered,
            // every line of the report would be a write of its own (190,000 at 74.5 MB of data).
            let mut out = BufWriter::with_capacity(JSON_BUFFER_BYTES, &mut *out);
            serde_json::to_writer_pretty(&mut out, &report)?;
            writeln!(out)?;
            out.flush()?;
        }
    }
    let valid = !loaded.has_errors();
    // The process ends after this: the system takes its memory back at once, where dropping the
    // data and the report would free their millions of allocations one by one (6 % of the command's
    // CPU at 155 MB of data).
    std::mem::forget(report);
    std::mem::forget(loaded);
    Ok(valid)
}

/// A manifest that lists no snapshot is valid (as `validate` says): the report is empty. Markdown
/// says so; a JSON report needs its instant, so it is printed only when `--as-of` gives one.
fn write_empty(
    args: &ReportArgs,
    loaded: &Loaded,
    out: &mut impl Write,
    problems: &mut impl Write,
) -> anyhow::Result<()> {
    let manifest = args.dir.join(input::MANIFEST_FILE);
    let manifest = manifest.display();
    match args.format {
        ReportFormat::Markdown => {
            write_line(problems, format_args!("note: {manifest} lists no snapshots: the report is empty"))?;
            out.write_all(markdown::render_empty(&loaded.dataset.title).as_bytes())?;
        }
        ReportFormat::Json => write_line(
            problems,
            format_args!(
                "note: {manifest} lists no snapshots: the report is empty; a JSON report needs an instant, \
                 give one with --as-of to print it"
            ),
        )?,
    }
    Ok(())
}
