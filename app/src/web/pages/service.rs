//! Service: the service's SLOs and its DORA numbers side by side, the change failures with the error
//! budget each burned, the deployments made while an SLO was breached, and its deployments and
//! incidents in the range.

use leptos::prelude::*;

use super::scorecard::scorecard_view;
use super::slo_table_view::slo_table;
use super::PageContext;
use crate::view_model::events::{deployments_in, incidents_in, DeploymentRow, IncidentRow};
use crate::view_model::join_rows::{
    breached_deployment_rows, failure_burn_rows, BREACHED_DEPLOYMENT_HEADER, FAILURE_BURN_HEADER,
};
use crate::view_model::slo_table::{slo_rows, Filter};
use crate::web::table::DataTable;
use crate::web::url_state::use_url_state;

pub fn service(context: &PageContext) -> impl IntoView {
    let url = use_url_state();
    let dataset = &context.loaded.dataset;
    let selected = context.route.service.as_ref().and_then(|id| dataset.services.iter().find(|s| &s.id == id));
    let Some(service) = selected.or_else(|| dataset.services.first()) else {
        return view! { <p>"No services in the data."</p> }.into_any();
    };
    let (start_secs, end_secs) = context.range_secs();
    let name = service.name.clone().unwrap_or_else(|| service.id.clone());
    let filter = Filter { team: None, service: Some(service.id.clone()) };
    let slos = slo_rows(dataset, &context.model.evaluations, &filter, context.route.sort.as_ref());
    let options = dataset
        .services
        .iter()
        .map(|s| {
            let label = s.name.clone().unwrap_or_else(|| s.id.clone());
            view! { <option value=s.id.clone() selected=s.id == service.id>{label}</option> }
        })
        .collect_view();
    let deployments = deployments_in(dataset, Some(&service.id), start_secs, end_secs);
    let incidents = incidents_in(dataset, Some(&service.id), start_secs, end_secs);
    view! {
        <h2 data-testid="service-name">{name.clone()}</h2>
        <label class="picker">
            "Service "
            <select data-testid="service-picker" on:change=move |event| {
                let service = Some(event_target_value(&event));
                url.update(|route| route.service = service);
            }>{options}</select>
        </label>
        <p>{format!("Team: {}", service.team.clone().unwrap_or_else(|| "none given".to_owned()))}</p>
        <div class="side-by-side">
        <section>
            <h3>"SLOs"</h3>
            {slo_table(&context.route, slos)}
        </section>
        <section>
            <h3>"Delivery (DORA)"</h3>
            {context.model.dora.as_ref().and_then(|dora| dora.services.get(&service.id)).map(|scope| scorecard_view(scope, "service-scorecard"))}
        </section>
        </div>
        {context.model.join.as_ref().map(|join| view! {
            <DataTable
                title=format!("Change failures of {name} and the error budget each burned")
                header=FAILURE_BURN_HEADER.to_vec()
                rows=failure_burn_rows(join, &service.id)
                test_id="failure-burn-table"
            />
            <DataTable
                title=format!("Deployments of {name} made while an SLO was breached")
                header=BREACHED_DEPLOYMENT_HEADER.to_vec()
                rows=breached_deployment_rows(join, &service.id)
                test_id="breached-deployments-table"
            />
        })}
        <DataTable title=format!("Deployments of {name} in the range") header=DeploymentRow::HEADER.to_vec() rows=deployments.iter().map(DeploymentRow::cells).collect() test_id="deployments-table"/>
        <DataTable title=format!("Incidents of {name} in the range") header=IncidentRow::HEADER.to_vec() rows=incidents.iter().map(IncidentRow::cells).collect() test_id="incidents-table"/>
    }
    .into_any()
}
