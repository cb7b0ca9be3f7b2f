//! Delivery (DORA): the deployments and incidents behind the delivery numbers, filtered by team
//! and service.

use leptos::prelude::*;

use super::filters::team_and_service_filters;
use super::PageContext;
use crate::view_model::events::{deployments_in, incidents_in, DeploymentRow, IncidentRow};
use crate::web::table::DataTable;

pub fn delivery(context: &PageContext) -> impl IntoView {
    let dataset = &context.loaded.dataset;
    let route = &context.route;
    let (start_secs, end_secs) = context.range_secs();
    let in_team = |service: &str| {
        route
            .team
            .as_ref()
            .is_none_or(|team| dataset.services.iter().any(|s| s.id == service && s.team.as_ref() == Some(team)))
    };
    let deployments: Vec<DeploymentRow> = deployments_in(dataset, route.service.as_deref(), start_secs, end_secs)
        .into_iter()
        .filter(|row| in_team(&row.service))
        .collect();
    let incidents: Vec<IncidentRow> = incidents_in(dataset, route.service.as_deref(), start_secs, end_secs)
        .into_iter()
        .filter(|row| in_team(&row.service))
        .collect();
    view! {
        <h2>"Delivery"</h2>
        {team_and_service_filters(dataset, route.team.clone(), route.service.clone())}
        <p class="pending">"Weekly and monthly trends of the five DORA metrics, the lead-time distribution and the per-service and per-team breakdowns appear here once the DORA engine is part of this build."</p>
        <DataTable title="Production deployments in the range".to_owned() header=DeploymentRow::HEADER.to_vec() rows=deployments.iter().map(DeploymentRow::cells).collect() test_id="deployments-table"/>
        <DataTable title="Incidents in the range".to_owned() header=IncidentRow::HEADER.to_vec() rows=incidents.iter().map(IncidentRow::cells).collect() test_id="incidents-table"/>
    }
}
