//! Cutting the company's full history into exports: what a pipeline running at `generated_at`
//! writes when it carries the data since `from`.

use std::collections::BTreeSet;

use chrono::{DateTime, TimeDelta, Utc};
use uptrend_core::model::{
    Adoption, Deployment, Id, Incident, Onboarding, Platform, Service, SliData, Slo, Snapshot, FORMAT_VERSION,
};

/// The full history that exports are cut from.
#[derive(Debug, Clone)]
pub struct FullHistory {
    pub services: Vec<Service>,
    /// Each SLO with its whole series.
    pub slos: Vec<Slo>,
    /// Sorted by `finished_at`.
    pub deployments: Vec<Deployment>,
    /// Sorted by `started_at`, with their final state.
    pub incidents: Vec<Incident>,
    /// The platform records with their final state.
    pub platform: Platform,
}

/// The snapshot exported at `generated_at` carrying SLI buckets, deployments and incidents from
/// `from` on, plus whatever those refer to, so that every reference resolves inside the file.
/// Incidents resolved after `generated_at` are still open in it.
pub fn export(history: &FullHistory, from: DateTime<Utc>, generated_at: DateTime<Utc>) -> Snapshot {
    let slos = history
        .slos
        .iter()
        .filter(|slo| slo.sli.start < generated_at)
        .map(|slo| Slo { sli: cut(&slo.sli, from, generated_at), ..slo.clone() })
        .collect();

    let mut deployment_ids: BTreeSet<&str> = history
        .deployments
        .iter()
        .filter(|d| from <= d.finished_at && d.finished_at < generated_at)
        .map(|d| d.id.as_str())
        .collect();
    let mut incident_ids: BTreeSet<&str> = history
        .incidents
        .iter()
        .filter(|i| from <= i.started_at && i.started_at < generated_at)
        .map(|i| i.id.as_str())
        .collect();
    // Referenced records happened before the referring ones, so they exist at `generated_at`.
    loop {
        let referenced_deployments: Vec<&str> = history
            .incidents
            .iter()
            .filter(|i| incident_ids.contains(i.id.as_str()))
            .flat_map(|i| i.caused_by.iter().map(Id::as_str))
            .filter(|id| !deployment_ids.contains(id))
            .collect();
        let referenced_incidents: Vec<&str> = history
            .deployments
            .iter()
            .filter(|d| deployment_ids.contains(d.id.as_str()))
            .filter_map(|d| d.fixes_incident.as_deref())
            .filter(|id| !incident_ids.contains(id))
            .collect();
        if referenced_deployments.is_empty() && referenced_incidents.is_empty() {
            break;
        }
        deployment_ids.extend(referenced_deployments);
        incident_ids.extend(referenced_incidents);
    }

    Snapshot {
        version: FORMAT_VERSION,
        generated_at,
        services: history.services.clone(),
        slos,
        deployments: history.deployments.iter().filter(|d| deployment_ids.contains(d.id.as_str())).cloned().collect(),
        incidents: history
            .incidents
            .iter()
            .filter(|i| incident_ids.contains(i.id.as_str()))
            .map(|i| Incident { resolved_at: i.resolved_at.filter(|resolved| *resolved <= generated_at), ..i.clone() })
            .collect(),
        platform: platform_as_of(&history.platform, generated_at),
    }
}

/// The platform records as an export at `generated_at` knows them: every capability, the adoptions,
/// onboardings and surveys begun or closed before it, drops and completions after it not yet made.
fn platform_as_of(platform: &Platform, generated_at: DateTime<Utc>) -> Platform {
    let before = |instant: DateTime<Utc>| instant < generated_at;
    Platform {
        capabilities: platform.capabilities.clone(),
        adoptions: platform
            .adoptions
            .iter()
            .filter(|a| before(a.adopted_at))
            .map(|a| Adoption { dropped_at: a.dropped_at.filter(|at| before(*at)), ..a.clone() })
            .collect(),
        onboardings: platform
            .onboardings
            .iter()
            .filter(|o| before(o.started_at))
            .map(|o| Onboarding { completed_at: o.completed_at.filter(|at| before(*at)), ..o.clone() })
            .collect(),
        surveys: platform.surveys.iter().filter(|s| before(s.closed_at)).cloned().collect(),
    }
}

