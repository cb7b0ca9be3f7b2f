//! Every SLO evaluated at the report instant: computed once per data load and as_of, then shared
//! by the table, its filters and sorts, and the pages.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use uptrend_core::model::Dataset;
use uptrend_core::slo::{evaluate, SloEvaluation};

/// Evaluations by SLO id; an SLO the engine cannot evaluate keeps the reason, in words.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Evaluations {
    by_slo: BTreeMap<String, Result<SloEvaluation, String>>,
}

impl Evaluations {
    /// Evaluates every SLO of `dataset` at `as_of` (none without an instant).
    pub fn at(dataset: &Dataset, as_of: Option<DateTime<Utc>>) -> Evaluations {
        let Some(as_of) = as_of else { return Evaluations::default() };
        let by_slo = dataset
            .slos
            .iter()
            .map(|slo| (slo.definition.id.clone(), evaluate(slo, as_of).map_err(|error| error.to_string())))
            .collect();
        Evaluations { by_slo }
    }

    pub fn get(&self, slo_id: &str) -> Option<&Result<SloEvaluation, String>> {
        self.by_slo.get(slo_id)
    }
}
