//! Loading progress, the errors panel and the empty state.

use leptos::prelude::*;
use uptrend_core::problem::{Problem, Severity};

use super::loader::{Progress, MANIFEST_PATH};
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
    view! {
        <p class="data-state" role="status" data-testid="delivery-pending">
            "Computing the delivery numbers (DORA, change failures, platform) for this range…"
        </p>
    }
}

/// Every problem found, by file and JSON path; the data that loaded still shows below it.
#[component]
pub fn ErrorsPanel(problems: Vec<Problem>) -> impl IntoView {
    if problems.is_empty() {
        return ().into_any();
    }
    let summary = problem_summary(&problems);
    let rows = problems
        .into_iter()
        .map(|problem| {
            let (icon, severity) = match problem.severity {
                Severity::Error => ("✖", "error"),
                Severity::Warning => ("⚠", "warning"),
            };
            let location = match (problem.line, problem.column) {
                (Some(line), Some(column)) => format!("line {line}, column {column}"),
                _ => String::new(),
            };
            view! {
                <tr class=severity>
                    <td>{icon}" "{severity}</td>
                    <td data-label="File"><code>{problem.file}</code></td>
                    <td data-label="Where"><code>{problem.path}</code>" "{location}</td>
                    <td data-label="Reason">{problem.message}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="errors" data-testid="errors-panel" aria-labelledby="errors-title">
            <h2 id="errors-title">{summary}</h2>
            <p>"Files with errors are left out; everything else is shown."</p>
            <table>
                <caption class="visually-hidden">"Every problem found, by file and JSON path"</caption>
                <thead><tr><th>"Severity"</th><th>"File"</th><th>"Where (JSON path)"</th><th>"Reason"</th></tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </section>
    }
    .into_any()
}

/// No data: what the site expects, so a first-time user can fix it.
#[component]
pub fn EmptyState(reason: Option<String>) -> impl IntoView {
    view! {
        <section class="empty" data-testid="empty-state">
            <h2>"No data to report yet"</h2>
            {reason.map(|reason| view! { <p>{format!("{MANIFEST_PATH} could not be loaded: {reason}")}</p> })}
            <p>"Uptrend reads its data from files next to this page:"</p>
            <pre>"data/index.json            {\"title\": \"…\", \"snapshots\": [\"snapshots/2026-11-21.json\"]}\ndata/snapshots/*.json      one export each: services, SLOs with SLI counts, deployments, incidents"</pre>
            <p>"Export snapshots from your pipelines (or run "<code>"uptrend demo"</code>" for sample data), list them in the index, and reload."</p>
            <p>"To look at snapshot files on this computer without publishing them, use "<strong>"Open files…"</strong>" above or drop them on the page."</p>
        </section>
    }
}
