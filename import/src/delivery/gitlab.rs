//! `uptrend import gitlab`: deployments from the JSON of GitLab's deployments API
//! (`/projects/:id/deployments`, as `glab api --paginate` prints it) and the commits each shipped
//! from its compare API (`/projects/:id/repository/compare?from=…&to=…`).
//!
//! - id: `gitlab-{id}`; environment: `environment.name`; the service: the map's entry for the
//!   project path, else the given default, else the project's name.
//! - outcome: the deployment's `status` (the deployable's when absent): `success` succeeded,
//!   `failed` failed, at `finished_at` (the deployable's `finished_at`, else `updated_at`);
//!   `canceled` never reached production and `created`, `running`, `blocked` have not finished: all
//!   three are skipped. Failures, rollbacks and changes follow [`super::history`].
//! - the deployed SHA: `sha`, else `deployable.commit.id`.
//! - changes: the compare's `commits`, each `id` at `committed_date` (else `created_at`); the compare
//!   is named by its `web_url` (`…/-/compare/{from}...{to}`), else by the first commit's parent and
//!   `commit.id`.

use serde_json::Value;

use super::compares::{self, read_compares, CommitFields};
use super::history::{self, CommitRange, Outcome, SourceDeployment};
use super::pages::{read_pages, records, Located};
use super::record::{at, instant, optional_instant, optional_text, text, FieldError, Origin};
use super::{read, service, skip, store, used, Environments, Input};
use crate::{Imported, Problem, ServiceMap};

/// The files of one GitLab import and how to read them.
#[derive(Debug, Clone, Default)]
pub struct GitlabImport<'a> {
    pub deployments: Vec<Input<'a>>,
    pub compares: Vec<Input<'a>>,
    /// The project path (`group/project`): the changes' repository and the service map's key.
    pub project: String,
    /// The service when the service map has no entry for the project; default: the project's
    /// name. Either goes through the map's `unmapped` policy.
    pub service: Option<String>,
    pub environments: Environments,
    pub failed_reached_production: bool,
}

impl GitlabImport<'_> {
    /// The deployments, counted and with a problem for each record not used.
    pub fn run(&self, map: &ServiceMap) -> Imported {
        let mut import = Imported::default();
        let ranges = read_compares(&self.compares, &mut import, compare);
        let name = self.project.rsplit('/').next().unwrap_or(&self.project).to_owned();
        let fallback = self.service.as_deref().unwrap_or(&name);
        let mut source = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for input in &self.deployments {
            let Some(pages) = read_pages(input, &mut import) else { continue };
            let (found, problems) = records(input.name, &pages, None);
            import.problems.extend(problems);
            read(&mut import, "deployments", found.len());
            for located in found {
                let origin = Origin::of(input.name, &located);
                let location = origin.location("");
                let Some(service) = service(&mut import, map, &[&self.project], fallback, None, input.name, location)
                else {
                    import.counts.skipped("deployments");
                    continue;
                };
                match self.deployment(&located, origin, &service, &mut seen) {
                    Ok(deployment) => source.push(deployment),
                    Err(problem) => skip(&mut import, "deployments", problem),
                }
            }
        }
        let (deployments, problems, skipped) =
            history::build(source, &ranges, &self.environments, self.failed_reached_production);
        import.counts.add("deployments", 0, 0, skipped as u64);
        import.problems.extend(problems);
        used(&mut import, "compares");
        store(&mut import, deployments, Vec::new());
        import
    }

    fn deployment(
        &self,
        located: &Located<'_>,
        origin: Origin,
        service: &str,
        seen: &mut std::collections::HashSet<String>,
    ) -> Result<SourceDeployment, Problem> {
        let record = located.value;
        let field = |err: FieldError| origin.error(&err.field, format!("{}: the deployment is skipped", err.reason));
        let id = text(record, "id", "the deployment id").map_err(field)?;
        let sha = text(record, "sha", "the deployed commit SHA")
            .or_else(|_| text(record, "deployable.commit.id", "the deployed commit SHA"))
            .map_err(field)?;
        let environment = text(record, "environment.name", "the environment name").map_err(field)?;
        let created_at = instant(record, "created_at").map_err(field)?;
        let status = text(record, "status", "the deployment status")
            .or_else(|_| text(record, "deployable.status", "the deployment status"))
            .map_err(field)?;
        let finished_at = optional_instant(record, "finished_at")
            .and_then(|at| at.map_or_else(|| optional_instant(record, "deployable.finished_at"), |at| Ok(Some(at))))
            .and_then(|at| at.map_or_else(|| optional_instant(record, "updated_at"), |at| Ok(Some(at))))
            .map_err(field)?;
        let outcome = match (status.as_str(), finished_at) {
            ("success", Some(at)) => Outcome::Succeeded(at),
            ("failed", Some(at)) => Outcome::Failed(at),
            ("success" | "failed", None) => {
                return Err(origin.error("finished_at", "no `finished_at`, `deployable.finished_at` or `updated_at`: skipped"))
            }
            ("canceled", _) => return Err(origin.problem("status", format!("deployment {id} was canceled, so it never reached production: skipped"))),
            ("created" | "running" | "blocked", _) => {
                return Err(origin.problem("status", format!("deployment {id} is {status}, not finished: skipped")))
            }
            (other, _) => {
                return Err(origin.error(
                    "status",
                    format!("unknown status {other:?}: expected success, failed, canceled, created, running or blocked; skipped"),
                ))
            }
        };
        if !seen.insert(id.clone()) {
            return Err(origin.problem("id", format!("deployment {id} is listed again: this copy is skipped")));
        }
        Ok(SourceDeployment {
            id: format!("gitlab-{id}"),
            origin,
            service: service.to_owned(),
            repository: self.project.clone(),
            environment,
            source_production: false,
            sha,
            created_at,
            outcome,
            fixes_incident: None,
        })
    }
}

/// Where GitLab's compare answer keeps a commit's SHA and time.
const COMMIT_FIELDS: CommitFields = CommitFields { sha: "id", dates: ["committed_date", "created_at"] };

fn compare(record: &Value, origin: &Origin) -> Result<(CommitRange, Vec<Problem>), Problem> {
    let Some(commits) = at(record, "commits").and_then(Value::as_array) else {
        return Err(
            origin.error("commits", "`commits` is missing: expected an answer of GitLab's compare API; skipped")
        );
    };
    let (parsed, problems) = compares::commits(commits, origin, &COMMIT_FIELDS);
    let from_url = optional_text(record, "web_url").and_then(|url| {
        let (_, fromto) = url.rsplit_once("/compare/")?;
        let (from, to) = fromto.split_once("...")?;
        Some((from.to_owned(), to.to_owned()))
    });
    let (base, head) = match from_url {
        Some(pair) => pair,
        None => {
            let head = text(record, "commit.id", "the head commit").map_err(|err| {
                origin.error(&err.field, format!("{}; no `web_url` names the compare either: skipped", err.reason))
            })?;
            let base = commits
                .first()
                .and_then(|first| at(first, "parent_ids"))
                .and_then(Value::as_array)
                .and_then(|parents| parents.first())
                .and_then(Value::as_str)
                .map(str::to_owned)
                .ok_or_else(|| {
                    origin.error(
                        "web_url",
                        "no `web_url` and no parent of the first commit name the compare's base: skipped",
                    )
                })?;
            (base, head)
        }
    };
    Ok((CommitRange { base, head, commits: parsed }, problems))
}
