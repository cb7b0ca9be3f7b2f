//! The site's interactions in a real Chromium, on the demo data in `dist/data`: keyboard focus on a
//! chart, column sorting, the data-table toggle, the SVG and CSV downloads, and a phone-width window.
//! Expected values come from the core and the app's view models computed natively.
//!
//! Print styles are not tested: WebDriver cannot switch a page to print media (that needs the
//! DevTools protocol's `Emulation.setEmulatedMedia`, which chromedriver does not expose as a command).

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use anyhow::{Context, Result};
use common::demo_loaded;
use serde_json::{json, Value};
use uptrend_app::charts::data_table::bar_chart_rows;
use uptrend_app::charts::BarHover;
use uptrend_app::route::{Route, Sort};
use uptrend_app::view_model::dora_trends::{shown_trend, trend_chart};
use uptrend_app::view_model::dora_view::DoraMetric;
use uptrend_app::view_model::dora_window::DoraWindow;
use uptrend_app::view_model::report_model::ReportModel;
use uptrend_app::view_model::slo_table::{slo_rows, Filter};
use uptrend_e2e::{Browser, Key};

const TABLE_ROWS: &str = "[data-testid=slo-table] tbody tr";
/// The delivery page over a year, so the trends have many (monthly) buckets.
const DELIVERY: &str = "?page=delivery&range=1y";
/// The first trend chart: deployment frequency, weekly.
const FREQUENCY_CHART: &str = "section.trends figure:first-of-type";

/// The overall deployment-frequency trend as the delivery page draws it (the window follows the
/// range; a year trends by month), rendered natively: its bars with their hover lines.
fn frequency_trend() -> Result<BarHover> {
    let loaded = demo_loaded()?;
    let dataset = &loaded.dataset;
    let as_of = dataset.latest_generated_at.context("a report instant")?;
    let route = Route::parse(DELIVERY);
    let model = ReportModel::with_window(&loaded, Some(as_of), |at| DoraWindow::of(route.range, at));
    let dora = model.dora().cloned().context("a DORA report")?;
    let (used, shown) = shown_trend(&dora.overall, route.trend, &dora.window);
    let chart = trend_chart(DoraMetric::DeploymentFrequency, shown, used, 400);
    Ok(chart.render().map_err(|error| anyhow::anyhow!("{error:?}"))?.hover)
}

/// The tooltip line of bar `index`: `label: value (n = n)`.
fn tooltip_line(hover: &BarHover, index: usize) -> Result<String> {
    Ok(hover.describe(hover.bars.get(index).context("a bar")?))
}

fn location_search(browser: &Browser) -> Result<String> {
    Ok(browser.execute("return location.search", vec![])?.as_str().unwrap_or_default().to_owned())
}

#[test]
fn arrow_keys_on_a_focused_chart_show_the_exact_values() -> Result<()> {
    let series = frequency_trend()?;
    let count = series.bars.len();
    assert!(count >= 3, "the demo has {count} trend buckets");
    let browser = Browser::launch()?;
    browser.goto(DELIVERY)?;
    let canvas = format!("{FREQUENCY_CHART} .chart-canvas");
    browser.wait_for(&format!("{canvas} svg"))?;
    // The tooltip and crosshair are placed in percent of the canvas: it must be exactly the drawing's width.
    let widths = browser.execute(
        "const canvas = document.querySelector(arguments[0]);
         return [canvas.getBoundingClientRect().width, canvas.querySelector('svg').getBoundingClientRect().width];",
        vec![json!(canvas)],
    )?;
    assert_eq!(widths[0], widths[1], "canvas and drawing widths (px) differ");
    browser.press_keys(&canvas, &[Key::End])?;
    let last = browser.wait_for_text(&format!("{FREQUENCY_CHART} [data-testid=tooltip]"), "(n = ")?;
    assert_eq!(last, tooltip_line(&series, count - 1)?);
    browser.press_keys(&canvas, &[Key::Left, Key::Left])?;
    let third_last = browser.text(&format!("{FREQUENCY_CHART} [data-testid=tooltip]"))?;
    assert_eq!(third_last, tooltip_line(&series, count - 3)?);
    browser.press_keys(&canvas, &[Key::Right])?;
    assert_eq!(browser.text(&format!("{FREQUENCY_CHART} [data-testid=tooltip]"))?, tooltip_line(&series, count - 2)?);
    browser.screenshot("delivery-keyboard-tooltip")?;
    browser.execute("document.querySelector('section.trends figure:nth-of-type(3)').scrollIntoView()", vec![])?;
    browser.screenshot("delivery-tier-bands")?;
    browser.press_keys(&canvas, &[Key::Escape])?;
    let tooltips = browser.execute("return document.querySelectorAll('[data-testid=tooltip]').length", vec![])?;
    assert_eq!(tooltips, json!(0), "Escape hides the tooltip");
    browser.close()
}