/// The buckets of `sli` that lie inside `[from, until)`.
fn cut(sli: &SliData, from: DateTime<Utc>, until: DateTime<Utc>) -> SliData {
    let step_secs = sli.step.secs();
    let bucket_at_or_after = |instant: DateTime<Utc>| {
        let offset_secs = u64::try_from((instant - sli.start).num_seconds()).unwrap_or(0);
        let step = u64::try_from(step_secs).unwrap_or(1);
        usize::try_from(offset_secs.div_ceil(step)).unwrap_or(usize::MAX).min(sli.good.len())
    };
    let first = bucket_at_or_after(from);
    let end_secs = (until - sli.start).num_seconds().max(0);
    let last = usize::try_from(end_secs / step_secs).unwrap_or(usize::MAX).min(sli.good.len()).max(first);
    let first_secs = i64::try_from(first).unwrap_or(i64::MAX).saturating_mul(step_secs);
    SliData {
        start: sli.start + TimeDelta::seconds(first_secs),
        step: sli.step,
        good: sli.good.range(first, last).collect(),
        total: sli.total.range(first, last).collect(),
    }
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;
    use uptrend_core::model::{Budgeting, Change, DeployStatus};
    use uptrend_core::time::Span;

    use super::*;

    fn at(day: u32, hour: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, day, hour, 0, 0).unwrap()
    }

    fn deployment(id: &str, finished_at: DateTime<Utc>, fixes_incident: Option<&str>) -> Deployment {
        Deployment {
            id: id.into(),
            service: "api".into(),
            environment: "production".into(),
            finished_at,
            status: DeployStatus::Succeeded,
            changes: vec![Change::new(format!("c-{id}"), finished_at - TimeDelta::hours(1))],
            production: None,
            fixes_incident: fixes_incident.map(Into::into),
        }
    }

    fn history() -> FullHistory {
        FullHistory {
            services: vec![Service { id: "api".to_owned(), name: None, team: None }],
            slos: vec![Slo {
                id: "api-availability".to_owned(),
                service: "api".to_owned(),
                name: None,
                objective: 0.99,
                window: "7d".parse().unwrap(),
                budgeting: Budgeting::Occurrences,
                timeslice_target: None,
                sli: SliData {
                    start: at(1, 0),
                    step: Span::HOUR,
                    good: (0..48).map(Some).collect(),
                    total: (0..48).map(|i| Some(i + 1)).collect(),
                },
            }],
            deployments: vec![
                deployment("dep-1", at(1, 10), None),
                deployment("dep-2", at(2, 12), Some("INC-2")),
                deployment("dep-3", at(2, 20), None),
            ],
            incidents: vec![
                Incident {
                    id: "INC-1".into(),
                    service: "api".into(),
                    severity: None,
                    started_at: at(2, 11),
                    resolved_at: Some(at(2, 12)),
                    caused_by: vec!["dep-1".into()],
                },
                Incident {
                    id: "INC-2".into(),
                    service: "api".into(),
                    severity: None,
                    started_at: at(1, 23),
                    resolved_at: Some(at(2, 13)),
                    caused_by: Vec::new(),
                },
            ],
            platform: Platform {
                adoptions: vec![
                    Adoption {
                        service: "api".to_owned(),
                        capability: "ci".to_owned(),
                        adopted_at: at(1, 9),
                        dropped_at: Some(at(2, 13)),
                    },
                    Adoption {
                        service: "api".to_owned(),
                        capability: "db".to_owned(),
                        adopted_at: at(2, 12),
                        dropped_at: None,
                    },
                ],
                ..Platform::default()
            },
        }
    }

    #[test]
    fn platform_records_are_cut_to_what_is_known_at_generated_at() {
        let snapshot = export(&history(), at(1, 0), at(2, 12));
        // The db adoption happens at generated_at (not before it); the ci drop comes after it.
        assert_eq!(snapshot.platform.adoptions.len(), 1);
        assert_eq!(snapshot.platform.adoptions[0].dropped_at, None);
    }

    #[test]
    fn sli_buckets_are_cut_on_the_grid_between_from_and_generated_at() {
        // From 2026-11-01 10:30 (next boundary 11:00, bucket 11) to 2026-11-02 12:00 (bucket 36 excluded).
        let snapshot = export(&history(), at(1, 10) + TimeDelta::minutes(30), at(2, 12));
        let sli = &snapshot.slos[0].sli;
        assert_eq!(sli.start, at(1, 11));
        assert_eq!(sli.good, (11..36).map(Some).collect());
        assert_eq!(sli.total.len(), 25);
    }

    #[test]
    fn references_pull_in_older_records_and_later_resolutions_are_hidden() {
        // From 2026-11-02 00:00 to 12:30: INC-1 (started 11:00) needs dep-1 from the day before;
        // dep-2 (12:00) fixes INC-2, which started before `from`; INC-1's 12:00 resolution is known,
        // INC-2's 13:00 one is not yet; dep-3 (20:00) is in the future.
        let snapshot = export(&history(), at(2, 0), at(2, 12) + TimeDelta::minutes(30));
        let deployments: Vec<_> = snapshot.deployments.iter().map(|d| d.id.as_str()).collect();
        assert_eq!(deployments, ["dep-1", "dep-2"]);
        let incidents: Vec<_> = snapshot.incidents.iter().map(|i| (i.id.as_str(), i.resolved_at)).collect();
        assert_eq!(incidents, [("INC-1", Some(at(2, 12))), ("INC-2", None)]);
    }

    proptest::proptest! {
        #[test]
        fn cuts_stay_on_the_grid_inside_the_range(from_secs in -200_000i64..300_000, length_secs in 0i64..300_000) {
            let sli = &history().slos[0].sli;
            let from = sli.start + TimeDelta::seconds(from_secs);
            let until = from + TimeDelta::seconds(length_secs);
            let cut = cut(sli, from, until);
            proptest::prop_assert_eq!(cut.good.len(), cut.total.len());
            proptest::prop_assert_eq!((cut.start - sli.start).num_seconds() % 3_600, 0);
            proptest::prop_assert!(cut.start >= from.max(sli.start) || cut.good.is_empty());
            let cut_end = cut.start + TimeDelta::hours(i64::try_from(cut.good.len()).unwrap());
            proptest::prop_assert!(cut_end <= until || cut.good.is_empty());
            // The cut holds the same buckets as the full series at the same instants.
            let offset = usize::try_from((cut.start - sli.start).num_hours()).unwrap_or(0);
            for (index, good) in cut.good.iter().enumerate() {
                proptest::prop_assert_eq!(good, sli.good.get(offset + index));
            }
        }
    }

    #[test]
    fn slos_that_did_not_exist_yet_are_left_out() {
        assert!(export(&history(), at(1, 0) - TimeDelta::days(3), at(1, 0)).slos.is_empty());
    }
}
