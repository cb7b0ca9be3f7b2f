//! A data table with a CSV download of exactly the rows shown.

use leptos::prelude::*;

use super::download::download_text;
use crate::cell::Cell;
use crate::csv::to_csv;
use crate::file_name::file_stem;

/// Tables show at most this many rows; their CSV has them all.
const SHOWN_ROWS: usize = 200;

/// A titled table (data is always rendered as text, never markup). Rows of strings are data text;
/// give typed cells ([`crate::cell::Cell`]) where a column holds numbers, so the CSV keeps them numbers.
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
    let csv = to_csv(&header, rows.iter().cloned());
    let file_name = format!("{}.csv", file_stem(&title));
    let caption = title.clone();
    // The scrolling wrapper is focusable, so a table wider than a phone scrolls from the keyboard.
    let region_label = format!("{title} (table)");
    let header_cells = header.iter().map(|name| view! { <th scope="col">{*name}</th> }).collect_view();
    let total = rows.len();
    let note = (total > SHOWN_ROWS)
        .then(|| format!("The first {SHOWN_ROWS} of {total} rows are shown; the CSV has them all."));
    let body = if rows.is_empty() {
        let columns = header.len();
        view! { <tr><td colspan=columns class="none">"None in this range."</td></tr> }.into_any()
    } else {
        rows.into_iter()
            .take(SHOWN_ROWS)
            .map(|row| view! { <tr>{row.into_iter().map(|cell| view! { <td>{cell.to_string()}</td> }).collect_view()}</tr> })
            .collect_view()
            .into_any()
    };
    view! {
        <div class="table-block" data-testid=test_id>
            <div class="table-head">
                <h3>{title}</h3>
                <button type="button" class="download" on:click=move |_| download_text(&file_name, "text/csv", &csv)>
                    "Download CSV"
                </button>
            </div>
            <div class="scroll" tabindex="0" role="region" aria-label=region_label>
                <table>
                    <caption class="visually-hidden">{caption}</caption>
                    <thead><tr>{header_cells}</tr></thead>
                    <tbody>{body}</tbody>
                </table>
            </div>
            {note.map(|note| view! { <p class="note">{note}</p> })}
        </div>
    }
}
