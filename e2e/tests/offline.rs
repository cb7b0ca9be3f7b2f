//! Reviewers offline, in a real Chromium: the single-file report from `file://` with the network cut off
//! shows the numbers of `uptrend report` and restores deep links, keeps markup in the data as text and
//! takes dropped files; the hosted site reloads offline from its service worker and shows newly published
//! snapshots once online; files chosen with the picker are validated and shown with their errors; and
//! `dist/index.html` opened from disk explains itself instead of staying blank.

#![allow(clippy::unwrap_used, clippy::expect_used)]
#![allow(clippy::print_stdout, reason = "the single file's size is the tests' report")]

use std::net::{Ipv4Addr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};
use serde_json::{json, Value};
use uptrend_app::charts::Unit;
use uptrend_bundle::{single_file, BuiltApp, BundleData, DataFile};
use uptrend_core::load::snapshot_paths;
use uptrend_core::report::{self, Report, ReportOptions};
use uptrend_core::slo::Status;
use uptrend_e2e::{paths, Browser};

mod common;
use common::{copy_dir, dataset_of, repack};

const TABLE_ROWS: &str = "[data-testid=slo-table] tbody tr";

/// A site data directory (`index.json` and what it lists) as `uptrend bundle` embeds it.
fn bundle_data(data_dir: &Path) -> Result<BundleData> {
    let manifest = std::fs::read(data_dir.join("index.json"))?;
    let title = serde_json::from_slice::<Value>(&manifest)?["title"].as_str().unwrap_or_default().to_owned();
    let listed = snapshot_paths("data/index.json", &manifest).map_err(|problems| anyhow::anyhow!("{problems:?}"))?;
    let snapshots = listed
        .into_iter()
        .map(|path| {
            let on_disk = data_dir.join(path.trim_start_matches("data/"));
            Ok(DataFile { bytes: std::fs::read(&on_disk).with_context(|| on_disk.display().to_string())?, path })
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(BundleData { title, manifest: DataFile { path: "data/index.json".to_owned(), bytes: manifest }, snapshots })
}

/// Writes the single-file report of `data_dir` with the app of `dist/` and returns its `file://` URL.
fn write_single_file(data_dir: &Path, dir: &Path) -> Result<String> {
    let app = BuiltApp::read(&paths::dist_dir()?)?;
    let page = single_file(&app, &bundle_data(data_dir)?);
    let path = dir.join("report.html");
    std::fs::write(&path, page.html)?;
    println!("single file of {}: {} bytes", data_dir.display(), std::fs::metadata(&path)?.len());
    Ok(format!("file://{}", path.display()))
}

/// `uptrend report --format json` of the data, computed by the same core call.
fn report_of(data_dir: &Path) -> Result<Report> {
    Ok(report::build(&dataset_of(data_dir)?, ReportOptions::default())?)
}

fn percent(ratio: Option<f64>) -> String {
    ratio.map_or_else(|| "no data".to_owned(), |ratio| Unit::Percent.format(ratio * 100.0))
}

/// Every SLO row's attainment equals the report's.
fn assert_attainments(browser: &Browser, report: &Report) -> Result<()> {
    for slo in &report.slos {
        let cell = browser.text(&format!("tr[data-slo='{}'] [data-testid=attainment]", slo.id))?;
        // The attainment is the cell's first line; the coverage follows when it is below 100 %.
        let shown = cell.lines().next().unwrap_or_default();
        // Without attainment the table says why: no traffic, or no data.
        let expected = match (slo.attainment, slo.status) {
            (None, Status::NoTraffic) => "no traffic".to_owned(),
            (attainment, _) => percent(attainment),
        };
        assert_eq!(shown, expected, "attainment of {}", slo.id);
    }
    Ok(())
}

/// Requests that left the page for anything but its own `data:`/`blob:` URLs.
fn network_requests(browser: &Browser) -> Result<Value> {
    browser.execute(
        "return performance.getEntriesByType('resource').map(entry => entry.name)
           .filter(name => !name.startsWith('data:') && !name.startsWith('blob:'))",
        vec![],
    )
}

fn demo_dir() -> Result<PathBuf> {
    Ok(paths::dist_dir()?.join("data"))
}

/// The latest demo snapshot's path relative to the data directory, and its JSON.
fn latest_snapshot(data_dir: &Path) -> Result<(String, Value)> {
    let manifest: Value = serde_json::from_slice(&std::fs::read(data_dir.join("index.json"))?)?;
    let latest = manifest["snapshots"].as_array().and_then(|s| s.last()).and_then(Value::as_str).context("latest")?;
    Ok((latest.to_owned(), serde_json::from_slice(&std::fs::read(data_dir.join(latest))?)?))
}

#[test]
fn the_single_file_offline_from_disk_shows_the_reports_numbers_and_restores_deep_links() -> Result<()> {
    let dir = tempfile::tempdir()?;
    let url = write_single_file(&demo_dir()?, dir.path())?;
    let report = report_of(&demo_dir()?)?;
    let browser = Browser::launch_without_server()?;
    browser.set_offline(true)?;
    browser.goto(&url)?;
    browser.wait_for(TABLE_ROWS)?;
    assert_eq!(browser.text("[data-testid=title]")?, report.title);
    assert_eq!(browser.texts(TABLE_ROWS)?.len(), report.slos.len());
    assert_attainments(&browser, &report)?;
    assert!(!has(&browser, "[data-testid=offline-notice]")?, "the single file needs no network: no offline notice");
    browser.screenshot("single-file-overview")?;

    // The SLO with the least budget left, by a deep link into the file.
    let slo = report
        .slos
        .iter()
        .filter(|slo| slo.error_budget.remaining.is_some())
        .min_by(|a, b| {
            a.error_budget.remaining.partial_cmp(&b.error_budget.remaining).unwrap_or(std::cmp::Ordering::Equal)
        })
        .context("an SLO with a budget")?;
    browser.goto(&format!("{url}?page=slo&slo={}&range=7d", slo.id))?;
    browser.wait_for("[data-testid=attainment-chart] svg")?;
    let summary = browser.text("[data-testid=slo-summary]")?;
    assert!(summary.contains(&format!("attainment {} over the window", percent(slo.attainment))), "{summary}");
    assert!(summary.contains(&format!("error budget remaining {}", percent(slo.error_budget.remaining))), "{summary}");
    assert_eq!(browser.text("nav a[aria-current=page]")?, "SLO detail");
    assert_eq!(browser.attr("[aria-label='Time range'] button:nth-child(1)", "aria-pressed")?.as_deref(), Some("true"));
    browser.screenshot("single-file-slo-detail")?;

    // In-page navigation keeps the state in the file's query string, and back restores it.
    browser.click("nav a:first-child")?;
    browser.wait_for(TABLE_ROWS)?;
    let search = browser.execute("return location.search", vec![])?;
    assert!(!search.as_str().unwrap_or_default().contains("page=slo"), "{search}");
    browser.execute("history.back()", vec![])?;
    browser.wait_for("[data-testid=attainment-chart] svg")?;
    assert!(browser.execute("return location.href", vec![])?.as_str().unwrap_or_default().starts_with("file://"));
    assert_eq!(network_requests(&browser)?, json!([]), "the single file needs nothing beside it");
    browser.close()
}

#[test]
fn markup_in_the_single_files_data_stays_text() -> Result<()> {
    let dir = tempfile::tempdir()?;
    let data = dir.path().join("data");
    copy_dir(&demo_dir()?, &data)?;
    let (latest, mut snapshot) = latest_snapshot(&data)?;
    let payload = "</script><img src=x onerror=alert(1)><!--";
    snapshot["services"][0]["name"] = json!(payload);
    std::fs::write(data.join(&latest), snapshot.to_string())?;
    let mut manifest: Value = serde_json::from_slice(&std::fs::read(data.join("index.json"))?)?;
    manifest["title"] = json!("<script>alert(2)</script>");
    std::fs::write(data.join("index.json"), manifest.to_string())?;
    let url = write_single_file(&data, dir.path())?;
    let browser = Browser::launch_without_server()?;
    browser.set_offline(true)?;
    browser.goto(&url)?;
    browser.wait_for(TABLE_ROWS)?;
    assert_eq!(browser.text("[data-testid=title]")?, "<script>alert(2)</script>");
    let rows = browser.texts(TABLE_ROWS)?;
    assert!(rows.iter().any(|row| row.contains(payload)), "{rows:?}");
    assert_eq!(browser.execute("return document.querySelectorAll('img').length", vec![])?, json!(0));
    browser.close()
}

/// A snapshot that is not JSON, and the latest demo snapshot, in `dir`.
fn broken_and_good(dir: &Path) -> Result<(PathBuf, PathBuf, Value)> {
    let (_, good) = latest_snapshot(&demo_dir()?)?;
    let (broken_path, good_path) = (dir.join("broken.json"), dir.join("good.json"));
    std::fs::write(&broken_path, "{\"version\": 1, \"generated_at\": ")?;
    std::fs::write(&good_path, good.to_string())?;
    Ok((broken_path, good_path, good))
}

fn has(browser: &Browser, css: &str) -> Result<bool> {
    let found = browser.execute("return document.querySelector(arguments[0]) !== null", vec![json!(css)])?;
    Ok(found == json!(true))
}

fn ids(snapshot: &Value, field: &str) -> usize {
    snapshot[field].as_array().map_or(0, Vec::len)
}

/// The chosen files are shown with the broken one named, then "back" restores the report's data.
fn assert_local_files_shown_then_back(browser: &Browser, good: &Value, report_title: &str) -> Result<()> {
    browser.wait_for("[data-testid=local-files-banner]")?;
    let panel = browser.wait_for_text("[data-testid=errors-panel]", "broken.json")?;
    assert!(panel.contains("1 error,"), "{panel}");
    browser.wait_for(TABLE_ROWS)?;
    assert_eq!(browser.texts(TABLE_ROWS)?.len(), ids(good, "slos"));
    assert_eq!(browser.text("[data-testid=title]")?, "Local files");
    let banner = browser.text("[data-testid=local-files-banner]")?;
    assert!(banner.contains("broken.json") && banner.contains("good.json") && banner.contains("nothing was uploaded"));
    browser.screenshot("local-files")?;
    browser.resize(390, 844)?;
    browser.set_dark_mode(true)?;
    let (overflow_px, inner) = browser.sideways_overflow_px()?;
    assert_eq!(overflow_px, 0, "the local files' errors must not scroll sideways at {inner} px");
    browser.screenshot("local-files-phone-dark")?;
    browser.set_dark_mode(false)?;
    browser.resize(1280, 900)?;
    browser.click("[data-testid=back-to-report-data]")?;
    browser.wait_for_text("[data-testid=title]", report_title)?;
    assert!(!has(browser, "[data-testid=errors-panel]")?, "back on the report's data, no errors panel");
    Ok(())
}

#[test]
fn files_dropped_on_the_single_file_are_validated_and_shown_then_the_bundled_data_returns() -> Result<()> {
    let dir = tempfile::tempdir()?;
    let url = write_single_file(&demo_dir()?, dir.path())?;
    let (_, _, good) = broken_and_good(dir.path())?;
    let report = report_of(&demo_dir()?)?;
    let browser = Browser::launch_without_server()?;
    browser.set_offline(true)?;
    browser.goto(&url)?;
    browser.wait_for(TABLE_ROWS)?;
    // A real drag from the desktop cannot be scripted; the browser's own DragEvent with a DataTransfer of
    // Files is what the page receives from one.
    browser.execute(
        "const transfer = new DataTransfer();
         transfer.items.add(new File([arguments[0]], 'broken.json', { type: 'application/json' }));
         transfer.items.add(new File([arguments[1]], 'good.json', { type: 'application/json' }));
         const over = new DragEvent('dragover', { dataTransfer: transfer, bubbles: true, cancelable: true });
         document.body.dispatchEvent(over);
         document.body.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
         return over.defaultPrevented",
        vec![json!("{\"version\": 1, \"generated_at\": "), json!(good.to_string())],
    )?;
    assert_local_files_shown_then_back(&browser, &good, &report.title)?;
    assert_attainments(&browser, &report)?;
    browser.close()
}

#[test]
fn files_chosen_on_the_hosted_site_are_validated_and_shown_then_the_published_data_returns() -> Result<()> {
    let dir = tempfile::tempdir()?;
    let (broken, good_path, good) = broken_and_good(dir.path())?;
    let report = report_of(&demo_dir()?)?;
    let browser = Browser::launch()?;
    browser.goto("")?;
    browser.wait_for(TABLE_ROWS)?;
    browser.send_keys("[data-testid=open-files]", &format!("{}\n{}", broken.display(), good_path.display()))?;
    assert_local_files_shown_then_back(&browser, &good, &report.title)?;
    assert_attainments(&browser, &report)?;
    browser.close()
}

#[test]
fn dist_index_html_opened_from_disk_explains_why_and_what_to_do() -> Result<()> {
    let index = paths::dist_dir()?.join("index.html");
    let browser = Browser::launch_without_server()?;
    // What the browser refuses from file:// is the point of the notice: the module script, the preloads of
    // the app, and the stylesheet (its integrity cannot be checked there; the notice has its own style).
    for refusal in ["Failed to load resource: net::ERR_FAILED", "CORS policy", "Subresource Integrity"] {
        browser.allow_console_errors(refusal);
    }
    browser.goto(&format!("file://{}", index.display()))?;
    let notice = browser.wait_for_text("[data-testid=file-notice]", "cannot run from a file")?;
    assert!(notice.contains("uptrend bundle data/ --out report.html"), "{notice}");
    assert!(notice.contains("scripts/serve.sh"), "{notice}");
    browser.screenshot("file-notice")?;
    browser.close()
}

/// `serve-dist` as a process of the test's own, so that killing it takes the site off the network for
/// the service worker too (DevTools' offline emulation covers the page's requests only).
struct SiteProcess {
    child: Child,
}

impl SiteProcess {
    fn start(root: &Path, port: u16) -> Result<SiteProcess> {
        let child = Command::new(env!("CARGO_BIN_EXE_serve-dist"))
            .arg(port.to_string())
            .arg(root)
            .arg("/uptrend/")
            .stdout(Stdio::null())
            .spawn()
            .context("cannot start serve-dist")?;
        let deadline = Instant::now() + Duration::from_secs(20);
        while TcpStream::connect((Ipv4Addr::LOCALHOST, port)).is_err() {
            if Instant::now() > deadline {
                bail!("serve-dist did not listen on port {port}");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        Ok(SiteProcess { child })
    }
}

impl Drop for SiteProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Waits until a service worker controls the page (it installed, cached the shell and the data, and claimed it).
fn wait_for_service_worker(browser: &Browser) -> Result<()> {
    let deadline = Instant::now() + Duration::from_secs(30);
    while browser.execute("return navigator.serviceWorker.controller !== null", vec![])? != json!(true) {
        if Instant::now() > deadline {
            bail!("no service worker took control of the page");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    Ok(())
}

#[test]
fn the_hosted_site_reloads_offline_and_shows_new_snapshots_once_online() -> Result<()> {
    let site = tempfile::tempdir()?;
    copy_dir(&paths::dist_dir()?, site.path())?;
    let data = site.path().join("data");
    let port = TcpListener::bind((Ipv4Addr::LOCALHOST, 0))?.local_addr()?.port();
    let url = format!("http://127.0.0.1:{port}/uptrend/");
    let server = SiteProcess::start(site.path(), port)?;
    let browser = Browser::launch_without_server()?;
    println!("first visit");
    browser.goto(&url)?;
    browser.wait_for(TABLE_ROWS)?;
    wait_for_service_worker(&browser)?;
    let before = report_of(&data)?;
    assert_attainments(&browser, &before)?;
    assert!(!has(&browser, "[data-testid=offline-notice]")?, "online: no offline notice");

    drop(server);
    println!("offline reload");
    browser.set_offline(true)?;
    browser.goto(&format!("{url}?page=overview"))?;
    browser.wait_for(TABLE_ROWS)?;
    assert_eq!(browser.text("[data-testid=title]")?, before.title);
    assert_attainments(&browser, &before)?;
    let notice = browser.text("[data-testid=offline-notice]")?;
    assert!(notice.contains("Offline.") && notice.contains("last visit"), "{notice}");
    browser.screenshot("offline-reload")?;
    browser.resize(390, 844)?;
    browser.set_dark_mode(true)?;
    browser.screenshot("offline-reload-phone-dark")?;
    browser.set_dark_mode(false)?;
    browser.resize(1280, 900)?;

    // Publish a changed snapshot (and its pack): the latest export's last day of SLI counts all bad.
    let (latest, mut snapshot) = latest_snapshot(&data)?;
    for slo in snapshot["slos"].as_array_mut().context("slos")? {
        let total = slo["sli"]["total"].as_array().cloned().unwrap_or_default();
        let good = slo["sli"]["good"].as_array_mut().context("good")?;
        let from = good.len().saturating_sub(288);
        for (index, value) in good.iter_mut().enumerate().skip(from) {
            if !value.is_null() && total.get(index).is_some_and(|total| !total.is_null()) {
                *value = json!(0);
            }
        }
    }
    std::fs::write(data.join(&latest), snapshot.to_string())?;
    repack(&data)?;
    let after = report_of(&data)?;
    assert_ne!(
        after.slos.iter().map(|slo| slo.attainment).collect::<Vec<_>>(),
        before.slos.iter().map(|slo| slo.attainment).collect::<Vec<_>>(),
        "the change must show in the numbers"
    );

    let _server = SiteProcess::start(site.path(), port)?;
    println!("online reload with a new snapshot");
    browser.set_offline(false)?;
    browser.goto(&url)?;
    browser.wait_for(TABLE_ROWS)?;
    assert_attainments(&browser, &after)?;
    assert!(!has(&browser, "[data-testid=offline-notice]")?, "online, the offline notice must be gone");

    // Re-deploy: the same app under a new build hash. The next visit runs the new build, whose worker
    // replaces the old one and deletes the old build's cache.
    let new_build = redeploy(site.path())?;
    println!("visit after a re-deploy");
    browser.goto(&url)?;
    browser.wait_for(TABLE_ROWS)?;
    let deadline = Instant::now() + Duration::from_secs(30);
    let expected = json!([format!("uptrend-{new_build}")]);
    loop {
        let caches = browser.execute("return caches.keys()", vec![])?;
        let worker = browser.execute("return navigator.serviceWorker.controller?.scriptURL ?? ''", vec![])?;
        if caches == expected && worker.as_str().unwrap_or_default().ends_with(&format!("build={new_build}")) {
            break;
        }
        if Instant::now() > deadline {
            bail!("after the re-deploy: caches {caches}, worker {worker}; expected {expected}");
        }
        std::thread::sleep(Duration::from_millis(200));
    }
    assert_attainments(&browser, &after)?;
    browser.close()
}

/// Renames the built app's hashed files in `site` (and in its index.html) as a new build would; returns
/// the new wasm file name, which versions the service worker.
fn redeploy(site: &Path) -> Result<String> {
    let index = std::fs::read_to_string(site.join("index.html"))?;
    let wasm = index.split("data-uptrend-wasm=\"./").nth(1).and_then(|rest| rest.split('"').next()).context("wasm")?;
    let old_stem = wasm.trim_end_matches("_bg.wasm").to_owned();
    let name = old_stem.rsplit_once('-').map_or(old_stem.as_str(), |(name, _hash)| name);
    let new_stem = format!("{name}-00000000deadbeef");
    for extension in [".js", "_bg.wasm"] {
        std::fs::rename(site.join(format!("{old_stem}{extension}")), site.join(format!("{new_stem}{extension}")))?;
    }
    std::fs::write(site.join("index.html"), index.replace(&old_stem, &new_stem))?;
    Ok(format!("{new_stem}_bg.wasm"))
}
