//! When the error budget runs out if the current 1-day burn rate holds.

use chrono::{DateTime, TimeDelta, Utc};
use serde::Serialize;

use crate::model::SloData;
use crate::slo::error::SloError;
use crate::slo::evaluate::evaluate;
use crate::slo::range::TimeRange;
use crate::slo::series::burn_down::burn_down;
use crate::slo::window::ResolvedWindow;
use crate::time::Window;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Forecast {
    /// No traffic in the window, so no budget to run out.
    NoBudget,
    /// The budget is already used up (remaining <= 0): since the end of the first bucket where it was.
    Spent { since: DateTime<Utc> },
    /// At the current 1-day burn rate, the budget reaches 0 at this instant, before the window's horizon.
    ExhaustsAt { at: DateTime<Utc> },
    /// The budget lasts past the horizon at the current 1-day burn rate (or nothing burns).
    NotWithinWindow,
}

/// When the `remaining` share of the budget reaches 0 if the 1-day burn rate BR holds and traffic keeps the
/// window's average rate (see `docs/metrics.md`, "Exhaustion forecast"):
/// - rolling window W: the budget is fixed by the window length, so it is spent over `W / BR` and the
///   `remaining` share lasts `remaining * W / BR` after `end`;
/// - calendar window: the budget `(1 - objective) * total` grows with the traffic, so after `elapsed =
///   end - start` it lasts `remaining * elapsed / (BR - 1)` when BR > 1 and never runs out when BR <= 1.
///
/// The horizon is the calendar period's end, or `end + W` for a rolling window.
pub fn exhaustion_forecast(slo: &SloData, as_of: DateTime<Utc>) -> Result<Forecast, SloError> {
    let evaluation = evaluate(slo, as_of)?;
    let window = evaluation.window;
    let Some(remaining) = evaluation.error_budget.remaining_ratio else { return Ok(Forecast::NoBudget) };
    if remaining <= 0.0 {
        let whole_window = TimeRange { start: window.start, end: window.end };
        let since = burn_down(slo, as_of, whole_window)?
            .iter()
            .find(|point| point.remaining_ratio <= 0.0)
            .map_or(window.end, |point| point.at);
        return Ok(Forecast::Spent { since });
    }
    let Some(rate) = evaluation.burn_rates.day1.filter(|rate| *rate > 0.0) else {
        return Ok(Forecast::NotWithinWindow);
    };
    let Some(seconds_left) = seconds_until_spent(slo.definition.window, &window, remaining, rate) else {
        return Ok(Forecast::NotWithinWindow);
    };
    let horizon_secs = (window.horizon - window.end).num_seconds() as f64;
    if seconds_left > horizon_secs {
        return Ok(Forecast::NotWithinWindow);
    }
    // `seconds_left` is now within [0, horizon], so it converts exactly.
    let at = window.end + TimeDelta::seconds(seconds_left as i64);
    Ok(Forecast::ExhaustsAt { at })
}

/// Seconds after `end` until the budget is spent, rounded to the nearest second (the inputs are
/// floating-point ratios: rounding up would turn 1e-9 s of noise into a whole second); `None` when it
/// never is. `remaining` and `rate` are positive.
fn seconds_until_spent(window_kind: Window, window: &ResolvedWindow, remaining: f64, rate: f64) -> Option<f64> {
    let seconds = match window_kind {
        Window::Rolling(_) => remaining * window.length_secs as f64 / rate,
        Window::Calendar(_) => {
            // bad + BR(1 - o) r D = (1 - o)(total + r D) with r = total / elapsed gives
            // D = remaining * elapsed / (BR - 1).
            if rate <= 1.0 {
                return None;
            }
            let elapsed_secs = (window.end - window.start).num_seconds() as f64;
            remaining * elapsed_secs / (rate - 1.0)
        }
    };
    Some(seconds.round())
}
