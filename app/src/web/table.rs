//! A data table with a CSV download of exactly the rows shown.

use leptos::prelude::*;

use super::html_view::on_markup_click;
use super::url_state::use_url_state;
use crate::cell::Cell;
use crate::html::Html;
use crate::table_html::table_block_inner;

/// A titled table (data is always rendered as text, never markup). Rows of strings are data text;
/// give typed cells ([`crate::cell::Cell`]) where a column holds numbers, so the CSV keeps them numbers.
/// The table is one escaped HTML string ([`crate::table_html`]) on its `div.table-block`.
#[component]
pub fn DataTable<C>(
    title: String,
    header: Vec<&'static str>,
    rows: Vec<Vec<C>>,
    #[prop(optional)] test_id: &'static str,
) -> impl IntoView
where
    C: Into<Cell> + Send + Sync + 'static,
{
    let rows: Vec<Vec<Cell>> = rows.into_iter().map(|row| row.into_iter().map(Into::into).collect()).collect();
    data_table(&title, &header, &rows, test_id)
}

fn data_table(title: &str, header: &[&str], rows: &[Vec<Cell>], test_id: &'static str) -> impl IntoView {
    let url = use_url_state();
    let mut html = Html::new();
    let downloads = [table_block_inner(&mut html, title, header, rows)];
    view! {
        <div class="table-block" data-testid=test_id inner_html=html.into_string() on:click=move |event| on_markup_click(&event, url, &downloads)></div>
    }
}
