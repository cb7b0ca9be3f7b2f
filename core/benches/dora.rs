//! Time to compute the full DORA report (every scope, window, previous window, weekly and monthly
//! trends, tiers) on generated data: 1M deployments, 5M changes, 100k incidents over one year,
//! 200 services in 20 teams.
//!
//! `cargo bench -p uptrend-core --bench dora`

use std::hint::black_box;
use std::time::Duration;

use chrono::{DateTime, TimeDelta, Utc};
use criterion::{criterion_group, criterion_main, Criterion};
use uptrend_core::dora;
use uptrend_core::model::{Change, Dataset, DeployStatus, Deployment, Incident, Service};
use uptrend_core::time::Span;

const DEPLOYMENTS: usize = 1_000_000;
const CHANGES_PER_DEPLOYMENT: usize = 5;
const INCIDENTS: usize = 100_000;
const SERVICES: usize = 200;
const TEAMS: usize = 20;
const YEAR_SECS: i64 = 365 * 86_400;

/// SplitMix64: deterministic and dependency-free, enough to spread generated data.
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, bound: u64) -> u64 {
        self.next() % bound
    }
}

fn generate(start: DateTime<Utc>) -> Dataset {
    let mut random = SplitMix(42);
    let services: Vec<Service> = (0..SERVICES)
        .map(|i| Service { id: format!("svc-{i:03}"), name: None, team: Some(format!("team-{:02}", i % TEAMS)) })
        .collect();
    let step_secs = YEAR_SECS / DEPLOYMENTS as i64;
    let mut deployments: Vec<Deployment> = (0..DEPLOYMENTS)
        .map(|i| {
            let finished_at = start + TimeDelta::seconds(i as i64 * step_secs);
            let status = match random.below(100) {
                0..=5 => DeployStatus::Failed,
                6..=9 => DeployStatus::RolledBack,
                _ => DeployStatus::Succeeded,
            };
            // A tenth of the changes were already in the previous deployment (a redeploy after a failure).
            let changes = (0..CHANGES_PER_DEPLOYMENT)
                .map(|c| {
                    let id = if random.below(10) == 0 && i > 0 { (i - 1) * 5 + c } else { i * 5 + c };
                    let lead_secs = 60 + random.below(7 * 86_400) as i64;
                    Change::new(format!("{id:x}"), finished_at - TimeDelta::seconds(lead_secs))
                })
                .collect();
            Deployment {
                id: format!("dep-{i}").into(),
                service: services[random.below(SERVICES as u64) as usize].id.as_str().into(),
                environment: if random.below(20) == 0 { "staging" } else { "production" }.into(),
                finished_at,
                status,
                changes,
                production: None,
                fixes_incident: (random.below(20) == 0)
                    .then(|| format!("inc-{}", random.below(INCIDENTS as u64)).into()),
            }
        })
        .collect();
    deployments.sort_by(|a, b| (a.finished_at, &a.id).cmp(&(b.finished_at, &b.id)));
    let mut incidents: Vec<Incident> = (0..INCIDENTS)
        .map(|i| {
            let blamed = random.below(DEPLOYMENTS as u64) as usize;
            let started_at = deployments[blamed].finished_at + TimeDelta::seconds(random.below(3_600) as i64);
            Incident {
                id: format!("inc-{i}").into(),
                service: deployments[blamed].service.clone(),
                severity: None,
                started_at,
                resolved_at: (random.below(50) != 0)
                    .then(|| started_at + TimeDelta::seconds(300 + random.below(86_400) as i64)),
                caused_by: if random.below(10) < 6 { vec![deployments[blamed].id.clone()] } else { Vec::new() },
            }
        })
        .collect();
    incidents.sort_by(|a, b| (a.started_at, &a.id).cmp(&(b.started_at, &b.id)));
    Dataset {
        title: "bench".into(),
        latest_generated_at: None,
        services,
        slos: Vec::new(),
        deployments,
        incidents,
        platform: Default::default(),
    }
}

fn bench(c: &mut Criterion) {
    let start: DateTime<Utc> = DateTime::from_timestamp(1_763_000_000, 0).unwrap_or_default();
    let data = generate(start);
    let as_of = start + TimeDelta::seconds(YEAR_SECS);
    let window = dora::default_window();
    let mut group = c.benchmark_group("dora");
    group.sample_size(10).measurement_time(Duration::from_secs(20));
    group.bench_function("full report, 1M deployments, 5M changes, 100k incidents", |b| {
        b.iter(|| dora::compute(black_box(&data), as_of, window))
    });
    // What the site's range control costs once the facts and the window-free parts are kept.
    let facts = dora::DeliveryFacts::new(&data, as_of);
    group.bench_function("delivery facts", |b| b.iter(|| dora::DeliveryFacts::new(black_box(&data), as_of)));
    group.bench_function("window-free basis", |b| b.iter(|| dora::DoraBasis::new(black_box(&facts))));
    let basis = dora::DoraBasis::new(&facts);
    for days in [28, 365] {
        let period = dora::Period::ending_at(as_of, Span::from_secs(days * 86_400).unwrap_or(Span::WEEK));
        group.bench_function(format!("report over {days} days on a basis"), |b| {
            b.iter(|| dora::DoraReport::for_period_on(black_box(&facts), &basis, period))
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
