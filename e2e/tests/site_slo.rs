//! The SLO side of the site in a real Chromium, on the demo data: the overview leads with the same
//! counts as `uptrend report --format json`, the most severe SLO comes first, phones see every status,
//! budget and alert, the SLO page's burn-rate tables equal the JSON, no data reads differently from no
//! traffic, a drag zooms (Back undoes it), a PNG download is a PNG at twice the chart's size, and
//! axe-core finds no serious or critical violation, in light and dark mode.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use anyhow::{Context, Result};
use common::demo_dataset;
use serde_json::{json, Value};
use uptrend_app::charts::Unit;
use uptrend_core::report::{build, ReportOptions};
use uptrend_core::slo::Triage;
use uptrend_e2e::Browser;

const TABLE_ROWS: &str = "[data-testid=slo-table] tbody tr";
const DESKTOP: (u32, u32) = (1440, 900);
const PHONE: (u32, u32) = (390, 844);

/// The JSON report of the demo data at its latest snapshot, as `uptrend report --format json` prints it.
fn json_report() -> Result<Value> {
    let dataset = demo_dataset()?;
    let report = build(&dataset, ReportOptions::default())?;
    Ok(serde_json::to_value(&report)?)
}

fn slo_json<'a>(report: &'a Value, id: &str) -> Result<&'a Value> {
    report["slos"].as_array().into_iter().flatten().find(|slo| slo["id"] == json!(id)).context("the SLO in the report")
}

fn wait_a_moment(browser: &Browser) -> Result<()> {
    browser.execute("return new Promise(done => setTimeout(done, 300))", vec![])?;
    Ok(())
}

#[test]
fn the_summary_strip_counts_equal_the_json_report_and_the_worst_slo_leads_the_table() -> Result<()> {
    let report = json_report()?;
    let browser = Browser::launch()?;
    browser.resize(DESKTOP.0, DESKTOP.1)?;
    browser.goto("")?;
    browser.wait_for(TABLE_ROWS)?;
    for triage in Triage::ALL {
        let shown = browser.text(&format!("[data-testid=count-{}] .value", triage.key()))?;
        let expected = report["summary"]["counts"][triage.key()].as_u64().context("a count")?;
        assert_eq!(shown, expected.to_string(), "count of {}", triage.key());
    }
    let worst = report["summary"]["worst_slo"].as_str().context("a worst SLO")?;
    let first_row = browser.attr(TABLE_ROWS, "data-slo")?;
    assert_eq!(first_row.as_deref(), Some(worst), "the first row is the most severe SLO");
    let worst_name = slo_json(&report, worst)?["name"].as_str().unwrap_or(worst).to_owned();
    assert!(browser.text("[data-testid=worst-slo]")?.contains(&worst_name));
    assert_eq!(browser.texts("[data-testid=delivery-metric]")?.len(), 5, "the five DORA metrics");

    // Each count filters the table; clicking it again shows every SLO.
    let all_rows = browser.texts(TABLE_ROWS)?.len();
    browser.click("[data-testid=count-paging]")?;
    browser.wait_for("[data-testid=status-filter]")?;
    assert!(browser.execute("return location.search", vec![])?.as_str().unwrap_or_default().contains("status=paging"));
    let paging = report["summary"]["counts"]["paging"].as_u64().unwrap_or_default() as usize;
    assert_eq!(browser.texts(TABLE_ROWS)?.len(), paging);
    browser.click("[data-testid=count-paging]")?;
    wait_a_moment(&browser)?;
    assert_eq!(browser.texts(TABLE_ROWS)?.len(), all_rows);

    // An overspent budget says so, next to its bar.
    let budget = browser.text(&format!("tr[data-slo='{worst}'] [data-testid=budget]"))?;
    assert!(budget.contains('-') && budget.contains("overspent"), "{budget}");
    browser.close()
}

#[test]
fn phones_see_every_status_budget_and_alert_and_no_width_overflows() -> Result<()> {
    let browser = Browser::launch()?;
    browser.resize(PHONE.0, PHONE.1)?;
    browser.goto("")?;
    browser.wait_for(TABLE_ROWS)?;
    let outside = browser.execute(
        "const width = document.documentElement.clientWidth; const out = [];
         for (const row of document.querySelectorAll('[data-testid=slo-table] tbody tr')) {
           for (const id of ['status', 'budget', 'alert']) {
             const r = row.querySelector(`[data-testid=${id}]`).getBoundingClientRect();
             if (r.left < 0 || r.right > width || r.width === 0) { out.push(`${row.dataset.slo} ${id} ${r.left}..${r.right}`); }
           }
         }
         return out;",
        vec![],
    )?;
    assert_eq!(outside, json!([]), "cells outside the {}px viewport", PHONE.0);
    browser.screenshot("slo-overview-phone")?;
    browser.execute("document.querySelector('[data-testid=slo-table]').scrollIntoView()", vec![])?;
    browser.screenshot("slo-overview-phone-table")?;
    for width in [360, 390, 768, 1024, 1440, 1920] {
        for page in ["", "?page=slo&slo=checkout-availability"] {
            browser.resize(width, 900)?;
            browser.goto(page)?;
            browser.wait_for(if page.is_empty() { TABLE_ROWS } else { "[data-testid=burn-rate-chart] svg" })?;
            let (overflow_px, _) = browser.sideways_overflow_px()?;
            assert_eq!(overflow_px, 0, "horizontal overflow at {width}px on {page:?}");
        }
    }
    browser.resize(PHONE.0, PHONE.1)?;
    browser.goto("?page=slo&slo=checkout-availability")?;
    browser.wait_for("[data-testid=burn-rate-chart] svg")?;
    browser.screenshot("slo-detail-phone")?;
    browser.close()
}

