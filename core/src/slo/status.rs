//! The one-word status of an SLO at the report instant.

use serde::Serialize;

use crate::slo::alert::Alert;

/// Below this share of remaining budget an SLO is at risk.
pub const AT_RISK_REMAINING_RATIO: f64 = 0.25;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// No data in the window (every bucket missing or null): attainment is undefined.
    NoData,
    /// Data in the window, but no traffic (every bucket with data has total 0): attainment is undefined.
    NoTraffic,
    /// The error budget is overspent (remaining < 0).
    Breached,
    /// An alert fires, or less than a quarter of the budget remains.
    AtRisk,
    Healthy,
}

impl Status {
    /// The status of a window that has data in some bucket (`has_data`), with its attainment,
    /// remaining budget and alert.
    pub fn of(has_data: bool, attainment: Option<f64>, remaining_ratio: Option<f64>, alert: Alert) -> Status {
        match (attainment, remaining_ratio) {
            (None, _) if !has_data => Status::NoData,
            (None, _) => Status::NoTraffic,
            (_, Some(remaining)) if remaining < 0.0 => Status::Breached,
            _ if alert != Alert::None => Status::AtRisk,
            (_, Some(remaining)) if remaining < AT_RISK_REMAINING_RATIO => Status::AtRisk,
            _ => Status::Healthy,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_follow_their_precedence() {
        assert_eq!(Status::of(false, None, None, Alert::Page), Status::NoData);
        assert_eq!(Status::of(true, None, None, Alert::None), Status::NoTraffic);
        assert_eq!(Status::of(true, Some(0.9), Some(-0.1), Alert::None), Status::Breached);
        assert_eq!(Status::of(true, Some(0.9), Some(0.9), Alert::Ticket), Status::AtRisk);
        assert_eq!(Status::of(true, Some(0.9), Some(0.2499), Alert::None), Status::AtRisk);
        assert_eq!(Status::of(true, Some(0.9), Some(0.25), Alert::None), Status::Healthy);
    }
}
