//! The site's frame: header with navigation and the as_of and range controls, then the page for
//! the current route, once per data load and as_of.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::delivery_task::delivery_for;
use super::loader::{start_loading, DataSource, DataState};
use super::local_files::{DropOverlay, LocalFiles, LocalFilesBanner, OpenFiles};
use super::offline_notice::OfflineNotice;
use super::pages::{PageContext, PageView};
use super::status_views::{EmptyState, ErrorsPanel, ProgressView};
use super::url_state::{mark, use_url_state, UrlState};
use super::zoom::{use_zoom, Zoom};
use crate::route::{Page, RangeChoice, Route};
use crate::view_model::evaluations::Evaluations;
use crate::view_model::report_model::ReportModel;
use uptrend_core::load::Loaded;

/// Charts are drawn at the width they are shown at, between these bounds (the widest is the page's
/// content width, 84rem).
const MIN_CHART_PX: u32 = 320;
const MAX_CHART_PX: u32 = 1344;

#[component]
pub fn App() -> impl IntoView {
    let url = UrlState::install();
    provide_context(url);
    Zoom::install();
    let (published, source) = start_loading();
    // The user's own files, while chosen, replace the report's data.
    let local = LocalFiles::install();
    let data = Signal::derive(move || match local.loaded() {
        Some(loaded) => DataState::Ready(loaded),
        None => published.get(),
    });
    let chart_width = RwSignal::new(chart_width_now());
    let _resize = window_event_listener(ev::resize, move |_| {
        let width = chart_width_now();
        if width != chart_width.get_untracked() {
            chart_width.set(width);
        }
    });
    let loaded = Memo::new(move |_| match data.get() {
        DataState::Ready(loaded) => Some(loaded),
        _ => None,
    });
    let title = move || {
        loaded
            .get()
            .map(|loaded| loaded.dataset.title.clone())
            .filter(|t| !t.is_empty())
            .unwrap_or_else(|| "Uptrend".to_owned())
    };
    Effect::new(move |_| document().set_title(&title()));

    let skip = move |event: ev::MouseEvent| {
        if let Some(main) =
            document().get_element_by_id("main").and_then(|main| main.dyn_into::<web_sys::HtmlElement>().ok())
        {
            event.prevent_default();
            main.focus().ok();
        }
    };
    view! {
        <a class="skip-link" href="#main" on:click=skip>"Skip to the report"</a>
        <header class="site-header">
            <h1 data-testid="title">{title}</h1>
            <Nav/>
            {move || loaded.get().map(|loaded| view! { <Controls loaded/> })}
            <OpenFiles/>
        </header>
        <DropOverlay/>
        <main class="report" id="main" tabindex="-1">
            // Only over the published data: the user's own files are no saved copy of anything.
            {move || (source == DataSource::Published && local.loaded().is_none()).then(|| view! { <OfflineNotice/> })}
            <LocalFilesBanner/>
            {move || match data.get() {
                DataState::Loading(progress) => view! { <ProgressView progress/> }.into_any(),
                DataState::NoManifest(reason) => view! { <EmptyState reason=Some(reason)/> }.into_any(),
                DataState::Ready(loaded) => view! { <Report loaded chart_width=chart_width.into()/> }.into_any(),
            }}
        </main>
    }
}

fn chart_width_now() -> u32 {
    let inner = window().inner_width().ok().and_then(|width| width.as_f64()).unwrap_or(f64::from(MAX_CHART_PX));
    ((inner - 48.0).max(0.0) as u32).clamp(MIN_CHART_PX, MAX_CHART_PX)
}

#[component]
fn Nav() -> impl IntoView {
    let url = use_url_state();
    let links = Page::ALL
        .into_iter()
        .map(|page| {
            let target = move || Route { page, ..url.route().get() };
            view! {
                <a
                    href=move || target().to_query()
                    aria-current=move || (url.route().get().page == page).then_some("page")
                    on:click=move |event| url.follow(&event, target())
                >
                    {page.title()}
                </a>
            }
        })
        .collect_view();
    view! { <nav class="pages" aria-label="Pages">{links}</nav> }
}

