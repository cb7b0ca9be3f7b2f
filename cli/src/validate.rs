//! `uptrend validate`: every problem of the given inputs, as text lines or one JSON document.

use std::io::Write;
use std::path::Path;

use serde::Serialize;
use uptrend_core::load::{FileOutcome, FileStatus, Loaded};
use uptrend_core::problem::{Problem, Severity};

use crate::args::{ProblemFormat, ValidateArgs};
use crate::input;
use crate::pack;
use crate::visible::write_line;

/// What `validate` found across all inputs; `--format json` prints it as is.
#[derive(Debug, Serialize)]
pub struct Validation {
    /// No error anywhere (warnings allowed).
    pub valid: bool,
    pub errors: usize,
    pub warnings: usize,
    /// Every snapshot file checked and whether it would be used.
    pub files: Vec<FileOutcome>,
    pub problems: Vec<Problem>,
}

impl Validation {
    fn of(loads: Vec<Loaded>) -> Validation {
        let mut files = Vec::new();
        let mut problems = Vec::new();
        for loaded in loads {
            files.extend(loaded.files);
            problems.extend(loaded.problems);
        }
        let errors = problems.iter().filter(|problem| problem.severity == Severity::Error).count();
        Validation { valid: errors == 0, errors, warnings: problems.len() - errors, files, problems }
    }
}

/// Reads and checks every path; `Ok(validation)` whatever the data holds, `Err` when a path cannot be read.
pub fn run(args: &ValidateArgs, out: &mut impl Write) -> anyhow::Result<Validation> {
    let mut loads = Vec::with_capacity(args.paths.len());
    for path in &args.paths {
        let limit = args.read.max_file_size;
        if path == Path::new(input::STDIN_PATH) || !path.is_dir() {
            loads.push(input::load(path, limit)?);
            continue;
        }
        // A directory's manifest is read once, for its pack and its snapshots. The pack is checked
        // first: its stamps are hashed from the files read in chunks, so the loaded data and the
        // pack's bytes are never in memory at once.
        let (manifest_path, manifest) = input::read_manifest(path, limit)?;
        let pack_problems = pack::check_named_pack(&manifest_path, &manifest, limit);
        let mut loaded = input::load_listed(&manifest_path, &manifest, limit);
        loaded.problems.extend(pack_problems);
        loads.push(loaded);
    }
    let validation = Validation::of(loads);
    match args.format {
        ProblemFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, &validation)?;
            writeln!(out)?;
        }
        ProblemFormat::Text => write_text(&validation, out)?,
    }
    Ok(validation)
}

/// One line per problem, then a summary line.
fn write_text(validation: &Validation, out: &mut impl Write) -> std::io::Result<()> {
    for problem in &validation.problems {
        write_line(out, problem)?;
    }
    let used = validation.files.iter().filter(|file| file.status == FileStatus::Used).count();
    writeln!(
        out,
        "{} checked: {used} usable, {} left out; {}, {}",
        plural(validation.files.len(), "snapshot"),
        validation.files.len() - used,
        plural(validation.errors, "error"),
        plural(validation.warnings, "warning"),
    )
}

fn plural(count: usize, noun: &str) -> String {
    if count == 1 {
        format!("1 {noun}")
    } else {
        format!("{count} {noun}s")
    }
}
