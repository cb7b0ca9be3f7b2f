//! The lead-time breakdown: where a change's time from commit to production went, for changes that
//! carry their pull request's `pr_opened_at`, `approved_at` and `merged_at`.
//!
//! Stages, each from one instant to the next: coding (committed → PR opened), review (PR opened →
//! approved), merge (approved → merged) and deploy (merged → deployed). Each instant is clamped
//! between the one before it and the deployment, so the four stages of a change always add up to
//! its lead time (a commit pushed to an already open PR has no coding time; a merge recorded after
//! the deployment finished has no deploy time). Changes with a negative lead time (anomalies) and
//! changes lacking any of the three instants are left out. Definitions: `docs/metrics.md`.

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::drill::ChangeRow;
use crate::elapsed::elapsed_secs;
use crate::stats;

/// The statistics of one stage over the changes of a scope and period.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct StageSummary {
    pub median_seconds: Option<f64>,
    pub p90_seconds: Option<f64>,
    /// The stage's seconds summed over the changes: its share of all lead time.
    pub total_seconds: i64,
}

/// The four stages of the changes first delivered in a scope and period.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct LeadTimeStages {
    /// Changes with all three review instants and a non-negative lead time.
    pub n: u64,
    /// Changes first delivered in the period without all three instants.
    pub without_review_data: u64,
    pub coding: StageSummary,
    pub review: StageSummary,
    pub merge: StageSummary,
    pub deploy: StageSummary,
}

/// One change's stages in seconds: coding, review, merge, deploy (they sum to its lead time).
pub fn change_stages(
    committed_at: DateTime<Utc>,
    pr_opened_at: Option<DateTime<Utc>>,
    approved_at: Option<DateTime<Utc>>,
    merged_at: Option<DateTime<Utc>>,
    deployed_at: DateTime<Utc>,
) -> Option<[i64; 4]> {
    if deployed_at < committed_at {
        return None;
    }
    let clamp = |instant: DateTime<Utc>, after: DateTime<Utc>| instant.max(after).min(deployed_at);
    let opened = clamp(pr_opened_at?, committed_at);
    let approved = clamp(approved_at?, opened);
    let merged = clamp(merged_at?, approved);
    Some([
        elapsed_secs(committed_at, opened),
        elapsed_secs(opened, approved),
        elapsed_secs(approved, merged),
        elapsed_secs(merged, deployed_at),
    ])
}

impl LeadTimeStages {
    /// The breakdown of these changes (as [`super::DeliveryFacts::changes_in`] lists them).
    pub fn of<'r, 'a: 'r>(changes: impl IntoIterator<Item = &'r ChangeRow<'a>>) -> LeadTimeStages {
        let mut columns = StageColumns::default();
        for change in changes {
            columns.add(
                change.committed_at,
                [change.pr_opened_at, change.approved_at, change.merged_at],
                change.deployed_at,
                change.anomaly,
            );
        }
        columns.into_stages()
    }
}

/// The stages of changes added one by one, for [`LeadTimeStages`].
#[derive(Debug, Clone, Default)]
pub(crate) struct StageColumns {
    columns: [Vec<i64>; 4],
    without_review_data: u64,
}

impl StageColumns {
    /// A change committed at `committed_at` with its PR's opened, approved and merged instants,
    /// first delivered at `deployed_at`; an `anomaly` (negative lead time) is left out.
    pub fn add(
        &mut self,
        committed_at: DateTime<Utc>,
        [pr_opened_at, approved_at, merged_at]: [Option<DateTime<Utc>>; 3],
        deployed_at: DateTime<Utc>,
        anomaly: bool,
    ) {
        if anomaly {
            return;
        }
        match change_stages(committed_at, pr_opened_at, approved_at, merged_at, deployed_at) {
            Some(stages) => {
                for (column, secs) in self.columns.iter_mut().zip(stages) {
                    column.push(secs);
                }
            }
            None => self.without_review_data = self.without_review_data.saturating_add(1),
        }
    }

