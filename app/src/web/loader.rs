//! The report's own data: embedded in the page by `uptrend bundle` (a single-file report), or else
//! fetched, `data/index.json` and its snapshots (in parallel, relative to the page so any sub-path works)
//! with progress. Either way the bytes go to `uptrend_core::load` in one call, like the user's own files
//! (`local_files`): one loader, three sources (`crate::source_files`).

use std::sync::Arc;

use futures::future::join_all;
use gloo_net::http::Request;
use js_sys::{Reflect, Uint8Array};
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::ReadableStreamDefaultReader;

use uptrend_core::load::{resolve_snapshot_path, snapshot_paths, Loaded, LoadedFile};
use uptrend_core::model::Manifest;
use uptrend_core::pack;
use uptrend_core::parse::parse_manifest;
use uptrend_core::problem::Problem;

use super::embedded_data;
use super::url_state::mark;
use crate::source_files::SourceFiles;

/// The Performance API mark set once the data has settled (shown, or found missing); boot.js sets up the
/// offline cache only then, so that caching never competes with the first view's fetches.
const DATA_SETTLED_MARK: &str = "uptrend:data-settled";

/// The Performance API mark set when the data is in memory, merged (or unpacked), before anything
/// is computed from it: the load figures (`e2e/tests/load_figures.rs`) split the time there.
const DATA_READY_MARK: &str = "uptrend:data-ready";

/// How many bytes arrive between two updates of the progress shown.
const PROGRESS_STEP_BYTES: usize = 4 << 20;

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
        let manifest = match fetch_bytes(MANIFEST_PATH, |_| ()).await {
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
        let mut notes = Vec::new();
        if let Some(packed) = parse_manifest(MANIFEST_PATH, &manifest).ok().filter(|parsed| parsed.packed.is_some()) {
            match load_pack(&packed, state).await {
                Ok(loaded) => {
                    mark(DATA_READY_MARK);
                    state.set(DataState::Ready(Arc::new(loaded)));
                    return;
                }
                Err(note) => notes.push(note),
            }
        }
        let total = paths.len();
        let progress = RwSignal::new(Progress { files_loaded: 0, files_total: total, bytes: manifest.len() });
        let fetches = paths.into_iter().map(|path| async move {
            let content = fetch_bytes(&path, counting_bytes(progress, state)).await;
            progress.update(|p| p.files_loaded += 1);
            state.set(DataState::Loading(progress.get_untracked()));
            LoadedFile { path, content }
        });
        state.set(DataState::Loading(progress.get_untracked()));
        let files = join_all(fetches).await;
        let source = SourceFiles { manifest_path: MANIFEST_PATH.to_owned(), manifest, files, notes };
        let loaded = source.load();
        mark(DATA_READY_MARK);
        state.set(DataState::Ready(Arc::new(loaded)));
    });
    (state, DataSource::Published)
}

/// The load held by the pack `manifest` names (`uptrend pack`), or, when it cannot be fetched or used,
/// the note shown above the problems of the snapshots read instead.
async fn load_pack(manifest: &Manifest, state: RwSignal<DataState>) -> Result<Loaded, Problem> {
    let name = manifest.packed.as_deref().unwrap_or_default();
    let path = resolve_snapshot_path(MANIFEST_PATH, name);
    let progress = RwSignal::new(Progress { files_loaded: 0, files_total: 1, bytes: 0 });
    let opened = match decode_pack(&path, counting_bytes(progress, state)).await {
        Ok(packed) => packed.open(manifest).map_err(|error| error.to_string()),
        Err(reason) => Err(reason),
    };
    opened.map_err(|reason| {
        Problem::warning(
            &path,
            "",
            format!("the packed form was not used, so the snapshots were read instead: {reason}"),
        )
    })
}

/// The pack at `path`, decoded as its body streams in: each chunk goes straight from the JavaScript
/// array into the decoder, which keeps only the bytes of the part not yet complete, so the pack's
/// bytes never sit whole in the tab's memory beside the dataset (`docs/performance.md`).
async fn decode_pack(path: &str, on_chunk: impl Fn(usize)) -> Result<pack::Packed, String> {
    let fetch_failed = |reason: String| format!("it could not be fetched: {reason}");
    let Some(body) = Body::open(path).await.map_err(fetch_failed)? else {
        return pack::decode(&[]).map_err(|error| error.to_string());
    };
    let mut decoder = pack::Decoder::new(body.declared_len);
    while let Some(chunk) = body.next_chunk().await.map_err(fetch_failed)? {
        let len = chunk.length() as usize;
        if let Err(error) = decoder.push_with(len, |room| chunk.copy_to(room)) {
            body.cancel();
            return Err(error.to_string());
        }
        on_chunk(len);
    }
    decoder.finish().map_err(|error| error.to_string())
}

