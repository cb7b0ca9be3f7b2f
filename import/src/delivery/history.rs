//! From a platform's deployment history (GitHub, GitLab: a SHA, an environment and an outcome per
//! deployment) and the commit ranges between deployed SHAs, to snapshot deployments with their
//! outcome and changes.
//!
//! The rules apply per service, repository and environment (a lane), in deployment order:
//! - a successful deployment reached production and `succeeded`; its changes are the commits from
//!   the SHA running before it to its own SHA (the compare `previous...sha`);
//! - a failed deployment did not reach production and is skipped (reported), unless the user says
//!   failed deployments reach production (`failed_reached_production`: then it is `failed`);
//! - a failed deployment followed by a successful redeploy of a SHA that production ran before is
//!   `rolled_back`: it reached production and was undone; the redeploy ships no new change. A
//!   successful retry of the failed SHA itself is no rollback (nothing older was redeployed).

use chrono::{DateTime, Utc};
use uptrend_core::model::{Change, DeployStatus, Deployment, Id};

use super::environments::Environments;
use super::record::Origin;
use crate::Problem;

/// The shortest SHA prefix taken as naming a commit (git's default abbreviation).
const MIN_SHA_PREFIX: usize = 7;

/// A deployment as the platform reports it.
#[derive(Debug, Clone)]
pub(crate) struct SourceDeployment {
    /// The snapshot id (`github-1042`).
    pub id: String,
    pub origin: Origin,
    pub service: String,
    pub repository: String,
    /// As the source names it.
    pub environment: String,
    /// The source's own production flag (GitHub's `production_environment`).
    pub source_production: bool,
    pub sha: String,
    /// When it was requested: the deployment order.
    pub created_at: DateTime<Utc>,
    pub outcome: Outcome,
    /// The incident an unplanned deployment was made to address (rework).
    pub fixes_incident: Option<String>,
}

/// How a deployment ended, and when.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Outcome {
    Succeeded(DateTime<Utc>),
    Failed(DateTime<Utc>),
}

impl Outcome {
    fn finished_at(self) -> DateTime<Utc> {
        match self {
            Outcome::Succeeded(at) | Outcome::Failed(at) => at,
        }
    }
}

/// A commit and its time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Commit {
    pub sha: String,
    pub committed_at: DateTime<Utc>,
}

/// The commits after `base` up to and including `head`, as a compare answers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CommitRange {
    pub base: String,
    pub head: String,
    pub commits: Vec<Commit>,
}

/// Whether two SHAs, either perhaps abbreviated, name the same commit.
pub(crate) fn same_commit(a: &str, b: &str) -> bool {
    let (a, b) = (a.trim(), b.trim());
    if a.len().min(b.len()) < MIN_SHA_PREFIX {
        return a.eq_ignore_ascii_case(b);
    }
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    long.get(..short.len()).is_some_and(|prefix| prefix.eq_ignore_ascii_case(short))
}

/// What two ids that name the same commit ([`same_commit`]) have in common: their first
/// [`MIN_SHA_PREFIX`] bytes (the whole id when shorter), without ASCII case; a key to index ids by.
pub(crate) fn commit_key(id: &str) -> Vec<u8> {
    let id = id.trim().as_bytes();
    id[..id.len().min(MIN_SHA_PREFIX)].to_ascii_lowercase()
}

/// Commit ranges, several pages of one compare merged.
#[derive(Debug, Clone, Default)]
pub(crate) struct CommitRanges {
    ranges: Vec<CommitRange>,
}

impl CommitRanges {
    /// Adds a compare; pages of the same compare add their commits to it.
    pub fn add(&mut self, range: CommitRange) {
        match self
            .ranges
            .iter_mut()
            .find(|known| same_commit(&known.base, &range.base) && same_commit(&known.head, &range.head))
        {
            Some(known) => {
                for commit in range.commits {
                    if !known.commits.iter().any(|seen| seen.sha == commit.sha) {
                        known.commits.push(commit);
                    }
                }
            }
            None => self.ranges.push(range),
        }
    }

