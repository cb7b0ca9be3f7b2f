//! Snapshot and manifest bytes to typed values, or every structural problem with its JSON path.
//!
//! Fast path: the SLI count columns are lifted out of the bytes and read by a byte loop ([`lifted`]),
//! the rest deserialises straight into [`Snapshot`]. If that does not apply, plain serde reads the
//! whole document. Only when that fails does the slow path build a [`tree::Node`] document and walk it
//! to list all problems; whatever the walk misses, serde's own message (with line and column)
//! is reported, so no failure goes unexplained.

mod chunked;
mod count_column;
mod error_path;
pub(crate) mod exact_capacity;
mod in_place;
mod lifted;
pub(crate) mod rfc3339;
#[cfg(test)]
mod sample_documents;
mod structure;
mod tree;

use serde::de::DeserializeOwned;
use serde_json::error::Category;

pub use self::chunked::{parse_snapshot_chunks, Chunked};
use crate::model::{Manifest, Snapshot};
use crate::problem::Problem;

const BYTE_ORDER_MARK: &[u8] = b"\xEF\xBB\xBF";
/// serde_json's message for a number beyond the range of a float (`1e400`, 400 digits).
const NUMBER_OUT_OF_RANGE: &str = "number out of range";

/// Parses a snapshot file (format v1). Value ranges and cross-field rules are checked by
/// [`crate::validate::validate_snapshot`], not here.
pub fn parse_snapshot(file: &str, bytes: &[u8]) -> Result<Snapshot, Vec<Problem>> {
    let without_bom = bytes.strip_prefix(BYTE_ORDER_MARK).unwrap_or(bytes);
    if let Some(snapshot) = lifted::parse_lifted(without_bom) {
        return Ok(snapshot);
    }
    parse_document(file, bytes, structure::snapshot_problems)
}

/// [`parse_snapshot`] for bytes the caller no longer needs: the same result, without a second copy
/// of the document in memory (the count columns are blanked in place, see [`in_place`]).
pub fn parse_snapshot_owned(file: &str, bytes: Vec<u8>) -> Result<Snapshot, Vec<Problem>> {
    if bytes.starts_with(BYTE_ORDER_MARK) {
        return parse_snapshot(file, &bytes);
    }
    match in_place::parse_in_place(bytes) {
        Ok(snapshot) => Ok(snapshot),
        Err(bytes) => parse_document(file, &bytes, structure::snapshot_problems),
    }
}

/// Parses the manifest (`data/index.json`).
pub fn parse_manifest(file: &str, bytes: &[u8]) -> Result<Manifest, Vec<Problem>> {
    parse_document(file, bytes, structure::manifest_problems)
}

fn parse_document<T: DeserializeOwned>(
    file: &str,
    bytes: &[u8],
    structure_problems: fn(&str, &tree::Node) -> Vec<Problem>,
) -> Result<T, Vec<Problem>> {
    let bytes = bytes.strip_prefix(BYTE_ORDER_MARK).unwrap_or(bytes);
    let typed_error = match serde_json::from_slice::<T>(bytes) {
        Ok(value) => return Ok(value),
        Err(err) => err,
    };
    // The typed error's category is not trusted: serde_json reports some type errors (an enum given
    // `null`) as syntax errors. A real syntax error fails the tree too, and is reported from there.
    let problems = match serde_json::from_slice::<tree::Node>(bytes) {
        Ok(root) => structure_problems(file, &root),
        Err(tree_error) => vec![serde_problem(file, bytes, &tree_error)],
    };
    if problems.iter().any(Problem::is_error) {
        Err(problems)
    } else {
        // Valid JSON that the walk found no fault in: serde's own words, never a silent failure.
        let message = format!("the document does not match the format: {}", serde_detail(&typed_error));
        Err(vec![Problem::error(file, "", message).at_line(typed_error.line(), typed_error.column())])
    }
}

/// serde's message for JSON that does not parse, in plain words, located by line and column (and
/// by JSON path for a number beyond any float, which is the data's fault, not the syntax's).
fn serde_problem(file: &str, bytes: &[u8], err: &serde_json::Error) -> Problem {
    let detail = serde_detail(err);
    if detail == NUMBER_OUT_OF_RANGE {
        let path = error_path::error_path(bytes).unwrap_or_default();
        let message = structure::out_of_range_message(&path);
        return Problem::error(file, path, message).at_line(err.line(), err.column());
    }
    let message = match err.classify() {
        Category::Eof => format!("the file ends before the JSON document does (is it truncated?): {detail}"),
        Category::Syntax | Category::Io | Category::Data => format!("the file is not valid JSON: {detail}"),
    };
    Problem::error(file, "", message).at_line(err.line(), err.column())
}

/// serde's message without its " at line L column C" suffix (kept in the problem's fields instead).
fn serde_detail(err: &serde_json::Error) -> String {
    let full = err.to_string();
    let position = format!(" at line {} column {}", err.line(), err.column());
    full.strip_suffix(&position).unwrap_or(&full).to_owned()
}

#[cfg(test)]
mod exact_numbers;

#[cfg(test)]
mod tests {
    use super::*;

    const VALID: &str = r#"{"version":1,"generated_at":"2026-11-21T01:00:00+01:00","services":[],"slos":[],
        "deployments":[],"incidents":[],"future_field":{"ignored":true}}"#;

    #[test]
    fn a_valid_snapshot_parses_with_offsets_normalised_and_unknown_fields_ignored() {
        let snapshot = parse_snapshot("s.json", VALID.as_bytes()).unwrap();
        assert_eq!(snapshot.generated_at.to_rfc3339(), "2026-11-21T00:00:00+00:00");
    }

    #[test]
    fn a_byte_order_mark_is_skipped() {
        let bytes = [b"\xEF\xBB\xBF".as_slice(), VALID.as_bytes()].concat();
        assert!(parse_snapshot("s.json", &bytes).is_ok());
    }

    #[test]
    fn malformed_json_gives_line_and_column() {
        let problems = parse_snapshot("s.json", b"{\n  \"version\": 1,\n  oops\n}").unwrap_err();
        assert_eq!(problems.len(), 1);
        assert_eq!((problems[0].line, problems[0].column), (Some(3), Some(3)));
        assert_eq!(problems[0].message, "the file is not valid JSON: key must be a string");
    }

    #[test]
    fn a_truncated_file_says_so() {
        let problems = parse_snapshot("s.json", &VALID.as_bytes()[..40]).unwrap_err();
        assert!(problems[0].message.starts_with("the file ends before the JSON document does"), "{problems:?}");
    }

    #[test]
    fn structural_problems_are_all_listed_with_paths() {
        let problems = parse_snapshot("s.json", br#"{"version": 1, "generated_at": 5}"#).unwrap_err();
        let paths: Vec<&str> = problems.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(paths, ["generated_at", "services", "slos", "deployments", "incidents"]);
    }

    #[test]
    fn a_count_beyond_u64_is_reported_where_it_is() {
        let doc = VALID.replace(
            r#""slos":[]"#,
            r#""slos":[{"id":"a","service":"s","objective":0.9,"window":"7d","budgeting":"occurrences",
            "sli":{"start":"2026-11-01T00:00:00Z","step":"5m","good":[18446744073709551616],"total":[1]}}]"#,
        );
        let problems = parse_snapshot("s.json", doc.as_bytes()).unwrap_err();
        assert_eq!(problems[0].path, "slos[0].sli.good[0]");
    }
}
