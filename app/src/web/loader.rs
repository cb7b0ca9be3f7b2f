//! The report's own data: embedded in the page by `uptrend bundle` (a single-file report), or else
//! fetched, `data/index.json` and its snapshots (in parallel, relative to the page so any sub-path works)
//! with progress. Either way the bytes go to `uptrend_core::load` in one call, like the user's own files
//! (`local_files`): one loader, three sources (`crate::source_files`).

use std::sync::Arc;

use futures::future::join_all;
use gloo_net::http::Request;
use leptos::prelude::*;
use leptos::task::spawn_local;

use uptrend_core::load::{snapshot_paths, Loaded, LoadedFile};

use super::embedded_data;
use super::url_state::mark;
use crate::source_files::SourceFiles;

/// The Performance API mark set once the data has settled (shown, or found missing); boot.js sets up the
/// offline cache only then, so that caching never competes with the first view's fetches.
const DATA_SETTLED_MARK: &str = "uptrend:data-settled";

/// Where the site looks for its data, relative to the page.
pub const MANIFEST_PATH: &str = "data/index.json";

/// How far loading has come.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Progress {
    pub files_loaded: usize,
    pub files_total: usize,
    pub bytes: usize,
}

/// The state of the data.
#[derive(Debug, Clone, PartialEq)]
pub enum DataState {
    Loading(Progress),
    /// The manifest itself could not be fetched: there is no data to show.
    NoManifest(String),
    Ready(Arc<Loaded>),
}

/// Where the report's data comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DataSource {
    /// Carried by the page itself (a single-file report): never needs the network.
    Embedded,
    /// Fetched from the site (or, offline, from the service worker's cache).
    Published,
}

/// Starts loading and returns the signal that follows it, with where the data comes from.
pub fn start_loading() -> (RwSignal<DataState>, DataSource) {
    let state = RwSignal::new(DataState::Loading(Progress::default()));
    if let Some(embedded) = embedded_data::take() {
        state.set(DataState::Ready(Arc::new(embedded.load())));
        return (state, DataSource::Embedded);
    }
    Effect::new(move |settled: Option<bool>| {
        let now = !matches!(state.get(), DataState::Loading(_));
        if now && settled != Some(true) {
            mark(DATA_SETTLED_MARK);
        }
        now || settled == Some(true)
    });
    spawn_local(async move {
        let manifest = match fetch_bytes(MANIFEST_PATH).await {
            Ok(bytes) => bytes,
            Err(reason) => {
                state.set(DataState::NoManifest(reason));
                return;
            }
        };
        let paths = match snapshot_paths(MANIFEST_PATH, &manifest) {
            Ok(paths) => paths,
            Err(problems) => {
                let loaded = Loaded { dataset: Default::default(), problems, files: Vec::new() };
                state.set(DataState::Ready(Arc::new(loaded)));
                return;
            }
        };
        let total = paths.len();
        let progress = RwSignal::new(Progress { files_loaded: 0, files_total: total, bytes: manifest.len() });
        let fetches = paths.into_iter().map(|path| async move {
            let content = fetch_bytes(&path).await;
            progress.update(|p| {
                p.files_loaded += 1;
                p.bytes += content.as_ref().map_or(0, Vec::len);
            });
            state.set(DataState::Loading(progress.get_untracked()));
            LoadedFile { path, content }
        });
        state.set(DataState::Loading(progress.get_untracked()));
        let files = join_all(fetches).await;
        let source = SourceFiles { manifest_path: MANIFEST_PATH.to_owned(), manifest, files, notes: Vec::new() };
        state.set(DataState::Ready(Arc::new(source.load())));
    });
    (state, DataSource::Published)
}

/// The body of `path`, or why not; an HTTP error status is an error (fetch itself does not fail on 404).
async fn fetch_bytes(path: &str) -> Result<Vec<u8>, String> {
    let response = Request::get(path).send().await.map_err(|error| format!("fetch failed: {error}"))?;
    if !response.ok() {
        return Err(format!("HTTP {} {}", response.status(), response.status_text()));
    }
    response.binary().await.map_err(|error| format!("reading the body failed: {error}"))
}
