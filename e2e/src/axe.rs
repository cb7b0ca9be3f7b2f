//! Accessibility checks with axe-core (npm `axe-core`, pinned in package.json), run inside the page.
//!
//! The site's CSP refuses an injected `<script>` tag, as it should, so the harness evaluates
//! `node_modules/axe-core/axe.min.js` through WebDriver's execute-script instead.

use std::fmt;
use std::path::PathBuf;

use anyhow::{Context, Result};
use serde_json::Value;

use crate::paths;

/// The impacts a test refuses: axe-core's two highest levels.
const REFUSED_IMPACTS: [&str; 2] = ["serious", "critical"];

/// Runs axe-core over the whole document and calls back with its violations (ids, impact, help, targets).
pub(crate) const RUN_SCRIPT: &str = r#"
const done = arguments[arguments.length - 1];
if (typeof window.axe === 'undefined') { done({ error: 'axe-core did not load into the page' }); return; }
window.axe.run(document, { resultTypes: ['violations'] })
  .then(results => done({ violations: results.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    targets: v.nodes.map(n => n.target.join(' ')),
  })) }))
  .catch(error => done({ error: String(error) }));
"#;

/// One rule axe-core found broken, with the CSS selectors of the nodes that break it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AxeViolation {
    /// The rule id, e.g. `color-contrast`, `button-name`.
    pub id: String,
    /// `minor`, `moderate`, `serious` or `critical`.
    pub impact: String,
    /// axe-core's one-line description of the rule.
    pub help: String,
    /// Selectors of the offending nodes.
    pub targets: Vec<String>,
}

impl fmt::Display for AxeViolation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({}): {} at {}", self.id, self.impact, self.help, self.targets.join(", "))
    }
}

/// The source of axe-core, read from `node_modules/` (installed by `npm ci`, see scripts/setup.sh).
pub(crate) fn source() -> Result<String> {
    let path: PathBuf = paths::workspace_root().join("node_modules/axe-core/axe.min.js");
    std::fs::read_to_string(&path)
        .with_context(|| format!("cannot read {}: run `npm ci --no-audit --no-fund` first", path.display()))
}

/// The serious and critical violations in the result of [`RUN_SCRIPT`].
pub(crate) fn serious_violations(result: &Value) -> Result<Vec<AxeViolation>> {
    if let Some(error) = result.get("error").and_then(Value::as_str) {
        anyhow::bail!("axe-core failed in the page: {error}");
    }
    let violations =
        result.get("violations").and_then(Value::as_array).context("axe-core returned no violations list")?;
    Ok(violations
        .iter()
        .map(|violation| {
            let text = |key: &str| violation.get(key).and_then(Value::as_str).unwrap_or_default().to_string();
            AxeViolation {
                id: text("id"),
                impact: text("impact"),
                help: text("help"),
                targets: violation
                    .get("targets")
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                    .filter_map(|target| target.as_str().map(str::to_string))
                    .collect(),
            }
        })
        .filter(|violation| REFUSED_IMPACTS.contains(&violation.impact.as_str()))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_serious_and_critical_violations_only() {
        let result = serde_json::json!({ "violations": [
            { "id": "color-contrast", "impact": "serious", "help": "contrast", "targets": ["#a", "#b"] },
            { "id": "region", "impact": "moderate", "help": "landmarks", "targets": ["p"] },
            { "id": "button-name", "impact": "critical", "help": "names", "targets": ["#c"] },
        ]});
        let ids: Vec<String> = serious_violations(&result).unwrap().into_iter().map(|v| v.id).collect();
        assert_eq!(ids, ["color-contrast", "button-name"]);
    }

    #[test]
    fn an_error_in_the_page_is_an_error() {
        let result = serde_json::json!({ "error": "boom" });
        assert!(format!("{:#}", serious_violations(&result).unwrap_err()).contains("boom"));
    }
}
