//! The report site in a real Chromium, on the demo data in `dist/data`: every page renders, hover
//! shows exact values, filters live in the URL, deep links reload, back works, a broken snapshot is
//! named while the rest renders, and a markup service name stays text. Any console error fails a test.

#![allow(clippy::unwrap_used, clippy::expect_used)]
#![allow(clippy::print_stdout, reason = "the timings are the tests' report")]

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use anyhow::{Context, Result};
use common::{copy_dir, demo_dataset, demo_loaded};
use serde_json::{json, Value};
use uptrend_app::charts::Unit;
use uptrend_app::route::RangeChoice;
use uptrend_app::view_model::dora_view::{display_value, DoraMetric};
use uptrend_app::view_model::dora_window::DoraWindow;
use uptrend_app::view_model::report_model::ReportModel;
use uptrend_app::view_model::slo_table::{slo_rows, Filter};
use uptrend_core::slo::Status;
use uptrend_e2e::{paths, Browser};

const TABLE_ROWS: &str = "[data-testid=slo-table] tbody tr";

fn read_json(path: &Path) -> Result<Value> {
    let text = std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    Ok(serde_json::from_str(&text)?)
}

/// The demo data as built into dist/: the manifest and its snapshots.
fn demo() -> Result<(Value, Vec<Value>)> {
    let data = paths::dist_dir()?.join("data");
    let manifest = read_json(&data.join("index.json"))?;
    let snapshots = manifest["snapshots"]
        .as_array()
        .context("snapshots")?
        .iter()
        .map(|entry| read_json(&data.join(entry.as_str().unwrap_or_default())))
        .collect::<Result<Vec<_>>>()?;
    Ok((manifest, snapshots))
}

fn ids(snapshots: &[Value], field: &str) -> BTreeSet<String> {
    snapshots
        .iter()
        .flat_map(|snapshot| snapshot[field].as_array().cloned().unwrap_or_default())
        .filter_map(|record| record["id"].as_str().map(str::to_owned))
        .collect()
}

/// Prints when the first chart was drawn, in ms since navigation started (Performance API marks).
fn print_first_chart(browser: &Browser, label: &str) -> Result<()> {
    let first_chart_ms = browser.execute(
        "const chart = performance.getEntriesByName('uptrend:chart-drawn')[0]; return chart ? chart.startTime : null;",
        vec![],
    )?;
    println!("timing {label}: first chart drawn {first_chart_ms} ms after navigation started");
    Ok(())
}

/// Runs `trigger` (JavaScript) and prints the time until the next frame, when the re-render is painted.
fn print_rerender(browser: &Browser, label: &str, trigger: &str) -> Result<()> {
    let script = format!(
        "const started = performance.now(); {trigger};
         return new Promise(done => requestAnimationFrame(() => done(performance.now() - started)));"
    );
    let rerender_ms = browser.execute(&script, vec![])?;
    println!("timing {label}: re-rendered within {rerender_ms} ms");
    Ok(())
}

#[test]
fn overview_shows_the_demo_title_coverage_and_every_slo() -> Result<()> {
    let (manifest, snapshots) = demo()?;
    let browser = Browser::launch()?;
    browser.goto("")?;
    browser.wait_for(TABLE_ROWS)?;
    assert_eq!(browser.text("[data-testid=title]")?, manifest["title"].as_str().unwrap_or_default());
    let slo_count = ids(&snapshots, "slos").len();
    assert_eq!(browser.texts(TABLE_ROWS)?.len(), slo_count);
    let coverage = browser.text("[data-testid=coverage]")?;
    let files = snapshots.len();
    assert!(coverage.contains(&format!("{files} of {files} snapshot files used")), "{coverage}");
    assert!(coverage.contains(&format!("{} services", ids(&snapshots, "services").len())), "{coverage}");
    assert!(coverage.contains(&format!("{slo_count} SLOs")), "{coverage}");
    browser.screenshot("page-overview")?;
    browser.close()
}

