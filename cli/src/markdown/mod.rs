//! The Markdown report, for PR comments and wikis: SLOs sorted by severity (status, alert, budget
//! left), the DORA metrics against the previous window with median and p90 lead time, overall,
//! per team and per service, the budget each change failure burned, the deployments made while a
//! budget was spent, and the platform (adoption, onboarding, capability comparisons, surveys).
//! Services and SLOs are named by their names, linked to the site with `--site-url`. Only
//! presentation: every number comes from the core.

mod format;
mod links;
mod platform;
mod table;

use std::collections::BTreeMap;
use std::fmt::Write;

use chrono::{DateTime, Utc};
use uptrend_core::display;
use uptrend_core::dora::{DoraMetrics, DoraReport, ScopeReport, Tier, TierLevel};
use uptrend_core::join::JoinReport;
use uptrend_core::model::Service;
use uptrend_core::report::{by_severity, Report, SloReport, SloSummary};
use uptrend_core::slo::{Alert, Status};

use self::format::{duration, number, objective, percent, UNDEFINED};
use self::links::linked;
pub use self::links::SiteLinks;
use self::table::{escape, Table};

/// What the report is rendered with besides its numbers: service names and optional site links.
#[derive(Debug, Clone, Default)]
pub struct Context {
    /// Service id to display name.
    names: BTreeMap<String, String>,
    links: Option<SiteLinks>,
}

impl Context {
    pub fn new(services: &[Service], links: Option<SiteLinks>) -> Context {
        let names = services
            .iter()
            .map(|service| (service.id.clone(), service.name.clone().unwrap_or_else(|| service.id.clone())))
            .collect();
        Context { names, links }
    }

    fn service(&self, id: &str) -> String {
        let name = self.names.get(id).map_or(id, String::as_str);
        linked(escape(name), self.links.as_ref().map(|links| links.service(id)))
    }

    fn slo(&self, id: &str, name: Option<&str>) -> String {
        linked(escape(name.unwrap_or(id)), self.links.as_ref().map(|links| links.slo(id)))
    }
}

/// The whole Markdown document of `report`.
pub fn render(report: &Report, context: &Context) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", escape(&report.title));
    let _ = writeln!(out, "Report at **{}**.\n", instant(report.as_of));
    render_slos(&mut out, &report.slos, context);
    render_dora(&mut out, &report.dora, context);
    render_failure_burns(&mut out, report, context);
    render_policy_violations(&mut out, report, context);
    platform::render_platform(&mut out, &report.platform);
    out
}

/// The document of a data set without snapshots: its title and why there is nothing below it.
pub fn render_empty(title: &str) -> String {
    format!(
        "# {}\n\nNo snapshots: the data directory's `index.json` lists none, so there is nothing to report yet.\n",
        escape(title)
    )
}

fn render_slos(out: &mut String, slos: &[SloReport], context: &Context) {
    out.push_str("## SLOs\n\n");
    if slos.is_empty() {
        out.push_str("No SLOs in the data.\n\n");
        return;
    }
    let summary = SloSummary::of(slos);
    let sorted = by_severity(slos);
    let worst = sorted
        .first()
        .map_or_else(String::new, |slo| format!(" Most severe: {}.", escape(slo.name.as_deref().unwrap_or(&slo.id))));
    let _ = writeln!(out, "{} SLOs: {}.{worst}\n", slos.len(), summary.counts.sentence());
    let mut table = Table::new(&[
        ("SLO", false),
        ("Service", false),
        ("Objective", true),
        ("Window", false),
        ("Status", false),
        ("Attainment", true),
        ("Budget remaining", true),
        ("Alert", false),
    ]);
    for slo in sorted {
        table.row(vec![
            context.slo(&slo.id, slo.name.as_deref()),
            context.service(&slo.service),
            objective(slo.objective),
            display::window_in_words(slo.window_definition),
            status_label(slo.status).to_owned(),
            percent(slo.attainment, 3),
            percent(slo.error_budget.remaining, 1),
            alert_label(slo.alert).to_owned(),
        ]);
    }
    table.render(out);
    out.push('\n');
}