    fn between(&self, base: &str, head: &str) -> Option<&CommitRange> {
        self.ranges.iter().find(|range| same_commit(&range.base, base) && same_commit(&range.head, head))
    }

    fn ending_at(&self, head: &str) -> Option<&CommitRange> {
        self.ranges.iter().find(|range| same_commit(&range.head, head))
    }
}

/// The deployments, in source order, and a problem for each deployment skipped or imported
/// without its changes.
pub(crate) fn build(
    mut source: Vec<SourceDeployment>,
    ranges: &CommitRanges,
    environments: &Environments,
    failed_reached_production: bool,
) -> (Vec<Deployment>, Vec<Problem>, usize) {
    source.sort_by(|a, b| {
        let key = |d: &SourceDeployment| (d.service.clone(), d.repository.clone(), d.environment.clone());
        (key(a), a.created_at, numeric(&a.id), &a.id).cmp(&(key(b), b.created_at, numeric(&b.id), &b.id))
    });
    let mut deployments = Vec::new();
    let mut problems = Vec::new();
    let mut skipped = 0;
    let mut start = 0;
    while start < source.len() {
        let end = source[start..]
            .iter()
            .position(|d| {
                d.service != source[start].service
                    || d.repository != source[start].repository
                    || d.environment != source[start].environment
            })
            .map_or(source.len(), |offset| start + offset);
        let lane = Lane { ranges, environments, failed_reached_production };
        let (built, found, lane_skipped) = lane.walk(&source[start..end]);
        deployments.extend(built);
        problems.extend(found);
        skipped += lane_skipped;
        start = end;
    }
    (deployments, problems, skipped)
}

/// Deployment ids of platforms are numbers; order them as numbers (`github-9` before `github-10`).
fn numeric(id: &str) -> u64 {
    id.rsplit('-').next().and_then(|tail| tail.parse().ok()).unwrap_or(0)
}

/// One service's deployments of one repository to one environment.
struct Lane<'a> {
    ranges: &'a CommitRanges,
    environments: &'a Environments,
    failed_reached_production: bool,
}