#[test]
fn overview_numbers_equal_the_core_computed_natively() -> Result<()> {
    let loaded = demo_loaded()?;
    let dataset = &loaded.dataset;
    // The DORA numbers follow the range control: the default 28 days.
    let model =
        ReportModel::with_window(&loaded, dataset.latest_generated_at, |at| DoraWindow::of(RangeChoice::default(), at));
    let expected_rows = slo_rows(dataset, &model.evaluations, &Filter::default(), None);
    let browser = Browser::launch()?;
    browser.goto("")?;
    browser.wait_for(TABLE_ROWS)?;
    for row in &expected_rows {
        let missing = if row.status == Some(Status::NoTraffic) { "no traffic" } else { "no data" };
        let expected = row.attainment_percent.map_or_else(|| missing.to_owned(), |value| Unit::Percent.format(value));
        let shown = browser.text(&format!("tr[data-slo='{}'] [data-testid=attainment]", row.slo_id))?;
        // A second line gives the coverage when it is below 100 %.
        assert_eq!(shown.lines().next().unwrap_or_default(), expected, "attainment of {}", row.slo_id);
    }
    let dora = model.dora().cloned().context("a DORA report")?;
    let shown = browser.texts("[data-testid=dora-scorecard-table] [data-testid=dora-value]")?;
    let expected: Vec<String> =
        DoraMetric::ALL.into_iter().map(|metric| display_value(metric, &dora.overall.metrics)).collect();
    assert_eq!(shown, expected);
    browser.close()
}

#[test]
fn a_team_filter_changes_the_url_and_the_rows_and_survives_reload_and_back() -> Result<()> {
    let browser = Browser::launch()?;
    browser.goto("")?;
    browser.wait_for(TABLE_ROWS)?;
    let all_rows = browser.texts(TABLE_ROWS)?.len();
    let team = browser
        .execute("return document.querySelector('[data-testid=filter-team] option:nth-child(2)').value", vec![])?;
    let team = team.as_str().context("a team option")?.to_owned();
    let select_team = format!(
        "const select = document.querySelector('[data-testid=filter-team]'); select.value = {}; select.dispatchEvent(new Event('change'))",
        json!(team)
    );
    print_rerender(&browser, "team filter on the overview", &select_team)?;
    let search = browser.execute("return location.search", vec![])?;
    assert_eq!(search, json!(format!("?team={team}")));
    let filtered = browser.texts(TABLE_ROWS)?;
    assert!(!filtered.is_empty() && filtered.len() < all_rows, "{} of {all_rows} rows", filtered.len());
    assert!(filtered.iter().all(|row| row.contains(&team)), "{filtered:?}");

    browser.goto(&format!("?team={team}"))?;
    browser.wait_for(TABLE_ROWS)?;
    assert_eq!(browser.texts(TABLE_ROWS)?.len(), filtered.len(), "the deep link restores the filter");

    browser.execute("history.back()", vec![])?;
    browser.wait_for(TABLE_ROWS)?;
    browser.execute("return new Promise(done => setTimeout(done, 300))", vec![])?;
    assert_eq!(browser.execute("return location.search", vec![])?, json!(""));
    browser.close()
}

#[test]
fn slo_detail_deep_link_draws_the_chart_with_a_hover_tooltip() -> Result<()> {
    // The SLO with the least budget left: the most telling detail page (and the README's screenshot).
    let loaded = demo_loaded()?;
    let dataset = &loaded.dataset;
    let model = ReportModel::at(&loaded, dataset.latest_generated_at);
    let rows = slo_rows(dataset, &model.evaluations, &Filter::default(), None);
    let slo = rows
        .iter()
        .filter(|row| row.budget_remaining_percent.is_some())
        .min_by(|a, b| {
            a.budget_remaining_percent.partial_cmp(&b.budget_remaining_percent).unwrap_or(std::cmp::Ordering::Equal)
        })
        .map(|row| row.slo_id.clone())
        .context("an SLO with a budget")?;
    let browser = Browser::launch()?;
    browser.goto(&format!("?page=slo&slo={slo}"))?;
    browser.wait_for("[data-testid=traffic-chart] svg")?;
    print_first_chart(&browser, "SLO detail deep link")?;
    for chart in ["attainment-chart", "burn-down-chart", "burn-rate-chart"] {
        browser.wait_for(&format!("[data-testid={chart}] svg"))?;
    }
    let attainment = browser.text("[data-testid=attainment-chart] svg")?;
    assert!(attainment.contains("objective"), "the objective line is labelled: {attainment}");
    assert!(browser.text("[data-testid=slo-definition]")?.contains("window"));
    browser.screenshot("page-slo-detail")?;
    browser.hover("[data-testid=attainment-chart] .chart-canvas")?;
    browser.wait_for_text("[data-testid=tooltip]", "attainment per day: ")?;
    browser.hover("[data-testid=traffic-chart] .chart-canvas")?;
    let tooltip = browser.wait_for_text("[data-testid=tooltip]", "n = ")?;
    assert!(tooltip.contains(" UTC"), "{tooltip}");
    assert_eq!(browser.text("nav a[aria-current=page]")?, "SLO detail");
    browser.screenshot("slo-detail-tooltip")?;
    print_rerender(
        &browser,
        "range 28d to 7d on the SLO detail",
        "document.querySelector(\"[aria-label='Time range'] button:nth-child(1)\").click()",
    )?;
    assert!(browser.execute("return location.search", vec![])?.as_str().unwrap_or_default().contains("range=7d"));
    assert!(browser.execute("return location.search", vec![])?.as_str().unwrap_or_default().contains("page=slo"));

    browser.click("nav a:first-child")?;
    browser.wait_for(TABLE_ROWS)?;
    browser.execute("history.back()", vec![])?;
    browser.wait_for("[data-testid=traffic-chart] svg")?;
    assert!(browser.execute("return location.search", vec![])?.as_str().unwrap_or_default().contains("page=slo"));
    browser.close()
}

