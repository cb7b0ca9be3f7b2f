//! One OpenSLO `SLO` document to one [`SloSpec`] per objective Uptrend can express.

use std::collections::HashMap;

use uptrend_core::model::Budgeting;

use super::window::{time_slice, time_window};
use crate::imported::Imported;
use crate::percent::ratio_of_percent;
use crate::problem::Problem;
use crate::service_map::ServiceMap;
use crate::slo_spec::{Numerator, SloSpec};
use crate::yaml::At;

const OBJECTIVES: &str = "OpenSLO objectives";

/// What every objective of an SLO shares.
struct Shared {
    name: String,
    display_name: Option<String>,
    service: Option<String>,
    numerator: Result<Numerator, Problem>,
    window: uptrend_core::time::Window,
    budgeting: Result<Budgeting, Problem>,
}

/// Pushes the specs of `slo`'s objectives; each objective is counted read and written or skipped.
pub(super) fn slo_specs(
    slo: &At<'_>,
    indicators: &HashMap<String, At<'_>>,
    service_name: impl Fn(&str) -> Option<String>,
    map: &ServiceMap,
    out: &mut Imported,
    specs: &mut Vec<SloSpec>,
) {
    let objectives = match slo.required("spec").and_then(|spec| spec.required("objectives")).and_then(|o| o.items()) {
        Ok(objectives) if !objectives.is_empty() => objectives,
        Ok(_) => {
            out.problems.push(slo.error("the SLO has no objectives: nothing to import"));
            return;
        }
        Err(problem) => {
            out.problems.push(problem);
            out.counts.add(OBJECTIVES, 1, 0, 1);
            return;
        }
    };
    out.counts.add(OBJECTIVES, objectives.len() as u64, 0, 0);
    let shared = match shared(slo, indicators, &service_name, map, out) {
        Ok(shared) => shared,
        Err(problem) => {
            out.problems.push(problem);
            out.counts.add(OBJECTIVES, 0, 0, objectives.len() as u64);
            return;
        }
    };
    let Some(service) = shared.service.clone() else {
        out.counts.add(OBJECTIVES, 0, 0, objectives.len() as u64);
        return;
    };
    let several = objectives.len() > 1;
    for (index, objective) in objectives.iter().enumerate() {
        match spec(&shared, &service, objective, index, several, slo) {
            Ok(spec) if specs.iter().any(|other| other.id == spec.id) => {
                out.problems.push(objective.error(format!(
                    "the SLO id {:?} derived for this objective is already taken: give the objectives distinct displayNames",
                    spec.id
                )));
                out.counts.skipped(OBJECTIVES);
            }
            Ok(spec) => {
                specs.push(spec);
                out.counts.written(OBJECTIVES);
            }
            Err(problem) => {
                out.problems.push(problem);
                out.counts.skipped(OBJECTIVES);
            }
        }
    }
}

fn shared(
    slo: &At<'_>,
    indicators: &HashMap<String, At<'_>>,
    service_name: &impl Fn(&str) -> Option<String>,
    map: &ServiceMap,
    out: &mut Imported,
) -> Result<Shared, Problem> {
    let metadata = slo.required("metadata")?;
    let name_at = metadata.required("name")?;
    let name = name_at.text()?;
    if name.is_empty() {
        return Err(name_at.error("the name is empty"));
    }
    let display_name = metadata.get("displayName").map(|at| at.text()).transpose()?;
    let spec = slo.required("spec")?;
    let service_at = spec.required("service")?;
    let source_service = service_at.text()?;
    let window = time_window(&spec)?;
    let budgeting_at = spec.required("budgetingMethod")?;
    let budgeting = match budgeting_at.str()? {
        "Occurrences" => Ok(Budgeting::Occurrences),
        "Timeslices" => Ok(Budgeting::Timeslices),
        "RatioTimeslices" => Err(budgeting_at.warning(
            "RatioTimeslices (the mean of the slices' ratios) is not supported: Uptrend budgets by events \
             (Occurrences) or good slices (Timeslices); the objective is not imported",
        )),
        other => {
            return Err(budgeting_at.error(format!(
                "unknown budgetingMethod {other:?}: expected Occurrences, Timeslices or RatioTimeslices"
            )))
        }
    };
    let numerator = indicator(&spec, indicators).and_then(|indicator| numerator(&indicator));
    let service =
        out.service(map, &source_service, service_name(&source_service).as_deref(), slo.file, service_at.location());
    Ok(Shared { name, display_name, service, numerator, window, budgeting })
}

/// The SLI's `spec`: inline (`indicator.spec`) or named (`indicatorRef`).
fn indicator<'a>(spec: &At<'a>, indicators: &HashMap<String, At<'a>>) -> Result<At<'a>, Problem> {
    match (spec.get("indicator"), spec.get("indicatorRef")) {
        (Some(_), Some(reference)) => {
            Err(reference.error("both `indicator` and `indicatorRef` are given: expected one"))
        }
        (Some(inline), None) => inline.required("spec"),
        (None, Some(reference)) => {
            let name = reference.text()?;
            let sli = indicators
                .get(&name)
                .ok_or_else(|| reference.error(format!("no SLI named {name:?} is defined in the files given")))?;
            sli.required("spec")
        }
        (None, None) => Err(spec.error("the SLO has neither `indicator` nor `indicatorRef`")),
    }
}

