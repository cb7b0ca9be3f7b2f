//! The fast path for snapshot bytes the caller gives away: like [`super::lifted`], but the count
//! columns are blanked in place instead of copying the rest of the document, so a large snapshot
//! needs no second copy of itself (for the benchmark data set, 450 MB of its 622 MB).
//!
//! The walk stops at the end of `slos` (serde reads the deployments after it anyway) and reads every
//! column without touching the bytes; only when it succeeds is each
//! column's text overwritten by `[]` and spaces. Line feeds and carriage returns are kept where they
//! are, so every other byte keeps its offset, line and column: should serde then reject the document,
//! the slow path reads the blanked bytes and finds exactly the problems (and positions) it would find
//! in the original, because every blanked column was a valid array of counts.

use crate::model::Snapshot;
use crate::parse::lifted::{find_columns, put_back, Extent};

/// The snapshot, or the bytes back (their columns blanked or not) when the slow path must decide.
pub(crate) fn parse_in_place(mut bytes: Vec<u8>) -> Result<Snapshot, Vec<u8>> {
    let Some(columns) = find_columns(&bytes, Extent::UpToSlos) else { return Err(bytes) };
    for column in &columns {
        let (start, end) = column.span();
        if let Some(text) = bytes.get_mut(start..end) {
            blank_column(text);
        }
    }
    let Ok(mut snapshot) = serde_json::from_slice::<Snapshot>(&bytes) else { return Err(bytes) };
    match put_back(&mut snapshot, columns) {
        Some(()) => Ok(snapshot),
        None => Err(bytes),
    }
}

/// `[1, 2,\n 3]` becomes `[]    \n   `: an empty array, every line break kept in place.
fn blank_column(text: &mut [u8]) {
    let mut closed = false;
    for (position, byte) in text.iter_mut().enumerate() {
        *byte = match *byte {
            line_break @ (b'\n' | b'\r') => line_break,
            _ if position == 0 => b'[',
            _ if !closed => {
                closed = true;
                b']'
            }
            _ => b' ',
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_walk_stops_after_slos_and_leaves_the_rest_to_serde() {
        let doc = br#"{"slos":[{"sli":{"good":[1]}}], "x\u0041": 1, "deployments": [}"#;
        assert!(find_columns(doc, Extent::WholeDocument).is_none());
        assert_eq!(find_columns(doc, Extent::UpToSlos).map(|columns| columns.len()), Some(1));
    }

    #[test]
    fn a_blanked_column_is_an_empty_array_with_its_line_breaks() {
        let mut text = *b"[1, 2,\n 3]";
        blank_column(&mut text);
        assert_eq!(&text, b"[]    \n   ");
        let mut empty = *b"[\r\n]";
        blank_column(&mut empty);
        assert_eq!(&empty, b"[\r\n]");
    }
}

#[cfg(test)]
mod agreement {
    use proptest::prelude::*;
    use serde_json::{json, Value};

    use crate::parse::{
        parse_snapshot, parse_snapshot_owned,
        sample_documents::{self, encoded},
    };

    /// A snapshot-shaped document with count columns, decoys that look like them, and a record after.
    fn document() -> impl Strategy<Value = Value> {
        let slo = sample_documents::slo();
        proptest::collection::vec(slo, 0..3).prop_map(|slos| {
            json!({
                "version": 1, "generated_at": "2026-11-21T00:00:00Z", "services": [{"id": "s"}],
                "slos": slos, "deployments": [{"id": "d", "service": "s", "finished_at": "2026-11-20T00:00:00Z",
                    "status": "succeeded", "changes": [{"id": "c", "committed_at": "2026-11-19T00:00:00Z"}]}],
                "incidents": []
            })
        })
    }

    proptest! {
        #[test]
        fn owned_bytes_parse_exactly_as_borrowed_ones(doc in document(), pretty in any::<bool>()) {
            let bytes = encoded(&doc, pretty)?;
            prop_assert!(parse_snapshot("s.json", &bytes).is_ok());
            prop_assert_eq!(parse_snapshot_owned("s.json", bytes.clone()), parse_snapshot("s.json", &bytes));
        }

        /// Problems, paths, lines and columns included, also when the edits break the document.
        #[test]
        fn owned_bytes_fail_exactly_as_borrowed_ones(
            doc in document(),
            pretty in any::<bool>(),
            edits in sample_documents::edits(),
        ) {
            let bytes = sample_documents::edited(encoded(&doc, pretty)?, &edits);
            prop_assert_eq!(parse_snapshot_owned("s.json", bytes.clone()), parse_snapshot("s.json", &bytes));
        }
    }

    #[test]
    fn a_problem_after_a_pretty_printed_column_keeps_its_line_and_column() {
        let doc = "{\"version\": 1, \"generated_at\": \"2026-11-21T00:00:00Z\", \"services\": [{\"id\": \"s\"}],
  \"slos\": [{\"id\": \"a\", \"service\": \"s\", \"objective\": 0.99, \"window\": \"7d\", \"budgeting\": \"occurrences\",
    \"sli\": {\"start\": \"2026-11-01T00:00:00Z\", \"step\": \"5m\",
      \"good\": [\n        1,\n        2\n      ],
      \"total\": [\r\n 2,\r\n 3]}}],
  \"deployments\": [{\"id\": \"d\", \"service\": \"s\", \"finished_at\": 5, \"status\": \"succeeded\", \"changes\": []}],
  \"incidents\": []}";
        let owned = parse_snapshot_owned("s.json", doc.as_bytes().to_vec()).unwrap_err();
        assert_eq!(owned, parse_snapshot("s.json", doc.as_bytes()).unwrap_err());
        assert_eq!(owned[0].path, "deployments[0].finished_at");

        let broken = doc.replace("\"incidents\": []}", "\"incidents\": [] x}");
        let owned = parse_snapshot_owned("s.json", broken.as_bytes().to_vec()).unwrap_err();
        assert_eq!(owned, parse_snapshot("s.json", broken.as_bytes()).unwrap_err());
        assert_eq!((owned[0].line, owned[0].column), (Some(12), Some(19)));
    }
}
