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

/// Why `data_key` cannot name query result files in a directory (`DIR/<data_key>.good.json`), if it
/// cannot: a path separator (or `:`, a drive prefix on Windows) would reach outside the directory, and
/// `.`, `..`, an empty name or a control character names no SLO's file plainly. (OpenSLO, Sloth and Pyrra
/// names are DNS-label-like, so a real definition never hits this.)
pub fn file_stem_problem(data_key: &str) -> Option<&'static str> {
    if data_key.is_empty() {
        Some("it is empty")
    } else if data_key == "." || data_key == ".." {
        Some("it is `.` or `..`")
    } else if data_key.contains(['/', '\\', ':']) {
        Some("it holds a path separator or a colon")
    } else if data_key.chars().any(char::is_control) {
        Some("it holds a control character")
    } else {
        None
    }
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

#[cfg(test)]
mod tests {
    use super::file_stem_problem;

    #[test]
    fn only_a_plain_file_name_names_query_results() {
        assert_eq!(file_stem_problem("checkout-availability"), None);
        assert_eq!(file_stem_problem("web shop (EU)"), None);
        assert!(file_stem_problem("../etc/passwd").is_some());
        assert!(file_stem_problem("a/b").is_some());
        assert!(file_stem_problem("a\\b").is_some());
        assert!(file_stem_problem("C:x").is_some());
        assert!(file_stem_problem("..").is_some());
        assert!(file_stem_problem("").is_some());
        assert!(file_stem_problem("a\nb").is_some());
    }
}
