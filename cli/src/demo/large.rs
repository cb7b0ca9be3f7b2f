//! The `large` scale for benchmarks (200 SLOs x 1 year x 5-minute buckets, 1M deployments, 5M
//! changes, 100k incidents), written as a stream: one SLO's series at a time, one deployment at a time.

use std::io::Write;
use std::path::Path;

use anyhow::Context;
use chrono::{DateTime, TimeDelta, Utc};
use compact_str::format_compact;
use indicatif::ProgressBar;
use rand::Rng;
use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution, LogNormal};
use serde::Serialize;
use uptrend_core::model::{
    Budgeting, Change, DeployStatus, Deployment, Id, Incident, Manifest, Service, Slo, FORMAT_VERSION,
};
use uptrend_core::time::Span;

use super::company::{GapKind, ServiceSpec, SliGap, SloSpec};
use super::ids::ChangeIds;
use super::rng::stream;
use super::sli;
use super::traffic::TrafficShape;
use super::writer;

/// How much the large data set holds.
#[derive(Debug, Clone, Copy)]
pub struct LargeSize {
    pub services: u64,
    pub teams: u64,
    pub slos: u64,
    pub history_days: i64,
    pub step: Span,
    pub deployments: u64,
    pub changes_per_deployment: u64,
    /// At most one per ten deployments: incident `k` is caused by deployment `10k + 3`.
    pub incidents: u64,
}

impl LargeSize {
    /// The benchmark size of the core issues: 21M SLI buckets, 1M deployments, 5M changes, 100k incidents.
    pub fn benchmark() -> LargeSize {
        LargeSize {
            services: 40,
            teams: 8,
            slos: 200,
            history_days: 365,
            // 300 s is positive, so the fallback is never taken.
            step: Span::from_secs(5 * 60).unwrap_or(Span::HOUR),
            deployments: 1_000_000,
            changes_per_deployment: 5,
            incidents: 100_000,
        }
    }

    /// `percent` of this size's SLOs, deployments and incidents (at least one SLO), over the same
    /// history: the benchmark's smaller sizes, each with the same shape.
    pub fn percent(self, percent: u64) -> LargeSize {
        let part = |count: u64| count.saturating_mul(percent) / 100;
        LargeSize {
            slos: part(self.slos).max(1),
            deployments: part(self.deployments),
            incidents: part(self.incidents),
            ..self
        }
    }
}

const SNAPSHOT_PATH: &str = "snapshots/large.json";
/// Deployments of one block of ten share a service (so an incident, its cause and its fix do).
const BLOCK: u64 = 10;

/// Writes `index.json` and one snapshot holding all of `size`, generated at `now`.
pub fn write_large(
    out: &Path,
    seed: u64,
    now: DateTime<Utc>,
    size: &LargeSize,
    progress: &ProgressBar,
) -> anyhow::Result<()> {
    let manifest =
        Manifest { title: "Large benchmark data".to_owned(), snapshots: vec![SNAPSHOT_PATH.to_owned()], packed: None };
    writer::write_pretty_json(&out.join("index.json"), &manifest)?;
    let path = out.join(SNAPSHOT_PATH);
    let mut file = writer::create(&path)?;
    let plan = Plan { seed, now, size: *size };
    plan.write_snapshot(&mut file, progress).with_context(|| format!("cannot write {}", path.display()))?;
    writer::finish(file, &path)
}

#[derive(Debug)]
struct Plan {
    seed: u64,
    now: DateTime<Utc>,
    size: LargeSize,
}

impl Plan {
    fn start(&self) -> DateTime<Utc> {
        self.now - TimeDelta::days(self.size.history_days)
    }

    fn write_snapshot(&self, out: &mut impl Write, progress: &ProgressBar) -> anyhow::Result<()> {
        let buckets_per_slo = (self.now - self.start()).num_seconds() / self.size.step.secs();
        // Progress counts SLI buckets, deployments and incidents written.
        progress.set_length(
            self.size
                .slos
                .saturating_mul(u64::try_from(buckets_per_slo)?)
                .saturating_add(self.size.deployments)
                .saturating_add(self.size.incidents),
        );
        write!(out, "{{\"version\":{FORMAT_VERSION},\"generated_at\":")?;
        serde_json::to_writer(&mut *out, &self.now)?;
        out.write_all(b",\"services\":")?;
        serde_json::to_writer(&mut *out, &self.services())?;

        out.write_all(b",\"slos\":")?;
        progress.set_message("SLI series");
        let mut rng = stream(self.seed, "large/sli");
        write_array(out, (0..self.size.slos).map(|index| self.slo(index, &mut rng)), |slo| {
            progress.inc(slo.sli.total.len() as u64);
        })?;

        out.write_all(b",\"deployments\":")?;
        progress.set_message("deployments");
        let mut rng = stream(self.seed, "large/deployments");
        let mut change_ids = ChangeIds::new(self.seed);
        write_array(
            out,
            (0..self.size.deployments).map(|index| self.deployment(index, &mut rng, &mut change_ids)),
            |_| {
                progress.inc(1);
            },
        )?;

        out.write_all(b",\"incidents\":")?;
        progress.set_message("incidents");
        write_array(out, (0..self.size.incidents).map(|index| self.incident(index)), |_| progress.inc(1))?;
        out.write_all(b"}")?;
        progress.finish_and_clear();
        Ok(())
    }

