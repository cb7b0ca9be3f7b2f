//! Platform: adoption per capability and over time, time to onboard (open onboardings included),
//! developer satisfaction as diverging bars, and each capability against delivery (DORA) and
//! reliability (SLO budgets), with n on every figure and the caveat beside it. The capability and
//! team selections are kept in the URL.

use leptos::prelude::*;
use uptrend_core::platform::{CapabilityReport, PlatformReport, SurveyReport};

use super::filters::filter_select;
use super::PageContext;
use crate::cell::Cell;
use crate::charts::time_ticks::format_instant;
use crate::charts::{BarChart, DivergingBars, Overlays, Style, TimeChart, Unit};
use crate::html::Html;
use crate::table_html::{table_block, CsvDownload};
use crate::view_model::platform_view::{
    adoption_series, adoption_span_secs, before_after_sentences, comparison_rows, diverging_rows, ended_by_label,
    headline, onboarding_bars, onboarding_label, percent, shown_capabilities, survey_questions, COMPARISON_HEADER,
};
use crate::view_model::slo_table::teams;
use crate::web::chart_view::{ChartView, Drawn};
use crate::web::html_view::markup_section;
use crate::web::status_views::delivery_pending;
use crate::web::table::DataTable;
use crate::web::url_state::use_url_state;

pub fn platform(context: &PageContext) -> impl IntoView {
    if context.model.pending_delivery() {
        return view! { <h2>"Platform"</h2>{delivery_pending()} }.into_any();
    }
    let Some(report) = context.model.platform() else {
        return view! { <p>"No report instant: the data has no snapshot date."</p> }.into_any();
    };
    if report.capabilities.is_empty() && report.onboarding.onboardings.is_empty() && report.surveys.is_empty() {
        return view! {
            <h2>"Platform"</h2>
            <p data-testid="platform-empty">"No platform records in the data: add a `platform` section to the snapshots (see the data format)."</p>
        }
        .into_any();
    }
    let route = &context.route;
    let capabilities = shown_capabilities(report, route.capability.as_deref());
    let window = &report.window;
    let window_text =
        format!("{} to {}", format_instant(window.start.timestamp()), format_instant(window.end.timestamp()));
    view! {
        <h2 data-testid="platform-title">"Platform"</h2>
        <p class="platform-headline" data-testid="platform-headline">{headline(report)}</p>
        {filters(context, report)}
        {adoption(context, report, &capabilities, &window_text)}
        {onboarding(context, report)}
        {satisfaction(context, report)}
        {comparison(&capabilities, report.caveat, &window_text)}
    }
    .into_any()
}

/// The overview's link to this page, with the headline figure: services on any capability.
pub fn overview_link(context: &PageContext) -> impl IntoView {
    let url = use_url_state();
    let report = context.model.platform().filter(|report| !report.capabilities.is_empty())?;
    let adoption = &report.overall.adoption;
    let text = format!(
        "Platform: {} of {} services on at least one capability ({}), {} onboarding still open →",
        adoption.adopters,
        adoption.services,
        percent(adoption.rate),
        report.onboarding.open
    );
    let target = crate::route::Route { page: crate::route::Page::Platform, ..context.route.clone() };
    let href = target.to_query();
    Some(view! {
        <p class="platform-link" data-testid="platform-link">
            <a href=href on:click=move |event| url.follow(&event, target.clone())>{text}</a>
        </p>
    })
}

/// The capability select (adoption chart and comparison) and the team select (survey breakdown).
fn filters(context: &PageContext, report: &PlatformReport) -> impl IntoView {
    let url = use_url_state();
    let capability_choices = report
        .capabilities
        .iter()
        .filter_map(|capability| Some((capability.id.clone()?, capability.name.clone())))
        .collect();
    let team_choices = teams(&context.loaded.dataset).into_iter().map(|name| (name.clone(), name)).collect();
    view! {
        <div class="filters">
            {filter_select(
                "Capability ",
                "filter-capability",
                "All capabilities",
                capability_choices,
                context.route.capability.clone(),
                move |capability| url.update(|route| route.capability = capability),
            )}
            {filter_select(
                "Survey team ",
                "filter-team",
                "All respondents",
                team_choices,
                context.route.team.clone(),
                move |team| url.update(|route| route.team = team),
            )}
        </div>
    }
}

