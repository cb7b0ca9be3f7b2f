//! The Platform page in a real Chromium, on the demo data in `dist/data`: its numbers equal the
//! CLI's JSON report computed natively by the core, the capability selection lives in the URL, the
//! overview links to it, axe-core finds no serious or critical violation (light and dark), and it is
//! photographed at desktop and phone widths in both colour schemes. Any console error fails a test.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use anyhow::{Context, Result};
use common::demo_dataset;
use serde_json::json;
use uptrend_app::charts::Unit;
use uptrend_app::view_model::platform_view::{
    before_after_sentences, comparison_rows, headline, onboarding_label, percent, shown_capabilities,
};
use uptrend_core::platform::PlatformReport;
use uptrend_core::report::{build, ReportOptions};
use uptrend_e2e::Browser;

const ADOPTION_ROWS: &str = "[data-testid=adoption-table] tbody tr";
const COMPARISON_ROWS: &str = "[data-testid=comparison-table] tbody tr";

/// The `platform` of `uptrend report --format json` on the demo data.
fn cli_platform() -> Result<PlatformReport> {
    let dataset = demo_dataset()?;
    Ok(build(&dataset, ReportOptions::default())?.platform)
}

/// The text of each cell of the rows `css` selects.
fn rows(browser: &Browser, css: &str) -> Result<Vec<Vec<String>>> {
    let script = "return Array.from(document.querySelectorAll(arguments[0]))
        .map(row => Array.from(row.cells).map(cell => cell.textContent.trim()))";
    Ok(serde_json::from_value(browser.execute(script, vec![json!(css)])?)?)
}

#[test]
fn platform_numbers_equal_the_cli_report() -> Result<()> {
    let platform = cli_platform()?;
    let browser = Browser::launch()?;
    browser.goto("?page=platform")?;
    browser.wait_for(ADOPTION_ROWS)?;

    let adoption = rows(&browser, ADOPTION_ROWS)?;
    let expected: Vec<Vec<String>> = std::iter::once(&platform.overall)
        .chain(&platform.capabilities)
        .map(|capability| {
            vec![
                capability.name.clone(),
                capability.adoption.adopters.to_string(),
                capability.adoption.services.to_string(),
                percent(capability.adoption.rate),
                percent(capability.paved_path.share),
            ]
        })
        .collect();
    let shown: Vec<Vec<String>> = adoption.iter().map(|row| row.iter().take(5).cloned().collect()).collect();
    assert_eq!(shown, expected);
    // Any capability: 10 of the 11 services.
    assert_eq!(shown[0][1..3], ["10".to_owned(), "11".to_owned()]);

    let comparison = rows(&browser, COMPARISON_ROWS)?;
    assert_eq!(comparison, comparison_rows(&shown_capabilities(&platform, None)));
    assert_eq!(browser.text("[data-testid=platform-caveat]")?, platform.caveat);
    assert_eq!(browser.text("[data-testid=platform-headline]")?, headline(&platform));
    let highlights = browser.texts("[data-testid=comparison-highlights] li")?;
    assert_eq!(highlights, before_after_sentences(&shown_capabilities(&platform, None)));
    assert!(highlights[0].starts_with("CI templates (4 adoptions)"), "{highlights:?}");

    let onboarding = &platform.onboarding;
    let days = |secs: Option<f64>| Unit::Days.format(secs.unwrap_or_default() / 86_400.0);
    let summary = browser.text("[data-testid=onboarding-summary]")?;
    let expected_summary = format!(
        "Median {}, p90 {} over {} ended onboardings; {} still open.",
        days(onboarding.median_seconds),
        days(onboarding.p90_seconds),
        onboarding.n,
        onboarding.open
    );
    assert_eq!(summary, expected_summary);
    let onboarding_rows = rows(&browser, "[data-testid=onboarding-table] tbody tr")?;
    let labels: Vec<&str> = onboarding_rows.iter().map(|row| row[0].as_str()).collect();
    let expected_labels: Vec<String> = onboarding.onboardings.iter().map(onboarding_label).collect();
    assert_eq!(labels, expected_labels);
    assert!(labels.contains(&"fraud-scoring (open)"), "the open onboarding is shown: {labels:?}");

    // Surveys, newest first: per question the response count and the favourable share.
    let survey_rows = rows(&browser, "[data-testid=survey-table] tbody tr")?;
    let expected_surveys: Vec<(String, String)> = platform
        .surveys
        .iter()
        .rev()
        .flat_map(|survey| &survey.questions)
        .map(|question| (question.responses.to_string(), percent(question.favourable_share)))
        .collect();
    let shown_surveys: Vec<(String, String)> = survey_rows.iter().map(|row| (row[1].clone(), row[4].clone())).collect();
    assert_eq!(shown_surveys, expected_surveys);
    browser.close()
}

