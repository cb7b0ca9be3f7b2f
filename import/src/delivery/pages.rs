//! The JSON that paginating API clients print: `gh api --paginate` and `glab api --paginate` write
//! one JSON document per page back to back (`[..][..]`, or `{..}{..}` for object responses),
//! `--slurp` wraps the pages in one array (`[[..],[..]]`), and a single page is one document.
//!
//! [`records`] flattens all of these into the records they hold, each with its location: the line
//! and column where its page starts, and its JSON path inside that page (`[3]`, `incidents[3]`).

use serde_json::Value;

use super::Input;
use crate::{Imported, Location, Problem};

/// One JSON document of a file and where it starts (1-based line and column).
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    pub value: Value,
    pub line: usize,
    pub column: usize,
}

/// A record of a page and where it is.
#[derive(Debug, Clone, PartialEq)]
pub struct Located<'a> {
    pub value: &'a Value,
    /// Its JSON path inside its page: `[3]`, `[1][3]` (slurped pages), `incidents[3]`.
    pub path: String,
    pub line: usize,
    pub column: usize,
}

/// Every JSON document of the file, in order; malformed JSON is one error with its line and column.
/// An empty file (or only whitespace) has no pages.
pub fn pages(file: &str, bytes: &[u8]) -> Result<Vec<Page>, Problem> {
    let mut pages = Vec::new();
    let mut stream = serde_json::Deserializer::from_slice(bytes).into_iter::<Value>();
    let mut offset = 0;
    while let Some(next) = stream.next() {
        match next {
            Ok(value) => {
                let start = offset + bytes.get(offset..).map_or(0, leading_whitespace);
                let (line, column) = line_column(bytes, start);
                pages.push(Page { value, line, column });
                offset = stream.byte_offset();
            }
            Err(err) => {
                return Err(Problem::error(
                    file,
                    Location::file().at(err.line(), err.column()),
                    format!("not JSON: {err}"),
                ));
            }
        }
    }
    Ok(pages)
}

/// The pages of `input`, or `None` after pushing the error that says why it is not JSON.
pub(crate) fn read_pages(input: &Input<'_>, import: &mut Imported) -> Option<Vec<Page>> {
    match pages(input.name, input.bytes) {
        Ok(pages) => Some(pages),
        Err(problem) => {
            import.problems.push(problem);
            None
        }
    }
}

/// The records of every page, each page being an array of records, an object holding one under
/// `key` (PagerDuty's `{"incidents": [..], "more": true}`), or an array of such pages (`--slurp`).
/// With `key` `None`, an object page is itself one record (a compare response).
/// Pages of another shape are returned as errors.
pub fn records<'a>(file: &str, pages: &'a [Page], key: Option<&str>) -> (Vec<Located<'a>>, Vec<Problem>) {
    let mut found = Vec::new();
    let mut problems = Vec::new();
    for page in pages {
        collect(file, page, &page.value, String::new(), key, true, &mut found, &mut problems);
    }
    (found, problems)
}

#[allow(clippy::too_many_arguments)]
fn collect<'a>(
    file: &str,
    page: &'a Page,
    value: &'a Value,
    path: String,
    key: Option<&str>,
    outer: bool,
    found: &mut Vec<Located<'a>>,
    problems: &mut Vec<Problem>,
) {
    match value {
        Value::Array(items) => {
            for (position, item) in items.iter().enumerate() {
                let item_path = format!("{path}[{position}]");
                let nested = outer && (item.is_array() || key.is_some_and(|key| item.get(key).is_some()));
                if nested {
                    collect(file, page, item, item_path, key, false, found, problems);
                } else {
                    found.push(Located { value: item, path: item_path, line: page.line, column: page.column });
                }
            }
        }
        Value::Object(fields) => match key {
            None => found.push(Located { value, path, line: page.line, column: page.column }),
            Some(key) => match fields.get(key) {
                Some(inner @ Value::Array(_)) => {
                    let inner_path = if path.is_empty() { key.to_owned() } else { format!("{path}.{key}") };
                    collect(file, page, inner, inner_path, None, false, found, problems);
                }
                _ => problems.push(Problem::error(
                    file,
                    Location::path(path).at(page.line, page.column),
                    format!("expected an object with the `{key}` array (one page of the API's answer)"),
                )),
            },
        },
        other => problems.push(Problem::error(
            file,
            Location::path(path).at(page.line, page.column),
            format!("expected a page of the API's answer, an array or an object, found {}", kind(other)),
        )),
    }
}

/// `"a string"`, `"a number"`…: what a value is, for messages.
pub(crate) fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

fn leading_whitespace(bytes: &[u8]) -> usize {
    bytes.iter().take_while(|byte| byte.is_ascii_whitespace()).count()
}

fn line_column(bytes: &[u8], offset: usize) -> (usize, usize) {
    let before = bytes.get(..offset).unwrap_or(bytes);
    let line = 1 + before.iter().filter(|byte| **byte == b'\n').count();
    let column = 1 + before.iter().rev().take_while(|byte| **byte != b'\n').count();
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paths(text: &str, key: Option<&str>) -> Vec<(String, usize)> {
        let pages = pages("f.json", text.as_bytes()).unwrap();
        let (found, problems) = records("f.json", &pages, key);
        assert!(problems.is_empty(), "{problems:?}");
        found.iter().map(|record| (record.path.clone(), record.line)).collect()
    }

    #[test]
    fn pages_back_to_back_slurped_or_merged_give_the_same_records() {
        let back_to_back = paths("[{\"id\": 1}, {\"id\": 2}]\n[{\"id\": 3}]", None);
        assert_eq!(back_to_back, [("[0]".into(), 1), ("[1]".into(), 1), ("[0]".into(), 2)]);
        let slurped = paths("[[{\"id\": 1}, {\"id\": 2}], [{\"id\": 3}]]", None);
        assert_eq!(slurped, [("[0][0]".into(), 1), ("[0][1]".into(), 1), ("[1][0]".into(), 1)]);
        assert_eq!(paths("[{\"id\": 1}, {\"id\": 2}, {\"id\": 3}]", None).len(), 3);
        assert_eq!(paths("{\"commits\": []}{\"commits\": []}", None), [(String::new(), 1), (String::new(), 1)]);
    }

    #[test]
    fn keyed_pages_are_unwrapped_also_when_slurped() {
        let text =
            "{\"incidents\": [{\"id\": \"A\"}], \"more\": true}\n  {\"incidents\": [{\"id\": \"B\"}], \"more\": false}";
        assert_eq!(paths(text, Some("incidents")), [("incidents[0]".into(), 1), ("incidents[0]".into(), 2)]);
        let slurped = "[{\"incidents\": [{\"id\": \"A\"}]}, {\"incidents\": [{\"id\": \"B\"}]}]";
        assert_eq!(paths(slurped, Some("incidents")), [("[0].incidents[0]".into(), 1), ("[1].incidents[0]".into(), 1)]);
    }

    #[test]
    fn pages_of_another_shape_are_errors() {
        let pages = pages("f.json", b"3 {\"limit\": 1}").unwrap();
        let (found, problems) = records("f.json", &pages, Some("incidents"));
        assert!(found.is_empty());
        let shown: Vec<String> = problems.iter().map(ToString::to_string).collect();
        assert_eq!(
            shown,
            [
                "error: f.json:1:1: expected a page of the API's answer, an array or an object, found a number",
                "error: f.json:1:3: expected an object with the `incidents` array (one page of the API's answer)",
            ]
        );
        assert!(super::pages("f.json", b"").unwrap().is_empty());
    }
}