fn adoption(
    context: &PageContext,
    report: &PlatformReport,
    capabilities: &[&CapabilityReport],
    window_text: &str,
) -> impl IntoView {
    let row = |capability: &CapabilityReport| {
        let paved = &capability.paved_path;
        vec![
            capability.name.clone(),
            capability.adoption.adopters.to_string(),
            capability.adoption.services.to_string(),
            percent(capability.adoption.rate),
            percent(paved.share),
            format!("{} of {}", paved.deployments_on_path, paved.deployments),
            capability.adopting_services.join(" "),
        ]
    };
    let rows: Vec<Vec<String>> =
        std::iter::once(row(&report.overall)).chain(capabilities.iter().map(|capability| row(capability))).collect();
    let chart = adoption_span_secs(capabilities).map(|(start_secs, end_secs)| {
        let chart = TimeChart {
            title: "Adoption rate at each month's end".to_owned(),
            width_px: context.chart_width_px,
            height_px: 260,
            start_secs,
            end_secs,
            value_label: "services using it".to_owned(),
            unit: Unit::Percent,
            value_range: Some((0.0, 100.0)),
            style: Style::Lines,
            series: adoption_series(capabilities),
            forecast: None,
            overlays: Overlays::default(),
        };
        view! { <ChartView title="Adoption rate at each month's end".to_owned() drawn=chart.render().map(Drawn::Time) test_id="adoption-chart"/> }
    });
    view! {
        <section class="platform-adoption" data-testid="platform-adoption">
            <h3>"Adoption"</h3>
            <p class="as-of">{format!("Services using each capability at the report instant, of the services in the catalogue; paved-path share of the production deployments {window_text}.")}</p>
            <DataTable title="Adoption and paved-path share".to_owned() header=vec!["capability", "adopters", "services", "adoption rate", "paved-path share", "deployments on it", "adopting services"] rows test_id="adoption-table"/>
            {chart}
        </section>
    }
}

fn onboarding(context: &PageContext, report: &PlatformReport) -> impl IntoView {
    let onboarding = &report.onboarding;
    if onboarding.onboardings.is_empty() {
        return view! { <section data-testid="platform-onboarding"><h3>"Time to onboard"</h3><p>"No onboardings in the data."</p></section> }
            .into_any();
    }
    let days = |secs: Option<f64>| secs.map_or_else(|| "—".to_owned(), |secs| Unit::Days.format(secs / 86_400.0));
    let summary = format!(
        "Median {}, p90 {} over {} ended onboardings; {} still open.",
        days(onboarding.median_seconds),
        days(onboarding.p90_seconds),
        onboarding.n,
        onboarding.open
    );
    let chart = BarChart {
        title: "Time to onboard (open: so far)".to_owned(),
        width_px: context.chart_width_px,
        height_px: 260,
        category_label: "team or service".to_owned(),
        value_label: "time to onboard".to_owned(),
        unit: Unit::Days,
        series_label: "start to production or completion".to_owned(),
        bars: onboarding_bars(&onboarding.onboardings),
    };
    let rows: Vec<Vec<String>> = onboarding
        .onboardings
        .iter()
        .map(|row| {
            vec![
                onboarding_label(row),
                format_instant(row.started_at.timestamp()),
                row.ended_at.map_or_else(|| "—".to_owned(), |at| format_instant(at.timestamp())),
                ended_by_label(row.ended_by).to_owned(),
                Unit::Days.format(row.seconds as f64 / 86_400.0),
            ]
        })
        .collect();
    view! {
        <section class="platform-onboarding" data-testid="platform-onboarding">
            <h3>"Time to onboard"</h3>
            <p data-testid="onboarding-summary">{summary}</p>
            <ChartView title="Time to onboard".to_owned() drawn=chart.render().map(Drawn::Bars) test_id="onboarding-chart"/>
            <DataTable title="Onboardings".to_owned() header=vec!["team or service", "started (UTC)", "ended (UTC)", "ended by", "time to onboard"] rows test_id="onboarding-table"/>
        </section>
    }
    .into_any()
}

