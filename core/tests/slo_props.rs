//! Invariants of the SLO engine over generated SLOs and report instants.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::{DateTime, TimeDelta, Utc};
use proptest::prelude::*;
use uptrend_core::model::{Budgeting, Counts, SliSeries, SloData, SloDefinition};
use uptrend_core::slo::series::{attainment_per_day, burn_down, burn_rate_series, exhaustion_forecast};
use uptrend_core::slo::{evaluate, Lookback, SloIndex, TimeRange};

fn bucket() -> impl Strategy<Value = Option<Counts>> {
    prop_oneof![
        1 => Just(None),
        1 => Just(Some(Counts { good: 0, total: 0 })),
        6 => (0u64..2_000, 0u64..2_000).prop_map(|(a, b)| Some(Counts { good: a.min(b), total: a.max(b) })),
    ]
}

prop_compose! {
    fn slo_data()(
        step in prop::sample::select(vec!["5m", "7m", "30m", "1h", "1d"]),
        window in prop::sample::select(vec!["1h", "6h", "1d", "7d", "28d", "30d", "calendar:week", "calendar:month", "calendar:quarter"]),
        objective in 0.5f64..0.99999,
        timeslice_target in prop::option::of(0.5f64..=1.0),
        start_secs in 1_700_000_000i64..1_900_000_000,
        buckets in prop::collection::vec(bucket(), 0..400),
    ) -> SloData {
        SloData {
            definition: SloDefinition {
                id: "p".into(),
                service: "s".into(),
                name: None,
                objective,
                window: window.parse().unwrap(),
                budgeting: if timeslice_target.is_some() { Budgeting::Timeslices } else { Budgeting::Occurrences },
                timeslice_target,
            },
            series: SliSeries::from_buckets(
                DateTime::from_timestamp(start_secs, 0).unwrap(),
                step.parse().unwrap(),
                buckets,
            ),
        }
    }
}

/// A report instant from a little before the data to well after it.
fn as_of_for(slo: &SloData, offset_ratio: f64) -> DateTime<Utc> {
    let span_secs = slo.series.step.secs() * (slo.series.len() as i64 + 100);
    slo.series.start + TimeDelta::seconds((offset_ratio * span_secs as f64) as i64 - 86_400)
}

proptest! {
    #[test]
    fn evaluations_stay_in_range(slo in slo_data(), offset in 0.0f64..1.2) {
        let e = evaluate(&slo, as_of_for(&slo, offset)).unwrap();
        prop_assert!((0.0..=1.0).contains(&e.coverage));
        if let Some(attainment) = e.attainment {
            prop_assert!((0.0..=1.0).contains(&attainment));
        }
        prop_assert_eq!(e.tally.good + e.tally.bad, e.tally.total);
        prop_assert!(e.window.end <= e.as_of && e.window.start < e.window.end);
        match (e.error_budget.consumed_ratio, e.error_budget.remaining_ratio) {
            (Some(consumed), Some(remaining)) => prop_assert_eq!(remaining, 1.0 - consumed),
            (None, None) => prop_assert_eq!(e.tally.total, 0),
            other => prop_assert!(false, "consumed and remaining disagree: {other:?}"),
        }
        for lookback in Lookback::ALL {
            if let Some(rate) = e.burn_rates.get(lookback) {
                prop_assert!(rate >= 0.0 && rate.is_finite());
            }
        }
    }

    #[test]
    fn the_index_agrees_with_the_direct_pass(slo in slo_data(), offsets in prop::collection::vec(0.0f64..1.2, 1..8)) {
        let index = SloIndex::new(&slo).unwrap();
        for offset in offsets {
            let as_of = as_of_for(&slo, offset);
            prop_assert_eq!(index.evaluate(as_of), evaluate(&slo, as_of));
        }
    }

    #[test]
    fn series_end_where_the_evaluation_is(slo in slo_data(), offset in 0.0f64..1.2) {
        let as_of = as_of_for(&slo, offset);
        let e = evaluate(&slo, as_of).unwrap();
        let everything = TimeRange { start: DateTime::<Utc>::MIN_UTC, end: DateTime::<Utc>::MAX_UTC };
        let down = burn_down(&slo, as_of, everything).unwrap();
        if let Some(last) = down.last() {
            prop_assert_eq!(Some(last.remaining_ratio), e.error_budget.remaining_ratio);
        }
        let rates = burn_rate_series(&slo, as_of, everything, Lookback::Hour1).unwrap();
        if let Some(last) = rates.last().filter(|point| point.at == e.window.end) {
            prop_assert_eq!(last.burn_rate, e.burn_rates.hour1);
        }
        let days = attainment_per_day(&slo, as_of, everything).unwrap();
        let counted: u64 = days.iter().map(|day| day.tally.data_buckets).sum();
        let known = slo.series.iter().take(((e.window.end - slo.series.start).num_seconds().max(0) / slo.series.step.secs()) as usize).flatten().count();
        prop_assert_eq!(counted, known as u64);
        exhaustion_forecast(&slo, as_of).unwrap();
    }

    #[test]
    fn no_instant_panics(slo in slo_data(), as_of_secs in -8_000_000_000_000i64..8_000_000_000_000, from_secs in -8_000_000_000_000i64..8_000_000_000_000) {
        let (Some(as_of), Some(from)) = (DateTime::from_timestamp(as_of_secs, 0), DateTime::from_timestamp(from_secs, 0)) else {
            return Ok(());
        };
        let range = TimeRange { start: from, end: as_of };
        let _ = evaluate(&slo, as_of);
        let _ = burn_down(&slo, as_of, range);
        let _ = burn_rate_series(&slo, as_of, range, Lookback::Days3);
        let _ = attainment_per_day(&slo, as_of, range);
        let _ = exhaustion_forecast(&slo, as_of);
        if let Ok(index) = SloIndex::new(&slo) {
            let _ = index.evaluate(as_of);
            let _ = index.tally_overlapping(from, as_of, as_of);
        }
    }
}
