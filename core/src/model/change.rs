//! A change (commit) shipped by a deployment, kept small: a data set has millions of them (five
//! per deployment in the large benchmark set), and most carry only an id and a commit instant. The
//! repository and the pull request's review instants are boxed together, present only when one of
//! them is known: 48 bytes a change instead of 96. The JSON form is flat and unchanged.

use std::borrow::Cow;

use chrono::{DateTime, Utc};
use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::Id;

/// A change (commit) shipped by a deployment. The optional review instants of its pull request
/// split its lead time into stages (coding, review, merge, deploy; `docs/metrics.md`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Change {
    pub id: Id,
    pub committed_at: DateTime<Utc>,
    /// `None` when the repository and every review instant are unknown (never a box of `None`s, so
    /// equal changes compare equal).
    details: Option<Box<ChangeDetails>>,
}

/// Where a change was made and how its pull request went.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
struct ChangeDetails {
    repository: Option<String>,
    review: Review,
}

/// The review instants of a change's pull request: opened, (last) approved, merged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Review {
    pub pr_opened_at: Option<DateTime<Utc>>,
    pub approved_at: Option<DateTime<Utc>>,
    pub merged_at: Option<DateTime<Utc>>,
}

impl Review {
    /// The three instants in the order of the pull request's life.
    pub fn instants(&self) -> [Option<DateTime<Utc>>; 3] {
        [self.pr_opened_at, self.approved_at, self.merged_at]
    }

    fn is_empty(&self) -> bool {
        self.pr_opened_at.is_none() && self.approved_at.is_none() && self.merged_at.is_none()
    }
}

impl Change {
    /// A change without a repository or review instants (a deployment built from one repository).
    pub fn new(id: impl Into<Id>, committed_at: DateTime<Utc>) -> Change {
        Change { id: id.into(), committed_at, details: None }
    }

    /// The repository the change was made in, for deployments that ship several repositories at once.
    /// A change is identified by (`repository`, `id`): the same id in two repositories is two changes.
    pub fn repository(&self) -> Option<&str> {
        self.details.as_ref()?.repository.as_deref()
    }

    /// Its pull request's review instants (all `None` when unknown).
    pub fn review(&self) -> Review {
        self.details.as_ref().map(|details| details.review).unwrap_or_default()
    }

    pub fn set_repository(&mut self, repository: Option<String>) {
        let review = self.review();
        self.set_details(repository, review);
    }

    pub fn set_review(&mut self, review: Review) {
        let repository = self.details.as_mut().and_then(|details| details.repository.take());
        self.set_details(repository, review);
    }

    /// The change with `repository` set.
    pub fn with_repository(mut self, repository: Option<String>) -> Change {
        self.set_repository(repository);
        self
    }

    /// The change with `review` set.
    pub fn with_review(mut self, review: Review) -> Change {
        self.set_review(review);
        self
    }

    fn set_details(&mut self, repository: Option<String>, review: Review) {
        self.details =
            (repository.is_some() || !review.is_empty()).then(|| Box::new(ChangeDetails { repository, review }));
    }
}

// The JSON form of a `Change` (format version 1): what is parsed, written and described by the
// schema, whose description is this type's doc comment.
/// A change (commit) shipped by a deployment. The optional review instants of its pull request
/// split its lead time into stages (coding, review, merge, deploy; `docs/metrics.md`).
#[derive(Serialize, Deserialize, JsonSchema)]
#[schemars(rename = "Change")]
struct ChangeRecord<'a> {
    #[serde(borrow)]
    id: Cow<'a, str>,
    #[serde(deserialize_with = "crate::parse::rfc3339::instant")]
    committed_at: DateTime<Utc>,
    /// The repository the change was made in, for deployments that ship several repositories at once.
    /// A change is identified by (`repository`, `id`): the same id in two repositories is two changes.
    #[serde(default, borrow, skip_serializing_if = "Option::is_none")]
    repository: Option<Cow<'a, str>>,
    /// When the pull request carrying this change was opened.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pr_opened_at: Option<DateTime<Utc>>,
    /// When that pull request was (last) approved.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    approved_at: Option<DateTime<Utc>>,
    /// When that pull request was merged.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    merged_at: Option<DateTime<Utc>>,
}

impl<'de> Deserialize<'de> for Change {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Change, D::Error> {
        let record = ChangeRecord::deserialize(deserializer)?;
        let review =
            Review { pr_opened_at: record.pr_opened_at, approved_at: record.approved_at, merged_at: record.merged_at };
        Ok(Change::new(Id::new(&record.id), record.committed_at)
            .with_repository(record.repository.map(Cow::into_owned))
            .with_review(review))
    }
}

impl Serialize for Change {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let Review { pr_opened_at, approved_at, merged_at } = self.review();
        ChangeRecord {
            id: Cow::Borrowed(&self.id),
            committed_at: self.committed_at,
            repository: self.repository().map(Cow::Borrowed),
            pr_opened_at,
            approved_at,
            merged_at,
        }
        .serialize(serializer)
    }
}

impl JsonSchema for Change {
    fn schema_name() -> Cow<'static, str> {
        ChangeRecord::schema_name()
    }

    fn schema_id() -> Cow<'static, str> {
        ChangeRecord::schema_id()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        ChangeRecord::json_schema(generator)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> DateTime<Utc> {
        text.parse().unwrap()
    }

    #[test]
    fn details_are_boxed_only_when_known() {
        #[cfg(target_pointer_width = "64")]
        assert_eq!(size_of::<Change>(), 48);
        let mut change = Change::new("c", at("2026-11-20T00:00:00Z")).with_repository(Some("acme/web".into()));
        change.set_repository(None);
        assert_eq!(change, Change::new("c", at("2026-11-20T00:00:00Z")));
        let review = Review { merged_at: Some(at("2026-11-19T00:00:00Z")), ..Review::default() };
        let change = change.with_review(review).with_repository(Some("r".into()));
        assert_eq!((change.repository(), change.review()), (Some("r"), review));
        assert_eq!(
            change.clone().with_review(Review::default()).with_repository(None),
            Change::new("c", change.committed_at)
        );
    }

    #[test]
    fn the_json_form_is_flat_and_round_trips() {
        let text = r#"{"id":"c","committed_at":"2026-11-20T00:00:00Z","repository":"acme/web","merged_at":"2026-11-19T00:00:00Z"}"#;
        let change: Change = serde_json::from_str(text).unwrap();
        assert_eq!(change.repository(), Some("acme/web"));
        assert_eq!(change.review().merged_at, Some(at("2026-11-19T00:00:00Z")));
        assert_eq!(serde_json::to_string(&change).unwrap(), text);
        let plain: Change = serde_json::from_str(r#"{"id":"c","committed_at":"2026-11-20T00:00:00Z"}"#).unwrap();
        assert_eq!(plain, Change::new("c", at("2026-11-20T00:00:00Z")));
        let escaped: Change =
            serde_json::from_str(r#"{"id":"c\u0031","committed_at":"2026-11-20T00:00:00Z"}"#).unwrap();
        assert_eq!(escaped.id, "c1");
    }
}
