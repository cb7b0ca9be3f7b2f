//! CSV export of the site's tables (RFC 4180): comma-separated, CRLF line ends, fields quoted when
//! they contain a comma, quote, CR or LF, quotes doubled.

/// Writes a header row and data rows as one CSV document.
pub fn to_csv<R, F>(header: &[&str], rows: R) -> String
where
    R: IntoIterator<Item = Vec<F>>,
    F: AsRef<str>,
{
    let mut out = String::new();
    push_row(&mut out, header.iter());
    for row in rows {
        push_row(&mut out, row.iter());
    }
    out
}

fn push_row<T: AsRef<str>>(out: &mut String, fields: impl Iterator<Item = T>) {
    for (index, field) in fields.enumerate() {
        if index > 0 {
            out.push(',');
        }
        push_field(out, field.as_ref());
    }
    out.push_str("\r\n");
}

fn push_field(out: &mut String, field: &str) {
    if field.contains([',', '"', '\r', '\n']) {
        out.push('"');
        out.push_str(&field.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(field);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_fields_are_written_as_they_are() {
        assert_eq!(to_csv(&["service", "attainment"], [vec!["api", "99.95"]]), "service,attainment\r\napi,99.95\r\n");
    }

    #[test]
    fn commas_quotes_and_line_breaks_are_quoted() {
        let csv = to_csv(&["name"], [vec!["a,b"], vec!["say \"hi\""], vec!["two\nlines"], vec![""]]);
        assert_eq!(csv, "name\r\n\"a,b\"\r\n\"say \"\"hi\"\"\"\r\n\"two\nlines\"\r\n\r\n");
    }

    #[test]
    fn markup_is_data_not_code() {
        // CSV has no escaping for `<`; the field is written literally (a spreadsheet shows it as text).
        assert_eq!(to_csv(&["n"], [vec!["<img src=x onerror=alert(1)>"]]), "n\r\n<img src=x onerror=alert(1)>\r\n");
    }
}
