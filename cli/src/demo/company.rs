//! The fictional company behind the demo data (Acme): its teams, services and SLOs, and the
//! scripted events that make the data tell a story. Every instant is relative to `now`.

use chrono::{DateTime, TimeDelta, Utc};
use uptrend_core::model::{Budgeting, DeployStatus};
use uptrend_core::time::{Span, Window};

use super::traffic::TrafficShape;

/// The whole fictional company, as of `now`, with `history_start` the first instant of generated data.
#[derive(Debug, Clone)]
pub struct Company {
    pub title: String,
    pub now: DateTime<Utc>,
    pub history_start: DateTime<Utc>,
    pub teams: Vec<Team>,
    pub services: Vec<ServiceSpec>,
    pub slos: Vec<SloSpec>,
    pub scripted_incidents: Vec<ScriptedIncident>,
}

/// How a team delivers: what its deployments and recoveries look like.
#[derive(Debug, Clone)]
pub struct Team {
    pub id: &'static str,
    /// Mean production deployments per service on a weekday (weekends get a twentieth of it).
    pub deploys_per_weekday: f64,
    /// Median commit-to-production time; lead times are log-normal around it.
    pub lead_time_median_hours: f64,
    pub lead_time_sigma: f64,
    /// Share of deployments that fail or are rolled back.
    pub failure_ratio: f64,
    /// Median time from the start of a deployment-caused incident to its resolution.
    pub restore_median_minutes: f64,
    /// Changes per deployment are drawn from 1 to this.
    pub max_changes: u32,
}

#[derive(Debug, Clone)]
pub struct ServiceSpec {
    pub id: &'static str,
    pub name: &'static str,
    pub team: &'static str,
    /// Mean requests per hour over a day, at `now` (traffic grows over the year).
    pub requests_per_hour: f64,
    pub traffic: TrafficShape,
    /// Whether each production deployment is preceded by one to `staging`.
    pub has_staging: bool,
    /// A service onboarded during the history: from when it exists, and when it first deploys.
    pub onboarding: Option<ServiceOnboarding>,
    /// When the service moved onto the platform's CI templates: from then on it deploys more often
    /// in smaller batches and fails less (the story the platform page tells).
    pub ci_templates_since: Option<DateTime<Utc>>,
}

/// A new service's path to production.
#[derive(Debug, Clone, Copy)]
pub struct ServiceOnboarding {
    pub started_at: DateTime<Utc>,
    /// The first production deployment; `None`: it has not deployed by `now`.
    pub first_deploy_at: Option<DateTime<Utc>>,
    /// Completion as the team declared it, when it did.
    pub completed_at: Option<DateTime<Utc>>,
}

/// On CI templates: this many times the deployments, this share of the failure ratio and of the
/// median lead time.
pub const CI_TEMPLATES_DEPLOY_FACTOR: f64 = 1.6;
pub const CI_TEMPLATES_FAILURE_FACTOR: f64 = 0.4;
pub const CI_TEMPLATES_LEAD_TIME_FACTOR: f64 = 0.6;

/// An SLO and how its SLI behaves.
#[derive(Debug, Clone)]
pub struct SloSpec {
    pub id: &'static str,
    pub service: &'static str,
    pub name: &'static str,
    pub objective: f64,
    pub window: Window,
    pub budgeting: Budgeting,
    pub timeslice_target: Option<f64>,
    pub step: Span,
    /// The SLO exists (and has data) from this instant, aligned on `step`.
    pub since: DateTime<Utc>,
    /// Usual bad-event ratio as a multiple of the allowed one (0.3: burns 30% of the budget).
    pub baseline_burn: f64,
    /// Spread of the per-bucket bad ratio (sigma of a log-normal factor).
    pub burn_sigma: f64,
    pub gaps: Vec<SliGap>,
}

