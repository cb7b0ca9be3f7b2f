//! The join across the three disciplines, per capability: DORA figures and SLO standing of the
//! services on the capability against those off it (over the DORA window), and of the adopters
//! before against after adopting it. A comparison, not a cause.

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::group::{figures, GroupFigures, Member};
use super::usage::{complement, intersection, Usage};
use crate::dora::DeliveryFacts;
use crate::period::Period;
use crate::time::Span;

/// Said next to every comparison, in the report and wherever it is shown.
pub const COMPARISON_CAVEAT: &str = "A comparison, not a cause: adopters differ from non-adopters in more than the \
     capability (team, age, kind of service), and before/after also spans whatever else changed at the time.";

/// One capability's comparisons.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CapabilityComparison {
    /// Services while on the capability, over the DORA window (a deployment counts when its service
    /// used the capability when it finished).
    pub adopters: GroupFigures,
    /// Services in the catalogue while off the capability, over the DORA window.
    pub non_adopters: GroupFigures,
    /// Each adoption's equally long period just before it (SLOs evaluated at `adopted_at`).
    pub before: GroupFigures,
    /// Each adoption's first days on the capability, up to the DORA window's length (SLOs evaluated
    /// at the period's end).
    pub after: GroupFigures,
    /// Adoptions with a period on both sides.
    pub adoptions_compared: u64,
}

/// The comparisons of `capability` (`None`: any capability) at `usage.as_of`.
pub(crate) fn compare(
    facts: &DeliveryFacts<'_>,
    usage: &Usage,
    capability: Option<&str>,
    window: Period,
    window_length: Span,
) -> CapabilityComparison {
    let as_of = usage.as_of;
    let mut adopters = Vec::new();
    let mut non_adopters = Vec::new();
    let mut before = Vec::new();
    let mut after = Vec::new();
    let mut adoptions_compared = 0;
    let data_start = facts.deployments().first().and_then(|d| facts.deployment(d)).map(|d| d.finished_at);
    for service in 0..usage.services() {
        let used = usage.periods(capability, service);
        let present = Period {
            start: usage.present_from(service).map_or(window.start, |from| from.max(window.start)),
            end: window.end,
        };
        let on: Vec<Period> = used.iter().filter_map(|period| intersection(*period, present)).collect();
        let off = if present.start < present.end { complement(present, used) } else { Vec::new() };
        let now_on = usage.in_use_at(capability, service, as_of);
        adopters.push(Member { service, periods: on, slo_instants: if now_on { vec![as_of] } else { Vec::new() } });
        let present_now = usage.present_at(service, as_of);
        let slo_off = if present_now && !now_on { vec![as_of] } else { Vec::new() };
        non_adopters.push(Member { service, periods: off, slo_instants: slo_off });

        let mut service_before = Member { service, ..Member::default() };
        let mut service_after = Member { service, ..Member::default() };
        let mut previous_end: Option<DateTime<Utc>> = None;
        for period in used {
            let after_end = period
                .start
                .checked_add_signed(window_length.to_chrono())
                .map_or(period.end, |end| end.min(period.end));
            let length = after_end.signed_duration_since(period.start);
            let earliest = period.start.checked_sub_signed(length).unwrap_or(DateTime::<Utc>::MIN_UTC);
            let floor = [previous_end, usage.present_from(service), data_start].into_iter().flatten().max();
            let before_start = floor.map_or(earliest, |floor| floor.max(earliest));
            previous_end = Some(period.end);
            if before_start >= period.start || after_end <= period.start {
                continue;
            }
            adoptions_compared += 1;
            service_before.periods.push(Period { start: before_start, end: period.start });
            service_before.slo_instants.push(period.start);
            service_after.periods.push(Period { start: period.start, end: after_end });
            service_after.slo_instants.push(after_end);
        }
        before.push(service_before);
        after.push(service_after);
    }
    CapabilityComparison {
        adopters: figures(facts, &adopters),
        non_adopters: figures(facts, &non_adopters),
        before: figures(facts, &before),
        after: figures(facts, &after),
        adoptions_compared,
    }
}
