//! Browser load figures for `scripts/bench.sh`: how long the site takes to draw its first chart and how
//! much memory the tab needs, on the demo data or on any data directory (`UPTREND_BENCH_DATA`).
//!
//! Ignored by default: it reports figures and asserts nothing about time (tests never time things);
//! it fails only when the page does not load or logs an error.
//! `UPTREND_BENCH_DATA=/tmp/large UPTREND_BENCH_SLO=slo-0000 cargo test -p uptrend-e2e --test load_figures -- --ignored --nocapture`

#![allow(clippy::print_stdout, reason = "the figures are the benchmark's report")]

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};
use serde_json::Value;
use uptrend_e2e::{paths, Browser};

/// The large data set needs tens of seconds on a busy machine; give up after this.
const LOAD_TIMEOUT: Duration = Duration::from_secs(240);
const POLL: Duration = Duration::from_millis(50);

#[test]
#[ignore = "a benchmark: run by scripts/bench.sh"]
fn browser_load_figures() -> Result<()> {
    let dist = paths::dist_dir()?;
    let data = std::env::var_os("UPTREND_BENCH_DATA").map_or_else(|| dist.join("data"), PathBuf::from);
    let label = std::env::var("UPTREND_BENCH_LABEL").unwrap_or_else(|_| "demo".to_owned());
    let site = tempfile::Builder::new().prefix("uptrend-bench-site-").tempdir()?;
    link_site(&dist, &data, site.path())?;

    let slo = std::env::var("UPTREND_BENCH_SLO").unwrap_or_else(|_| "checkout-availability".to_owned());

    // The overview lists every SLO in a table (it draws no chart); an SLO page draws charts.
    let browser = Browser::launch_serving(site.path())?;
    let load_profile = CpuProfile::start_if_asked(&browser)?;
    browser.goto("")?;
    // The tab's long tasks (over 50 ms, the Long Tasks API; `buffered` includes those before this
    // script ran): a click waits for the one it lands in. A tab too busy to run this leaves the figure
    // out rather than failing the benchmark.
    let _ = browser.execute(
        "window.uptrendLongTasks = [];
         new PerformanceObserver((list) => {
             for (const entry of list.getEntries()) window.uptrendLongTasks.push(entry.duration);
         }).observe({ type: 'longtask', buffered: true });",
        vec![],
    );
    // When the table was rendered (its mark), not when this poll could first run: the tab's thread may be
    // busy computing the delivery side right after the table has been painted.
    let overview_ms = wait_until(
        &browser,
        &data,
        "const m = performance.getEntriesByName('uptrend:slo-table-drawn')[0];
         return m && document.querySelector('[data-testid=slo-table] tbody tr') ? m.startTime : null;",
    )?;
    // The overview's delivery numbers (a large set computes them after the first paint, the demo at once):
    // the tab's peak comes then, when the delivery side is computed beside the dataset.
    let overview_delivery_ms = wait_until(
        &browser,
        &data,
        "return document.querySelector('[data-testid=delivery-pending]') ? null
             : (performance.getEntriesByName('uptrend:delivery-computed')[0]?.startTime ?? performance.now());",
    )?;
    let overview_peak_kib = renderer_peak_kib(browser.profile_dir());
    if let Some(profile) = load_profile {
        profile.print_top(&browser, &label, "overview's load and delivery side", 25)?;
    }
    // The wasm linear memory (the Rust heap's high-water mark) at a mark: its detail (`url_state::mark`).
    let memory_mib_at = |browser: &Browser, name: &str| {
        browser.execute(
            &format!(
                "const m = performance.getEntriesByName('{name}')[0]; return m ? Math.round(m.detail / 1048576) : null"
            ),
            vec![],
        )
    };
    let memory_at_data_ready = memory_mib_at(&browser, "uptrend:data-ready")?;
    let memory_at_delivery = memory_mib_at(&browser, "uptrend:delivery-computed")?;
    // Interactions on the delivery side, from the click (`uptrend:navigate`) to the page showing its
    // numbers: the range control on the overview, then the Delivery page, the range control on it and
    // a filter. Every animation frame from before the click checks `ready` (a condition in JavaScript)
    // with no delivery numbers pending; the first frame that has it records, once painted (the
    // timeout after it), the ms since the navigation. A poll through WebDriver would overstate it by up
    // to its 50 ms.
    // The time runs from the input event's own timestamp (a click or a change, as the browser took it
    // in), so a task that held up its handler counts too.
    let watch = |ready: &str| -> Result<()> {
        browser.execute(
            &format!(
                "window.uptrendReadyMs = null;
                 window.uptrendInputAt = null;
                 for (const type of ['click', 'change']) {{
                     addEventListener(type, (event) => {{ window.uptrendInputAt ??= event.timeStamp; }}, {{ capture: true, once: true }});
                 }}
                 const check = () => {{
                     const navigated = performance.getEntriesByName('uptrend:navigate').at(-1);
                     if (navigated && ({ready}) && !document.querySelector('[data-testid=delivery-pending]')) {{
                         const began = Math.min(window.uptrendInputAt ?? navigated.startTime, navigated.startTime);
                         setTimeout(() => {{ window.uptrendReadyMs = performance.now() - began; }}, 0);
                     }} else {{
                         requestAnimationFrame(check);
                     }}
                 }};
                 requestAnimationFrame(check);"
            ),
            vec![],
        )?;
        Ok(())
    };
    let ready_ms = || wait_until(&browser, &data, "return window.uptrendReadyMs");
    let navigations = || -> Result<u64> {
        let count = browser.execute("return performance.getEntriesByName('uptrend:navigate').length", vec![])?;
        Ok(count.as_u64().unwrap_or(0))
    };
    let after = |count: u64| format!("performance.getEntriesByName('uptrend:navigate').length > {count}");
    // Of an interaction's time, how much computing the delivery side took (the rest is the page).
    let computing_ms = || -> Result<f64> {
        let ms = browser.execute(
            "const navigated = performance.getEntriesByName('uptrend:navigate').at(-1);
             const computed = performance.getEntriesByName('uptrend:delivery-computed').at(-1);
             return computed && computed.startTime > navigated.startTime ? computed.startTime - navigated.startTime : 0;",
            vec![],
        )?;
        Ok(ms.as_f64().unwrap_or(f64::NAN))
    };
    // Clicks `selector`, then waits for the page to show `ready` (a condition in JavaScript) with no
    // delivery numbers pending: the ms since the click's navigation.
    let interact = |selector: &str, ready: &str| -> Result<f64> {
        watch(&format!("{} && {ready}", after(navigations()?)))?;
        browser.click(selector)?;
        ready_ms()
    };
    // A large set then computes the preset ranges ahead while the tab is idle (none for the demo,
    // which computes a range at once): the interactions below start once they are ready, as for a
    // reader who looked at the overview for this long.
    let ranges_computed_ms = wait_until(
        &browser,
        &data,
        "const computed = performance.getEntriesByName('uptrend:delivery-computed')[0];
         const ahead = performance.getEntriesByName('uptrend:ranges-computed')[0];
         return !computed ? 0 : ahead ? ahead.startTime - computed.startTime : null;",
    )?;
    let memory_at_ranges = memory_mib_at(&browser, "uptrend:ranges-computed")?;
    // The longest tasks of the load, the delivery side and the ranges computed ahead, in ms.
    let long_tasks = browser.execute(
        "return (window.uptrendLongTasks ?? []).sort((a, b) => b - a).slice(0, 4).map(Math.round).join('/')",
        vec![],
    )?;
    let long_tasks = long_tasks.as_str().unwrap_or_default().to_owned();
    let profile = CpuProfile::start_if_asked(&browser)?;
    let overview_range_ms = interact("[aria-label='Time range'] button:nth-child(3)", "true")?;
    if let Some(profile) = profile {
        profile.print_top(&browser, &label, "overview range change", 25)?;
    }
    let overview_range_computing_ms = computing_ms()?;
    let on_delivery_page = "document.querySelector('[data-testid=delivery-scope]')";
    let profile = CpuProfile::start_if_asked(&browser)?;
    let delivery_page_ms = interact("nav.pages a:nth-child(4)", on_delivery_page)?;
    if let Some(profile) = profile {
        profile.print_top(&browser, &label, "Delivery page's opening", 25)?;
    }
    let profile = CpuProfile::start_if_asked(&browser)?;
    let delivery_range_ms = interact("[aria-label='Time range'] button:nth-child(2)", on_delivery_page)?;
    if let Some(profile) = profile {
        profile.print_top(&browser, &label, "Delivery page's range change", 25)?;
    }
    let delivery_range_computing_ms = computing_ms()?;
    // A range not computed ahead: the custom range (the 28 whole days to the report instant's).
    let on_custom = format!("{on_delivery_page} && document.querySelector('[data-testid=range-from]')");
    let profile = CpuProfile::start_if_asked(&browser)?;
    let custom_range_ms = interact("[aria-label='Time range'] button:nth-child(5)", &on_custom)?;
    if let Some(profile) = profile {
        profile.print_top(&browser, &label, "custom range (computed when picked)", 25)?;
    }
    let custom_range_computing_ms = computing_ms()?;
    // A filter: the Delivery page for one service (its report is part of the window's: nothing to compute).
    let on_service =
        "document.querySelector('[data-testid=delivery-scope]')?.textContent.includes('Delivery: service ')";
    // Picks the `option`-th service of the filter: the ms to its page.
    let filter_to_service = |option: usize| -> Result<f64> {
        watch(&format!("{} && {on_service}", after(navigations()?)))?;
        browser.execute(
            &format!(
                "const select = document.querySelector('[data-testid=filter-service]');
                 select.value = select.options[{option}].value; select.dispatchEvent(new Event('change'));"
            ),
            vec![],
        )?;
        ready_ms()
    };
    let delivery_filter_ms = filter_to_service(1)?;
    // A year (on that service's page): not computed ahead either.
    let year_range_ms = interact("[aria-label='Time range'] button:nth-child(4)", on_service)?;
    let year_range_computing_ms = computing_ms()?;
    // The filter to another service, on the year's range: the page reads a year's records of it.
    let year_filter_ms = filter_to_service(2)?;
    // Opening an SLO page from the overview's table: the click to its first chart.
    browser.click("nav.pages a:nth-child(1)")?;
    browser.wait_for("[data-testid=slo-table] tbody tr a")?;
    let slo_page_open_ms = click_to_chart_ms(&browser, &data, "[data-testid=slo-table] tbody tr a")?;
    browser.close()?;

    let browser = Browser::launch_serving(site.path())?;
    browser.goto(&format!("?page=slo&slo={slo}"))?;
    let first_chart_ms = wait_until(
        &browser,
        &data,
        "const m = performance.getEntriesByName('uptrend:chart-drawn')[0]; return m ? m.startTime : null;",
    )?;
    // An interaction: the range control, from its click (the `uptrend:navigate` mark) to the first chart
    // drawn again.
    let range_change_ms = click_to_chart_ms(&browser, &data, "[aria-label='Time range'] button:nth-child(3)")?;
    // Where the first chart's time goes: loading (to `uptrend:data-ready`), then computing the report
    // (to the first `uptrend:model-computed`), then drawing.
    let first_mark = |name: &str| {
        browser.execute(&format!("return performance.getEntriesByName('{name}')[0]?.startTime ?? null"), vec![])
    };
    let data_ready_ms = first_mark("uptrend:data-ready")?;
    let model_ms = first_mark("uptrend:model-computed")?;
    // Only for a data set large enough to compute its delivery side after the first paint.
    let delivery_ms = first_mark("uptrend:delivery-computed")?;
    let slo_peak_kib = renderer_peak_kib(browser.profile_dir());
    println!(
        "browser {label}: data_ready_ms={data_ready_ms} model_computed_ms={model_ms} delivery_computed_ms={delivery_ms} overview_table_ms={overview_ms:.0} slo_page_first_chart_ms={first_chart_ms:.0} \
         range_change_ms={range_change_ms:.0} renderer_peak_rss_mib={:.0}",
        overview_peak_kib.max(slo_peak_kib) as f64 / 1024.0
    );
    println!(
        "browser {label} delivery interactions: overview_range_change_ms={overview_range_ms:.0} \
         (computing {overview_range_computing_ms:.0}) delivery_page_ms={delivery_page_ms:.0} \
         delivery_range_change_ms={delivery_range_ms:.0} (computing {delivery_range_computing_ms:.0}) \
         custom_range_ms={custom_range_ms:.0} (computing {custom_range_computing_ms:.0}) \
         year_range_ms={year_range_ms:.0} (computing {year_range_computing_ms:.0}) year_filter_ms={year_filter_ms:.0} \
         ranges_computed_ahead_ms={ranges_computed_ms:.0} longest_tasks_ms={long_tasks} delivery_filter_ms={delivery_filter_ms:.0} slo_page_from_overview_ms={slo_page_open_ms:.0}"
    );
    println!(
        "browser {label} memory: overview_delivery_ms={overview_delivery_ms:.0} overview_peak_rss_mib={} slo_page_peak_rss_mib={} \
         wasm_mib_at_data_ready={memory_at_data_ready} wasm_mib_at_delivery_computed={memory_at_delivery} wasm_mib_at_ranges_computed={memory_at_ranges}",
        overview_peak_kib / 1024,
        slo_peak_kib / 1024
    );
    browser.close()
}

