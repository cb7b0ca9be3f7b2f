//! One deployment, change or incident in detail: its fields, the records it links to (changes,
//! incidents caused or fixed, the deployment that fixed it) and, for a change failure, the error
//! budget it burned. Every id is a link; the close link drops the detail from the URL.

use std::collections::BTreeMap;

use leptos::prelude::*;
use uptrend_core::dora::stages::change_stages;
use uptrend_core::dora::{DeliveryFacts, Period, RecoveredBy, Recovery, Scope};
use uptrend_core::model::{Change, DeployStatus, Deployment};

use super::PageContext;
use crate::charts::time_ticks::format_instant;
use crate::charts::Unit;
use crate::html::Html;
use crate::route::{Detail, Route};
use crate::view_model::events::deploy_status_label;
use crate::web::html_view::{link_html, on_markup_click};
use crate::web::url_state::use_url_state;
use uptrend_core::display::duration_text;

pub fn record_detail(
    context: &PageContext,
    facts: &DeliveryFacts<'_>,
    detail: &Detail,
    names: &BTreeMap<String, String>,
) -> impl IntoView {
    let url = use_url_state();
    let route = &context.route;
    let mut html = Html::new();
    html.open("div", &[("class", Some("table-head"))]);
    match detail {
        Detail::Deployment(id) => deployment_detail(&mut html, context, facts, id, names),
        Detail::Change(id) => change_detail(&mut html, route, facts, id),
        Detail::Incident(id) => incident_detail(&mut html, route, facts, id, names),
    }
    html.open("span", &[("class", Some("close"))]);
    link_html(&mut html, &Route { detail: None, ..route.clone() }, None, "Close", Some("detail-close"));
    html.close("span").close("div");
    view! {
        <section
            class="record-detail"
            id="record-detail"
            data-testid="record-detail"
            aria-label="Record detail"
            inner_html=html.into_string()
            on:click=move |event| on_markup_click(&event, url, &[])
        ></section>
    }
}

fn name<'a>(names: &'a BTreeMap<String, String>, id: &'a str) -> &'a str {
    names.get(id).map_or(id, String::as_str)
}

fn deployment_link(html: &mut Html, route: &Route, id: &str) {
    let target = Route { detail: Some(Detail::Deployment(id.to_owned())), ..route.clone() };
    link_html(html, &target, Some("record-detail"), id, None);
}

fn incident_link(html: &mut Html, route: &Route, id: &str) {
    let target = Route { detail: Some(Detail::Incident(id.to_owned())), ..route.clone() };
    link_html(html, &target, Some("record-detail"), id, None);
}

/// A list of record links, each in a `span.id-list` (commas between them come from the style
/// sheet), or "none".
fn links(html: &mut Html, ids: &[&str], link: impl Fn(&mut Html, &str)) {
    if ids.is_empty() {
        html.text("none");
    }
    for id in ids {
        html.open("span", &[("class", Some("id-list"))]);
        link(html, id);
        html.close("span");
    }
}

/// `<dt>label</dt><dd>`: the caller writes the value and closes the `dd`.
fn field_open(html: &mut Html, label: &str) {
    html.element("dt", &[], label).open("dd", &[]);
}

fn field(html: &mut Html, label: &str, value: &str) {
    field_open(html, label);
    html.text(value).close("dd");
}

fn not_found(html: &mut Html, what: &str, id: &str) {
    html.element("p", &[], &format!("No {what} {id} in the data."));
}

