//! Parse + validate (+ merge) throughput of SLI-heavy snapshot JSON, in MB/s of JSON.
//!
//! Generated data: `UPTREND_BENCH_SLOS` SLOs (default 20; the full size is 200) with one year
//! of 5-minute buckets each (105,120 buckets), counts in the thousands, 2% of buckets without data.

use std::hint::black_box;

use chrono::{DateTime, TimeDelta, Utc};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use uptrend_core::load::load_snapshot;
use uptrend_core::model::{Budgeting, Service, SliData, Slo, Snapshot};
use uptrend_core::parse::parse_snapshot;
use uptrend_core::validate::validate_snapshot;

const BUCKETS_PER_SLO: usize = 365 * 24 * 12;

fn slo_count() -> usize {
    std::env::var("UPTREND_BENCH_SLOS").ok().and_then(|n| n.parse().ok()).unwrap_or(20)
}

/// A deterministic pseudo-random sequence (64-bit LCG), enough for varied digits.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }
}

fn generated_snapshot(slos: usize) -> Vec<u8> {
    let start: DateTime<Utc> = DateTime::UNIX_EPOCH + TimeDelta::days(20_454);
    let mut random = Lcg(42);
    let slos = (0..slos)
        .map(|i| {
            let (mut good, mut total) = (Vec::with_capacity(BUCKETS_PER_SLO), Vec::with_capacity(BUCKETS_PER_SLO));
            for _ in 0..BUCKETS_PER_SLO {
                let roll = random.next();
                if roll.is_multiple_of(50) {
                    good.push(None);
                    total.push(None);
                } else {
                    let count = 1_000 + roll % 4_000;
                    total.push(Some(count));
                    good.push(Some(count - (roll >> 12) % 5));
                }
            }
            Slo {
                id: format!("slo-{i}"),
                service: "checkout".into(),
                name: None,
                objective: 0.999,
                window: "28d".parse().unwrap_or_else(|_| unreachable!()),
                budgeting: Budgeting::Occurrences,
                timeslice_target: None,
                sli: SliData {
                    start,
                    step: "5m".parse().unwrap_or_else(|_| unreachable!()),
                    good: good.into(),
                    total: total.into(),
                },
            }
        })
        .collect();
    let snapshot = Snapshot {
        version: 1,
        generated_at: start + TimeDelta::days(365),
        services: vec![Service { id: "checkout".into(), name: None, team: None }],
        slos,
        deployments: Vec::new(),
        incidents: Vec::new(),
        platform: Default::default(),
    };
    serde_json::to_vec(&snapshot).unwrap_or_default()
}

fn parse_throughput(c: &mut Criterion) {
    let json = generated_snapshot(slo_count());
    let mut group = c.benchmark_group("snapshot input");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(json.len() as u64));
    group.bench_function("parse", |b| b.iter(|| parse_snapshot("bench.json", black_box(&json))));
    group.bench_function("parse + validate", |b| {
        b.iter(|| parse_snapshot("bench.json", black_box(&json)).map(|s| validate_snapshot("bench.json", &s)))
    });
    group.bench_function("parse + validate + merge (load_snapshot)", |b| {
        b.iter(|| load_snapshot("bench.json", black_box(&json)))
    });
    group.finish();
}

criterion_group!(benches, parse_throughput);
criterion_main!(benches);
