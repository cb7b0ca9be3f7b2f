//! `uptrend report`: the reliability report of a data directory, as Markdown or JSON.

use std::io::Write;

use anyhow::{anyhow, Context};
use uptrend_core::dora;
use uptrend_core::slo::evaluate;

use crate::args::{ReportArgs, ReportFormat};
use crate::input;
use crate::markdown::{self, SloEntry};

/// Prints the report to `out` and the data's problems to `problems`; `Ok(false)` when a snapshot
/// had errors (it was left out of the report).
pub fn run(args: &ReportArgs, out: &mut impl Write, problems: &mut impl Write) -> anyhow::Result<bool> {
    let loaded = input::read_directory(&args.dir)?.load();
    for problem in &loaded.problems {
        writeln!(problems, "{problem}")?;
    }
    let dataset = &loaded.dataset;
    let Some(as_of) = args.as_of.or(dataset.latest_generated_at) else {
        let nothing = format!("{} holds no usable snapshot: there is nothing to report", args.dir.display());
        if loaded.has_errors() {
            // The snapshots are invalid (exit 1), as the problems above say.
            writeln!(problems, "error: {nothing}")?;
            return Ok(false);
        }
        return Err(anyhow!(nothing));
    };
    let evaluations = dataset
        .slos
        .iter()
        .map(|slo| evaluate(slo, as_of).with_context(|| format!("cannot evaluate SLO {}", slo.definition.id)))
        .collect::<anyhow::Result<Vec<_>>>()?;
    let delivery = dora::compute(dataset, as_of, args.dora_window);
    match args.format {
        ReportFormat::Markdown => {
            let entries: Vec<SloEntry<'_>> = dataset
                .slos
                .iter()
                .zip(&evaluations)
                .map(|(slo, evaluation)| SloEntry { definition: &slo.definition, evaluation })
                .collect();
            out.write_all(markdown::render(&dataset.title, as_of, &entries, &delivery).as_bytes())?;
        }
        ReportFormat::Json => return Err(anyhow!("the JSON report needs the core's report module")),
    }
    Ok(!loaded.has_errors())
}
