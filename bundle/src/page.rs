//! Writing the single HTML page: the inlined app, the embedded data and a Content-Security-Policy that
//! allows its one inline script by hash and no network at all.

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::built_app::BuiltApp;
use crate::encoding::Encoded;

/// The inline loader that follows the wasm-bindgen module in the page's one script.
const START_JS: &str = include_str!("start.js");

/// One data file as the app will see it: its path as the hosted site would fetch it (`data/index.json`,
/// `data/snapshots/a.json`) and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// The data to embed: the manifest and the snapshots it lists, already validated by the caller.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BundleData {
    /// The report's title (the manifest's), for the page's `<title>` before the app starts.
    pub title: String,
    pub manifest: DataFile,
    pub snapshots: Vec<DataFile>,
}

/// The page and what its parts weigh.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SingleFile {
    pub html: String,
    /// The base64 text of the data files as embedded.
    pub data_bytes: usize,
}

#[derive(Serialize)]
struct Container<'a> {
    app: &'a Encoded,
    manifest_path: &'a str,
    files: Vec<EmbeddedFile<'a>>,
}

#[derive(Serialize)]
struct EmbeddedFile<'a> {
    path: &'a str,
    #[serde(flatten)]
    encoded: Encoded,
}

/// The single-file report of `data` drawn by `app`.
pub fn single_file(app: &BuiltApp, data: &BundleData) -> SingleFile {
    let wasm = Encoded::of(&app.wasm);
    let files: Vec<EmbeddedFile<'_>> = std::iter::once(&data.manifest)
        .chain(&data.snapshots)
        .map(|file| EmbeddedFile { path: &file.path, encoded: Encoded::of(&file.bytes) })
        .collect();
    let data_bytes = files.iter().map(|file| file.encoded.base64.len()).sum();
    let container = Container { app: &wasm, manifest_path: &data.manifest.path, files };
    let container_json = script_safe_json(&container);
    // The HTML parser turns CR LF and lone CR into LF before the browser hashes the script's text.
    let script = format!("{}\n{START_JS}", app.js).replace("\r\n", "\n").replace('\r', "\n");
    let script_hash = STANDARD.encode(Sha256::digest(script.as_bytes()));
    let policy = format!(
        "default-src 'none'; script-src 'sha256-{script_hash}' 'wasm-unsafe-eval'; style-src 'unsafe-inline'; \
         img-src data: blob:; connect-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'"
    );
    let icon = app.icon.as_ref().map_or_else(String::new, |icon| {
        format!("    <link rel=\"icon\" href=\"data:{};base64,{}\">\n", icon.media_type, STANDARD.encode(&icon.bytes))
    });
    let css = app.css.join("\n");
    let title = escape_text(&if data.title.is_empty() { "Uptrend".to_owned() } else { data.title.clone() });
    let html = format!(
        "<!doctype html>
<!-- An Uptrend single-file report, written by `uptrend bundle`: open it in a browser; it needs no server and no network. -->
<html lang=\"en\">
  <head>
    <meta charset=\"utf-8\">
    <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">
    <meta http-equiv=\"Content-Security-Policy\" content=\"{policy}\">
    <meta name=\"generator\" content=\"uptrend bundle\">
    <title>{title}</title>
{icon}    <style>
{css}
    </style>
  </head>
  <body>
    <noscript>This report is drawn by JavaScript and WebAssembly: enable JavaScript to see it.</noscript>
    <script type=\"application/json\" id=\"uptrend-bundle\">{container_json}</script>
    <script type=\"module\">{script}</script>
  </body>
</html>
"
    );
    SingleFile { html, data_bytes }
}

/// JSON that cannot end its `<script>` element or open a comment in it: `<`, `>` and `&` appear only in
/// strings in JSON, where their `\u` escapes mean the same.
fn script_safe_json(value: &impl Serialize) -> String {
    let json = serde_json::to_string(value).unwrap_or_else(|_| "{}".to_owned());
    json.replace('<', "\\u003c").replace('>', "\\u003e").replace('&', "\\u0026")
}

