//! The DORA engine: the five delivery metrics of the 2024 set (deployment frequency, change lead
//! time, change fail rate, failed deployment recovery time, deployment rework rate) plus incident
//! time to restore, overall, per service and per team, with trends, tiers and scores.
//!
//! Every definition is written out, with its source and how it differs from other tools, in
//! `docs/metrics.md` ("DORA delivery metrics"). [`compute`] is the entry point; [`DeliveryFacts`]
//! is the indexed view of the data it computes from, kept by callers that need drill-downs or the
//! change-failure windows of the SLO join.

mod aggregate;
pub mod change_failure;
pub mod drill;
pub mod facts;
mod first_seen;
pub mod frequency;
mod key_sort;
pub mod known;
pub mod lead_time;
pub mod metrics;
pub mod recovery;
pub mod report;
pub mod restore;
pub mod rework;
pub mod scopes;
pub mod stages;
pub mod tiers;
pub mod trends;

pub use drill::{ChangeRow, DeploymentRow, IncidentRow};
pub use facts::{DeliveryFacts, DeploymentFacts, IncidentFacts};
pub use known::Period;
pub use metrics::DoraMetrics;
pub use recovery::{RecoveredBy, Recovery};
pub use report::{compute, Deltas, DoraBasis, DoraReport, ScopeReport};
pub use scopes::{Scope, ScopeMembers, Scopes};
pub use stages::{LeadTimeStages, StageSummary};
pub use tiers::{tier_bands, Scores, Tier, TierBand, TierLevel, TieredMetric, Tiers, TIER_REPORT_YEAR};
pub use trends::{TrendBucket, Trends};

/// The default DORA window: 90 days.
pub fn default_window() -> crate::time::Span {
    crate::time::Span::from_secs(90 * 86_400).unwrap_or(crate::time::Span::WEEK)
}
