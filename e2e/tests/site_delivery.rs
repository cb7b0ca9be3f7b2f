//! The Delivery and Service pages in a real Chromium, on the demo data in `dist/data`: after choosing
//! 28d every DORA figure equals `uptrend report --format json --dora-window 28d`; trends have at least
//! four points at every preset; the change-fail-rate figure lists exactly the change failures; the
//! Service page clips no table cell at 1024 and 1440 px and keeps everything in a 390 px viewport;
//! axe-core finds no serious or critical violation on either page, light and dark.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

use anyhow::{bail, Context, Result};
use serde_json::{json, Value};
use uptrend_app::charts::Unit;
use uptrend_app::view_model::dora_view::{delta_label, duration_or_no_data, DoraMetric};
use uptrend_e2e::{paths, Browser};

/// `uptrend report --format json --dora-window <window>` on the data the site serves.
fn cli_report(window: &str) -> Result<Value> {
    let data = paths::dist_dir()?.join("data");
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let output = Command::new(env!("CARGO"))
        .current_dir(&root)
        .args(["run", "-q", "-p", "uptrend", "--", "report"])
        .arg(&data)
        .args(["--format", "json", "--dora-window", window])
        .output()
        .context("cannot run the CLI")?;
    if !output.status.success() {
        bail!("the CLI failed: {}", String::from_utf8_lossy(&output.stderr));
    }
    Ok(serde_json::from_slice(&output.stdout)?)
}

fn hours(secs: &Value) -> Option<f64> {
    secs.as_f64().map(|secs| secs / 3_600.0)
}

fn shown(unit: Unit, value: Option<f64>) -> String {
    value.map_or_else(|| "no data".to_owned(), |value| unit.format(value))
}

/// The scorecard lines as the page must show them, from the CLI's JSON: (drill key, value, n, delta).
fn expected_scorecard(scope: &Value) -> Vec<(&'static str, String, String, String)> {
    let delta = &scope["delta"];
    let percent = |ratio: &Value| ratio.as_f64().map(|ratio| ratio * 100.0);
    let open = |open: &Value| match open.as_u64().unwrap_or(0) {
        0 => String::new(),
        open => format!(", {open} open"),
    };
    let deployments = scope["deployments"].as_u64().unwrap_or(0);
    let lead_n = scope["lead_time_seconds"]["n"].as_u64().unwrap_or(0);
    vec![
        (
            "deployments",
            shown(Unit::PerDay, scope["deployments_per_day"].as_f64()),
            format!("{deployments} deployments"),
            delta_label(DoraMetric::DeploymentFrequency, delta["deployments_per_day"].as_f64()),
        ),
        (
            "changes",
            duration_or_no_data(scope["lead_time_seconds"]["median"].as_f64()),
            format!("{lead_n} changes"),
            delta_label(DoraMetric::LeadTime, hours(&delta["lead_time_median_seconds"])),
        ),
        (
            "changes",
            duration_or_no_data(scope["lead_time_seconds"]["p90"].as_f64()),
            format!("{lead_n} changes"),
            delta_label(DoraMetric::LeadTime, hours(&delta["lead_time_p90_seconds"])),
        ),
        (
            "change_failures",
            shown(Unit::Percent, percent(&scope["change_failure_rate"])),
            format!("{} of {deployments} deployments", scope["change_failures"]),
            delta_label(DoraMetric::ChangeFailRate, percent(&delta["change_failure_rate"])),
        ),
        (
            "recoveries",
            duration_or_no_data(scope["recovery_time_seconds"]["median"].as_f64()),
            format!(
                "{} recovered{}",
                scope["recovery_time_seconds"]["n"],
                open(&scope["recovery_time_seconds"]["open"])
            ),
            delta_label(DoraMetric::RecoveryTime, hours(&delta["recovery_time_median_seconds"])),
        ),
        (
            "rework",
            shown(Unit::Percent, percent(&scope["rework_rate"])),
            format!("{} of {deployments} deployments", scope["rework_deployments"]),
            delta_label(DoraMetric::ReworkRate, percent(&delta["rework_rate"])),
        ),
        (
            "incidents",
            duration_or_no_data(scope["incident_restore_seconds"]["median"].as_f64()),
            format!(
                "{} restored{}",
                scope["incident_restore_seconds"]["n"],
                open(&scope["incident_restore_seconds"]["open"])
            ),
            delta_label(DoraMetric::RecoveryTime, hours(&delta["incident_restore_median_seconds"])),
        ),
    ]
}

