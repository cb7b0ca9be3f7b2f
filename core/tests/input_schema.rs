#![allow(clippy::unwrap_used, clippy::expect_used)]
//! The JSON Schemas in `docs/` are the ones the Rust types generate.
//! Regenerate them with `UPDATE_SCHEMA=1 cargo test -p uptrend-core --test input_schema`.

use std::path::PathBuf;

use uptrend_core::schema::{manifest_schema_json, snapshot_schema_json};

fn check(file_name: &str, generated: &str) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../docs").join(file_name);
    if std::env::var_os("UPDATE_SCHEMA").is_some() {
        std::fs::write(&path, generated).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "docs/{file_name} differs from the schema the Rust types generate; regenerate it with \
         `UPDATE_SCHEMA=1 cargo test -p uptrend-core --test input_schema` and commit it"
    );
}

#[test]
fn the_committed_snapshot_schema_is_generated_from_the_types() {
    check("snapshot.schema.json", &snapshot_schema_json());
}

#[test]
fn the_committed_manifest_schema_is_generated_from_the_types() {
    check("manifest.schema.json", &manifest_schema_json());
}
