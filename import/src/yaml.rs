//! YAML documents as a tree whose every node knows its line and column, and [`At`], a node with its
//! path, whose accessors fail with a located [`Problem`] (`spec.objectives[0].target` at line 12,
//! column 9: expected a number, found a mapping).
//!
//! Parsed by `saphyr` (YAML 1.2, several `---` documents per file, duplicate keys refused, alias
//! expansion bounded). JSON is YAML, so JSON files read here too.

use saphyr::{LoadableYamlNode, MarkedYaml, Scalar, YamlData};

use crate::problem::{Location, Problem};
use crate::source_file::SourceFile;

/// Nesting deeper than this is refused, so that no input can exhaust the stack.
const MAX_DEPTH: usize = 128;

/// One YAML node and where it starts (1-based line and column).
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub value: Value,
    pub line: usize,
    pub column: usize,
}

/// A node's value; mapping keys are strings (integers and booleans as written), in document order.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    Seq(Vec<Node>),
    Map(Vec<(String, Node)>),
}

impl Value {
    /// What it is, for messages: "a mapping", "a string".
    pub fn kind(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Bool(_) => "a boolean",
            Value::Int(_) | Value::Float(_) => "a number",
            Value::Str(_) => "a string",
            Value::Seq(_) => "a list",
            Value::Map(_) => "a mapping",
        }
    }
}

/// The documents of a definition file, or `None` once its problem is recorded: one unreadable file
/// does not stop the others.
pub fn documents_of(file: &SourceFile<'_>, problems: &mut Vec<Problem>) -> Option<Vec<Node>> {
    parse(file.name, file.bytes).map_err(|problem| problems.push(problem)).ok()
}

/// Every document of a YAML file (empty documents are left out), or the first syntax error.
pub fn parse(file: &str, bytes: &[u8]) -> Result<Vec<Node>, Problem> {
    let text = std::str::from_utf8(bytes)
        .map_err(|err| Problem::error(file, Location::file(), format!("the file is not UTF-8 text: {err}")))?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if let Some(line) = too_deep_line(text) {
        return Err(Problem::error(
            file,
            Location::file().at(line, 1),
            format!("the document is nested more than {MAX_DEPTH} levels deep here: it is not read"),
        ));
    }
    let documents = MarkedYaml::load_from_str(text).map_err(|err| {
        let marker = err.marker();
        Problem::error(
            file,
            Location::file().at(marker.line(), marker.col() + 1),
            format!("the file is not valid YAML: {}", err.info()),
        )
    })?;
    let mut nodes = Vec::with_capacity(documents.len());
    for document in &documents {
        let node = convert(file, document, 0)?;
        if node.value != Value::Null {
            nodes.push(node);
        }
    }
    Ok(nodes)
}

/// The first line that may open more than [`MAX_DEPTH`] block levels (its indentation plus its
/// compact `- `, `? ` and `: ` indicators bound the depth there), checked before parsing: the YAML
/// parser bounds flow nesting itself, but deep block nesting would exhaust the stack.
fn too_deep_line(text: &str) -> Option<usize> {
    text.lines()
        .position(|line| {
            let indent = line.len() - line.trim_start_matches([' ', '\t']).len();
            let bytes = line.as_bytes();
            let indicators = bytes
                .windows(2)
                .filter(|pair| matches!(pair[0], b'-' | b'?' | b':') && matches!(pair[1], b' ' | b'\t'))
                .count();
            indent + indicators > MAX_DEPTH
        })
        .map(|index| index + 1)
}