/// A fetch's chunk counter: the bytes count into `progress` as they arrive, and the page is told every
/// [`PROGRESS_STEP_BYTES`] of this fetch, not every chunk.
fn counting_bytes(progress: RwSignal<Progress>, state: RwSignal<DataState>) -> impl Fn(usize) {
    let unshown = std::cell::Cell::new(0usize);
    move |chunk_bytes| {
        progress.update_untracked(|p| p.bytes += chunk_bytes);
        unshown.set(unshown.get() + chunk_bytes);
        if unshown.get() >= PROGRESS_STEP_BYTES {
            unshown.set(0);
            state.set(DataState::Loading(progress.get_untracked()));
        }
    }
}

/// The body of `path`, or why not; an HTTP error status is an error (fetch itself does not fail on 404).
///
/// The body is read as a stream, chunk by chunk (`on_chunk` gets each chunk's size), into Rust memory:
/// reading it whole (`arrayBuffer()`) would hold a second copy on the JavaScript side until the garbage
/// collector frees it, which for a 600 MB snapshot overlaps with the parse that follows. Each chunk is
/// copied into one buffer, of the declared size when the server states it.
async fn fetch_bytes(path: &str, on_chunk: impl Fn(usize)) -> Result<Vec<u8>, String> {
    let Some(body) = Body::open(path).await? else { return Ok(Vec::new()) };
    let mut bytes: Vec<u8> = Vec::with_capacity(body.declared_len.unwrap_or(0));
    while let Some(chunk) = body.next_chunk().await? {
        let start = bytes.len();
        bytes.resize(start + chunk.length() as usize, 0);
        chunk.copy_to(&mut bytes[start..]);
        on_chunk(bytes.len() - start);
    }
    bytes.shrink_to_fit();
    Ok(bytes)
}

/// A response's body, read as a stream of chunks.
struct Body {
    reader: ReadableStreamDefaultReader,
    /// The declared length, when the body is not compressed in transit (and the server states it).
    declared_len: Option<usize>,
}

impl Body {
    /// The body of `path` (`None`: the response has none), or why not; an HTTP error status is an error.
    async fn open(path: &str) -> Result<Option<Body>, String> {
        let response = Request::get(path).send().await.map_err(|error| format!("fetch failed: {error}"))?;
        if !response.ok() {
            return Err(format!("HTTP {} {}", response.status(), response.status_text()));
        }
        let Some(body) = response.body() else { return Ok(None) };
        let reader: ReadableStreamDefaultReader =
            body.get_reader().dyn_into().map_err(|_| "the body cannot be read as a stream".to_owned())?;
        let declared = response.headers().get("content-length").and_then(|length| length.parse::<usize>().ok());
        let encoded = response.headers().get("content-encoding").is_some_and(|encoding| encoding != "identity");
        Ok(Some(Body { reader, declared_len: declared.filter(|_| !encoded) }))
    }

    /// The next chunk, or `None` at the end.
    async fn next_chunk(&self) -> Result<Option<Uint8Array>, String> {
        let read = JsFuture::from(self.reader.read())
            .await
            .map_err(|error| format!("reading the body failed: {}", js_text(&error)))?;
        if Reflect::get(&read, &JsValue::from_str("done")).ok().and_then(|done| done.as_bool()).unwrap_or(true) {
            return Ok(None);
        }
        Reflect::get(&read, &JsValue::from_str("value"))
            .ok()
            .and_then(|value| value.dyn_into::<Uint8Array>().ok())
            .map(Some)
            .ok_or_else(|| "reading the body failed: a chunk holds no bytes".to_owned())
    }

    /// Stops the download: the rest of the body is not wanted.
    fn cancel(&self) {
        // The promise only says when the stream is closed; nothing waits for it.
        let _ = self.reader.cancel();
    }
}

/// A JavaScript error's message, for a reader.
fn js_text(error: &JsValue) -> String {
    Reflect::get(error, &JsValue::from_str("message"))
        .ok()
        .and_then(|message| message.as_string())
        .or_else(|| error.as_string())
        .unwrap_or_else(|| "unknown error".to_owned())
}