#[test]
fn sorting_a_column_reorders_the_rows_and_lands_in_the_url() -> Result<()> {
    let loaded = demo_loaded()?;
    let dataset = &loaded.dataset;
    let model = ReportModel::at(&loaded, dataset.latest_generated_at);
    let order = |descending: bool| -> Vec<String> {
        let sort = Sort { column: "attainment".to_owned(), descending };
        slo_rows(dataset, &model.evaluations, &Filter::default(), Some(&sort))
            .into_iter()
            .map(|row| row.slo_id)
            .collect()
    };
    let default_order: Vec<String> =
        slo_rows(dataset, &model.evaluations, &Filter::default(), None).into_iter().map(|row| row.slo_id).collect();
    assert_ne!(order(false), default_order, "the demo data must make sorting visible");
    let shown_order = |browser: &Browser| -> Result<Vec<String>> {
        let ids = browser.execute(
            "return [...document.querySelectorAll('[data-testid=slo-table] tbody tr')].map(row => row.dataset.slo)",
            vec![],
        )?;
        Ok(serde_json::from_value(ids)?)
    };

    let browser = Browser::launch()?;
    browser.goto("")?;
    browser.wait_for(TABLE_ROWS)?;
    assert_eq!(shown_order(&browser)?, default_order);
    let header = "[data-testid=slo-table] th:nth-child(7) a";
    assert!(browser.text(header)?.starts_with("Attainment"), "{}", browser.text(header)?);
    browser.click(header)?;
    browser.wait_for("[data-testid=slo-table] th[aria-sort=ascending]")?;
    assert_eq!(location_search(&browser)?, "?sort=attainment");
    assert_eq!(shown_order(&browser)?, order(false));
    browser.click(header)?;
    browser.wait_for("[data-testid=slo-table] th[aria-sort=descending]")?;
    assert_eq!(location_search(&browser)?, "?sort=-attainment");
    assert_eq!(shown_order(&browser)?, order(true));
    browser.close()
}

#[test]
fn the_data_table_toggle_lists_the_charts_numbers() -> Result<()> {
    let hover = frequency_trend()?;
    let expected: Vec<String> = bar_chart_rows(&hover)
        .into_iter()
        .map(|row| row.iter().map(ToString::to_string).collect::<Vec<_>>().join("\t"))
        .collect();
    assert!(!expected.is_empty());
    let browser = Browser::launch()?;
    browser.goto(DELIVERY)?;
    browser.wait_for(&format!("{FREQUENCY_CHART} svg"))?;
    let toggle = format!("{FREQUENCY_CHART} .chart-actions button:nth-child(1)");
    assert_eq!(browser.attr(&toggle, "aria-pressed")?.as_deref(), Some("false"));
    browser.click(&toggle)?;
    browser.wait_for(&format!("{FREQUENCY_CHART} .chart-table tbody tr"))?;
    assert_eq!(browser.attr(&toggle, "aria-pressed")?.as_deref(), Some("true"));
    let shown = browser.execute(
        "return [...document.querySelectorAll(arguments[0])].map(row => [...row.cells].map(cell => cell.textContent).join('\\t'))",
        vec![json!(format!("{FREQUENCY_CHART} .chart-table tbody tr"))],
    )?;
    let shown: Vec<String> = serde_json::from_value(shown)?;
    assert_eq!(shown, expected);
    browser.click(&toggle)?;
    let tables = browser.execute(
        "return document.querySelectorAll(arguments[0]).length",
        vec![json!(format!("{FREQUENCY_CHART} .chart-table"))],
    )?;
    assert_eq!(tables, json!(0), "the toggle hides the table again");
    browser.close()
}

