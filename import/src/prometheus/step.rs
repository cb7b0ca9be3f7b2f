//! The bucket length of an SLO's SLI: `--step`, else the SLO's time slice, else the spacing of the
//! samples (their greatest common divisor), which must be whole minutes.

use uptrend_core::model::Budgeting;
use uptrend_core::time::Span;

use super::buckets::show_step;
use super::{Series, SliOptions};
use crate::problem::{Location, Problem};
use crate::slo_spec::SloSpec;

/// The bucket length: `--step`, else the SLO's time slice, else the samples' spacing; a timeslices
/// SLO's step must be its time slice.
pub(super) fn step_for(spec: &SloSpec, options: &SliOptions, files: &[(&str, &[Series])]) -> Result<Span, Problem> {
    let at_definition = |message: String| Problem::error(&spec.file, spec.location.clone(), message);
    match (options.step, spec.slice) {
        (Some(step), Some(slice)) if step != slice && spec.budgeting == Budgeting::Timeslices => {
            return Err(at_definition(format!(
                "SLO {:?} has time slices of {slice} but --step is {step}: each SLI bucket is one time slice",
                spec.id
            )))
        }
        (Some(step), _) => return Ok(step),
        (None, Some(slice)) => return Ok(slice),
        (None, None) => {}
    }
    let mut gcd = 0_i64;
    for (_, series) in files {
        for one in series.iter() {
            for pair in one.samples.windows(2) {
                let difference = pair[1].at_secs - pair[0].at_secs;
                if difference.fract() == 0.0 && difference > 0.0 && difference < 1e12 {
                    gcd = greatest_common_divisor(gcd, difference as i64);
                }
            }
        }
    }
    let file = files.first().map_or("", |(file, _)| *file);
    match Span::from_secs(gcd).filter(|_| gcd % 60 == 0) {
        Some(step) => Ok(step),
        None if gcd == 0 => Err(Problem::error(
            file,
            Location::file(),
            format!("SLO {:?}: the step cannot be told from fewer than two samples a series: pass --step", spec.id),
        )),
        None => Err(Problem::error(
            file,
            Location::file(),
            format!(
                "SLO {:?}: the samples are {} apart, not a whole number of minutes: query with a step of whole \
                 minutes (Uptrend's buckets are 1m or longer) or pass --step",
                spec.id,
                show_step(gcd)
            ),
        )),
    }
}

fn greatest_common_divisor(a: i64, b: i64) -> i64 {
    if b == 0 {
        a
    } else {
        greatest_common_divisor(b, a % b)
    }
}
