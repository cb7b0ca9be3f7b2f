//! A data table's markup (title, CSV button, caption, header, rows, note) as one HTML string, and
//! the CSV of exactly the rows it holds. The site's `DataTable` sets the markup on its
//! `div.table-block`; a page writing a whole section as HTML writes the block with it.

use crate::cell::Cell;
use crate::csv::to_csv;
use crate::file_name::file_stem;
use crate::html::Html;

/// Tables show at most this many rows; their CSV has them all.
pub const SHOWN_ROWS: usize = 200;

/// A table's CSV download: the file name and its content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsvDownload {
    pub file_name: String,
    pub csv: String,
}

/// Writes the inside of a `div.table-block` and returns the table's CSV (all rows).
pub fn table_block_inner(html: &mut Html, title: &str, header: &[&str], rows: &[Vec<Cell>]) -> CsvDownload {
    let csv = to_csv(header, rows.iter().cloned());
    html.open("div", &[("class", Some("table-head"))])
        .element("h3", &[], title)
        .element("button", &[("type", Some("button")), ("class", Some("download"))], "Download CSV")
        .close("div");
    // The scrolling wrapper is focusable, so a table wider than a phone scrolls from the keyboard.
    let region_label = format!("{title} (table)");
    html.open(
        "div",
        &[
            ("class", Some("scroll")),
            ("tabindex", Some("0")),
            ("role", Some("region")),
            ("aria-label", Some(&region_label)),
        ],
    )
    .open("table", &[])
    .element("caption", &[("class", Some("visually-hidden"))], title)
    .open("thead", &[])
    .open("tr", &[]);
    for name in header {
        html.element("th", &[("scope", Some("col"))], name);
    }
    html.close("tr").close("thead").open("tbody", &[]);
    if rows.is_empty() {
        let columns = header.len().to_string();
        html.open("tr", &[])
            .element("td", &[("colspan", Some(&columns)), ("class", Some("none"))], "None in this range.")
            .close("tr");
    }
    for row in rows.iter().take(SHOWN_ROWS) {
        html.open("tr", &[]);
        for cell in row {
            html.element("td", &[], cell.as_str());
        }
        html.close("tr");
    }
    html.close("tbody").close("table").close("div");
    if rows.len() > SHOWN_ROWS {
        let note = format!("The first {SHOWN_ROWS} of {} rows are shown; the CSV has them all.", rows.len());
        html.element("p", &[("class", Some("note"))], &note);
    }
    CsvDownload { file_name: format!("{}.csv", file_stem(title)), csv }
}

/// Writes a whole `div.table-block` (for a page section written as HTML).
pub fn table_block(
    html: &mut Html,
    title: &str,
    header: &[&str],
    rows: &[Vec<Cell>],
    test_id: Option<&str>,
) -> CsvDownload {
    html.open("div", &[("class", Some("table-block")), ("data-testid", test_id)]);
    let download = table_block_inner(html, title, header, rows);
    html.close("div");
    download
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_the_table_escaped_with_its_csv() {
        let mut html = Html::new();
        let rows = vec![vec![Cell::text("<svc>"), Cell::count(3)]];
        let download = table_block(&mut html, "Deploys & more", &["service", "n"], &rows, Some("t"));
        assert_eq!(
            html.as_str(),
            concat!(
                r#"<div class="table-block" data-testid="t"><div class="table-head"><h3>Deploys &amp; more</h3>"#,
                r#"<button class="download" type="button">Download CSV</button></div>"#,
                r#"<div class="scroll" tabindex="0" role="region" aria-label="Deploys &amp; more (table)"><table>"#,
                r#"<caption class="visually-hidden">Deploys &amp; more</caption><thead><tr><th scope="col">service</th>"#,
                r#"<th scope="col">n</th></tr></thead><tbody><tr><td>&lt;svc&gt;</td><td>3</td></tr></tbody></table></div></div>"#,
            )
        );
        assert_eq!(download.file_name, "deploys-more.csv");
        assert_eq!(download.csv, to_csv(&["service", "n"], rows));
    }

    #[test]
    fn an_empty_table_says_so_across_all_columns() {
        let mut html = Html::new();
        table_block_inner(&mut html, "T", &["a", "b", "c"], &[]);
        assert!(html
            .as_str()
            .contains(r#"<tbody><tr><td class="none" colspan="3">None in this range.</td></tr></tbody>"#));
    }

    #[test]
    fn long_tables_show_the_first_rows_and_say_so() {
        let rows: Vec<Vec<Cell>> = (0..SHOWN_ROWS as u64 + 5).map(|n| vec![Cell::count(n)]).collect();
        let mut html = Html::new();
        let download = table_block_inner(&mut html, "T", &["n"], &rows);
        assert_eq!(html.as_str().matches("<tr>").count(), SHOWN_ROWS + 1);
        assert!(html
            .as_str()
            .ends_with(r#"<p class="note">The first 200 of 205 rows are shown; the CSV has them all.</p>"#));
        assert_eq!(download.csv.lines().count(), SHOWN_ROWS + 6);
    }
}