impl Lane<'_> {
    fn walk(&self, lane: &[SourceDeployment]) -> (Vec<Deployment>, Vec<Problem>, usize) {
        let mut built: Vec<Deployment> = Vec::new();
        let mut problems = Vec::new();
        let mut skipped = 0;
        // SHAs production ran, the deployment now running (index into `built`, its lane position),
        // the failed deployments not yet known to have reached production (lane positions) and the
        // last failed deployment that did (index into `built`, its lane position).
        let mut shipped: Vec<&str> = Vec::new();
        let mut running: Option<(usize, usize)> = None;
        let mut pending_failures: Vec<usize> = Vec::new();
        let mut failed_in_production: Option<(usize, usize)> = None;
        for (position, deployment) in lane.iter().enumerate() {
            match deployment.outcome {
                Outcome::Failed(_) if !self.failed_reached_production => pending_failures.push(position),
                Outcome::Failed(_) => {
                    let changes = self.changes(lane, running.map(|(_, at)| at), position, &mut problems);
                    built.push(self.deployment(deployment, DeployStatus::Failed, changes));
                    failed_in_production = Some((built.len() - 1, position));
                    running = Some((built.len() - 1, position));
                    shipped.push(&deployment.sha);
                }
                Outcome::Succeeded(_) => {
                    let redeploy = shipped.iter().any(|sha| same_commit(sha, &deployment.sha));
                    let rolled_back = pending_failures.pop();
                    for never_shipped in pending_failures.drain(..) {
                        skipped += 1;
                        problems.push(not_in_production(&lane[never_shipped]));
                    }
                    match (redeploy, rolled_back, failed_in_production.take()) {
                        (true, Some(failed), _) => {
                            // The failed deployment ran in production until this redeploy undid it.
                            let changes = self.changes(lane, running.map(|(_, at)| at), failed, &mut problems);
                            built.push(self.deployment(&lane[failed], DeployStatus::RolledBack, changes));
                        }
                        // A successful retry of the failed SHA itself fixed it: no rollback.
                        (true, None, Some((failed, at))) if !same_commit(&lane[at].sha, &deployment.sha) => {
                            if let Some(failed) = built.get_mut(failed) {
                                failed.status = DeployStatus::RolledBack;
                            }
                        }
                        (false, Some(failed), _) => {
                            skipped += 1;
                            problems.push(not_in_production(&lane[failed]));
                        }
                        _ => {}
                    }
                    let changes = if redeploy {
                        Vec::new()
                    } else {
                        self.changes(lane, running.map(|(_, at)| at), position, &mut problems)
                    };
                    built.push(self.deployment(deployment, DeployStatus::Succeeded, changes));
                    running = Some((built.len() - 1, position));
                    shipped.push(&deployment.sha);
                }
            }
        }
        for never_shipped in pending_failures {
            skipped += 1;
            problems.push(not_in_production(&lane[never_shipped]));
        }
        (built, problems, skipped)
    }

    fn deployment(&self, source: &SourceDeployment, status: DeployStatus, changes: Vec<Change>) -> Deployment {
        let placed = self.environments.place(&source.environment, source.source_production);
        Deployment {
            id: source.id.as_str().into(),
            service: source.service.as_str().into(),
            environment: placed.environment.into(),
            finished_at: source.outcome.finished_at(),
            status,
            changes,
            fixes_incident: source.fixes_incident.as_deref().map(Id::from),
            production: placed.production,
        }
    }

    /// The commits `lane[position]` shipped: from the SHA running before it (`previous`, a lane
    /// position) to its own, read from the compare between them or from a chain of compares over
    /// the deployments in between (users fetch compares of consecutive deployments, failed ones included).
    fn changes(
        &self,
        lane: &[SourceDeployment],
        previous: Option<usize>,
        position: usize,
        problems: &mut Vec<Problem>,
    ) -> Vec<Change> {
        let deployment = &lane[position];
        let commits: Option<Vec<&Commit>> = match previous {
            Some(previous) if same_commit(&lane[previous].sha, &deployment.sha) => Some(Vec::new()),
            Some(previous) => self.chain(lane, previous, position),
            None => self.ranges.ending_at(&deployment.sha).map(|range| range.commits.iter().collect()),
        };
        let Some(commits) = commits else {
            let base = previous.map_or_else(|| "<the SHA deployed before it>".to_owned(), |p| lane[p].sha.clone());
            problems.push(deployment.origin.problem(
                "sha",
                format!(
                    "no compare {base}...{} among the compare files: the deployment is imported without its \
                     changes (it gives no lead time); fetch that compare to import them",
                    deployment.sha
                ),
            ));
            return Vec::new();
        };
        let mut changes: Vec<Change> = Vec::with_capacity(commits.len());
        for commit in commits {
            if !changes.iter().any(|change| change.id == commit.sha) {
                changes.push(
                    Change::new(commit.sha.clone(), commit.committed_at)
                        .with_repository(Some(deployment.repository.clone())),
                );
            }
        }
        changes
    }

    fn chain<'r>(&'r self, lane: &[SourceDeployment], previous: usize, position: usize) -> Option<Vec<&'r Commit>> {
        let (base, head) = (&lane[previous].sha, &lane[position].sha);
        if let Some(range) = self.ranges.between(base, head) {
            return Some(range.commits.iter().collect());
        }
        let mut commits = Vec::new();
        let mut from = base;
        for step in lane.get(previous + 1..=position)? {
            if same_commit(from, &step.sha) {
                continue;
            }
            commits.extend(self.ranges.between(from, &step.sha)?.commits.iter());
            from = &step.sha;
        }
        Some(commits)
    }
}

