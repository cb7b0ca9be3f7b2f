//! `uptrend import github`: deployments from the JSON `gh api --paginate` prints for
//! `/repos/{owner}/{repo}/deployments`, their outcome from `/deployments/{id}/statuses`, and the
//! commits each shipped from `/repos/{owner}/{repo}/compare/{base}...{head}` (GitHub REST API).
//!
//! - id: `github-{id}`; environment: the deployment's `environment` (GitHub's
//!   `production_environment: true` declares it production); the service: the map's entry for the
//!   repository (`owner/repo`), else the given default, else the repository's name.
//! - outcome: the latest (`created_at`, `id`) terminal status: `success` succeeded, `failure` or
//!   `error` failed, at that status's `created_at`; `pending`, `queued`, `in_progress` and `inactive`
//!   are not terminal, and a deployment without a terminal status is skipped (still running). The
//!   rules for failures, rollbacks and changes are those of [`super::history`].
//! - rework: `payload.fixes_incident`, else `fixes-incident: <id>` in the `description`, names the
//!   incident the deployment was made to address.
//! - changes: the compare's `commits`, each `sha` at `commit.committer.date` (the author date when
//!   the committer's is missing), with the repository.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use serde_json::Value;

use super::compares::{self, read_compares, CommitFields};
use super::history::{self, CommitRange, Outcome, SourceDeployment};
use super::pages::{read_pages, records, Located};
use super::record::{at, instant, optional_text, text, FieldError, Origin};
use super::{read, service, skip, store, used, Environments, Input};
use crate::{Imported, Problem, ServiceMap};

/// The files of one GitHub import and how to read them.
#[derive(Debug, Clone, Default)]
pub struct GithubImport<'a> {
    pub deployments: Vec<Input<'a>>,
    pub statuses: Vec<Input<'a>>,
    pub compares: Vec<Input<'a>>,
    /// The service when the service map has no entry for the repository (`owner/repo`); default:
    /// the repository's name. Either goes through the map's `unmapped` policy.
    pub service: Option<String>,
    pub environments: Environments,
    /// Failed deployments reached production (they are then `failed`, not skipped).
    pub failed_reached_production: bool,
}

/// A terminal status of a deployment.
#[derive(Debug, Clone)]
struct Terminal {
    created_at: DateTime<Utc>,
    id: u64,
    success: bool,
}

impl GithubImport<'_> {
    /// The deployments, counted and with a problem for each record not used.
    pub fn run(&self, map: &ServiceMap) -> Imported {
        let mut import = Imported::default();
        let terminals = self.statuses(&mut import);
        let ranges = read_compares(&self.compares, &mut import, compare);
        let mut source = Vec::new();
        let mut seen: HashMap<String, String> = HashMap::new();
        for input in &self.deployments {
            let Some(pages) = read_pages(input, &mut import) else { continue };
            let (found, problems) = records(input.name, &pages, None);
            import.problems.extend(problems);
            read(&mut import, "deployments", found.len());
            for located in found {
                match self.deployment(input.name, &located, &terminals, &mut seen, map, &mut import) {
                    Ok(Some(deployment)) => source.push(deployment),
                    Ok(None) => import.counts.skipped("deployments"),
                    Err(problem) => skip(&mut import, "deployments", problem),
                }
            }
        }
        let (deployments, problems, skipped) =
            history::build(source, &ranges, &self.environments, self.failed_reached_production);
        import.counts.add("deployments", 0, 0, skipped as u64);
        import.problems.extend(problems);
        used(&mut import, "statuses");
        used(&mut import, "compares");
        store(&mut import, deployments, Vec::new());
        import
    }

    fn deployment(
        &self,
        file: &str,
        located: &Located<'_>,
        terminals: &HashMap<String, Vec<Terminal>>,
        seen: &mut HashMap<String, String>,
        map: &ServiceMap,
        import: &mut Imported,
    ) -> Result<Option<SourceDeployment>, Problem> {
        let origin = Origin::of(file, located);
        let record = located.value;
        let field = |err: FieldError| origin.error(&err.field, format!("{}: the deployment is skipped", err.reason));
        let id = text(record, "id", "the deployment id").map_err(field)?;
        let sha = text(record, "sha", "the deployed commit SHA").map_err(field)?;
        let environment = text(record, "environment", "the environment name").map_err(field)?;
        let created_at = instant(record, "created_at").map_err(field)?;
        let repository = repository(record).ok_or_else(|| {
            origin.error(
                "repository_url",
                "`repository_url` is missing or not a GitHub repository URL: the deployment is skipped",
            )
        })?;
        if let Some(first) = seen.insert(id.clone(), format!("{file} {}", located.path)) {
            return Err(origin
                .problem("id", format!("deployment {id} is listed again (first at {first}): this copy is skipped")));
        }
        let name = repository.rsplit('/').next().unwrap_or(&repository).to_owned();
        let fallback = self.service.as_deref().unwrap_or(&name);
        let location = origin.location("repository_url");
        let Some(service) = service(import, map, &[&repository], fallback, None, file, location) else {
            return Ok(None);
        };
        let latest = terminals.get(&id).and_then(|statuses| statuses.iter().max_by_key(|t| (t.created_at, t.id)));
        let Some(latest) = latest else {
            return Err(origin.problem(
                "",
                format!(
                    "deployment {id} has no terminal status (success, failure or error) in the statuses files: \
                     still running, or its statuses were not fetched; skipped"
                ),
            ));
        };
        let outcome =
            if latest.success { Outcome::Succeeded(latest.created_at) } else { Outcome::Failed(latest.created_at) };
        Ok(Some(SourceDeployment {
            id: format!("github-{id}"),
            origin,
            service,
            repository,
            environment,
            source_production: at(record, "production_environment").and_then(Value::as_bool).unwrap_or(false),
            sha,
            created_at,
            outcome,
            fixes_incident: optional_text(record, "payload.fixes_incident")
                .or_else(|| optional_text(record, "description").and_then(|text| fixes_marker(&text))),
        }))
    }

    /// Terminal statuses by deployment id (from each status's `deployment_url`).
    fn statuses(&self, import: &mut Imported) -> HashMap<String, Vec<Terminal>> {
        let mut terminals: HashMap<String, Vec<Terminal>> = HashMap::new();
        for input in &self.statuses {
            let Some(pages) = read_pages(input, import) else { continue };
            let (found, problems) = records(input.name, &pages, None);
            import.problems.extend(problems);
            read(import, "statuses", found.len());
            for located in found {
                let origin = Origin::of(input.name, &located);
                let status = located.value;
                let parsed = (|| {
                    let url = text(status, "deployment_url", "the URL of the status's deployment")?;
                    let deployment = url.trim_end_matches('/').rsplit('/').next().unwrap_or_default().to_owned();
                    let state = text(status, "state", "the status state")?;
                    let created_at = instant(status, "created_at")?;
                    let id = at(status, "id").and_then(Value::as_u64).unwrap_or(0);
                    Ok::<_, FieldError>((deployment, state, created_at, id))
                })();
                match parsed {
                    Ok((deployment, state, created_at, id)) => match state.as_str() {
                        "success" | "failure" | "error" => terminals.entry(deployment).or_default().push(Terminal {
                            created_at,
                            id,
                            success: state == "success",
                        }),
                        "pending" | "queued" | "in_progress" | "inactive" => {}
                        other => skip(
                            import,
                            "statuses",
                            origin.error("state", format!("unknown state {other:?}: expected success, failure, error, pending, queued, in_progress or inactive; the status is skipped")),
                        ),
                    },
                    Err(err) => skip(import, "statuses", origin.error(&err.field, format!("{}: the status is skipped", err.reason))),
                }
            }
        }
        terminals
    }
}

