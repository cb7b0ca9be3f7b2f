//! Where lead time goes: the median, p90 and share of each stage (coding, review, merge, deploy)
//! for the window's changes that carry their pull request's review instants (core's
//! [`LeadTimeStages`]); without them, a note says the snapshot lacks the instants.

use leptos::prelude::*;
use uptrend_core::dora::{LeadTimeStages, StageSummary};

use crate::html::Html;
use crate::view_model::dora_view::hours_label;
use crate::web::html_view::markup_div;

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
    let left_out = if stages.without_review_data > 0 {
        format!(" {} changes without review instants are left out.", stages.without_review_data)
    } else {
        String::new()
    };
    let note = format!(
        "The {} changes of the window with review instants.{left_out} Each change's stages add up to its lead time; share is of all their lead time.",
        stages.n
    );
    let mut html = Html::new();
    html.element("h4", &[], "Lead time by stage").element("p", &[("class", Some("note"))], &note).open(
        "div",
        &[("class", Some("stage-bar")), ("role", Some("img")), ("aria-label", Some("Share of lead time per stage"))],
    );
    for (index, ((name, _), stage)) in STAGES.iter().zip(summaries).enumerate() {
        let percent = share(stage);
        let class = format!("stage stage-{index}");
        let style = format!("width: {percent:.2}%");
        let title = format!("{name}: {percent:.0} %");
        html.element("span", &[("class", Some(&class)), ("style", Some(&style)), ("title", Some(&title))], "");
    }
    html.close("div").open("div", &[("class", Some("scroll"))]).open("table", &[]).open("thead", &[]).open("tr", &[]);
    for name in ["Stage", "From – to", "Median", "p90", "Share of lead time"] {
        html.element("th", &[("scope", Some("col"))], name);
    }
    html.close("tr").close("thead").open("tbody", &[]);
    for (index, ((name, what), stage)) in STAGES.iter().zip(summaries).enumerate() {
        let swatch = format!("swatch stage-{index}");
        html.open("tr", &[])
            .open("th", &[("scope", Some("row"))])
            .element("span", &[("class", Some(&swatch))], "")
            .text(name)
            .close("th")
            .element("td", &[], what)
            .element("td", &[("class", Some("number"))], &secs_label(stage.median_seconds))
            .element("td", &[("class", Some("number"))], &secs_label(stage.p90_seconds))
            .element("td", &[("class", Some("number"))], &format!("{:.0} %", share(stage)))
            .close("tr");
    }
    html.close("tbody").close("table").close("div");
    markup_div("lead-stages", Some("lead-stages"), html, Vec::new()).into_any()
}