/// Which events the SLI's numerator counts; threshold and raw metrics are not event counts.
fn numerator(indicator: &At<'_>) -> Result<Numerator, Problem> {
    if let Some(threshold) = indicator.get("thresholdMetric") {
        return Err(threshold.warning(
            "thresholdMetric SLIs (a metric compared with a value) are not supported: Uptrend needs good and \
             total event counts (ratioMetric); the objective is not imported",
        ));
    }
    let ratio = indicator.required("ratioMetric")?;
    if let Some(raw) = ratio.get("raw") {
        return Err(raw.warning(
            "a raw ratioMetric (a precomputed ratio) is not supported: Uptrend needs the good and total \
             event counts; the objective is not imported",
        ));
    }
    ratio.required("total")?;
    match (ratio.get("good"), ratio.get("bad")) {
        (Some(_), Some(bad)) => Err(bad.error("both `good` and `bad` are given: expected one of them with `total`")),
        (Some(_), None) => Ok(Numerator::Good),
        (None, Some(_)) => Ok(Numerator::Bad),
        (None, None) => Err(ratio.error("the ratioMetric has neither `good` nor `bad` (with `total`)")),
    }
}

fn spec(
    shared: &Shared,
    service: &str,
    objective: &At<'_>,
    index: usize,
    several: bool,
    slo: &At<'_>,
) -> Result<SloSpec, Problem> {
    objective.mapping()?;
    if let Some(composite) = objective.get("indicator").or_else(|| objective.get("indicatorRef")) {
        return Err(composite.warning(
            "composite SLO objectives (each with its own indicator) are not supported: the objective is not imported",
        ));
    }
    if let Some(value) = objective.get("value") {
        return Err(value.warning(
            "threshold objectives (`op` and `value`) are not supported: Uptrend needs good and total event \
             counts; the objective is not imported",
        ));
    }
    let budgeting = shared.budgeting.clone()?;
    let numerator = shared.numerator.clone()?;
    let objective_value = match (objective.get("target"), objective.get("targetPercent")) {
        (Some(_), Some(percent)) => {
            return Err(percent.error("both `target` and `targetPercent` are given: expected one"))
        }
        (Some(target), None) => ratio_in_range(&target, target.number()?, "target")?,
        (None, Some(percent)) => ratio_in_range(&percent, ratio_of_percent(percent.number()?), "targetPercent / 100")?,
        (None, None) => return Err(objective.error("the objective has neither `target` nor `targetPercent`")),
    };
    let (timeslice_target, slice) = match budgeting {
        Budgeting::Timeslices => {
            let target_at = objective.required("timeSliceTarget")?;
            let target = target_at.number()?;
            if !(target > 0.0 && target <= 1.0) {
                return Err(target_at.error(format!("timeSliceTarget {target} is out of range: expected (0, 1]")));
            }
            (Some(target), Some(time_slice(&objective.required("timeSliceWindow")?)?))
        }
        Budgeting::Occurrences => (None, None),
    };
    let display_name = objective.get("displayName").map(|at| at.text()).transpose()?;
    let id = if several {
        let key = match objective.get("name").map(|at| at.text()).transpose()? {
            Some(name) => name,
            None => display_name
                .as_deref()
                .map(slug)
                .filter(|slug| !slug.is_empty())
                .unwrap_or_else(|| (index + 1).to_string()),
        };
        format!("{}-{key}", shared.name)
    } else {
        shared.name.clone()
    };
    let name = match (&shared.display_name, &display_name, several) {
        (Some(slo_name), Some(objective_name), true) => Some(format!("{slo_name}: {objective_name}")),
        (Some(slo_name), _, _) => Some(slo_name.clone()),
        (None, Some(objective_name), true) => Some(objective_name.clone()),
        _ => None,
    };
    Ok(SloSpec {
        id,
        data_key: shared.name.clone(),
        service: service.to_owned(),
        name,
        objective: objective_value,
        window: shared.window,
        budgeting,
        timeslice_target,
        slice,
        numerator,
        split_by: Vec::new(),
        file: slo.file.to_owned(),
        location: objective.location(),
    })
}

fn ratio_in_range(at: &At<'_>, ratio: f64, what: &str) -> Result<f64, Problem> {
    if ratio > 0.0 && ratio < 1.0 {
        Ok(ratio)
    } else {
        Err(at.error(format!("{what} {ratio} is out of range: Uptrend needs an objective strictly between 0 and 1")))
    }
}

/// `Foo Total Errors` -> `foo-total-errors`.
fn slug(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    slug.trim_end_matches('-').to_owned()
}
