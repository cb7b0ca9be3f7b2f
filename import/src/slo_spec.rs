//! An SLO as a definition source (OpenSLO, Sloth, Pyrra, the command line) describes it, before its
//! SLI data is attached by [`crate::prometheus`].

use uptrend_core::model::Budgeting;
use uptrend_core::time::{Span, Window};

use crate::problem::Location;

/// Which events the numerator query counts; Uptrend stores good and total, so `good = total - bad`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Numerator {
    Good,
    Bad,
}

impl Numerator {
    /// The file suffix and the word for messages: `good`, `bad`.
    pub fn word(self) -> &'static str {
        match self {
            Numerator::Good => "good",
            Numerator::Bad => "bad",
        }
    }
}

/// One SLO definition, its service already mapped to an Uptrend service id.
#[derive(Debug, Clone, PartialEq)]
pub struct SloSpec {
    pub id: String,
    /// The name its query results are filed under (`DIR/<data_key>.good.json`): the source's SLO name,
    /// shared by the SLOs made from several objectives of one definition.
    pub data_key: String,
    pub service: String,
    pub name: Option<String>,
    pub objective: f64,
    pub window: Window,
    pub budgeting: Budgeting,
    pub timeslice_target: Option<f64>,
    /// The time slice length the definition fixes (OpenSLO `timeSliceWindow`): the SLI step.
    pub slice: Option<Span>,
    pub numerator: Numerator,
    /// Labels to split the series by (Pyrra's `grouping`); the command line may add more.
    pub split_by: Vec<String>,
    /// Where the definition is, for problems about its data.
    pub file: String,
    pub location: Location,
}

/// The specs grouped by the query results they share (`data_key` and numerator), in first-seen order.
pub fn by_data(specs: &[SloSpec]) -> Vec<Vec<SloSpec>> {
    let mut groups: Vec<Vec<SloSpec>> = Vec::new();
    for spec in specs {
        match groups.iter_mut().find(|group| group[0].data_key == spec.data_key && group[0].numerator == spec.numerator)
        {
            Some(group) => group.push(spec.clone()),
            None => groups.push(vec![spec.clone()]),
        }
    }
    groups
}