/// The scorecard as shown: (drill key, value, n, delta) per line.
fn shown_scorecard(browser: &Browser, table: &str) -> Result<Vec<(String, String, String, String)>> {
    let rows = browser.execute(
        "return [...document.querySelectorAll(arguments[0] + ' tbody tr')].map(row =>
            [row.dataset.drill, row.cells[1].textContent, row.cells[3].textContent, row.cells[5].textContent])",
        vec![json!(format!("[data-testid={table}]"))],
    )?;
    Ok(serde_json::from_value(rows)?)
}

fn choose_28d(browser: &Browser, page: &str) -> Result<()> {
    browser.goto(&format!("?page={page}&range=90d"))?;
    browser.wait_for("[data-testid=dora-window]")?;
    browser.click("[aria-label='Time range'] button:nth-child(2)")?;
    browser.wait_for_text("[data-testid=dora-window]", "last 28 days")?;
    Ok(())
}

#[test]
fn after_choosing_28d_every_delivery_figure_equals_the_cli_json() -> Result<()> {
    let report = cli_report("28d")?;
    let dora = &report["dora"];
    let browser = Browser::launch()?;
    choose_28d(&browser, "delivery")?;
    let window = browser.text("[data-testid=dora-window]")?;
    let start = &dora["window"]["start"].as_str().unwrap_or_default()[..10];
    let end = &dora["window"]["end"].as_str().unwrap_or_default()[..10];
    assert!(window.contains(&format!("last 28 days, {start} to {end}, compared with the 28 days before")), "{window}");

    let expected: Vec<(String, String, String, String)> = expected_scorecard(&dora["overall"])
        .into_iter()
        .map(|(drill, value, n, delta)| (drill.to_owned(), value, n, delta))
        .collect();
    assert_eq!(shown_scorecard(&browser, "delivery-scorecard")?, expected);

    // The per-service table: deployments and change fail rate (with its count) of every service.
    for (id, scope) in dora["services"].as_object().context("services")? {
        let row = format!("[data-testid=breakdown-services] tr[data-scope='{id}']");
        let cells = browser.execute(
            "return [...document.querySelector(arguments[0]).cells].map(cell => cell.textContent)",
            vec![json!(row)],
        )?;
        let cells: Vec<String> = serde_json::from_value(cells)?;
        assert_eq!(cells[2], scope["deployments"].to_string(), "deployments of {id}");
        let rate = scope["change_failure_rate"].as_f64().map(|rate| rate * 100.0);
        let rate_text = shown(Unit::Percent, rate);
        assert!(cells[6].starts_with(&rate_text), "fail rate of {id}: {} vs {rate_text}", cells[6]);
    }

    // The records tabs count what the metrics count.
    let tab = |drill: &str| format!("[data-testid=records] li[data-drill={drill}]");
    let overall = &dora["overall"];
    assert!(browser.text(&tab("deployments"))?.ends_with(&format!("({})", overall["deployments"])));
    assert!(browser.text(&tab("change_failures"))?.ends_with(&format!("({})", overall["change_failures"])));
    assert!(browser.text(&tab("rework"))?.ends_with(&format!("({})", overall["rework_deployments"])));
    browser.screenshot("delivery-28d")?;

    // The Service page's scorecard equals the service's scope of the same report.
    let service = "checkout";
    browser.goto(&format!("?page=service&service={service}&range=28d"))?;
    browser.wait_for("[data-testid=service-scorecard]")?;
    let expected: Vec<(String, String, String, String)> = expected_scorecard(&dora["services"][service])
        .into_iter()
        .map(|(drill, value, n, delta)| (drill.to_owned(), value, n, delta))
        .collect();
    assert_eq!(shown_scorecard(&browser, "service-scorecard")?, expected);
    browser.close()
}