fn escape_text(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn app() -> BuiltApp {
        BuiltApp {
            js: "let wasm;\r\nfunction initSync(module) { return module; }\nexport { initSync };".to_owned(),
            wasm: vec![0, 97, 115, 109, 1, 0, 0, 0],
            css: vec!["body { color: red }".to_owned()],
            icon: None,
        }
    }

    fn data(title: &str, snapshot: &str) -> BundleData {
        BundleData {
            title: title.to_owned(),
            manifest: DataFile { path: "data/index.json".to_owned(), bytes: br#"{"snapshots":["a.json"]}"#.to_vec() },
            snapshots: vec![DataFile {
                path: "data/</script><!--a.json".to_owned(),
                bytes: snapshot.as_bytes().to_vec(),
            }],
        }
    }

    fn between<'a>(html: &'a str, start: &str, end: &str) -> &'a str {
        let from = html.find(start).map_or(0, |at| at + start.len());
        &html[from..from + html[from..].find(end).unwrap_or(0)]
    }

    #[test]
    fn the_policy_allows_exactly_the_inline_script_and_no_network() {
        let page = single_file(&app(), &data("Acme", "{}"));
        let script = between(&page.html, "<script type=\"module\">", "</script>");
        assert!(script.starts_with("let wasm;\nfunction initSync") && script.contains("globalThis.uptrendBundle"));
        let hash = STANDARD.encode(Sha256::digest(script.as_bytes()));
        let policy = between(&page.html, "Content-Security-Policy\" content=\"", "\"");
        assert!(policy.contains(&format!("script-src 'sha256-{hash}' 'wasm-unsafe-eval';")), "{policy}");
        assert!(policy.contains("connect-src 'none'") && policy.contains("default-src 'none'"), "{policy}");
        assert!(!between(policy, "script-src", ";").contains("unsafe-inline"), "{policy}");
    }

    #[test]
    fn data_cannot_end_its_container() {
        let hostile = "{\"name\": \"</script><script>alert(1)</script><!--\"}".repeat(3);
        let page = single_file(&app(), &data("</title><script>alert(2)</script>", &hostile));
        let container = between(&page.html, "<script type=\"application/json\" id=\"uptrend-bundle\">", "</script>");
        assert!(!container.contains('<') && !container.contains('>'), "{container}");
        let parsed: serde_json::Value = serde_json::from_str(container).unwrap();
        assert_eq!(parsed["files"][1]["path"], "data/</script><!--a.json");
        assert_eq!(page.html.matches("<script").count(), 2, "only the container and the start-up script");
        assert!(page.html.contains("<title>&lt;/title&gt;&lt;script&gt;alert(2)&lt;/script&gt;</title>"));
    }

    #[test]
    fn the_container_holds_the_wasm_and_every_file_decodable() {
        let snapshot = "{\"good\": [1, 2, 3]}".repeat(100);
        let page = single_file(&app(), &data("Acme", &snapshot));
        let container = between(&page.html, "id=\"uptrend-bundle\">", "</script>");
        let parsed: serde_json::Value = serde_json::from_str(container).unwrap();
        assert_eq!(parsed["manifest_path"], "data/index.json");
        assert_eq!(parsed["app"]["encoding"], "identity", "8 bytes of wasm do not pay for gzip");
        assert_eq!(STANDARD.decode(parsed["app"]["base64"].as_str().unwrap()).unwrap(), app().wasm);
        let paths: Vec<&str> = parsed["files"].as_array().unwrap().iter().filter_map(|f| f["path"].as_str()).collect();
        assert_eq!(paths, ["data/index.json", "data/</script><!--a.json"]);
        assert_eq!(parsed["files"][1]["encoding"], "gzip");
        assert_eq!(
            page.data_bytes,
            parsed["files"].as_array().unwrap().iter().map(|f| f["base64"].as_str().unwrap().len()).sum::<usize>()
        );
        assert!(page.html.contains("<style>\nbody { color: red }\n    </style>"));
    }
}
