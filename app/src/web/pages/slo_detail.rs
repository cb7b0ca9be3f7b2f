//! SLO detail: the definition in words; attainment per day against the objective, the error-budget
//! burn-down with its forecast and the burn rate against the paging thresholds, with deployments
//! and incidents on every chart; the SLI's recorded traffic; the deployments and incidents in the range.

use leptos::prelude::*;
use uptrend_core::model::{Budgeting, SloData};
use uptrend_core::slo::SloEvaluation;

use super::burn_table::burn_tables;
use super::slo_table_view::{alert_label, missing_word, triage_label};
use super::PageContext;
use crate::charts::{ChartError, Overlays, Style, TimeChart, Unit, ValueBands};
use crate::html::Html;
use crate::view_model::data_gaps::data_gaps;
use crate::view_model::events::{deployments_in, incidents_in, DeploymentRow, IncidentRow};
use crate::view_model::slo_charts::{
    attainment_chart, burn_down_chart, burn_rate_chart, recent_burn_rate_chart, SloChartInput,
};
use crate::view_model::slo_table::{slo_rows, Filter};
use crate::view_model::slo_words::{
    budget_in_words, budgeting_in_words, missing_attainment_in_words, span_adjective, window_in_words,
};
use crate::view_model::traffic::traffic_series;
use crate::web::chart_view::{ChartView, Drawn};
use crate::web::html_view::markup_section;
use crate::web::table::DataTable;
use crate::web::url_state::use_url_state;

pub fn slo_detail(context: &PageContext) -> impl IntoView {
    let dataset = &context.loaded.dataset;
    let selected = context.route.slo.as_ref().and_then(|id| dataset.slos.iter().find(|slo| &slo.definition.id == id));
    let Some(slo) = selected.or_else(|| dataset.slos.first()) else {
        return view! { <p>"No SLOs in the data."</p> }.into_any();
    };
    let (start_secs, end_secs) = context.range_secs();
    let as_of_secs = context.as_of.map_or(end_secs, |at| at.timestamp());
    let service = slo.definition.service.as_str();
    let deployments = deployments_in(dataset, Some(service), start_secs, end_secs);
    let incidents = incidents_in(dataset, Some(service), start_secs, end_secs);
    let name = slo.definition.name.clone().unwrap_or_else(|| slo.definition.id.clone());
    let overlays = Overlays {
        thresholds: Vec::new(),
        deployments: deployments.iter().map(DeploymentRow::marker).collect(),
        incidents: incidents.iter().map(|incident| incident.band(as_of_secs)).collect(),
        value_bands: ValueBands::default(),
        gaps: data_gaps(slo, start_secs, end_secs.min(as_of_secs)),
    };
    let evaluation = context.model.evaluations.get(&slo.definition.id).cloned();
    let engine_charts = match (context.as_of, evaluation) {
        (Some(as_of), Some(Ok(evaluation))) => {
            let input = SloChartInput {
                slo,
                as_of,
                start_secs,
                end_secs,
                width_px: context.chart_width_px,
                overlays: overlays.clone(),
            };
            slo_charts(&input, &evaluation).into_any()
        }
        (_, Some(Err(reason))) => view! { <p class="chart-error">{reason}</p> }.into_any(),
        _ => view! { <p>"No report instant: the data has no snapshot date."</p> }.into_any(),
    };
    let traffic_title = format!("Recorded events per {} bucket", span_adjective(slo.series.step.secs()));
    let (total, bad) = traffic_series(slo);
    let traffic = TimeChart {
        title: traffic_title.clone(),
        width_px: context.chart_width_px,
        height_px: 240,
        start_secs,
        end_secs,
        value_label: "events".to_owned(),
        unit: Unit::Count,
        value_range: None,
        style: Style::Lines,
        series: vec![total, bad],
        forecast: None,
        overlays,
    };
    let mut definition = Html::new();
    definition.element("h3", &[], "Definition").element("p", &[], &definition_in_words(slo));
    let evaluated = context.model.evaluations.get(&slo.definition.id).and_then(|result| result.as_ref().ok());
    if let Some(evaluation) = evaluated.filter(|evaluation| evaluation.attainment.is_some()) {
        definition.element("p", &[("data-testid", Some("budget-in-words"))], &budget_in_words(evaluation));
    }
    let definition = markup_section("definition", Some("slo-definition"), definition, Vec::new());
    view! {
        <h2 data-testid="slo-name">{name.clone()}</h2>
        {slo_picker(context, &slo.definition.id)}
        {summary(context, &slo.definition.id)}
        {definition}
        {engine_charts}
        <ChartView title=traffic_title drawn=traffic.render().map(Drawn::Time) test_id="traffic-chart"/>
        <DataTable title=format!("Deployments of {service} in the range") header=DeploymentRow::HEADER.to_vec() rows=deployments.iter().map(DeploymentRow::cells).collect() test_id="deployments-table"/>
        <DataTable title=format!("Incidents of {service} in the range") header=IncidentRow::HEADER.to_vec() rows=incidents.iter().map(IncidentRow::cells).collect() test_id="incidents-table"/>
    }
    .into_any()
}

