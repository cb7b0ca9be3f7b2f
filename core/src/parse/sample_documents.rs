//! Proptest strategies for snapshot-shaped JSON, shared by the agreement tests of the parse paths
//! (in place, lifted, chunked): each checks its path against the plain serde parse on the same documents.

use proptest::prelude::*;
use serde_json::{json, Value};

/// An SLO record with random count columns (missing counts, any `u64`), and sometimes decoys that look
/// like count columns in an unknown member and inside `sli`.
pub(crate) fn slo() -> impl Strategy<Value = Value> {
    let count = proptest::option::of(prop_oneof![0_u64..10_000, any::<u64>()]);
    let column = proptest::collection::vec(count, 0..6);
    (column.clone(), column, any::<bool>()).prop_map(|(good, total, decoy)| {
        let mut slo = json!({
            "id": "a", "service": "s", "objective": 0.99, "window": "7d", "budgeting": "occurrences",
            "sli": {"start": "2026-11-01T00:00:00Z", "step": "5m", "good": good, "total": total}
        });
        if decoy {
            slo["x"] = json!({"sli": {"good": [1, 2], "total": "no"}, "good": [3]});
            slo["sli"]["y"] = json!([{"good": [4]}, "a,b", "\"}]"]);
        }
        slo
    })
}

/// `doc` as JSON bytes, pretty-printed or compact.
pub(crate) fn encoded(doc: &Value, pretty: bool) -> Result<Vec<u8>, TestCaseError> {
    let bytes = if pretty { serde_json::to_vec_pretty(doc) } else { serde_json::to_vec(doc) };
    bytes.map_err(|err| TestCaseError::fail(err.to_string()))
}

/// A few bytes to overwrite, at random places, with bytes that matter to JSON: the documents they
/// break must fail on every parse path with the same problems.
pub(crate) fn edits() -> impl Strategy<Value = Vec<(prop::sample::Index, u8)>> {
    proptest::collection::vec(
        (any::<prop::sample::Index>(), prop::sample::select(b"0123456789-.eE+ ,[]{}\"\\:nul\n".to_vec())),
        1..4,
    )
}

/// `bytes` with `edits` applied.
pub(crate) fn edited(mut bytes: Vec<u8>, edits: &[(prop::sample::Index, u8)]) -> Vec<u8> {
    for (index, byte) in edits {
        let at = index.index(bytes.len());
        bytes[at] = *byte;
    }
    bytes
}
