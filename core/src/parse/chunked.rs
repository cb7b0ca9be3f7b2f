//! The chunked path: a snapshot read from byte chunks the caller provides, record by record, so the
//! whole document is never in memory (for the benchmark data set, the 622 MB input would otherwise
//! stay alive while its 1M deployments are deserialised).
//!
//! The top-level object is walked member by member. The records of `slos`, `deployments` and
//! `incidents` are deserialised one at a time as soon as their bytes are in (an SLO's count columns
//! by the byte loop of [`super::lifted`]), and their bytes are dropped; every other member is copied
//! into a skeleton document in which those three arrays are written `[]`, which serde reads into the
//! [`Snapshot`] the records are then put into. JSON is context-free, so each record reads exactly as
//! it would inside the whole document. The one thing that depends on where a value is, serde_json's
//! nesting limit (128, counted from the root), never decides a snapshot that parses: its typed
//! structure is 5 deep and unknown members are skipped without the limit (a test checks this).
//!
//! Anything unusual or wrong (a key with an escape, a record serde rejects, a broken structure,
//! bytes after the document) stops the walk with [`Chunked::WholeDocument`]: the caller then reads
//! the file whole and calls [`super::parse_snapshot_owned`], so a document with any problem gets
//! exactly the problems, paths, lines and columns of the whole-document path.

use serde::de::DeserializeOwned;
use serde_json::error::Category;

use crate::model::{Deployment, Incident, Slo, Snapshot};
use crate::parse::lifted::{find_slo_columns, put_back_slo};
use crate::parse::BYTE_ORDER_MARK;

/// What the chunked parse of a snapshot gave.
#[derive(Debug, Clone, PartialEq)]
pub enum Chunked<E> {
    /// The snapshot, exactly as [`super::parse_snapshot`] would read the whole document.
    Parsed(Box<Snapshot>),
    /// The chunked path does not decide this document (it may have a problem): read it whole and
    /// give it to [`super::parse_snapshot_owned`].
    WholeDocument,
    /// A chunk could not be read: the caller's error, as it gave it.
    ReadFailed(E),
}

/// Parses a snapshot from the chunks of its bytes, in order (of any sizes; a few MB each keeps
/// the memory low), freeing each chunk's bytes as soon as its records are read.
pub fn parse_snapshot_chunks<E>(chunks: impl IntoIterator<Item = Result<Vec<u8>, E>>) -> Chunked<E> {
    let mut input =
        Input { chunks: chunks.into_iter(), text: String::new(), cut_char: Vec::new(), at: 0, ended: false };
    match snapshot(&mut input) {
        Ok(snapshot) => Chunked::Parsed(Box::new(snapshot)),
        Err(Halt::WholeDocument | Halt::Ended) => Chunked::WholeDocument,
        Err(Halt::Read(err)) => Chunked::ReadFailed(err),
    }
}

/// Why the walk stopped before the end.
enum Halt<E> {
    WholeDocument,
    /// The chunks have ended (with no character cut short): after the document, what it needs.
    Ended,
    Read(E),
}

/// Why a scan of the bytes in hand gave no answer.
enum Scan {
    /// The bytes end before the answer does: it needs the next chunk.
    More,
    /// Not what the chunked path reads: the whole-document path decides.
    Unusual,
}

/// The bytes read so far and not yet consumed, and the chunks still to come.
struct Input<I> {
    chunks: I,
    /// The chunks read so far, up to their last whole character: each chunk's UTF-8 is checked once,
    /// as it arrives, so serde reads the records as `&str` and checks no string again (it checked
    /// each one, a tenth of `validate`'s time).
    text: String,
    /// The first bytes of a character cut by the end of the last chunk, put before the next one.
    cut_char: Vec<u8>,
    /// Where the unconsumed bytes start in `text`.
    at: usize,
    ended: bool,
}

impl<I: Iterator<Item = Result<Vec<u8>, E>>, E> Input<I> {
    /// The unconsumed bytes.
    fn rest(&self) -> &[u8] {
        self.text.as_bytes().get(self.at..).unwrap_or_default()
    }

