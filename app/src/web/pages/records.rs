//! The records behind the delivery numbers: one tab per list (with its count), collapsed until one
//! is chosen; the list is filterable and paginated, all in the URL, so Back and shared links work.
//! Ids link to the record's detail.

use std::collections::BTreeMap;

use leptos::prelude::*;
use uptrend_core::dora::{DeliveryFacts, DoraMetrics, Period, Scope};

use super::record_detail::record_detail;
use super::PageContext;
use crate::cell::Cell as TypedCell;
use crate::csv::to_csv;
use crate::html::Html;
use crate::route::{Drill, Route};
use crate::view_model::drill_rows::{drill_counts, drill_table, drill_title, filtered, page_bounds, Cell};
use crate::web::download::download_text;
use crate::web::html_view::{link_html, markup_div, on_markup_click};
use crate::web::url_state::use_url_state;

/// The route that opens `drill` (first page, no filter, no detail).
pub fn drill_route(route: &Route, drill: Drill) -> Route {
    Route { drill: Some(drill), detail: None, filter: None, list_page: 0, ..route.clone() }
}

/// The records behind the numbers of `scope` over the report's `window` (`metrics`: its numbers there).
pub fn records_section(
    context: &PageContext,
    facts: &DeliveryFacts<'_>,
    scope: &Scope,
    window: &Period,
    metrics: &DoraMetrics,
    names: &BTreeMap<String, String>,
) -> impl IntoView {
    let url = use_url_state();
    let route = &context.route;
    let mut tabs = Html::new();
    for (drill, count) in Drill::ALL.into_iter().zip(drill_counts(metrics)) {
        let current = (route.drill == Some(drill)).then_some("true");
        tabs.open("li", &[("aria-current", current), ("data-drill", Some(drill.key()))]);
        link_html(
            &mut tabs,
            &drill_route(route, drill),
            Some("records"),
            &format!("{} ({count})", drill_title(drill)),
            None,
        );
        tabs.close("li");
    }
    let tabs = view! {
        <ul class="drill-tabs" aria-label="Records lists" inner_html=tabs.into_string() on:click=move |event| on_markup_click(&event, url, &[])></ul>
    };
    let detail = route.detail.as_ref().map(|detail| record_detail(context, facts, detail, names));
    let list = match route.drill {
        Some(drill) => records_list(route, drill_table(facts, scope, window, drill, names), drill).into_any(),
        None => view! {
            <p class="note">"Choose a list to see its records. Every number on this page links to the records behind it."</p>
        }
        .into_any(),
    };
    view! {
        <section class="records" id="records" data-testid="records">
            <h3>"Records behind the numbers"</h3>
            {tabs}
            {detail}
            {list}
        </section>
    }
}

fn records_list(route: &Route, table: crate::view_model::drill_rows::RecordTable, drill: Drill) -> impl IntoView {
    let url = use_url_state();
    let total = table.rows.len();
    let rows = filtered(table.rows, route.filter.as_deref());
    let matching = rows.len();
    let (shown, page, pages) = page_bounds(matching, route.list_page);
    let header = table.header.clone();
    let csv = to_csv(&header, rows.iter().map(|row| row.iter().map(TypedCell::from).collect()));
    let file_name = format!("{}.csv", drill.key().replace('_', "-"));
    let mut table_html = Html::new();
    table_html.open("table", &[]).open("thead", &[]).open("tr", &[]);
    for name in &header {
        table_html.element("th", &[("scope", Some("col"))], name);
    }
    table_html.close("tr").close("thead").open("tbody", &[]);
    if matching == 0 {
        let columns = header.len().to_string();
        table_html
            .open("tr", &[])
            .element("td", &[("colspan", Some(&columns)), ("class", Some("none"))], "No records match.")
            .close("tr");
    }
    for row in rows.get(shown.clone()).unwrap_or_default() {
        table_html.open("tr", &[]);
        for cell in row {
            match cell {
                Cell::Text(text) => {
                    table_html.element("td", &[], text);
                }
                Cell::Number(number) => {
                    table_html.element("td", &[("class", Some("number"))], &number.to_string());
                }
                Cell::Record { text, detail } => {
                    let target = Route { detail: Some(detail.clone()), ..route.clone() };
                    table_html.open("td", &[]);
                    link_html(&mut table_html, &target, Some("record-detail"), text, None);
                    table_html.close("td");
                }
            }
        }
        table_html.close("tr");
    }
    table_html.close("tbody").close("table");
    let summary = if matching == 0 {
        format!("0 of {total} records")
    } else if matching == total {
        format!("Records {}–{} of {total}", shown.start + 1, shown.end)
    } else {
        format!("Records {}–{} of {matching} matching (of {total})", shown.start + 1, shown.end)
    };
    let mut pager = Html::new();
    let page_link = |pager: &mut Html, to: usize, label: &str, enabled: bool| {
        if enabled {
            link_html(pager, &Route { list_page: to, ..route.clone() }, None, label, None);
        } else {
            pager.element("span", &[("class", Some("disabled")), ("aria-disabled", Some("true"))], label);
        }
    };
    pager.element("span", &[("data-testid", Some("drill-summary"))], &summary);
    page_link(&mut pager, page.saturating_sub(1), "Previous", page > 0);
    pager.element("span", &[], &format!("page {} of {pages}", page + 1));
    page_link(&mut pager, page + 1, "Next", page + 1 < pages);
    let query = route.filter.clone().unwrap_or_default();
    view! {
        <div class="table-block" data-testid="drill-list" data-drill=drill.key()>
            <div class="table-head">
                <h4>{format!("{} in the window", drill_title(drill))}</h4>
                <label class="filter">
                    "Filter "
                    <input
                        type="search"
                        data-testid="drill-filter"
                        prop:value=query
                        placeholder="id, service, status…"
                        on:change=move |event| {
                            let text = event_target_value(&event);
                            url.update(|route| {
                                route.filter = (!text.is_empty()).then_some(text);
                                route.list_page = 0;
                            });
                        }
                    />
                </label>
                <button type="button" class="download" on:click=move |_| download_text(&file_name, "text/csv", &csv)>
                    "Download CSV"
                </button>
            </div>
            {markup_div("scroll", None, table_html, Vec::new())}
            <nav class="pager" aria-label="Pages of records" inner_html=pager.into_string() on:click=move |event| on_markup_click(&event, url, &[])></nav>
        </div>
    }
}
