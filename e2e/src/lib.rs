//! Browser-test harness for the built site: serves `dist/` on a free loopback port under a sub-path
//! (proving that every asset and data URL is relative), drives headless Debian Chromium through
//! chromedriver, fails on any console or page error, and saves screenshots into `target/screenshots/`.
//!
//! ```no_run
//! # fn main() -> anyhow::Result<()> {
//! let browser = uptrend_e2e::Browser::launch()?;
//! browser.goto("")?;
//! browser.wait_for("main h1")?;
//! assert_eq!(browser.text("main h1")?, "Uptrend");
//! browser.screenshot("overview")?;
//! browser.close()
//! # }
//! ```

mod browser;
mod cdp;
mod chromedriver;
mod console;
pub mod paths;
pub mod size_budget;
mod static_server;

pub use browser::{Browser, DEFAULT_WAIT};
/// Keys for [`Browser::press_keys`].
pub use fantoccini::key::Key;
pub use static_server::StaticServer;
