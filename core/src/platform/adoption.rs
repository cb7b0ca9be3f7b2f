//! Adoption rate: services using a capability (or any capability) at an instant over the services
//! in the catalogue at that instant, at `as_of` and at the end of every calendar month.

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::usage::Usage;
use crate::dora::trends::{buckets, Granularity};
use crate::dora::Scopes;

/// Adopters over services at one instant.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AdoptionRate {
    pub adopters: u64,
    /// Services in the catalogue at the instant (the denominator, n).
    pub services: u64,
    /// `adopters / services`; `None` without services.
    pub rate: Option<f64>,
}

/// The adoption rate at the end of one calendar month (UTC), or at `as_of` for the current month.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MonthlyAdoption {
    /// `"2026-11"`.
    pub label: String,
    /// The instant the rate is taken at.
    pub at: DateTime<Utc>,
    #[serde(flatten)]
    pub rate: AdoptionRate,
}

/// The rate of `capability` (`None`: any) at `t`, and the adopting services' ids.
pub(crate) fn rate_at(
    usage: &Usage,
    scopes: &Scopes,
    capability: Option<&str>,
    t: DateTime<Utc>,
) -> (AdoptionRate, Vec<String>) {
    let mut services = 0_u64;
    let mut adopting = Vec::new();
    for (index, id) in scopes.services().iter().enumerate() {
        if !usage.present_at(index, t) {
            continue;
        }
        services += 1;
        if usage.in_use_at(capability, index, t) {
            adopting.push(id.clone());
        }
    }
    let adopters = adopting.len() as u64;
    (AdoptionRate { adopters, services, rate: (services > 0).then(|| adopters as f64 / services as f64) }, adopting)
}

/// The rate at every month's end from the month of `first` (the earliest adoption) to `as_of`.
pub(crate) fn monthly(
    usage: &Usage,
    scopes: &Scopes,
    capability: Option<&str>,
    first: Option<DateTime<Utc>>,
) -> Vec<MonthlyAdoption> {
    let Some(first) = first else { return Vec::new() };
    let (_, months) = buckets(Granularity::Month, first, usage.as_of);
    months
        .into_iter()
        .map(|(label, period)| MonthlyAdoption {
            label,
            at: period.end,
            rate: rate_at(usage, scopes, capability, period.end).0,
        })
        .collect()
}