#[test]
fn trends_have_at_least_four_points_at_every_preset() -> Result<()> {
    let browser = Browser::launch()?;
    for (range, granularity) in [("7d", "weekly"), ("28d", "weekly"), ("90d", "weekly"), ("1y", "monthly")] {
        browser.goto(&format!("?page=delivery&range={range}"))?;
        browser.wait_for("[data-testid=trends] [data-testid=trend-chart] svg")?;
        let points: usize = browser.attr("[data-testid=trends]", "data-points")?.unwrap_or_default().parse()?;
        assert!(points >= 4, "{range}: {points} trend points");
        assert_eq!(browser.attr("[data-testid=trends]", "data-granularity")?.as_deref(), Some(granularity), "{range}");
        assert_eq!(browser.texts("[data-testid=trend-chart] svg")?.len(), 5, "{range}: five trend charts");
        if range == "7d" {
            browser.screenshot("delivery-trends-7d")?;
        }
    }
    browser.close()
}

#[test]
fn the_change_fail_rate_figure_lists_exactly_the_change_failures_and_back_works() -> Result<()> {
    let report = cli_report("28d")?;
    let expected: BTreeSet<String> = report["join"]["change_failures"]
        .as_array()
        .context("change failures")?
        .iter()
        .filter_map(|failure| failure["deployment"].as_str().map(str::to_owned))
        .collect();
    assert_eq!(expected.len() as u64, report["dora"]["overall"]["change_failures"].as_u64().unwrap_or(0));
    let browser = Browser::launch()?;
    browser.goto("?page=delivery&range=28d")?;
    browser.wait_for("[data-testid=delivery-scorecard]")?;
    assert_eq!(
        browser.execute("return document.querySelectorAll('[data-testid=drill-list]').length", vec![])?,
        json!(0)
    );
    browser.click("[data-testid=delivery-scorecard] tr[data-drill=change_failures] [data-testid=dora-value] a")?;
    browser.wait_for("[data-testid=drill-list][data-drill=change_failures]")?;
    let search = browser.execute("return location.search", vec![])?;
    assert!(search.as_str().unwrap_or_default().contains("drill=change_failures"), "{search}");
    let mut listed = BTreeSet::new();
    loop {
        let ids = browser.execute(
            "return [...document.querySelectorAll('[data-testid=drill-list] tbody tr')].map(row => row.cells[0].textContent)",
            vec![],
        )?;
        listed.extend(serde_json::from_value::<Vec<String>>(ids)?);
        let next = browser.execute("return !!document.querySelector('.pager a:last-of-type') && [...document.querySelectorAll('.pager a')].some(a => a.textContent === 'Next')", vec![])?;
        if next != json!(true) {
            break;
        }
        browser.execute(
            "[...document.querySelectorAll('.pager a')].find(a => a.textContent === 'Next').click()",
            vec![],
        )?;
        browser.wait_for("[data-testid=drill-list]")?;
    }
    assert_eq!(listed, expected);
    browser.screenshot("delivery-change-failures")?;

    // An id opens the deployment's detail, in the URL; Back closes it, then the list.
    let first = expected.iter().next().context("a change failure")?;
    browser.execute(
        "[...document.querySelectorAll('[data-testid=drill-list] tbody a')].find(a => a.textContent === arguments[0]).click()",
        vec![json!(first)],
    )?;
    browser.wait_for_text("[data-testid=record-detail]", &format!("Deployment {first}"))?;
    assert!(browser.text("[data-testid=record-detail]")?.contains("change failure\nyes"));
    browser.screenshot("delivery-deployment-detail")?;
    browser.execute("history.back()", vec![])?;
    browser.wait_for("[data-testid=drill-list]")?;
    assert_eq!(
        browser.execute("return document.querySelectorAll('[data-testid=record-detail]').length", vec![])?,
        json!(0)
    );
    browser.execute("history.back()", vec![])?;
    browser.wait_for("[data-testid=delivery-scorecard]")?;
    assert_eq!(
        browser.execute("return document.querySelectorAll('[data-testid=drill-list]').length", vec![])?,
        json!(0)
    );
    browser.close()
}

