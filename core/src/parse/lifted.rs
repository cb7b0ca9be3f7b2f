//! The fast path for SLI-heavy snapshots: the count columns are lifted out of the bytes and read by a
//! byte loop, and serde reads the rest, so no column is scanned twice.
//!
//! Through serde, every `Option<u64>` costs a sequence step, an `Option` probe and a number parse
//! (about 180 instructions for a 4-digit count), and even skipping a column as raw JSON costs half
//! of that. Instead, a light walk finds `slos[i].sli.good` and `slos[i].sli.total`, reads each with
//! [`read_count_column`], and copies the document with `[]` in their place; serde deserialises that
//! copy and the columns are put back. Each column text is replaced by another array, so serde's verdict
//! on the rest is unchanged. Anything unusual (a key with an escape, a column that is not plainly an
//! array of counts, a malformed structure) gives `None`, and the caller takes the serde path, which
//! reports every problem.

use crate::model::{CountColumn, Slo, Snapshot};
use crate::parse::count_column::read_count_column;

/// The snapshot, or `None` when the fast path does not apply (the serde path then decides).
pub(crate) fn parse_lifted(bytes: &[u8]) -> Option<Snapshot> {
    let lifted = lift_columns(bytes)?;
    let mut snapshot: Snapshot = serde_json::from_slice(&lifted.rest).ok()?;
    put_back(&mut snapshot, lifted.columns)?;
    Some(snapshot)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ColumnName {
    Good,
    Total,
}

#[derive(Debug)]
pub(crate) struct LiftedColumn {
    slo: usize,
    name: ColumnName,
    counts: CountColumn,
    /// Where the column's text is in the document: `[start, end)`.
    span: (usize, usize),
}

/// The document with every lifted column written `[]`, and the lifted columns.
#[derive(Debug)]
struct Lifted {
    rest: Vec<u8>,
    columns: Vec<LiftedColumn>,
}

fn lift_columns(bytes: &[u8]) -> Option<Lifted> {
    let columns = find_columns(bytes, Extent::WholeDocument)?;
    let mut rest = Vec::new();
    let mut copied_up_to = 0;
    for column in &columns {
        let (start, end) = column.span;
        rest.extend_from_slice(bytes.get(copied_up_to..start)?);
        rest.extend_from_slice(b"[]");
        copied_up_to = end;
    }
    rest.extend_from_slice(bytes.get(copied_up_to..)?);
    Some(Lifted { rest, columns })
}

/// How much of the document the walk reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Extent {
    /// Every member of the top-level object, checking the structure up to its end.
    WholeDocument,
    /// Up to the end of the top-level `slos` member: the rest (deployments, incidents) is left to serde,
    /// which reads and checks it anyway. A later `slos` member is a duplicate, which serde rejects.
    UpToSlos,
}

/// Every `slos[i].sli.good` and `slos[i].sli.total` column of the document, read, with its span; `None`
/// when the walk does not apply (see the module documentation).
pub(crate) fn find_columns(bytes: &[u8], extent: Extent) -> Option<Vec<LiftedColumn>> {
    let mut walk = Walk { bytes, at: 0, columns: Vec::new(), done: false };
    walk.object(|walk, key| {
        if key == b"slos" {
            walk.slos()?;
            walk.done = extent == Extent::UpToSlos;
            Some(())
        } else {
            walk.skip_value()
        }
    })?;
    Some(walk.columns)
}

/// The `sli.good` and `sli.total` columns of the SLO record at the start of `bytes`, read, with
/// their spans, and the offset just past the record; `None` when the walk does not apply (or the
/// record does not end within `bytes`).
pub(crate) fn find_slo_columns(bytes: &[u8]) -> Option<(Vec<LiftedColumn>, usize)> {
    let mut walk = Walk { bytes, at: 0, columns: Vec::new(), done: false };
    walk.object(|walk, key| if key == b"sli" { walk.sli(0) } else { walk.skip_value() })?;
    Some((walk.columns, walk.at))
}

/// Puts the lifted columns into the snapshot serde read with `[]` in their place; `None` when one
/// does not find its empty slot.
pub(crate) fn put_back(snapshot: &mut Snapshot, columns: Vec<LiftedColumn>) -> Option<()> {
    for column in columns {
        put_back_one(snapshot.slos.get_mut(column.slo)?, column)?;
    }
    Some(())
}

