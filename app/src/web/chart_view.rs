//! An interactive chart: the SVG, a tooltip (announced to screen readers) with the exact value, time
//! and n under the pointer and the deployments, incidents and gaps there (or at the keyboard focus:
//! arrow keys step through the samples), drag-to-zoom on time charts, a data-table toggle, and PNG
//! (2x, rasterised in the browser), SVG and CSV downloads.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, KeyboardEvent, MouseEvent};

use super::download::{download_png, download_text};
use super::url_state::mark;
use super::zoom::use_zoom;
use crate::cell::Cell;
use crate::charts::data_table::{bar_chart_rows, time_chart_rows, BAR_CHART_HEADER, TIME_CHART_HEADER};
use crate::charts::{ChartError, RenderedBars, RenderedChart};
use crate::csv::to_csv;
use crate::file_name::file_stem;

/// The table toggle shows at most this many rows; the CSV always has them all.
const TABLE_ROWS_SHOWN: usize = 500;
/// A drag shorter than this is a click, not a zoom.
const MIN_DRAG_PX: f64 = 8.0;

/// A drawn chart of either kind.
#[derive(Debug, Clone, PartialEq)]
pub enum Drawn {
    Time(RenderedChart),
    Bars(RenderedBars),
}

/// What the tooltip shows at one position: lines of text and where (in SVG pixels).
#[derive(Debug, Clone, PartialEq)]
struct Tip {
    lines: Vec<String>,
    x_px: f64,
    y_px: f64,
}

impl Drawn {
    fn svg(&self) -> &str {
        match self {
            Drawn::Time(chart) => &chart.svg,
            Drawn::Bars(chart) => &chart.svg,
        }
    }

    fn size_px(&self) -> (f64, f64) {
        match self {
            Drawn::Time(chart) => (f64::from(chart.width_px), f64::from(chart.height_px)),
            Drawn::Bars(chart) => (f64::from(chart.width_px), f64::from(chart.height_px)),
        }
    }

    fn tip_at(&self, x_px: f64) -> Option<Tip> {
        match self {
            Drawn::Time(chart) => {
                let hits = chart.hover.hits_at(x_px);
                let first = hits.first()?;
                let y_px = hits.iter().find_map(|hit| hit.y_px).unwrap_or(chart.hover.value_scale.bottom_px);
                let mut lines: Vec<String> = hits.iter().map(|hit| hit.describe(chart.hover.unit)).collect();
                lines.extend(chart.hover.events_at(x_px));
                Some(Tip { lines, x_px: first.x_px, y_px })
            }
            Drawn::Bars(chart) => {
                let (index, bar) = chart.hover.bar_at(x_px)?;
                let slot_px = chart.hover.width_px / chart.hover.bars.len().max(1) as f64;
                let x_px = chart.hover.left_px + slot_px * (index as f64 + 0.5);
                Some(Tip { lines: vec![chart.hover.describe(bar)], x_px, y_px: self.size_px().1 / 2.0 })
            }
        }
    }

    fn focusable(&self) -> usize {
        match self {
            Drawn::Time(chart) => chart.hover.focusable_count(),
            Drawn::Bars(chart) => chart.hover.bars.len(),
        }
    }

    fn tip_at_index(&self, index: usize) -> Option<Tip> {
        match self {
            Drawn::Time(chart) => {
                let hit = chart.hover.hit_at_index(index)?;
                self.tip_at(hit.x_px)
            }
            Drawn::Bars(chart) => {
                let slot_px = chart.hover.width_px / chart.hover.bars.len().max(1) as f64;
                self.tip_at(chart.hover.left_px + slot_px * (index as f64 + 0.5))
            }
        }
    }

    /// The instant at `x_px`, for time charts (which can zoom).
    fn secs_at(&self, x_px: f64) -> Option<i64> {
        match self {
            Drawn::Time(chart) => Some(chart.hover.time_scale.secs_at(x_px)),
            Drawn::Bars(_) => None,
        }
    }