fn convert(file: &str, yaml: &MarkedYaml<'_>, depth: usize) -> Result<Node, Problem> {
    let (line, column) = (yaml.span.start.line(), yaml.span.start.col() + 1);
    let fail = |message: &str| Problem::error(file, Location::file().at(line, column), message.to_owned());
    if depth > MAX_DEPTH {
        return Err(fail(&format!("the document is nested more than {MAX_DEPTH} levels deep")));
    }
    let value = match &yaml.data {
        YamlData::Value(scalar) => scalar_value(scalar),
        YamlData::Representation(text, _, _) => Value::Str(text.to_string()),
        YamlData::Sequence(items) => {
            Value::Seq(items.iter().map(|item| convert(file, item, depth + 1)).collect::<Result<_, _>>()?)
        }
        YamlData::Mapping(entries) => {
            let mut fields = Vec::with_capacity(entries.len());
            for (key, value) in entries {
                let (key_line, key_column) = (key.span.start.line(), key.span.start.col() + 1);
                let key_text = match &key.data {
                    YamlData::Value(Scalar::String(text)) => text.to_string(),
                    YamlData::Value(Scalar::Integer(number)) => number.to_string(),
                    YamlData::Value(Scalar::Boolean(flag)) => flag.to_string(),
                    _ => return Err(fail("a mapping key must be a plain string")),
                };
                let mut node = convert(file, value, depth + 1)?;
                // A nested mapping or list is located at its key, where a reader looks for it.
                if matches!(node.value, Value::Map(_) | Value::Seq(_)) {
                    (node.line, node.column) = (key_line, key_column);
                }
                fields.push((key_text, node));
            }
            Value::Map(fields)
        }
        YamlData::Tagged(_, inner) => return convert(file, inner, depth + 1),
        YamlData::Alias(_) => return Err(fail("an alias that names no anchor")),
        YamlData::BadValue => return Err(fail("a value that is not valid YAML")),
    };
    Ok(Node { value, line, column })
}

fn scalar_value(scalar: &Scalar<'_>) -> Value {
    match scalar {
        Scalar::Null => Value::Null,
        Scalar::Boolean(flag) => Value::Bool(*flag),
        Scalar::Integer(number) => Value::Int(*number),
        Scalar::FloatingPoint(number) => Value::Float(number.into_inner()),
        Scalar::String(text) => Value::Str(text.to_string()),
    }
}

/// A node, its file and its path in the document: every accessor fails with a located problem.
#[derive(Debug, Clone)]
pub struct At<'a> {
    pub file: &'a str,
    pub node: &'a Node,
    pub path: String,
}

impl<'a> At<'a> {
    /// The root of a document.
    pub fn root(file: &'a str, node: &'a Node) -> At<'a> {
        At { file, node, path: String::new() }
    }

    pub fn location(&self) -> Location {
        Location::path(self.path.clone()).at(self.node.line, self.node.column)
    }

    pub fn error(&self, message: impl Into<String>) -> Problem {
        Problem::error(self.file, self.location(), message)
    }

    pub fn warning(&self, message: impl Into<String>) -> Problem {
        Problem::warning(self.file, self.location(), message)
    }

    /// The field `key` of a mapping; `None` when absent or `null` (the same, as in OpenSLO).
    pub fn get(&self, key: &str) -> Option<At<'a>> {
        let Value::Map(fields) = &self.node.value else { return None };
        let (_, node) = fields.iter().find(|(name, _)| name == key)?;
        (node.value != Value::Null).then(|| At { file: self.file, node, path: child_path(&self.path, key) })
    }

    /// The field `key`, which must be there.
    pub fn required(&self, key: &str) -> Result<At<'a>, Problem> {
        self.mapping()?;
        self.get(key).ok_or_else(|| {
            Problem::error(
                self.file,
                Location::path(child_path(&self.path, key)).at(self.node.line, self.node.column),
                format!("the required field `{key}` is missing"),
            )
        })
    }

    /// The entries of a mapping, in document order.
    pub fn mapping(&self) -> Result<Vec<(&'a str, At<'a>)>, Problem> {
        match &self.node.value {
            Value::Map(fields) => Ok(fields
                .iter()
                .map(|(key, node)| (key.as_str(), At { file: self.file, node, path: child_path(&self.path, key) }))
                .collect()),
            other => Err(self.error(format!("expected a mapping, found {}", other.kind()))),
        }
    }

    /// The items of a list.
    pub fn items(&self) -> Result<Vec<At<'a>>, Problem> {
        match &self.node.value {
            Value::Seq(items) => Ok(items
                .iter()
                .enumerate()
                .map(|(index, node)| At { file: self.file, node, path: format!("{}[{index}]", self.path) })
                .collect()),
            other => Err(self.error(format!("expected a list, found {}", other.kind()))),
        }
    }

    /// A string; numbers and booleans are not strings here.
    pub fn str(&self) -> Result<&'a str, Problem> {
        match &self.node.value {
            Value::Str(text) => Ok(text),
            other => Err(self.error(format!("expected a string, found {}", other.kind()))),
        }
    }

    /// A string, or a number or boolean as written (`version: 1`, `target: 99.9`).
    pub fn text(&self) -> Result<String, Problem> {
        match &self.node.value {
            Value::Str(text) => Ok(text.clone()),
            Value::Int(number) => Ok(number.to_string()),
            Value::Float(number) => Ok(number.to_string()),
            Value::Bool(flag) => Ok(flag.to_string()),
            other => Err(self.error(format!("expected a string, found {}", other.kind()))),
        }
    }

    /// A finite number, or a string holding one (Pyrra writes `target: "99.9"`).
    pub fn number(&self) -> Result<f64, Problem> {
        let number = match &self.node.value {
            Value::Int(number) => *number as f64,
            Value::Float(number) => *number,
            Value::Str(text) => text
                .trim()
                .parse::<f64>()
                .map_err(|_| self.error(format!("expected a number, found the string {text:?}")))?,
            other => return Err(self.error(format!("expected a number, found {}", other.kind()))),
        };
        if number.is_finite() {
            Ok(number)
        } else {
            Err(self.error(format!("expected a finite number, found {number}")))
        }
    }

    pub fn bool(&self) -> Result<bool, Problem> {
        match &self.node.value {
            Value::Bool(flag) => Ok(*flag),
            other => Err(self.error(format!("expected true or false, found {}", other.kind()))),
        }
    }
}

