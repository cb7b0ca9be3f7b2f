//! Why an SLO could not be evaluated: values with the SLO's id, never panics.

/// An SLO evaluation that cannot give an exact answer.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SloError {
    #[error("SLO {slo:?}: the summed counts exceed 18446744073709551615 (u64), so no exact total exists")]
    CountOverflow { slo: String },
    #[error("SLO {slo:?}: the report instant or window lies outside the representable dates")]
    TimeOutOfRange { slo: String },
    #[error("SLO {slo:?}: budgeting by timeslices needs a timeslice_target")]
    MissingTimesliceTarget { slo: String },
}
