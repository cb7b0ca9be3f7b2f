//! What an SLO's error budget means at the report instant, in events or in minutes.

use uptrend_core::model::Budgeting;
use uptrend_core::slo::SloEvaluation;

use crate::charts::unit::Unit;

/// `The window holds 2400 events so far, so the budget is 24 failed events; 10 have failed.` For
/// timeslices, in slices and minutes.
pub fn budget_in_words(evaluation: &SloEvaluation) -> String {
    let tally = &evaluation.tally;
    let allowed = Unit::Count.format(evaluation.error_budget.allowed);
    match (evaluation.budgeting, evaluation.budget_time) {
        (Budgeting::Timeslices, Some(time)) => format!(
            "The window holds {} slices with data so far, so the budget is {allowed} bad slices ({} minutes); {} slices ({} minutes) were bad.",
            tally.total,
            Unit::Count.format(time.allowed_secs / 60.0),
            tally.bad,
            Unit::Count.format(time.consumed_secs / 60.0),
        ),
        _ => format!(
            "The window holds {} events so far, so the budget is {allowed} failed events; {} have failed.",
            tally.total, tally.bad
        ),
    }
}
