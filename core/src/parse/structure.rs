//! The slow path: walks a document that failed typed deserialisation against format v1 and names
//! every structural problem (missing field, wrong type, bad timestamp or duration) by JSON path.
//!
//! It checks exactly what deserialisation checks, nothing more: value ranges and cross-field rules
//! belong to `validate`, which runs on the typed snapshot once the structure is right.

use chrono::{DateTime, FixedOffset};

use crate::findings::Findings;
use crate::model::FORMAT_VERSION;
use crate::parse::tree::Node;
use crate::problem::Problem;
use crate::time::{Span, Window};
use crate::validate::unsupported_version_message;

mod platform;

type Fields = [(String, Node)];

const TIMESTAMP: &str = "an RFC 3339 timestamp like \"2026-11-21T00:00:00Z\"";
const DURATION: &str = "a duration like \"5m\", \"1h\", \"28d\" or \"1w\"";
const WINDOW: &str = "a rolling duration like \"28d\" or \"calendar:week\", \"calendar:month\", \"calendar:quarter\"";
const COUNT: &str = "a count of events (a whole number, 0 or more) or null";

/// Structural problems of a snapshot document (empty when its structure is format v1).
pub(crate) fn snapshot_problems(file: &str, root: &Node) -> Vec<Problem> {
    let mut walk = Walk { findings: Findings::new(file) };
    walk.snapshot(root);
    walk.findings.into_problems()
}

/// Structural problems of a manifest document.
pub(crate) fn manifest_problems(file: &str, root: &Node) -> Vec<Problem> {
    let mut walk = Walk { findings: Findings::new(file) };
    if let Some(fields) = walk.object(root, "", "the manifest, an object with `title` and `snapshots`") {
        walk.duplicates(fields, "", &["title", "snapshots", "packed"]);
        if let Some((node, path)) = walk.required(fields, "", "title", "the report title, a string") {
            walk.string(node, &path, "the report title, a string");
        }
        let snapshots = "the snapshot files, an array of paths relative to the manifest";
        if let Some((node, path)) = walk.required(fields, "", "snapshots", snapshots) {
            walk.each_item(node, &path, snapshots, |walk, item, path| {
                walk.string(item, &path, "a snapshot path, a string");
            });
        }
        walk.optional_string(fields, "", "packed", "the packed form's path, a string");
    }
    walk.findings.into_problems()
}

/// The problem of a number too large for any float at `path`: for a count, said as every count
/// problem is.
pub(crate) fn out_of_range_message(path: &str) -> String {
    let column = path.strip_suffix(']').and_then(|rest| rest.rsplit_once('[')).map(|(column, _)| column);
    let in_count_column = column.is_some_and(|column| {
        column.starts_with("slos[") && (column.ends_with("].sli.good") || column.ends_with("].sli.total"))
    });
    if in_count_column {
        format!("expected {COUNT}, found a number too large to read")
    } else {
        "the number is too large to read (beyond ±1.8e308)".to_owned()
    }
}

fn child(parent: &str, key: &str) -> String {
    if parent.is_empty() {
        key.to_owned()
    } else {
        format!("{parent}.{key}")
    }
}

/// `found "abc"` for strings (their text helps), `found a number` for the rest.
fn found(node: &Node) -> String {
    match node {
        Node::String(text) => format!("found {text:?}"),
        other => format!("found {}", other.kind()),
    }
}

struct Walk<'a> {
    findings: Findings<'a>,
}

