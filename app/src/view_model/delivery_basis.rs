//! What the delivery side computes once per data load and report instant, whatever the range: the
//! delivery facts (known deployments and incidents, change failures and recoveries, first deliveries),
//! the DORA report's window-free parts (lead times in order, trends), the SLOs indexed for the join and
//! the platform report. A range change, a filter or a drill-down then costs only its own window or its
//! records, not a pass that rebuilds the facts of a million deployments.
//!
//! The facts borrow the dataset they index, so the basis owns the loaded data (an `Arc`, shared with
//! the rest of the site) together with the parts borrowing it: a self-referential pair, which
//! `self_cell` builds without `unsafe` in this crate.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use uptrend_core::dora::{default_window, DeliveryFacts, DoraBasis};
use uptrend_core::join::SloIndexes;
use uptrend_core::load::Loaded;
use uptrend_core::platform::{self, PlatformReport};

self_cell::self_cell!(
    /// The per-instant parts of the delivery side, with the loaded data they borrow.
    pub struct DeliveryBasis {
        owner: Arc<Loaded>,
        #[covariant]
        dependent: BasisParts,
    }

    impl {Debug}
);

/// The parts of a [`DeliveryBasis`], borrowing its loaded data.
#[derive(Debug)]
pub struct BasisParts<'a> {
    pub facts: DeliveryFacts<'a>,
    pub dora: DoraBasis,
    pub slo_indexes: SloIndexes<'a>,
    /// The Platform page states its own window: the report's default, as `uptrend report` computes it.
    pub platform: PlatformReport,
}

impl DeliveryBasis {
    /// Everything the delivery side needs at `as_of` that no range or filter changes.
    pub fn at(loaded: Arc<Loaded>, as_of: DateTime<Utc>) -> DeliveryBasis {
        DeliveryBasis::new(loaded, |loaded| {
            let facts = DeliveryFacts::new(&loaded.dataset, as_of);
            let dora = DoraBasis::new(&facts);
            let slo_indexes = SloIndexes::new(&loaded.dataset);
            let platform = platform::compute(&facts, default_window());
            BasisParts { facts, dora, slo_indexes, platform }
        })
    }

    pub fn as_of(&self) -> DateTime<Utc> {
        self.parts().facts.as_of()
    }

    /// Whether this basis was computed from `loaded` (the very same load) at `as_of`.
    pub fn is_for(&self, loaded: &Arc<Loaded>, as_of: DateTime<Utc>) -> bool {
        Arc::ptr_eq(self.borrow_owner(), loaded) && self.as_of() == as_of
    }

    pub fn parts(&self) -> &BasisParts<'_> {
        self.borrow_dependent()
    }
}