/// [`put_back`] for the columns [`find_slo_columns`] found in one SLO record.
pub(crate) fn put_back_slo(slo: &mut Slo, columns: Vec<LiftedColumn>) -> Option<()> {
    for column in columns {
        put_back_one(slo, column)?;
    }
    Some(())
}

fn put_back_one(slo: &mut Slo, column: LiftedColumn) -> Option<()> {
    let slot = match column.name {
        ColumnName::Good => &mut slo.sli.good,
        ColumnName::Total => &mut slo.sli.total,
    };
    if !slot.is_empty() {
        return None;
    }
    *slot = column.counts;
    Some(())
}

impl LiftedColumn {
    pub(crate) fn span(&self) -> (usize, usize) {
        self.span
    }
}

struct Walk<'a> {
    bytes: &'a [u8],
    at: usize,
    columns: Vec<LiftedColumn>,
    /// Set when the walk has read all it needs: the object being walked ends there.
    done: bool,
}

impl Walk<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn skip_whitespace(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.at += 1;
        }
    }

    /// Skips whitespace, then requires `byte`.
    fn expect(&mut self, byte: u8) -> Option<()> {
        self.skip_whitespace();
        (self.peek() == Some(byte)).then(|| self.at += 1)
    }

    /// An object's members, each value handled by `member` given the key (keys with escapes give up).
    fn object(&mut self, mut member: impl FnMut(&mut Self, &[u8]) -> Option<()>) -> Option<()> {
        self.expect(b'{')?;
        self.skip_whitespace();
        if self.peek() == Some(b'}') {
            self.at += 1;
            return Some(());
        }
        loop {
            self.expect(b'"')?;
            let key_start = self.at;
            let key_end = key_start + self.bytes.get(key_start..)?.iter().position(|&byte| byte == b'"')?;
            let key = self.bytes.get(key_start..key_end)?;
            if key.contains(&b'\\') {
                return None;
            }
            self.at = key_end + 1;
            self.expect(b':')?;
            self.skip_whitespace();
            member(self, key)?;
            if self.done {
                return Some(());
            }
            self.skip_whitespace();
            match self.peek()? {
                b',' => self.at += 1,
                b'}' => {
                    self.at += 1;
                    return Some(());
                }
                _ => return None,
            }
        }
    }

    /// `slos`: each object item is walked for its `sli`; anything else is left to serde.
    fn slos(&mut self) -> Option<()> {
        if self.peek() != Some(b'[') {
            return self.skip_value();
        }
        self.at += 1;
        self.skip_whitespace();
        if self.peek() == Some(b']') {
            self.at += 1;
            return Some(());
        }
        for slo in 0.. {
            self.skip_whitespace();
            if self.peek() == Some(b'{') {
                self.object(|walk, key| if key == b"sli" { walk.sli(slo) } else { walk.skip_value() })?;
            } else {
                self.skip_value()?;
            }
            self.skip_whitespace();
            match self.peek()? {
                b',' => self.at += 1,
                b']' => break,
                _ => return None,
            }
        }
        self.at += 1;
        Some(())
    }

    fn sli(&mut self, slo: usize) -> Option<()> {
        if self.peek() != Some(b'{') {
            return self.skip_value();
        }
        self.object(|walk, key| match key {
            b"good" => walk.lift(slo, ColumnName::Good),
            b"total" => walk.lift(slo, ColumnName::Total),
            _ => walk.skip_value(),
        })
    }

    /// Reads the column at the cursor.
    fn lift(&mut self, slo: usize, name: ColumnName) -> Option<()> {
        let start = self.at;
        let (mut counts, end) = read_count_column(self.bytes, start)?;
        // A grown vector holds up to twice its length; the column is kept until the merge.
        counts.shrink_to_fit();
        self.columns.push(LiftedColumn { slo, name, counts, span: (start, end) });
        self.at = end;
        Some(())
    }

    /// Skips one value without checking it (serde checks the copy): a string, or a run of bytes up to
    /// the separator that closes it, with brackets balanced and strings skipped as wholes.
    fn skip_value(&mut self) -> Option<()> {
        let mut depth: usize = 0;
        let start = self.at;
        loop {
            match self.peek()? {
                b'"' => self.skip_string()?,
                b'[' | b'{' => {
                    depth += 1;
                    self.at += 1;
                }
                b']' | b'}' if depth > 0 => {
                    depth -= 1;
                    self.at += 1;
                }
                b',' | b']' | b'}' if depth == 0 => break,
                _ => self.at += 1,
            }
            if depth == 0 && self.peek().is_some_and(|byte| matches!(byte, b',' | b']' | b'}')) {
                break;
            }
        }
        (self.at > start).then_some(())
    }

    fn skip_string(&mut self) -> Option<()> {
        self.at += 1;
        loop {
            let offset = self.bytes.get(self.at..)?.iter().position(|&byte| byte == b'"' || byte == b'\\')?;
            self.at += offset;
            if self.peek()? == b'\\' {
                self.at += 2;
            } else {
                self.at += 1;
                return Some(());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    type Column = (usize, ColumnName, Vec<Option<u64>>);

    fn lifted(text: &str) -> Option<(String, Vec<Column>)> {
        let lifted = lift_columns(text.as_bytes())?;
        let columns = lifted.columns.into_iter().map(|c| (c.slo, c.name, c.counts.iter().collect())).collect();
        Some((String::from_utf8(lifted.rest).ok()?, columns))
    }

    #[test]
    fn lifts_only_the_columns_of_slos_sli() {
        let text = r#"{"x":{"slos":[{"sli":{"good":[9]}}, 1]},"slos":[3,{"sli":{"good":[1, null],"y":{"good":[2]},
            "total" : [ 2 ,3]}, "good":[4]}],"z":"\"slos\""}"#;
        let (rest, columns) = lifted(text).unwrap();
        assert_eq!(
            rest,
            r#"{"x":{"slos":[{"sli":{"good":[9]}}, 1]},"slos":[3,{"sli":{"good":[],"y":{"good":[2]},
            "total" : []}, "good":[4]}],"z":"\"slos\""}"#
        );
        assert_eq!(
            columns,
            [(1, ColumnName::Good, vec![Some(1), None]), (1, ColumnName::Total, vec![Some(2), Some(3)])]
        );
    }

    #[test]
    fn gives_up_on_escaped_keys_unusual_columns_and_broken_structure() {
        assert!(lifted(r#"{"sl\u006fs":[]}"#).is_none());
        assert!(lifted(r#"{"slos":[{"sli":{"good":[-1]}}]}"#).is_none());
        assert!(lifted(r#"{"slos":[{"sli":{"good":[1]}}]"#).is_none());
        assert!(lifted(r#"{"slos" [{"sli":{"good":[1]}}]}"#).is_none());
        assert!(lifted("").is_none());
    }
}

#[cfg(test)]
mod agreement {
    use proptest::prelude::*;
    use serde_json::{json, Value};

    use crate::parse::sample_documents;

    use super::parse_lifted;
    use crate::model::Snapshot;

    /// A snapshot-shaped document: SLOs with count columns, unknown fields that look like them.
    fn document() -> impl Strategy<Value = Value> {
        let slo = sample_documents::slo();
        (proptest::collection::vec(slo, 0..3), any::<bool>()).prop_map(|(slos, decoy)| {
            let mut doc = json!({
                "version": 1, "generated_at": "2026-11-21T00:00:00Z", "services": [{"id": "s"}],
                "slos": slos, "deployments": [], "incidents": []
            });
            if decoy {
                doc["z"] = json!({"slos": [{"sli": {"good": [5, 6]}}]});
            }
            doc
        })
    }

    proptest! {
        #[test]
        fn the_fast_path_reads_valid_documents_exactly_as_serde(doc in document(), pretty in any::<bool>()) {
            let bytes = if pretty { serde_json::to_vec_pretty(&doc) } else { serde_json::to_vec(&doc) };
            let bytes = bytes.map_err(|err| TestCaseError::fail(err.to_string()))?;
            let expected = serde_json::from_slice::<Snapshot>(&bytes).ok();
            prop_assert!(expected.is_some());
            prop_assert_eq!(parse_lifted(&bytes), expected);
        }

        #[test]
        fn the_fast_path_never_accepts_what_serde_rejects(
            doc in document(),
            edits in proptest::collection::vec((any::<prop::sample::Index>(), prop::sample::select(
                b"0123456789-.eE+ ,[]{}\"\\:nul".to_vec())), 1..4),
        ) {
            let mut bytes = serde_json::to_vec(&doc).map_err(|err| TestCaseError::fail(err.to_string()))?;
            for (index, byte) in edits {
                let at = index.index(bytes.len());
                bytes[at] = byte;
            }
            if let Some(snapshot) = parse_lifted(&bytes) {
                prop_assert_eq!(Some(snapshot), serde_json::from_slice::<Snapshot>(&bytes).ok());
            }
        }
    }
}