    pub fn into_stages(self) -> LeadTimeStages {
        let StageColumns { columns, without_review_data } = self;
        let n = columns[0].len() as u64;
        let [coding, review, merge, deploy] = columns.map(|mut column| {
            column.sort_unstable();
            StageSummary {
                median_seconds: stats::median(&column),
                p90_seconds: stats::quantile(&column, 0.9),
                total_seconds: column.iter().fold(0_i64, |sum, secs| sum.saturating_add(*secs)),
            }
        });
        LeadTimeStages { n, without_review_data, coding, review, merge, deploy }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> DateTime<Utc> {
        text.parse().unwrap()
    }

    fn row<'a>(committed: &str, opened: &str, approved: &str, merged: &str, deployed: &str) -> ChangeRow<'a> {
        let committed_at = at(committed);
        let deployed_at = at(deployed);
        ChangeRow {
            id: "c",
            deployment: "d",
            service: "s",
            committed_at,
            deployed_at,
            lead_seconds: elapsed_secs(committed_at, deployed_at),
            anomaly: deployed_at < committed_at,
            pr_opened_at: Some(at(opened)),
            approved_at: Some(at(approved)),
            merged_at: Some(at(merged)),
        }
    }

    #[test]
    fn stages_run_from_instant_to_instant_and_add_up_to_the_lead_time() {
        // 08:00 commit, 10:00 PR, 13:00 approval, 13:30 merge, 15:00 deployed: 2 h, 3 h, 30 min, 1.5 h.
        let stages = change_stages(
            at("2026-01-01T08:00:00Z"),
            Some(at("2026-01-01T10:00:00Z")),
            Some(at("2026-01-01T13:00:00Z")),
            Some(at("2026-01-01T13:30:00Z")),
            at("2026-01-01T15:00:00Z"),
        );
        assert_eq!(stages, Some([7_200, 10_800, 1_800, 5_400]));
    }

    #[test]
    fn out_of_order_instants_are_clamped_so_the_sum_stays_the_lead_time() {
        // Committed 11:00 into a PR opened at 10:00: no coding time. Merge recorded at 16:00 after the
        // 15:00 deployment: no deploy time. Approval before opening counts from opening.
        let stages = change_stages(
            at("2026-01-01T11:00:00Z"),
            Some(at("2026-01-01T10:00:00Z")),
            Some(at("2026-01-01T09:00:00Z")),
            Some(at("2026-01-01T16:00:00Z")),
            at("2026-01-01T15:00:00Z"),
        );
        assert_eq!(stages, Some([0, 0, 14_400, 0]));
        assert_eq!(stages.map(|s| s.iter().sum::<i64>()), Some(4 * 3_600));
    }

    #[test]
    fn changes_without_all_three_instants_or_with_a_negative_lead_time_are_left_out() {
        let missing = change_stages(at("2026-01-01T08:00:00Z"), None, None, None, at("2026-01-01T09:00:00Z"));
        assert_eq!(missing, None);
        let early = row(
            "2026-01-01T10:00:00Z",
            "2026-01-01T10:00:00Z",
            "2026-01-01T10:00:00Z",
            "2026-01-01T10:00:00Z",
            "2026-01-01T09:00:00Z",
        );
        let mut partial = row(
            "2026-01-01T08:00:00Z",
            "2026-01-01T09:00:00Z",
            "2026-01-01T10:00:00Z",
            "2026-01-01T11:00:00Z",
            "2026-01-01T12:00:00Z",
        );
        partial.merged_at = None;
        let summary = LeadTimeStages::of(&[early, partial]);
        assert_eq!((summary.n, summary.without_review_data), (0, 1));
        assert_eq!(summary.coding.median_seconds, None);
    }

    #[test]
    fn each_stage_has_its_median_p90_and_total() {
        // Coding 1 h and 3 h; review 2 h and 2 h; merge 0 and 1 h; deploy 1 h and 4 h.
        let changes = [
            row(
                "2026-01-01T00:00:00Z",
                "2026-01-01T01:00:00Z",
                "2026-01-01T03:00:00Z",
                "2026-01-01T03:00:00Z",
                "2026-01-01T04:00:00Z",
            ),
            row(
                "2026-01-01T00:00:00Z",
                "2026-01-01T03:00:00Z",
                "2026-01-01T05:00:00Z",
                "2026-01-01T06:00:00Z",
                "2026-01-01T10:00:00Z",
            ),
        ];
        let summary = LeadTimeStages::of(&changes);
        assert_eq!(summary.n, 2);
        // Median of 1 h and 3 h is 2 h; p90 at rank 0.9: 1 h + 0.9 × 2 h = 2.8 h.
        assert_eq!(summary.coding.median_seconds, Some(7_200.0));
        assert!((summary.coding.p90_seconds.unwrap_or_default() - 10_080.0).abs() < 1e-9);
        assert_eq!(summary.coding.total_seconds, 4 * 3_600);
        assert_eq!(summary.review.total_seconds, 4 * 3_600);
        assert_eq!(summary.merge.total_seconds, 3_600);
        assert_eq!(summary.deploy.total_seconds, 5 * 3_600);
    }
}