    fn consume(&mut self, length: usize) {
        self.at = (self.at + length).min(self.text.len());
    }

    /// Runs `scan` on the unconsumed bytes, reading more chunks while it needs them.
    fn need<T>(&mut self, mut scan: impl FnMut(&[u8]) -> Result<T, Scan>) -> Result<T, Halt<E>> {
        self.need_text(|text| scan(text.as_bytes()))
    }

    /// [`Self::need`] with the unconsumed text.
    fn need_text<T>(&mut self, mut scan: impl FnMut(&str) -> Result<T, Scan>) -> Result<T, Halt<E>> {
        loop {
            // Every length consumed ends at a JSON delimiter, so on a character boundary.
            let Some(rest) = self.text.get(self.at..) else { return Err(Halt::WholeDocument) };
            match scan(rest) {
                Ok(value) => return Ok(value),
                Err(Scan::Unusual) => return Err(Halt::WholeDocument),
                Err(Scan::More) => self.read_more()?,
            }
        }
    }

    /// Drops the consumed bytes and appends at least as many new ones as are left (so a value
    /// longer than a chunk is scanned a bounded number of times), or fails at the end of the chunks.
    fn read_more(&mut self) -> Result<(), Halt<E>> {
        if !self.text.is_char_boundary(self.at) {
            return Err(Halt::WholeDocument);
        }
        self.text.drain(..self.at);
        self.at = 0;
        let wanted = self.text.len().max(1);
        let mut appended = 0;
        while appended < wanted && !self.ended {
            match self.chunks.next() {
                None => self.ended = true,
                Some(Err(err)) => return Err(Halt::Read(err)),
                Some(Ok(chunk)) => {
                    appended += chunk.len();
                    self.append(chunk)?;
                }
            }
        }
        if appended == 0 {
            // A character the last chunk began and none finished is not UTF-8.
            return Err(if self.cut_char.is_empty() { Halt::Ended } else { Halt::WholeDocument });
        }
        Ok(())
    }

    /// Appends a chunk's text, keeping a character its end cuts for the next chunk. Bytes that are
    /// not UTF-8 are the whole-document path's to report.
    fn append(&mut self, chunk: Vec<u8>) -> Result<(), Halt<E>> {
        let mut bytes = if self.cut_char.is_empty() {
            chunk
        } else {
            let mut bytes = std::mem::take(&mut self.cut_char);
            bytes.extend_from_slice(&chunk);
            bytes
        };
        self.cut_char = bytes.split_off(bytes.len() - cut_char_length(&bytes));
        let text = String::from_utf8(bytes).map_err(|_| Halt::WholeDocument)?;
        if self.text.is_empty() {
            self.text = text;
        } else {
            self.text.push_str(&text);
        }
        Ok(())
    }

    /// Consumes the bytes `scan` measures, copying them to `skeleton`; gives what it found.
    fn copy<T>(
        &mut self,
        skeleton: &mut Vec<u8>,
        scan: impl FnMut(&[u8]) -> Result<(T, usize), Scan>,
    ) -> Result<T, Halt<E>> {
        let (found, length) = self.need(scan)?;
        skeleton.extend_from_slice(self.rest().get(..length).unwrap_or_default());
        self.consume(length);
        Ok(found)
    }
}

/// The three record arrays read one record at a time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum RecordArray {
    Slos,
    Deployments,
    Incidents,
}

impl RecordArray {
    fn of_key(key: &[u8]) -> Option<RecordArray> {
        match key {
            b"slos" => Some(RecordArray::Slos),
            b"deployments" => Some(RecordArray::Deployments),
            b"incidents" => Some(RecordArray::Incidents),
            _ => None,
        }
    }
}

#[derive(Default)]
struct Records {
    slos: Vec<Slo>,
    deployments: Vec<Deployment>,
    incidents: Vec<Incident>,
}

