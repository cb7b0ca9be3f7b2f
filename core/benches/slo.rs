//! SLO engine throughput on generated data: 200 SLOs x 1 year x 5-minute buckets (21 024 000 buckets).
//!
//! `cargo bench -p uptrend-core --bench slo`. Reports buckets/s for `evaluate` alone (it reads only the
//! window), for `evaluate` plus every chart series over the whole year, and for building the prefix-sum
//! index the DORA join uses; and MB/s of snapshot JSON for the whole path from bytes to evaluations
//! (parse + validate + merge + evaluate every SLO).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::hint::black_box;

use chrono::{DateTime, TimeDelta, Utc};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use uptrend_core::load::load_snapshot;
use uptrend_core::model::{
    Budgeting, CountColumn, Counts, Service, SliData, SliSeries, Slo, SloData, SloDefinition, Snapshot,
};
use uptrend_core::slo::series::{attainment_per_day, burn_down, burn_rate_series, exhaustion_forecast};
use uptrend_core::slo::{evaluate, Lookback, SloIndex, TimeRange};

const SLOS: usize = 200;

type SeriesFn = fn(&SloData, DateTime<Utc>, TimeRange);
const BUCKETS_PER_SLO: usize = 365 * 288;

/// A small deterministic generator (xorshift), so runs are comparable without a dependency.
struct Xorshift(u64);

impl Xorshift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

fn generate(start: DateTime<Utc>) -> Vec<SloData> {
    let windows = ["28d", "30d", "7d", "calendar:month", "calendar:quarter", "calendar:week"];
    let mut rng = Xorshift(0x9E37_79B9_7F4A_7C15);
    (0..SLOS)
        .map(|i| {
            let buckets = (0..BUCKETS_PER_SLO)
                .map(|_| {
                    let r = rng.next();
                    if r.is_multiple_of(1000) {
                        return None;
                    }
                    let total = (r >> 10) % 5_000;
                    let bad = if (r >> 40).is_multiple_of(50) { total / 4 } else { total / 1000 };
                    Some(Counts { good: total - bad, total })
                })
                .collect::<Vec<_>>();
            let timeslices = i % 2 == 1;
            SloData {
                definition: SloDefinition {
                    id: format!("slo-{i}"),
                    service: format!("service-{}", i % 40),
                    name: None,
                    objective: 0.999,
                    window: windows[i % windows.len()].parse().unwrap(),
                    budgeting: if timeslices { Budgeting::Timeslices } else { Budgeting::Occurrences },
                    timeslice_target: timeslices.then_some(0.995),
                },
                series: SliSeries::from_buckets(start, "5m".parse().unwrap(), buckets),
            }
        })
        .collect()
}

/// The generated SLOs as one snapshot file, the way a user's pipeline would export them.
fn snapshot_json(slos: &[SloData], generated_at: DateTime<Utc>) -> Vec<u8> {
    let mut services: Vec<Service> =
        slos.iter().map(|slo| Service { id: slo.definition.service.clone(), name: None, team: None }).collect();
    services.sort_by(|a, b| a.id.cmp(&b.id));
    services.dedup();
    let column = |slo: &SloData, pick: fn(&Counts) -> u64| -> CountColumn {
        slo.series.iter().map(|bucket| bucket.as_ref().map(pick)).collect()
    };
    let slos = slos
        .iter()
        .map(|slo| {
            let d = &slo.definition;
            Slo {
                id: d.id.clone(),
                service: d.service.clone(),
                name: None,
                objective: d.objective,
                window: d.window,
                budgeting: d.budgeting,
                timeslice_target: d.timeslice_target,
                sli: SliData {
                    start: slo.series.start,
                    step: slo.series.step,
                    good: column(slo, |counts| counts.good),
                    total: column(slo, |counts| counts.total),
                },
            }
        })
        .collect();
    let snapshot = Snapshot {
        version: 1,
        generated_at,
        services,
        slos,
        deployments: Vec::new(),
        incidents: Vec::new(),
        platform: Default::default(),
    };
    serde_json::to_vec(&snapshot).unwrap()
}

fn bytes_to_evaluations(c: &mut Criterion) {
    let start: DateTime<Utc> = "2026-01-01T00:00:00Z".parse().unwrap();
    let as_of = start + TimeDelta::days(365);
    let json = snapshot_json(&generate(start), as_of);
    let loaded = load_snapshot("bench.json", &json);
    assert!(!loaded.has_errors() && loaded.dataset.slos.len() == SLOS, "{:?}", loaded.problems.first());
    drop(loaded);

    let mut group = c.benchmark_group("slo from JSON");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(json.len() as u64));
    group.bench_function(format!("parse + validate + merge + evaluate, {} MB", json.len() / 1_000_000), |b| {
        b.iter(|| {
            let loaded = load_snapshot("bench.json", black_box(&json));
            for slo in &loaded.dataset.slos {
                black_box(evaluate(slo, as_of).unwrap());
            }
        })
    });
    group.finish();
}

fn slo_engine(c: &mut Criterion) {
    let start: DateTime<Utc> = "2026-01-01T00:00:00Z".parse().unwrap();
    let slos = generate(start);
    let as_of = start + TimeDelta::days(365);
    let year = TimeRange { start, end: as_of };
    let all_buckets = (SLOS * BUCKETS_PER_SLO) as u64;
    let window_buckets: u64 = slos.iter().map(|slo| evaluate(slo, as_of).unwrap().window.buckets).sum();

    let mut group = c.benchmark_group("slo");
    group.sample_size(10);

    group.throughput(Throughput::Elements(window_buckets));
    group.bench_function("evaluate 200 SLOs (window buckets)", |b| {
        b.iter(|| {
            for slo in &slos {
                black_box(evaluate(slo, black_box(as_of)).unwrap());
            }
        })
    });

    group.throughput(Throughput::Elements(all_buckets));
    group.bench_function("evaluate + series over 1y, 200 SLOs (all buckets)", |b| {
        b.iter(|| {
            for slo in &slos {
                black_box(evaluate(slo, as_of).unwrap());
                black_box(attainment_per_day(slo, as_of, year).unwrap());
                black_box(burn_rate_series(slo, as_of, year, Lookback::Hour1).unwrap());
                black_box(burn_down(slo, as_of, year).unwrap());
                black_box(exhaustion_forecast(slo, as_of).unwrap());
            }
        })
    });

    let series: [(&str, SeriesFn); 4] = [
        ("attainment per day", |slo, as_of, range| drop(black_box(attainment_per_day(slo, as_of, range)))),
        ("burn rate 1h", |slo, as_of, range| drop(black_box(burn_rate_series(slo, as_of, range, Lookback::Hour1)))),
        ("burn-down", |slo, as_of, range| drop(black_box(burn_down(slo, as_of, range)))),
        ("forecast", |slo, as_of, _| drop(black_box(exhaustion_forecast(slo, as_of)))),
    ];
    for (name, series_fn) in series {
        group.bench_function(format!("series {name} over 1y, 200 SLOs (all buckets)"), |b| {
            b.iter(|| {
                for slo in &slos {
                    series_fn(slo, as_of, year);
                }
            })
        });
    }

    group.bench_function("index build + 1000 evaluations, 200 SLOs (all buckets)", |b| {
        b.iter(|| {
            for slo in &slos {
                let index = SloIndex::new(slo).unwrap();
                for hour in 0..1_000 {
                    black_box(index.evaluate(start + TimeDelta::hours(hour * 8)).unwrap());
                }
            }
        })
    });
    group.finish();
}

criterion_group!(benches, slo_engine, bytes_to_evaluations);
criterion_main!(benches);
