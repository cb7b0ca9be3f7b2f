//! The error budget: how many bad events (or slices) the objective allows, and how much of it is used.

use serde::Serialize;

use crate::slo::counts::Tally;

/// Error budget of a window. `allowed = (1 - objective) * total`; `consumed = bad / allowed`;
/// `remaining = 1 - consumed` (negative when overspent). Ratios are `None` when `allowed` is 0.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ErrorBudget {
    /// Bad events (or slices) the objective allows over the window's traffic so far.
    pub allowed: f64,
    pub consumed_ratio: Option<f64>,
    pub remaining_ratio: Option<f64>,
}

impl ErrorBudget {
    pub fn of(tally: &Tally, objective: f64) -> ErrorBudget {
        let allowed = (1.0 - objective) * tally.total as f64;
        let consumed_ratio = (allowed > 0.0).then(|| tally.bad as f64 / allowed);
        ErrorBudget { allowed, consumed_ratio, remaining_ratio: consumed_ratio.map(|consumed| 1.0 - consumed) }
    }
}

/// A timeslice budget as time: each slice lasts one step, so `allowed_secs = allowed slices * step`,
/// `consumed_secs = bad slices * step`, `remaining_secs = allowed_secs - consumed_secs`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct BudgetTime {
    pub allowed_secs: f64,
    pub consumed_secs: f64,
    pub remaining_secs: f64,
}

impl BudgetTime {
    pub fn of(budget: &ErrorBudget, tally: &Tally, step_secs: i64) -> BudgetTime {
        let allowed_secs = budget.allowed * step_secs as f64;
        let consumed_secs = tally.bad as f64 * step_secs as f64;
        BudgetTime { allowed_secs, consumed_secs, remaining_secs: allowed_secs - consumed_secs }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_budget_spent_twice_over_has_negative_remaining() {
        // allowed = (1 - 0.99) * 1000 = 10; 20 bad -> consumed 2, remaining -1.
        let tally = Tally { data_buckets: 1, good: 980, bad: 20, total: 1000 };
        let budget = ErrorBudget::of(&tally, 0.99);
        assert!((budget.allowed - 10.0).abs() < 1e-9);
        assert!((budget.consumed_ratio.unwrap() - 2.0).abs() < 1e-9);
        assert!((budget.remaining_ratio.unwrap() + 1.0).abs() < 1e-9);
    }

    #[test]
    fn no_traffic_gives_no_budget_ratios() {
        let budget = ErrorBudget::of(&Tally::default(), 0.999);
        assert_eq!((budget.allowed, budget.consumed_ratio, budget.remaining_ratio), (0.0, None, None));
    }

    #[test]
    fn slice_budgets_convert_to_time_by_the_step() {
        // 1000 slices of 5 min at 0.99: 10 allowed slices = 3000 s; 4 bad = 1200 s; 1800 s left.
        let tally = Tally { data_buckets: 1000, good: 996, bad: 4, total: 1000 };
        let time = BudgetTime::of(&ErrorBudget::of(&tally, 0.99), &tally, 300);
        assert!((time.allowed_secs - 3_000.0).abs() < 1e-6);
        assert_eq!(time.consumed_secs, 1_200.0);
        assert!((time.remaining_secs - 1_800.0).abs() < 1e-6);
    }
}