fn render_dora(out: &mut String, dora: &DoraReport, context: &Context) {
    out.push_str("## Delivery (DORA)\n\n");
    let window_days = (dora.window.end - dora.window.start).num_days();
    let _ = writeln!(
        out,
        "Production deployments of the last {window_days} days, {} to {}, compared with the {window_days} days \
         before ({} to {}). Tiers: DORA {} performance clusters (\"too few data\" below 5 samples).\n",
        instant(dora.window.start),
        instant(dora.window.end),
        instant(dora.previous_window.start),
        instant(dora.previous_window.end),
        dora.overall.tiers.deployment_frequency.report_year,
    );
    render_overall_change(out, &dora.overall);
    out.push_str("\n### By team and service\n\n");
    let mut table = Table::new(&[
        ("Scope", false),
        ("Deployments", true),
        ("Per day", true),
        ("Lead time (median)", true),
        ("Lead time (p90)", true),
        ("Change fail rate", true),
        ("Recovery (median)", true),
        ("Rework rate", true),
        ("Incident restore (median)", true),
    ]);
    table.row(dora_row("**All services**".to_owned(), &dora.overall));
    for (team, scope) in &dora.teams {
        table.row(dora_row(format!("Team {}", escape(team)), scope));
    }
    let mut services: Vec<(String, &ScopeReport)> =
        dora.services.iter().map(|(id, scope)| (context.service(id), scope)).collect();
    services.sort_by(|a, b| a.0.cmp(&b.0));
    for (service, scope) in services {
        table.row(dora_row(service, scope));
    }
    table.render(out);
}

/// One DORA metric of the overall table: label, value, whether lower is better, delta.
struct MetricLine {
    label: &'static str,
    value: fn(&DoraMetrics) -> Option<f64>,
    format: fn(Option<f64>) -> String,
    lower_is_better: bool,
    delta: Option<f64>,
    tier: Option<Tier>,
}

/// The overall scope against the previous window: value, previous value, change and its verdict.
fn render_overall_change(out: &mut String, overall: &ScopeReport) {
    let delta = &overall.delta;
    let tiers = &overall.tiers;
    let per_day = |value: Option<f64>| value.map_or_else(|| UNDEFINED.to_owned(), |v| format!("{v:.2}/day"));
    let rate = |value: Option<f64>| percent(value, 1);
    let lines = [
        MetricLine {
            label: "Deployment frequency",
            value: |m| m.deployments_per_day,
            format: per_day,
            lower_is_better: false,
            delta: delta.deployments_per_day,
            tier: Some(tiers.deployment_frequency),
        },
        MetricLine {
            label: "Change lead time (median)",
            value: |m| m.lead_time_seconds.median,
            format: duration,
            lower_is_better: true,
            delta: delta.lead_time_median_seconds,
            tier: Some(tiers.lead_time),
        },
        MetricLine {
            label: "Change lead time (p90)",
            value: |m| m.lead_time_seconds.p90,
            format: duration,
            lower_is_better: true,
            delta: delta.lead_time_p90_seconds,
            tier: None,
        },
        MetricLine {
            label: "Change fail rate",
            value: |m| m.change_failure_rate,
            format: rate,
            lower_is_better: true,
            delta: delta.change_failure_rate,
            tier: Some(tiers.change_failure_rate),
        },
        MetricLine {
            label: "Failed deployment recovery time (median)",
            value: |m| m.recovery_time_seconds.median,
            format: duration,
            lower_is_better: true,
            delta: delta.recovery_time_median_seconds,
            tier: Some(tiers.recovery_time),
        },
        MetricLine {
            label: "Deployment rework rate",
            value: |m| m.rework_rate,
            format: rate,
            lower_is_better: true,
            delta: delta.rework_rate,
            tier: None,
        },
        MetricLine {
            label: "Incident time to restore (median)",
            value: |m| m.incident_restore_seconds.median,
            format: duration,
            lower_is_better: true,
            delta: delta.incident_restore_median_seconds,
            tier: None,
        },
    ];
    let mut table = Table::new(&[
        ("All services", false),
        ("This window", true),
        ("Previous window", true),
        ("Change", true),
        ("Tier", false),
    ]);
    // The previous window lies before the data: no earlier value, no change to speak of.
    let no_earlier_data = !overall.previous_has_data;
    for line in lines {
        let change = match line.delta {
            _ if no_earlier_data => "no earlier data".to_owned(),
            None => UNDEFINED.to_owned(),
            Some(delta) => {
                let amount = match line.label {
                    "Change fail rate" | "Deployment rework rate" => format!("{:+.1} pp", delta * 100.0),
                    "Deployment frequency" => format!("{delta:+.2}/day"),
                    _ if delta < 0.0 => format!("-{}", duration(Some(-delta))),
                    _ => format!("+{}", duration(Some(delta))),
                };
                let verdict = if delta == 0.0 {
                    "unchanged"
                } else if (delta < 0.0) == line.lower_is_better {
                    "better"
                } else {
                    "worse"
                };
                format!("{amount}, {verdict}")
            }
        };
        table.row(vec![
            line.label.to_owned(),
            (line.format)((line.value)(&overall.metrics)),
            if no_earlier_data { UNDEFINED.to_owned() } else { (line.format)((line.value)(&overall.previous)) },
            change,
            line.tier.map_or_else(|| UNDEFINED.to_owned(), |tier| tier_word(tier).to_owned()),
        ]);
    }
    table.render(out);
    let stages = &overall.lead_time_stages;
    if stages.n > 0 {
        let _ = writeln!(
            out,
            "\nLead time by stage (median over the {} changes with review instants): coding {}, review {}, merge {}, \
             deploy {}.",
            stages.n,
            duration(stages.coding.median_seconds),
            duration(stages.review.median_seconds),
            duration(stages.merge.median_seconds),
            duration(stages.deploy.median_seconds),
        );
    }
}

