//! An SLO in words: what its error budget means at the report instant (in events or minutes), its
//! window and budgeting, and why it has no attainment (no data versus no traffic).

use uptrend_core::model::Budgeting;
use uptrend_core::slo::{SloEvaluation, Status};
use uptrend_core::time::{CalendarPeriod, Window};

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

/// `28 days rolling`, `6 hours rolling`, `calendar quarter`: the window as a reader says it.
pub fn window_in_words(window: Window) -> String {
    match window {
        Window::Rolling(span) => format!("{} rolling", span_in_words(span.secs())),
        Window::Calendar(CalendarPeriod::Week) => "calendar week".to_owned(),
        Window::Calendar(CalendarPeriod::Month) => "calendar month".to_owned(),
        Window::Calendar(CalendarPeriod::Quarter) => "calendar quarter".to_owned(),
    }
}

/// `28 days`, `1 hour`, `90 minutes`: a whole number of the largest unit that divides it.
pub fn span_in_words(secs: i64) -> String {
    let (amount, unit) = span_parts(secs);
    let plural = if amount == 1 { "" } else { "s" };
    format!("{amount} {unit}{plural}")
}

/// `5-minute`, `1-hour`: a span before a noun.
pub fn span_adjective(secs: i64) -> String {
    let (amount, unit) = span_parts(secs);
    format!("{amount}-{unit}")
}

fn span_parts(secs: i64) -> (i64, &'static str) {
    if secs % 86_400 == 0 {
        (secs / 86_400, "day")
    } else if secs % 3_600 == 0 {
        (secs / 3_600, "hour")
    } else if secs % 60 == 0 {
        (secs / 60, "minute")
    } else {
        (secs, "second")
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
    fn windows_read_as_words() {
        let window = |text: &str| window_in_words(text.parse().unwrap_or(Window::Calendar(CalendarPeriod::Week)));
        assert_eq!(window("28d"), "28 days rolling");
        assert_eq!(window("1d"), "1 day rolling");
        assert_eq!(window("6h"), "6 hours rolling");
        assert_eq!(window("calendar:quarter"), "calendar quarter");
        assert_eq!(span_in_words(300), "5 minutes");
        assert_eq!(budgeting_in_words(Budgeting::Timeslices, 300), "counted in 5-minute slices (timeslices)");
    }
}