/// Attainment per day, burn-down with forecast, burn rate: drawn, or the reason they cannot be.
fn slo_charts(input: &SloChartInput<'_>, evaluation: &SloEvaluation) -> impl IntoView {
    let drawn =
        |chart: Result<TimeChart, String>| chart.map_err(ChartError).and_then(|chart| chart.render().map(Drawn::Time));
    let burn_down = burn_down_chart(input);
    let forecast_note = missing_attainment_in_words(evaluation)
        .unwrap_or_else(|| burn_down.as_ref().map(|b| b.forecast_note.clone()).unwrap_or_default());
    view! {
        {burn_tables(evaluation)}
        <ChartView title="Attainment per day".to_owned() drawn=drawn(attainment_chart(input)) test_id="attainment-chart"/>
        <p class="forecast" data-testid="forecast">{forecast_note}</p>
        <ChartView title="Error budget remaining".to_owned() drawn=drawn(burn_down.map(|b| b.chart)) test_id="burn-down-chart"/>
        <ChartView title="Burn rate".to_owned() drawn=drawn(burn_rate_chart(input, evaluation)) test_id="burn-rate-chart"/>
        <ChartView title="Burn rate, last 24 hours".to_owned() drawn=drawn(recent_burn_rate_chart(input, evaluation)) test_id="recent-burn-rate-chart"/>
    }
}

/// The SLO's standing at as_of, as in the overview's table: status first (icon and word), then the
/// numbers with their units, coverage below 100 %, and why a missing number is missing.
fn summary(context: &PageContext, slo_id: &str) -> impl IntoView {
    let rows = slo_rows(&context.loaded.dataset, &context.model.evaluations, &Filter::default(), None);
    let row = rows.into_iter().find(|row| row.slo_id == slo_id)?;
    let (status_class, status_text) = triage_label(row.triage);
    let missing = missing_word(row.status);
    let number = |value: Option<f64>, unit: Unit| value.map_or_else(|| missing.to_owned(), |value| unit.format(value));
    let coverage = row.coverage_percent.filter(|coverage| *coverage < 100.0).map_or_else(String::new, |coverage| {
        format!(" · data coverage {} of the window", Unit::Percent.format(coverage))
    });
    let details = if row.attainment_percent.is_none() {
        let coverage =
            row.coverage_percent.map_or_else(String::new, |c| format!(" · data coverage {}", Unit::Percent.format(c)));
        format!("no attainment, budget or burn rate: {missing} in the window{coverage}")
    } else {
        format!(
            "attainment {} over the window · error budget remaining {} · burn rate {} (1h), {} (6h) · alert: {}{coverage}",
            number(row.attainment_percent, Unit::Percent),
            number(row.budget_remaining_percent, Unit::Percent),
            number(row.burn_rate_1h, Unit::BurnRate),
            number(row.burn_rate_6h, Unit::BurnRate),
            alert_label(row.alert),
        )
    };
    let explanation = context
        .model
        .evaluations
        .get(slo_id)
        .and_then(|result| result.as_ref().ok())
        .and_then(missing_attainment_in_words)
        .map(|words| view! { <p class="data-state" data-testid="data-state">{words}</p> });
    let mut html = Html::new();
    html.element("span", &[("class", Some(&status_class))], &status_text).text(" · ").text(&details);
    Some(view! {
        <p class="slo-summary" data-testid="slo-summary" inner_html=html.into_string()></p>
        {explanation}
    })
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
            span_adjective(slo.series.step.secs()),
            definition.timeslice_target.map_or_else(|| "its target".to_owned(), |target| Unit::Percent.format(target * 100.0)),
        ),
    };
    format!(
        "Service {}, window {}, budget {}: {counting}.",
        definition.service,
        window_in_words(definition.window),
        budgeting_in_words(definition.budgeting, slo.series.step.secs()),
    )
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
