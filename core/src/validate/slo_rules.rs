//! Rules for one SLO: objective and target ranges, window against step, and the SLI columns.

use chrono::{DateTime, TimeDelta, Utc};

use super::instant;
use crate::findings::Findings;
use crate::model::{Budgeting, SliData, Slo};
use crate::time::Window;

/// Per SLO and per bucket rule, this many buckets are listed one by one; the rest are counted.
pub(crate) const LISTED_BUCKETS_PER_RULE: usize = 10;

pub(super) fn check_slo(findings: &mut Findings, path: &str, slo: &Slo) {
    if !(slo.objective > 0.0 && slo.objective < 1.0) {
        findings.error(
            format!("{path}.objective"),
            format!(
                "objective {} is out of range: expected a number strictly between 0 and 1, like 0.999",
                slo.objective
            ),
        );
    }
    let target_path = format!("{path}.timeslice_target");
    match (slo.budgeting, slo.timeslice_target) {
        (_, Some(target)) if !(target > 0.0 && target <= 1.0) => findings.error(
            target_path,
            format!("timeslice_target {target} is out of range: expected a number greater than 0 and at most 1"),
        ),
        (Budgeting::Timeslices, None) => findings.error(
            target_path,
            "timeslices budgeting needs `timeslice_target`, the good/total ratio a slice must reach to be good \
             (a number in (0, 1], like 0.95)",
        ),
        (Budgeting::Occurrences, Some(_)) => {
            findings.warning(target_path, "timeslice_target is ignored with occurrences budgeting")
        }
        _ => {}
    }
    if let Window::Rolling(window) = slo.window {
        if window < slo.sli.step {
            findings.error(
                format!("{path}.window"),
                format!(
                    "rolling window {window} is shorter than the SLI step {}: the window must hold at least one bucket",
                    slo.sli.step
                ),
            );
        }
    }
    check_sli(findings, &format!("{path}.sli"), &slo.sli);
}

/// The instant the last bucket ends, when it is representable.
pub(crate) fn sli_end(sli: &SliData) -> Option<DateTime<Utc>> {
    let buckets = i64::try_from(sli.good.len().max(sli.total.len())).ok()?;
    let span_secs = sli.step.secs().checked_mul(buckets)?;
    sli.start.checked_add_signed(TimeDelta::try_seconds(span_secs)?)
}

fn check_sli(findings: &mut Findings, path: &str, sli: &SliData) {
    if sli.start.timestamp_subsec_nanos() != 0 {
        findings.error(
            format!("{path}.start"),
            format!("the SLI start {} has a fraction of a second: expected a whole second", instant(sli.start)),
        );
    }
    if sli_end(sli).is_none() {
        findings.error(
            path,
            format!(
                "{} buckets of {} from {} end beyond the supported time range",
                sli.good.len().max(sli.total.len()),
                sli.step,
                instant(sli.start)
            ),
        );
    }
    if sli.good.len() != sli.total.len() {
        findings.error(
            path,
            format!(
                "`good` has {} buckets but `total` has {}: expected one entry per bucket in both",
                sli.good.len(),
                sli.total.len()
            ),
        );
    }
    let mut null_mismatches = Listing::new(path, "good", "are null in one column only");
    let mut good_above_total = Listing::new(path, "good", "have good greater than total");
    for (index, (good, total)) in sli.good.iter().zip(sli.total.iter()).enumerate() {
        match (good, total) {
            (None, Some(total)) => null_mismatches.add(findings, format!("{path}.good[{index}]"), || {
                format!("good is null but total is {total}: a bucket without data has null in both columns")
            }),
            (Some(good), None) => null_mismatches.add(findings, format!("{path}.total[{index}]"), || {
                format!("total is null but good is {good}: a bucket without data has null in both columns")
            }),
            (Some(good), Some(total)) if good > total => {
                good_above_total.add(findings, format!("{path}.good[{index}]"), || {
                    format!("good ({good}) is greater than total ({total}): good events are part of the total")
                })
            }
            _ => {}
        }
    }
    null_mismatches.finish(findings);
    good_above_total.finish(findings);
}

/// Lists the first [`LISTED_BUCKETS_PER_RULE`] buckets breaking one rule, then one count of the rest.
struct Listing<'a> {
    sli_path: &'a str,
    column: &'a str,
    what: &'a str,
    found: usize,
}

impl<'a> Listing<'a> {
    fn new(sli_path: &'a str, column: &'a str, what: &'a str) -> Listing<'a> {
        Listing { sli_path, column, what, found: 0 }
    }

    fn add(&mut self, findings: &mut Findings, path: String, message: impl FnOnce() -> String) {
        self.found += 1;
        if self.found <= LISTED_BUCKETS_PER_RULE {
            findings.error(path, message());
        }
    }

    fn finish(self, findings: &mut Findings) {
        if let Some(unlisted) = self.found.checked_sub(LISTED_BUCKETS_PER_RULE).filter(|&n| n > 0) {
            findings.error(
                format!("{}.{}", self.sli_path, self.column),
                format!("{unlisted} more buckets {} (only the first {LISTED_BUCKETS_PER_RULE} are listed)", self.what),
            );
        }
    }
}
