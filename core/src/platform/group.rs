//! DORA figures and SLO standing of a group of services over per-service periods (the adopters of a
//! capability, its non-adopters, the adopters before and after adoption), computed with the DORA and
//! SLO engines' own definitions: change failures and first deliveries come from [`DeliveryFacts`],
//! the lead-time summary and change fail rate from [`crate::dora`], the budget from [`crate::slo::evaluate`].

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::dora::change_failure::change_failure_rate;
use crate::dora::lead_time::LeadTimeSummary;
use crate::dora::DeliveryFacts;
use crate::period::Period;
use crate::slo;
use crate::stats;

const SECS_PER_DAY: f64 = 86_400.0;

/// One group's delivery and reliability; `n` is on every figure (deployments, changes, SLOs).
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct GroupFigures {
    /// Services with a period in the group.
    pub services: u64,
    /// The total length of those periods, in days.
    pub service_days: f64,
    /// Production deployments finished inside the periods.
    pub deployments: u64,
    /// `deployments / service_days`: deployment frequency per service; `None` without service days.
    pub deployments_per_service_day: Option<f64>,
    /// Changes first delivered by those deployments.
    pub lead_time_seconds: LeadTimeSummary,
    pub change_failures: u64,
    /// Distinct change-failure deployments / deployments; `None` without deployments.
    pub change_failure_rate: Option<f64>,
    pub budget_remaining: BudgetStanding,
}

/// The error budget remaining of a set of SLO evaluations.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct BudgetStanding {
    /// The median remaining budget ratio (1: untouched, 0: spent, below 0: overspent); `None` when n = 0.
    pub median: Option<f64>,
    /// SLOs evaluated with a defined budget.
    pub n: u64,
}

/// One service's periods in a group, and the instants its SLOs are evaluated at.
#[derive(Debug, Clone, Default)]
pub(crate) struct Member {
    pub service: usize,
    pub periods: Vec<Period>,
    pub slo_instants: Vec<DateTime<Utc>>,
}

/// The figures of the group made of `members` (each service at most once).
pub(crate) fn figures(facts: &DeliveryFacts<'_>, members: &[Member]) -> GroupFigures {
    let mut by_service: Vec<Option<&Member>> = vec![None; facts.scopes().services().len()];
    for member in members {
        if let Some(slot) = by_service.get_mut(member.service) {
            *slot = Some(member);
        }
    }
    let in_group = |service: Option<usize>, at: DateTime<Utc>| {
        let member = service.and_then(|service| by_service.get(service).copied().flatten());
        member.is_some_and(|member| member.periods.iter().any(|period| period.contains(at)))
    };
    let mut deployments: u64 = 0;
    let mut change_failures: u64 = 0;
    let mut lead_anomalies: u64 = 0;
    let mut in_group_by_position = Vec::with_capacity(facts.deployments().len());
    for deployment in facts.deployments() {
        let member = in_group(deployment.service, deployment.finished_at);
        in_group_by_position.push(member);
        if member {
            deployments += 1;
            change_failures += u64::from(deployment.change_failure);
            lead_anomalies += deployment.lead_anomalies;
        }
    }
    let mut lead_secs: Vec<i64> = facts
        .first_deliveries()
        .iter()
        .filter(|delivery| delivery.lead_secs >= 0)
        .filter(|delivery| {
            usize::try_from(delivery.position).ok().and_then(|p| in_group_by_position.get(p)) == Some(&true)
        })
        .map(|delivery| delivery.lead_secs)
        .collect();
    lead_secs.sort_unstable();

    let service_secs: i64 = members
        .iter()
        .flat_map(|member| &member.periods)
        .map(|period| period.end.signed_duration_since(period.start).num_seconds().max(0))
        .fold(0_i64, i64::saturating_add);
    let service_days = service_secs as f64 / SECS_PER_DAY;
    let services = members.iter().filter(|member| !member.periods.is_empty()).count() as u64;
    GroupFigures {
        services,
        service_days,
        deployments,
        deployments_per_service_day: (service_secs > 0).then(|| deployments as f64 / service_days),
        lead_time_seconds: LeadTimeSummary::from_sorted(&lead_secs, lead_anomalies),
        change_failures,
        change_failure_rate: change_failure_rate(change_failures, deployments),
        budget_remaining: standing(facts, members),
    }
}

/// The remaining budget of each SLO of each member's service at each of its instants.
fn standing(facts: &DeliveryFacts<'_>, members: &[Member]) -> BudgetStanding {
    let services = facts.scopes().services();
    let mut remaining: Vec<f64> = Vec::new();
    for member in members {
        let Some(service) = services.get(member.service) else { continue };
        for slo in facts.dataset().slos.iter().filter(|slo| &slo.definition.service == service) {
            for at in &member.slo_instants {
                if let Some(ratio) = slo::evaluate(slo, *at).ok().and_then(|e| e.error_budget.remaining_ratio) {
                    remaining.push(ratio);
                }
            }
        }
    }
    remaining.retain(|ratio| ratio.is_finite());
    crate::sort::sort_stable_by(&mut remaining, f64::total_cmp);
    BudgetStanding { median: stats::quantile_f64(&remaining, 0.5), n: remaining.len() as u64 }
}
