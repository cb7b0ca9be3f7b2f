//! The built index.html keeps the promises the hosting relies on: relative URLs only, and a
//! Content-Security-Policy without inline scripts that the browser really enforces.

#![allow(clippy::expect_used)]

use uptrend_e2e::{paths, Browser};

fn built_index_html() -> anyhow::Result<String> {
    Ok(std::fs::read_to_string(paths::dist_dir()?.join("index.html"))?)
}

#[test]
fn every_asset_url_is_relative() -> anyhow::Result<()> {
    let html = built_index_html()?;
    for absolute in ["href=\"/", "src=\"/", "href=/", "src=/", "\"/uptrend-app", "'/uptrend-app"] {
        assert!(!html.contains(absolute), "dist/index.html has an absolute URL ({absolute}...):\n{html}");
    }
    assert!(html.contains("./boot.js"), "dist/index.html should start the app from ./boot.js:\n{html}");
    Ok(())
}

#[test]
fn scripts_are_external_and_the_policy_forbids_inline_ones() -> anyhow::Result<()> {
    let html = built_index_html()?;
    for script_tag in html.split("<script").skip(1) {
        let open_tag = script_tag.split('>').next().unwrap_or_default();
        assert!(open_tag.contains("src="), "inline <script{open_tag}> in dist/index.html");
    }
    let policy_start = html.find("Content-Security-Policy").expect("dist/index.html has no Content-Security-Policy");
    let script_src = html[policy_start..].split("script-src").nth(1).and_then(|rest| rest.split(';').next());
    let script_src = script_src.expect("the Content-Security-Policy has no script-src");
    assert!(!script_src.contains("unsafe-inline"), "script-src allows inline scripts: {script_src}");
    Ok(())
}

#[test]
fn the_browser_refuses_an_injected_inline_script() -> anyhow::Result<()> {
    let browser = Browser::launch()?;
    browser.goto("")?;
    browser.wait_for("h1[data-testid=title]")?;
    let injected = browser.execute(
        "const script = document.createElement('script');
         script.textContent = 'window.inlineScriptRan = true';
         document.head.append(script);
         return window.inlineScriptRan === true",
        vec![],
    );
    // The refusal is a console error, which the harness reports as the step's failure.
    let error = injected.expect_err("the inline script ran or was refused silently");
    assert!(format!("{error:#}").contains("Content Security Policy"), "{error:#}");
    let ran = browser.execute("return window.inlineScriptRan === true", vec![]);
    assert!(ran.is_err(), "the console error must stay recorded");
    Ok(())
}

#[test]
fn dist_ships_the_headers_that_forbid_framing() -> anyhow::Result<()> {
    // Netlify and Cloudflare Pages read `_headers` at the site root; a <meta> policy cannot forbid framing.
    let headers = std::fs::read_to_string(paths::dist_dir()?.join("_headers"))?;
    let rules: Vec<&str> = headers.lines().filter(|line| !line.starts_with('#')).collect();
    assert_eq!(rules.first().copied(), Some("/*"), "the rules apply to every path:\n{headers}");
    for header in ["Content-Security-Policy: frame-ancestors 'none'", "X-Frame-Options: DENY"] {
        assert!(rules.iter().any(|line| line.trim() == header), "dist/_headers lacks `{header}`:\n{headers}");
    }
    Ok(())
}
