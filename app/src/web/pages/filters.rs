//! Filters kept in the URL: a labelled select with an "all" choice, and the team and service pair.

use leptos::prelude::*;
use uptrend_core::model::Dataset;

use crate::view_model::slo_table::teams;
use crate::web::url_state::use_url_state;

/// A labelled select: `all` (the value `None`), then `choices` as (value, text); `chosen` is selected,
/// and a change hands the new value to `on_choose`.
pub fn filter_select(
    label: &'static str,
    test_id: &'static str,
    all: &'static str,
    choices: Vec<(String, String)>,
    chosen: Option<String>,
    on_choose: impl Fn(Option<String>) + 'static,
) -> impl IntoView {
    let is_all = chosen.is_none();
    let options = choices
        .into_iter()
        .map(|(value, text)| {
            let selected = chosen.as_deref() == Some(value.as_str());
            view! { <option value=value selected=selected>{text}</option> }
        })
        .collect_view();
    view! {
        <label>
            {label}
            <select data-testid=test_id on:change=move |event| {
                let value = event_target_value(&event);
                on_choose((!value.is_empty()).then_some(value));
            }>
                <option value="" selected=is_all>{all}</option>
                {options}
            </select>
        </label>
    }
}

/// Two selects: team and service (the services of the chosen team).
pub fn team_and_service_filters(dataset: &Dataset, team: Option<String>, service: Option<String>) -> impl IntoView {
    let url = use_url_state();
    let team_choices = teams(dataset).into_iter().map(|name| (name.clone(), name)).collect();
    let service_choices = dataset
        .services
        .iter()
        .filter(|s| team.is_none() || s.team == team)
        .map(|s| (s.id.clone(), s.name.clone().unwrap_or_else(|| s.id.clone())))
        .collect();
    view! {
        <div class="filters">
            {filter_select("Team ", "filter-team", "All teams", team_choices, team, move |team| {
                url.update(|route| {
                    route.team = team;
                    route.service = None;
                });
            })}
            {filter_select("Service ", "filter-service", "All services", service_choices, service, move |service| {
                url.update(|route| route.service = service);
            })}
        </div>
    }
}
