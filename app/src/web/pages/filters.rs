//! Team and service filters, kept in the URL.

use leptos::prelude::*;
use uptrend_core::model::Dataset;

use crate::view_model::slo_table::teams;
use crate::web::url_state::use_url_state;

/// Two selects: team and service (the services of the chosen team).
pub fn team_and_service_filters(dataset: &Dataset, team: Option<String>, service: Option<String>) -> impl IntoView {
    let url = use_url_state();
    let team_options = teams(dataset)
        .into_iter()
        .map(|name| {
            let selected = team.as_ref() == Some(&name);
            let value = name.clone();
            view! { <option value=value selected=selected>{name}</option> }
        })
        .collect_view();
    let service_options = dataset
        .services
        .iter()
        .filter(|s| team.is_none() || s.team == team)
        .map(|s| {
            let selected = service.as_ref() == Some(&s.id);
            let label = s.name.clone().unwrap_or_else(|| s.id.clone());
            let value = s.id.clone();
            view! { <option value=value selected=selected>{label}</option> }
        })
        .collect_view();
    let non_empty = |text: String| (!text.is_empty()).then_some(text);
    view! {
        <div class="filters">
            <label>
                "Team "
                <select data-testid="filter-team" on:change=move |event| {
                    let team = non_empty(event_target_value(&event));
                    url.update(|route| {
                        route.team = team;
                        route.service = None;
                    });
                }>
                    <option value="" selected=team.is_none()>"All teams"</option>
                    {team_options}
                </select>
            </label>
            <label>
                "Service "
                <select data-testid="filter-service" on:change=move |event| {
                    let service = non_empty(event_target_value(&event));
                    url.update(|route| route.service = service);
                }>
                    <option value="" selected=service.is_none()>"All services"</option>
                    {service_options}
                </select>
            </label>
        </div>
    }
}