impl Walk<'_> {
    fn snapshot(&mut self, root: &Node) {
        let Some(fields) = self.object(root, "", "a snapshot, an object") else { return };
        let known = ["version", "generated_at", "services", "slos", "deployments", "incidents", "platform"];
        self.duplicates(fields, "", &known);
        let version = "the format version, the number 1";
        if let Some((node, path)) = self.required(fields, "", "version", version) {
            match node {
                Node::Number(n) if n.as_u64() == Some(u64::from(FORMAT_VERSION)) => {}
                Node::Number(n) if n.as_u64().is_some() => {
                    self.findings.error(path, unsupported_version_message(&n.to_string()));
                }
                other => self.findings.error(path, format!("expected {version}, {}", found(other))),
            }
        }
        if let Some((node, path)) = self.required(fields, "", "generated_at", TIMESTAMP) {
            self.timestamp(node, &path);
        }
        self.records(fields, "services", "a service", Walk::service);
        self.records(fields, "slos", "an SLO", Walk::slo);
        self.records(fields, "deployments", "a deployment", Walk::deployment);
        self.records(fields, "incidents", "an incident", Walk::incident);
        self.platform(fields);
    }

    fn records(&mut self, fields: &Fields, key: &str, record: &str, walk_record: fn(&mut Self, &Fields, &str)) {
        let expected = format!("an array of records, each {record} object");
        if let Some((node, path)) = self.required(fields, "", key, &expected) {
            self.each_item(node, &path, &expected, |walk, item, path| {
                if let Some(fields) = walk.object(item, &path, &format!("{record}, an object")) {
                    walk_record(walk, fields, &path);
                }
            });
        }
    }

    fn service(&mut self, fields: &Fields, path: &str) {
        self.duplicates(fields, path, &["id", "name", "team"]);
        self.required_string(fields, path, "id", "the service id, a string");
        self.optional_string(fields, path, "name", "the display name, a string or null");
        self.optional_string(fields, path, "team", "the owning team, a string or null");
    }

    fn slo(&mut self, fields: &Fields, path: &str) {
        let known = ["id", "service", "name", "objective", "window", "budgeting", "timeslice_target", "sli"];
        self.duplicates(fields, path, &known);
        self.required_string(fields, path, "id", "the SLO id, a string");
        self.required_string(fields, path, "service", "the id of a service of this snapshot, a string");
        self.optional_string(fields, path, "name", "the display name, a string or null");
        let objective = "the objective, a number between 0 and 1 like 0.999";
        if let Some((node, path)) = self.required(fields, path, "objective", objective) {
            self.number(node, &path, objective);
        }
        if let Some((node, path)) = self.required(fields, path, "window", WINDOW) {
            self.parsed::<Window>(node, &path, WINDOW);
        }
        let budgeting = "\"occurrences\" or \"timeslices\"";
        if let Some((node, path)) = self.required(fields, path, "budgeting", budgeting) {
            self.choice(node, &path, &["occurrences", "timeslices"], budgeting);
        }
        let target = "the good-slice ratio target, a number in (0, 1], or null";
        if let Some((node, path)) = self.optional(fields, path, "timeslice_target") {
            if !matches!(node, Node::Null) {
                self.number(node, &path, target);
            }
        }
        let sli = "the SLI data, an object with `start`, `step`, `good` and `total`";
        if let Some((node, path)) = self.required(fields, path, "sli", sli) {
            if let Some(fields) = self.object(node, &path, sli) {
                self.sli(fields, &path);
            }
        }
    }

    fn sli(&mut self, fields: &Fields, path: &str) {
        self.duplicates(fields, path, &["start", "step", "good", "total"]);
        if let Some((node, path)) = self.required(fields, path, "start", TIMESTAMP) {
            self.timestamp(node, &path);
        }
        if let Some((node, path)) = self.required(fields, path, "step", DURATION) {
            self.parsed::<Span>(node, &path, DURATION);
        }
        for column in ["good", "total"] {
            let expected = format!("the {column} events per bucket, an array of counts or null");
            if let Some((node, path)) = self.required(fields, path, column, &expected) {
                self.counts(node, &path, &expected);
            }
        }
    }

    fn deployment(&mut self, fields: &Fields, path: &str) {
        let known =
            ["id", "service", "environment", "finished_at", "status", "changes", "fixes_incident", "production"];
        self.duplicates(fields, path, &known);
        self.required_string(fields, path, "id", "the deployment id, a string");
        self.required_string(fields, path, "service", "the id of a service of this snapshot, a string");
        if let Some((node, path)) = self.optional(fields, path, "environment") {
            self.string(node, &path, "the environment, a string (leave the field out for \"production\")");
        }
        if let Some((node, path)) = self.required(fields, path, "finished_at", TIMESTAMP) {
            self.timestamp(node, &path);
        }
        let status = "\"succeeded\", \"failed\" or \"rolled_back\"";
        if let Some((node, path)) = self.required(fields, path, "status", status) {
            self.choice(node, &path, &["succeeded", "failed", "rolled_back"], status);
        }
        let changes = "the changes shipped, an array of objects with `id` and `committed_at`";
        if let Some((node, path)) = self.required(fields, path, "changes", changes) {
            self.each_item(node, &path, changes, |walk, item, path| {
                if let Some(fields) = walk.object(item, &path, "a change, an object with `id` and `committed_at`") {
                    walk.duplicates(fields, &path, &["id", "committed_at", "repository"]);
                    walk.required_string(fields, &path, "id", "the change id (commit), a string");
                    if let Some((node, path)) = walk.required(fields, &path, "committed_at", TIMESTAMP) {
                        walk.timestamp(node, &path);
                    }
                    walk.optional_string(fields, &path, "repository", "the repository of the change, a string or null");
                }
            });
        }
        self.optional_string(fields, path, "fixes_incident", "the id of the incident it fixes, a string or null");
        if let Some((node, path)) = self.optional(fields, path, "production") {
            if !matches!(node, Node::Null | Node::Bool(_)) {
                self.findings.error(
                    &path,
                    format!("expected whether DORA counts it as production, true, false or null, {}", found(node)),
                );
            }
        }
    }

    fn incident(&mut self, fields: &Fields, path: &str) {
        let known = ["id", "service", "severity", "started_at", "resolved_at", "caused_by"];
        self.duplicates(fields, path, &known);
        self.required_string(fields, path, "id", "the incident id, a string");
        self.required_string(fields, path, "service", "the id of a service of this snapshot, a string");
        self.optional_string(fields, path, "severity", "the severity, a string or null");
        if let Some((node, path)) = self.required(fields, path, "started_at", TIMESTAMP) {
            self.timestamp(node, &path);
        }
        if let Some((node, path)) = self.optional(fields, path, "resolved_at") {
            if !matches!(node, Node::Null) {
                self.timestamp(node, &path);
            }
        }
        let caused_by = "the ids of the deployments it is attributed to, an array of strings";
        if let Some((node, path)) = self.optional(fields, path, "caused_by") {
            self.each_item(node, &path, caused_by, |walk, item, path| {
                walk.string(item, &path, "a deployment id, a string");
            });
        }
    }

    fn object<'n>(&mut self, node: &'n Node, path: &str, expected: &str) -> Option<&'n Fields> {
        match node {
            Node::Object(fields) => Some(fields),
            other => {
                self.findings.error(path, format!("expected {expected}, {}", found(other)));
                None
            }
        }
    }

    /// Reports known keys written more than once (typed deserialisation rejects them).
    fn duplicates(&mut self, fields: &Fields, path: &str, known: &[&str]) {
        for (position, (key, _)) in fields.iter().enumerate() {
            let repeated = fields[..position].iter().any(|(earlier, _)| earlier == key);
            if repeated && known.contains(&key.as_str()) {
                self.findings
                    .error(child(path, key), format!("field `{key}` is written more than once; write it once"));
            }
        }
    }

    fn optional<'n>(&mut self, fields: &'n Fields, path: &str, key: &str) -> Option<(&'n Node, String)> {
        fields.iter().find(|(name, _)| name == key).map(|(_, node)| (node, child(path, key)))
    }

    fn required<'n>(
        &mut self,
        fields: &'n Fields,
        path: &str,
        key: &str,
        expected: &str,
    ) -> Option<(&'n Node, String)> {
        let field = self.optional(fields, path, key);
        if field.is_none() {
            self.findings.error(child(path, key), format!("required field `{key}` is missing: expected {expected}"));
        }
        field
    }

    fn required_string(&mut self, fields: &Fields, path: &str, key: &str, expected: &str) {
        if let Some((node, path)) = self.required(fields, path, key, expected) {
            self.string(node, &path, expected);
        }
    }

    fn optional_string(&mut self, fields: &Fields, path: &str, key: &str, expected: &str) {
        if let Some((node, path)) = self.optional(fields, path, key) {
            if !matches!(node, Node::Null) {
                self.string(node, &path, expected);
            }
        }
    }

    fn string<'n>(&mut self, node: &'n Node, path: &str, expected: &str) -> Option<&'n str> {
        match node {
            Node::String(text) => Some(text),
            other => {
                self.findings.error(path, format!("expected {expected}, {}", found(other)));
                None
            }
        }
    }

    fn number(&mut self, node: &Node, path: &str, expected: &str) {
        if !matches!(node, Node::Number(_)) {
            self.findings.error(path, format!("expected {expected}, {}", found(node)));
        }
    }

    fn choice(&mut self, node: &Node, path: &str, allowed: &[&str], expected: &str) {
        if self.string(node, path, expected).is_some_and(|text| !allowed.contains(&text)) {
            self.findings.error(path, format!("expected {expected}, {}", found(node)));
        }
    }

    fn timestamp(&mut self, node: &Node, path: &str) {
        if let Some(text) = self.string(node, path, TIMESTAMP) {
            if let Err(err) = text.parse::<DateTime<FixedOffset>>() {
                self.findings.error(path, format!("expected {TIMESTAMP}, found {text:?} ({err})"));
            }
        }
    }

    /// A string that must parse as `T` (a duration or window); the parse error says what is expected.
    fn parsed<T: std::str::FromStr<Err: std::fmt::Display>>(&mut self, node: &Node, path: &str, expected: &str) {
        if let Some(text) = self.string(node, path, expected) {
            if let Err(err) = text.parse::<T>() {
                self.findings.error(path, err.to_string());
            }
        }
    }

    fn each_item(&mut self, node: &Node, path: &str, expected: &str, mut visit: impl FnMut(&mut Self, &Node, String)) {
        match node {
            Node::Array(items) => {
                for (index, item) in items.iter().enumerate() {
                    visit(self, item, format!("{path}[{index}]"));
                }
            }
            Node::Counts(counts) => {
                for (index, count) in counts.iter().enumerate() {
                    let item = Node::from_count(*count);
                    visit(self, &item, format!("{path}[{index}]"));
                }
            }
            other => self.findings.error(path, format!("expected {expected}, {}", found(other))),
        }
    }

    fn counts(&mut self, node: &Node, path: &str, expected: &str) {
        let Node::Array(items) = node else {
            if !matches!(node, Node::Counts(_)) {
                self.findings.error(path, format!("expected {expected}, {}", found(node)));
            }
            return;
        };
        for (index, item) in items.iter().enumerate() {
            let message = match item {
                Node::Null => continue,
                Node::Number(n) if n.as_u64().is_some() => continue,
                Node::Number(n) if n.as_i64().is_some() => {
                    format!("negative count {n}: expected {COUNT}")
                }
                Node::Number(n) => format!("expected {COUNT}, found {n}"),
                other => format!("expected {COUNT}, {}", found(other)),
            };
            self.findings.error(format!("{path}[{index}]"), message);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(text: &str) -> Vec<(String, String)> {
        let root: Node = serde_json::from_str(text).unwrap();
        snapshot_problems("s.json", &root).into_iter().map(|p| (p.path, p.message)).collect()
    }

    fn paths(text: &str) -> Vec<String> {
        problems(text).into_iter().map(|(path, _)| path).collect()
    }

    #[test]
    fn a_document_that_is_not_an_object_is_one_problem_at_the_root() {
        assert_eq!(problems("[1]"), [(String::new(), "expected a snapshot, an object, found an array".into())]);
    }

    #[test]
    fn every_missing_top_level_field_is_named() {
        assert_eq!(paths("{}"), ["version", "generated_at", "services", "slos", "deployments", "incidents"]);
    }

    #[test]
    fn a_bad_count_is_located_by_index() {
        let doc = r#"{"version":1,"generated_at":"2026-11-21T00:00:00Z","services":[],"deployments":[],"incidents":[],
            "slos":[{"id":"a","service":"s","objective":0.9,"window":"7d","budgeting":"occurrences",
            "sli":{"start":"2026-11-01T00:00:00Z","step":"5m","good":[1,-2,null,1.5],"total":[1,2,"x",2]}}]}"#;
        let expected = [
            (
                "slos[0].sli.good[1]",
                "negative count -2: expected a count of events (a whole number, 0 or more) or null",
            ),
            ("slos[0].sli.good[3]", "expected a count of events (a whole number, 0 or more) or null, found 1.5"),
            ("slos[0].sli.total[2]", "expected a count of events (a whole number, 0 or more) or null, found \"x\""),
        ];
        let expected: Vec<(String, String)> = expected.iter().map(|(p, m)| ((*p).into(), (*m).into())).collect();
        assert_eq!(problems(doc), expected);
    }

    #[test]
    fn records_report_missing_fields_bad_values_and_duplicate_keys() {
        let doc = r#"{"version":2,"generated_at":"yesterday","services":[{"id":1}],"slos":[],
            "deployments":[{"id":"d","id":"d","service":"s","finished_at":"2026-11-21T00:00:00Z","status":"done",
                "changes":[{"id":"c"}],"environment":null}],
            "incidents":[{"id":"i","service":"s","started_at":"2026-11-21T00:00:00Z","caused_by":[3]}]}"#;
        assert_eq!(
            paths(doc),
            [
                "version",
                "generated_at",
                "services[0].id",
                "deployments[0].id",
                "deployments[0].environment",
                "deployments[0].status",
                "deployments[0].changes[0].committed_at",
                "incidents[0].caused_by[0]",
            ]
        );
    }

    #[test]
    fn the_optional_production_flag_and_change_repository_are_checked() {
        let doc = r#"{"version":1,"generated_at":"2026-11-21T00:00:00Z","services":[],"slos":[],"incidents":[],
            "deployments":[{"id":"d","service":"s","finished_at":"2026-11-21T00:00:00Z","status":"succeeded",
                "production":"yes","changes":[{"id":"c","committed_at":"2026-11-20T00:00:00Z","repository":7}]},
                {"id":"e","service":"s","finished_at":"2026-11-21T00:00:00Z","status":"succeeded",
                "production":null,"changes":[{"id":"c","committed_at":"2026-11-20T00:00:00Z","repository":null}]}]}"#;
        assert_eq!(paths(doc), ["deployments[0].changes[0].repository", "deployments[0].production"]);
    }

    #[test]
    fn bad_durations_and_windows_say_what_is_expected() {
        let doc = r#"{"version":1,"generated_at":"2026-11-21T00:00:00Z","services":[],"deployments":[],"incidents":[],
            "slos":[{"id":"a","service":"s","objective":"high","window":"calendar:year","budgeting":"both",
            "sli":{"start":"2026-11-01T00:00:00Z","step":"0m","good":{},"total":[]}}]}"#;
        assert_eq!(
            paths(doc),
            ["slos[0].objective", "slos[0].window", "slos[0].budgeting", "slos[0].sli.step", "slos[0].sli.good"]
        );
    }

    #[test]
    fn manifests_need_a_title_and_snapshot_paths() {
        let root: Node = serde_json::from_str(r#"{"snapshots":["a.json", 2]}"#).unwrap();
        let paths: Vec<String> = manifest_problems("index.json", &root).into_iter().map(|p| p.path).collect();
        assert_eq!(paths, ["title", "snapshots[1]"]);
    }
}
