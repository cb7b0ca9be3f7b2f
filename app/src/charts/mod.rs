//! Charts: data -> SVG strings, pure and tested natively.
//!
//! Every chart is drawn by plotters' SVG backend, which escapes all text, so data (service names,
//! ids, labels) can never inject markup. Output is deterministic for the same input.

pub mod bar_chart;
pub mod data_table;
pub mod decimate;
pub mod diverging_bars;
pub mod dora_trend;
pub mod frame;
pub mod hover;
pub mod lane;
pub mod legend;
pub mod overlays;
pub mod palette;
pub mod sample;
pub mod scale;
pub mod sparkline;
pub mod time_chart;
pub mod time_ticks;
pub mod unit;

pub use bar_chart::{Bar, BarChart, BarHover, RenderedBars};
pub use diverging_bars::{AnswerShares, DivergingBars, DivergingRow, RenderedDiverging};
pub use frame::ChartError;
pub use hover::{HoverHit, HoverIndex};
pub use overlays::{DataGap, DeploymentMarker, GapKind, IncidentBand, Overlays, Threshold, ValueBand, ValueBands};
pub use sample::{Sample, Series};
pub use sparkline::sparkline;
pub use time_chart::{RenderedChart, Style, TimeChart};
pub use unit::Unit;