/// A period with no data (exporter down) or no traffic (traffic drained).
#[derive(Debug, Clone, Copy)]
pub struct SliGap {
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub kind: GapKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GapKind {
    NoData,
    NoTraffic,
}

/// An incident written into the story rather than drawn at random.
#[derive(Debug, Clone)]
pub struct ScriptedIncident {
    pub service: &'static str,
    pub severity: &'static str,
    pub started_at: DateTime<Utc>,
    /// `None`: still open at `now`.
    pub duration: Option<TimeDelta>,
    /// Bad-event ratio during the incident as a multiple of the allowed one.
    pub burn: f64,
    /// The deployment that caused it, when one did.
    pub cause: Option<ScriptedDeployment>,
}

#[derive(Debug, Clone, Copy)]
pub struct ScriptedDeployment {
    pub finished_at: DateTime<Utc>,
    pub status: DeployStatus,
}

const HISTORY_DAYS: i64 = 365;

impl Company {
    /// Acme as of `now`: three teams with very different delivery, eleven services (three
    /// onboarded during the year), fifteen SLOs.
    pub fn acme(now: DateTime<Utc>) -> anyhow::Result<Company> {
        let history_start = now - days(HISTORY_DAYS);
        let since = |days_ago: i64| now - days(days_ago);
        let slo = |id, service, name, objective, window: &str| -> anyhow::Result<SloSpec> {
            Ok(SloSpec {
                id,
                service,
                name,
                objective,
                window: window.parse()?,
                budgeting: Budgeting::Occurrences,
                timeslice_target: None,
                step: Span::HOUR,
                since: history_start,
                baseline_burn: 0.35,
                burn_sigma: 0.3,
                gaps: Vec::new(),
            })
        };
        let timeslices = |spec: SloSpec, target: f64| SloSpec {
            budgeting: Budgeting::Timeslices,
            timeslice_target: Some(target),
            burn_sigma: 0.25,
            ..spec
        };
        let slos = vec![
            SloSpec {
                step: "5m".parse()?,
                since: since(60),
                ..slo("checkout-availability", "checkout", "Checkout requests succeed", 0.999, "30d")?
            },
            timeslices(slo("checkout-latency", "checkout", "Checkout p95 latency under 400 ms", 0.99, "28d")?, 0.95),
            SloSpec {
                baseline_burn: 0.45,
                ..slo(
                    "payments-gateway-availability",
                    "payments-gateway",
                    "Card authorisations succeed",
                    0.9995,
                    "calendar:month",
                )?
            },
            SloSpec {
                since: since(100),
                ..timeslices(
                    slo("payments-gateway-latency", "payments-gateway", "Authorisation p99 under 1 s", 0.99, "28d")?,
                    0.99,
                )
            },
            slo("billing-run-success", "billing", "Billing job runs succeed", 0.99, "calendar:quarter")?,
            SloSpec {
                gaps: vec![gap(now - days(9) + hours(3), hours(6), GapKind::NoData)],
                ..slo("search-availability", "search", "Search queries succeed", 0.995, "28d")?
            },
            SloSpec {
                since: since(200),
                ..timeslices(slo("search-latency", "search", "Search p90 under 250 ms", 0.95, "calendar:week")?, 0.9)
            },
            slo("catalog-availability", "catalog", "Catalog reads succeed", 0.999, "30d")?,
            SloSpec {
                gaps: vec![gap(now - days(40) + hours(1), hours(10), GapKind::NoTraffic)],
                ..slo("recommendations-availability", "recommendations", "Recommendations served", 0.99, "28d")?
            },
            SloSpec {
                since: since(150),
                ..timeslices(
                    slo("recommendations-freshness", "recommendations", "Model features under 1 h old", 0.9, "7d")?,
                    0.95,
                )
            },
            SloSpec { baseline_burn: 0.25, ..slo("auth-availability", "auth", "Logins succeed", 0.9999, "30d")? },
            SloSpec {
                since: since(240),
                ..timeslices(slo("auth-latency", "auth", "Token checks under 50 ms", 0.99, "28d")?, 0.99)
            },
            SloSpec {
                gaps: vec![gap(now - days(130), days(3), GapKind::NoData)],
                ..slo("notifications-delivery", "notifications", "Notifications delivered", 0.99, "calendar:month")?
            },
            // A new SLO whose exporter has sent only nulls since it was set up: no data, not no traffic.
            SloSpec {
                since: since(21),
                gaps: vec![gap(since(21), days(21), GapKind::NoData)],
                ..slo("notifications-push-latency", "notifications", "Push sends under 2 s", 0.99, "28d")?
            },
            // A nightly export paused for the quarter-end freeze: data arrives, but with zero events.
            SloSpec {
                since: since(45),
                gaps: vec![gap(since(45), days(45), GapKind::NoTraffic)],
                ..slo("billing-export-success", "billing", "Ledger exports succeed", 0.995, "30d")?
            },
        ];
        Ok(Company {
            title: "Acme reliability".to_owned(),
            now,
            history_start,
            teams: teams(),
            services: services(now),
            slos,
            scripted_incidents: scripted_incidents(now),
        })
    }

