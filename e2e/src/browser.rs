//! The sync test API: one headless Chromium session on the site served from `dist/`.

use std::cell::{Cell, RefCell};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{anyhow, bail, Context, Result};
use fantoccini::actions::{InputSource, KeyAction, KeyActions, MouseActions, PointerAction};
use fantoccini::key::Key;
use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::{json, Value};
use tokio::runtime::Runtime;

use crate::axe::{self, AxeViolation};
use crate::cdp::Cdp;
use crate::chromedriver::ChromeDriver;
use crate::console::{severe_messages, TakeBrowserLog};
use crate::paths;
use crate::static_server::StaticServer;

/// How long `wait_for` and `wait_for_text` wait by default.
pub const DEFAULT_WAIT: Duration = Duration::from_secs(15);
/// The sub-path the site is served under, as on GitHub Pages (`/<repo>/`).
const SITE_PREFIX: &str = "/uptrend/";
/// Debian's Chromium (package `chromium`); `CHROMIUM` overrides it.
const DEFAULT_CHROMIUM: &str = "/usr/bin/chromium";
const WINDOW_SIZE: &str = "1280,900";
const CLOSE_TIMEOUT: Duration = Duration::from_secs(10);

/// A headless Chromium showing the site from `dist/`, served on a free loopback port under `/uptrend/`.
///
/// Every method reads the browser console afterwards and returns an error once any console error, page
/// error or failed load has happened, so a test fails on them without asking. End a test with
/// [`Browser::close`]; dropping the browser (also on panic) stops the session, chromedriver, Chromium and
/// the server, and panics if console errors were never reported.
#[derive(Debug)]
pub struct Browser {
    runtime: Runtime,
    client: Option<Client>,
    console_errors: RefCell<Vec<String>>,
    /// Console errors a test expects (see [`Browser::allow_console_errors`]): left out of `console_errors`.
    allowed_errors: RefCell<Vec<String>>,
    errors_reported: Cell<bool>,
    // Dropped in this order after `Drop::drop` closed the session.
    _driver: ChromeDriver,
    /// `None` for a browser that opens absolute URLs only (`file://`, a server of the test's own).
    server: Option<StaticServer>,
    /// Deleted on drop, after Chromium is gone.
    profile_dir: tempfile::TempDir,
}

impl Browser {
    /// Serves `dist/` and starts headless Chromium with a fresh profile. Fails, saying how to build it,
    /// when `dist/` is missing.
    pub fn launch() -> Result<Self> {
        Self::launch_serving(&paths::dist_dir()?)
    }

    /// Like [`Browser::launch`], serving the files of `root` instead of `dist/` (for the harness's own tests).
    pub fn launch_serving(root: &Path) -> Result<Self> {
        Self::launch_with(Some(StaticServer::start(root, "127.0.0.1:0", SITE_PREFIX)?))
    }

    /// Headless Chromium without a server: [`Browser::goto`] then takes absolute URLs (`file://...`, or a
    /// server the test runs and stops itself, as for offline tests).
    pub fn launch_without_server() -> Result<Self> {
        Self::launch_with(None)
    }

    fn launch_with(server: Option<StaticServer>) -> Result<Self> {
        let profile_dir = tempfile::Builder::new().prefix("uptrend-e2e-chromium-").tempdir()?;
        let driver = ChromeDriver::start()?;
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .context("cannot start the async runtime")?;
        let capabilities = chromium_capabilities(&profile_dir);
        let client = runtime
            .block_on(ClientBuilder::new(HttpConnector::new()).capabilities(capabilities).connect(&driver.url()))
            .context("cannot open a Chromium session through chromedriver")?;
        Ok(Self {
            runtime,
            client: Some(client),
            console_errors: RefCell::new(Vec::new()),
            allowed_errors: RefCell::new(Vec::new()),
            errors_reported: Cell::new(false),
            _driver: driver,
            server,
            profile_dir,
        })
    }

    /// Chromium's fresh profile directory; every Chromium process names it on its command line.
    pub fn profile_dir(&self) -> &Path {
        self.profile_dir.path()
    }

    /// The absolute URL of `path`, relative to the site root (`""` is the start page); without a server,
    /// `path` itself.
    pub fn url(&self, path: &str) -> String {
        self.server.as_ref().map_or_else(|| path.to_owned(), |server| server.url(path))
    }