fn snapshot<I: Iterator<Item = Result<Vec<u8>, E>>, E>(input: &mut Input<I>) -> Result<Snapshot, Halt<E>> {
    let mark = input.need(byte_order_mark_length)?;
    input.consume(mark);
    let mut skeleton = Vec::new();
    let mut records = Records::default();
    let empty = input.copy(&mut skeleton, |bytes| {
        let at = expect(bytes, skip_whitespace(bytes, 0), b'{')?;
        let at = skip_whitespace(bytes, at);
        Ok(if byte(bytes, at)? == b'}' { (true, at + 1) } else { (false, at) })
    })?;
    if !empty {
        loop {
            let array = input.copy(&mut skeleton, member_head)?;
            match array {
                Some(array) => {
                    skeleton.extend_from_slice(b"[]");
                    input.consume(1);
                    record_array(input, array, &mut records)?;
                }
                None => input.copy(&mut skeleton, |bytes| value_end(bytes).map(|end| ((), end)))?,
            }
            let closed = input.copy(&mut skeleton, |bytes| {
                let at = skip_whitespace(bytes, 0);
                match byte(bytes, at)? {
                    b',' => Ok((false, at + 1)),
                    b'}' => Ok((true, at + 1)),
                    _ => Err(Scan::Unusual),
                }
            })?;
            if closed {
                break;
            }
        }
    }
    only_whitespace_left(input)?;
    let mut snapshot: Snapshot = serde_json::from_slice(&skeleton).map_err(|_| Halt::WholeDocument)?;
    let filled = !snapshot.slos.is_empty() || !snapshot.deployments.is_empty() || !snapshot.incidents.is_empty();
    if filled {
        return Err(Halt::WholeDocument);
    }
    let Records { mut slos, mut deployments, mut incidents } = records;
    slos.shrink_to_fit();
    deployments.shrink_to_fit();
    incidents.shrink_to_fit();
    (snapshot.slos, snapshot.deployments, snapshot.incidents) = (slos, deployments, incidents);
    Ok(snapshot)
}

fn byte_order_mark_length(bytes: &[u8]) -> Result<usize, Scan> {
    if bytes.starts_with(BYTE_ORDER_MARK) {
        Ok(BYTE_ORDER_MARK.len())
    } else if bytes.len() < BYTE_ORDER_MARK.len() && BYTE_ORDER_MARK.starts_with(bytes) {
        Err(Scan::More)
    } else {
        Ok(0)
    }
}

/// A member's key, colon and the whitespace up to its value: the record array it opens, if its
/// value is one (the cursor is then on its `[`).
fn member_head(bytes: &[u8]) -> Result<(Option<RecordArray>, usize), Scan> {
    let key_start = expect(bytes, skip_whitespace(bytes, 0), b'"')?;
    let key_length = bytes.get(key_start..).unwrap_or_default().iter().position(|&b| b == b'"').ok_or(Scan::More)?;
    let key = bytes.get(key_start..key_start + key_length).ok_or(Scan::More)?;
    if key.contains(&b'\\') {
        return Err(Scan::Unusual);
    }
    let at = expect(bytes, skip_whitespace(bytes, key_start + key_length + 1), b':')?;
    let at = skip_whitespace(bytes, at);
    let array = RecordArray::of_key(key).filter(|_| bytes.get(at) == Some(&b'['));
    byte(bytes, at)?;
    Ok((array, at))
}

/// The records after the array's `[` up to its `]`, each read and its bytes consumed.
fn record_array<I: Iterator<Item = Result<Vec<u8>, E>>, E>(
    input: &mut Input<I>,
    array: RecordArray,
    records: &mut Records,
) -> Result<(), Halt<E>> {
    let closing = |bytes: &[u8]| {
        let at = skip_whitespace(bytes, 0);
        Ok(if byte(bytes, at)? == b']' { (true, at + 1) } else { (false, at) })
    };
    let (empty, length) = input.need(closing)?;
    input.consume(length);
    if empty {
        return Ok(());
    }
    loop {
        match array {
            RecordArray::Slos => records.slos.push(slo(input)?),
            RecordArray::Deployments => records.deployments.push(record(input)?),
            RecordArray::Incidents => records.incidents.push(record(input)?),
        }
        let (closed, length) = input.need(|bytes| {
            let at = skip_whitespace(bytes, 0);
            match byte(bytes, at)? {
                b',' => {
                    let at = skip_whitespace(bytes, at + 1);
                    byte(bytes, at)?;
                    Ok((false, at))
                }
                b']' => Ok((true, at + 1)),
                _ => Err(Scan::Unusual),
            }
        })?;
        input.consume(length);
        if closed {
            return Ok(());
        }
    }
}

