//! The SLO engine: for each SLO at a report instant `as_of`, its window, counts, attainment, error
//! budget, burn rates, alert and status, and the series its charts draw. Definitions: `docs/metrics.md`.
//!
//! [`evaluate`] makes one pass over the window; [`SloIndex`] builds prefix sums once for evaluations at
//! many instants and counts between two instants.

mod alert;
mod budget;
mod burn;
mod calendar;
mod counts;
mod error;
mod evaluate;
mod grid;
mod index;
mod range;
pub mod series;
mod status;
mod triage;
mod window;

pub use alert::{alert_for, Alert, AlertRule, ALERT_RULES};
pub use budget::{BudgetTime, ErrorBudget};
pub use burn::{burn_rate, BurnRates, Lookback};
pub use calendar::period_containing;
pub use counts::{Tally, Units};
pub use error::SloError;
pub use evaluate::{evaluate, SloEvaluation};
pub use grid::Grid;
pub use index::{SloIndex, WindowProbe};
pub use range::TimeRange;
pub use status::{Status, AT_RISK_REMAINING_RATIO};
pub use triage::{severity_order, Triage, TriageCounts};
pub use window::ResolvedWindow;