#[test]
fn service_and_delivery_pages_render() -> Result<()> {
    let browser = Browser::launch()?;
    browser.goto("?page=service")?;
    browser.wait_for("[data-testid=service-name]")?;
    browser.wait_for("[data-testid=deployments-table] table")?;
    browser.screenshot("page-service")?;
    browser.goto("?page=delivery&range=1y")?;
    browser.wait_for("[data-testid=records]")?;
    browser.wait_for("[data-testid=lead-time-chart] svg")?;
    assert_eq!(browser.texts("[data-testid=trend-chart] svg")?.len(), 5);
    browser.click("[aria-label='Trend buckets'] button:last-child")?;
    assert!(browser.execute("return location.search", vec![])?.as_str().unwrap_or_default().contains("trend=monthly"));
    browser.screenshot("page-delivery")?;
    browser.close()
}

/// dist/ with its data replaced: the latest demo snapshot with a markup service name, and a broken file.
fn broken_site() -> Result<tempfile::TempDir> {
    let dist = paths::dist_dir()?;
    let site = tempfile::tempdir()?;
    copy_dir(&dist, site.path())?;
    let (manifest, _) = demo()?;
    let latest = manifest["snapshots"].as_array().and_then(|s| s.last()).and_then(Value::as_str).context("latest")?;
    let mut snapshot = read_json(&dist.join("data").join(latest))?;
    snapshot["services"][0]["name"] = json!("<img src=x onerror=alert(1)>");
    let data = site.path().join("data");
    std::fs::remove_dir_all(&data)?;
    std::fs::create_dir_all(data.join("snapshots"))?;
    std::fs::write(data.join("snapshots/good.json"), snapshot.to_string())?;
    std::fs::write(data.join("snapshots/broken.json"), "{\"version\": 1, \"generated_at\": ")?;
    let index = json!({"title": "Broken demo", "snapshots": ["snapshots/good.json", "snapshots/broken.json"]});
    std::fs::write(data.join("index.json"), index.to_string())?;
    Ok(site)
}

#[test]
fn a_broken_snapshot_is_named_and_a_markup_name_stays_text() -> Result<()> {
    let site = broken_site()?;
    let browser = Browser::launch_serving(site.path())?;
    browser.goto("")?;
    browser.wait_for("[data-testid=errors-panel]")?;
    let panel = browser.text("[data-testid=errors-panel]")?;
    assert!(panel.contains("data/snapshots/broken.json"), "{panel}");
    browser.wait_for(TABLE_ROWS)?;
    let rows = browser.texts(TABLE_ROWS)?;
    assert!(rows.iter().any(|row| row.contains("<img src=x onerror=alert(1)>")), "{rows:?}");
    assert_eq!(browser.execute("return document.querySelectorAll('img').length", vec![])?, json!(0));
    browser.screenshot("errors-panel")?;
    browser.close()
}

/// dist/ with the demo's manifest changed by `edit` (and its pack replaced by `pack`, when given).
fn site_with_manifest(edit: impl FnOnce(&mut Value), pack: Option<&[u8]>) -> Result<tempfile::TempDir> {
    let site = tempfile::tempdir()?;
    copy_dir(&paths::dist_dir()?, site.path())?;
    let data = site.path().join("data");
    let mut manifest = read_json(&data.join("index.json"))?;
    edit(&mut manifest);
    std::fs::write(data.join("index.json"), manifest.to_string())?;
    if let Some(pack) = pack {
        std::fs::write(data.join("uptrend.pack"), pack)?;
    }
    Ok(site)
}

