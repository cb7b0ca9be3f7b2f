//! What the pages show, computed from the loaded data: plain values, tested natively. The metrics
//! themselves come from `uptrend_core`; these modules only select, join names and lay out.

pub mod coverage;
pub mod dora_view;
pub mod evaluations;
pub mod events;
pub mod join_rows;
pub mod platform_view;
pub mod report_model;
pub mod slo_charts;
pub mod slo_table;
pub mod slo_words;
pub mod traffic;
