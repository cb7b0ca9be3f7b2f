//! What every data source hands to the core: the site's data fetched over HTTP, the data embedded in a
//! single-file report, or files the user chose (picker or drag-and-drop). All three end in the same
//! `uptrend_core::load::load` call, so they are parsed, validated, merged and reported alike.

use uptrend_core::load::{load, snapshot_paths, Loaded, LoadedFile};
use uptrend_core::problem::Problem;
use uptrend_core::sort::sort_stable_by;

/// The manifest name that marks a chosen file as the index of the others.
pub const LOCAL_MANIFEST: &str = "index.json";
/// The title of chosen snapshots that come without an `index.json`.
pub const LOCAL_TITLE: &str = "Local files";

/// A manifest and the snapshot files it lists, as one source delivered them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFiles {
    pub manifest_path: String,
    pub manifest: Vec<u8>,
    pub files: Vec<LoadedFile>,
    /// Problems the source itself found (a chosen file that the chosen index does not list).
    pub notes: Vec<Problem>,
}

impl SourceFiles {
    /// The core's load of these files, with the source's own problems first.
    pub fn load(self) -> Loaded {
        let mut loaded = load(&self.manifest_path, &self.manifest, self.files);
        let mut problems = self.notes;
        problems.append(&mut loaded.problems);
        loaded.problems = problems;
        loaded
    }
}

/// One file the user chose: its name and bytes, or why the browser could not read it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChosenFile {
    pub name: String,
    pub content: Result<Vec<u8>, String>,
}

/// The chosen files as a source. With an `index.json` among them, it is the manifest and its entries
/// are matched to the other files by file name (the browser gives no folders); without one, every file
/// is a snapshot, in name order, under the title [`LOCAL_TITLE`].
pub fn from_chosen(mut chosen: Vec<ChosenFile>) -> SourceFiles {
    sort_stable_by(&mut chosen, |a, b| a.name.cmp(&b.name));
    let mut notes = Vec::new();
    let index = chosen.iter().position(|file| file.name == LOCAL_MANIFEST);
    let manifest = index.map(|at| chosen.remove(at)).and_then(|file| match file.content {
        Ok(bytes) => Some(bytes),
        Err(reason) => {
            notes.push(Problem::error(
                LOCAL_MANIFEST,
                "",
                format!("the file could not be read: {reason}; the other files are shown on their own"),
            ));
            None
        }
    });
    match manifest {
        Some(manifest) => indexed(manifest, chosen, notes),
        None => unindexed(chosen, notes),
    }
}

fn indexed(manifest: Vec<u8>, chosen: Vec<ChosenFile>, mut notes: Vec<Problem>) -> SourceFiles {
    // An unusable manifest lists nothing; the core reports its problems.
    let paths = snapshot_paths(LOCAL_MANIFEST, &manifest).unwrap_or_default();
    let mut used = vec![false; chosen.len()];
    let files = paths
        .into_iter()
        .map(|path| {
            let name = path.rsplit('/').next().unwrap_or_default();
            let found = chosen.iter().position(|file| file.name == name);
            let content = match found {
                Some(at) => {
                    used[at] = true;
                    chosen[at].content.clone()
                }
                None => Err(format!("{name} was not among the chosen files: choose it together with {LOCAL_MANIFEST}")),
            };
            LoadedFile { path, content }
        })
        .collect();
    for (file, used) in chosen.iter().zip(used) {
        if !used && file.name != LOCAL_MANIFEST {
            notes.push(Problem::warning(
                &file.name,
                "",
                format!("{LOCAL_MANIFEST} does not list this file: it is left out"),
            ));
        }
    }
    SourceFiles { manifest_path: LOCAL_MANIFEST.to_owned(), manifest, files, notes }
}

fn unindexed(chosen: Vec<ChosenFile>, notes: Vec<Problem>) -> SourceFiles {
    let names: Vec<&str> = chosen.iter().map(|file| file.name.as_str()).collect();
    let manifest = serde_json::json!({ "title": LOCAL_TITLE, "snapshots": names }).to_string().into_bytes();
    let files = chosen.into_iter().map(|file| LoadedFile { path: file.name, content: file.content }).collect();
    SourceFiles { manifest_path: LOCAL_MANIFEST.to_owned(), manifest, files, notes }
}

#[cfg(test)]
mod tests {
    use uptrend_core::load::FileStatus;

    use super::*;

    const SNAPSHOT: &str = r#"{"version": 1, "generated_at": "2026-11-21T00:00:00Z",
        "services": [{"id": "checkout", "name": "Checkout", "team": "payments"}], "slos": [], "deployments": [], "incidents": []}"#;

    fn chosen(name: &str, text: &str) -> ChosenFile {
        ChosenFile { name: name.to_owned(), content: Ok(text.as_bytes().to_vec()) }
    }

    #[test]
    fn snapshots_without_an_index_load_in_name_order_and_a_broken_one_is_named() {
        let loaded =
            from_chosen(vec![chosen("b-broken.json", "{\"version\": 1,"), chosen("a-good.json", SNAPSHOT)]).load();
        assert_eq!(loaded.dataset.title, LOCAL_TITLE);
        let files: Vec<(&str, FileStatus)> = loaded.files.iter().map(|f| (f.path.as_str(), f.status)).collect();
        assert_eq!(files, [("a-good.json", FileStatus::Used), ("b-broken.json", FileStatus::LeftOut)]);
        assert!(loaded.problems.iter().any(|p| p.is_error() && p.file == "b-broken.json"), "{:?}", loaded.problems);
        assert_eq!(loaded.dataset.services.len(), 1);
    }

    #[test]
    fn an_index_picks_its_files_by_name_and_names_the_missing_and_the_unlisted() {
        let index = r#"{"title": "Acme", "snapshots": ["snapshots/a.json", "snapshots/gone.json"]}"#;
        let loaded =
            from_chosen(vec![chosen("a.json", SNAPSHOT), chosen("index.json", index), chosen("extra.json", SNAPSHOT)])
                .load();
        assert_eq!(loaded.dataset.title, "Acme");
        let files: Vec<(&str, FileStatus)> = loaded.files.iter().map(|f| (f.path.as_str(), f.status)).collect();
        assert_eq!(files, [("snapshots/a.json", FileStatus::Used), ("snapshots/gone.json", FileStatus::Missing)]);
        let gone = loaded.problems.iter().find(|p| p.file == "snapshots/gone.json").map(|p| p.message.as_str());
        assert!(gone.unwrap_or_default().contains("gone.json was not among the chosen files"), "{gone:?}");
        let extra = loaded.problems.iter().find(|p| p.file == "extra.json");
        assert!(extra.is_some_and(|p| !p.is_error() && p.message.contains("does not list")), "{extra:?}");
    }

    #[test]
    fn an_unreadable_index_falls_back_to_the_files_alone() {
        let unreadable = ChosenFile { name: "index.json".to_owned(), content: Err("NotReadableError".to_owned()) };
        let loaded = from_chosen(vec![unreadable, chosen("a.json", SNAPSHOT)]).load();
        assert_eq!(loaded.dataset.title, LOCAL_TITLE);
        assert!(loaded.problems.iter().any(|p| p.file == "index.json" && p.message.contains("NotReadableError")));
        assert_eq!(loaded.files.len(), 1);
    }

    #[test]
    fn odd_names_stay_file_names() {
        let loaded = from_chosen(vec![chosen("<b>\"x\".json", SNAPSHOT)]).load();
        assert_eq!(loaded.files[0].path, "<b>\"x\".json");
        assert_eq!(loaded.files[0].status, FileStatus::Used);
    }
}
