//! The platform records of all snapshots: like the other records, keyed and the latest snapshot's
//! record wins whole. Capabilities and surveys are keyed by id, adoptions by (capability, service,
//! `adopted_at`) so a later export can add the `dropped_at` of an adoption, onboardings by their
//! subject (`service:<id>` or `team:<name>`) so a later export can add the `completed_at`.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};

use crate::model::{Adoption, Capability, Onboarding, Platform, Survey};

/// The platform records merged so far, in apply order.
#[derive(Debug, Default)]
pub(super) struct PlatformMerge {
    capabilities: BTreeMap<String, Capability>,
    adoptions: BTreeMap<(String, String, DateTime<Utc>), Adoption>,
    onboardings: BTreeMap<String, Onboarding>,
    surveys: BTreeMap<String, Survey>,
}

impl PlatformMerge {
    pub fn apply(&mut self, platform: Platform) {
        for capability in platform.capabilities {
            self.capabilities.insert(capability.id.clone(), capability);
        }
        for adoption in platform.adoptions {
            let key = (adoption.capability.clone(), adoption.service.clone(), adoption.adopted_at);
            self.adoptions.insert(key, adoption);
        }
        for onboarding in platform.onboardings {
            self.onboardings.insert(onboarding.subject(), onboarding);
        }
        for survey in platform.surveys {
            self.surveys.insert(survey.id.clone(), survey);
        }
    }

    /// Capabilities by id; adoptions by (capability, service, `adopted_at`); onboardings by
    /// (`started_at`, subject); surveys by (`closed_at`, id).
    pub fn finish(self) -> Platform {
        let mut onboardings: Vec<Onboarding> = self.onboardings.into_values().collect();
        onboardings.sort_by_key(|onboarding| (onboarding.started_at, onboarding.subject()));
        let mut surveys: Vec<Survey> = self.surveys.into_values().collect();
        surveys.sort_by(|a, b| (a.closed_at, &a.id).cmp(&(b.closed_at, &b.id)));
        Platform {
            capabilities: self.capabilities.into_values().collect(),
            adoptions: self.adoptions.into_values().collect(),
            onboardings,
            surveys,
        }
    }
}
