//! The records behind the delivery numbers: one tab per list (with its count), collapsed until one
//! is chosen; the list is filterable and paginated, all in the URL, so Back and shared links work.
//! Ids link to the record's detail.

use std::collections::BTreeMap;

use leptos::prelude::*;
use uptrend_core::dora::{DeliveryFacts, Period, Scope};

use super::record_detail::record_detail;
use super::route_link::{route_link, route_link_to};
use super::PageContext;
use crate::cell::Cell as TypedCell;
use crate::csv::to_csv;
use crate::route::{Drill, Route};
use crate::view_model::drill_rows::{drill_table, drill_title, filtered, page_bounds, Cell};
use crate::web::download::download_text;
use crate::web::url_state::use_url_state;

/// The route that opens `drill` (first page, no filter, no detail).
pub fn drill_route(route: &Route, drill: Drill) -> Route {
    Route { drill: Some(drill), detail: None, filter: None, list_page: 0, ..route.clone() }
}

pub fn records_section(
    context: &PageContext,
    facts: &DeliveryFacts<'_>,
    scope: &Scope,
    window: &Period,
    names: &BTreeMap<String, String>,
) -> impl IntoView {
    let route = &context.route;
    let tabs = Drill::ALL
        .into_iter()
        .map(|drill| {
            let count = drill_table(facts, scope, window, drill, names).rows.len();
            let target = drill_route(route, drill);
            let current = (route.drill == Some(drill)).then_some("true");
            view! {
                <li aria-current=current data-drill=drill.key()>
                    {route_link_to(target, format!("{} ({count})", drill_title(drill)), "records")}
                </li>
            }
        })
        .collect_view();
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
            <ul class="drill-tabs" aria-label="Records lists">{tabs}</ul>
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
    let header_cells = header.iter().map(|name| view! { <th scope="col">{*name}</th> }).collect_view();
    let columns = header.len();
    let body = if matching == 0 {
        view! { <tr><td colspan=columns class="none">"No records match."</td></tr> }.into_any()
    } else {
        rows[shown.clone()]
            .iter()
            .map(|row| {
                let cells = row
                    .iter()
                    .map(|cell| match cell {
                        Cell::Text(text) => view! { <td>{text.clone()}</td> }.into_any(),
                        Cell::Number(number) => view! { <td class="number">{number.to_string()}</td> }.into_any(),
                        Cell::Record { text, detail } => {
                            let target = Route { detail: Some(detail.clone()), ..route.clone() };
                            view! { <td>{route_link_to(target, text.clone(), "record-detail")}</td> }.into_any()
                        }
                    })
                    .collect_view();
                view! { <tr>{cells}</tr> }
            })
            .collect_view()
            .into_any()
    };
    let summary = if matching == 0 {
        format!("0 of {total} records")
    } else if matching == total {
        format!("Records {}–{} of {total}", shown.start + 1, shown.end)
    } else {
        format!("Records {}–{} of {matching} matching (of {total})", shown.start + 1, shown.end)
    };
    let page_link = |to: usize, label: &'static str, enabled: bool| {
        let target = Route { list_page: to, ..route.clone() };
        if enabled {
            route_link(target, label.to_owned(), None).into_any()
        } else {
            view! { <span class="disabled" aria-disabled="true">{label}</span> }.into_any()
        }
    };
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
            <div class="scroll">
                <table>
                    <thead><tr>{header_cells}</tr></thead>
                    <tbody>{body}</tbody>
                </table>
            </div>
            <nav class="pager" aria-label="Pages of records">
                <span data-testid="drill-summary">{summary}</span>
                {page_link(page.saturating_sub(1), "Previous", page > 0)}
                <span>{format!("page {} of {pages}", page + 1)}</span>
                {page_link(page + 1, "Next", page + 1 < pages)}
            </nav>
        </div>
    }
}