    fn services(&self) -> Vec<Service> {
        (0..self.size.services)
            .map(|index| Service {
                id: service_id(index).to_string(),
                name: Some(format!("Service {index}")),
                team: Some(format!("team-{}", index % self.size.teams.max(1))),
            })
            .collect()
    }

    /// SLO `index`: a mix of objectives, windows and both budgeting methods; every 37th has a day without data.
    fn slo(&self, index: u64, rng: &mut ChaCha8Rng) -> Slo {
        const OBJECTIVES: [f64; 4] = [0.99, 0.995, 0.999, 0.9995];
        const WINDOWS: [&str; 4] = ["28d", "30d", "7d", "calendar:month"];
        let position = usize::try_from(index % 4).unwrap_or(0);
        let service_index = index % self.size.services.max(1);
        let timeslices = index % 4 == 1;
        let start = self.start();
        let spec = SloSpec {
            id: "large",
            service: "large",
            name: "large",
            objective: OBJECTIVES[position],
            window: WINDOWS[position].parse().unwrap_or(uptrend_core::time::Window::Rolling(Span::WEEK)),
            budgeting: if timeslices { Budgeting::Timeslices } else { Budgeting::Occurrences },
            timeslice_target: timeslices.then_some(0.95),
            step: self.size.step,
            since: start,
            baseline_burn: 0.4,
            burn_sigma: 0.3,
            gaps: if index.is_multiple_of(37) {
                let gap_start = start + TimeDelta::days(self.size.history_days / 2);
                vec![SliGap { start: gap_start, end: gap_start + TimeDelta::days(1), kind: GapKind::NoData }]
            } else {
                Vec::new()
            },
        };
        let service = ServiceSpec {
            id: "large",
            name: "large",
            team: "large",
            requests_per_hour: 1_000.0 + 400.0 * (service_index % 10) as f64,
            traffic: TrafficShape::AroundTheClock,
            has_staging: false,
            onboarding: None,
            ci_templates_since: None,
        };
        Slo {
            id: format!("slo-{index:04}"),
            service: service_id(service_index).to_string(),
            name: None,
            objective: spec.objective,
            window: spec.window,
            budgeting: spec.budgeting,
            timeslice_target: spec.timeslice_target,
            sli: sli::generate(&spec, &service, &[], self.now, rng),
        }
    }

    /// Deployment `index`, evenly spaced over the history. In each block of ten, the fourth fails
    /// (and causes the block's incident) and the last is the hotfix; one in fifty is rolled back.
    fn deployment(&self, index: u64, rng: &mut ChaCha8Rng, change_ids: &mut ChangeIds) -> Deployment {
        let finished_at = self.finished_at(index);
        let lead_time = LogNormal::new((86_400.0_f64).ln(), 1.2).ok();
        let changes = (0..self.size.changes_per_deployment)
            .map(|_| {
                let lead_secs = lead_time.map_or(86_400.0, |distribution| distribution.sample(rng)).max(60.0);
                Change::new(change_ids.next_id(), finished_at - TimeDelta::seconds(lead_secs as i64))
            })
            .collect();
        let incident = index / BLOCK;
        let status = match index % BLOCK {
            3 => DeployStatus::Failed,
            _ if index % 50 == 17 => DeployStatus::RolledBack,
            _ => DeployStatus::Succeeded,
        };
        let environment = if rng.random_bool(0.05) { "staging" } else { "production" };
        Deployment {
            id: deployment_id(index),
            service: service_id(self.service_of(index)),
            environment: if status == DeployStatus::Succeeded { environment } else { "production" }.into(),
            finished_at,
            status,
            changes,
            production: None,
            fixes_incident: (index % BLOCK == BLOCK - 1 && incident < self.size.incidents)
                .then(|| incident_id(incident)),
        }
    }