    /// Opens `path`, relative to the site root: `""` for the start page, `"?view=dora"`, `"#slo"`...
    pub fn goto(&self, path: &str) -> Result<()> {
        let url = self.url(path);
        self.run(self.client()?.goto(&url)).with_context(|| format!("cannot open {url}"))?;
        self.check_console()
    }

    /// Waits up to [`DEFAULT_WAIT`] for an element matching the CSS selector.
    pub fn wait_for(&self, css: &str) -> Result<()> {
        self.wait_for_within(css, DEFAULT_WAIT)
    }

    /// Waits up to `timeout` for an element matching the CSS selector; the error names the selector,
    /// the page, the console errors and the start of the page's text.
    pub fn wait_for_within(&self, css: &str, timeout: Duration) -> Result<()> {
        let client = self.client()?;
        let found = self.run(client.wait().at_most(timeout).for_element(Locator::Css(css)));
        if found.is_err() {
            return Err(self.wait_failure(&format!("an element matching `{css}`"), timeout));
        }
        self.check_console()
    }

    /// Waits up to [`DEFAULT_WAIT`] until an element matching `css` contains `needle` in its text.
    pub fn wait_for_text(&self, css: &str, needle: &str) -> Result<String> {
        let deadline = Instant::now() + DEFAULT_WAIT;
        loop {
            let texts = self.texts(css)?;
            if let Some(text) = texts.into_iter().find(|text| text.contains(needle)) {
                return Ok(text);
            }
            if Instant::now() > deadline {
                return Err(self.wait_failure(&format!("`{css}` to contain {needle:?}"), DEFAULT_WAIT));
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// The visible text of the first element matching `css`.
    pub fn text(&self, css: &str) -> Result<String> {
        let client = self.client()?;
        let text = self.run(async { client.find(Locator::Css(css)).await?.text().await });
        let text = text.with_context(|| format!("cannot read the text of `{css}`"))?;
        self.check_console()?;
        Ok(text)
    }

    /// The visible texts of all elements matching `css`, in document order.
    pub fn texts(&self, css: &str) -> Result<Vec<String>> {
        let client = self.client()?;
        let texts = self.run(async {
            let mut texts = Vec::new();
            for element in client.find_all(Locator::Css(css)).await? {
                texts.push(element.text().await?);
            }
            Ok::<_, fantoccini::error::CmdError>(texts)
        });
        let texts = texts.with_context(|| format!("cannot read the texts of `{css}`"))?;
        self.check_console()?;
        Ok(texts)
    }

    /// An attribute of the first element matching `css` (`None` when the element lacks it).
    pub fn attr(&self, css: &str, name: &str) -> Result<Option<String>> {
        let client = self.client()?;
        let value = self.run(async { client.find(Locator::Css(css)).await?.attr(name).await });
        let value = value.with_context(|| format!("cannot read attribute {name:?} of `{css}`"))?;
        self.check_console()?;
        Ok(value)
    }

    /// Clicks the first element matching `css`.
    pub fn click(&self, css: &str) -> Result<()> {
        let client = self.client()?;
        let clicked = self.run(async { client.find(Locator::Css(css)).await?.click().await });
        clicked.with_context(|| format!("cannot click `{css}`"))?;
        self.check_console()
    }

    /// Moves the mouse over the centre of the first element matching `css`.
    pub fn hover(&self, css: &str) -> Result<()> {
        let client = self.client()?;
        let hovered = self.run(async {
            let element = client.find(Locator::Css(css)).await?;
            let mouse = MouseActions::new("mouse".into()).then(PointerAction::MoveToElement {
                element,
                duration: Some(Duration::from_millis(50)),
                x: 0.0,
                y: 0.0,
            });
            client.perform_actions(mouse).await
        });
        hovered.with_context(|| format!("cannot hover over `{css}`"))?;
        self.check_console()
    }

    /// Moves the mouse to a point of the first element matching `css`, given as fractions of its
    /// width and height from its top-left corner (`0.5, 0.5` is the centre).
    pub fn hover_at(&self, css: &str, x_frac: f64, y_frac: f64) -> Result<()> {
        let client = self.client()?;
        let (width, height) = self.size_of(css)?;
        let hovered = self.run(async {
            let element = client.find(Locator::Css(css)).await?;
            let mouse = MouseActions::new("mouse".into()).then(PointerAction::MoveToElement {
                element,
                duration: Some(Duration::from_millis(50)),
                x: ((x_frac - 0.5) * width).round(),
                y: ((y_frac - 0.5) * height).round(),
            });
            client.perform_actions(mouse).await
        });
        hovered.with_context(|| format!("cannot hover over `{css}` at ({x_frac}, {y_frac})"))?;
        self.check_console()
    }

    /// Drags with the left button across the first element matching `css`, at `y_frac` of its height,
    /// from `from_x_frac` to `to_x_frac` of its width.
    pub fn drag(&self, css: &str, from_x_frac: f64, to_x_frac: f64, y_frac: f64) -> Result<()> {
        let client = self.client()?;
        let (width, height) = self.size_of(css)?;
        let dragged = self.run(async {
            let element = client.find(Locator::Css(css)).await?;
            let at = |x_frac: f64| PointerAction::MoveToElement {
                element: element.clone(),
                duration: Some(Duration::from_millis(100)),
                x: ((x_frac - 0.5) * width).round(),
                y: ((y_frac - 0.5) * height).round(),
            };
            let mouse = MouseActions::new("mouse".into())
                .then(at(from_x_frac))
                .then(PointerAction::Down { button: fantoccini::actions::MOUSE_BUTTON_LEFT })
                .then(at((from_x_frac + to_x_frac) / 2.0))
                .then(at(to_x_frac))
                .then(PointerAction::Up { button: fantoccini::actions::MOUSE_BUTTON_LEFT });
            client.perform_actions(mouse).await
        });
        dragged.with_context(|| format!("cannot drag across `{css}`"))?;
        self.check_console()
    }

    fn size_of(&self, css: &str) -> Result<(f64, f64)> {
        let size = self.run(self.client()?.execute(
            "const e = document.querySelector(arguments[0]); if (!e) { return null; } const r = e.getBoundingClientRect(); return [r.width, r.height];",
            vec![json!(css)],
        ))?;
        match size.as_array().map(|pair| (pair.first().and_then(Value::as_f64), pair.get(1).and_then(Value::as_f64))) {
            Some((Some(width), Some(height))) => Ok((width, height)),
            _ => bail!("`{css}` is missing"),
        }
    }

    /// Focuses the first element matching `css` (as the Tab key would, without moving the mouse) and
    /// presses `keys` one after the other.
    pub fn press_keys(&self, css: &str, keys: &[Key]) -> Result<()> {
        let client = self.client()?;
        let focused = self.run(client.execute(
            "const element = document.querySelector(arguments[0]); if (element) { element.focus(); } return element !== null && document.activeElement === element;",
            vec![json!(css)],
        ));
        if focused.with_context(|| format!("cannot focus `{css}`"))? != json!(true) {
            bail!("`{css}` is missing or cannot take the focus");
        }
        let mut keyboard = KeyActions::new("keyboard".into());
        for key in keys {
            let value = char::from(*key);
            keyboard = keyboard.then(KeyAction::Down { value }).then(KeyAction::Up { value });
        }
        self.run(client.perform_actions(keyboard)).with_context(|| format!("cannot press {keys:?} in `{css}`"))?;
        self.check_console()
    }

    /// Types `text` into the first element matching `css`; for an `<input type=file>`, `text` is the
    /// absolute paths of the files to choose, one a line.
    pub fn send_keys(&self, css: &str, text: &str) -> Result<()> {
        let client = self.client()?;
        let sent = self.run(async { client.find(Locator::Css(css)).await?.send_keys(text).await });
        sent.with_context(|| format!("cannot type into `{css}`"))?;
        self.check_console()
    }

    /// Cuts the page off the network (Chrome DevTools `Network.emulateNetworkConditions`), or restores
    /// it. A service worker's own requests are not the page's: to test one offline, stop the server too.
    pub fn set_offline(&self, offline: bool) -> Result<()> {
        let client = self.client()?;
        self.run(client.issue_cmd(Cdp::new("Network.enable", json!({}))))
            .context("cannot enable the DevTools network domain")?;
        let conditions = json!({"offline": offline, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1});
        self.run(client.issue_cmd(Cdp::new("Network.emulateNetworkConditions", conditions)))
            .with_context(|| format!("cannot set the network offline={offline}"))?;
        self.check_console()
    }

    /// Console errors containing `needle` are expected from now on and no longer fail the test (say,
    /// the browser's refusal to load a module from `file://`).
    pub fn allow_console_errors(&self, needle: &str) {
        self.allowed_errors.borrow_mut().push(needle.to_owned());
    }

    /// Resizes the browser window (the viewport follows; headless Chromium has no window chrome).
    pub fn resize(&self, width_px: u32, height_px: u32) -> Result<()> {
        let client = self.client()?;
        self.run(client.set_window_size(width_px, height_px))
            .with_context(|| format!("cannot resize the window to {width_px}x{height_px}"))?;
        self.check_console()
    }

    /// How far the page scrolls sideways, in CSS px beyond its visible width (0 when it fits), with that
    /// width: a page for phones must not make its reader scroll sideways.
    pub fn sideways_overflow_px(&self) -> Result<(u64, u64)> {
        let widths = self.execute(
            "return { inner: document.documentElement.clientWidth, scroll: document.documentElement.scrollWidth }",
            vec![],
        )?;
        let inner = widths["inner"].as_u64().context("the page's visible width")?;
        let scroll = widths["scroll"].as_u64().context("the page's width")?;
        Ok((scroll.saturating_sub(inner), inner))
    }

    /// Runs JavaScript in the page (`return ...` gives the result); for checks the other methods lack.
    pub fn execute(&self, script: &str, args: Vec<Value>) -> Result<Value> {
        let value = self.run(self.client()?.execute(script, args)).context("cannot run a script in the page")?;
        self.check_console()?;
        Ok(value)
    }

    /// One Chrome DevTools Protocol command on the page (`Profiler.start`, ...), its result as JSON:
    /// for the benchmarks' CPU profiles.
    pub fn devtools(&self, command: &str, params: Value) -> Result<Value> {
        self.run(self.client()?.issue_cmd(Cdp::new(command, params)))
            .with_context(|| format!("DevTools command {command} failed"))
    }

    /// Switches `prefers-color-scheme` to dark (or back to light) for the page, through CDP
    /// `Emulation.setEmulatedMedia`; it lasts for the session, across navigations.
    pub fn set_dark_mode(&self, dark: bool) -> Result<()> {
        let scheme = if dark { "dark" } else { "light" };
        let media = json!({ "features": [{ "name": "prefers-color-scheme", "value": scheme }] });
        self.run(self.client()?.issue_cmd(Cdp::new("Emulation.setEmulatedMedia", media)))
            .context("cannot emulate the colour scheme")?;
        self.check_console()
    }

    /// Runs axe-core (from `node_modules/axe-core`) over the current page and returns its serious and
    /// critical violations; a test asserts the list is empty. The page must have rendered what is checked.
    pub fn axe_serious_violations(&self) -> Result<Vec<AxeViolation>> {
        let client = self.client()?;
        let source = axe::source()?;
        self.run(client.execute(&format!("{source}\nreturn typeof window.axe;"), vec![]))
            .context("cannot load axe-core into the page")?;
        let result = self.run(client.execute_async(axe::RUN_SCRIPT, vec![])).context("cannot run axe-core")?;
        let violations = axe::serious_violations(&result)?;
        self.check_console()?;
        Ok(violations)
    }

    /// Saves a PNG of the viewport as `target/screenshots/NAME.png` and returns its path.
    pub fn screenshot(&self, name: &str) -> Result<PathBuf> {
        if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') {
            bail!("screenshot name {name:?} must be non-empty ASCII letters, digits, '-' or '_'");
        }
        let png = self.run(self.client()?.screenshot()).context("cannot take a screenshot")?;
        let dir = paths::screenshots_dir();
        std::fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
        let path = dir.join(format!("{name}.png"));
        std::fs::write(&path, png).with_context(|| format!("cannot write {}", path.display()))?;
        self.check_console()?;
        Ok(path)
    }

    /// Every console error, page error and failed load seen so far.
    pub fn console_errors(&self) -> Result<Vec<String>> {
        self.collect_console()?;
        Ok(self.console_errors.borrow().clone())
    }

    /// Ends the test: a last look at the console, then the session closes. Fails on any console error.
    pub fn close(mut self) -> Result<()> {
        let checked = self.check_console();
        let closed = match self.client.take() {
            Some(client) => self.runtime.block_on(async {
                tokio::time::timeout(CLOSE_TIMEOUT, client.close())
                    .await
                    .map_err(|_| anyhow!("the browser session did not close within {CLOSE_TIMEOUT:?}"))?
                    .context("cannot close the browser session")
            }),
            None => Ok(()),
        };
        checked.and(closed)
    }

    fn client(&self) -> Result<&Client> {
        self.client.as_ref().context("the browser session is closed")
    }

    fn run<F: std::future::Future>(&self, future: F) -> F::Output {
        self.runtime.block_on(future)
    }

    /// Appends the browser log's new SEVERE entries to `console_errors`.
    fn collect_console(&self) -> Result<()> {
        let log = self.run(self.client()?.issue_cmd(TakeBrowserLog)).context("cannot read the browser console")?;
        let allowed = self.allowed_errors.borrow();
        let unexpected =
            severe_messages(&log).into_iter().filter(|message| !allowed.iter().any(|a| message.contains(a)));
        self.console_errors.borrow_mut().extend(unexpected);
        Ok(())
    }

    fn check_console(&self) -> Result<()> {
        self.collect_console()?;
        let errors = self.console_errors.borrow();
        if errors.is_empty() {
            return Ok(());
        }
        self.errors_reported.set(true);
        bail!("the page logged {} console error(s):\n  {}", errors.len(), errors.join("\n  "))
    }

    fn wait_failure(&self, what: &str, timeout: Duration) -> anyhow::Error {
        let url = self.client.as_ref().and_then(|client| self.run(client.current_url()).ok());
        let body = self
            .run(async {
                match self.client.as_ref() {
                    Some(client) => client.execute("return document.body ? document.body.innerText : ''", vec![]).await,
                    None => Ok(Value::Null),
                }
            })
            .ok()
            .and_then(|value| value.as_str().map(|text| text.chars().take(500).collect::<String>()))
            .unwrap_or_default();
        let resources = self.resource_timings();
        let _ = self.collect_console();
        let errors = self.console_errors.borrow();
        self.errors_reported.set(true);
        anyhow!(
            "timed out after {timeout:?} waiting for {what}\n  page: {}\n  console errors: {}\n  page text: {body:?}\n  \
             loads finished (name start ms -> end ms (bytes)): {resources}",
            url.map(|url| url.to_string()).unwrap_or_else(|| "(unknown)".into()),
            if errors.is_empty() { "none".to_string() } else { errors.join(" | ") },
        )
    }
}

impl Browser {
    /// The page's finished loads, `name start -> end (bytes)` each, for a failure report: a load that
    /// never finished is missing.
    fn resource_timings(&self) -> String {
        const SCRIPT: &str = "return performance.getEntriesByType('resource').map(e => \
            `${e.name.split('/').pop()} ${Math.round(e.startTime)} -> ${Math.round(e.responseEnd)} (${e.encodedBodySize})`\
            ).join(', ')";
        let timings = self.client.as_ref().map(|client| self.run(client.execute(SCRIPT, vec![])));
        match timings {
            Some(Ok(Value::String(text))) => text,
            _ => "(unknown)".into(),
        }
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let Some(client) = self.client.take() else { return };
        let log = self.runtime.block_on(async {
            let log = client.issue_cmd(TakeBrowserLog).await;
            let _ = tokio::time::timeout(CLOSE_TIMEOUT, client.close()).await;
            log
        });
        if let Ok(log) = log {
            let allowed = self.allowed_errors.borrow();
            let unexpected =
                severe_messages(&log).into_iter().filter(|message| !allowed.iter().any(|a| message.contains(a)));
            self.console_errors.borrow_mut().extend(unexpected);
        }
        let errors = self.console_errors.borrow();
        if !errors.is_empty() && !self.errors_reported.get() && !std::thread::panicking() {
            #[allow(clippy::panic, reason = "a Drop cannot return the error; the test must still fail")]
            {
                panic!("the page logged console error(s) that the test never checked:\n  {}", errors.join("\n  "));
            }
        }
    }
}

/// Session capabilities: headless Debian Chromium with the flags that work on this machine kind
/// (shared/TOOLCHAIN.md), a fresh profile, and the browser log at every level.
fn chromium_capabilities(profile_dir: &tempfile::TempDir) -> serde_json::Map<String, Value> {
    let binary = std::env::var("CHROMIUM").unwrap_or_else(|_| DEFAULT_CHROMIUM.to_string());
    let capabilities = json!({
        "browserName": "chrome",
        "goog:chromeOptions": {
            "binary": binary,
            "args": [
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
                format!("--window-size={WINDOW_SIZE}"),
                format!("--user-data-dir={}", profile_dir.path().display()),
            ],
        },
        "goog:loggingPrefs": { "browser": "ALL" },
        "timeouts": { "pageLoad": 30_000, "script": 30_000, "implicit": 0 },
    });
    match capabilities {
        Value::Object(map) => map,
        _ => serde_json::Map::new(),
    }
}
