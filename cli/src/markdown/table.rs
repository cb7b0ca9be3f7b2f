//! GitHub-flavoured Markdown tables, with cell text escaped so that no value can break the table.

use crate::visible::write_char;

/// A table: a header row, an alignment per column and rows of cells.
#[derive(Debug, Clone)]
pub struct Table {
    header: Vec<String>,
    right_aligned: Vec<bool>,
    rows: Vec<Vec<String>>,
}

impl Table {
    /// Columns as `(title, right_aligned)`; numbers read best right-aligned.
    pub fn new(columns: &[(&str, bool)]) -> Table {
        Table {
            header: columns.iter().map(|(title, _)| escape(title)).collect(),
            right_aligned: columns.iter().map(|(_, right)| *right).collect(),
            rows: Vec::new(),
        }
    }

    /// Adds a row of already formatted Markdown cells (escape untrusted text with [`escape`]).
    pub fn row(&mut self, cells: Vec<String>) {
        self.rows.push(cells);
    }

    pub fn render(&self, out: &mut String) {
        line(out, &self.header);
        let rule: Vec<String> =
            self.right_aligned.iter().map(|right| if *right { "---:" } else { "---" }.to_owned()).collect();
        line(out, &rule);
        for row in &self.rows {
            line(out, row);
        }
    }
}

fn line(out: &mut String, cells: &[String]) {
    out.push('|');
    for cell in cells {
        out.push(' ');
        out.push_str(cell);
        out.push_str(" |");
    }
    out.push('\n');
}

/// Text from the data, made safe for Markdown (a table cell, a heading): pipes, backslashes and
/// Markdown punctuation are escaped, and control characters (line breaks, ANSI escapes) are shown
/// visibly (`\n`, `\u{1b}`) as on the terminal.
pub fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for character in text.chars() {
        match character {
            '|' | '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '#' | '~' | '&' | '$' => {
                escaped.push('\\');
                escaped.push(character);
            }
            // Writing to a String cannot fail.
            other => {
                let _ = write_char(&mut escaped, other);
            }
        }
    }
    escaped
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_have_a_rule_with_alignments() {
        let mut table = Table::new(&[("SLO", false), ("Attainment", true)]);
        table.row(vec!["a".to_owned(), "99%".to_owned()]);
        let mut out = String::new();
        table.render(&mut out);
        assert_eq!(out, "| SLO | Attainment |\n| --- | ---: |\n| a | 99% |\n");
    }

    #[test]
    fn cell_text_cannot_break_the_table_or_inject_markup() {
        assert_eq!(escape("a|b\nc_d*e `x` <img>"), "a\\|b\\nc\\_d\\*e \\`x\\` \\<img\\>");
        assert_eq!(escape("&lt;$x$ \u{1b}[2K"), "\\&lt;\\$x\\$ \\u{1b}\\[2K");
    }

    proptest::proptest! {
        #[test]
        fn escaped_text_has_no_line_break_and_every_pipe_is_escaped(text in ".*") {
            let escaped = escape(&text);
            proptest::prop_assert!(!escaped.chars().any(char::is_control), "{escaped:?}");
            // Each pipe follows an odd run of backslashes: it is escaped, not a cell border.
            let bytes = escaped.as_bytes();
            for (position, _) in escaped.match_indices('|') {
                let backslashes = bytes[..position].iter().rev().take_while(|byte| **byte == b'\\').count();
                proptest::prop_assert!(backslashes % 2 == 1, "{escaped:?}");
            }
        }
    }
}