/// What a reader sees of the report: the overview's SLO rows and DORA scorecard, an SLO page's and
/// the Delivery page's text.
fn report_texts(browser: &Browser) -> Result<Vec<String>> {
    browser.goto("?page=overview")?;
    browser.wait_for(TABLE_ROWS)?;
    browser.wait_for("[data-testid=dora-scorecard-table]")?;
    let mut texts = browser.texts(TABLE_ROWS)?;
    texts.push(browser.text("[data-testid=dora-scorecard-table]")?);
    browser.goto("?page=delivery&range=1y")?;
    browser.wait_for("[data-testid=records]")?;
    texts.push(browser.text("main")?);
    Ok(texts)
}

#[test]
fn the_pack_and_the_snapshots_show_the_same_report() -> Result<()> {
    let (manifest, _) = demo()?;
    assert_eq!(manifest["packed"], "uptrend.pack", "the demo site reads its pack");
    let packed = Browser::launch()?;
    let from_pack = report_texts(&packed)?;
    let resources =
        packed.execute("return performance.getEntriesByType('resource').map(entry => entry.name)", vec![])?;
    let fetched = resources.as_array().cloned().unwrap_or_default();
    assert!(
        fetched.iter().any(|name| name.as_str().is_some_and(|name| name.ends_with("data/uptrend.pack"))),
        "{resources}"
    );
    assert!(!fetched.iter().any(|name| name.as_str().is_some_and(|name| name.contains("/snapshots/"))), "{resources}");
    packed.close()?;

    let site = site_with_manifest(|manifest| _ = manifest.as_object_mut().map(|fields| fields.remove("packed")), None)?;
    let unpacked = Browser::launch_serving(site.path())?;
    assert_eq!(report_texts(&unpacked)?, from_pack);
    unpacked.close()
}

#[test]
fn a_damaged_pack_is_named_and_the_snapshots_are_shown_instead() -> Result<()> {
    let report = uptrend_core::report::build(&demo_dataset()?, Default::default())?;
    let site = site_with_manifest(|_| {}, Some(b"UPTRPACK\x050.0.1 and then nothing"))?;
    let browser = Browser::launch_serving(site.path())?;
    browser.goto("")?;
    let panel = browser.wait_for_text("[data-testid=errors-panel]", "uptrend.pack")?;
    assert!(panel.contains("the snapshots were read instead") && panel.contains("uptrend pack"), "{panel}");
    browser.wait_for(TABLE_ROWS)?;
    assert_eq!(browser.texts(TABLE_ROWS)?.len(), report.slos.len());
    browser.screenshot("pack-damaged")?;
    browser.close()
}

/// A data set with more deployments than `DEFERRED_MIN_DEPLOYMENTS` (one service, one SLO, 24,000
/// deployments over 60 days, every 40th failed and fixed by an incident's deployment): the site computes
/// its delivery side after painting the SLO side.
fn many_deployments_site() -> Result<tempfile::TempDir> {
    let site = tempfile::tempdir()?;
    copy_dir(&paths::dist_dir()?, site.path())?;
    let data = site.path().join("data");
    std::fs::remove_dir_all(&data)?;
    std::fs::create_dir_all(data.join("snapshots"))?;
    let start = chrono::DateTime::parse_from_rfc3339("2026-09-22T00:00:00Z")?.with_timezone(&chrono::Utc);
    let at = |secs: i64| (start + chrono::TimeDelta::seconds(secs)).to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let deployments: Vec<Value> = (0..24_000i64)
        .map(|n| {
            let status = if n % 40 == 0 { "failed" } else { "succeeded" };
            json!({"id": format!("d-{n}"), "service": "api", "finished_at": at(n * 216), "status": status,
                   "changes": [{"id": format!("c-{n}"), "committed_at": at(n * 216 - 3_600 - n % 7_200)}]})
        })
        .collect();
    let incidents: Vec<Value> = (0..600i64)
        .map(|n| {
            json!({"id": format!("i-{n}"), "service": "api", "started_at": at(n * 40 * 216 + 60),
                        "resolved_at": at(n * 40 * 216 + 3_660), "caused_by": [format!("d-{}", n * 40)]})
        })
        .collect();
    let buckets = 60 * 288;
    let snapshot = json!({
        "version": 1, "generated_at": at(60 * 86_400),
        "services": [{"id": "api", "name": "API", "team": "core"}],
        "slos": [{"id": "api-availability", "service": "api", "objective": 0.999, "window": "28d", "budgeting": "occurrences",
                  "sli": {"start": at(0), "step": "5m", "good": vec![json!(999); buckets], "total": vec![json!(1000); buckets]}}],
        "deployments": deployments, "incidents": incidents,
    });
    std::fs::write(data.join("snapshots/many.json"), snapshot.to_string())?;
    std::fs::write(
        data.join("index.json"),
        json!({"title": "Many deployments", "snapshots": ["snapshots/many.json"]}).to_string(),
    )?;
    Ok(site)
}

