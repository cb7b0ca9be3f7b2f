//! What every source does once it has imported: build the snapshot, validate it with the core,
//! write it, list it in `index.json`, and print the problems and the counts (text or JSON).

use std::fs;
use std::io::Write;
use std::path::{Component, Path, PathBuf};

use anyhow::{bail, Context};
use serde::Serialize;
use serde_json::Value;
use uptrend_core::load::{load_snapshot, resolve_snapshot_path};
use uptrend_core::model::Manifest;
use uptrend_core::parse::parse_manifest;
use uptrend_import::{Counts, Imported, Location, Problem, ServiceMap};

use crate::args::ProblemFormat;
use crate::byte_limit::ByteLimit;
use crate::import::args::OutputArgs;
use crate::input::{self, InputFile};
use crate::visible;

/// What an import did, printed as text (problems to stderr, the rest to stdout) or as one JSON
/// document (`--format json`).
#[derive(Debug, Serialize)]
pub struct Outcome {
    /// No error anywhere: the exit code is 0.
    pub valid: bool,
    /// The snapshot written, if one was.
    pub written: Option<String>,
    /// The manifest that lists it (`--index`).
    pub listed_in: Option<String>,
    pub counts: Counts,
    /// Every problem once, in the order met.
    pub problems: Vec<Problem>,
}

impl Outcome {
    /// Nothing was written: `problems` say why.
    pub fn failed(counts: Counts, problems: Vec<Problem>) -> Outcome {
        Outcome { valid: false, written: None, listed_in: None, counts, problems }
    }

    /// Prints the outcome in `format`.
    pub fn print(&self, format: ProblemFormat, out: &mut impl Write, problems: &mut impl Write) -> anyhow::Result<()> {
        if format == ProblemFormat::Json {
            serde_json::to_writer_pretty(&mut *out, self)?;
            writeln!(out)?;
            return Ok(());
        }
        for problem in &self.problems {
            visible::write_line(problems, problem)?;
        }
        for count in self.counts.iter() {
            visible::write_line(out, count)?;
        }
        Ok(())
    }
}

/// The service map of `--service-map`, the identity map without it, or the problems of an invalid
/// one (nothing is imported then).
pub fn service_map(path: Option<&Path>, limit: ByteLimit) -> anyhow::Result<Result<ServiceMap, Vec<Problem>>> {
    let Some(path) = path else { return Ok(Ok(ServiceMap::identity())) };
    let InputFile { name, bytes } = input::read_file(path, limit)?;
    Ok(ServiceMap::parse(&name, &bytes).map_err(|mut found| {
        found.push(Problem::error(&name, Location::file(), "the service map is invalid: nothing was imported"));
        found
    }))
}

/// Builds the snapshot, writes it (and the manifest entry) when the core finds it valid, and prints
/// what happened; `Ok(true)` when no input was invalid.
pub fn finish(
    imported: Imported,
    args: &OutputArgs,
    out: &mut impl Write,
    problems: &mut impl Write,
) -> anyhow::Result<bool> {
    let outcome = match write(imported, args)? {
        Written::Done(outcome) => outcome,
        Written::Undated(outcome) => {
            // The problems say why nothing dated the snapshot (every record skipped, say).
            outcome.print(args.format, out, problems)?;
            bail!("the input holds no instant to date the snapshot by: pass --generated-at");
        }
    };
    outcome.print(args.format, out, problems)?;
    if args.format == ProblemFormat::Text {
        if let Some(written) = &outcome.written {
            visible::write_line(out, format_args!("wrote {written}"))?;
        }
        if let Some(index) = &outcome.listed_in {
            visible::write_line(out, format_args!("listed in {index}"))?;
        }
    }
    Ok(outcome.valid)
}

/// What [`write`] did: wrote (or refused) the snapshot, or found no instant to date it by.
enum Written {
    Done(Outcome),
    /// Valid input without any instant and no `--generated-at`: nothing written (a usage error).
    Undated(Outcome),
}