/// Cells whose content is wider than the cell, and tables wider than their scroll box.
const CLIPPED: &str = "
    const clipped = [...document.querySelectorAll('.service-page td, .service-page th')]
        .filter(cell => cell.scrollWidth > cell.clientWidth + 1)
        .map(cell => cell.textContent.slice(0, 40));
    const scrolling = [...document.querySelectorAll('.service-page .scroll')]
        .filter(box => box.scrollWidth > box.clientWidth + 1)
        .map(box => box.parentElement.dataset.testid || box.parentElement.className);
    return { clipped, scrolling };";

/// Elements (outside scroll boxes) reaching past the viewport's right edge, and the page's scroll width.
const OUTSIDE: &str = "
    const width = document.documentElement.clientWidth;
    const outside = [...document.querySelectorAll('.report *')]
        .filter(element => !element.closest('.scroll') && !element.closest('svg'))
        .filter(element => { const box = element.getBoundingClientRect(); return box.width > 0 && (box.right > width + 1 || box.left < -1); })
        .map(element => element.tagName + '.' + element.className + ': ' + (element.textContent || '').slice(0, 30));
    return { outside, scroll: document.documentElement.scrollWidth, width };";

#[test]
fn the_service_page_clips_no_cell_and_fits_a_phone() -> Result<()> {
    let browser = Browser::launch()?;
    for width in [1440, 1024] {
        browser.resize(width, 900)?;
        browser.goto("?page=service&service=checkout")?;
        browser.wait_for("[data-testid=service-slos] tbody tr")?;
        browser.wait_for("[data-testid=failure-burn-table] tbody tr")?;
        let found = browser.execute(CLIPPED, vec![])?;
        assert_eq!(found, json!({"clipped": [], "scrolling": []}), "at {width} px");
        browser.screenshot(&format!("service-{width}px"))?;
    }
    browser.resize(390, 844)?;
    browser.goto("?page=service&service=checkout")?;
    browser.wait_for("[data-testid=service-slos] tbody tr")?;
    let found = browser.execute(OUTSIDE, vec![])?;
    assert_eq!(found["outside"], json!([]), "at 390 px: {found}");
    assert!(found["scroll"].as_u64() <= found["width"].as_u64(), "the page scrolls sideways: {found}");
    browser.screenshot("service-390px")?;
    browser.goto("?page=delivery&drill=change_failures")?;
    browser.wait_for("[data-testid=drill-list]")?;
    let found = browser.execute(OUTSIDE, vec![])?;
    assert_eq!(found["outside"], json!([]), "delivery at 390 px: {found}");
    browser.screenshot("delivery-390px")?;
    browser.close()
}

#[test]
fn axe_finds_no_serious_violation_on_the_delivery_and_service_pages_light_and_dark() -> Result<()> {
    let browser = Browser::launch()?;
    for dark in [false, true] {
        browser.set_dark_mode(dark)?;
        for page in ["?page=delivery&drill=change_failures&range=28d", "?page=service&service=checkout"] {
            browser.goto(page)?;
            browser.wait_for("[data-testid=dora-window]")?;
            browser.wait_for("[data-testid=trend-chart] svg, [data-testid=service-slos] tbody tr")?;
            let violations = browser.axe_serious_violations()?;
            assert!(violations.is_empty(), "{page} (dark: {dark}): {violations:#?}");
        }
        browser.goto("?page=delivery&range=1y")?;
        browser.wait_for("[data-testid=trend-chart] svg")?;
        browser.screenshot(if dark { "delivery-1y-dark" } else { "delivery-1y-light" })?;
    }
    browser.close()
}