fn comparison(capabilities: &[&CapabilityReport], caveat: &str, window_text: &str) -> impl IntoView {
    let mut html = Html::new();
    html.element("h3", &[], "Capabilities against delivery and reliability")
        .element("p", &[("class", Some("caveat")), ("data-testid", Some("platform-caveat"))], caveat)
        .open("ul", &[("class", Some("highlights")), ("data-testid", Some("comparison-highlights"))]);
    for sentence in before_after_sentences(capabilities) {
        html.element("li", &[], &sentence);
    }
    let note = format!(
        "On and off each capability over the DORA window {window_text}; before and after each adoption over equally long periods."
    );
    html.close("ul").element("p", &[("class", Some("as-of"))], &note);
    let rows: Vec<Vec<Cell>> =
        comparison_rows(capabilities).into_iter().map(|row| row.into_iter().map(Into::into).collect()).collect();
    let download = table_block(
        &mut html,
        "Adopters against non-adopters, before against after",
        &COMPARISON_HEADER,
        &rows,
        Some("comparison-table"),
    );
    markup_section("platform-comparison", Some("platform-comparison"), html, vec![download])
}

fn satisfaction(context: &PageContext, report: &PlatformReport) -> impl IntoView {
    let team = context.route.team.as_deref();
    let minimum = report.anonymity_min_responses;
    let mut html = Html::new();
    html.element("h3", &[], "Developer satisfaction").element(
        "p",
        &[("class", Some("as-of"))],
        &format!("Answers below the scale's midpoint are unfavourable, at it neutral, above it favourable. Fewer than {minimum} answers are withheld, to keep respondents anonymous."),
    );
    let downloads =
        report.surveys.iter().rev().map(|survey| survey_html(&mut html, context, survey, team, minimum)).collect();
    markup_section("platform-satisfaction", Some("platform-satisfaction"), html, downloads)
}

fn survey_html(
    html: &mut Html,
    context: &PageContext,
    survey: &SurveyReport,
    team: Option<&str>,
    minimum: u64,
) -> CsvDownload {
    let (questions, shown_team) = survey_questions(survey, team);
    let name = survey.name.clone().unwrap_or_else(|| survey.id.clone());
    let title = match shown_team {
        Some(team) => format!("{name}: team {team}"),
        None => name.clone(),
    };
    let population = survey
        .population
        .map_or_else(String::new, |population| format!(" of {population} asked ({})", percent(survey.response_rate)));
    let note = format!(
        "Closed {}; {} responses{population}.",
        format_instant(survey.closed_at.timestamp()),
        survey.respondents
    );
    let chart = DivergingBars {
        title: title.clone(),
        width_px: context.chart_width_px,
        rows: diverging_rows(questions),
        withheld_note: format!("withheld: fewer than {minimum} answers"),
    };
    let rows: Vec<Vec<Cell>> = questions
        .iter()
        .map(|question| {
            let withheld = || "withheld".to_owned();
            [
                question.text.clone(),
                question.responses.to_string(),
                percent(question.response_rate),
                question
                    .mean
                    .map_or_else(withheld, |mean| format!("{mean:.2} ({}–{})", question.scale.min, question.scale.max)),
                if question.withheld { withheld() } else { percent(question.favourable_share) },
                if question.withheld { withheld() } else { percent(question.neutral_share) },
                if question.withheld { withheld() } else { percent(question.unfavourable_share) },
            ]
            .into_iter()
            .map(Cell::text)
            .collect()
        })
        .collect();
    let label =
        format!("{title}: favourable, neutral and unfavourable shares per question; the table below has the numbers.");
    html.open("div", &[("class", Some("survey")), ("data-testid", Some("survey"))]).element("h4", &[], &title).element(
        "p",
        &[("class", Some("as-of"))],
        &note,
    );
    match chart.render() {
        Ok(drawn) => {
            html.open("figure", &[("class", Some("chart"))])
                .open("div", &[("class", Some("svg diverging")), ("role", Some("img")), ("aria-label", Some(&label))])
                .generated_markup(&drawn.svg)
                .close("div")
                .close("figure");
        }
        Err(error) => {
            html.element("p", &[("class", Some("chart-error"))], &error.to_string());
        }
    }
    let download = table_block(
        html,
        &format!("{title}: answers"),
        &["question", "responses", "response rate", "mean (scale)", "favourable", "neutral", "unfavourable"],
        &rows,
        Some("survey-table"),
    );
    html.close("div");
    download
}
