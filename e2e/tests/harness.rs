//! The harness itself: it must fail on page errors and missing elements, and leave no process behind.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;
use std::process::Command;
use std::time::Duration;

use uptrend_e2e::Browser;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

#[test]
fn a_page_error_fails_the_first_step_after_it() {
    let browser = Browser::launch_serving(&fixture("console_error")).unwrap();
    let error = browser.goto("").expect_err("the uncaught exception must fail goto");
    let message = format!("{error:#}");
    assert!(message.contains("fixture boom"), "the error should quote the page error: {message}");
    assert!(browser.close().is_err(), "close must fail too: the console error stays recorded");
}

#[test]
fn a_missing_element_times_out_with_a_message_naming_it() {
    let browser = Browser::launch_serving(&fixture("quiet")).unwrap();
    browser.goto("").unwrap();
    let error = browser.wait_for_within("#never-there", Duration::from_millis(300)).unwrap_err();
    let message = format!("{error:#}");
    assert!(message.contains("#never-there"), "{message}");
    assert!(message.contains("/uptrend/"), "the message should name the page: {message}");
    assert!(message.contains("hello"), "the message should show the page text: {message}");
    browser.close().unwrap();
}

#[test]
fn reads_clicks_and_hovers_on_a_quiet_page() {
    let browser = Browser::launch_serving(&fixture("quiet")).unwrap();
    browser.goto("").unwrap();
    browser.wait_for("#greeting").unwrap();
    assert_eq!(browser.text("#greeting").unwrap(), "hello");
    browser.click("#button").unwrap();
    browser.hover("#greeting").unwrap();
    assert_eq!(browser.attr("#button", "type").unwrap().as_deref(), Some("button"));
    assert!(browser.console_errors().unwrap().is_empty());
    browser.close().unwrap();
}

#[test]
fn dropping_the_browser_ends_chromedriver_and_chromium() {
    let browser = Browser::launch_serving(&fixture("quiet")).unwrap();
    browser.goto("").unwrap();
    let profile = browser.profile_dir().to_string_lossy().into_owned();
    assert!(!processes_naming(&profile).is_empty(), "Chromium should be running while the browser is open");
    drop(browser);
    let left = processes_naming(&profile);
    assert!(left.is_empty(), "processes outlived the browser:\n{}", left.join("\n"));
}

/// Live processes whose command line contains `needle` (zombies have none, so they do not count).
fn processes_naming(needle: &str) -> Vec<String> {
    let output = Command::new("pgrep").args(["-a", "-f", needle]).output().unwrap();
    String::from_utf8_lossy(&output.stdout).lines().map(str::to_string).collect()
}

#[test]
fn axe_core_finds_a_nameless_button_and_nothing_on_a_quiet_page() {
    let browser = Browser::launch_serving(&fixture("axe_violation")).unwrap();
    browser.goto("").unwrap();
    let violations = browser.axe_serious_violations().unwrap();
    let ids: Vec<&str> = violations.iter().map(|violation| violation.id.as_str()).collect();
    assert_eq!(ids, ["button-name"], "{violations:?}");
    assert_eq!(violations[0].targets, ["#nameless"]);
    browser.goto("").unwrap();
    browser.set_dark_mode(true).unwrap();
    let dark = browser.execute("return matchMedia('(prefers-color-scheme: dark)').matches", vec![]).unwrap();
    assert_eq!(dark, serde_json::json!(true), "the dark colour scheme should be emulated");
    browser.close().unwrap();

    let quiet = Browser::launch_serving(&fixture("quiet")).unwrap();
    quiet.goto("").unwrap();
    assert_eq!(quiet.axe_serious_violations().unwrap(), []);
    quiet.close().unwrap();
}