/// A DevTools CPU profile of the page, taken when `UPTREND_BENCH_PROFILE` is set: the functions with
/// the most self time. Function names need a wasm that keeps its names section (docs/performance.md,
/// "Where the tab's time goes").
struct CpuProfile;

impl CpuProfile {
    fn start_if_asked(browser: &Browser) -> Result<Option<CpuProfile>> {
        if std::env::var_os("UPTREND_BENCH_PROFILE").is_none() {
            return Ok(None);
        }
        browser.devtools("Profiler.enable", serde_json::json!({}))?;
        browser.devtools("Profiler.setSamplingInterval", serde_json::json!({ "interval": 200 }))?;
        browser.devtools("Profiler.start", serde_json::json!({}))?;
        Ok(Some(CpuProfile))
    }

    fn print_top(self, browser: &Browser, label: &str, what: &str, count: usize) -> Result<()> {
        let stopped = browser.devtools("Profiler.stop", serde_json::json!({}))?;
        let profile = &stopped["profile"];
        let empty = Vec::new();
        let name_of: std::collections::HashMap<u64, String> = profile["nodes"]
            .as_array()
            .unwrap_or(&empty)
            .iter()
            .filter_map(|node| {
                let name = node["callFrame"]["functionName"].as_str().unwrap_or_default();
                Some((node["id"].as_u64()?, if name.is_empty() { "(anonymous)".to_owned() } else { name.to_owned() }))
            })
            .collect();
        let mut self_us: std::collections::HashMap<&str, f64> = std::collections::HashMap::new();
        let samples = profile["samples"].as_array().unwrap_or(&empty);
        let deltas = profile["timeDeltas"].as_array().unwrap_or(&empty);
        // A sample's time is the delta to the next one.
        for (sample, delta) in samples.iter().zip(deltas.iter().skip(1)) {
            let name = sample.as_u64().and_then(|id| name_of.get(&id)).map_or("(unknown)", String::as_str);
            *self_us.entry(name).or_default() += delta.as_f64().unwrap_or(0.0);
        }
        // Inclusive time: a sample counts for every function on its stack (once each, for recursion).
        let parent_of: std::collections::HashMap<u64, u64> = profile["nodes"]
            .as_array()
            .unwrap_or(&empty)
            .iter()
            .flat_map(|node| {
                let id = node["id"].as_u64();
                node["children"]
                    .as_array()
                    .unwrap_or(&empty)
                    .iter()
                    .filter_map(move |child| Some((child.as_u64()?, id?)))
            })
            .collect();
        let mut total_us_of: std::collections::HashMap<&str, f64> = std::collections::HashMap::new();
        for (sample, delta) in samples.iter().zip(deltas.iter().skip(1)) {
            let mut on_stack = std::collections::HashSet::new();
            let mut node = sample.as_u64();
            while let Some(id) = node {
                if let Some(name) = name_of.get(&id) {
                    if on_stack.insert(name.as_str()) {
                        *total_us_of.entry(name.as_str()).or_default() += delta.as_f64().unwrap_or(0.0);
                    }
                }
                node = parent_of.get(&id).copied();
            }
        }
        let total_us: f64 = self_us.values().sum();
        println!("browser {label} profile of the {what}: {:.0} ms sampled", total_us / 1000.0);
        for (kind, times) in [("self", self_us), ("total", total_us_of)] {
            let mut top: Vec<(&str, f64)> = times.into_iter().collect();
            top.sort_by(|a, b| b.1.total_cmp(&a.1));
            println!("  by {kind} time:");
            for (name, us) in top.into_iter().take(count) {
                println!("  {:>7.1} ms {:>5.1} %  {name}", us / 1000.0, 100.0 * us / total_us.max(1.0));
            }
        }
        Ok(())
    }
}

