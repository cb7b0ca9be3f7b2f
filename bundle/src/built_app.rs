//! The site as `trunk build --release` wrote it into `dist/`: `index.html` names the wasm-bindgen
//! JavaScript and the wasm (in the start-up script's `data-uptrend-js`/`data-uptrend-wasm`, see
//! `Trunk.toml`), the stylesheets and the icon; this reads exactly those files.

use std::path::{Path, PathBuf};

use thiserror::Error;

use crate::html_tags::{attribute, start_tags};

/// The parts of the built site that the single file inlines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuiltApp {
    /// The wasm-bindgen JavaScript module (`--target web`).
    pub js: String,
    pub wasm: Vec<u8>,
    /// Every stylesheet, in page order.
    pub css: Vec<String>,
    pub icon: Option<Icon>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Icon {
    pub media_type: &'static str,
    pub bytes: Vec<u8>,
}

/// Why `dist/` cannot be bundled; every message says what to do.
#[derive(Debug, Error)]
pub enum BuiltAppError {
    #[error("{index} not found: build the site first with `trunk build --release`, or point --dist at a built site")]
    NotBuilt { index: String },
    #[error("{index} does not name the app's JavaScript and wasm (data-uptrend-js/data-uptrend-wasm): is it an Uptrend build from `trunk build --release`?")]
    NotAnUptrendBuild { index: String },
    #[error("cannot read {path}: {source}")]
    Unreadable { path: String, source: std::io::Error },
    #[error("{index} refers to {url:?}, which is not a file inside the built site")]
    OutsideDist { index: String, url: String },
    #[error("the app's JavaScript ({path}) cannot be inlined: {reason}")]
    NotInlinable { path: String, reason: &'static str },
}

impl BuiltApp {
    /// Reads the built site in `dist`.
    pub fn read(dist: &Path) -> Result<BuiltApp, BuiltAppError> {
        let index_path = dist.join("index.html");
        let index = shown(&index_path);
        if !index_path.is_file() {
            return Err(BuiltAppError::NotBuilt { index });
        }
        let html = read_text(&index_path)?;
        let scripts = start_tags(&html, "script");
        let start = scripts
            .iter()
            .find(|tag| attribute(tag, "data-uptrend-js").is_some() && attribute(tag, "data-uptrend-wasm").is_some())
            .ok_or_else(|| BuiltAppError::NotAnUptrendBuild { index: index.clone() })?;
        let file = |url: &str| file_in(dist, &index, url);
        let js_path = file(attribute(start, "data-uptrend-js").unwrap_or_default())?;
        let js = read_text(&js_path)?;
        check_inlinable(&js_path, &js)?;
        let wasm = read_bytes(&file(attribute(start, "data-uptrend-wasm").unwrap_or_default())?)?;
        let links = start_tags(&html, "link");
        let mut css = Vec::new();
        let mut icon = None;
        for link in &links {
            let (Some(rel), Some(href)) = (attribute(link, "rel"), attribute(link, "href")) else { continue };
            let rels: Vec<String> = rel.split_ascii_whitespace().map(str::to_ascii_lowercase).collect();
            if rels.iter().any(|rel| rel == "stylesheet") {
                let path = file(href)?;
                let text = read_text(&path)?;
                if text.to_ascii_lowercase().contains("</style") {
                    return Err(BuiltAppError::NotInlinable { path: shown(&path), reason: "it contains `</style`" });
                }
                css.push(text);
            } else if rels.iter().any(|rel| rel == "icon") && icon.is_none() {
                let path = file(href)?;
                icon = Some(Icon { media_type: media_type(&path), bytes: read_bytes(&path)? });
            }
        }
        Ok(BuiltApp { js, wasm, css, icon })
    }
}

/// The file a relative URL of `index.html` names inside `dist`; anything else (absolute, another host,
/// `..`) is refused.
fn file_in(dist: &Path, index: &str, url: &str) -> Result<PathBuf, BuiltAppError> {
    let outside = || BuiltAppError::OutsideDist { index: index.to_owned(), url: url.to_owned() };
    let relative = url.split(['?', '#']).next().unwrap_or_default();
    if relative.is_empty() || relative.starts_with('/') || relative.contains(':') || relative.contains('\\') {
        return Err(outside());
    }
    let mut path = dist.to_path_buf();
    for segment in relative.split('/') {
        match segment {
            "" | "." => {}
            ".." => return Err(outside()),
            segment => path.push(segment),
        }
    }
    Ok(path)
}

/// The wasm-bindgen module must stand alone: one inline module script cannot import others, and no
/// markup may end its `<script>` element early.
fn check_inlinable(path: &Path, js: &str) -> Result<(), BuiltAppError> {
    let not_inlinable = |reason| Err(BuiltAppError::NotInlinable { path: shown(path), reason });
    let lower = js.to_ascii_lowercase();
    if lower.contains("</script") || lower.contains("<!--") {
        return not_inlinable("it contains `</script` or `<!--`");
    }
    if js.lines().any(|line| line.trim_start().starts_with("import ")) {
        return not_inlinable("it imports other modules (wasm-bindgen snippets)");
    }
    if !js.contains("function initSync(") {
        return not_inlinable("it has no initSync (it must come from wasm-bindgen --target web)");
    }
    Ok(())
}

fn media_type(path: &Path) -> &'static str {
    match path.extension().and_then(|extension| extension.to_str()) {
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("ico") => "image/x-icon",
        _ => "application/octet-stream",
    }
}

