//! Chromium's console log, read through chromedriver's log endpoint.

use fantoccini::wd::WebDriverCompatibleCommand;
use serde_json::Value;

/// `POST /session/{id}/se/log {"type": "browser"}`: returns and clears the browser's log entries
/// (console calls, uncaught exceptions, failed loads, CSP violations). Needs the session capability
/// `goog:loggingPrefs: {"browser": "ALL"}`.
#[derive(Debug)]
pub(crate) struct TakeBrowserLog;

impl WebDriverCompatibleCommand for TakeBrowserLog {
    fn endpoint(&self, base_url: &url::Url, session_id: Option<&str>) -> Result<url::Url, url::ParseError> {
        base_url.join(&format!("session/{}/se/log", session_id.unwrap_or_default()))
    }

    fn method_and_body(&self, _request_url: &url::Url) -> (http::Method, Option<String>) {
        (http::Method::POST, Some(r#"{"type":"browser"}"#.to_string()))
    }
}

/// The messages of the entries at level SEVERE: `console.error`, uncaught exceptions and panics, failed
/// resource loads and CSP violations.
pub(crate) fn severe_messages(log: &Value) -> Vec<String> {
    log.as_array()
        .into_iter()
        .flatten()
        .filter(|entry| entry.get("level").and_then(Value::as_str) == Some("SEVERE"))
        .map(|entry| entry.get("message").and_then(Value::as_str).unwrap_or("(no message)").to_string())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_only_severe_entries() {
        let log = serde_json::json!([
            {"level": "INFO", "message": "hello", "source": "console-api", "timestamp": 1},
            {"level": "SEVERE", "message": "x.js 1:1 Uncaught boom", "source": "javascript", "timestamp": 2},
            {"level": "WARNING", "message": "careful", "source": "console-api", "timestamp": 3},
        ]);
        assert_eq!(severe_messages(&log), vec!["x.js 1:1 Uncaught boom".to_string()]);
        assert!(severe_messages(&serde_json::json!({"unexpected": true})).is_empty());
    }
}
