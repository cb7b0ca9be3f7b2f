//! One deployment, change or incident in detail: its fields, the records it links to (changes,
//! incidents caused or fixed, the deployment that fixed it) and, for a change failure, the error
//! budget it burned. Every id is a link; the close link drops the detail from the URL.

use std::collections::BTreeMap;

use leptos::prelude::*;
use uptrend_core::dora::stages::change_stages;
use uptrend_core::dora::{DeliveryFacts, Period, RecoveredBy, Recovery, Scope};
use uptrend_core::model::{Change, DeployStatus, Deployment};

use super::route_link::{route_link, route_link_to};
use super::PageContext;
use crate::charts::time_ticks::format_instant;
use crate::charts::Unit;
use crate::route::{Detail, Route};
use crate::view_model::events::deploy_status_label;
use uptrend_core::display::duration_text;

pub fn record_detail(
    context: &PageContext,
    facts: &DeliveryFacts<'_>,
    detail: &Detail,
    names: &BTreeMap<String, String>,
) -> impl IntoView {
    let route = &context.route;
    let close = route_link(Route { detail: None, ..route.clone() }, "Close".to_owned(), Some("detail-close"));
    let body = match detail {
        Detail::Deployment(id) => deployment_detail(context, facts, id, names).into_any(),
        Detail::Change(id) => change_detail(route, facts, id).into_any(),
        Detail::Incident(id) => incident_detail(route, facts, id, names).into_any(),
    };
    view! {
        <section class="record-detail" id="record-detail" data-testid="record-detail" aria-label="Record detail">
            <div class="table-head">{body}<span class="close">{close}</span></div>
        </section>
    }
}

fn name<'a>(names: &'a BTreeMap<String, String>, id: &'a str) -> &'a str {
    names.get(id).map_or(id, String::as_str)
}

fn deployment_link(route: &Route, id: &str) -> AnyView {
    let target = Route { detail: Some(Detail::Deployment(id.to_owned())), ..route.clone() };
    route_link_to(target, id.to_owned(), "record-detail").into_any()
}

fn incident_link(route: &Route, id: &str) -> AnyView {
    let target = Route { detail: Some(Detail::Incident(id.to_owned())), ..route.clone() };
    route_link_to(target, id.to_owned(), "record-detail").into_any()
}

fn links(items: Vec<AnyView>) -> AnyView {
    if items.is_empty() {
        return view! { "none" }.into_any();
    }
    items.into_iter().map(|item| view! { <span class="id-list">{item}</span> }).collect_view().into_any()
}

fn field(label: &'static str, value: AnyView) -> impl IntoView {
    view! { <dt>{label}</dt><dd>{value}</dd> }
}

fn text(value: String) -> AnyView {
    view! { {value} }.into_any()
}