/// One deployment or incident, read by serde, which also finds where it ends.
fn record<T: DeserializeOwned, I: Iterator<Item = Result<Vec<u8>, E>>, E>(input: &mut Input<I>) -> Result<T, Halt<E>> {
    let (record, length) = input.need_text(|text| {
        let bytes = text.as_bytes();
        if bytes.first() != Some(&b'{') {
            return Err(if bytes.is_empty() { Scan::More } else { Scan::Unusual });
        }
        let mut values = serde_json::Deserializer::from_str(text).into_iter::<T>();
        match values.next() {
            Some(Ok(record)) => Ok((record, values.byte_offset())),
            Some(Err(err)) if err.classify() == Category::Eof => Err(Scan::More),
            // A number cut by the end of the bytes is a syntax error (`1.`): the record is complete
            // when its brackets close.
            Some(Err(_)) => Err(object_end(bytes, 0).err().unwrap_or(Scan::Unusual)),
            None => Err(Scan::Unusual),
        }
    })?;
    input.consume(length);
    Ok(record)
}

/// One SLO: its count columns read by the byte loop of [`super::lifted`], the rest (a copy of the
/// record with `[]` in their place) by serde. A record the walk does not read goes to serde whole.
fn slo<I: Iterator<Item = Result<Vec<u8>, E>>, E>(input: &mut Input<I>) -> Result<Slo, Halt<E>> {
    let (columns, length) = input.need(|bytes| match find_slo_columns(bytes) {
        Some((columns, end)) => Ok((Some(columns), end)),
        // Not read by the walk, or not all there yet: its brackets tell which.
        None => object_end(bytes, 0).map(|end| (None, end)),
    })?;
    let record = input.rest().get(..length).unwrap_or_default();
    let slo = match columns {
        Some(columns) => {
            let mut rest = Vec::new();
            let mut copied_up_to = 0;
            for column in &columns {
                let (start, end) = column.span();
                rest.extend_from_slice(record.get(copied_up_to..start).unwrap_or_default());
                rest.extend_from_slice(b"[]");
                copied_up_to = end;
            }
            rest.extend_from_slice(record.get(copied_up_to..).unwrap_or_default());
            serde_json::from_slice::<Slo>(&rest).ok().and_then(|mut slo| put_back_slo(&mut slo, columns).map(|()| slo))
        }
        None => serde_json::from_slice(record).ok(),
    };
    input.consume(length);
    slo.ok_or(Halt::WholeDocument)
}

/// The length of the character that `bytes` end inside of, when its first byte announces more bytes
/// than follow it (0 to 3); what is not UTF-8 is left to the check of the whole chunk.
fn cut_char_length(bytes: &[u8]) -> usize {
    let is_continuation = |byte: u8| byte & 0b1100_0000 == 0b1000_0000;
    let Some(first) = (1..=3.min(bytes.len())).find(|back| !is_continuation(bytes[bytes.len() - back])) else {
        return 0;
    };
    let lead = bytes[bytes.len() - first];
    let length = match lead {
        0b1100_0000..=0b1101_1111 => 2,
        0b1110_0000..=0b1110_1111 => 3,
        0b1111_0000..=0b1111_0111 => 4,
        _ => 1,
    };
    if length > first {
        first
    } else {
        0
    }
}

/// Everything after the document must be JSON whitespace.
fn only_whitespace_left<I: Iterator<Item = Result<Vec<u8>, E>>, E>(input: &mut Input<I>) -> Result<(), Halt<E>> {
    loop {
        let rest = input.rest();
        let whitespace = skip_whitespace(rest, 0);
        if whitespace < rest.len() {
            return Err(Halt::WholeDocument);
        }
        input.consume(whitespace);
        match input.read_more() {
            Ok(()) => {}
            Err(Halt::Ended) => return Ok(()),
            Err(err) => return Err(err),
        }
    }
}