    pub fn team(&self, id: &str) -> Option<&Team> {
        self.teams.iter().find(|team| team.id == id)
    }
}

fn teams() -> Vec<Team> {
    vec![
        // Small batches, trunk-based, fast automated checks: DORA's elite cluster.
        Team {
            id: "payments",
            deploys_per_weekday: 1.6,
            lead_time_median_hours: 3.0,
            lead_time_sigma: 0.9,
            failure_ratio: 0.04,
            restore_median_minutes: 35.0,
            max_changes: 3,
        },
        Team {
            id: "discovery",
            deploys_per_weekday: 0.8,
            lead_time_median_hours: 30.0,
            lead_time_sigma: 1.0,
            failure_ratio: 0.12,
            restore_median_minutes: 120.0,
            max_changes: 4,
        },
        // Fortnightly release trains with manual approval: large batches, long lead times, frequent
        // failures and slow recoveries.
        Team {
            id: "platform",
            deploys_per_weekday: 0.12,
            lead_time_median_hours: 288.0,
            lead_time_sigma: 0.7,
            failure_ratio: 0.3,
            restore_median_minutes: 1_800.0,
            max_changes: 8,
        },
    ]
}

fn services(now: DateTime<Utc>) -> Vec<ServiceSpec> {
    let service = |id, name, team, requests_per_hour| ServiceSpec {
        id,
        name,
        team,
        requests_per_hour,
        traffic: TrafficShape::AroundTheClock,
        has_staging: false,
        onboarding: None,
        ci_templates_since: None,
    };
    let ago = |days_ago: i64| Some(now - days(days_ago) + hours(10));
    // New services start on the CI templates the day their onboarding starts.
    let new_service =
        |spec: ServiceSpec, started: i64, first_deploy: Option<i64>, completed: Option<i64>| ServiceSpec {
            onboarding: ago(started).map(|started_at| ServiceOnboarding {
                started_at,
                first_deploy_at: first_deploy.and_then(|days| ago(started - days)),
                completed_at: completed.and_then(|days| ago(started - days)),
            }),
            ci_templates_since: ago(started),
            ..spec
        };
    vec![
        ServiceSpec { ci_templates_since: ago(240), ..service("checkout", "Checkout API", "payments", 24_000.0) },
        service("payments-gateway", "Payments gateway", "payments", 9_000.0),
        ServiceSpec { traffic: TrafficShape::BusinessDays, ..service("billing", "Billing jobs", "payments", 600.0) },
        ServiceSpec {
            has_staging: true,
            ci_templates_since: ago(200),
            ..service("search", "Search", "discovery", 36_000.0)
        },
        ServiceSpec { ci_templates_since: ago(150), ..service("catalog", "Catalog API", "discovery", 15_000.0) },
        ServiceSpec {
            ci_templates_since: ago(120),
            ..service("recommendations", "Recommendations", "discovery", 8_000.0)
        },
        service("auth", "Auth", "platform", 48_000.0),
        service("notifications", "Notifications", "platform", 5_000.0),
        // Onboarded during the year: first deployment 9 days in; declared complete 19 days in; not deployed yet.
        new_service(service("ledger", "Ledger", "payments", 2_000.0), 160, Some(9), None),
        new_service(service("reviews", "Reviews", "discovery", 3_000.0), 75, Some(21), Some(19)),
        new_service(service("fraud-scoring", "Fraud scoring", "payments", 1_000.0), 12, None, None),
    ]
}

fn scripted_incidents(now: DateTime<Utc>) -> Vec<ScriptedIncident> {
    vec![
        // Burning fast right now: a bad checkout deployment late on Friday, still open (a page alert).
        ScriptedIncident {
            service: "checkout",
            severity: "sev1",
            started_at: now - minutes(79),
            duration: None,
            burn: 60.0,
            cause: Some(ScriptedDeployment { finished_at: now - minutes(85), status: DeployStatus::Failed }),
        },
        // A database failover loop that spends the catalog's whole 30-day budget in an afternoon.
        ScriptedIncident {
            service: "catalog",
            severity: "sev1",
            started_at: now - days(11) + hours(13) + minutes(10),
            duration: Some(hours(6) + minutes(30)),
            burn: 250.0,
            cause: None,
        },
        // A slow-burning degradation nobody has closed yet.
        ScriptedIncident {
            service: "notifications",
            severity: "sev4",
            started_at: now - hours(51),
            duration: None,
            burn: 0.8,
            cause: None,
        },
    ]
}

fn gap(start: DateTime<Utc>, length: TimeDelta, kind: GapKind) -> SliGap {
    SliGap { start, end: start + length, kind }
}

pub fn days(count: i64) -> TimeDelta {
    TimeDelta::days(count)
}

pub fn hours(count: i64) -> TimeDelta {
    TimeDelta::hours(count)
}

pub fn minutes(count: i64) -> TimeDelta {
    TimeDelta::minutes(count)
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use chrono::TimeZone;

    use super::*;

    fn acme() -> Company {
        Company::acme(Utc.with_ymd_and_hms(2026, 11, 21, 0, 0, 0).unwrap()).unwrap()
    }

    #[test]
    fn eleven_services_three_of_them_new_in_three_teams_with_twelve_or_more_slos() {
        let company = acme();
        assert_eq!(company.services.len(), 11);
        assert_eq!(company.services.iter().filter(|s| s.onboarding.is_some()).count(), 3);
        assert_eq!(company.services.iter().map(|s| s.team).collect::<BTreeSet<_>>().len(), 3);
        assert!(company.slos.len() >= 12);
    }

    #[test]
    fn every_reference_resolves_and_ids_are_unique() {
        let company = acme();
        for service in &company.services {
            assert!(company.team(service.team).is_some(), "{}", service.id);
        }
        let service_ids: BTreeSet<_> = company.services.iter().map(|s| s.id).collect();
        assert_eq!(service_ids.len(), company.services.len());
        for slo in &company.slos {
            assert!(service_ids.contains(slo.service), "{}", slo.id);
            assert_eq!((slo.since - company.history_start).num_seconds() % slo.step.secs(), 0, "{}", slo.id);
        }
        assert_eq!(company.slos.iter().map(|s| s.id).collect::<BTreeSet<_>>().len(), company.slos.len());
    }

    #[test]
    fn both_budgeting_methods_and_both_window_kinds_appear() {
        let company = acme();
        let budgetings: BTreeSet<_> = company.slos.iter().map(|s| format!("{:?}", s.budgeting)).collect();
        assert_eq!(budgetings.len(), 2);
        assert!(company.slos.iter().any(|s| matches!(s.window, Window::Calendar(_))));
        assert!(company.slos.iter().any(|s| matches!(s.window, Window::Rolling(_))));
    }
}