/// Clicks `selector` and waits for a chart drawn after the navigation it makes: the ms between them.
fn click_to_chart_ms(browser: &Browser, data: &Path, selector: &str) -> Result<f64> {
    let counts = browser.execute(
        "return [performance.getEntriesByName('uptrend:chart-drawn').length, performance.getEntriesByName('uptrend:navigate').length]",
        vec![],
    )?;
    let count = |index: usize| counts.get(index).and_then(Value::as_u64).unwrap_or(0);
    let (charts_before, navigations_before) = (count(0), count(1));
    browser.click(selector)?;
    wait_until(
        browser,
        data,
        &format!(
            "const navigations = performance.getEntriesByName('uptrend:navigate');
             const navigated = navigations.length > {navigations_before} && navigations.at(-1);
             const charts = performance.getEntriesByName('uptrend:chart-drawn');
             const drawn = navigated && charts.slice({charts_before}).find(chart => chart.startTime > navigated.startTime);
             return drawn ? drawn.startTime - navigated.startTime : null;"
        ),
    )
}

/// Polls `script` (which returns a number once the page is ready, else null) every [`POLL`]: the number,
/// in ms since navigation started.
fn wait_until(browser: &Browser, data: &Path, script: &str) -> Result<f64> {
    let started = Instant::now();
    let script = if script.contains("return") { script.to_owned() } else { format!("return {script};") };
    loop {
        match browser.execute(&script, vec![]) {
            Ok(Value::Number(ms)) => return Ok(ms.as_f64().unwrap_or(f64::NAN)),
            Ok(_) => {}
            // The page's thread is busy reading the data (a large set blocks it for seconds): not yet ready.
            Err(error) if format!("{error:#}").contains("script timeout") => {}
            Err(error) => return Err(error),
        }
        if started.elapsed() > LOAD_TIMEOUT {
            bail!("the page was not ready within {LOAD_TIMEOUT:?} on {}", data.display());
        }
        std::thread::sleep(POLL);
    }
}