fn not_in_production(deployment: &SourceDeployment) -> Problem {
    deployment.origin.problem(
        "",
        format!(
            "deployment {} of {} to {} failed, so it did not reach production: skipped (if your failed \
             deployments do reach production, import with --failed-reached-production)",
            deployment.id, deployment.sha, deployment.environment
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> DateTime<Utc> {
        text.parse().unwrap()
    }

    fn source(id: u32, sha: &str, hour: u32, outcome: fn(DateTime<Utc>) -> Outcome) -> SourceDeployment {
        let created = at(&format!("2026-11-02T{hour:02}:00:00Z"));
        SourceDeployment {
            id: format!("github-{id}"),
            origin: Origin { file: "deployments.json".into(), path: format!("[{id}]"), line: 1, column: 1 },
            service: "api".into(),
            repository: "acme/api".into(),
            environment: "production".into(),
            source_production: false,
            sha: sha.into(),
            created_at: created,
            outcome: outcome(created + chrono::TimeDelta::minutes(5)),
            fixes_incident: None,
        }
    }

    fn range(base: &str, head: &str, commits: &[(&str, u32)]) -> CommitRange {
        CommitRange {
            base: base.into(),
            head: head.into(),
            commits: commits
                .iter()
                .map(|(sha, hour)| Commit {
                    sha: (*sha).into(),
                    committed_at: at(&format!("2026-11-01T{hour:02}:00:00Z")),
                })
                .collect(),
        }
    }

    fn ranges(list: Vec<CommitRange>) -> CommitRanges {
        let mut ranges = CommitRanges::default();
        list.into_iter().for_each(|range| ranges.add(range));
        ranges
    }

    fn summary(deployments: &[Deployment]) -> Vec<(Id, DeployStatus, Vec<Id>)> {
        deployments.iter().map(|d| (d.id.clone(), d.status, d.changes.iter().map(|c| c.id.clone()).collect())).collect()
    }

    #[test]
    fn a_redeploy_of_an_older_sha_after_a_failure_rolls_the_failure_back() {
        let lane = vec![
            source(1, "aaaaaaa1", 9, Outcome::Succeeded),
            source(2, "bbbbbbb2", 10, Outcome::Failed),
            source(3, "aaaaaaa1", 11, Outcome::Succeeded),
            source(4, "ccccccc3", 12, Outcome::Succeeded),
        ];
        let known = ranges(vec![
            range("0000000", "aaaaaaa1", &[("aaaaaaa1", 1)]),
            range("aaaaaaa1", "bbbbbbb2", &[("bbbbbbb2", 2)]),
            range("aaaaaaa1", "ccccccc3", &[("bbbbbbb2", 2), ("ccccccc3", 3)]),
        ]);
        let (built, problems, skipped) = build(lane, &known, &Environments::default(), false);
        let s =
            |id: &str, status, changes: &[&str]| (Id::from(id), status, changes.iter().map(|c| Id::from(*c)).collect());
        assert_eq!(
            summary(&built),
            [
                s("github-1", DeployStatus::Succeeded, &["aaaaaaa1"]),
                s("github-2", DeployStatus::RolledBack, &["bbbbbbb2"]),
                s("github-3", DeployStatus::Succeeded, &[]),
                s("github-4", DeployStatus::Succeeded, &["bbbbbbb2", "ccccccc3"]),
            ]
        );
        assert_eq!((problems.len(), skipped), (0, 0));
        assert_eq!(built[1].changes[0].repository(), Some("acme/api"));
    }

    #[test]
    fn a_failure_fixed_forward_did_not_reach_production_unless_the_user_says_so() {
        let lane = || {
            vec![
                source(1, "aaaaaaa1", 9, Outcome::Succeeded),
                source(2, "bbbbbbb2", 10, Outcome::Failed),
                source(3, "ccccccc3", 11, Outcome::Succeeded),
            ]
        };
        // Compares of consecutive deployments: a...b, b...c; c's changes chain through b.
        let known = ranges(vec![
            range("aaaaaaa1", "bbbbbbb2", &[("bbbbbbb2", 2)]),
            range("bbbbbbb2", "ccccccc3", &[("ccccccc3", 3)]),
        ]);
        let (built, problems, skipped) = build(lane(), &known, &Environments::default(), false);
        assert_eq!(built.iter().map(|d| d.id.as_str()).collect::<Vec<_>>(), ["github-1", "github-3"]);
        assert_eq!(built[1].changes.iter().map(|c| c.id.as_str()).collect::<Vec<_>>(), ["bbbbbbb2", "ccccccc3"]);
        assert_eq!(skipped, 1);
        // github-1 has no compare ending at it; github-2 is skipped.
        assert_eq!(problems.len(), 2);
        assert!(problems[1].message.contains("did not reach production"), "{}", problems[1].message);

        let (built, _, skipped) = build(lane(), &known, &Environments::default(), true);
        assert_eq!(
            built.iter().map(|d| d.status).collect::<Vec<_>>(),
            [DeployStatus::Succeeded, DeployStatus::Failed, DeployStatus::Succeeded]
        );
        assert_eq!(skipped, 0);
    }

    #[test]
    fn a_successful_retry_of_the_failed_sha_is_no_rollback() {
        // The failure reached production (the user says so); re-running the same SHA fixed it: the
        // failure stays `failed` (nothing older was redeployed) and the retry ships nothing new.
        let lane = vec![
            source(1, "aaaaaaa1", 9, Outcome::Succeeded),
            source(2, "bbbbbbb2", 10, Outcome::Failed),
            source(3, "bbbbbbb2", 11, Outcome::Succeeded),
        ];
        let known = ranges(vec![
            range("0000000", "aaaaaaa1", &[("aaaaaaa1", 1)]),
            range("aaaaaaa1", "bbbbbbb2", &[("bbbbbbb2", 2)]),
        ]);
        let (built, problems, skipped) = build(lane, &known, &Environments::default(), true);
        let s =
            |id: &str, status, changes: &[&str]| (Id::from(id), status, changes.iter().map(|c| Id::from(*c)).collect());
        assert_eq!(
            summary(&built),
            [
                s("github-1", DeployStatus::Succeeded, &["aaaaaaa1"]),
                s("github-2", DeployStatus::Failed, &["bbbbbbb2"]),
                s("github-3", DeployStatus::Succeeded, &[]),
            ]
        );
        assert_eq!((problems.len(), skipped), (0, 0));
    }

    #[test]
    fn each_repository_of_a_service_is_its_own_history() {
        let mut web = source(2, "bbbbbbb2", 10, Outcome::Succeeded);
        web.repository = "acme/web".into();
        let lane =
            vec![source(1, "aaaaaaa1", 9, Outcome::Succeeded), web, source(3, "ccccccc3", 11, Outcome::Succeeded)];
        // api: a...c; web's deployment in between is not api's previous one.
        let known = ranges(vec![
            range("aaaaaaa1", "ccccccc3", &[("ccccccc3", 3)]),
            range("0000000", "bbbbbbb2", &[("bbbbbbb2", 2)]),
        ]);
        let (built, _, _) = build(lane, &known, &Environments::default(), false);
        let changes: Vec<(&str, Vec<&str>)> =
            built.iter().map(|d| (d.id.as_str(), d.changes.iter().map(|c| c.id.as_str()).collect())).collect();
        assert_eq!(changes, [("github-1", vec![]), ("github-3", vec!["ccccccc3"]), ("github-2", vec!["bbbbbbb2"])]);
    }

    proptest::proptest! {
        #[test]
        fn ids_naming_the_same_commit_share_their_key(a in "[0-9a-fA-F ]{0,12}", b in "[0-9a-fA-F]{0,12}") {
            if same_commit(&a, &b) {
                proptest::prop_assert_eq!(commit_key(&a), commit_key(&b));
            }
            let long = format!("{b}0123456789abcdef");
            proptest::prop_assert_eq!(commit_key(&long[..7]), commit_key(&long));
        }
    }

    #[test]
    fn abbreviated_shas_name_the_same_commit() {
        assert!(same_commit("a91957a", "a91957a858320c0e17f3a0eca7cfacbff50ea29a"));
        assert!(!same_commit("a9195", "a91957a858"));
        assert!(!same_commit("a91957b", "a91957a858320c0e"));
    }
}