/// JSON whitespace: space, tab, line feed, carriage return.
fn skip_whitespace(bytes: &[u8], mut at: usize) -> usize {
    while let Some(b' ' | b'\t' | b'\n' | b'\r') = bytes.get(at) {
        at += 1;
    }
    at
}

fn byte(bytes: &[u8], at: usize) -> Result<u8, Scan> {
    bytes.get(at).copied().ok_or(Scan::More)
}

/// Requires `wanted` at `at`; the offset after it.
fn expect(bytes: &[u8], at: usize, wanted: u8) -> Result<usize, Scan> {
    if byte(bytes, at)? == wanted {
        Ok(at + 1)
    } else {
        Err(Scan::Unusual)
    }
}

/// Where the value at the start of `bytes` ends, without checking it (serde reads it from the
/// skeleton): a string, an object or array with brackets balanced, or a run of bytes up to the next
/// separator or whitespace.
fn value_end(bytes: &[u8]) -> Result<usize, Scan> {
    match byte(bytes, 0)? {
        b'"' => string_end(bytes, 0),
        b'{' | b'[' => object_end(bytes, 0),
        _ => {
            let length = bytes
                .iter()
                .position(|&b| matches!(b, b',' | b']' | b'}' | b' ' | b'\t' | b'\n' | b'\r'))
                .ok_or(Scan::More)?;
            if length == 0 {
                Err(Scan::Unusual)
            } else {
                Ok(length)
            }
        }
    }
}

/// The offset after the bracket closing the one at `start` (kinds not checked; serde does).
fn object_end(bytes: &[u8], start: usize) -> Result<usize, Scan> {
    if !matches!(byte(bytes, start)?, b'{' | b'[') {
        return Err(Scan::Unusual);
    }
    let mut depth: usize = 0;
    let mut at = start;
    loop {
        match byte(bytes, at)? {
            b'"' => {
                at = string_end(bytes, at)?;
                continue;
            }
            b'{' | b'[' => depth += 1,
            b'}' | b']' => {
                depth -= 1;
                if depth == 0 {
                    return Ok(at + 1);
                }
            }
            _ => {}
        }
        at += 1;
    }
}

