//! SLO detail: the definition in words, the SLI's recorded traffic with deployments and incidents,
//! and the tables of deployments and incidents in the range.

use leptos::prelude::*;
use uptrend_core::model::{Budgeting, SloData};

use super::PageContext;
use crate::charts::{Overlays, Style, TimeChart, Unit};
use crate::view_model::events::{deployments_in, incidents_in, DeploymentRow, IncidentRow};
use crate::view_model::traffic::traffic_series;
use crate::web::chart_view::{ChartView, Drawn};
use crate::web::table::DataTable;
use crate::web::url_state::use_url_state;

pub fn slo_detail(context: &PageContext) -> impl IntoView {
    let dataset = &context.loaded.dataset;
    let selected = context.route.slo.as_ref().and_then(|id| dataset.slos.iter().find(|slo| &slo.definition.id == id));
    let Some(slo) = selected.or_else(|| dataset.slos.first()) else {
        return view! { <p>"No SLOs in the data."</p> }.into_any();
    };
    let (start_secs, end_secs) = context.range_secs();
    let service = slo.definition.service.as_str();
    let deployments = deployments_in(dataset, Some(service), start_secs, end_secs);
    let incidents = incidents_in(dataset, Some(service), start_secs, end_secs);
    let name = slo.definition.name.clone().unwrap_or_else(|| slo.definition.id.clone());
    let title = format!("Recorded events per {} bucket", slo.series.step);
    let (total, bad) = traffic_series(slo);
    let chart = TimeChart {
        title: title.clone(),
        width_px: context.chart_width_px,
        height_px: 300,
        start_secs,
        end_secs,
        value_label: "events".to_owned(),
        unit: Unit::Count,
        value_range: None,
        style: Style::Lines,
        series: vec![total, bad],
        forecast: None,
        overlays: Overlays {
            thresholds: Vec::new(),
            deployments: deployments.iter().map(DeploymentRow::marker).collect(),
            incidents: incidents.iter().map(IncidentRow::band).collect(),
        },
    };
    let drawn = chart.render().map(Drawn::Time);
    view! {
        <h2 data-testid="slo-name">{name.clone()}</h2>
        {slo_picker(context, &slo.definition.id)}
        <section class="definition" data-testid="slo-definition">
            <h3>"Definition"</h3>
            <p>{definition_in_words(slo)}</p>
        </section>
        <p class="pending">"Attainment per day, the error-budget burn-down with its forecast and the burn rate with alert thresholds appear here once the SLO engine is part of this build."</p>
        <ChartView title drawn test_id="traffic-chart"/>
        <DataTable title=format!("Deployments of {service} in the range") header=DeploymentRow::HEADER.to_vec() rows=deployments.iter().map(DeploymentRow::cells).collect() test_id="deployments-table"/>
        <DataTable title=format!("Incidents of {service} in the range") header=IncidentRow::HEADER.to_vec() rows=incidents.iter().map(IncidentRow::cells).collect() test_id="incidents-table"/>
    }
    .into_any()
}

fn definition_in_words(slo: &SloData) -> String {
    let definition = &slo.definition;
    let objective = Unit::Percent.format(definition.objective * 100.0);
    let budget = Unit::Percent.format(100.0 - definition.objective * 100.0);
    let counting = match definition.budgeting {
        Budgeting::Occurrences => format!(
            "good events divided by all events over the window must be at least {objective}; the error budget is the {budget} of events that may fail"
        ),
        Budgeting::Timeslices => format!(
            "the share of good {} slices (a slice is good when its ratio meets {}) over the window must be at least {objective}; the error budget is the {budget} of slices that may be bad",
            slo.series.step,
            definition.timeslice_target.map_or_else(|| "its target".to_owned(), |target| Unit::Percent.format(target * 100.0)),
        ),
    };
    format!("Service {}, window {}: {counting}.", definition.service, definition.window)
}

fn slo_picker(context: &PageContext, selected: &str) -> impl IntoView {
    let url = use_url_state();
    let options = context
        .loaded
        .dataset
        .slos
        .iter()
        .map(|slo| {
            let id = slo.definition.id.clone();
            let label =
                format!("{} · {}", slo.definition.service, slo.definition.name.clone().unwrap_or_else(|| id.clone()));
            view! { <option value=id.clone() selected=id == selected>{label}</option> }
        })
        .collect_view();
    view! {
        <label class="picker">
            "SLO "
            <select data-testid="slo-picker" on:change=move |event| {
                let slo = Some(event_target_value(&event));
                url.update(|route| route.slo = slo);
            }>{options}</select>
        </label>
    }
}
