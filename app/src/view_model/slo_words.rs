//! An SLO in words: what its error budget means at the report instant (in events or minutes), its
//! window and budgeting, and why it has no attainment (no data versus no traffic).

use uptrend_core::display::{count_text, rounded_count_text};
pub use uptrend_core::display::{span_adjective, span_in_words, window_in_words};
use uptrend_core::model::Budgeting;
use uptrend_core::slo::{SloEvaluation, Status};

use crate::charts::unit::Unit;

/// `The window holds 2400 events so far, so the budget is 24 failed events; 10 have failed.` For
/// timeslices, in slices and minutes.
pub fn budget_in_words(evaluation: &SloEvaluation) -> String {
    let tally = &evaluation.tally;
    let allowed = rounded_count_text(evaluation.error_budget.allowed);
    match (evaluation.budgeting, evaluation.budget_time) {
        (Budgeting::Timeslices, Some(time)) => format!(
            "The window holds {} slices with data so far, so the budget is {allowed} bad slices ({} minutes); {} slices ({} minutes) were bad.",
            count_text(tally.total),
            Unit::Count.format(time.allowed_secs / 60.0),
            count_text(tally.bad),
            Unit::Count.format(time.consumed_secs / 60.0),
        ),
        _ => format!(
            "The window holds {} events so far, so the budget is {allowed} failed events; {} have failed.",
            count_text(tally.total),
            count_text(tally.bad)
        ),
    }
}

/// How the budget is counted, in words: `counted in events (occurrences)` or
/// `counted in 5-minute slices (timeslices)`.
pub fn budgeting_in_words(budgeting: Budgeting, step_secs: i64) -> String {
    match budgeting {
        Budgeting::Occurrences => "counted in events (occurrences)".to_owned(),
        Budgeting::Timeslices => format!("counted in {} slices (timeslices)", span_adjective(step_secs)),
    }
}

/// Why an SLO without attainment has none, in words that tell no data from no traffic; `None` for an
/// SLO with traffic.
pub fn missing_attainment_in_words(evaluation: &SloEvaluation) -> Option<String> {
    let window = span_in_words(evaluation.window.length_secs);
    match evaluation.status {
        Status::NoData => Some(format!(
            "No data: the exporter sent nothing (or only nulls) for the whole window ({window}), so attainment and budget are unknown."
        )),
        Status::NoTraffic => Some(format!(
            "No traffic: the exporter reported zero events for the whole window ({window}), so nothing could fail and there is no budget to spend."
        )),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn budgeting_reads_as_words() {
        assert_eq!(budgeting_in_words(Budgeting::Timeslices, 300), "counted in 5-minute slices (timeslices)");
    }
}