#[test]
fn the_burn_rate_tables_equal_the_json_report() -> Result<()> {
    let report = json_report()?;
    let slo = slo_json(&report, "checkout-availability")?;
    let browser = Browser::launch()?;
    browser.goto("?page=slo&slo=checkout-availability")?;
    browser.wait_for("[data-testid=burn-rates-table]")?;
    for lookback in ["5m", "30m", "1h", "2h", "6h", "1d", "3d"] {
        let shown = browser.text(&format!("[data-testid=burn-rates-table] td[data-lookback='{lookback}']"))?;
        let expected = slo["burn_rates"][lookback]
            .as_f64()
            .map_or_else(|| "no events".to_owned(), |rate| Unit::BurnRate.format(rate));
        assert_eq!(shown, expected, "burn rate {lookback}");
    }
    let conditions = browser.texts("[data-testid=alert-condition]")?;
    assert_eq!(conditions.len(), 4, "{conditions:?}");
    let firing_pages = conditions.iter().filter(|row| row.contains("page") && row.contains("⚑ firing")).count();
    assert_eq!(slo["alert"], json!("page"));
    assert!(firing_pages >= 1, "the page alert shows a firing page condition: {conditions:?}");
    // 30d window: the workbook thresholds.
    for threshold in ["> 14.4×", "> 6×", "> 3×", "> 1×"] {
        assert!(conditions.iter().any(|row| row.contains(threshold)), "{threshold} in {conditions:?}");
    }
    browser.close()
}

#[test]
fn no_data_and_no_traffic_read_differently() -> Result<()> {
    let browser = Browser::launch()?;
    browser.goto("")?;
    browser.wait_for(TABLE_ROWS)?;
    let no_data = browser.text("tr[data-slo='notifications-push-latency'] [data-testid=status]")?;
    let no_traffic = browser.text("tr[data-slo='billing-export-success'] [data-testid=status]")?;
    assert_eq!((no_data.as_str(), no_traffic.as_str()), ("∅ no data", "○ no traffic"));

    browser.goto("?page=slo&slo=notifications-push-latency")?;
    let nothing = browser.wait_for_text("[data-testid=data-state]", "No data")?;
    assert!(nothing.contains("exporter sent nothing"), "{nothing}");
    browser.goto("?page=slo&slo=billing-export-success")?;
    let zero = browser.wait_for_text("[data-testid=data-state]", "No traffic")?;
    assert!(zero.contains("zero events"), "{zero}");
    assert_ne!(nothing, zero);
    // The chart shades and labels the stretch: its SVG says "no traffic".
    let svg = browser.execute("return document.querySelector('[data-testid=traffic-chart] svg').outerHTML", vec![])?;
    assert!(svg.as_str().unwrap_or_default().contains("no traffic"));
    browser.close()
}

#[test]
fn a_drag_selects_a_range_back_restores_it_and_hover_names_the_incident() -> Result<()> {
    let browser = Browser::launch()?;
    browser.resize(DESKTOP.0, DESKTOP.1)?;
    browser.goto("?page=slo&slo=checkout-availability")?;
    browser.wait_for("[data-testid=recent-burn-rate-chart] svg")?;
    // The live incident of checkout runs to the report instant: the right end of the last-24-hours chart.
    browser.hover_at("[data-testid=recent-burn-rate-chart] .chart-canvas", 0.9, 0.6)?;
    let tip = browser.wait_for_text("[data-testid=recent-burn-rate-chart] [data-testid=tooltip]", "incident")?;
    assert!(tip.contains("still open") || tip.contains(" to "), "{tip}");
    assert_eq!(
        browser.attr("[data-testid=recent-burn-rate-chart] [data-testid=tooltip]", "aria-live")?.as_deref(),
        Some("polite")
    );

    browser.drag("[data-testid=attainment-chart] .chart-canvas", 0.3, 0.6, 0.6)?;
    wait_a_moment(&browser)?;
    let search = browser.execute("return location.search", vec![])?;
    let search = search.as_str().unwrap_or_default().to_owned();
    assert!(search.contains("range=custom") && search.contains("from=") && search.contains("to="), "{search}");
    browser.wait_for("[data-testid=reset-zoom]")?;
    browser.execute("history.back()", vec![])?;
    wait_a_moment(&browser)?;
    let back = browser.execute("return location.search", vec![])?;
    assert_eq!(back, json!("?page=slo&slo=checkout-availability"));
    browser.wait_for("[data-testid=attainment-chart] svg")?;
    assert!(browser.texts("[data-testid=reset-zoom]")?.is_empty(), "no custom range after Back");
    browser.close()
}

