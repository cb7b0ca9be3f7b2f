//! Uptrend's core: every number in the report, computed from snapshot bytes.
//!
//! The crate is pure: it reads no files, no network and no clock. Callers (the browser app, the
//! CLI) hand it bytes and a report instant `as_of`; the data flows one way:
//! bytes -> [`parse`] -> [`validate`] -> [`merge`] -> [`slo`] / [`dora`] / [`join`] / [`platform`] -> [`report`].

pub mod display;
pub mod dora;
pub mod elapsed;
mod findings;
pub mod join;
pub mod load;
pub mod merge;
pub mod model;
pub mod pack;
pub mod parse;
pub mod period;
pub mod platform;
pub mod problem;
pub mod report;
pub mod schema;
pub mod slo;
pub mod sort;
pub mod stats;
pub mod time;
pub mod validate;