fn deployment_detail(
    html: &mut Html,
    context: &PageContext,
    facts: &DeliveryFacts<'_>,
    id: &str,
    names: &BTreeMap<String, String>,
) {
    let route = &context.route;
    let dataset = facts.dataset();
    let Some(deployment) = dataset.deployments.iter().find(|d| d.id == id) else {
        return not_found(html, "deployment", id);
    };
    let known = facts.deployments().iter().find(|f| facts.deployment(f).is_some_and(|d| d.id == id));
    let all_time = Period { start: chrono::DateTime::<chrono::Utc>::MIN_UTC, end: facts.as_of() };
    let row = facts
        .deployments_in(&Scope::Service(deployment.service.to_string()), &all_time)
        .into_iter()
        .find(|r| r.id == id);
    let change_failure = known.is_some_and(|f| f.change_failure);
    let breached = context.model.join().and_then(|join| {
        join.deployments_while_breached
            .get(deployment.service.as_str())?
            .iter()
            .find(|b| b.deployment == id)
            .map(|b| b.breached_slos.join(", "))
    });
    let status = if deployment.is_production() {
        deploy_status_label(deployment.status).to_owned()
    } else {
        format!("{} ({}: not counted)", deploy_status_label(deployment.status), deployment.environment)
    };
    html.open("div", &[]).element("h4", &[], &format!("Deployment {id}")).open("dl", &[("class", Some("facts"))]);
    field(html, "service", name(names, &deployment.service));
    field(html, "finished", &format_instant(deployment.finished_at.timestamp()));
    field(html, "status", &status);
    field(html, "change failure", if change_failure { "yes" } else { "no" });
    if let Some(recovery) = known.and_then(|f| f.recovery) {
        field_open(html, "recovered");
        match recovery {
            Recovery::Open => {
                html.text("still open");
            }
            Recovery::Recovered { at, by } => {
                let secs = recovery.recovery_secs(deployment.finished_at).unwrap_or_default();
                html.text(&format!("{} after it, at {} ", duration_text(secs as f64), format_instant(at.timestamp())));
                match by {
                    RecoveredBy::IncidentsResolved => {
                        html.text("when the incidents it caused were resolved");
                    }
                    RecoveredBy::NextDeployment(index) => {
                        let next = dataset.deployments.get(index).map(|d| d.id.as_str()).unwrap_or_default();
                        html.text("by the next healthy deployment ");
                        deployment_link(html, route, next);
                    }
                }
            }
        }
        html.close("dd");
    }
    let caused: Vec<&str> = row.as_ref().map(|r| r.caused_incidents.to_vec()).unwrap_or_default();
    field_open(html, "caused incidents");
    links(html, &caused, |html, id| incident_link(html, route, id));
    html.close("dd");
    if let Some(incident) = deployment.fixes_incident.as_deref() {
        field_open(html, "fixes incident");
        incident_link(html, route, incident);
        html.close("dd");
    }
    if let Some(slos) = breached {
        field(html, "made while breached", &slos);
    }
    html.close("dl");
    let failure =
        context.model.join().and_then(|join| join.change_failures.iter().find(|failure| failure.deployment == id));
    if let Some(failure) = failure {
        html.element("h5", &[], "Error budget burned").open("ul", &[]);
        for burn in &failure.slos {
            let slo_name = dataset
                .slos
                .iter()
                .find(|slo| slo.definition.id == burn.slo)
                .and_then(|slo| slo.definition.name.clone())
                .unwrap_or_else(|| burn.slo.clone());
            let share = burn
                .budget_share
                .map_or_else(|| "no budget (no traffic)".to_owned(), |s| Unit::Percent.format(s * 100.0));
            let line = format!(
                "{slo_name}: {share} of its error budget ({} bad of {} allowed)",
                uptrend_core::display::count_text(burn.bad),
                uptrend_core::display::rounded_count_text(burn.allowed)
            );
            html.element("li", &[], &line);
        }
        html.close("ul");
    }
    html.element("h5", &[], &format!("Changes ({})", deployment.changes.len()));
    changes_table(html, deployment);
    html.close("div");
}

fn stage_cells(change: &Change, deployed: &Deployment) -> Vec<String> {
    let instant =
        |at: Option<chrono::DateTime<chrono::Utc>>| at.map_or_else(String::new, |at| format_instant(at.timestamp()));
    let review = change.review();
    let stages = change_stages(
        change.committed_at,
        review.pr_opened_at,
        review.approved_at,
        review.merged_at,
        deployed.finished_at,
    );
    let lead = deployed.finished_at.signed_duration_since(change.committed_at).num_seconds();
    let mut cells = vec![
        change.id.to_string(),
        format_instant(change.committed_at.timestamp()),
        instant(review.pr_opened_at),
        instant(review.approved_at),
        instant(review.merged_at),
        duration_text(lead as f64),
    ];
    cells.push(stages.map_or_else(
        || "no review instants".to_owned(),
        |[coding, review, merge, deploy]| {
            format!(
                "coding {}, review {}, merge {}, deploy {}",
                duration_text(coding as f64),
                duration_text(review as f64),
                duration_text(merge as f64),
                duration_text(deploy as f64)
            )
        },
    ));
    cells
}