/// The report instant (as_of) and the charts' time range.
#[component]
fn Controls(loaded: Arc<Loaded>) -> impl IntoView {
    let url = use_url_state();
    let latest = loaded.dataset.latest_generated_at;
    let as_of_text = move || url.route().get().as_of.or(latest).map(crate::instant_text::minute).unwrap_or_default();
    let as_of_invalid = RwSignal::new(false);
    let on_as_of = move |event: ev::Event| {
        let text = event_target_value(&event);
        let text = text.trim().trim_end_matches('Z').replace('T', " ");
        match crate::instant_text::parse_minute(&text) {
            Some(at) => {
                as_of_invalid.set(false);
                let as_of = Some(at.and_utc());
                url.update(|route| route.as_of = as_of.filter(|at| Some(*at) != latest));
            }
            None => as_of_invalid.set(true),
        }
    };
    let zoom = use_zoom();
    let range_buttons = RangeChoice::PRESETS
        .into_iter()
        .map(|range| {
            view! {
                <button
                    type="button"
                    aria-pressed=move || (url.route().get().range == range).to_string()
                    on:click=move |_| url.update(|route| route.range = range)
                >
                    {range.key()}
                </button>
            }
        })
        .collect_view();
    let custom = move || match url.route().get().range {
        RangeChoice::Custom { from, to } => Some((from, to)),
        _ => None,
    };
    let set_custom = move |from: Option<String>, to: Option<String>| {
        url.update(|route| {
            let (old_from, old_to) = custom().unwrap_or_else(|| default_custom(route.as_of.or(latest)));
            let from = from.and_then(|text| text.parse().ok()).unwrap_or(old_from);
            let to = to.and_then(|text| text.parse().ok()).unwrap_or(old_to);
            route.range =
                if from <= to { RangeChoice::Custom { from, to } } else { RangeChoice::Custom { from: to, to: from } };
        });
    };
    view! {
        <div class="controls">
            <label>
                "As of "<span class="format-hint">"(UTC, YYYY-MM-DD HH:MM) "</span>
                <input
                    type="text"
                    inputmode="numeric"
                    size="16"
                    spellcheck="false"
                    autocomplete="off"
                    data-testid="as-of"
                    aria-invalid=move || as_of_invalid.get().to_string()
                    prop:value=as_of_text
                    on:change=on_as_of
                />
            </label>
            <button type="button" on:click=move |_| url.update(|route| route.as_of = None)>"Latest"</button>
            <span class="range" role="group" aria-label="Time range">
                {range_buttons}
                <button
                    type="button"
                    aria-pressed=move || custom().is_some().to_string()
                    on:click=move |_| set_custom(None, None)
                >
                    "custom"
                </button>
            </span>
            {move || custom().map(|(from, to)| view! {
                <span class="custom-range">
                    <label>"from (YYYY-MM-DD) "<input type="text" inputmode="numeric" size="10" data-testid="range-from" prop:value=from.to_string() on:change=move |event| set_custom(Some(event_target_value(&event)), None)/></label>
                    <label>" to "<input type="text" inputmode="numeric" size="10" data-testid="range-to" prop:value=to.to_string() on:change=move |event| set_custom(None, Some(event_target_value(&event)))/></label>
                    <button type="button" data-testid="reset-zoom" on:click=move |_| zoom.reset()>"Reset range"</button>
                </span>
            })}
        </div>
    }
}

/// The custom range's starting point: the 28 days up to as_of, like the default range.
fn default_custom(as_of: Option<DateTime<Utc>>) -> (chrono::NaiveDate, chrono::NaiveDate) {
    let to = as_of.map(|at| at.date_naive()).unwrap_or_default();
    (to.checked_sub_days(chrono::Days::new(27)).unwrap_or(to), to)
}

/// The loaded report: errors panel, empty state or the current page. The SLO evaluations and the
/// DORA report are computed once per as_of; filters, sorting and page changes reuse them.
#[component]
fn Report(loaded: Arc<Loaded>, chart_width: Signal<u32>) -> impl IntoView {
    let url = use_url_state();
    let dataset = &loaded.dataset;
    let empty = dataset.services.is_empty() && dataset.slos.is_empty() && dataset.deployments.is_empty();
    let problems = loaded.problems.clone();
    let latest = dataset.latest_generated_at;
    let as_of = Memo::new(move |_| url.route().get().as_of.or(latest));
    let computed_from = loaded.clone();
    let range = Memo::new(move |_| url.route().get().range);
    // The SLO side follows as_of only; the delivery side, whose DORA numbers follow the range control
    // (docs/site.md, "Delivery"), follows both and may come later (`delivery_task`).
    let evaluations = Memo::new_with_compare(
        move |_| Arc::new(Evaluations::at(&computed_from.dataset, as_of.get())),
        |old, new| !matches!((old, new), (Some(old), Some(new)) if Arc::ptr_eq(old, new)),
    );
    let delivery = delivery_for(loaded.clone(), Memo::new(move |_| (as_of.get(), range.get())));
    let model = Memo::new_with_compare(
        move |_| {
            // The delivery side is computed when a page that shows it is open, not before.
            let needed = url.route().get().page.needs_delivery();
            let delivery = if needed { delivery.get() } else { None };
            let model = ReportModel::assemble(evaluations.get(), needed && as_of.get().is_some(), delivery);
            mark("uptrend:model-computed");
            Arc::new(model)
        },
        |old, new| !matches!((old, new), (Some(old), Some(new)) if old.same_parts(new)),
    );
    let page = move || {
        let context = PageContext {
            loaded: loaded.clone(),
            model: model.get(),
            as_of: as_of.get(),
            route: url.route().get(),
            chart_width_px: chart_width.get(),
        };
        view! { <PageView context/> }
    };
    view! {
        <ErrorsPanel problems/>
        {if empty { view! { <EmptyState reason=None/> }.into_any() } else { page.into_any() }}
    }
}
