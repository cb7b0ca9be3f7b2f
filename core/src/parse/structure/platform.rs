//! The structure of the optional `platform` section, named by JSON path like the rest of the walk.

use super::{found, Fields, Walk, TIMESTAMP};
use crate::parse::tree::Node;

impl Walk<'_> {
    pub(super) fn platform(&mut self, fields: &Fields) {
        let Some((node, path)) = self.optional(fields, "", "platform") else { return };
        let expected = "the platform section, an object with `capabilities`, `adoptions`, `onboardings`, `surveys`";
        let Some(fields) = self.object(node, &path, expected) else { return };
        self.duplicates(fields, &path, &["capabilities", "adoptions", "onboardings", "surveys"]);
        self.platform_records(fields, &path, "capabilities", "a capability", Walk::capability);
        self.platform_records(fields, &path, "adoptions", "an adoption", Walk::adoption);
        self.platform_records(fields, &path, "onboardings", "an onboarding", Walk::onboarding);
        self.platform_records(fields, &path, "surveys", "a survey", Walk::survey);
    }

    fn platform_records(
        &mut self,
        fields: &Fields,
        path: &str,
        key: &str,
        record: &str,
        walk_record: fn(&mut Self, &Fields, &str),
    ) {
        let expected = format!("an array of records, each {record} object");
        if let Some((node, path)) = self.optional(fields, path, key) {
            self.each_item(node, &path, &expected, |walk, item, path| {
                if let Some(fields) = walk.object(item, &path, &format!("{record}, an object")) {
                    walk_record(walk, fields, &path);
                }
            });
        }
    }

    fn capability(&mut self, fields: &Fields, path: &str) {
        self.duplicates(fields, path, &["id", "name", "description"]);
        self.required_string(fields, path, "id", "the capability id, a string");
        self.required_string(fields, path, "name", "the display name, a string");
        self.optional_string(fields, path, "description", "a description, a string or null");
    }

    fn adoption(&mut self, fields: &Fields, path: &str) {
        self.duplicates(fields, path, &["service", "capability", "adopted_at", "dropped_at"]);
        self.required_string(fields, path, "service", "the id of a service of this snapshot, a string");
        self.required_string(fields, path, "capability", "the id of a capability of this snapshot, a string");
        if let Some((node, path)) = self.required(fields, path, "adopted_at", TIMESTAMP) {
            self.timestamp(node, &path);
        }
        self.optional_timestamp(fields, path, "dropped_at");
    }

    fn onboarding(&mut self, fields: &Fields, path: &str) {
        self.duplicates(fields, path, &["service", "team", "started_at", "completed_at"]);
        self.optional_string(fields, path, "service", "the id of the onboarded service, a string or null");
        self.optional_string(fields, path, "team", "the onboarded team, a string or null");
        if let Some((node, path)) = self.required(fields, path, "started_at", TIMESTAMP) {
            self.timestamp(node, &path);
        }
        self.optional_timestamp(fields, path, "completed_at");
    }

    fn survey(&mut self, fields: &Fields, path: &str) {
        let known = ["id", "name", "closed_at", "population", "questions", "responses", "counts"];
        self.duplicates(fields, path, &known);
        self.required_string(fields, path, "id", "the survey id, a string");
        self.optional_string(fields, path, "name", "the display name, a string or null");
        if let Some((node, path)) = self.required(fields, path, "closed_at", TIMESTAMP) {
            self.timestamp(node, &path);
        }
        if let Some((node, path)) = self.optional(fields, path, "population") {
            if !matches!(node, Node::Null) {
                self.whole(node, &path, "the number of people asked, a whole number or null", false);
            }
        }
        let questions = "the questions, an array of objects with `id`, `text` and `scale`";
        if let Some((node, path)) = self.required(fields, path, "questions", questions) {
            self.each_item(node, &path, questions, |walk, item, path| {
                if let Some(fields) = walk.object(item, &path, "a question, an object with `id`, `text` and `scale`") {
                    walk.question(fields, &path);
                }
            });
        }
        let responses = "one response per respondent, an array of objects with `team` and `answers`";
        if let Some((node, path)) = self.optional(fields, path, "responses") {
            self.each_item(node, &path, responses, |walk, item, path| {
                if let Some(fields) = walk.object(item, &path, "a response, an object with `team` and `answers`") {
                    walk.response(fields, &path);
                }
            });
        }
        let counts = "counts per score by question id, an object of arrays of whole numbers";
        if let Some((node, path)) = self.optional(fields, path, "counts") {
            if let Some(fields) = self.object(node, &path, counts) {
                for (question, node) in fields {
                    let path = format!("{path}.{question}");
                    self.each_item(
                        node,
                        &path,
                        "the answers per score, an array of whole numbers",
                        |walk, item, path| {
                            walk.whole(item, &path, "a count of answers, a whole number", false);
                        },
                    );
                }
            }
        }
    }

    fn question(&mut self, fields: &Fields, path: &str) {
        self.duplicates(fields, path, &["id", "text", "scale"]);
        self.required_string(fields, path, "id", "the question id, a string");
        self.required_string(fields, path, "text", "the question as asked, a string");
        let scale = "the scale, an object with whole numbers `min` and `max`";
        if let Some((node, path)) = self.required(fields, path, "scale", scale) {
            if let Some(fields) = self.object(node, &path, scale) {
                self.duplicates(fields, &path, &["min", "max"]);
                for key in ["min", "max"] {
                    if let Some((node, path)) = self.required(fields, &path, key, "a whole number") {
                        self.whole(node, &path, "a whole number", true);
                    }
                }
            }
        }
    }

    fn response(&mut self, fields: &Fields, path: &str) {
        self.duplicates(fields, path, &["team", "answers"]);
        self.optional_string(fields, path, "team", "the respondent's team, a string or null");
        let answers = "the scores by question id, an object of whole numbers";
        if let Some((node, path)) = self.required(fields, path, "answers", answers) {
            if let Some(fields) = self.object(node, &path, answers) {
                for (question, node) in fields {
                    self.whole(node, &format!("{path}.{question}"), "a score, a whole number", true);
                }
            }
        }
    }

    fn optional_timestamp(&mut self, fields: &Fields, path: &str, key: &str) {
        if let Some((node, path)) = self.optional(fields, path, key) {
            if !matches!(node, Node::Null) {
                self.timestamp(node, &path);
            }
        }
    }

    /// A whole number (negative ones only when `signed`).
    fn whole(&mut self, node: &Node, path: &str, expected: &str, signed: bool) {
        let fits = match node {
            Node::Number(n) => n.as_u64().is_some() || (signed && n.as_i64().is_some()),
            _ => false,
        };
        if !fits {
            self.findings.error(path, format!("expected {expected}, {}", found(node)));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::parse::parse_snapshot;

    fn paths(platform: &str) -> Vec<String> {
        let text = format!(
            r#"{{"version": 1, "generated_at": "2026-11-21T00:00:00Z", "services": [], "slos": [],
                "deployments": [], "incidents": [], "platform": {platform}}}"#
        );
        parse_snapshot("s.json", text.as_bytes()).err().unwrap_or_default().into_iter().map(|p| p.path).collect()
    }

    #[test]
    fn every_platform_field_of_the_wrong_type_is_named_by_path() {
        assert_eq!(paths("3"), ["platform"]);
        assert_eq!(
            paths(r#"{"capabilities": [{"id": 1}]}"#),
            ["platform.capabilities[0].id", "platform.capabilities[0].name"]
        );
        assert_eq!(
            paths(r#"{"adoptions": [{"service": "a", "capability": "c", "adopted_at": "soon", "dropped_at": 3}]}"#),
            ["platform.adoptions[0].adopted_at", "platform.adoptions[0].dropped_at"]
        );
        assert_eq!(
            paths(r#"{"onboardings": [{"team": 7}]}"#),
            ["platform.onboardings[0].team", "platform.onboardings[0].started_at"]
        );
        let survey = r#"{"surveys": [{"id": "s", "closed_at": "2026-01-01T00:00:00Z", "population": -1,
            "questions": [{"id": "q", "text": "?", "scale": {"min": 1.5, "max": 5}}],
            "responses": [{"answers": {"q": "4"}}], "counts": {"q": [1, -2]}}]}"#;
        assert_eq!(
            paths(survey),
            [
                "platform.surveys[0].population",
                "platform.surveys[0].questions[0].scale.min",
                "platform.surveys[0].responses[0].answers.q",
                "platform.surveys[0].counts.q[1]",
            ]
        );
    }
}
