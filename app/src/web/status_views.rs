//! Loading progress, the errors panel and the empty state.

use leptos::prelude::*;
use uptrend_core::problem::{Problem, Severity};

use super::loader::{Progress, MANIFEST_PATH};
use crate::html::Html;
use crate::view_model::problem_summary::problem_summary;

#[component]
pub fn ProgressView(progress: Progress) -> impl IntoView {
    let size = if progress.bytes < 10 << 20 {
        format!("{} KiB", progress.bytes >> 10)
    } else {
        format!("{} MiB", progress.bytes >> 20)
    };
    view! {
        <div class="progress" role="status" data-testid="progress">
            <progress max=progress.files_total.max(1) value=progress.files_loaded></progress>
            <span>{format!("Loading data: {} of {} files, {size}", progress.files_loaded, progress.files_total)}</span>
        </div>
    }
}

/// Where the delivery numbers go while a large data set's delivery side is computed (`delivery_task`).
pub fn delivery_pending() -> impl IntoView {
    view! { <p class="data-state" role="status" data-testid="delivery-pending">{DELIVERY_PENDING}</p> }
}

/// [`delivery_pending`] in markup.
pub fn delivery_pending_html(html: &mut Html) {
    html.element(
        "p",
        &[("class", Some("data-state")), ("role", Some("status")), ("data-testid", Some("delivery-pending"))],
        DELIVERY_PENDING,
    );
}

const DELIVERY_PENDING: &str = "Computing the delivery numbers (DORA, change failures, platform) for this range…";

/// Every problem found, by file and JSON path; the data that loaded still shows below it.
#[component]
pub fn ErrorsPanel(problems: Vec<Problem>) -> impl IntoView {
    if problems.is_empty() {
        return ().into_any();
    }
    let summary = problem_summary(&problems);
    let mut html = Html::new();
    html.element("h2", &[("id", Some("errors-title"))], &summary)
        .element("p", &[], "Files with errors are left out; everything else is shown.")
        .open("table", &[])
        .element("caption", &[("class", Some("visually-hidden"))], "Every problem found, by file and JSON path")
        .open("thead", &[])
        .open("tr", &[]);
    for name in ["Severity", "File", "Where (JSON path)", "Reason"] {
        html.element("th", &[], name);
    }
    html.close("tr").close("thead").open("tbody", &[]);
    for problem in &problems {
        let (icon, severity) = match problem.severity {
            Severity::Error => ("✖", "error"),
            Severity::Warning => ("⚠", "warning"),
        };
        let location = match (problem.line, problem.column) {
            (Some(line), Some(column)) => format!("line {line}, column {column}"),
            _ => String::new(),
        };
        html.open("tr", &[("class", Some(severity))])
            .element("td", &[], &format!("{icon} {severity}"))
            .open("td", &[("data-label", Some("File"))])
            .element("code", &[], &problem.file)
            .close("td")
            .open("td", &[("data-label", Some("Where"))])
            .element("code", &[], &problem.path)
            .text(" ")
            .text(&location)
            .close("td")
            .element("td", &[("data-label", Some("Reason"))], &problem.message)
            .close("tr");
    }
    html.close("tbody").close("table");
    view! {
        <section class="errors" data-testid="errors-panel" aria-labelledby="errors-title" inner_html=html.into_string()></section>
    }
    .into_any()
}

/// No data: what the site expects, so a first-time user can fix it.
#[component]
pub fn EmptyState(reason: Option<String>) -> impl IntoView {
    let mut html = Html::new();
    html.element("h2", &[], "No data to report yet");
    if let Some(reason) = reason {
        html.element("p", &[], &format!("{MANIFEST_PATH} could not be loaded: {reason}"));
    }
    html.element("p", &[], "Uptrend reads its data from files next to this page:")
        .element("pre", &[], "data/index.json            {\"title\": \"…\", \"snapshots\": [\"snapshots/2026-11-21.json\"]}\ndata/snapshots/*.json      one export each: services, SLOs with SLI counts, deployments, incidents")
        .open("p", &[])
        .text("Export snapshots from your pipelines (or run ")
        .element("code", &[], "uptrend demo")
        .text(" for sample data), list them in the index, and reload.")
        .close("p")
        .open("p", &[])
        .text("To look at snapshot files on this computer without publishing them, use ")
        .element("strong", &[], "Open files…")
        .text(" above or drop them on the page.")
        .close("p");
    view! { <section class="empty" data-testid="empty-state" inner_html=html.into_string()></section> }
}
