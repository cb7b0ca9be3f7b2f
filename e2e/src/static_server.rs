//! A static file server for `dist/` on a loopback port, in a background thread.

use std::fs::File;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::thread::JoinHandle;

use anyhow::{anyhow, bail, Context, Result};
use tiny_http::{Header, Request, Response, Server};

/// Serves the files of one directory under a URL prefix such as `/uptrend/`, as a static host
/// (GitHub Pages) would. Requests outside the prefix get 404, so an absolute asset URL in the site fails
/// the page. Stops when dropped.
pub struct StaticServer {
    server: Arc<Server>,
    addr: SocketAddr,
    prefix: String,
    worker: Option<JoinHandle<()>>,
}

impl std::fmt::Debug for StaticServer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StaticServer").field("addr", &self.addr).field("prefix", &self.prefix).finish()
    }
}

impl StaticServer {
    /// Starts serving `root` at `http://<addr><prefix>`; `addr` `127.0.0.1:0` picks a free port.
    /// `prefix` must start and end with `/` (`/` serves at the top).
    pub fn start(root: &Path, addr: &str, prefix: &str) -> Result<Self> {
        if !prefix.starts_with('/') || !prefix.ends_with('/') {
            bail!("URL prefix {prefix:?} must start and end with '/'");
        }
        let server = Server::http(addr).map_err(|error| anyhow!("cannot listen on {addr}: {error}"))?;
        let addr = server.server_addr().to_ip().context("the static server has no IP address")?;
        let server = Arc::new(server);
        let worker = {
            let server = Arc::clone(&server);
            let root = root.to_path_buf();
            let prefix = prefix.to_string();
            std::thread::Builder::new()
                .name("static-server".into())
                .spawn(move || {
                    // One thread per request: a response the browser is slow to read must not hold up the others.
                    for request in server.incoming_requests() {
                        let (root, prefix) = (root.clone(), prefix.clone());
                        let spawned = std::thread::Builder::new()
                            .name("static-response".into())
                            .spawn(move || respond(&root, &prefix, request));
                        // Without a thread the request is dropped: its connection closes and the page says so.
                        drop(spawned);
                    }
                })
                .context("cannot start the static server thread")?
        };
        Ok(Self { server, addr, prefix: prefix.to_string(), worker: Some(worker) })
    }

    /// The port the server listens on.
    pub fn port(&self) -> u16 {
        self.addr.port()
    }

    /// The absolute URL of `path`, which is relative to the site root (`""` is the start page).
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}{}", self.addr, self.prefix, path.trim_start_matches('/'))
    }

    /// Serves until the process is stopped.
    pub fn serve_forever(mut self) {
        if let Some(worker) = self.worker.take() {
            // A panic in the worker would only mean the server stopped; nothing to recover.
            let _ = worker.join();
        }
    }
}

impl Drop for StaticServer {
    fn drop(&mut self) {
        self.server.unblock();
        if let Some(worker) = self.worker.take() {
            let _ = worker.join();
        }
    }
}

fn respond(root: &Path, prefix: &str, request: Request) {
    let path = request.url().split(['?', '#']).next().unwrap_or_default().to_string();
    let result = if path.len() + 1 == prefix.len() && prefix.starts_with(path.as_str()) {
        // `/uptrend` -> `/uptrend/`, as static hosts do, so that relative URLs resolve inside the site.
        let location = Header::from_bytes("Location", prefix).ok();
        let response = Response::empty(301);
        request.respond(match location {
            Some(location) => response.with_header(location),
            None => response,
        })
    } else {
        match path.strip_prefix(prefix).and_then(|relative| file_under(root, relative)) {
            Some(file_path) => match File::open(&file_path) {
                Ok(file) => {
                    let mut response = Response::from_file(file);
                    // One request per connection: loads stalled at "3 of 4 files" on reused connections.
                    let headers = [
                        ("Content-Type", content_type(&file_path)),
                        ("Cache-Control", "no-store"),
                        ("Connection", "close"),
                    ];
                    for (name, value) in headers {
                        if let Ok(header) = Header::from_bytes(name, value) {
                            response = response.with_header(header);
                        }
                    }
                    request.respond(response)
                }
                Err(_) => request.respond(Response::empty(404)),
            },
            None => request.respond(Response::empty(404)),
        }
    };
    // The browser may close a connection early; a failed response only matters to that request.
    let _ = result;
}

/// The file that a URL path (already stripped of the prefix) names under `root`, if any. A directory
/// means its `index.html`. Rejects `..` and anything else that could leave `root`.
fn file_under(root: &Path, relative: &str) -> Option<PathBuf> {
    let mut path = root.to_path_buf();
    for segment in relative.split('/').filter(|segment| !segment.is_empty()) {
        if segment == "." || segment == ".." || segment.contains(['\\', '%']) {
            return None;
        }
        path.push(segment);
    }
    if path.is_dir() {
        path.push("index.html");
    }
    path.is_file().then_some(path)
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|extension| extension.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("wasm") => "application/wasm",
        Some("css") => "text/css; charset=utf-8",
        Some("json") => "application/json",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_under_refuses_to_leave_the_root() {
        let root = crate::paths::workspace_root();
        assert_eq!(file_under(&root, "Cargo.toml"), Some(root.join("Cargo.toml")));
        assert_eq!(file_under(&root, "e2e/../Cargo.toml"), None);
        assert_eq!(file_under(&root, "%2e%2e/etc/passwd"), None);
        assert_eq!(file_under(&root, "no-such-file"), None);
    }

    #[test]
    fn content_type_names_wasm_for_streaming_compilation() {
        assert_eq!(content_type(Path::new("a_bg.wasm")), "application/wasm");
        assert_eq!(content_type(Path::new("a.js")), "text/javascript; charset=utf-8");
    }
}
