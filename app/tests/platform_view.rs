#![allow(clippy::unwrap_used, clippy::expect_used)]
//! The Platform page's view model on a hand-made platform: what it selects and how it words it.

use chrono::{DateTime, Utc};
use uptrend_app::view_model::platform_view::{
    before_after_sentences, comparison_rows, diverging_rows, headline, onboarding_bars, shown_capabilities,
};
use uptrend_core::model::{Adoption, Capability, Dataset, DeployStatus, Deployment, Onboarding, Platform, Service};
use uptrend_core::platform::{compute_at, PlatformReport};
use uptrend_core::time::Span;

fn at(text: &str) -> DateTime<Utc> {
    text.parse().unwrap()
}

fn deployment(id: &str, finished: &str, status: DeployStatus) -> Deployment {
    Deployment {
        id: id.into(),
        service: "api".into(),
        environment: "production".into(),
        finished_at: at(finished),
        status,
        changes: Vec::new(),
        production: None,
        fixes_incident: None,
    }
}

/// api adopts ci on 03-11; two deployments before (one failed), three after, over a 30-day window.
fn report() -> PlatformReport {
    let dataset = Dataset {
        services: vec![Service { id: "api".into(), name: None, team: Some("core".into()) }],
        deployments: vec![
            deployment("d1", "2026-03-02T12:00:00Z", DeployStatus::Failed),
            deployment("d2", "2026-03-05T12:00:00Z", DeployStatus::Succeeded),
            deployment("d3", "2026-03-12T12:00:00Z", DeployStatus::Succeeded),
            deployment("d4", "2026-03-14T12:00:00Z", DeployStatus::Succeeded),
            deployment("d5", "2026-03-16T12:00:00Z", DeployStatus::Succeeded),
        ],
        platform: Platform {
            capabilities: vec![Capability { id: "ci".into(), name: "CI templates".into(), description: None }],
            adoptions: vec![Adoption {
                service: "api".into(),
                capability: "ci".into(),
                adopted_at: at("2026-03-11T00:00:00Z"),
                dropped_at: None,
            }],
            onboardings: vec![Onboarding {
                service: None,
                team: Some("core".into()),
                started_at: at("2026-03-01T00:00:00Z"),
                completed_at: None,
            }],
            surveys: Vec::new(),
        },
        ..Dataset::default()
    };
    compute_at(&dataset, at("2026-03-21T00:00:00Z"), Span::from_secs(30 * 86_400).unwrap())
}

#[test]
fn the_headline_and_the_before_after_sentence_carry_their_n() {
    let report = report();
    // api is on ci; 3 of the 5 deployments; the team onboarding ended with d2 (03-05 12:00): 4.5 d.
    assert_eq!(
        headline(&report),
        "1 of 1 services (100.0%) use at least one capability · 60.0% of the DORA window's 5 deployments on the \
         paved path · time to onboard: median 4.5 d (n = 1), 0 open"
    );
    // After: [03-11, 03-21) 10 days, 3 deployments; before: [03-02 12:00 (first deployment), 03-11) 8.5 days, 2.
    let capabilities = shown_capabilities(&report, None);
    assert_eq!(
        before_after_sentences(&capabilities),
        ["CI templates (1 adoption): after adopting it 0.30 deployments per service-day (n = 3) against 0.24 \
          before (n = 2); change fail rate 0.0% against 50.0%; lead time — against — (n = 0 and 0 changes)."]
    );
}

#[test]
fn an_unknown_capability_selection_shows_them_all_and_each_has_four_rows() {
    let report = report();
    assert_eq!(shown_capabilities(&report, Some("nope")).len(), 1);
    let rows = comparison_rows(&shown_capabilities(&report, Some("ci")));
    assert_eq!(rows.len(), 4);
    assert_eq!(rows[3][..6], ["CI templates", "after adoption", "1", "10", "3", "0.30"]);
}

#[test]
fn open_onboardings_are_labelled_and_withheld_questions_have_no_bar() {
    let report = report();
    let bars = onboarding_bars(&report.onboarding.onboardings);
    assert_eq!((bars[0].label.as_str(), bars[0].value), ("team core", 4.5));
    assert!(diverging_rows(&[]).is_empty());
}
