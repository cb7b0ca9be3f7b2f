//! What is computed once per data load and report instant: every SLO's evaluation, the DORA report,
//! the SLO x DORA join and the platform report (from one set of delivery facts, as `uptrend_core::report::build` does).
//! Filters, sorting, ranges and page changes reuse it.

use chrono::{DateTime, Utc};
use uptrend_core::dora::{default_window, DeliveryFacts, DoraReport};
use uptrend_core::join::{self, JoinReport};
use uptrend_core::model::Dataset;
use uptrend_core::platform::{self, PlatformReport};

use super::dora_window::DoraWindow;
use super::evaluations::Evaluations;

#[derive(Debug, Clone, PartialEq, Default)]
pub struct ReportModel {
    /// Per SLO, so one SLO the engine cannot evaluate does not hide the others.
    pub evaluations: Evaluations,
    /// `None` without a report instant.
    pub dora: Option<DoraReport>,
    pub join: Option<JoinReport>,
    pub platform: Option<PlatformReport>,
}

impl ReportModel {
    pub fn at(dataset: &Dataset, as_of: Option<DateTime<Utc>>) -> ReportModel {
        let evaluations = Evaluations::at(dataset, as_of);
        let Some(as_of) = as_of else { return ReportModel { evaluations, dora: None, join: None, platform: None } };
        let facts = DeliveryFacts::new(dataset, as_of);
        ReportModel {
            evaluations,
            dora: Some(DoraReport::from_facts(&facts, default_window())),
            join: Some(join::compute(&facts, default_window())),
            platform: Some(platform::compute(&facts, default_window())),
        }
    }

    /// The model with the DORA report and the join over `window` (the site's range control).
    pub fn with_window(
        dataset: &Dataset,
        as_of: Option<DateTime<Utc>>,
        window: impl Fn(DateTime<Utc>) -> DoraWindow,
    ) -> ReportModel {
        let evaluations = Evaluations::at(dataset, as_of);
        let Some(as_of) = as_of else { return ReportModel { evaluations, dora: None, join: None, platform: None } };
        let facts = DeliveryFacts::new(dataset, as_of);
        let (dora, join) = match window(as_of) {
            DoraWindow::EndingAtAsOf(span) => (DoraReport::from_facts(&facts, span), join::compute(&facts, span)),
            DoraWindow::Custom(period) => (DoraReport::for_period(&facts, period), join::compute_in(&facts, period)),
        };
        // The Platform page states its own window: the report's default, as `uptrend report` computes it.
        let platform = platform::compute(&facts, default_window());
        ReportModel { evaluations, dora: Some(dora), join: Some(join), platform: Some(platform) }
    }
}
