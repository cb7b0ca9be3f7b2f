//! Chrome DevTools Protocol commands through chromedriver's `goog/cdp/execute` endpoint.

use fantoccini::wd::WebDriverCompatibleCommand;
use serde_json::{json, Value};

/// `POST /session/{id}/goog/cdp/execute {"cmd": ..., "params": ...}`: one DevTools command on the page.
#[derive(Debug)]
pub(crate) struct Cdp {
    body: Value,
}

impl Cdp {
    pub(crate) fn new(command: &str, params: Value) -> Cdp {
        Cdp { body: json!({ "cmd": command, "params": params }) }
    }
}

impl WebDriverCompatibleCommand for Cdp {
    fn endpoint(&self, base_url: &url::Url, session_id: Option<&str>) -> Result<url::Url, url::ParseError> {
        base_url.join(&format!("session/{}/goog/cdp/execute", session_id.unwrap_or_default()))
    }

    fn method_and_body(&self, _request_url: &url::Url) -> (http::Method, Option<String>) {
        (http::Method::POST, Some(self.body.to_string()))
    }
}
