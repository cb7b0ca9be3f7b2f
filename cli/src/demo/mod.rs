//! `uptrend demo`: deterministic data for a fictional company (same seed, same bytes).
//!
//! The `demo` scale is what ships in `data/`: a year of history for Acme (eleven services in three
//! teams, and its platform team's records) cut into overlapping exports. The `large` scale is for benchmarks, written as a stream.

mod company;
mod delivery;
mod ids;
mod large;
mod platform;
mod review;
mod rng;
mod sli;
mod slicing;
mod traffic;
mod writer;

use std::path::Path;

use chrono::{DateTime, TimeDelta, Utc};
use uptrend_core::model::{Manifest, Service, Slo, Snapshot};

use crate::byte_limit::ByteLimit;

use self::company::Company;
use self::slicing::FullHistory;

pub use self::large::{write_large, LargeSize};

/// The seed of the committed `data/`.
pub const DEFAULT_SEED: u64 = 2026;
/// The data's "now" by default: the latest export is generated at this instant.
pub const DEFAULT_NOW: &str = "2026-11-21T00:00:00Z";

/// The weekly exports after the history file, each carrying this many days.
const WEEKLY_EXPORTS: i64 = 3;
const WEEKLY_EXPORT_DAYS: i64 = 28;

/// The demo data set: a manifest and its snapshots, by path relative to the manifest.
#[derive(Debug, Clone)]
pub struct DemoFiles {
    pub manifest: Manifest,
    pub snapshots: Vec<(String, Snapshot)>,
}

/// Acme's history as of `now`, cut into one history export (everything up to three weeks before
/// `now`) and three weekly exports each carrying the last 28 days, so they overlap.
pub fn generate_demo(seed: u64, now: DateTime<Utc>) -> anyhow::Result<DemoFiles> {
    let company = Company::acme(now)?;
    let history = full_history(&company, seed);
    let history_until = now - TimeDelta::weeks(WEEKLY_EXPORTS);
    let mut snapshots = vec![(
        format!("snapshots/history-{}.json", history_until.format("%Y-%m-%d")),
        slicing::export(&history, company.history_start, history_until),
    )];
    for weeks_before_now in (0..WEEKLY_EXPORTS).rev() {
        let generated_at = now - TimeDelta::weeks(weeks_before_now);
        let from = generated_at - TimeDelta::days(WEEKLY_EXPORT_DAYS);
        snapshots.push((
            format!("snapshots/{}.json", generated_at.format("%Y-%m-%d")),
            slicing::export(&history, from, generated_at),
        ));
    }
    let manifest = Manifest {
        title: company.title,
        snapshots: snapshots.iter().map(|(path, _)| path.clone()).collect(),
        packed: Some(crate::pack::DEFAULT_NAME.to_owned()),
    };
    Ok(DemoFiles { manifest, snapshots })
}

/// Writes the demo data set under `out`: `index.json`, `snapshots/*.json` and their pack, which the
/// site reads (as a published site would after `uptrend pack`).
pub fn write_demo(out: &Path, seed: u64, now: DateTime<Utc>) -> anyhow::Result<()> {
    let files = generate_demo(seed, now)?;
    writer::write_pretty_json(&out.join("index.json"), &files.manifest)?;
    for (path, snapshot) in &files.snapshots {
        writer::write_json(&out.join(path), snapshot)?;
    }
    let mut summary = Vec::new();
    if crate::pack::write_pack(out, crate::pack::DEFAULT_NAME, ByteLimit { bytes: u64::MAX }, &mut summary)? {
        Ok(())
    } else {
        Err(anyhow::anyhow!("the demo data has errors: {}", String::from_utf8_lossy(&summary)))
    }
}

fn full_history(company: &Company, seed: u64) -> FullHistory {
    let mut delivery = delivery::generate(company, seed);
    review::add_review_instants(&mut delivery.deployments, seed);
    let services = company
        .services
        .iter()
        .map(|service| Service {
            id: service.id.to_owned(),
            name: Some(service.name.to_owned()),
            team: Some(service.team.to_owned()),
        })
        .collect();
    let slos = company
        .slos
        .iter()
        .filter_map(|spec| {
            let service = company.services.iter().find(|service| service.id == spec.service)?;
            let mut rng = rng::stream(seed, &format!("sli/{}", spec.id));
            Some(Slo {
                id: spec.id.to_owned(),
                service: spec.service.to_owned(),
                name: Some(spec.name.to_owned()),
                objective: spec.objective,
                window: spec.window,
                budgeting: spec.budgeting,
                timeslice_target: spec.timeslice_target,
                sli: sli::generate(spec, service, &delivery.burns, company.now, &mut rng),
            })
        })
        .collect();
    FullHistory {
        services,
        slos,
        deployments: delivery.deployments,
        incidents: delivery.incidents,
        platform: platform::generate(company, seed),
    }
}