/// A PR comment stays readable: the largest burns only (the JSON and the site have them all).
const SHOWN_FAILURES: usize = 10;

/// Each change failure of the window with the error budget it burned, the largest burn first.
fn render_failure_burns(out: &mut String, report: &Report, context: &Context) {
    let join = &report.join;
    if join.change_failures.is_empty() {
        return;
    }
    out.push_str("\n## Change failures and the error budget they burned\n\n");
    if let Some(links) = &context.links {
        let _ = writeln!(out, "[All change failures of the window on the site]({}).\n", links.change_failures());
    }
    let slo_names: BTreeMap<&str, Option<&str>> =
        report.slos.iter().map(|slo| (slo.id.as_str(), slo.name.as_deref())).collect();
    let largest = |failure: &uptrend_core::join::FailureBudgetBurn| {
        failure.slos.iter().filter_map(|burn| burn.budget_share).fold(0.0_f64, f64::max)
    };
    let mut failures: Vec<_> = join.change_failures.iter().collect();
    failures.sort_by(|a, b| largest(b).total_cmp(&largest(a)).then(a.finished_at.cmp(&b.finished_at)));
    let total = failures.len();
    failures.truncate(SHOWN_FAILURES);
    let _ = writeln!(
        out,
        "{}, each as the share of its SLOs' error budgets burned between the failure and its recovery.\n",
        if total > SHOWN_FAILURES {
            format!("The {SHOWN_FAILURES} largest burns of the {total} change failures of the window")
        } else {
            format!("The {total} change failures of the window, the largest burn first")
        }
    );
    let mut table = Table::new(&[
        ("Deployment", false),
        ("Service", false),
        ("Failed", false),
        ("Recovered", false),
        ("Budget burned", false),
    ]);
    for failure in failures {
        let burns: Vec<String> = failure
            .slos
            .iter()
            .map(|burn| {
                let name = context.slo(&burn.slo, slo_names.get(burn.slo.as_str()).copied().flatten());
                let share = percent(burn.budget_share, 1);
                format!(
                    "{name}: {share} ({} bad of {} allowed)",
                    display::count_text(burn.bad),
                    display::rounded_count_text(burn.allowed)
                )
            })
            .collect();
        table.row(vec![
            escape(&failure.deployment),
            context.service(&failure.service),
            instant(failure.finished_at),
            if failure.open { "still open".to_owned() } else { instant(failure.until) },
            if burns.is_empty() { "no SLO on this service".to_owned() } else { burns.join("; ") },
        ]);
    }
    table.render(out);
}