/// `site` gets every entry of `dist` as a symbolic link, except `data`, which points at `data`.
fn link_site(dist: &Path, data: &Path, site: &Path) -> Result<()> {
    for entry in std::fs::read_dir(dist).with_context(|| format!("cannot list {}", dist.display()))? {
        let entry = entry?;
        if entry.file_name() != "data" {
            std::os::unix::fs::symlink(entry.path(), site.join(entry.file_name()))?;
        }
    }
    let data = data.canonicalize().with_context(|| format!("no data directory at {}", data.display()))?;
    std::os::unix::fs::symlink(data, site.join("data"))?;
    Ok(())
}

/// The largest peak resident set (VmHWM, KiB) among this Chromium's renderer processes: the tab's memory.
fn renderer_peak_kib(profile_dir: &Path) -> u64 {
    let profile = profile_dir.to_string_lossy().into_owned();
    let Ok(processes) = std::fs::read_dir("/proc") else { return 0 };
    processes
        .filter_map(Result::ok)
        .filter_map(|process| {
            let cmdline = std::fs::read(process.path().join("cmdline")).ok()?;
            let cmdline = String::from_utf8_lossy(&cmdline);
            if !cmdline.contains(&profile) || !cmdline.contains("--type=renderer") {
                return None;
            }
            let status = std::fs::read_to_string(process.path().join("status")).ok()?;
            let line = status.lines().find(|line| line.starts_with("VmHWM:"))?;
            line.split_whitespace().nth(1)?.parse::<u64>().ok()
        })
        .max()
        .unwrap_or(0)
}
