//! Pairing one group's numerator and total buckets into the snapshot's SLI columns (the rules are
//! in the module doc of [`super`]).

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use uptrend_core::model::SliData;
use uptrend_core::time::Span;

use super::buckets::{show_time, GroupKey};
use super::listing;
use super::BUCKETS;
use crate::imported::Imported;
use crate::problem::{Location, Problem};
use crate::slo_spec::{Numerator, SloSpec};

/// One group of series of an SLO, and where its numerator came from.
#[derive(Debug, Clone, Copy)]
pub(super) struct Group<'a> {
    pub spec: &'a SloSpec,
    pub key: &'a GroupKey,
    pub split_by: &'a [String],
    pub step: Span,
    pub numerator_file: &'a str,
}

/// The SLI columns of one group, from its first to its last bucket with data; `None` when none has.
pub(super) fn pair(
    group: &Group<'_>,
    numerator: &BTreeMap<i64, u64>,
    total: &BTreeMap<i64, u64>,
    out: &mut Imported,
) -> Option<SliData> {
    let Group { spec, key, split_by, step, numerator_file } = *group;
    let first = *total.keys().next()?;
    let last = *total.keys().next_back()?;
    let length = usize::try_from(last - first + 1).ok()?;
    let (mut good, mut totals) = (vec![None; length], vec![None; length]);
    let (mut without_numerator, mut without_total, mut above_total) = (0_u64, 0_u64, Vec::new());
    for (&index, &events) in total {
        let slot = usize::try_from(index - first).ok()?;
        let counted = match numerator.get(&index) {
            Some(&counted) => counted,
            None => {
                without_numerator += 1;
                0
            }
        };
        if counted > events {
            above_total.push((index, counted, events));
            continue;
        }
        good[slot] = Some(match spec.numerator {
            Numerator::Good => counted,
            Numerator::Bad => events - counted,
        });
        totals[slot] = Some(events);
    }
    without_total += numerator.keys().filter(|index| !total.contains_key(index)).count() as u64;
    let suffix = group_suffix_text(split_by, key);
    let word = spec.numerator.word();
    let step_secs = step.secs();
    for (index, counted, events) in above_total.iter().take(listing::LISTED_PER_KIND) {
        out.problems.push(Problem::error(
            numerator_file,
            Location::file(),
            format!(
                "SLO {:?}{suffix}: the bucket at {} has {counted} {word} events but {events} in total: it is written as no data",
                spec.id,
                show_time((index * step_secs) as f64)
            ),
        ));
    }
    if above_total.len() > listing::LISTED_PER_KIND {
        out.problems.push(Problem::error(
            numerator_file,
            Location::file(),
            format!(
                "SLO {:?}{suffix}: {} more buckets have more {word} events than in total",
                spec.id,
                above_total.len() - listing::LISTED_PER_KIND
            ),
        ));
    }
    if without_numerator > 0 {
        out.problems.push(Problem::warning(
            numerator_file,
            Location::file(),
            format!("SLO {:?}{suffix}: {without_numerator} buckets with a total have no {word} series: they count 0 {word} events", spec.id),
        ));
    }
    if without_total > 0 {
        out.problems.push(Problem::warning(
            numerator_file,
            Location::file(),
            format!("SLO {:?}{suffix}: {without_total} buckets with {word} events have no total: they are written as no data", spec.id),
        ));
    }
    let with_data = totals.iter().filter(|t| t.is_some()).count() as u64;
    out.counts.add(
        BUCKETS,
        with_data + above_total.len() as u64 + without_total,
        with_data,
        above_total.len() as u64 + without_total,
    );
    let start = DateTime::from_timestamp(first.checked_mul(step_secs)?, 0)?;
    Some(SliData { start, step, good: good.into(), total: totals.into() })
}

pub(super) fn sli_end(sli: &SliData) -> Option<DateTime<Utc>> {
    let span = sli.step.secs().checked_mul(i64::try_from(sli.total.len()).ok()?)?;
    sli.start.checked_add_signed(chrono::TimeDelta::try_seconds(span)?)
}

/// `{region="eu"}` for a group.
pub(super) fn group_text(split_by: &[String], key: &GroupKey) -> String {
    let pairs: Vec<String> = split_by.iter().zip(key).map(|(label, value)| format!("{label}={value:?}")).collect();
    format!("{{{}}}", pairs.join(", "))
}

pub(super) fn group_suffix_text(split_by: &[String], key: &GroupKey) -> String {
    if key.is_empty() {
        String::new()
    } else {
        format!(" {}", group_text(split_by, key))
    }
}