/// The incident named by `fixes-incident: <id>` (or `fixes_incident:`, any case) in a text.
fn fixes_marker(text: &str) -> Option<String> {
    let lower = text.to_ascii_lowercase();
    let start = ["fixes-incident:", "fixes_incident:"]
        .iter()
        .find_map(|marker| lower.find(marker).map(|at| at + marker.len()))?;
    let id =
        text.get(start..)?.split_whitespace().next()?.trim_matches(|c: char| matches!(c, ',' | ';' | '.' | ')' | '"'));
    (!id.is_empty()).then(|| id.to_owned())
}

/// `owner/repo` from `repository_url` (`https://api.github.com/repos/owner/repo`).
fn repository(record: &Value) -> Option<String> {
    let url = optional_text(record, "repository_url")?;
    let (_, tail) = url.split_once("/repos/")?;
    let mut parts = tail.trim_end_matches('/').split('/');
    let (owner, name) = (parts.next()?, parts.next()?);
    (!owner.is_empty() && !name.is_empty()).then(|| format!("{owner}/{name}"))
}

/// Where GitHub's compare answer keeps a commit's SHA and time (the committer's, else the author's).
const COMMIT_FIELDS: CommitFields = CommitFields { sha: "sha", dates: ["commit.committer.date", "commit.author.date"] };

/// One compare page: base and head from its `url` (`…/compare/{base}...{head}`), else from
/// `base_commit.sha` and the last commit; commits without a SHA or date are reported.
fn compare(record: &Value, origin: &Origin) -> Result<(CommitRange, Vec<Problem>), Problem> {
    let Some(commits) = at(record, "commits").and_then(Value::as_array) else {
        return Err(
            origin.error("commits", "`commits` is missing: expected a compare answer of the GitHub API; skipped")
        );
    };
    let (parsed, problems) = compares::commits(commits, origin, &COMMIT_FIELDS);
    let from_url = optional_text(record, "url").and_then(|url| {
        let (_, basehead) = url.rsplit_once("/compare/")?;
        let (base, head) = basehead.split_once("...")?;
        Some((base.to_owned(), head.to_owned()))
    });
    let (base, head) = match from_url {
        Some(pair) => pair,
        None => {
            let base = text(record, "base_commit.sha", "the base commit").map_err(|err| {
                origin.error(&err.field, format!("{}; no `url` names the compare either: skipped", err.reason))
            })?;
            let head = parsed.last().map(|commit| commit.sha.clone()).unwrap_or_else(|| base.clone());
            (base, head)
        }
    };
    Ok((CommitRange { base, head, commits: parsed }, problems))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_deployment_names_the_incident_it_fixes_in_its_description() {
        assert_eq!(fixes_marker("Hotfix. Fixes-Incident: pagerduty-Q1AAA.").as_deref(), Some("pagerduty-Q1AAA"));
        assert_eq!(fixes_marker("fixes_incident:INC-7"), Some("INC-7".into()));
        assert_eq!(fixes_marker("Deploy from CI"), None);
        assert_eq!(fixes_marker("fixes-incident:"), None);
    }

    #[test]
    fn the_repository_comes_from_the_repository_url() {
        let record = serde_json::json!({"repository_url": "https://api.github.com/repos/octocat/example"});
        assert_eq!(repository(&record).as_deref(), Some("octocat/example"));
        assert_eq!(repository(&serde_json::json!({"repository_url": "https://example.com"})), None);
    }
}
