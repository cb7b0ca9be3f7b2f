//! Loading a manifest and its snapshot files: what is used, left out or missing, and why.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod input_support;

use input_support::{incident, json, slo, snapshot};
use uptrend_core::load::{
    load, load_from, load_snapshot, load_snapshot_from, snapshot_paths, FileOutcome, FileStatus, LoadedFile,
    SnapshotSource,
};
use uptrend_core::model::Counts;

const MANIFEST: &[u8] =
    br#"{"title": "Acme", "snapshots": ["snapshots/a.json", "snapshots/b.json", "snapshots/c.json"]}"#;

fn file(path: &str, bytes: Vec<u8>) -> LoadedFile {
    LoadedFile { path: path.into(), content: Ok(bytes) }
}

fn outcome(path: &str, status: FileStatus) -> FileOutcome {
    FileOutcome { path: path.into(), status }
}

fn valid(generated_at: &str, good: u64) -> Vec<u8> {
    let mut s = snapshot(generated_at);
    s.slos.push(slo("a", "2026-11-01T00:00:00Z", "1h", &[Some((good, 10))]));
    json(&s)
}

#[test]
fn manifest_entries_resolve_against_the_manifest() {
    let paths = snapshot_paths("data/index.json", MANIFEST).unwrap();
    assert_eq!(paths, ["data/snapshots/a.json", "data/snapshots/b.json", "data/snapshots/c.json"]);
}

#[test]
fn an_invalid_snapshot_is_left_out_and_named_a_missing_one_too_and_the_rest_merges() {
    let mut invalid = snapshot("2026-11-30T00:00:00Z");
    invalid.slos.push(slo("a", "2026-11-01T00:00:00Z", "1h", &[Some((11, 10))]));
    let files = vec![
        file("data/snapshots/a.json", valid("2026-11-14T00:00:00Z", 9)),
        file("data/snapshots/b.json", json(&invalid)),
        LoadedFile { path: "data/snapshots/c.json".into(), content: Err("404 Not Found".into()) },
    ];
    let loaded = load("data/index.json", MANIFEST, files);
    assert_eq!(
        loaded.files,
        [
            outcome("data/snapshots/a.json", FileStatus::Used),
            outcome("data/snapshots/b.json", FileStatus::LeftOut),
            outcome("data/snapshots/c.json", FileStatus::Missing),
        ]
    );
    let shown: Vec<String> = loaded.problems.iter().map(ToString::to_string).collect();
    assert_eq!(
        shown,
        [
            "error: data/snapshots/b.json: slos[0].sli.good[0]: good (11) is greater than total (10): good events \
             are part of the total",
            "error: data/snapshots/c.json: the snapshot could not be read: 404 Not Found",
        ]
    );
    assert_eq!(loaded.dataset.title, "Acme");
    // Only a.json merged: b.json's later bucket (11 of 10) is not used.
    assert_eq!(loaded.dataset.slos[0].series.iter().collect::<Vec<_>>(), [Some(Counts { good: 9, total: 10 })]);
}

