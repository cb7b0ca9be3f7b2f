//! What the pages show, computed from the loaded data: plain values, tested natively. The metrics
//! themselves come from `uptrend_core`; these modules only select, join names and lay out.

pub mod coverage;
pub mod data_gaps;
pub mod delivery_basis;
pub mod dora_trends;
pub mod dora_view;
pub mod dora_window;
pub mod drill_rows;
pub mod evaluations;
pub mod events;
pub mod join_rows;
pub mod platform_view;
pub mod problem_summary;
pub mod report_model;
pub mod slo_charts;
pub mod slo_table;
pub mod slo_words;
pub mod traffic;
pub mod window_cache;
