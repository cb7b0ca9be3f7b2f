//! The user's own files without a rebuild: a file picker in the header and drag-and-drop anywhere on the
//! page. The files are read in the browser (nothing is sent anywhere), go through the same loader as the
//! report's own data (`crate::source_files`) and replace it until "Back to the report's data".

use std::sync::Arc;

use leptos::ev;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{DragEvent, File, FileList, HtmlInputElement};

use crate::source_files::{from_chosen, ChosenFile};
use uptrend_core::load::Loaded;

/// The chosen files' data while it is shown; shared through context.
#[derive(Debug, Clone, Copy)]
pub struct LocalFiles {
    shown: RwSignal<Option<Shown>>,
    dragging: RwSignal<bool>,
}

#[derive(Debug, Clone, PartialEq)]
struct Shown {
    loaded: Arc<Loaded>,
    names: Vec<String>,
}

impl LocalFiles {
    /// Provides the state and accepts files dropped anywhere on the page from then on.
    pub fn install() -> LocalFiles {
        let local = LocalFiles { shown: RwSignal::new(None), dragging: RwSignal::new(false) };
        provide_context(local);
        // The listeners live as long as the page.
        let _over = window_event_listener(ev::dragover, move |event: DragEvent| {
            if carries_files(&event) {
                event.prevent_default();
                if !local.dragging.get_untracked() {
                    local.dragging.set(true);
                }
            }
        });
        let _leave = window_event_listener(ev::dragleave, move |event: DragEvent| {
            // Leaving the window, not just one element for another.
            if event.related_target().is_none() {
                local.dragging.set(false);
            }
        });
        let _drop = window_event_listener(ev::drop, move |event: DragEvent| {
            local.dragging.set(false);
            if let Some(files) = event.data_transfer().and_then(|transfer| transfer.files()) {
                event.prevent_default();
                local.open(&files);
            }
        });
        local
    }

    /// The chosen files' data, while it replaces the report's own.
    pub fn loaded(&self) -> Option<Arc<Loaded>> {
        self.shown.with(|shown| shown.as_ref().map(|shown| shown.loaded.clone()))
    }

    fn open(&self, list: &FileList) {
        let files: Vec<File> = (0..list.length()).filter_map(|index| list.get(index)).collect();
        if files.is_empty() {
            return;
        }
        let shown = self.shown;
        spawn_local(async move {
            let mut chosen = Vec::with_capacity(files.len());
            for file in files {
                chosen.push(ChosenFile { name: file.name(), content: read(&file).await });
            }
            let names = chosen.iter().map(|file| file.name.clone()).collect();
            shown.set(Some(Shown { loaded: Arc::new(from_chosen(chosen).load()), names }));
        });
    }
}

fn use_local_files() -> LocalFiles {
    use_context::<LocalFiles>().unwrap_or_else(LocalFiles::install)
}

fn carries_files(event: &DragEvent) -> bool {
    event
        .data_transfer()
        .is_some_and(|transfer| transfer.types().iter().any(|kind| kind.as_string().as_deref() == Some("Files")))
}

async fn read(file: &File) -> Result<Vec<u8>, String> {
    let buffer = JsFuture::from(file.array_buffer())
        .await
        .map_err(|error| format!("the browser could not read it: {error:?}"))?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// The file picker: snapshot files, and optionally their `index.json`.
#[component]
pub fn OpenFiles() -> impl IntoView {
    let local = use_local_files();
    let on_change = move |event: ev::Event| {
        let input = event.target().and_then(|target| target.dyn_into::<HtmlInputElement>().ok());
        if let Some(input) = input {
            if let Some(files) = input.files() {
                local.open(&files);
            }
            // Choosing the same files again must fire `change` again.
            input.set_value("");
        }
    };
    view! {
        <label class="open-files" title="Show snapshot files from this computer (and their index.json); nothing is uploaded">
            "Open files…"
            <input type="file" multiple accept=".json,application/json" data-testid="open-files" on:change=on_change/>
        </label>
    }
}

/// While the chosen files are shown: which, and the way back.
#[component]
pub fn LocalFilesBanner() -> impl IntoView {
    let local = use_local_files();
    move || {
        local.shown.get().map(|shown| {
            let count = shown.names.len();
            let names = shown.names.join(", ");
            view! {
                <div class="local-files-banner" role="status" data-testid="local-files-banner">
                    <span>
                        {format!("Showing {count} local file{} from this computer: ", if count == 1 { "" } else { "s" })}
                        <code>{names}</code>
                        " (read in the browser, nothing was uploaded)."
                    </span>
                    <button type="button" data-testid="back-to-report-data" on:click=move |_| local.shown.set(None)>
                        "Back to the report's data"
                    </button>
                </div>
            }
        })
    }
}

/// Shown while files are dragged over the page.
#[component]
pub fn DropOverlay() -> impl IntoView {
    let local = use_local_files();
    move || {
        local.dragging.get().then(|| {
            view! {
                <div class="drop-overlay" aria-hidden="true">
                    <p>"Drop snapshot files (and their index.json) to show them. They are read here, nothing is uploaded."</p>
                </div>
            }
        })
    }
}