/// The offset after the string that starts at `start`.
fn string_end(bytes: &[u8], start: usize) -> Result<usize, Scan> {
    let mut at = start + 1;
    loop {
        let offset =
            bytes.get(at..).unwrap_or_default().iter().position(|&b| b == b'"' || b == b'\\').ok_or(Scan::More)?;
        at += offset;
        if byte(bytes, at)? == b'\\' {
            at += 2;
        } else {
            return Ok(at + 1);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::parse_snapshot;

    const VALID: &str = r#"{"version":1,"generated_at":"2026-11-21T00:00:00Z","services":[{"id":"s"}],
        "slos":[{"id":"a","service":"s","objective":0.9,"window":"7d","budgeting":"occurrences",
            "sli":{"start":"2026-11-01T00:00:00Z","step":"5m","good":[1,null,2],"total":[2,null,2]}}],
        "deployments":[{"id":"d","service":"s","finished_at":"2026-11-20T00:00:00Z","status":"succeeded",
            "changes":[{"id":"c","committed_at":"2026-11-19T00:00:00Z"}]}],
        "incidents":[{"id":"i","service":"s","started_at":"2026-11-20T01:00:00Z","caused_by":["d"]}]}"#;

    /// The bytes in chunks of `size` bytes.
    fn chunks(bytes: &[u8], size: usize) -> Vec<Result<Vec<u8>, String>> {
        bytes.chunks(size).map(|chunk| Ok(chunk.to_vec())).collect()
    }

    fn chunked(text: &str, size: usize) -> Chunked<String> {
        parse_snapshot_chunks(chunks(text.as_bytes(), size))
    }

    #[test]
    fn a_valid_snapshot_reads_as_the_whole_document_does_in_chunks_of_any_size() {
        let expected = parse_snapshot("s.json", VALID.as_bytes()).unwrap();
        for size in [1, 2, 3, 7, 64, 10_000] {
            assert_eq!(chunked(VALID, size), Chunked::Parsed(Box::new(expected.clone())), "chunks of {size}");
        }
        let with_mark = format!("\u{FEFF}{VALID}\n ");
        assert_eq!(chunked(&with_mark, 1), Chunked::Parsed(Box::new(expected)));
    }

    #[test]
    fn a_document_with_a_problem_or_anything_unusual_is_left_to_the_whole_document_path() {
        let unusual = [
            VALID.replace(r#""status":"succeeded""#, r#""status":"done""#),
            VALID.replace(r#""incidents""#, r#""inciden\u0074s""#),
            VALID.replace(r#""version":1"#, r#""version":1,"slos":[]"#),
            VALID.replace(r#""caused_by":["d"]}"#, r#""caused_by":["d"]},]"#),
            VALID.replace(r#""deployments":[{"#, r#""deployments":[5,{"#),
            format!("{VALID} x"),
            VALID[..VALID.len() - 1].to_owned(),
            String::new(),
        ];
        for text in unusual {
            assert_eq!(chunked(&text, 5), Chunked::WholeDocument, "{text}");
            assert_eq!(chunked(&text, 10_000), Chunked::WholeDocument, "{text}");
        }
    }

    #[test]
    fn nesting_in_unknown_members_reads_the_same_in_a_record_as_in_the_document() {
        // serde_json's nesting limit (128 from the root) would tell a record read alone from one read
        // two levels down: it does not apply to skipped values, at any depth.
        for depth in [125, 126, 127, 128, 500] {
            let deep = format!(r#""x":{}1{},"id":"d""#, "[".repeat(depth), "]".repeat(depth));
            let text = VALID.replace(r#""id":"d""#, &deep).replace(r#""id":"a""#, &deep.replace("\"d\"", "\"a\""));
            let whole = parse_snapshot("s.json", text.as_bytes()).unwrap();
            assert_eq!(chunked(&text, 100), Chunked::Parsed(Box::new(whole)), "depth {depth}");
        }
        // In a typed member, the nesting is a type error: the whole-document path reports it.
        let typed =
            VALID.replace(r#""caused_by":["d"]"#, &format!(r#""caused_by":{}"d"{}"#, "[".repeat(200), "]".repeat(200)));
        assert!(parse_snapshot("s.json", typed.as_bytes()).is_err());
        assert_eq!(chunked(&typed, 100), Chunked::WholeDocument);
    }

    #[test]
    fn a_read_error_is_given_back_as_the_caller_gave_it() {
        let mut chunks = chunks(VALID.as_bytes(), 50);
        chunks.truncate(3);
        chunks.push(Err("disk on fire".to_owned()));
        assert_eq!(parse_snapshot_chunks(chunks), Chunked::ReadFailed("disk on fire".to_owned()));
    }

    #[test]
    fn a_value_longer_than_the_chunks_is_scanned_a_bounded_number_of_times() {
        let long = format!(r#""name":"{}","id":"s""#, "n".repeat(100_000));
        let text = VALID.replacen(r#""id":"s""#, &long, 1);
        let expected = parse_snapshot("s.json", text.as_bytes()).unwrap();
        assert_eq!(chunked(&text, 1), Chunked::Parsed(Box::new(expected)));
    }
}

#[cfg(test)]
mod agreement {
    use proptest::prelude::*;
    use serde_json::{json, Value};

    use super::{parse_snapshot_chunks, Chunked};
    use crate::parse::{
        parse_snapshot, parse_snapshot_owned,
        sample_documents::{self, encoded},
    };

    /// A snapshot-shaped document: SLOs with count columns, deployments and incidents, unknown
    /// members that look like the record arrays, in any member order.
    fn document() -> impl Strategy<Value = Value> {
        let slo = sample_documents::slo();
        let deployment = (0_usize..3, any::<bool>()).prop_map(|(changes, decoy)| {
            let changes: Vec<Value> = (0..changes)
                .map(|n| json!({"id": format!("c{n}-é日🚀"), "committed_at": "2026-11-19T00:00:00Z"}))
                .collect();
            let mut deployment = json!({"id": "d", "service": "s", "finished_at": "2026-11-20T00:00:00Z",
                "status": "succeeded", "changes": changes, "fixes_incident": null});
            if decoy {
                deployment["x"] = json!({"deployments": [{"a": "}]\"\\"}], "n": [1.5, -2, true]});
            }
            deployment
        });
        let incident = any::<bool>().prop_map(|resolved| {
            // Characters of two, three and four bytes, which chunks may cut.
            let mut incident = json!({"id": "i-ü", "service": "s", "started_at": "2026-11-20T00:00:00Z",
                "caused_by": ["d"]});
            if resolved {
                incident["resolved_at"] = json!("2026-11-20T01:00:00+01:00");
            }
            incident
        });
        (
            proptest::collection::vec(slo, 0..3),
            proptest::collection::vec(deployment, 0..4),
            proptest::collection::vec(incident, 0..3),
            any::<bool>(),
        )
            .prop_map(|(slos, deployments, incidents, decoy)| {
                let mut doc = json!({
                    "version": 1, "generated_at": "2026-11-21T00:00:00Z", "services": [{"id": "s"}],
                    "slos": slos, "deployments": deployments, "incidents": incidents
                });
                if decoy {
                    doc["z"] = json!({"incidents": [{"id": "j"}], "slos": "[", "w": 1e5});
                }
                doc
            })
    }

    /// The bytes cut at the given fractions of their length.
    fn chunked(bytes: &[u8], cuts: &[prop::sample::Index]) -> Chunked<String> {
        let mut at: Vec<usize> = cuts.iter().map(|cut| cut.index(bytes.len() + 1)).collect();
        at.push(0);
        at.push(bytes.len());
        at.sort_unstable();
        let chunks: Vec<Result<Vec<u8>, String>> =
            at.windows(2).map(|pair| Ok(bytes.get(pair[0]..pair[1]).unwrap_or_default().to_vec())).collect();
        parse_snapshot_chunks(chunks)
    }

    /// What the loader makes of the chunked parse: the whole-document path when it does not decide.
    fn chunked_or_whole(
        bytes: &[u8],
        cuts: &[prop::sample::Index],
    ) -> Result<crate::model::Snapshot, Vec<crate::problem::Problem>> {
        match chunked(bytes, cuts) {
            Chunked::Parsed(snapshot) => Ok(*snapshot),
            Chunked::WholeDocument => parse_snapshot_owned("s.json", bytes.to_vec()),
            Chunked::ReadFailed(reason) => Err(vec![crate::problem::Problem::error("s.json", "", reason)]),
        }
    }

    #[test]
    fn characters_cut_by_every_chunk_size_read_as_the_whole_document() {
        let doc = json!({"version": 1, "generated_at": "2026-11-21T00:00:00Z", "services": [{"id": "s"}],
            "slos": [], "incidents": [],
            "deployments": [{"id": "d-日本", "service": "s", "finished_at": "2026-11-20T00:00:00Z",
                "status": "succeeded", "changes": [{"id": "c-🚀é", "committed_at": "2026-11-19T00:00:00Z"}],
                "fixes_incident": null}]});
        let bytes = serde_json::to_vec(&doc).unwrap_or_default();
        let whole = parse_snapshot("s.json", &bytes).map(Box::new);
        assert!(whole.is_ok(), "{whole:?}");
        let whole = whole.ok();
        for size in 1..12 {
            let chunks = bytes.chunks(size).map(|chunk| Ok::<_, String>(chunk.to_vec()));
            assert_eq!(
                whole.clone().map(Chunked::Parsed),
                Some(parse_snapshot_chunks(chunks)),
                "chunks of {size} bytes"
            );
        }
    }

    #[test]
    fn bytes_that_are_not_utf8_go_to_the_whole_document_path() {
        let doc = br#"{"version": 1, "generated_at": "2026-11-21T00:00:00Z", "services": [{"id": "s"}],
            "deployments": [{"id": "d", "service": "s", "finished_at": "2026-11-20T00:00:00Z",
                "status": "succeeded", "changes": [], "note": "X"}]}"#;
        let mut doc = doc.to_vec();
        let marker = doc.iter_mut().find(|byte| **byte == b'X');
        assert!(marker.is_some());
        marker.into_iter().for_each(|byte| *byte = 0xff);
        for size in [3, 7, doc.len()] {
            let chunks = doc.chunks(size).map(|chunk| Ok::<_, String>(chunk.to_vec()));
            assert_eq!(parse_snapshot_chunks(chunks), Chunked::WholeDocument, "chunks of {size} bytes");
        }
        // A character cut short by the end of the document, too.
        let mut cut = serde_json::to_vec(&json!({"version": 1, "x": "日"})).unwrap_or_default();
        cut.truncate(cut.len() - 3);
        assert_eq!(parse_snapshot_chunks([Ok::<_, String>(cut)]), Chunked::WholeDocument);
    }

    #[test]
    fn bytes_after_the_document_that_are_not_utf8_go_to_the_whole_document_path() {
        let doc = json!({"version": 1, "generated_at": "2026-11-21T00:00:00Z", "services": [{"id": "s"}],
            "slos": [], "deployments": [], "incidents": []});
        let bytes = serde_json::to_vec(&doc).unwrap_or_default();
        assert!(matches!(parse_snapshot_chunks([Ok::<_, String>(bytes.clone())]), Chunked::Parsed(_)));
        for tail in [&b"\xff"[..], b" \xff", b"\n\xc3", b"\n\xe6\x97", b"\xf0\x9f\x9a", b" x\xff {"] {
            let mut document = bytes.clone();
            document.extend_from_slice(tail);
            for size in [1, 2, document.len()] {
                let chunks = document.chunks(size).map(|chunk| Ok::<_, String>(chunk.to_vec()));
                assert_eq!(parse_snapshot_chunks(chunks), Chunked::WholeDocument, "tail {tail:?} in chunks of {size}");
            }
        }
    }

    #[test]
    fn a_cut_character_is_told_by_its_first_byte() {
        use super::cut_char_length;
        for (bytes, length) in [
            (&b"ab"[..], 0),
            (b"a\xc3", 1),
            (b"a\xc3\xa9", 0),
            (b"\xe6\x97", 2),
            (b"\xe6\x97\xa5", 0),
            (b"\xf0\x9f\x9a", 3),
            (b"\xf0\x9f\x9a\x80", 0),
            (b"\x80\x80\x80", 0),
            (b"", 0),
        ] {
            assert_eq!(cut_char_length(bytes), length, "{bytes:?}");
        }
    }

    proptest! {
        #[test]
        fn chunks_parse_exactly_as_the_whole_document(
            doc in document(),
            pretty in any::<bool>(),
            cuts in proptest::collection::vec(any::<prop::sample::Index>(), 0..8),
        ) {
            let bytes = encoded(&doc, pretty)?;
            let whole = parse_snapshot("s.json", &bytes).map_err(|problems| TestCaseError::fail(format!("{problems:?}")))?;
            prop_assert_eq!(chunked(&bytes, &cuts), Chunked::Parsed(Box::new(whole)));
        }

        /// Problems, paths, lines and columns included, also when the edits break the document.
        #[test]
        fn chunks_fail_exactly_as_the_whole_document(
            doc in document(),
            pretty in any::<bool>(),
            cuts in proptest::collection::vec(any::<prop::sample::Index>(), 0..8),
            edits in sample_documents::edits(),
        ) {
            let bytes = sample_documents::edited(encoded(&doc, pretty)?, &edits);
            prop_assert_eq!(chunked_or_whole(&bytes, &cuts), parse_snapshot("s.json", &bytes));
        }
    }
}