#[test]
fn a_capability_and_a_team_live_in_the_url_and_survive_reload() -> Result<()> {
    let browser = Browser::launch()?;
    browser.goto("?page=platform")?;
    browser.wait_for(COMPARISON_ROWS)?;
    let all = browser.texts(COMPARISON_ROWS)?.len();
    let select = |testid: &str, value: &str| {
        format!(
            "const select = document.querySelector('[data-testid={testid}]'); select.value = {}; select.dispatchEvent(new Event('change'))",
            json!(value)
        )
    };
    browser.execute(&select("filter-capability", "ci-templates"), vec![])?;
    browser.wait_for_text("[data-testid=comparison-table] tbody tr", "CI templates")?;
    assert_eq!(browser.execute("return location.search", vec![])?, json!("?page=platform&capability=ci-templates"));
    let filtered = browser.texts(COMPARISON_ROWS)?;
    assert_eq!((all, filtered.len()), (16, 4));
    assert!(filtered.iter().all(|row| row.starts_with("CI templates")));

    // The platform team's answers are too few to show: every question is withheld.
    browser.execute(&select("filter-team", "platform"), vec![])?;
    let title = browser.wait_for_text("[data-testid=survey] h4", "team platform")?;
    assert!(title.contains("Q3"), "{title}");
    let withheld = rows(&browser, "[data-testid=survey]:first-of-type [data-testid=survey-table] tbody tr")?;
    assert!(withheld.iter().all(|row| row[4] == "withheld"), "{withheld:?}");

    browser.goto("?page=platform&capability=ci-templates&team=platform")?;
    browser.wait_for(COMPARISON_ROWS)?;
    assert_eq!(browser.texts(COMPARISON_ROWS)?.len(), 4);
    browser.close()
}

#[test]
fn the_overview_links_to_the_platform_page() -> Result<()> {
    let browser = Browser::launch()?;
    browser.goto("")?;
    browser.wait_for("[data-testid=platform-link] a")?;
    let link = browser.text("[data-testid=platform-link]")?;
    assert!(link.contains("10 of 11 services"), "{link}");
    browser.click("[data-testid=platform-link] a")?;
    browser.wait_for(ADOPTION_ROWS)?;
    assert_eq!(browser.execute("return location.search", vec![])?, json!("?page=platform"));
    let current = browser.attr("nav.pages a[aria-current=page]", "href")?.context("a current nav link")?;
    assert_eq!(current, "?page=platform");
    browser.close()
}

#[test]
fn the_platform_page_has_no_serious_accessibility_violation_and_reads_at_every_size() -> Result<()> {
    let browser = Browser::launch()?;
    for dark in [false, true] {
        browser.set_dark_mode(dark)?;
        let scheme = if dark { "dark" } else { "light" };
        for (width, height, size) in [(1440, 900, "desktop"), (390, 844, "phone")] {
            browser.resize(width, height)?;
            browser.goto("?page=platform")?;
            browser.wait_for("[data-testid=survey-table]")?;
            let violations = browser.axe_serious_violations()?;
            assert!(violations.is_empty(), "{size} {scheme}: {violations:#?}");
            let (overflow_px, _) = browser.sideways_overflow_px()?;
            assert_eq!(overflow_px, 0, "{size} {scheme}: the page scrolls sideways");
            browser.screenshot(&format!("platform-{size}-{scheme}"))?;
            for (section, name) in [
                ("adoption-chart", "adoption"),
                ("platform-onboarding", "onboarding"),
                ("platform-satisfaction", "satisfaction"),
                ("platform-comparison", "comparison"),
            ] {
                browser
                    .execute(&format!("document.querySelector('[data-testid={section}]').scrollIntoView()"), vec![])?;
                browser.screenshot(&format!("platform-{size}-{scheme}-{name}"))?;
            }
        }
    }
    browser.close()
}
