//! Reading one CSV table: its header layout and its rows, each with its line number.

use chrono::{DateTime, Utc};

use super::columns::{timestamp, Column, Layout};
use crate::delivery::{read, skip, Input};
use crate::{Imported, Location, Problem};

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
    /// Where the cell of `field` in `row` is: `file:line:column: header`.
    pub fn location(&self, row: &Row, field: &str) -> Location {
        let (header, column) = self.layout.header(field);
        if column == 0 {
            return Location::line(row.line);
        }
        Location::path(header).at(row.line, column)
    }

    /// A warning at the cell: valid input not imported as it stands.
    pub fn problem(&self, row: &Row, field: &str, message: impl Into<String>) -> Problem {
        Problem::warning(self.file, self.location(row, field), message)
    }

    /// An error at the cell: the row is wrong.
    pub fn error(&self, row: &Row, field: &str, message: impl Into<String>) -> Problem {
        Problem::error(self.file, self.location(row, field), message)
    }

    pub fn required<'r>(&self, row: &'r Row, field: &str) -> Result<&'r str, Problem> {
        self.layout
            .cell(&row.record, field)
            .ok_or_else(|| self.error(row, field, "the cell is empty: the row is skipped"))
    }

    pub fn instant(&self, row: &Row, field: &str) -> Result<DateTime<Utc>, Problem> {
        let cell = self.required(row, field)?;
        timestamp(cell).ok_or_else(|| {
            self.error(
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

/// `\t` for a tab-separated table (what `mysql --batch` and `psql -F $'\t'` print: a header with
/// tabs and no commas), `,` otherwise.
fn delimiter(bytes: &[u8]) -> u8 {
    let header = bytes.split(|byte| *byte == b'\n').next().unwrap_or_default();
    if header.contains(&b'\t') && !header.contains(&b',') {
        b'\t'
    } else {
        b','
    }
}

/// The table of `input`, or `None` after an error naming what is wrong with the file as a whole
/// (not CSV, no header, a required column missing). Rows the CSV reader rejects are skipped, located.
pub(crate) fn read_table<'a>(
    input: &Input<'a>,
    columns: &[Column],
    required: &[&str],
    kind: &'static str,
    import: &mut Imported,
) -> Option<Table<'a>> {
    let mut reader =
        csv::ReaderBuilder::new().flexible(true).delimiter(delimiter(input.bytes)).from_reader(input.bytes);
    let headers = match reader.headers() {
        Ok(headers) => headers.clone(),
        Err(err) => {
            import.problems.push(Problem::error(
                input.name,
                Location::file(),
                format!("not a CSV table with a header row: {err}"),
            ));
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
        import.problems.push(Problem::error(
            input.name,
            Location::line(1),
            format!("the {kind} table has no column for {}", missing.join(", nor for ")),
        ));
        return None;
    }
    let mut rows = Vec::new();
    let mut read_rows = 0;
    for result in reader.records() {
        read_rows += 1;
        match result {
            Ok(record) => {
                let line = record.position().map_or(0, |position| position.line() as usize);
                if record.iter().all(|cell| cell.trim().is_empty()) {
                    read_rows -= 1;
                    continue;
                }
                rows.push(Row { record, line });
            }
            Err(err) => {
                let line = err.position().map_or(0, |position| position.line() as usize);
                skip(
                    import,
                    kind,
                    Problem::error(input.name, Location::line(line), format!("not a CSV row: {err}; skipped")),
                );
            }
        }
    }
    read(import, kind, read_rows);
    Some(Table { file: input.name, layout, rows })
}