/// Records every download the page starts (file name, MIME type, content) instead of saving it.
const CAPTURE_DOWNLOADS: &str = "
    window.uptrendDownloads = [];
    const blobs = new Map();
    const createObjectURL = URL.createObjectURL;
    URL.createObjectURL = blob => { const url = createObjectURL(blob); blobs.set(url, blob); return url; };
    HTMLAnchorElement.prototype.click = function () {
        const blob = blobs.get(this.href);
        window.uptrendDownloads.push(blob.text().then(text => ({ name: this.download, type: blob.type, text })));
    };";

/// The downloads captured so far.
fn downloads(browser: &Browser) -> Result<Vec<Value>> {
    let captured = browser.execute("return Promise.all(window.uptrendDownloads)", vec![])?;
    Ok(serde_json::from_value(captured)?)
}

#[test]
fn the_download_buttons_give_the_charts_svg_and_csv() -> Result<()> {
    let hover = frequency_trend()?;
    let visible = hover.bars.len();
    let browser = Browser::launch()?;
    browser.goto(DELIVERY)?;
    browser.wait_for(&format!("{FREQUENCY_CHART} svg"))?;
    browser.execute(CAPTURE_DOWNLOADS, vec![])?;
    browser.click(&format!("{FREQUENCY_CHART} .chart-actions button:nth-child(2)"))?;
    browser.click(&format!("{FREQUENCY_CHART} .chart-actions button:nth-child(3)"))?;
    let captured = downloads(&browser)?;
    assert_eq!(captured.len(), 2, "{captured:?}");

    let svg = &captured[0];
    assert_eq!(svg["name"], json!("deployment-frequency-monthly.svg"));
    assert_eq!(svg["type"], json!("image/svg+xml"));
    let svg_text = svg["text"].as_str().unwrap_or_default();
    assert!(svg_text.starts_with("<svg"), "{}", &svg_text[..svg_text.len().min(80)]);
    assert!(svg_text.contains("Deployment frequency (monthly)"));
    assert!(svg_text.contains("DORA tiers (2024 report)"), "the tier bands' legend is in the SVG");
    let same_text = browser.execute(
        "const file = new DOMParser().parseFromString(arguments[0], 'image/svg+xml').documentElement;
         return file.textContent === document.querySelector(arguments[1]).textContent;",
        vec![json!(svg_text), json!(format!("{FREQUENCY_CHART} .svg svg"))],
    )?;
    assert_eq!(same_text, json!(true), "the file is the chart drawn on the page");

    let csv = &captured[1];
    assert_eq!(csv["name"], json!("deployment-frequency-monthly.csv"));
    assert_eq!(csv["type"], json!("text/csv"));
    let lines: Vec<&str> = csv["text"].as_str().unwrap_or_default().lines().collect();
    assert_eq!(lines.first().copied(), Some("category,value,n"));
    assert_eq!(lines.len(), visible + 1, "a header and one line per bucket");
    let last = hover.bars.last().context("a last bucket")?;
    assert!(lines.last().unwrap_or(&"").contains(&last.label), "{lines:?}");
    browser.close()
}

#[test]
fn the_overview_fits_a_360_px_wide_window() -> Result<()> {
    let browser = Browser::launch()?;
    browser.resize(360, 780)?;
    browser.goto("")?;
    browser.wait_for(TABLE_ROWS)?;
    browser.wait_for("[data-testid=dora-scorecard-table]")?;
    let (overflow_px, inner) = browser.sideways_overflow_px()?;
    assert!(inner > 0 && inner <= 360, "the window is phone-wide: {inner} px");
    assert_eq!(overflow_px, 0, "the page scrolls sideways at {inner} px");
    browser.screenshot("overview-360px")?;
    browser.close()
}
