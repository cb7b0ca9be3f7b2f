//! The pages. Each reads the loaded data, the report instant and the route.

mod breakdown;
mod burn_table;
mod delivery;
mod dora_trends;
mod filters;
mod lead_stages;
mod overview;
pub(crate) mod platform;
mod record_detail;
mod records;
mod scorecard;
mod service;
mod slo_detail;
mod slo_table_view;
mod summary_strip;

use std::sync::Arc;

use chrono::{DateTime, Utc};
use leptos::prelude::*;

use crate::route::{Page, Route};
use crate::view_model::report_model::ReportModel;
use uptrend_core::load::Loaded;

/// What a page is drawn from.
#[derive(Debug, Clone)]
pub struct PageContext {
    pub loaded: Arc<Loaded>,
    /// Every SLO evaluated and the DORA report at `as_of`.
    pub model: Arc<ReportModel>,
    /// The report instant: the URL's, else the latest snapshot's.
    pub as_of: Option<DateTime<Utc>>,
    pub route: Route,
    pub chart_width_px: u32,
}

impl PageContext {
    /// The time charts' range, `[start, end]` in Unix seconds.
    pub fn range_secs(&self) -> (i64, i64) {
        self.route.range.bounds_secs(self.as_of.map_or(0, |at| at.timestamp()))
    }
}

#[component]
pub fn PageView(context: PageContext) -> impl IntoView {
    let as_of = context.as_of.map_or_else(|| "no data".to_owned(), crate::instant_text::minute_utc);
    let page = match context.route.page {
        Page::Overview => overview::overview(&context).into_any(),
        Page::Slo => slo_detail::slo_detail(&context).into_any(),
        Page::Service => service::service(&context).into_any(),
        Page::Delivery => delivery::delivery(&context).into_any(),
        Page::Platform => platform::platform(&context).into_any(),
    };
    view! {
        <p class="as-of" data-testid="as-of-line">"Report as of "<strong>{as_of}</strong></p>
        {page}
    }
}
