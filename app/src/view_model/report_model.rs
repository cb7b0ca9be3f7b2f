//! What is computed once per data load and report instant: every SLO's evaluation, and the delivery
//! side (the DORA report, the SLO x DORA join and the platform report, from one set of delivery facts,
//! as `uptrend_core::report::build` does). Filters, sorting, ranges and page changes reuse it.
//!
//! The two sides are computed apart: the evaluations take milliseconds even for 200 SLOs, while the
//! delivery side of a million deployments takes seconds, so the site can show the SLO side first and
//! the delivery side once it is ready ([`ReportModel::pending_delivery`]).

use std::sync::Arc;

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
    pub evaluations: Arc<Evaluations>,
    delivery: DeliveryState,
}

/// The delivery side of the report.
#[derive(Debug, Clone, PartialEq)]
pub struct Delivery {
    pub dora: DoraReport,
    pub join: JoinReport,
    pub platform: PlatformReport,
}

#[derive(Debug, Clone, PartialEq, Default)]
enum DeliveryState {
    /// No report instant: there is nothing to compute.
    #[default]
    None,
    /// Being computed; the pages say so where its numbers go.
    Pending,
    Ready(Arc<Delivery>),
}

impl Delivery {
    /// The delivery side at `as_of`, the DORA report and the join over `window` (the site's range control).
    pub fn compute(dataset: &Dataset, as_of: DateTime<Utc>, window: DoraWindow) -> Delivery {
        let facts = DeliveryFacts::new(dataset, as_of);
        let (dora, join) = match window {
            DoraWindow::EndingAtAsOf(span) => (DoraReport::from_facts(&facts, span), join::compute(&facts, span)),
            DoraWindow::Custom(period) => (DoraReport::for_period(&facts, period), join::compute_in(&facts, period)),
        };
        // The Platform page states its own window: the report's default, as `uptrend report` computes it.
        let platform = platform::compute(&facts, default_window());
        Delivery { dora, join, platform }
    }
}

impl ReportModel {
    /// Both sides at `as_of`, over the report's default DORA window.
    pub fn at(dataset: &Dataset, as_of: Option<DateTime<Utc>>) -> ReportModel {
        ReportModel::with_window(dataset, as_of, |_| DoraWindow::EndingAtAsOf(default_window()))
    }

    /// Both sides, with the DORA report and the join over `window` (the site's range control).
    pub fn with_window(
        dataset: &Dataset,
        as_of: Option<DateTime<Utc>>,
        window: impl Fn(DateTime<Utc>) -> DoraWindow,
    ) -> ReportModel {
        let evaluations = Arc::new(Evaluations::at(dataset, as_of));
        let delivery = as_of.map(|at| Arc::new(Delivery::compute(dataset, at, window(at))));
        ReportModel::assemble(evaluations, as_of.is_some(), delivery)
    }

    /// The model of computed parts: `delivery` is pending while `None` for a report with an instant.
    pub fn assemble(evaluations: Arc<Evaluations>, has_as_of: bool, delivery: Option<Arc<Delivery>>) -> ReportModel {
        let delivery = match (has_as_of, delivery) {
            (false, _) => DeliveryState::None,
            (true, None) => DeliveryState::Pending,
            (true, Some(delivery)) => DeliveryState::Ready(delivery),
        };
        ReportModel { evaluations, delivery }
    }

    /// Whether both models hold the very same computed parts (a cheap check, unlike `==`).
    pub fn same_parts(&self, other: &ReportModel) -> bool {
        let same_delivery = match (&self.delivery, &other.delivery) {
            (DeliveryState::Ready(one), DeliveryState::Ready(other)) => Arc::ptr_eq(one, other),
            (DeliveryState::None, DeliveryState::None) | (DeliveryState::Pending, DeliveryState::Pending) => true,
            _ => false,
        };
        Arc::ptr_eq(&self.evaluations, &other.evaluations) && same_delivery
    }

    /// Whether the delivery side is still being computed (`dora`, `join` and `platform` are `None` meanwhile).
    pub fn pending_delivery(&self) -> bool {
        matches!(self.delivery, DeliveryState::Pending)
    }

    /// `None` without a report instant, or while pending.
    pub fn dora(&self) -> Option<&DoraReport> {
        self.delivery().map(|delivery| &delivery.dora)
    }

    pub fn join(&self) -> Option<&JoinReport> {
        self.delivery().map(|delivery| &delivery.join)
    }

    pub fn platform(&self) -> Option<&PlatformReport> {
        self.delivery().map(|delivery| &delivery.platform)
    }

    fn delivery(&self) -> Option<&Delivery> {
        match &self.delivery {
            DeliveryState::Ready(delivery) => Some(delivery),
            DeliveryState::None | DeliveryState::Pending => None,
        }
    }
}
