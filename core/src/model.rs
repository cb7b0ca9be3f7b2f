//! The data model: snapshot files as users' pipelines write them (format version 1), the manifest
//! that lists them, and the merged [`Dataset`] every engine computes from.
//!
//! Unknown fields are ignored everywhere, so later format versions may add optional fields.

use chrono::{DateTime, Utc};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::time::{Span, Window};

mod change;
pub(crate) mod count_column;
mod platform;
mod sli_series;

pub use change::{Change, Review};
pub use count_column::CountColumn;
pub use platform::{Adoption, Capability, Onboarding, Platform, Question, Response, Scale, Survey};
pub use sli_series::SliSeries;

/// A record's id or name (a deployment's, change's or incident's, and the service and environment they
/// name): inline up to 24 bytes (12 in wasm32), so the millions of short ids of a large history need no
/// heap block each. It reads, compares, hashes and serializes as the `String` it holds.
pub type Id = compact_str::CompactString;

/// The snapshot format version this build reads.
pub const FORMAT_VERSION: u32 = 1;

/// `data/index.json`: the report title and the snapshot files, as paths relative to the manifest.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Manifest {
    pub title: String,
    pub snapshots: Vec<String>,
    /// The packed form of the listed snapshots, relative to the manifest (`uptrend pack` writes it
    /// and sets this): the site reads it instead of the snapshots while it is current for them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub packed: Option<String>,
}

/// One exported snapshot file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Snapshot {
    #[schemars(extend("const" = 1))]
    pub version: u32,
    #[serde(deserialize_with = "crate::parse::rfc3339::instant")]
    pub generated_at: DateTime<Utc>,
    pub services: Vec<Service>,
    pub slos: Vec<Slo>,
    pub deployments: Vec<Deployment>,
    pub incidents: Vec<Incident>,
    /// The platform-engineering records (optional; absent in snapshots of pipelines without a platform).
    #[serde(default, skip_serializing_if = "Platform::is_empty")]
    pub platform: Platform,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Service {
    pub id: String,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub team: Option<String>,
}

/// How an SLO counts its error budget.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Budgeting {
    /// Good events / total events over the window.
    Occurrences,
    /// Good slices / slices, a slice (one SLI bucket) being good when its ratio meets `timeslice_target`.
    Timeslices,
}

/// An SLO as a snapshot carries it: its definition and the SLI buckets of that export.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Slo {
    pub id: String,
    pub service: String,
    #[serde(default)]
    pub name: Option<String>,
    #[schemars(extend("exclusiveMinimum" = 0, "exclusiveMaximum" = 1))]
    pub objective: f64,
    pub window: Window,
    pub budgeting: Budgeting,
    #[serde(default)]
    #[schemars(extend("exclusiveMinimum" = 0, "maximum" = 1))]
    pub timeslice_target: Option<f64>,
    pub sli: SliData,
}

impl Slo {
    /// The definition without the SLI data.
    pub fn definition(&self) -> SloDefinition {
        SloDefinition {
            id: self.id.clone(),
            service: self.service.clone(),
            name: self.name.clone(),
            objective: self.objective,
            window: self.window,
            budgeting: self.budgeting,
            timeslice_target: self.timeslice_target,
        }
    }
}

/// SLI counts as exported: bucket `i` covers `[start + i*step, start + (i+1)*step)`.
/// `None` is "no data" (in both columns together); a total of 0 is "no traffic".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct SliData {
    #[serde(deserialize_with = "crate::parse::rfc3339::instant")]
    pub start: DateTime<Utc>,
    pub step: Span,
    #[schemars(with = "Vec<Option<u64>>")]
    pub good: CountColumn,
    #[schemars(with = "Vec<Option<u64>>")]
    pub total: CountColumn,
}

/// Deployment outcome. `Failed`: reached production and needed remediation (hotfix, fix forward, patch).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DeployStatus {
    Succeeded,
    Failed,
    RolledBack,
}

/// The environment DORA metrics count; deployments elsewhere are kept but not counted.
pub const PRODUCTION: &str = "production";

fn production() -> Id {
    Id::const_new(PRODUCTION)
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Deployment {
    pub id: Id,
    pub service: Id,
    #[serde(default = "production")]
    pub environment: Id,
    #[serde(deserialize_with = "crate::parse::rfc3339::instant")]
    pub finished_at: DateTime<Utc>,
    pub status: DeployStatus,
    #[serde(deserialize_with = "crate::parse::exact_capacity::exact")]
    pub changes: Vec<Change>,
    /// The incident this unplanned deployment was made to address (it counts as rework).
    #[serde(default)]
    pub fixes_incident: Option<Id>,
    /// Whether DORA counts this deployment as a production one, whatever its `environment` is named
    /// (`production-eu` and `production-us` declared production at import). `None`: only the
    /// environment `"production"` counts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub production: Option<bool>,
}

impl Deployment {
    /// Whether DORA counts it: `production` when set, else `environment == "production"`.
    pub fn is_production(&self) -> bool {
        self.production.unwrap_or(self.environment == PRODUCTION)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Incident {
    pub id: Id,
    pub service: Id,
    #[serde(default)]
    pub severity: Option<String>,
    #[serde(deserialize_with = "crate::parse::rfc3339::instant")]
    pub started_at: DateTime<Utc>,
    /// `None` while unresolved.
    #[serde(default, deserialize_with = "crate::parse::rfc3339::optional_instant")]
    pub resolved_at: Option<DateTime<Utc>>,
    /// Deployments this incident is attributed to.
    #[serde(default)]
    pub caused_by: Vec<Id>,
}

/// An SLO's definition, as the latest snapshot carrying it says.
#[derive(Debug, Clone, PartialEq)]
pub struct SloDefinition {
    pub id: String,
    pub service: String,
    pub name: Option<String>,
    pub objective: f64,
    pub window: Window,
    pub budgeting: Budgeting,
    pub timeslice_target: Option<f64>,
}

/// Good and total events of one bucket that has data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Counts {
    pub good: u64,
    pub total: u64,
}

/// An SLO after merging: its latest definition and all its buckets.
#[derive(Debug, Clone, PartialEq)]
pub struct SloData {
    pub definition: SloDefinition,
    pub series: SliSeries,
}

/// All snapshots merged: what every engine computes from.
///
/// Services and SLOs are sorted by id; deployments by (`finished_at`, id); incidents by (`started_at`, id).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Dataset {
    pub title: String,
    /// The latest `generated_at` of the merged snapshots: the default report instant.
    pub latest_generated_at: Option<DateTime<Utc>>,
    pub services: Vec<Service>,
    pub slos: Vec<SloData>,
    pub deployments: Vec<Deployment>,
    pub incidents: Vec<Incident>,
    /// Capabilities by id; adoptions by (capability, service, `adopted_at`); onboardings by
    /// (`started_at`, subject); surveys by (`closed_at`, id).
    pub platform: Platform,
}
