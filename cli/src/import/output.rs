//! What every source does once it has imported: print the problems, build the snapshot, validate it
//! with the core, write it, list it in `index.json`, and print the counts.

use std::fs;
use std::io::Write;
use std::path::{Component, Path, PathBuf};

use anyhow::{bail, Context};
use serde_json::Value;
use uptrend_core::load::{load_snapshot, resolve_snapshot_path};
use uptrend_core::parse::parse_manifest;
use uptrend_import::{Imported, ServiceMap};

use crate::import::args::OutputArgs;
use crate::input::{self, InputFile};

/// The service map of `--service-map`, the identity map without it; `Ok(None)` when the file is
/// invalid (its problems are printed to `problems`).
pub fn service_map(path: Option<&Path>, problems: &mut impl Write) -> anyhow::Result<Option<ServiceMap>> {
    let Some(path) = path else { return Ok(Some(ServiceMap::identity())) };
    let InputFile { name, bytes } = input::read_file(path)?;
    match ServiceMap::parse(&name, &bytes) {
        Ok(map) => Ok(Some(map)),
        Err(found) => {
            for problem in found {
                writeln!(problems, "{problem}")?;
            }
            writeln!(problems, "error: {name}: the service map is invalid: nothing was imported")?;
            Ok(None)
        }
    }
}

/// Prints the problems, then writes the snapshot (and the manifest entry) when the core finds it
/// valid; `Ok(true)` when no input was invalid.
pub fn finish(
    imported: Imported,
    args: &OutputArgs,
    out: &mut impl Write,
    problems: &mut impl Write,
) -> anyhow::Result<bool> {
    let mut shown: Vec<&uptrend_import::Problem> = Vec::with_capacity(imported.problems.len());
    for problem in &imported.problems {
        // SLOs sharing query results meet the same problems in them: each is shown once.
        if !shown.contains(&problem) {
            shown.push(problem);
            writeln!(problems, "{problem}")?;
        }
    }
    let input_valid = !imported.has_errors();
    let Some(generated_at) = args.generated_at.or(imported.latest()) else {
        if !input_valid {
            writeln!(problems, "error: nothing usable was imported: no snapshot was written")?;
            return Ok(false);
        }
        bail!("the input holds no instant to date the snapshot by: pass --generated-at");
    };
    let out_name = display(&args.out);
    let (snapshot, counts, _) = imported.into_snapshot(generated_at);
    let mut bytes = serde_json::to_vec(&snapshot)?;
    bytes.push(b'\n');
    let checked = load_snapshot(&out_name, &bytes);
    for problem in &checked.problems {
        writeln!(problems, "{problem}")?;
    }
    if checked.has_errors() {
        writeln!(problems, "error: {out_name}: the imported snapshot does not validate: it was not written")?;
        return Ok(false);
    }
    let manifest = args.index.as_deref().map(|index| listed(index, &args.out, &args.title)).transpose()?;
    if let Some(parent) = args.out.parent().filter(|parent| !parent.as_os_str().is_empty()) {
        fs::create_dir_all(parent).with_context(|| format!("cannot create directory {}", parent.display()))?;
    }
    fs::write(&args.out, &bytes).with_context(|| format!("cannot write {out_name}"))?;
    for count in counts.iter() {
        writeln!(out, "{count}")?;
    }
    writeln!(
        out,
        "wrote {out_name}: {} services, {} SLOs, {} deployments, {} incidents",
        snapshot.services.len(),
        snapshot.slos.len(),
        snapshot.deployments.len(),
        snapshot.incidents.len()
    )?;
    if let Some((index, manifest, entry)) = manifest {
        match manifest {
            Some(manifest) => {
                fs::write(&index, manifest).with_context(|| format!("cannot write {}", display(&index)))?;
                writeln!(out, "listed {entry} in {}", display(&index))?;
            }
            None => writeln!(out, "{} already lists {entry}", display(&index))?,
        }
    }
    Ok(input_valid)
}

/// The manifest at `index` with `snapshot` listed: the index path, the new manifest text (`None`
/// when it already lists the snapshot) and the entry. A missing manifest is created with `title`;
/// one that does not parse is an error, checked before anything is written.
fn listed(index: &Path, snapshot: &Path, title: &str) -> anyhow::Result<(PathBuf, Option<String>, String)> {
    let entry = relative_entry(index, snapshot)?;
    let index_name = display(index);
    let mut manifest = match input::read_optional_file(index)? {
        None => serde_json::json!({ "title": title, "snapshots": [] }),
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
