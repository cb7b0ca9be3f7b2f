//! The SRE Workbook's multiwindow, multi-burn-rate alert (ch. 5, "budget percentages" variant).

use serde::Serialize;

use crate::slo::burn::{BurnRates, Lookback};

/// The alert an SLO's burn rates raise.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Alert {
    None,
    Ticket,
    Page,
}

/// One alert condition: both burn rates must exceed the threshold of spending `budget_share` of the
/// budget within the long lookback.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AlertRule {
    pub alert: Alert,
    pub budget_share: f64,
    pub long: Lookback,
    pub short: Lookback,
}

/// Page on 2% of the budget in 1h or 5% in 6h; ticket on 10% in 1d or 10% in 3d.
pub const ALERT_RULES: [AlertRule; 4] = [
    AlertRule { alert: Alert::Page, budget_share: 0.02, long: Lookback::Hour1, short: Lookback::Minutes5 },
    AlertRule { alert: Alert::Page, budget_share: 0.05, long: Lookback::Hours6, short: Lookback::Minutes30 },
    AlertRule { alert: Alert::Ticket, budget_share: 0.10, long: Lookback::Day1, short: Lookback::Hours2 },
    AlertRule { alert: Alert::Ticket, budget_share: 0.10, long: Lookback::Days3, short: Lookback::Hours6 },
];

impl AlertRule {
    /// `f(p, L) = p * window_length / L`: the burn rate that spends share `p` of the budget in `L`.
    pub fn threshold(&self, window_length_secs: i64) -> f64 {
        self.budget_share * window_length_secs as f64 / self.long.secs() as f64
    }

    /// Fires when both burn rates exceed the threshold strictly; a missing burn rate never fires.
    pub fn fires(&self, rates: &BurnRates, window_length_secs: i64) -> bool {
        let threshold = self.threshold(window_length_secs);
        let above = |lookback| rates.get(lookback).is_some_and(|rate| rate > threshold);
        above(self.long) && above(self.short)
    }
}

/// The most severe alert any rule raises.
pub fn alert_for(rates: &BurnRates, window_length_secs: i64) -> Alert {
    ALERT_RULES
        .iter()
        .filter(|rule| rule.fires(rates, window_length_secs))
        .map(|rule| rule.alert)
        .max()
        .unwrap_or(Alert::None)
}

#[cfg(test)]
mod tests {
    use super::*;

    const DAYS_30: i64 = 30 * 86_400;

    #[test]
    fn thirty_days_gives_the_workbook_thresholds() {
        let thresholds: Vec<f64> = ALERT_RULES.iter().map(|rule| rule.threshold(DAYS_30)).collect();
        for (got, want) in thresholds.iter().zip([14.4, 6.0, 3.0, 1.0]) {
            assert!((got - want).abs() < 1e-12, "{got} != {want}");
        }
    }

    #[test]
    fn a_missing_short_rate_never_fires() {
        let rates = BurnRates { hour1: Some(100.0), ..BurnRates::default() };
        assert_eq!(alert_for(&rates, DAYS_30), Alert::None);
    }

    #[test]
    fn page_wins_over_ticket() {
        let everything = Some(1_000.0);
        let rates = BurnRates {
            minutes5: everything,
            minutes30: everything,
            hour1: everything,
            hours2: everything,
            hours6: everything,
            day1: everything,
            days3: everything,
        };
        assert_eq!(alert_for(&rates, DAYS_30), Alert::Page);
    }
}
