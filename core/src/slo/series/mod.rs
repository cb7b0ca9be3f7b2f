//! Series for the charts of one SLO, over a caller-given [`crate::slo::TimeRange`]. Every series stops at
//! the report instant's `end` (later buckets are not known at `as_of`) and has points only where the SLI
//! has buckets, so no range, however long, costs more than the data.

mod burn_down;
mod burn_rate;
mod daily;
mod forecast;

pub use burn_down::{burn_down, BudgetPoint};
pub use burn_rate::{burn_rate_series, BurnRatePoint};
pub use daily::{attainment_per_day, DailyAttainment};
pub use forecast::{exhaustion_forecast, Forecast};
