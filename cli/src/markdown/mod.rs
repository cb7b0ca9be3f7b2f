//! The Markdown report, for PR comments and wikis: a summary table of SLOs (status, attainment,
//! budget remaining, alert), the DORA metrics with their tiers, overall, per team and per service, and the
//! platform (adoption, onboarding, capability comparisons, surveys).
//! Only presentation: every number comes from the core.

mod format;
mod platform;
mod table;

use std::fmt::Write;

use chrono::{DateTime, Utc};
use uptrend_core::dora::{DoraReport, ScopeReport, Tier, TierLevel};
use uptrend_core::join::JoinReport;
use uptrend_core::report::{Report, SloReport};
use uptrend_core::slo::{Alert, Status};
use uptrend_core::time::{CalendarPeriod, Window};

use self::format::{duration, number, objective, percent, UNDEFINED};
use self::table::{escape, Table};

/// The whole Markdown document of `report`.
pub fn render(report: &Report) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", escape(&report.title));
    let _ = writeln!(out, "Report at **{}**.\n", instant(report.as_of));
    render_slos(&mut out, &report.slos);
    render_dora(&mut out, &report.dora);
    render_policy_violations(&mut out, &report.join);
    platform::render_platform(&mut out, &report.platform);
    out
}

fn render_slos(out: &mut String, slos: &[SloReport]) {
    out.push_str("## SLOs\n\n");
    if slos.is_empty() {
        out.push_str("No SLOs in the data.\n\n");
        return;
    }
    let count = |status: Status| slos.iter().filter(|slo| slo.status == status).count();
    let paging = slos.iter().filter(|slo| slo.alert == Alert::Page).count();
    let _ = writeln!(
        out,
        "{} SLOs: {} breached, {} at risk, {} healthy, {} without data; {} paging.\n",
        slos.len(),
        count(Status::Breached),
        count(Status::AtRisk),
        count(Status::Healthy),
        count(Status::NoData),
        paging,
    );
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
    for slo in slos {
        table.row(vec![
            escape(&slo.id),
            escape(&slo.service),
            objective(slo.objective),
            window_label(slo.window_definition),
            status_label(slo.status).to_owned(),
            percent(slo.attainment, 3),
            percent(slo.error_budget.remaining, 1),
            alert_label(slo.alert).to_owned(),
        ]);
    }
    table.render(out);
    out.push('\n');
}

fn render_dora(out: &mut String, dora: &DoraReport) {
    out.push_str("## Delivery (DORA)\n\n");
    let window_days = (dora.window.end - dora.window.start).num_days();
    let _ = writeln!(
        out,
        "Production deployments from {} to {} ({window_days} days). Tiers: DORA {} performance clusters \
         (\"too few data\" below 5 samples).\n",
        instant(dora.window.start),
        instant(dora.window.end),
        dora.overall.tiers.deployment_frequency.report_year,
    );
    let mut table = Table::new(&[
        ("Scope", false),
        ("Deployments", true),
        ("Per day", true),
        ("Lead time (median)", true),
        ("Change fail rate", true),
        ("Recovery (median)", true),
        ("Rework rate", true),
        ("Incident restore (median)", true),
    ]);
    table.row(dora_row("**All services**".to_owned(), &dora.overall));
    for (team, scope) in &dora.teams {
        table.row(dora_row(format!("Team {}", escape(team)), scope));
    }
    for (service, scope) in &dora.services {
        table.row(dora_row(escape(service), scope));
    }
    table.render(out);
}

/// Deployments made while one of the service's SLOs was breached (from the SLO x DORA join),
/// listed only when there are some.
fn render_policy_violations(out: &mut String, join: &JoinReport) {
    let violations: Vec<_> = join
        .deployments_while_breached
        .iter()
        .flat_map(|(service, deployments)| deployments.iter().map(move |deployment| (service, deployment)))
        .collect();
    if violations.is_empty() {
        return;
    }
    out.push_str("\n## Deployments while an error budget was spent\n\n");
    let mut table =
        Table::new(&[("Service", false), ("Deployment", false), ("Finished", false), ("Breached SLOs", false)]);
    for (service, deployment) in violations {
        let breached: Vec<String> = deployment.breached_slos.iter().map(|slo| escape(slo)).collect();
        table.row(vec![
            escape(service),
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
    let label = match tier.level {
        TierLevel::Elite => "elite",
        TierLevel::High => "high",
        TierLevel::Medium => "medium",
        TierLevel::Low => "low",
        TierLevel::TooFewData => "too few data",
    };
    if value == UNDEFINED {
        value
    } else {
        format!("{value} ({label})")
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
    }
}

fn alert_label(alert: Alert) -> &'static str {
    match alert {
        Alert::Page => "**page**",
        Alert::Ticket => "ticket",
        Alert::None => "none",
    }
}

/// `28d`, `30d`, `calendar month`: rolling windows in days when whole.
fn window_label(window: Window) -> String {
    match window {
        Window::Rolling(span) if span.secs() % 86_400 == 0 => format!("{}d", span.secs() / 86_400),
        Window::Rolling(span) => span.to_string(),
        Window::Calendar(CalendarPeriod::Week) => "calendar week".to_owned(),
        Window::Calendar(CalendarPeriod::Month) => "calendar month".to_owned(),
        Window::Calendar(CalendarPeriod::Quarter) => "calendar quarter".to_owned(),
    }
}

fn instant(at: DateTime<Utc>) -> String {
    at.format("%Y-%m-%d %H:%M UTC").to_string()
}