    fn table(&self) -> (Vec<&'static str>, Vec<Vec<Cell>>) {
        match self {
            Drawn::Time(chart) => (TIME_CHART_HEADER.to_vec(), time_chart_rows(&chart.hover)),
            Drawn::Bars(chart) => (BAR_CHART_HEADER.to_vec(), bar_chart_rows(&chart.hover)),
        }
    }
}

/// A chart with its interactions; a drawing error is shown in its place.
#[component]
pub fn ChartView(
    title: String,
    drawn: Result<Drawn, ChartError>,
    #[prop(optional)] test_id: &'static str,
) -> impl IntoView {
    let drawn = match drawn {
        Ok(drawn) => drawn,
        Err(error) => {
            return view! { <figure class="chart" data-testid=test_id><p class="chart-error">{error.to_string()}</p></figure> }
                .into_any();
        }
    };
    mark("uptrend:chart-drawn");
    let drawn = StoredValue::new(drawn);
    let tip = RwSignal::new(None::<Tip>);
    let focus = RwSignal::new(None::<usize>);
    let show_table = RwSignal::new(false);
    let (width_px, height_px) = drawn.with_value(Drawn::size_px);
    let stem = file_stem(&title);
    let zoomable = drawn.with_value(|drawn| drawn.secs_at(0.0).is_some());
    let zoom = use_zoom();
    // The drag's start and current x, in SVG pixels.
    let drag = RwSignal::new(None::<(f64, f64)>);
    let svg_x = move |event: &MouseEvent| {
        let target = event.current_target().and_then(|target| target.dyn_into::<Element>().ok())?;
        let rect = target.get_bounding_client_rect();
        (rect.width() > 0.0).then(|| (f64::from(event.client_x()) - rect.left()) * width_px / rect.width())
    };

    let on_move = move |event: MouseEvent| {
        let Some(x_px) = svg_x(&event) else { return };
        if let Some((start, _)) = drag.get_untracked() {
            drag.set(Some((start, x_px)));
        }
        tip.set(drawn.with_value(|drawn| drawn.tip_at(x_px)));
    };
    let on_down = move |event: MouseEvent| {
        if !zoomable || event.button() != 0 {
            return;
        }
        if let Some(x_px) = svg_x(&event) {
            event.prevent_default();
            drag.set(Some((x_px, x_px)));
        }
    };
    let on_up = move |event: MouseEvent| {
        let Some((start, _)) = drag.get_untracked() else { return };
        drag.set(None);
        let Some(end) = svg_x(&event) else { return };
        if (end - start).abs() < MIN_DRAG_PX {
            return;
        }
        let secs = drawn.with_value(|drawn| drawn.secs_at(start).zip(drawn.secs_at(end)));
        if let Some((from, to)) = secs {
            zoom.select(from.min(to), from.max(to));
        }
    };
    let on_key = move |event: KeyboardEvent| {
        let count = drawn.with_value(Drawn::focusable);
        if count == 0 {
            return;
        }
        let next = match (event.key().as_str(), focus.get_untracked()) {
            ("ArrowRight", None) | ("Home", _) => 0,
            ("ArrowLeft", None) | ("End", _) => count - 1,
            ("ArrowRight", Some(index)) => (index + 1).min(count - 1),
            ("ArrowLeft", Some(index)) => index.saturating_sub(1),
            ("Escape", _) => {
                focus.set(None);
                tip.set(None);
                return;
            }
            _ => return,
        };
        event.prevent_default();
        focus.set(Some(next));
        tip.set(drawn.with_value(|drawn| drawn.tip_at_index(next)));
    };
    let percent = move |value: f64, of: f64| format!("{:.3}%", (value / of * 100.0).clamp(0.0, 100.0));
    let svg_file = format!("{stem}.svg");
    let csv_file = format!("{stem}.csv");
    let png_file = format!("{stem}.png");
    let download_svg = move |_| drawn.with_value(|drawn| download_text(&svg_file, "image/svg+xml", drawn.svg()));
    let download_png = move |_| {
        drawn.with_value(|drawn| download_png(&png_file, drawn.svg(), width_px as u32, height_px as u32));
    };
    let download_csv = move |_| {
        drawn.with_value(|drawn| {
            let (header, rows) = drawn.table();
            download_text(&csv_file, "text/csv", &to_csv(&header, rows));
        });
    };
    let hint = if zoomable {
        "Hover or focus and use the arrow keys for exact values; drag across the chart to zoom into those days."
    } else {
        "Hover or focus and use the arrow keys for exact values."
    };
    let caption = format!("{title}: data");

    view! {
        <figure class="chart" data-testid=test_id>
            <div
                class="chart-canvas"
                tabindex="0"
                role="img"
                aria-label=format!("{title}. {hint}")
                class:zoomable=zoomable
                on:mousemove=on_move
                on:mousedown=on_down
                on:mouseup=on_up
                on:mouseleave=move |_| {
                    tip.set(None);
                    drag.set(None);
                }
                on:keydown=on_key
                on:blur=move |_| tip.set(None)
            >
                <div class="svg" inner_html=drawn.with_value(|drawn| drawn.svg().to_owned())></div>
                {move || drag.get().filter(|(start, end)| (end - start).abs() >= 1.0).map(|(start, end)| {
                    let left = percent(start.min(end), width_px);
                    let width = percent((end - start).abs(), width_px);
                    view! { <div class="zoom-selection" data-testid="zoom-selection" style:left=left style:width=width></div> }
                })}
                {move || {
                    tip.get()
                        .map(|tip| {
                            let left = percent(tip.x_px, width_px);
                            let top = percent(tip.y_px, height_px);
                            let flip = tip.x_px > width_px * 0.6;
                            view! {
                                <div class="crosshair" style:left=left.clone()></div>
                                <div
                                    class="tooltip"
                                    class:flip=flip
                                    role="status"
                                    aria-live="polite"
                                    data-testid="tooltip"
                                    style:left=left
                                    style:top=top
                                >
                                    {tip.lines.into_iter().map(|line| view! { <div>{line}</div> }).collect_view()}
                                </div>
                            }
                        })
                }}
            </div>
            <figcaption class="chart-actions">
                <button type="button" aria-pressed=move || show_table.get().to_string() on:click=move |_| show_table.update(|shown| *shown = !*shown)>
                    {move || if show_table.get() { "Hide data table" } else { "Show data table" }}
                </button>
                <button type="button" on:click=download_svg>"Download SVG"</button>
                <button type="button" on:click=download_csv>"Download CSV"</button>
                <button type="button" on:click=download_png data-testid="download-png">"Download PNG"</button>
            </figcaption>
            {move || show_table.get().then(|| drawn.with_value(|drawn| table_view(&caption, drawn)))}
        </figure>
    }
    .into_any()
}

fn table_view(caption: &str, drawn: &Drawn) -> impl IntoView {
    let (header, rows) = drawn.table();
    let total = rows.len();
    let note = (total > TABLE_ROWS_SHOWN)
        .then(|| format!("The first {TABLE_ROWS_SHOWN} of {total} rows are shown; the CSV has them all."));
    view! {
        <div class="scroll chart-table">
            <table>
                <caption>{caption.to_owned()}</caption>
                <thead><tr>{header.into_iter().map(|name| view! { <th scope="col">{name}</th> }).collect_view()}</tr></thead>
                <tbody>
                    {rows.into_iter().take(TABLE_ROWS_SHOWN)
                        .map(|row| view! { <tr>{row.into_iter().map(|cell| view! { <td>{cell.to_string()}</td> }).collect_view()}</tr> })
                        .collect_view()}
                </tbody>
            </table>
            {note.map(|note| view! { <p class="note">{note}</p> })}
        </div>
    }
}