fn changes_table(html: &mut Html, deployment: &Deployment) {
    html.open("div", &[("class", Some("scroll"))]).open("table", &[]).open("thead", &[]).open("tr", &[]);
    for name in ["change", "committed (UTC)", "PR opened", "approved", "merged", "lead time", "stages"] {
        html.element("th", &[("scope", Some("col"))], name);
    }
    html.close("tr").close("thead").open("tbody", &[]);
    for change in &deployment.changes {
        html.open("tr", &[]);
        for cell in stage_cells(change, deployment) {
            html.element("td", &[], &cell);
        }
        html.close("tr");
    }
    html.close("tbody").close("table").close("div");
}

fn change_detail(html: &mut Html, route: &Route, facts: &DeliveryFacts<'_>, id: &str) {
    let carrying: Vec<&Deployment> =
        facts.dataset().deployments.iter().filter(|d| d.changes.iter().any(|c| c.id == id)).collect();
    let first = carrying.iter().find(|d| d.is_production() && d.status == DeployStatus::Succeeded).or(carrying.first());
    let Some(first) = first else {
        return not_found(html, "change", id);
    };
    let change = first.changes.iter().find(|c| c.id == id);
    let cells = change.map(|change| stage_cells(change, first)).unwrap_or_default();
    let get = |index: usize| cells.get(index).map_or("", String::as_str);
    html.open("div", &[]).element("h4", &[], &format!("Change {id}")).open("dl", &[("class", Some("facts"))]);
    field(html, "committed", get(1));
    field(html, "PR opened", get(2));
    field(html, "approved", get(3));
    field(html, "merged", get(4));
    field_open(html, "first deployed by");
    deployment_link(html, route, &first.id);
    html.close("dd");
    field(html, "lead time", get(5));
    field(html, "stages", get(6));
    let deployments: Vec<&str> = carrying.iter().map(|d| d.id.as_str()).collect();
    field_open(html, "in deployments");
    links(html, &deployments, |html, id| deployment_link(html, route, id));
    html.close("dd").close("dl").close("div");
}

fn incident_detail(
    html: &mut Html,
    route: &Route,
    facts: &DeliveryFacts<'_>,
    id: &str,
    names: &BTreeMap<String, String>,
) {
    let dataset = facts.dataset();
    let Some(incident) = dataset.incidents.iter().find(|i| i.id == id) else {
        return not_found(html, "incident", id);
    };
    let resolved =
        facts.incidents().iter().find(|f| facts.incident(f).is_some_and(|i| i.id == id)).and_then(|f| f.resolved_at);
    let restore = resolved.map(|at| duration_text(at.signed_duration_since(incident.started_at).num_seconds() as f64));
    let caused_by: Vec<&str> = incident.caused_by.iter().map(|id| id.as_str()).collect();
    let fixed_by: Vec<&str> =
        dataset.deployments.iter().filter(|d| d.fixes_incident.as_deref() == Some(id)).map(|d| d.id.as_str()).collect();
    html.open("div", &[]).element("h4", &[], &format!("Incident {id}")).open("dl", &[("class", Some("facts"))]);
    field(html, "service", name(names, &incident.service));
    field(html, "severity", incident.severity.as_deref().unwrap_or("not given"));
    field(html, "started", &format_instant(incident.started_at.timestamp()));
    field(html, "resolved", &resolved.map_or_else(|| "unresolved".to_owned(), |at| format_instant(at.timestamp())));
    field(html, "time to restore", restore.as_deref().unwrap_or("open"));
    field_open(html, "caused by");
    links(html, &caused_by, |html, id| deployment_link(html, route, id));
    html.close("dd");
    field_open(html, "fixed by");
    links(html, &fixed_by, |html, id| deployment_link(html, route, id));
    html.close("dd").close("dl").close("div");
}
