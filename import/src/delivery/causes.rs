//! Naming the deployment that caused an incident, from the incident's own text (title, notes).
//!
//! Three rules, all applied, results deduplicated in order of appearance:
//! 1. **A marker**: `caused-by: <id>` (also `caused_by:`, any case) names a deployment id as written,
//!    known or not (the core warns about a link no snapshot resolves).
//! 2. **A known deployment id** written anywhere as a word (`rollback of github-1042`).
//! 3. **A commit SHA** (7 to 40 hexadecimal digits) that is a change of a known deployment: the
//!    incident is blamed on the first production deployment (by `finished_at`, id) that shipped it.
//!
//! Known deployments are those the user passes (the snapshots imported before); without them only
//! the marker works.

use uptrend_core::model::{Deployment, Id};

use super::history::same_commit;

/// The deployments causes may name.
#[derive(Debug, Clone, Default)]
pub struct KnownDeployments {
    /// (finished_at, id) order; production ones only.
    deployments: Vec<(Id, Vec<Id>)>,
}

impl KnownDeployments {
    pub fn new<'a>(deployments: impl IntoIterator<Item = &'a Deployment>) -> KnownDeployments {
        let mut production: Vec<&Deployment> = deployments.into_iter().filter(|d| d.is_production()).collect();
        production.sort_by(|a, b| (a.finished_at, &a.id).cmp(&(b.finished_at, &b.id)));
        KnownDeployments {
            deployments: production
                .into_iter()
                .map(|d| (d.id.clone(), d.changes.iter().map(|change| change.id.clone()).collect()))
                .collect(),
        }
    }

    /// The first production deployment that shipped the change (Four Keys' join of an incident's
    /// root-cause changes to deployments).
    pub fn shipping(&self, change: &str) -> Option<Id> {
        self.deployments
            .iter()
            .find(|(_, changes)| changes.iter().any(|c| same_commit(c, change)))
            .map(|(id, _)| id.clone())
    }

    /// The deployment ids the texts name, by the rules above.
    pub fn causes(&self, texts: &[&str]) -> Vec<Id> {
        let mut causes: Vec<Id> = Vec::new();
        let mut push = |id: Id| {
            if !causes.contains(&id) {
                causes.push(id);
            }
        };
        for text in texts {
            let words: Vec<&str> = words(text).collect();
            for (index, word) in words.iter().enumerate() {
                let lower = word.to_ascii_lowercase();
                let marker = ["caused-by:", "caused_by:"]
                    .iter()
                    .find_map(|marker| lower.strip_prefix(marker).map(|rest| rest.len()));
                if let Some(rest) = marker {
                    let inline = &word[word.len() - rest..];
                    let named = if inline.is_empty() { words.get(index + 1).copied() } else { Some(inline) };
                    if let Some(named) = named.map(trim_word).filter(|named| !named.is_empty()) {
                        push(named.into());
                    }
                    continue;
                }
                let word = trim_word(word);
                if let Some((id, _)) = self.deployments.iter().find(|(id, _)| id == word) {
                    push(id.clone());
                } else if is_sha(word) {
                    if let Some(id) = self.shipping(word) {
                        push(id);
                    }
                }
            }
        }
        causes
    }
}

fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| c.is_whitespace() || c == ',' || c == ';' || c == '(' || c == ')' || c == '[' || c == ']')
        .filter(|word| !word.is_empty())
}

fn trim_word(word: &str) -> &str {
    word.trim_matches(|c: char| matches!(c, '.' | ':' | '!' | '?' | '"' | '\'' | '`' | '#'))
}

fn is_sha(word: &str) -> bool {
    (7..=40).contains(&word.len()) && word.chars().all(|c| c.is_ascii_hexdigit())
}

#[cfg(test)]
mod tests {
    use super::*;
    use uptrend_core::model::{Change, DeployStatus};

    fn deployment(id: &str, finished: &str, changes: &[&str]) -> Deployment {
        Deployment {
            id: id.into(),
            service: "api".into(),
            environment: "production".into(),
            finished_at: finished.parse().unwrap(),
            status: DeployStatus::Succeeded,
            changes: changes.iter().map(|c| Change::new(*c, "2026-11-01T00:00:00Z".parse().unwrap())).collect(),
            fixes_incident: None,
            production: None,
        }
    }

    #[test]
    fn markers_known_ids_and_shipped_shas_name_causes() {
        let known = [
            deployment("github-2", "2026-11-02T10:00:00Z", &["a91957a858320c0e17f3a0eca7cfacbff50ea29a"]),
            deployment("github-3", "2026-11-03T10:00:00Z", &["a91957a858320c0e17f3a0eca7cfacbff50ea29a", "bbbbbbbbbb"]),
        ];
        let known = KnownDeployments::new(known.iter());
        assert_eq!(known.causes(&["Checkout 500s after a91957a"]), ["github-2"]);
        assert_eq!(known.causes(&["caused-by: deploy-77", "see github-3."]), ["deploy-77", "github-3"]);
        assert_eq!(known.causes(&["Caused_By:github-3, again github-3"]), ["github-3"]);
        assert!(known.causes(&["disk full on db-1 (cafe)"]).is_empty());
        assert!(KnownDeployments::default().causes(&["a91957a"]).is_empty());
    }
}
