//! What the Platform page shows, from the core's platform report: the adoption series, the
//! onboarding bars, the survey rows and the comparison rows. Only selection and layout; every
//! number is the core's.

use uptrend_core::platform::{
    CapabilityReport, GroupFigures, OnboardingEnd, OnboardingRow, PlatformReport, QuestionReport, SurveyReport,
};

use crate::charts::{AnswerShares, Bar, DivergingRow, Sample, Series};

const SECS_PER_DAY: f64 = 86_400.0;

/// The capabilities shown: the selected one (when it exists), else all.
pub fn shown_capabilities<'a>(report: &'a PlatformReport, selected: Option<&str>) -> Vec<&'a CapabilityReport> {
    let chosen: Vec<&CapabilityReport> =
        report.capabilities.iter().filter(|capability| capability.id.as_deref() == selected).collect();
    if chosen.is_empty() {
        report.capabilities.iter().collect()
    } else {
        chosen
    }
}

/// One series per capability: the adoption rate (percent) at each month's end, n = services.
pub fn adoption_series(capabilities: &[&CapabilityReport]) -> Vec<Series> {
    capabilities
        .iter()
        .map(|capability| {
            let samples = capability.monthly.iter().map(|month| {
                let percent = month.rate.rate.map(|rate| rate * 100.0);
                Sample::new(month.at.timestamp(), percent, Some(month.rate.services))
            });
            Series::new(capability.name.clone(), samples)
        })
        .collect()
}

/// The instants the adoption chart spans: the first month's end to the last.
pub fn adoption_span_secs(capabilities: &[&CapabilityReport]) -> Option<(i64, i64)> {
    let instants = capabilities.iter().flat_map(|capability| &capability.monthly).map(|month| month.at.timestamp());
    let (mut first, mut last) = (None::<i64>, None::<i64>);
    for at in instants {
        first = Some(first.map_or(at, |first| first.min(at)));
        last = Some(last.map_or(at, |last| last.max(at)));
    }
    Some((first?, last?))
}

/// `ledger`, `team payments`; `(open)` after one still running.
pub fn onboarding_label(row: &OnboardingRow) -> String {
    let subject = match (&row.service, &row.team) {
        (Some(service), _) => service.clone(),
        (None, Some(team)) => format!("team {team}"),
        (None, None) => String::new(),
    };
    if row.ended_by == OnboardingEnd::Open {
        format!("{subject} (open)")
    } else {
        subject
    }
}

/// One bar per onboarding, its time to onboard (or age so far) in days.
pub fn onboarding_bars(rows: &[OnboardingRow]) -> Vec<Bar> {
    rows.iter()
        .map(|row| Bar { label: onboarding_label(row), value: row.seconds as f64 / SECS_PER_DAY, n: 1 })
        .collect()
}

/// How an onboarding ended, in words.
pub fn ended_by_label(end: OnboardingEnd) -> &'static str {
    match end {
        OnboardingEnd::Completed => "completed",
        OnboardingEnd::FirstDeployment => "first production deployment",
        OnboardingEnd::Open => "still open",
    }
}

/// The questions of a survey, overall or of one team when the survey has that team's breakdown.
pub fn survey_questions<'a>(survey: &'a SurveyReport, team: Option<&str>) -> (&'a [QuestionReport], Option<&'a str>) {
    match team.and_then(|team| survey.teams.iter().find(|t| t.team == team)) {
        Some(breakdown) => (&breakdown.questions, Some(breakdown.team.as_str())),
        None => (&survey.questions, None),
    }
}

/// Diverging-bar rows of the questions; withheld questions have no shares.
pub fn diverging_rows(questions: &[QuestionReport]) -> Vec<DivergingRow> {
    questions
        .iter()
        .map(|question| {
            let shares = match (question.unfavourable_share, question.neutral_share, question.favourable_share) {
                (Some(unfavourable), Some(neutral), Some(favourable)) if !question.withheld => {
                    Some(AnswerShares { unfavourable, neutral, favourable })
                }
                _ => None,
            };
            DivergingRow { label: question.text.clone(), shares, n: question.responses }
        })
        .collect()
}

