//! Importers: what other tools export, turned into parts of an Uptrend snapshot (format v1).
//!
//! The crate is pure like the core: it reads no files and no clock. The caller (the CLI's
//! `uptrend import <source>`) reads the files, hands their bytes here with their names, and gets back
//! an [`Imported`]: snapshot records, [`Counts`] of what was read, written and skipped, and a
//! [`Problem`] for every record that could not be used, located by file, path and line.
//!
//! # How a source plugs in
//!
//! 1. Add a module (`github/`, `openslo/`...) with a function from input bytes to an [`Imported`]:
//!    parse with [`yaml`] or `serde_json`, and for each record either push it into the [`Imported`]
//!    (`slos`, `deployments`, `incidents`) and count it `written`, or push a [`Problem`] saying where it
//!    is and why it cannot be used and count it `skipped`. Every record read is counted; nothing is
//!    dropped silently. [`Severity::Error`] is for input that is wrong (exit 1), [`Severity::Warning`]
//!    for valid input that Uptrend does not express or that is imported with a caveat.
//! 2. Name services through [`Imported::service`] with the user's [`ServiceMap`]: it maps the
//!    source's name to the Uptrend service and records the service in the snapshot's catalogue.
//! 3. Report the latest instant the input covers with [`Imported::observe`]: it is the snapshot's
//!    default `generated_at`.
//! 4. In the CLI, add a variant to the `uptrend import` subcommand enum (`cli/src/import/args.rs`)
//!    and a module that reads the files and calls the function; `cli/src/import/output.rs` does the
//!    rest for every source: the snapshot, its validation by the core, writing it, appending it to
//!    `index.json`, and printing the counts and the problems.

pub mod counts;
pub mod delivery;
pub mod duration;
pub mod imported;
pub mod openslo;
mod percent;
pub mod problem;
pub mod prometheus;
pub mod pyrra;
pub mod service_map;
pub mod slo_spec;
pub mod sloth;
mod source_file;
pub mod yaml;

pub use counts::{Count, Counts};
pub use imported::Imported;
pub use problem::{Location, Problem};
pub use service_map::ServiceMap;
pub use slo_spec::{Numerator, SloSpec};
pub use source_file::SourceFile;
pub use uptrend_core::problem::Severity;