#[test]
fn the_png_download_is_a_png_of_twice_the_chart_size() -> Result<()> {
    let browser = Browser::launch()?;
    browser.goto("?page=slo&slo=checkout-availability")?;
    browser.wait_for("[data-testid=burn-rate-chart] svg")?;
    // Remember each Blob the page makes a URL of and each download link it clicks (the CSP forbids
    // fetching blob: URLs, so the test reads the Blob itself).
    browser.execute(
        "window.__blobs = new Map(); window.__downloads = [];
         const create = URL.createObjectURL;
         URL.createObjectURL = blob => { const url = create(blob); window.__blobs.set(url, blob); return url; };
         HTMLAnchorElement.prototype.click = function () { window.__downloads.push([this.download, this.href]); };",
        vec![],
    )?;
    browser.click("[data-testid=burn-rate-chart] [data-testid=download-png]")?;
    let download = browser.execute(
        "return (async () => {
         const started = Date.now();
         while (window.__downloads.length === 0 && Date.now() - started < 10000) { await new Promise(r => setTimeout(r, 50)); }
         const [name, href] = window.__downloads[0];
         const bytes = new Uint8Array(await window.__blobs.get(href).arrayBuffer());
         const svg = document.querySelector('[data-testid=burn-rate-chart] svg');
         return [name, Array.from(bytes.slice(0, 24)), Number(svg.getAttribute('width')), Number(svg.getAttribute('height'))];
         })();",
        vec![],
    )?;
    let name = download[0].as_str().unwrap_or_default();
    assert_eq!(name, "burn-rate.png");
    let header: Vec<u8> =
        download[1].as_array().context("bytes")?.iter().filter_map(|b| b.as_u64().map(|b| b as u8)).collect();
    assert_eq!(&header[..8], b"\x89PNG\r\n\x1a\n", "the PNG signature");
    assert_eq!(&header[12..16], b"IHDR");
    let be = |bytes: &[u8]| u32::from_be_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]);
    let (width, height) =
        (download[2].as_f64().unwrap_or_default() as u32, download[3].as_f64().unwrap_or_default() as u32);
    assert_eq!((be(&header[16..20]), be(&header[20..24])), (2 * width, 2 * height));
    browser.close()
}

#[test]
fn axe_finds_no_serious_violation_in_light_and_dark_and_the_screenshots_are_taken() -> Result<()> {
    let browser = Browser::launch()?;
    browser.resize(DESKTOP.0, DESKTOP.1)?;
    for dark in [false, true] {
        browser.set_dark_mode(dark)?;
        let mode = if dark { "dark" } else { "light" };
        for (name, page, ready) in [
            ("overview", "", TABLE_ROWS),
            ("slo-detail", "?page=slo&slo=checkout-availability", "[data-testid=burn-rate-chart] svg"),
            ("slo-no-data", "?page=slo&slo=notifications-push-latency", "[data-testid=data-state]"),
        ] {
            browser.goto(page)?;
            browser.wait_for(ready)?;
            let uncaptioned =
                browser.execute("return document.querySelectorAll('table:not(:has(> caption))').length", vec![])?;
            assert_eq!(uncaptioned, json!(0), "every table of {name} has a caption");
            assert_eq!(browser.attr("a.skip-link", "href")?.as_deref(), Some("#main"));
            let violations = browser.axe_serious_violations()?;
            let listed: Vec<String> = violations.iter().map(ToString::to_string).collect();
            assert!(violations.is_empty(), "{name} in {mode} mode:\n  {}", listed.join("\n  "));
            browser.screenshot(&format!("slo-{name}-{mode}"))?;
        }
    }
    for dark in [true, false] {
        browser.set_dark_mode(dark)?;
        let mode = if dark { "dark" } else { "light" };
        browser.goto("?page=slo&slo=checkout-availability")?;
        browser.wait_for("[data-testid=burn-rate-chart] svg")?;
        browser.execute("document.querySelector('[data-testid=burn-tables]').scrollIntoView()", vec![])?;
        browser.screenshot(&format!("slo-detail-charts-{mode}"))?;
        browser.execute("document.querySelector('[data-testid=burn-rate-chart]').scrollIntoView()", vec![])?;
        browser.screenshot(&format!("slo-detail-burn-{mode}"))?;
    }
    browser.close()
}
