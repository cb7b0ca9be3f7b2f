//! A static file server for `dist/` on a loopback port, in a background thread.

use std::convert::Infallible;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::thread::JoinHandle;

use anyhow::{bail, Context, Result};
use http_body_util::Full;
use hyper::body::{Bytes, Incoming};
use hyper::header::{CACHE_CONTROL, CONTENT_TYPE, LOCATION};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;
use tokio::sync::oneshot;

/// Serves the files of one directory under a URL prefix such as `/uptrend/`, as a static host
/// (GitHub Pages) would: HTTP/1.1 with keep-alive, one task a connection (hyper). Requests outside the
/// prefix get 404, so an absolute asset URL in the site fails the page. Stops when dropped.
///
/// It replaced tiny_http, whose connection handling stalled page loads in Chromium now and then: the
/// server wrote a response that the browser never saw (tiny-http issues 244 and 282).
pub struct StaticServer {
    addr: SocketAddr,
    prefix: String,
    stop: Option<oneshot::Sender<()>>,
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
        let listener = std::net::TcpListener::bind(addr).with_context(|| format!("cannot listen on {addr}"))?;
        listener.set_nonblocking(true).context("cannot make the listening socket non-blocking")?;
        let addr = listener.local_addr().context("the static server has no address")?;
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_io()
            .build()
            .context("cannot start the static server's runtime")?;
        let (stop, stopped) = oneshot::channel();
        let site = Site { root: root.to_path_buf(), prefix: prefix.to_string() };
        let worker = std::thread::Builder::new()
            .name("static-server".into())
            .spawn(move || runtime.block_on(serve(listener, site, stopped)))
            .context("cannot start the static server thread")?;
        Ok(Self { addr, prefix: prefix.to_string(), stop: Some(stop), worker: Some(worker) })
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
        // Keeping the sender alive keeps the server running.
        let _stop = self.stop.take();
        if let Some(worker) = self.worker.take() {
            // A panic in the worker would only mean the server stopped; nothing to recover.
            let _ = worker.join();
        }
    }
}

impl Drop for StaticServer {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(worker) = self.worker.take() {
            let _ = worker.join();
        }
    }
}

/// What the server serves.
#[derive(Debug, Clone)]
struct Site {
    root: PathBuf,
    prefix: String,
}

/// Accepts connections until `stopped` fires (or its sender is gone); each connection is a task of its
/// own, which ends with the runtime.
async fn serve(listener: std::net::TcpListener, site: Site, mut stopped: oneshot::Receiver<()>) {
    let Ok(listener) = TcpListener::from_std(listener) else { return };
    loop {
        let stream = tokio::select! {
            _ = &mut stopped => return,
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                // A connection that failed before it was accepted concerns that connection only.
                Err(_) => continue,
            },
        };
        let site = site.clone();
        tokio::spawn(async move {
            let service = service_fn(move |request| {
                let site = site.clone();
                async move { Ok::<_, Infallible>(respond(&site, &request)) }
            });
            // The browser may close a connection at any point; that only ends this connection.
            let _ = http1::Builder::new().serve_connection(TokioIo::new(stream), service).await;
        });
    }
}

fn respond(site: &Site, request: &Request<Incoming>) -> Response<Full<Bytes>> {
    let path = request.uri().path();
    let prefix = site.prefix.as_str();
    if path.len() + 1 == prefix.len() && prefix.starts_with(path) {
        // `/uptrend` -> `/uptrend/`, as static hosts do, so that relative URLs resolve inside the site.
        return with_headers(StatusCode::MOVED_PERMANENTLY, Bytes::new(), &[(LOCATION, prefix)]);
    }
    let file = path.strip_prefix(prefix).and_then(|relative| file_under(&site.root, relative));
    match file.and_then(|file_path| std::fs::read(&file_path).ok().map(|body| (file_path, body))) {
        Some((file_path, body)) => with_headers(
            StatusCode::OK,
            Bytes::from(body),
            &[(CONTENT_TYPE, content_type(&file_path)), (CACHE_CONTROL, "no-store")],
        ),
        None => with_headers(StatusCode::NOT_FOUND, Bytes::new(), &[]),
    }
}

fn with_headers(
    status: StatusCode,
    body: Bytes,
    headers: &[(hyper::header::HeaderName, &str)],
) -> Response<Full<Bytes>> {
    let mut response = Response::new(Full::new(body));
    *response.status_mut() = status;
    for (name, value) in headers {
        if let Ok(value) = hyper::header::HeaderValue::from_str(value) {
            response.headers_mut().insert(name.clone(), value);
        }
    }
    response
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
