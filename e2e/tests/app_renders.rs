//! The built site starts in a real browser, under a sub-path, and shows real content without errors.

use serde_json::json;
use uptrend_e2e::Browser;

#[test]
fn app_renders_the_report_title_without_console_errors() -> anyhow::Result<()> {
    let browser = Browser::launch()?;
    browser.goto("")?;
    browser.wait_for("h1[data-testid=title]")?;
    let manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(uptrend_e2e::paths::dist_dir()?.join("data/index.json"))?)?;
    browser.wait_for_text("h1[data-testid=title]", manifest["title"].as_str().unwrap_or("Uptrend"))?;
    let screenshot = browser.screenshot("overview")?;
    assert!(std::fs::metadata(&screenshot)?.len() > 1000, "{} is too small to be a screenshot", screenshot.display());
    browser.close()
}

#[test]
fn demo_data_is_reachable_by_a_relative_url_under_the_sub_path() -> anyhow::Result<()> {
    let browser = Browser::launch()?;
    browser.goto("")?;
    browser.wait_for("main")?;
    // The page lives at /uptrend/, so `data/index.json` must resolve to /uptrend/data/index.json.
    let index = browser.execute(
        "return fetch('data/index.json').then(response => response.ok ? response.json() : response.status)",
        vec![],
    )?;
    assert!(index.get("title").and_then(|title| title.as_str()).is_some(), "data/index.json: {index}");
    assert_eq!(browser.execute("return document.baseURI", vec![])?, json!(browser.url("")));
    browser.close()
}
