//! Reading one CSV table: its header layout and its rows, each with its line number.

use chrono::{DateTime, Utc};
use uptrend_core::problem::Problem;

use super::columns::{timestamp, Column, Layout};
use crate::delivery::{DeliveryImport, Input};

/// A table's rows and which column carries which field.
#[derive(Debug)]
pub(crate) struct Table<'a> {
    pub file: &'a str,
    pub layout: Layout,
    pub rows: Vec<Row>,
}

/// One data row and its 1-based line in the file.
#[derive(Debug)]
pub(crate) struct Row {
    pub record: csv::StringRecord,
    pub line: usize,
}

impl Table<'_> {
    /// A warning at the cell of `field` in `row`: `file:line:column: header: message`.
    pub fn problem(&self, row: &Row, field: &str, message: impl Into<String>) -> Problem {
        let (header, column) = self.layout.header(field);
        Problem::warning(self.file, header, message).at_line(row.line, column)
    }

    pub fn required<'r>(&self, row: &'r Row, field: &str) -> Result<&'r str, Problem> {
        self.layout
            .cell(&row.record, field)
            .ok_or_else(|| self.problem(row, field, "the cell is empty: the row is skipped"))
    }

    pub fn instant(&self, row: &Row, field: &str) -> Result<DateTime<Utc>, Problem> {
        let cell = self.required(row, field)?;
        timestamp(cell).ok_or_else(|| {
            self.problem(
                row,
                field,
                format!(
                    "{cell:?} is not a timestamp: expected RFC 3339 (2026-11-02T10:00:00Z) or 2026-11-02 10:00:00 [UTC]; \
                     the row is skipped"
                ),
            )
        })
    }
}

/// The table of `input`, or `None` after an error naming what is wrong with the file as a whole
/// (not CSV, no header, a required column missing). Rows the CSV reader rejects are skipped, located.
pub(crate) fn read_table<'a>(
    input: &Input<'a>,
    columns: &[Column],
    required: &[&str],
    kind: &'static str,
    import: &mut DeliveryImport,
) -> Option<Table<'a>> {
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(input.bytes);
    let headers = match reader.headers() {
        Ok(headers) => headers.clone(),
        Err(err) => {
            import.problems.push(Problem::error(input.name, "", format!("not a CSV table with a header row: {err}")));
            return None;
        }
    };
    let layout = Layout::new(&headers, columns);
    let missing: Vec<String> = required
        .iter()
        .filter(|field| !layout.has(field))
        .map(|field| {
            let names = columns
                .iter()
                .find(|column| column.field == *field)
                .map(|column| column.names.join("`, `"))
                .unwrap_or_default();
            format!("`{field}` (a column named `{names}`)")
        })
        .collect();
    if !missing.is_empty() {
        import.problems.push(
            Problem::error(input.name, "", format!("the {kind} table has no column for {}", missing.join(" or ")))
                .at_line(1, 1),
        );
        return None;
    }
    let mut rows = Vec::new();
    let mut read = 0;
    for result in reader.records() {
        read += 1;
        match result {
            Ok(record) => {
                let line = record.position().map_or(0, |position| position.line() as usize);
                if record.iter().all(|cell| cell.trim().is_empty()) {
                    read -= 1;
                    continue;
                }
                rows.push(Row { record, line });
            }
            Err(err) => {
                let line = err.position().map_or(0, |position| position.line() as usize);
                import.skip(
                    kind,
                    Problem::warning(input.name, "", format!("not a CSV row: {err}; skipped")).at_line(line, 0),
                );
            }
        }
    }
    import.read(kind, read);
    Some(Table { file: input.name, layout, rows })
}