fn deployment_detail(
    context: &PageContext,
    facts: &DeliveryFacts<'_>,
    id: &str,
    names: &BTreeMap<String, String>,
) -> impl IntoView {
    let route = &context.route;
    let dataset = facts.dataset();
    let Some(deployment) = dataset.deployments.iter().find(|d| d.id == id) else {
        return view! { <p>{format!("No deployment {id} in the data.")}</p> }.into_any();
    };
    let known = facts.deployments().iter().find(|f| facts.deployment(f).is_some_and(|d| d.id == id));
    let all_time = Period { start: chrono::DateTime::<chrono::Utc>::MIN_UTC, end: facts.as_of() };
    let row =
        facts.deployments_in(&Scope::Service(deployment.service.clone()), &all_time).into_iter().find(|r| r.id == id);
    let change_failure = known.is_some_and(|f| f.change_failure);
    let recovery = known.and_then(|f| f.recovery).map(|recovery| match recovery {
        Recovery::Open => text("still open".to_owned()),
        Recovery::Recovered { at, by } => {
            let secs = recovery.recovery_secs(deployment.finished_at).unwrap_or_default();
            let how = match by {
                RecoveredBy::IncidentsResolved => text("when the incidents it caused were resolved".to_owned()),
                RecoveredBy::NextDeployment(index) => {
                    let next = dataset.deployments.get(index).map(|d| d.id.as_str()).unwrap_or_default();
                    view! { "by the next healthy deployment " {deployment_link(route, next)} }.into_any()
                }
            };
            view! { {format!("{} after it, at {} ", duration_text(secs as f64), format_instant(at.timestamp()))} {how} }
                .into_any()
        }
    });
    let caused: Vec<AnyView> =
        row.as_ref().map(|r| r.caused_incidents.iter().map(|i| incident_link(route, i)).collect()).unwrap_or_default();
    let fixes = deployment.fixes_incident.as_deref().map(|incident| incident_link(route, incident));
    let burns = context
        .model
        .join()
        .and_then(|join| join.change_failures.iter().find(|failure| failure.deployment == id))
        .map(|failure| {
            failure
                .slos
                .iter()
                .map(|burn| {
                    let slo_name = dataset
                        .slos
                        .iter()
                        .find(|slo| slo.definition.id == burn.slo)
                        .and_then(|slo| slo.definition.name.clone())
                        .unwrap_or_else(|| burn.slo.clone());
                    let share = burn.budget_share.map_or_else(|| "no budget (no traffic)".to_owned(), |s| Unit::Percent.format(s * 100.0));
                    view! { <li>{format!("{slo_name}: {share} of its error budget ({} bad of {} allowed)", uptrend_core::display::count_text(burn.bad), uptrend_core::display::rounded_count_text(burn.allowed))}</li> }
                })
                .collect_view()
        });
    let breached = context.model.join().and_then(|join| {
        join.deployments_while_breached
            .get(&deployment.service)?
            .iter()
            .find(|b| b.deployment == id)
            .map(|b| b.breached_slos.join(", "))
    });
    let status = if deployment.is_production() {
        deploy_status_label(deployment.status).to_owned()
    } else {
        format!("{} ({}: not counted)", deploy_status_label(deployment.status), deployment.environment)
    };
    view! {
        <div>
            <h4>{format!("Deployment {id}")}</h4>
            <dl class="facts">
                {field("service", text(name(names, &deployment.service).to_owned()))}
                {field("finished", text(format_instant(deployment.finished_at.timestamp())))}
                {field("status", text(status))}
                {field("change failure", text(if change_failure { "yes".to_owned() } else { "no".to_owned() }))}
                {recovery.map(|recovery| field("recovered", recovery))}
                {field("caused incidents", links(caused))}
                {fixes.map(|fixes| field("fixes incident", fixes))}
                {breached.map(|slos| field("made while breached", text(slos)))}
            </dl>
            {burns.map(|burns| view! { <h5>"Error budget burned"</h5><ul>{burns}</ul> })}
            <h5>{format!("Changes ({})", deployment.changes.len())}</h5>
            {changes_table(deployment)}
        </div>
    }
    .into_any()
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
        change.id.clone(),
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

fn changes_table(deployment: &Deployment) -> impl IntoView {
    let rows = deployment
        .changes
        .iter()
        .map(|change| {
            let cells =
                stage_cells(change, deployment).into_iter().map(|cell| view! { <td>{cell}</td> }).collect_view();
            view! { <tr>{cells}</tr> }
        })
        .collect_view();
    view! {
        <div class="scroll">
            <table>
                <thead><tr>
                    <th scope="col">"change"</th><th scope="col">"committed (UTC)"</th><th scope="col">"PR opened"</th>
                    <th scope="col">"approved"</th><th scope="col">"merged"</th><th scope="col">"lead time"</th><th scope="col">"stages"</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

fn change_detail(route: &Route, facts: &DeliveryFacts<'_>, id: &str) -> impl IntoView {
    let carrying: Vec<&Deployment> =
        facts.dataset().deployments.iter().filter(|d| d.changes.iter().any(|c| c.id == id)).collect();
    let first = carrying.iter().find(|d| d.is_production() && d.status == DeployStatus::Succeeded).or(carrying.first());
    let Some(first) = first else {
        return view! { <p>{format!("No change {id} in the data.")}</p> }.into_any();
    };
    let change = first.changes.iter().find(|c| c.id == id);
    let deployments: Vec<AnyView> = carrying.iter().map(|d| deployment_link(route, &d.id)).collect();
    let cells = change.map(|change| stage_cells(change, first)).unwrap_or_default();
    let get = |index: usize| cells.get(index).cloned().unwrap_or_default();
    view! {
        <div>
            <h4>{format!("Change {id}")}</h4>
            <dl class="facts">
                {field("committed", text(get(1)))}
                {field("PR opened", text(get(2)))}
                {field("approved", text(get(3)))}
                {field("merged", text(get(4)))}
                {field("first deployed by", deployment_link(route, &first.id))}
                {field("lead time", text(get(5)))}
                {field("stages", text(get(6)))}
                {field("in deployments", links(deployments))}
            </dl>
        </div>
    }
    .into_any()
}

fn incident_detail(
    route: &Route,
    facts: &DeliveryFacts<'_>,
    id: &str,
    names: &BTreeMap<String, String>,
) -> impl IntoView {
    let dataset = facts.dataset();
    let Some(incident) = dataset.incidents.iter().find(|i| i.id == id) else {
        return view! { <p>{format!("No incident {id} in the data.")}</p> }.into_any();
    };
    let resolved =
        facts.incidents().iter().find(|f| facts.incident(f).is_some_and(|i| i.id == id)).and_then(|f| f.resolved_at);
    let restore = resolved.map(|at| duration_text(at.signed_duration_since(incident.started_at).num_seconds() as f64));
    let caused_by: Vec<AnyView> = incident.caused_by.iter().map(|d| deployment_link(route, d)).collect();
    let fixed_by: Vec<AnyView> = dataset
        .deployments
        .iter()
        .filter(|d| d.fixes_incident.as_deref() == Some(id))
        .map(|d| deployment_link(route, &d.id))
        .collect();
    view! {
        <div>
            <h4>{format!("Incident {id}")}</h4>
            <dl class="facts">
                {field("service", text(name(names, &incident.service).to_owned()))}
                {field("severity", text(incident.severity.clone().unwrap_or_else(|| "not given".to_owned())))}
                {field("started", text(format_instant(incident.started_at.timestamp())))}
                {field("resolved", text(resolved.map_or_else(|| "unresolved".to_owned(), |at| format_instant(at.timestamp()))))}
                {field("time to restore", text(restore.unwrap_or_else(|| "open".to_owned())))}
                {field("caused by", links(caused_by))}
                {field("fixed by", links(fixed_by))}
            </dl>
        </div>
    }
    .into_any()
}
