//! Uptrend's importers: bytes that other tools print in, snapshot parts and located problems out.
//!
//! The crate is pure like the core: no files, no network, no clock. The CLI reads the files, calls an
//! importer, validates the assembled snapshot with the core and writes it.

pub mod delivery;
