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
