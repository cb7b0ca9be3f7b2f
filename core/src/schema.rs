//! JSON Schemas of the input files, generated from the Rust types so they cannot drift from what the
//! parser accepts. Shipped as `docs/snapshot.schema.json` and `docs/manifest.schema.json`.
//!
//! The schemas describe structure and ranges; rules across fields (good ≤ total, ids unique,
//! references) are only checked by [`crate::validate`].

use schemars::generate::SchemaSettings;
use schemars::JsonSchema;

use crate::model::{Manifest, Snapshot};

/// The JSON Schema (2020-12) of a snapshot file, pretty-printed with a final newline.
pub fn snapshot_schema_json() -> String {
    schema_json::<Snapshot>()
}

/// The JSON Schema (2020-12) of the manifest, pretty-printed with a final newline.
pub fn manifest_schema_json() -> String {
    schema_json::<Manifest>()
}

fn schema_json<T: JsonSchema>() -> String {
    let schema = SchemaSettings::draft2020_12().for_deserialize().into_generator().into_root_schema_for::<T>();
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}
