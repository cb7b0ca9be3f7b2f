//! Paved-path share: of the production deployments in the DORA window, those whose service used
//! the capability (or any capability) when the deployment finished.

use serde::Serialize;

use super::usage::Usage;
use crate::dora::DeliveryFacts;
use crate::period::Period;

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct PavedPathShare {
    pub deployments_on_path: u64,
    /// Production deployments in the window (n).
    pub deployments: u64,
    /// `deployments_on_path / deployments`; `None` without deployments.
    pub share: Option<f64>,
}

pub(crate) fn paved_path(
    facts: &DeliveryFacts<'_>,
    usage: &Usage,
    capability: Option<&str>,
    window: Period,
) -> PavedPathShare {
    let mut deployments = 0_u64;
    let mut on_path = 0_u64;
    for deployment in facts.deployments() {
        if !window.contains(deployment.finished_at) {
            continue;
        }
        deployments += 1;
        if deployment.service.is_some_and(|service| usage.covers(capability, service, deployment.finished_at)) {
            on_path += 1;
        }
    }
    PavedPathShare {
        deployments_on_path: on_path,
        deployments,
        share: (deployments > 0).then(|| on_path as f64 / deployments as f64),
    }
}
