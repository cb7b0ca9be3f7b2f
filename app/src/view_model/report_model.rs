//! What is computed once per data load and report instant: every SLO's evaluation and the DORA
//! report. Filters, sorting, ranges and page changes reuse it.

use chrono::{DateTime, Utc};
use uptrend_core::dora::{compute, default_window, DoraReport};
use uptrend_core::model::Dataset;

use super::evaluations::Evaluations;

#[derive(Debug, Clone, PartialEq, Default)]
pub struct ReportModel {
    pub evaluations: Evaluations,
    /// `None` without a report instant.
    pub dora: Option<DoraReport>,
}

impl ReportModel {
    pub fn at(dataset: &Dataset, as_of: Option<DateTime<Utc>>) -> ReportModel {
        ReportModel {
            evaluations: Evaluations::at(dataset, as_of),
            dora: as_of.map(|as_of| compute(dataset, as_of, default_window())),
        }
    }
}
