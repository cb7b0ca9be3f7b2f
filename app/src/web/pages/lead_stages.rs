//! Where lead time goes: the median, p90 and share of each stage (coding, review, merge, deploy)
//! for the window's changes that carry their pull request's review instants (core's
//! [`LeadTimeStages`]); without them, a note says the snapshot lacks the instants.

use leptos::prelude::*;
use uptrend_core::dora::{LeadTimeStages, StageSummary};

use crate::view_model::dora_view::hours_label;

const STAGES: [(&str, &str); 4] = [
    ("Coding", "first commit to PR opened"),
    ("Review", "PR opened to approved (pickup included)"),
    ("Merge", "approved to merged"),
    ("Deploy", "merged to running in production"),
];

fn secs_label(secs: Option<f64>) -> String {
    secs.map_or_else(|| "no data".to_owned(), |secs| hours_label(secs.round() as i64))
}

pub fn lead_stages(stages: &LeadTimeStages) -> impl IntoView {
    if stages.n == 0 {
        return view! {
            <p class="note" data-testid="lead-stages">
                "No stage breakdown: the window's changes carry no pr_opened_at, approved_at and merged_at. \
                 The distribution below is the plain commit-to-deploy time."
            </p>
        }
        .into_any();
    }
    let summaries: [&StageSummary; 4] = [&stages.coding, &stages.review, &stages.merge, &stages.deploy];
    let total: i64 = summaries.iter().map(|stage| stage.total_seconds).sum();
    let share = |stage: &StageSummary| if total > 0 { stage.total_seconds as f64 / total as f64 * 100.0 } else { 0.0 };
    let segments = STAGES
        .iter()
        .zip(summaries)
        .enumerate()
        .map(|(index, ((name, _), stage))| {
            let percent = share(stage);
            let style = format!("width: {percent:.2}%");
            view! { <span class=format!("stage stage-{index}") style=style title=format!("{name}: {percent:.0} %")></span> }
        })
        .collect_view();
    let rows = STAGES
        .iter()
        .zip(summaries)
        .enumerate()
        .map(|(index, ((name, what), stage))| {
            view! {
                <tr>
                    <th scope="row"><span class=format!("swatch stage-{index}")></span>{*name}</th>
                    <td>{*what}</td>
                    <td class="number">{secs_label(stage.median_seconds)}</td>
                    <td class="number">{secs_label(stage.p90_seconds)}</td>
                    <td class="number">{format!("{:.0} %", share(stage))}</td>
                </tr>
            }
        })
        .collect_view();
    let left_out = if stages.without_review_data > 0 {
        format!(" {} changes without review instants are left out.", stages.without_review_data)
    } else {
        String::new()
    };
    view! {
        <div class="lead-stages" data-testid="lead-stages">
            <h4>"Lead time by stage"</h4>
            <p class="note">{format!("The {} changes of the window with review instants.{left_out} Each change's stages add up to its lead time; share is of all their lead time.", stages.n)}</p>
            <div class="stage-bar" role="img" aria-label="Share of lead time per stage">{segments}</div>
            <div class="scroll">
                <table>
                    <thead><tr>
                        <th scope="col">"Stage"</th><th scope="col">"From – to"</th><th scope="col">"Median"</th>
                        <th scope="col">"p90"</th><th scope="col">"Share of lead time"</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </div>
    }
    .into_any()
}