fn read_text(path: &Path) -> Result<String, BuiltAppError> {
    std::fs::read_to_string(path).map_err(|source| BuiltAppError::Unreadable { path: shown(path), source })
}

fn read_bytes(path: &Path) -> Result<Vec<u8>, BuiltAppError> {
    std::fs::read(path).map_err(|source| BuiltAppError::Unreadable { path: shown(path), source })
}

fn shown(path: &Path) -> String {
    path.display().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    const GLUE: &str = "let wasm;\nfunction initSync(module) { return module; }\nexport { initSync };\n";
    const INDEX: &str = r#"<link rel="stylesheet" href="./style-1.css"><link rel="icon" href="./favicon-2.svg">
        <script type="module" src="./boot.js" data-uptrend-js="./app-3.js" data-uptrend-wasm="./app-3_bg.wasm"></script>"#;

    fn dist_with(index: &str, files: &[(&str, &str)]) -> tempfile::TempDir {
        let dist = tempfile::tempdir().unwrap();
        std::fs::write(dist.path().join("index.html"), index).unwrap();
        for (name, text) in files {
            std::fs::write(dist.path().join(name), text).unwrap();
        }
        dist
    }

    fn error_text(dist: &Path) -> String {
        BuiltApp::read(dist).unwrap_err().to_string()
    }

    #[test]
    fn reads_the_files_index_html_names() {
        let dist = dist_with(
            INDEX,
            &[("style-1.css", "body{}"), ("favicon-2.svg", "<svg/>"), ("app-3.js", GLUE), ("app-3_bg.wasm", "\0asm")],
        );
        let app = BuiltApp::read(dist.path()).unwrap();
        assert_eq!(app.js, GLUE);
        assert_eq!(app.wasm, b"\0asm");
        assert_eq!(app.css, vec!["body{}".to_owned()]);
        assert_eq!(app.icon, Some(Icon { media_type: "image/svg+xml", bytes: b"<svg/>".to_vec() }));
    }

    #[test]
    fn a_missing_build_says_how_to_build_it() {
        let empty = tempfile::tempdir().unwrap();
        let message = error_text(&empty.path().join("dist"));
        assert!(message.contains("trunk build --release") && message.contains("--dist"), "{message}");
    }

    #[test]
    fn an_index_without_the_uptrend_start_script_is_refused() {
        let dist = dist_with("<script src=\"main.js\"></script>", &[]);
        assert!(error_text(dist.path()).contains("data-uptrend-js"));
    }

    #[test]
    fn a_named_file_that_is_missing_is_named() {
        let dist = dist_with(INDEX, &[("app-3.js", GLUE)]);
        assert!(error_text(dist.path()).contains("app-3_bg.wasm"));
    }

    #[test]
    fn urls_leaving_dist_are_refused() {
        for url in ["../secret.js", "/etc/passwd", "https://example.com/app.js", "a/../../b.js", ""] {
            let file = file_in(Path::new("dist"), "index.html", url);
            assert!(matches!(file, Err(BuiltAppError::OutsideDist { .. })), "{url}");
        }
        assert_eq!(file_in(Path::new("dist"), "index.html", "./a/b.js?v=1").unwrap(), PathBuf::from("dist/a/b.js"));
    }

    #[test]
    fn javascript_that_cannot_stand_alone_is_refused() {
        for (js, reason) in [
            ("import * as s from './snippets/x.js';\nfunction initSync(m) {}", "imports"),
            ("function initSync(m) {} const s = '</script>';", "</script"),
            ("function initSync(m) {} // <!-- x", "<!--"),
            ("export default function init() {}", "initSync"),
        ] {
            let message = check_inlinable(Path::new("app.js"), js).unwrap_err().to_string();
            assert!(message.contains(reason), "{js}: {message}");
        }
        assert!(check_inlinable(Path::new("app.js"), GLUE).is_ok());
    }
}
