//! A service's part of the SLO x DORA join as table rows: the budget each change failure burned,
//! and the deployments made while one of its SLOs was breached.

use uptrend_core::join::JoinReport;

use crate::charts::time_ticks::format_instant;
use crate::charts::unit::Unit;

pub const FAILURE_BURN_HEADER: [&str; 4] = ["deployment", "failed (UTC)", "until (UTC)", "budget burned per SLO"];
pub const BREACHED_DEPLOYMENT_HEADER: [&str; 3] = ["deployment", "finished (UTC)", "SLOs breached then"];

/// One row per change failure of `service`: its SLOs' bad events as a share of their budgets.
pub fn failure_burn_rows(join: &JoinReport, service: &str) -> Vec<Vec<String>> {
    join.change_failures
        .iter()
        .filter(|failure| failure.service == service)
        .map(|failure| {
            let until = format_instant(failure.until.timestamp());
            let burns = failure
                .slos
                .iter()
                .map(|burn| {
                    let share = burn.budget_share.map_or_else(
                        || "no budget (no traffic)".to_owned(),
                        |share| Unit::Percent.format(share * 100.0),
                    );
                    format!(
                        "{}: {share} ({} bad of {} allowed)",
                        burn.slo,
                        uptrend_core::display::count_text(burn.bad),
                        uptrend_core::display::rounded_count_text(burn.allowed)
                    )
                })
                .collect::<Vec<_>>()
                .join("; ");
            vec![
                failure.deployment.to_string(),
                format_instant(failure.finished_at.timestamp()),
                if failure.open { format!("{until} (still open)") } else { until },
                burns,
            ]
        })
        .collect()
}

/// One row per deployment of `service` made while one of its SLOs was breached.
pub fn breached_deployment_rows(join: &JoinReport, service: &str) -> Vec<Vec<String>> {
    join.deployments_while_breached
        .get(service)
        .into_iter()
        .flatten()
        .map(|deployment| {
            vec![
                deployment.deployment.to_string(),
                format_instant(deployment.finished_at.timestamp()),
                deployment.breached_slos.join(", "),
            ]
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use chrono::{DateTime, Utc};
    use uptrend_core::dora::Period;
    use uptrend_core::join::{BreachedDeployment, FailureBudgetBurn, SloBurn};

    use super::*;

    fn at(secs: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(secs, 0).unwrap_or_default()
    }

    fn join() -> JoinReport {
        let burn = |slo: &str, bad, allowed, budget_share| SloBurn { slo: slo.to_owned(), bad, allowed, budget_share };
        JoinReport {
            window: Period { start: at(0), end: at(86_400) },
            change_failures: vec![
                FailureBudgetBurn {
                    deployment: "d1".into(),
                    service: "api".into(),
                    finished_at: at(3_600),
                    until: at(7_200),
                    open: false,
                    // 30 bad of 120 allowed: a quarter of the budget.
                    slos: vec![burn("api-avail", 30, 120.0, Some(0.25)), burn("api-latency", 0, 0.0, None)],
                },
                FailureBudgetBurn {
                    deployment: "d2".into(),
                    service: "web".into(),
                    finished_at: at(3_600),
                    until: at(86_400),
                    open: true,
                    slos: Vec::new(),
                },
            ],
            deployments_while_breached: BTreeMap::from([(
                "api".to_owned(),
                vec![BreachedDeployment {
                    deployment: "d3".into(),
                    finished_at: at(9_000),
                    breached_slos: vec!["api-avail".into(), "api-latency".into()],
                }],
            )]),
            bad_event_attribution: BTreeMap::new(),
            skipped_slos: Vec::new(),
        }
    }

    #[test]
    fn a_failure_lists_each_slo_burn_of_its_service_only() {
        let rows = failure_burn_rows(&join(), "api");
        assert_eq!(
            rows,
            [[
                "d1",
                "1970-01-01 01:00 UTC",
                "1970-01-01 02:00 UTC",
                "api-avail: 25 % (30 bad of 120 allowed); api-latency: no budget (no traffic) (0 bad of 0 allowed)"
            ]]
        );
        assert_eq!(failure_burn_rows(&join(), "web")[0][2], "1970-01-02 00:00 UTC (still open)");
    }

    #[test]
    fn deployments_while_breached_name_the_breached_slos() {
        assert_eq!(
            breached_deployment_rows(&join(), "api"),
            [["d3", "1970-01-01 02:30 UTC", "api-avail, api-latency"]]
        );
        assert!(breached_deployment_rows(&join(), "web").is_empty());
    }
}
