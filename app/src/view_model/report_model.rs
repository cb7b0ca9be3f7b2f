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
use uptrend_core::load::Loaded;
use uptrend_core::platform::PlatformReport;

use super::delivery_basis::DeliveryBasis;
use super::dora_window::DoraWindow;
use super::evaluations::Evaluations;

#[derive(Debug, Clone, PartialEq, Default)]
pub struct ReportModel {
    /// Per SLO, so one SLO the engine cannot evaluate does not hide the others.
    pub evaluations: Arc<Evaluations>,
    delivery: DeliveryState,
}

/// The delivery side of the report: the DORA report and the join over the range, on the basis of the
/// report instant (its facts, for the drill-downs, and the platform report).
#[derive(Debug, Clone)]
pub struct Delivery {
    basis: Arc<DeliveryBasis>,
    pub dora: DoraReport,
    pub join: JoinReport,
}

/// Equal reports; the basis is compared by what it gives the pages (its facts follow the dataset and
/// `as_of`, both part of the reports).
impl PartialEq for Delivery {
    fn eq(&self, other: &Delivery) -> bool {
        self.dora == other.dora && self.join == other.join && self.platform() == other.platform()
    }
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
    pub fn compute(loaded: Arc<Loaded>, as_of: DateTime<Utc>, window: DoraWindow) -> Delivery {
        Delivery::on(Arc::new(DeliveryBasis::at(loaded, as_of)), window)
    }

    /// The DORA report and the join over `window`, on a basis already computed (a range change).
    pub fn on(basis: Arc<DeliveryBasis>, window: DoraWindow) -> Delivery {
        let parts = basis.parts();
        let period = window.period(parts.facts.as_of());
        let dora = DoraReport::for_period_on(&parts.facts, parts.dora(), period);
        let join = join::compute_on(&parts.facts, &parts.slo_indexes, period);
        Delivery { basis, dora, join }
    }

    /// The delivery facts at the report instant, for the drill-downs.
    pub fn facts(&self) -> &DeliveryFacts<'_> {
        &self.basis.parts().facts
    }

    pub fn platform(&self) -> &PlatformReport {
        self.basis.parts().platform()
    }
}

impl ReportModel {
    /// Both sides at `as_of`, over the report's default DORA window.
    pub fn at(loaded: &Arc<Loaded>, as_of: Option<DateTime<Utc>>) -> ReportModel {
        ReportModel::with_window(loaded, as_of, |_| DoraWindow::EndingAtAsOf(default_window()))
    }

    /// Both sides, with the DORA report and the join over `window` (the site's range control).
    pub fn with_window(
        loaded: &Arc<Loaded>,
        as_of: Option<DateTime<Utc>>,
        window: impl Fn(DateTime<Utc>) -> DoraWindow,
    ) -> ReportModel {
        let evaluations = Arc::new(Evaluations::at(&loaded.dataset, as_of));
        let delivery = as_of.map(|at| Arc::new(Delivery::compute(loaded.clone(), at, window(at))));
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
        self.delivery().map(Delivery::platform)
    }

    /// The delivery facts at the report instant (drill-downs); `None` as [`ReportModel::dora`].
    pub fn facts(&self) -> Option<&DeliveryFacts<'_>> {
        self.delivery().map(Delivery::facts)
    }

    fn delivery(&self) -> Option<&Delivery> {
        match &self.delivery {
            DeliveryState::Ready(delivery) => Some(delivery),
            DeliveryState::None | DeliveryState::Pending => None,
        }
    }
}
