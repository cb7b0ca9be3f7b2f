//! One SLO at one report instant: window, counts, attainment, budget, burn rates, alert and status.

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::model::{Budgeting, SloData};
use crate::slo::alert::{alert_for, Alert};
use crate::slo::budget::{BudgetTime, ErrorBudget};
use crate::slo::burn::{burn_rate, BurnRates, Lookback};
use crate::slo::counts::{suffix_sums, BucketSum, Tally, Units};
use crate::slo::error::SloError;
use crate::slo::grid::Grid;
use crate::slo::status::Status;
use crate::slo::window::ResolvedWindow;

/// Everything the report says about one SLO at `as_of`. Counts are events for occurrences budgeting and
/// slices for timeslices budgeting.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SloEvaluation {
    pub as_of: DateTime<Utc>,
    pub budgeting: Budgeting,
    pub window: ResolvedWindow,
    /// Buckets with data / buckets in the window, in [0, 1].
    pub coverage: f64,
    #[serde(flatten)]
    pub tally: Tally,
    /// `good / total`; `None` without traffic.
    pub attainment: Option<f64>,
    pub error_budget: ErrorBudget,
    /// The budget in time, for timeslices budgeting only.
    pub budget_time: Option<BudgetTime>,
    pub burn_rates: BurnRates,
    pub alert: Alert,
    pub status: Status,
}

/// Evaluates `slo` at `as_of` in one pass over the window's buckets (and the 3-day lookback, if longer).
pub fn evaluate(slo: &SloData, as_of: DateTime<Utc>) -> Result<SloEvaluation, SloError> {
    let plan = EvaluationPlan::new(slo, as_of)?;
    let sums = suffix_sums(&slo.series, plan.units, plan.window.end_index, plan.lengths);
    plan.assemble(slo, as_of, sums)
}

/// The window is sum 0; lookback `Lookback::ALL[i]` is sum `i + 1`.
pub(crate) const SUMS: usize = 1 + Lookback::ALL.len();

/// What an evaluation sums: the window and each lookback, as bucket counts ending at the window's end.
#[derive(Debug, Clone, Copy)]
pub(crate) struct EvaluationPlan {
    pub units: Units,
    pub window: ResolvedWindow,
    pub lengths: [u64; SUMS],
}

impl EvaluationPlan {
    pub fn new(slo: &SloData, as_of: DateTime<Utc>) -> Result<EvaluationPlan, SloError> {
        let units = Units::of(&slo.definition)?;
        let grid = Grid::of(&slo.series);
        let window = ResolvedWindow::at(slo.definition.window, grid, as_of)
            .ok_or_else(|| SloError::TimeOutOfRange { slo: slo.definition.id.clone() })?;
        let mut lengths = [window.buckets; SUMS];
        for (length, lookback) in lengths[1..].iter_mut().zip(Lookback::ALL) {
            *length = lookback.buckets(grid.step_secs());
        }
        Ok(EvaluationPlan { units, window, lengths })
    }

    pub fn assemble(
        &self,
        slo: &SloData,
        as_of: DateTime<Utc>,
        sums: [BucketSum; SUMS],
    ) -> Result<SloEvaluation, SloError> {
        let definition = &slo.definition;
        let tally = sums[0].tally(&definition.id)?;
        let mut burn_rates = BurnRates::default();
        for (sum, lookback) in sums[1..].iter().zip(Lookback::ALL) {
            burn_rates.set(lookback, burn_rate(&sum.tally(&definition.id)?, definition.objective));
        }
        let attainment = (tally.total > 0).then(|| tally.good as f64 / tally.total as f64);
        let error_budget = ErrorBudget::of(&tally, definition.objective);
        let budget_time = matches!(self.units, Units::Slices { .. })
            .then(|| BudgetTime::of(&error_budget, &tally, slo.series.step.secs()));
        let alert = alert_for(&burn_rates, self.window.length_secs);
        Ok(SloEvaluation {
            as_of,
            budgeting: definition.budgeting,
            window: self.window,
            coverage: tally.data_buckets as f64 / self.window.buckets as f64,
            tally,
            attainment,
            error_budget,
            budget_time,
            burn_rates,
            alert,
            status: Status::of(tally.data_buckets > 0, attainment, error_budget.remaining_ratio, alert),
        })
    }
}