/// `parent.key`, or `parent["odd key"]` for keys that are not plain names.
fn child_path(parent: &str, key: &str) -> String {
    let plain = !key.is_empty() && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    match (parent.is_empty(), plain) {
        (true, true) => key.to_owned(),
        (false, true) => format!("{parent}.{key}"),
        (_, false) => format!("{parent}[{key:?}]"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_document_parses_with_positions() {
        let documents = parse("a.yaml", b"kind: SLO\nspec:\n  target: 0.99\n---\nkind: Service\n").unwrap();
        assert_eq!(documents.len(), 2);
        let spec = At::root("a.yaml", &documents[0]).required("spec").unwrap();
        let target = spec.required("target").unwrap();
        assert_eq!(target.number().unwrap(), 0.99);
        assert_eq!(target.location(), Location::path("spec.target").at(3, 11));
        assert_eq!(documents[1].line, 5);
    }

    #[test]
    fn malformed_yaml_is_located() {
        let problem = parse("a.yaml", b"kind: SLO\nspec: [1, 2\n").unwrap_err();
        assert!(problem.location.line.is_some() && problem.location.column.is_some(), "{problem}");
        assert!(problem.message.starts_with("the file is not valid YAML"), "{problem}");
    }

    #[test]
    fn duplicate_keys_are_refused() {
        assert!(parse("a.yaml", b"kind: SLO\nkind: SLI\n").is_err());
    }

    #[test]
    fn missing_and_mistyped_fields_name_their_path() {
        let documents = parse("a.yaml", b"spec:\n  objectives: {target: 1}\n").unwrap();
        let root = At::root("a.yaml", &documents[0]);
        let missing = root.required("metadata").unwrap_err();
        assert_eq!(missing.to_string(), "error: a.yaml:1:1: metadata: the required field `metadata` is missing");
        let objectives = root.required("spec").unwrap().required("objectives").unwrap();
        assert_eq!(objectives.items().unwrap_err().message, "expected a list, found a mapping");
        assert_eq!(child_path("metadata.annotations", "openslo.com/key"), "metadata.annotations[\"openslo.com/key\"]");
    }

    #[test]
    fn nesting_is_bounded() {
        let deep = format!("{}{}", "[".repeat(MAX_DEPTH + 5), "]".repeat(MAX_DEPTH + 5));
        assert!(parse("a.yaml", deep.as_bytes()).is_err());
        for text in [format!("{}a", "- ".repeat(50_000)), "a:\n".to_owned() + &" ".repeat(20_000) + "b: c\n"] {
            let problem = parse("a.yaml", text.as_bytes()).unwrap_err();
            assert!(problem.message.starts_with("the document is nested more than"), "{problem}");
        }
        let flow = format!("{}{}", "[\n".repeat(50_000), "]\n".repeat(50_000));
        assert!(parse("a.yaml", flow.as_bytes()).is_err());
    }
}