/// Deployments made while one of the service's SLOs was breached (from the SLO x DORA join),
/// listed only when there are some.
fn render_policy_violations(out: &mut String, report: &Report, context: &Context) {
    let join: &JoinReport = &report.join;
    let violations: Vec<_> = join
        .deployments_while_breached
        .iter()
        .flat_map(|(service, deployments)| deployments.iter().map(move |deployment| (service, deployment)))
        .collect();
    if violations.is_empty() {
        return;
    }
    let slo_names: BTreeMap<&str, Option<&str>> =
        report.slos.iter().map(|slo| (slo.id.as_str(), slo.name.as_deref())).collect();
    out.push_str("\n## Deployments while an error budget was spent\n\n");
    let mut table =
        Table::new(&[("Service", false), ("Deployment", false), ("Finished", false), ("Breached SLOs", false)]);
    for (service, deployment) in violations {
        let breached: Vec<String> = deployment
            .breached_slos
            .iter()
            .map(|slo| context.slo(slo, slo_names.get(slo.as_str()).copied().flatten()))
            .collect();
        table.row(vec![
            context.service(service),
            escape(&deployment.deployment),
            instant(deployment.finished_at),
            breached.join(", "),
        ]);
    }
    table.render(out);
}

fn dora_row(label: String, scope: &ScopeReport) -> Vec<String> {
    let metrics = &scope.metrics;
    let tiers = &scope.tiers;
    vec![
        label,
        metrics.deployments.to_string(),
        with_tier(number(metrics.deployments_per_day, 2), tiers.deployment_frequency),
        with_tier(duration(metrics.lead_time_seconds.median), tiers.lead_time),
        duration(metrics.lead_time_seconds.p90),
        with_tier(percent(metrics.change_failure_rate, 1), tiers.change_failure_rate),
        with_open(
            with_tier(duration(metrics.recovery_time_seconds.median), tiers.recovery_time),
            metrics.recovery_time_seconds.open,
        ),
        percent(metrics.rework_rate, 1),
        with_open(duration(metrics.incident_restore_seconds.median), metrics.incident_restore_seconds.open),
    ]
}

/// `0.40 (elite)`; an undefined value has no tier to show.
fn with_tier(value: String, tier: Tier) -> String {
    if value == UNDEFINED {
        value
    } else {
        format!("{value} ({})", tier_word(tier))
    }
}

fn tier_word(tier: Tier) -> &'static str {
    match tier.level {
        TierLevel::Elite => "elite",
        TierLevel::High => "high",
        TierLevel::Medium => "medium",
        TierLevel::Low => "low",
        TierLevel::TooFewData => "too few data",
    }
}

/// `1.8 h, 1 open`, or `1 open` when nothing has closed yet.
fn with_open(value: String, open: u64) -> String {
    match (open, value == UNDEFINED) {
        (0, _) => value,
        (_, true) => format!("{open} open"),
        (_, false) => format!("{value}, {open} open"),
    }
}

fn status_label(status: Status) -> &'static str {
    match status {
        Status::Breached => "**breached**",
        Status::AtRisk => "at risk",
        Status::Healthy => "healthy",
        Status::NoData => "no data",
        Status::NoTraffic => "no traffic",
    }
}

fn alert_label(alert: Alert) -> &'static str {
    match alert {
        Alert::Page => "**page**",
        Alert::Ticket => "ticket",
        Alert::None => "none",
    }
}

fn instant(at: DateTime<Utc>) -> String {
    at.format("%Y-%m-%d %H:%M UTC").to_string()
}
