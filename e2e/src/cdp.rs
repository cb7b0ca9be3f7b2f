//! Chrome DevTools Protocol commands through chromedriver's `goog/cdp/execute` endpoint.

use fantoccini::wd::WebDriverCompatibleCommand;
use serde_json::{json, Value};

/// `POST /session/{id}/goog/cdp/execute {"cmd": ..., "params": ...}`: runs one CDP command in the page.
#[derive(Debug)]
pub(crate) struct CdpCommand {
    pub(crate) cmd: &'static str,
    pub(crate) params: Value,
}

impl CdpCommand {
    /// `Emulation.setEmulatedMedia` with `prefers-color-scheme: dark` or `light`.
    pub(crate) fn color_scheme(dark: bool) -> Self {
        let value = if dark { "dark" } else { "light" };
        Self {
            cmd: "Emulation.setEmulatedMedia",
            params: json!({ "features": [{ "name": "prefers-color-scheme", "value": value }] }),
        }
    }
}

impl WebDriverCompatibleCommand for CdpCommand {
    fn endpoint(&self, base_url: &url::Url, session_id: Option<&str>) -> Result<url::Url, url::ParseError> {
        base_url.join(&format!("session/{}/goog/cdp/execute", session_id.unwrap_or_default()))
    }

    fn method_and_body(&self, _request_url: &url::Url) -> (http::Method, Option<String>) {
        let body = json!({ "cmd": self.cmd, "params": self.params });
        (http::Method::POST, Some(body.to_string()))
    }
}
