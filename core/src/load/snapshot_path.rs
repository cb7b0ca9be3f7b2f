//! Where a manifest entry points: resolved against the manifest's folder, purely lexically.

/// The path of snapshot `entry` (as written in the manifest) for the manifest at `manifest_path`:
/// relative entries are joined to the manifest's folder and `.`/`..` segments folded;
/// absolute paths (`/…`) and URLs (`https://…`) are kept as written.
///
/// `resolve_snapshot_path("data/index.json", "snapshots/a.json") == "data/snapshots/a.json"`.
pub fn resolve_snapshot_path(manifest_path: &str, entry: &str) -> String {
    if entry.starts_with('/') || entry.contains("://") {
        return entry.to_owned();
    }
    // Keep `scheme://host` of a manifest URL out of the folding.
    let (origin, manifest_rest) = match manifest_path.find("://") {
        Some(scheme_end) => {
            let host_end =
                manifest_path[scheme_end + 3..].find('/').map_or(manifest_path.len(), |i| scheme_end + 3 + i);
            manifest_path.split_at(host_end)
        }
        None => ("", manifest_path),
    };
    let folder = manifest_rest.rfind('/').map_or("", |slash| &manifest_rest[..=slash]);
    format!("{origin}{}", fold_dots(&format!("{folder}{entry}")))
}

/// Folds `.`, `..` and empty segments; `..` at the start of a relative path is kept.
fn fold_dots(path: &str) -> String {
    let absolute = path.starts_with('/');
    let mut segments: Vec<&str> = Vec::new();
    for segment in path.split('/') {
        match segment {
            "" | "." => {}
            ".." if segments.last().is_some_and(|last| *last != "..") => {
                segments.pop();
            }
            ".." if absolute => {}
            other => segments.push(other),
        }
    }
    let joined = segments.join("/");
    if absolute {
        format!("/{joined}")
    } else {
        joined
    }
}

#[cfg(test)]
mod tests {
    use super::resolve_snapshot_path as resolve;

    #[test]
    fn entries_resolve_against_the_manifest_folder() {
        assert_eq!(resolve("data/index.json", "snapshots/a.json"), "data/snapshots/a.json");
        assert_eq!(resolve("index.json", "snapshots/a.json"), "snapshots/a.json");
        assert_eq!(resolve("/srv/data/index.json", "./a.json"), "/srv/data/a.json");
    }

    #[test]
    fn dot_dot_segments_fold_lexically() {
        assert_eq!(resolve("data/index.json", "../exports/a.json"), "exports/a.json");
        assert_eq!(resolve("index.json", "../a.json"), "../a.json");
        assert_eq!(resolve("/index.json", "../../a.json"), "/a.json");
        assert_eq!(resolve("data//x/index.json", "snapshots/../b.json"), "data/x/b.json");
    }

    #[test]
    fn absolute_entries_and_urls_are_kept() {
        assert_eq!(resolve("data/index.json", "/var/a.json"), "/var/a.json");
        assert_eq!(resolve("data/index.json", "https://example.com/a.json"), "https://example.com/a.json");
        assert_eq!(resolve("https://example.com/r/data/index.json", "../s/a.json"), "https://example.com/r/s/a.json");
    }
}