#[test]
fn a_file_not_given_is_missing() {
    let loaded = load("index.json", br#"{"title": "t", "snapshots": ["a.json"]}"#, Vec::new());
    assert_eq!(loaded.files, [outcome("a.json", FileStatus::Missing)]);
    assert_eq!(loaded.problems[0].message, "the snapshot could not be read: no content was given for it");
}

#[test]
fn malformed_json_in_a_snapshot_is_located_by_line_and_column() {
    let manifest = br#"{"title": "t", "snapshots": ["a.json"]}"#;
    let loaded = load("index.json", manifest, vec![file("a.json", b"{\"version\": 1,,}".to_vec())]);
    assert_eq!(loaded.files, [outcome("a.json", FileStatus::LeftOut)]);
    assert_eq!(loaded.problems[0].to_string(), "error: a.json:1:15: the file is not valid JSON: key must be a string");
}

#[test]
fn manifest_problems_are_problems_and_give_an_empty_dataset() {
    let loaded = load("data/index.json", br#"{"snapshots": "a.json"}"#, Vec::new());
    let located: Vec<(&str, &str)> = loaded.problems.iter().map(|p| (p.file.as_str(), p.path.as_str())).collect();
    assert_eq!(located, [("data/index.json", "title"), ("data/index.json", "snapshots")]);
    assert!(loaded.files.is_empty() && loaded.dataset.slos.is_empty());
    let loaded = load("data/index.json", b"not json", Vec::new());
    assert_eq!((loaded.problems[0].line, loaded.problems[0].column), (Some(1), Some(2)));
}

#[test]
fn an_empty_manifest_is_valid() {
    let loaded = load("index.json", br#"{"title": "Nothing yet", "snapshots": []}"#, Vec::new());
    assert!(loaded.problems.is_empty() && loaded.files.is_empty());
    assert_eq!(loaded.dataset.title, "Nothing yet");
}

#[test]
fn a_file_listed_twice_is_read_once_with_a_warning() {
    let manifest = br#"{"title": "t", "snapshots": ["a.json", "./a.json"]}"#;
    let loaded = load("index.json", manifest, vec![file("a.json", valid("2026-11-14T00:00:00Z", 9))]);
    assert_eq!(loaded.files, [outcome("a.json", FileStatus::Used)]);
    assert_eq!(
        loaded.problems[0].to_string(),
        "warning: index.json: snapshots[1]: \"./a.json\" is listed again (first at snapshots[0]): it is read once"
    );
    assert!(!loaded.has_errors());
}

#[test]
fn a_single_snapshot_is_checked_including_its_links() {
    let mut s = snapshot("2026-11-14T00:00:00Z");
    s.incidents.push(incident("i1", "2026-11-05T00:00:00Z", &["d1"]));
    let loaded = load_snapshot("one.json", &json(&s));
    assert_eq!(loaded.files, [outcome("one.json", FileStatus::Used)]);
    assert_eq!(
        loaded.problems.iter().map(ToString::to_string).collect::<Vec<_>>(),
        ["warning: one.json: incidents[0].caused_by[0]: caused_by names deployment \"d1\", which no loaded snapshot \
          contains: the link cannot be followed"]
    );
    assert_eq!(loaded.dataset.incidents.len(), 1);
}

#[test]
fn a_wrong_version_leaves_the_snapshot_out() {
    let bytes = String::from_utf8(valid("2026-11-14T00:00:00Z", 9)).unwrap().replace("\"version\":1", "\"version\":2");
    let loaded = load_snapshot("v2.json", bytes.as_bytes());
    assert_eq!(loaded.files, [outcome("v2.json", FileStatus::LeftOut)]);
    assert_eq!(
        loaded.problems[0].to_string(),
        "error: v2.json: version: format version 2 is not supported: this build reads version 1"
    );
}

/// Files in memory, given in chunks of `chunk_bytes`, counting how often each is read whole.
struct InMemory {
    files: Vec<LoadedFile>,
    chunk_bytes: usize,
    read_whole: Vec<String>,
}

impl InMemory {
    fn content(&self, path: &str) -> Result<Vec<u8>, String> {
        let file = self.files.iter().find(|file| file.path == path).ok_or("no such file")?;
        file.content.clone()
    }
}

impl SnapshotSource for InMemory {
    type Chunks = std::vec::IntoIter<Result<Vec<u8>, String>>;

    fn chunks(&mut self, path: &str) -> Result<Self::Chunks, String> {
        let bytes = self.content(path)?;
        let chunks: Vec<Result<Vec<u8>, String>> = bytes.chunks(self.chunk_bytes).map(|c| Ok(c.to_vec())).collect();
        Ok(chunks.into_iter())
    }

    fn whole(&mut self, path: &str) -> Result<Vec<u8>, String> {
        self.read_whole.push(path.to_owned());
        self.content(path)
    }
}

#[test]
fn files_read_in_chunks_load_exactly_as_whole_ones_and_only_a_file_with_a_problem_is_read_whole() {
    let mut invalid = snapshot("2026-11-30T00:00:00Z");
    invalid.slos.push(slo("a", "2026-11-01T00:00:00Z", "1h", &[Some((11, 10))]));
    let mut broken = valid("2026-11-20T00:00:00Z", 8);
    broken.truncate(broken.len() - 3);
    let manifest: &[u8] = br#"{"title": "Acme", "snapshots": ["a.json", "b.json", "c.json", "d.json", "e.json"]}"#;
    let files = vec![
        file("a.json", valid("2026-11-14T00:00:00Z", 9)),
        file("b.json", json(&invalid)),
        file("c.json", broken),
        LoadedFile { path: "d.json".into(), content: Err("permission denied".into()) },
        file("e.json", incident_snapshot()),
    ];
    for chunk_bytes in [1, 7, 1 << 20] {
        let mut source = InMemory { files: files.clone(), chunk_bytes, read_whole: Vec::new() };
        let loaded = load_from("index.json", manifest, &mut source);
        assert_eq!(loaded, load("index.json", manifest, files.clone()), "chunks of {chunk_bytes}");
        assert_eq!(source.read_whole, ["c.json"]);
        assert!(loaded.problems.iter().any(|p| p.file == "c.json" && p.line.is_some()), "{:?}", loaded.problems);
    }
    let mut source = InMemory { files, chunk_bytes: 3, read_whole: Vec::new() };
    assert_eq!(load_snapshot_from("b.json", &mut source), Ok(load_snapshot("b.json", &json(&invalid))));
    assert_eq!(load_snapshot_from("d.json", &mut source), Err("permission denied".to_owned()));
}

fn incident_snapshot() -> Vec<u8> {
    let mut s = snapshot("2026-11-21T00:00:00Z");
    s.incidents.push(incident("i", "2026-11-20T00:00:00Z", &[]));
    json(&s)
}