#[test]
fn a_large_delivery_side_follows_the_slo_side_with_the_same_numbers() -> Result<()> {
    let site = many_deployments_site()?;
    let loaded = common::shared_loaded_of(&site.path().join("data"))?;
    let dataset = &loaded.dataset;
    assert!(dataset.deployments.len() > 20_000, "above the site's threshold for computing the delivery side later");
    // The overall scorecard's values over `range`, as the site shows them.
    let scorecard_over = |range: RangeChoice| -> Result<Vec<String>> {
        let model = ReportModel::with_window(&loaded, dataset.latest_generated_at, |at| DoraWindow::of(range, at));
        let dora = model.dora().context("a DORA report")?;
        Ok(DoraMetric::ALL.into_iter().map(|metric| display_value(metric, &dora.overall.metrics)).collect())
    };
    let expected = scorecard_over(RangeChoice::default())?;
    let browser = Browser::launch_serving(site.path())?;
    browser.goto("")?;
    browser.wait_for(TABLE_ROWS)?;
    browser.wait_for("[data-testid=dora-scorecard-table]")?;
    assert_eq!(browser.texts("[data-testid=dora-scorecard-table] [data-testid=dora-value]")?, expected);
    assert!(
        !has_element(&browser, "[data-testid=delivery-pending]")?,
        "the computing note is gone once the numbers show"
    );
    let computed =
        browser.execute("return performance.getEntriesByName('uptrend:delivery-computed').length", vec![])?;
    assert_eq!(computed, json!(1), "the delivery side was computed after the first paint, once");

    // The preset ranges are computed ahead while the tab is idle: picking one shows its numbers at
    // once, the same as computed for it directly, with no computation of its own.
    wait_until_true(&browser, "return performance.getEntriesByName('uptrend:ranges-computed').length > 0")?;
    let expected_quarter = scorecard_over(RangeChoice::Days90)?;
    assert_ne!(expected_quarter, expected, "the range must change the numbers");
    browser.click("[aria-label='Time range'] button:nth-child(3)")?;
    wait_until_true(
        &browser,
        "return document.querySelector('[aria-label=\\'Time range\\'] button:nth-child(3)').ariaPressed === 'true'",
    )?;
    assert!(!has_element(&browser, "[data-testid=delivery-pending]")?, "a range computed ahead is never pending");
    assert_eq!(browser.texts("[data-testid=dora-scorecard-table] [data-testid=dora-value]")?, expected_quarter);
    let computed =
        browser.execute("return performance.getEntriesByName('uptrend:delivery-computed').length", vec![])?;
    assert_eq!(computed, json!(1), "nothing was computed for the range picked");

    // Another range: the SLO side stays, the delivery side is computed again for it.
    let expected_year = scorecard_over(RangeChoice::Year)?;
    assert_ne!(expected_year, expected, "the range must change the numbers");
    browser.click("[aria-label='Time range'] button:nth-child(4)")?;
    wait_until_true(
        &browser,
        "return performance.getEntriesByName('uptrend:delivery-computed').length === 2 && !document.querySelector('[data-testid=delivery-pending]')",
    )?;
    assert_eq!(browser.texts("[data-testid=dora-scorecard-table] [data-testid=dora-value]")?, expected_year);
    browser.goto("?page=delivery")?;
    browser.wait_for("[data-testid=records]")?;
    browser.close()
}

fn has_element(browser: &Browser, css: &str) -> Result<bool> {
    Ok(browser.execute(&format!("return document.querySelector({}) !== null", json!(css)), vec![])? == json!(true))
}

/// Polls `script` until it returns `true`, for at most 20 s.
fn wait_until_true(browser: &Browser, script: &str) -> Result<()> {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while browser.execute(script, vec![])? != json!(true) {
        anyhow::ensure!(std::time::Instant::now() < deadline, "not within 20 s: {script}");
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    Ok(())
}