fn write(imported: Imported, args: &OutputArgs) -> anyhow::Result<Written> {
    let mut shown: Vec<Problem> = Vec::with_capacity(imported.problems.len());
    for problem in &imported.problems {
        // SLOs sharing query results meet the same problems in them: each is shown once.
        if !shown.contains(problem) {
            shown.push(problem.clone());
        }
    }
    let input_valid = !imported.has_errors();
    let Some(generated_at) = args.generated_at.or(imported.latest()) else {
        if !input_valid {
            let message = "nothing usable was imported: no snapshot was written";
            shown.push(Problem::error(display(&args.out), Location::file(), message));
            return Ok(Written::Done(Outcome::failed(imported.counts, shown)));
        }
        return Ok(Written::Undated(Outcome::failed(imported.counts, shown)));
    };
    let out_name = display(&args.out);
    let (snapshot, counts, _) = imported.into_snapshot(generated_at);
    let mut bytes = serde_json::to_vec(&snapshot)?;
    bytes.push(b'\n');
    let checked = load_snapshot(&out_name, &bytes);
    shown.extend(checked.problems.iter().map(from_core));
    if checked.has_errors() {
        let message = "the imported snapshot does not validate: it was not written";
        shown.push(Problem::error(&out_name, Location::file(), message));
        return Ok(Written::Done(Outcome::failed(counts, shown)));
    }
    let manifest = args
        .index
        .as_deref()
        .map(|index| listed(index, &args.out, &args.title, args.read.max_file_size))
        .transpose()?;
    if let Some(parent) = args.out.parent().filter(|parent| !parent.as_os_str().is_empty()) {
        fs::create_dir_all(parent).with_context(|| format!("cannot create directory {}", parent.display()))?;
    }
    fs::write(&args.out, &bytes).with_context(|| format!("cannot write {out_name}"))?;
    let written = format!(
        "{out_name}: {} services, {} SLOs, {} deployments, {} incidents",
        snapshot.services.len(),
        snapshot.slos.len(),
        snapshot.deployments.len(),
        snapshot.incidents.len()
    );
    let listed_in = match manifest {
        Some((index, Some(text), entry)) => {
            fs::write(&index, text).with_context(|| format!("cannot write {}", display(&index)))?;
            Some(format!("{} as {entry}", display(&index)))
        }
        Some((index, None, entry)) => Some(format!("{} (already listed as {entry})", display(&index))),
        None => None,
    };
    Ok(Written::Done(Outcome { valid: input_valid, written: Some(written), listed_in, counts, problems: shown }))
}

/// A problem of the core's validation, as the importer shows problems.
fn from_core(problem: &uptrend_core::problem::Problem) -> Problem {
    let location = Location { path: problem.path.clone(), line: problem.line, column: problem.column };
    Problem { severity: problem.severity, file: problem.file.clone(), location, message: problem.message.clone() }
}

/// The manifest at `index` with `snapshot` listed: the index path, the new manifest text (`None`
/// when it already lists the snapshot) and the entry. A missing manifest is created with `title`;
/// one that does not parse is an error, checked before anything is written.
fn listed(
    index: &Path,
    snapshot: &Path,
    title: &str,
    limit: ByteLimit,
) -> anyhow::Result<(PathBuf, Option<String>, String)> {
    let entry = relative_entry(index, snapshot)?;
    let index_name = display(index);
    let mut manifest = match input::read_optional_file(index, limit)? {
        None => {
            // A new manifest, written as the format documents it (title first).
            let manifest = Manifest { title: title.to_owned(), snapshots: vec![entry.clone()], packed: None };
            let mut text = serde_json::to_string_pretty(&manifest)?;
            text.push('\n');
            return Ok((index.to_owned(), Some(text), entry));
        }
        Some(InputFile { name, bytes }) => {
            if let Err(found) = parse_manifest(&name, &bytes) {
                let shown: Vec<String> = found.iter().map(ToString::to_string).collect();
                bail!(
                    "{index_name} is not a valid manifest, so the snapshot cannot be listed in it:\n{}",
                    shown.join("\n")
                );
            }
            serde_json::from_slice::<Value>(bytes.strip_prefix(b"\xEF\xBB\xBF".as_slice()).unwrap_or(&bytes))?
        }
    };
    let wanted = resolve_snapshot_path(&index_name, &entry);
    let Some(Value::Array(snapshots)) = manifest.get_mut("snapshots") else {
        bail!("{index_name} has no `snapshots` array");
    };
    let already =
        snapshots.iter().filter_map(Value::as_str).any(|listed| resolve_snapshot_path(&index_name, listed) == wanted);
    if already {
        return Ok((index.to_owned(), None, entry));
    }
    snapshots.push(Value::String(entry.clone()));
    let mut text = serde_json::to_string_pretty(&manifest)?;
    text.push('\n');
    Ok((index.to_owned(), Some(text), entry))
}

/// `snapshot` as a manifest entry: relative to the manifest's folder, with `/` separators.
fn relative_entry(index: &Path, snapshot: &Path) -> anyhow::Result<String> {
    let folder = std::path::absolute(index)?.parent().map(Path::to_path_buf).unwrap_or_default();
    let target = std::path::absolute(snapshot)?;
    let folder: Vec<Component<'_>> = folder.components().filter(|c| *c != Component::CurDir).collect();
    let target_parts: Vec<Component<'_>> = target.components().filter(|c| *c != Component::CurDir).collect();
    let common = folder.iter().zip(&target_parts).take_while(|(a, b)| a == b).count();
    if common == 0 {
        return Ok(display(&target));
    }
    let mut parts: Vec<String> = vec!["..".to_owned(); folder.len() - common];
    parts.extend(target_parts[common..].iter().map(|c| c.as_os_str().to_string_lossy().into_owned()));
    Ok(parts.join("/"))
}

fn display(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_are_relative_to_the_manifest() {
        let entry = |index: &str, snapshot: &str| relative_entry(Path::new(index), Path::new(snapshot)).unwrap();
        assert_eq!(entry("data/index.json", "data/snapshots/a.json"), "snapshots/a.json");
        assert_eq!(entry("data/index.json", "exports/a.json"), "../exports/a.json");
        assert_eq!(entry("/srv/data/index.json", "/srv/data/a.json"), "a.json");
    }
}