    /// Incident `index`: caused by deployment `10 * index + 3`, fixed by deployment `10 * index + 9`
    /// (open when that one is past the end).
    fn incident(&self, index: u64) -> Incident {
        let cause = index * BLOCK + 3;
        let fix = index * BLOCK + BLOCK - 1;
        Incident {
            id: incident_id(index),
            service: service_id(self.service_of(cause)),
            severity: Some(if index.is_multiple_of(5) { "sev2" } else { "sev3" }.to_owned()),
            started_at: self.finished_at(cause) + TimeDelta::seconds(30),
            resolved_at: (fix < self.size.deployments).then(|| self.finished_at(fix) + TimeDelta::seconds(60)),
            caused_by: (cause < self.size.deployments).then(|| deployment_id(cause)).into_iter().collect(),
        }
    }

    fn finished_at(&self, index: u64) -> DateTime<Utc> {
        let history_secs = u64::try_from((self.now - self.start()).num_seconds()).unwrap_or(0);
        let offset_secs = u128::from(index) * u128::from(history_secs) / u128::from(self.size.deployments.max(1));
        self.start() + TimeDelta::seconds(i64::try_from(offset_secs).unwrap_or(0))
    }

    fn service_of(&self, index: u64) -> u64 {
        ((index / BLOCK).wrapping_mul(2_654_435_761) >> 7) % self.size.services.max(1)
    }
}

fn service_id(index: u64) -> Id {
    format_compact!("svc-{index:02}")
}

fn deployment_id(index: u64) -> Id {
    format_compact!("dep-{index:07}")
}

fn incident_id(index: u64) -> Id {
    format_compact!("INC-{index:06}")
}

/// Writes `items` as a JSON array, one at a time, calling `written` after each.
fn write_array<T: Serialize>(
    out: &mut impl Write,
    items: impl Iterator<Item = T>,
    mut written: impl FnMut(&T),
) -> anyhow::Result<()> {
    out.write_all(b"[")?;
    for (position, item) in items.enumerate() {
        if position > 0 {
            out.write_all(b",")?;
        }
        serde_json::to_writer(&mut *out, &item)?;
        written(&item);
    }
    out.write_all(b"]")?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;
    use uptrend_core::model::Snapshot;

    use super::*;

    const TINY: LargeSize = LargeSize {
        services: 3,
        teams: 2,
        slos: 5,
        history_days: 2,
        step: Span::HOUR,
        deployments: 95,
        changes_per_deployment: 2,
        incidents: 10,
    };

    fn tiny_snapshot() -> Snapshot {
        let plan = Plan { seed: 3, now: Utc.with_ymd_and_hms(2026, 11, 21, 0, 0, 0).unwrap(), size: TINY };
        let mut bytes = Vec::new();
        plan.write_snapshot(&mut bytes, &ProgressBar::hidden()).unwrap();
        serde_json::from_slice(&bytes).unwrap()
    }

    #[test]
    fn a_percentage_scales_slos_deployments_and_incidents_alike() {
        let quarter = LargeSize::benchmark().percent(25);
        assert_eq!((quarter.slos, quarter.deployments, quarter.incidents), (50, 250_000, 25_000));
        assert_eq!((quarter.services, quarter.history_days, quarter.step), (40, 365, Span::from_secs(300).unwrap()));
        assert_eq!(LargeSize::benchmark().percent(100).deployments, 1_000_000);
        assert_eq!(TINY.percent(1).slos, 1);
    }

    #[test]
    fn the_stream_is_one_snapshot_of_the_requested_size() {
        let snapshot = tiny_snapshot();
        assert_eq!(snapshot.services.len(), 3);
        assert_eq!(snapshot.slos.len(), 5);
        assert!(snapshot.slos.iter().all(|slo| slo.sli.good.len() == 48));
        assert_eq!(snapshot.deployments.len(), 95);
        assert_eq!(snapshot.deployments.iter().map(|d| d.changes.len()).sum::<usize>(), 190);
        assert_eq!(snapshot.incidents.len(), 10);
    }

    #[test]
    fn incidents_share_the_service_of_their_cause_and_fix() {
        let snapshot = tiny_snapshot();
        for incident in &snapshot.incidents {
            let cause = snapshot.deployments.iter().find(|d| d.id == incident.caused_by[0]).unwrap();
            assert_eq!(cause.service, incident.service);
            assert_eq!(cause.status, DeployStatus::Failed);
            assert!(cause.finished_at < incident.started_at);
        }
        // Incident 9 is fixed by deployment 99, past the 95 made: still open.
        assert_eq!(snapshot.incidents[9].resolved_at, None);
        let fix = snapshot.deployments.iter().find(|d| d.fixes_incident.as_deref() == Some("INC-000000")).unwrap();
        assert_eq!((fix.id.as_str(), fix.service.as_str()), ("dep-0000009", snapshot.incidents[0].service.as_str()));
    }
}