/// A ratio as a percentage with one decimal, or `—`.
pub fn percent(ratio: Option<f64>) -> String {
    ratio.map_or_else(|| "—".to_owned(), |ratio| format!("{:.1}%", ratio * 100.0))
}

fn number(value: Option<f64>, decimals: usize) -> String {
    value.map_or_else(|| "—".to_owned(), |value| format!("{value:.decimals$}"))
}

/// `6.8 h` from seconds.
pub fn hours(secs: Option<f64>) -> String {
    secs.map_or_else(|| "—".to_owned(), |secs| format!("{:.1} h", secs / 3_600.0))
}

/// The comparison table's header.
pub const COMPARISON_HEADER: [&str; 9] = [
    "capability",
    "group",
    "services",
    "service-days",
    "deployments (n)",
    "deployments per service-day",
    "lead time, median (n changes)",
    "change fail rate (n deployments)",
    "budget remaining, median (n SLOs)",
];

/// Four rows per capability: on it and off it over the window, before and after adoption.
pub fn comparison_rows(capabilities: &[&CapabilityReport]) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    for capability in capabilities {
        let comparison = &capability.comparison;
        let groups: [(&str, &GroupFigures); 4] = [
            ("on it (DORA window)", &comparison.adopters),
            ("off it (DORA window)", &comparison.non_adopters),
            ("before adoption", &comparison.before),
            ("after adoption", &comparison.after),
        ];
        for (label, group) in groups {
            rows.push(vec![
                capability.name.clone(),
                label.to_owned(),
                group.services.to_string(),
                format!("{:.0}", group.service_days),
                group.deployments.to_string(),
                number(group.deployments_per_service_day, 2),
                format!("{} ({})", hours(group.lead_time_seconds.median), group.lead_time_seconds.n),
                format!("{} ({})", percent(group.change_failure_rate), group.deployments),
                format!("{} ({})", percent(group.budget_remaining.median), group.budget_remaining.n),
            ]);
        }
    }
    rows
}

/// One sentence per capability with adoptions on both sides: after against before, with n.
pub fn before_after_sentences(capabilities: &[&CapabilityReport]) -> Vec<String> {
    capabilities
        .iter()
        .filter(|capability| capability.comparison.adoptions_compared > 0)
        .map(|capability| {
            let (before, after) = (&capability.comparison.before, &capability.comparison.after);
            format!(
                "{} ({} adoption{}): after adopting it {} deployments per service-day (n = {}) against {} before (n = {}); \
                 change fail rate {} against {}; lead time {} against {} (n = {} and {} changes).",
                capability.name,
                capability.comparison.adoptions_compared,
                if capability.comparison.adoptions_compared == 1 { "" } else { "s" },
                number(after.deployments_per_service_day, 2),
                after.deployments,
                number(before.deployments_per_service_day, 2),
                before.deployments,
                percent(after.change_failure_rate),
                percent(before.change_failure_rate),
                hours(after.lead_time_seconds.median),
                hours(before.lead_time_seconds.median),
                after.lead_time_seconds.n,
                before.lead_time_seconds.n,
            )
        })
        .collect()
}

/// The page's headline: services on the platform, paved-path share, time to onboard.
pub fn headline(report: &PlatformReport) -> String {
    let adoption = &report.overall.adoption;
    let paved = &report.overall.paved_path;
    let onboarding = &report.onboarding;
    let days = |secs: Option<f64>| secs.map_or_else(|| "—".to_owned(), |secs| format!("{:.1} d", secs / 86_400.0));
    format!(
        "{} of {} services ({}) use at least one capability · {} of the DORA window's {} deployments on the paved path · \
         time to onboard: median {} (n = {}), {} open",
        adoption.adopters,
        adoption.services,
        percent(adoption.rate),
        percent(paved.share),
        paved.deployments,
        days(onboarding.median_seconds),
        onboarding.n,
        onboarding.open,
    )
}
