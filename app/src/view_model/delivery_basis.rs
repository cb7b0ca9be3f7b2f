//! What the delivery side computes once per data load and report instant, whatever the range: the
//! delivery facts (known deployments and incidents, change failures and recoveries, first deliveries),
//! the DORA report's window-free parts (lead times in order, trends), the SLOs indexed for the join and
//! the platform report. A range change, a filter or a drill-down then costs only its own window or its
//! records, not a pass that rebuilds the facts of a million deployments.
//!
//! The facts borrow the dataset they index, so the basis owns the loaded data (an `Arc`, shared with
//! the rest of the site) together with the parts borrowing it: a self-referential pair, which
//! `self_cell` builds without `unsafe` in this crate.

use std::sync::{Arc, OnceLock};

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

/// The parts of a [`DeliveryBasis`], borrowing its loaded data. The DORA basis and the platform
/// report are computed on first use, so that a large data set's basis can be computed in steps with
/// the tab's thread free in between (`delivery_task`).
#[derive(Debug)]
pub struct BasisParts<'a> {
    pub facts: DeliveryFacts<'a>,
    pub slo_indexes: SloIndexes<'a>,
    dora: OnceLock<DoraBasis>,
    /// The Platform page states its own window: the report's default, as `uptrend report` computes it.
    platform: OnceLock<PlatformReport>,
}

impl BasisParts<'_> {
    pub fn dora(&self) -> &DoraBasis {
        self.dora.get_or_init(|| DoraBasis::new(&self.facts))
    }

    pub fn platform(&self) -> &PlatformReport {
        self.platform.get_or_init(|| platform::compute(&self.facts, default_window()))
    }

    /// Computes the first part not computed yet: `false` when every part already was.
    pub fn compute_next_part(&self) -> bool {
        if self.dora.get().is_none() {
            self.dora();
        } else if self.platform.get().is_none() {
            self.platform();
        } else {
            return false;
        }
        true
    }

    /// Whether every part is computed.
    pub fn is_complete(&self) -> bool {
        self.dora.get().is_some() && self.platform.get().is_some()
    }
}

impl DeliveryBasis {
    /// Everything the delivery side needs at `as_of` that no range or filter changes (the DORA basis
    /// and the platform report when first asked).
    pub fn at(loaded: Arc<Loaded>, as_of: DateTime<Utc>) -> DeliveryBasis {
        DeliveryBasis::new(loaded, |loaded| {
            let facts = DeliveryFacts::new(&loaded.dataset, as_of);
            let slo_indexes = SloIndexes::new(&loaded.dataset);
            BasisParts { facts, slo_indexes, dora: OnceLock::new(), platform: OnceLock::new() }
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
