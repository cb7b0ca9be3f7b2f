//! The optional `platform` section of a snapshot: what the platform team offers (capabilities), which
//! services use it (adoptions), how long newcomers take to reach production (onboardings), and what
//! developers say about it (surveys). Definitions of the metrics: `docs/metrics.md`, "Platform engineering".

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The platform section: every list may be empty or absent.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
pub struct Platform {
    #[serde(default)]
    pub capabilities: Vec<Capability>,
    #[serde(default)]
    pub adoptions: Vec<Adoption>,
    #[serde(default)]
    pub onboardings: Vec<Onboarding>,
    #[serde(default)]
    pub surveys: Vec<Survey>,
}

impl Platform {
    pub fn is_empty(&self) -> bool {
        self.capabilities.is_empty()
            && self.adoptions.is_empty()
            && self.onboardings.is_empty()
            && self.surveys.is_empty()
    }
}

/// Something the platform offers as a paved path: "CI templates", "service scaffold", "managed Postgres".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Capability {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub description: Option<String>,
}

/// A service using a capability over `[adopted_at, dropped_at)`; a service that drops a capability and
/// takes it up again has two adoptions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Adoption {
    pub service: String,
    pub capability: String,
    pub adopted_at: DateTime<Utc>,
    /// `None` while the service still uses the capability.
    #[serde(default)]
    pub dropped_at: Option<DateTime<Utc>>,
}

/// A team or a service (exactly one of the two) getting onto the platform, until it reaches production.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Onboarding {
    #[serde(default)]
    pub service: Option<String>,
    #[serde(default)]
    pub team: Option<String>,
    pub started_at: DateTime<Utc>,
    /// `None`: the first succeeded production deployment of the service (of any of the team's
    /// services) at or after `started_at` ends it; without one it is still open.
    #[serde(default)]
    pub completed_at: Option<DateTime<Utc>>,
}

impl Onboarding {
    /// `service:<id>` or `team:<name>`: the key an onboarding merges by.
    pub fn subject(&self) -> String {
        match (&self.service, &self.team) {
            (Some(service), _) => format!("service:{service}"),
            (None, Some(team)) => format!("team:{team}"),
            (None, None) => String::new(),
        }
    }
}

/// A developer survey: its questions and either one response per respondent or counts per score.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Survey {
    pub id: String,
    #[serde(default)]
    pub name: Option<String>,
    pub closed_at: DateTime<Utc>,
    /// How many people were asked, for the response rate.
    #[serde(default)]
    pub population: Option<u64>,
    pub questions: Vec<Question>,
    /// One entry per respondent (leave `counts` empty).
    #[serde(default)]
    pub responses: Vec<Response>,
    /// Per question id: how many answered each score, from `scale.min` to `scale.max` (leave
    /// `responses` empty). For anonymous aggregates.
    #[serde(default)]
    pub counts: BTreeMap<String, Vec<u64>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Question {
    pub id: String,
    pub text: String,
    pub scale: Scale,
}

/// Whole-number scores from `min` to `max` (a 1-5 agreement scale); the midpoint is neutral, scores
/// above it favourable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Scale {
    pub min: i64,
    pub max: i64,
}

impl Scale {
    /// The number of scores on the scale (`max − min + 1`), when the scale is valid.
    pub fn points(&self) -> Option<usize> {
        let span = self.max.checked_sub(self.min)?;
        usize::try_from(span).ok()?.checked_add(1)
    }
}

/// One respondent's answers, by question id; a question left out was not answered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Response {
    #[serde(default)]
    pub team: Option<String>,
    pub answers: BTreeMap<String, i64>,
}
