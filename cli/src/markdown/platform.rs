//! The Platform section: adoption and paved-path share per capability, time to onboard, the
//! capability comparisons (with n and the caveat), and the survey results.

use std::fmt::Write;

use uptrend_core::platform::{
    CapabilityReport, GroupFigures, OnboardingEnd, OnboardingReport, PlatformReport, QuestionReport, SurveyReport,
};

use super::format::{duration, number, percent, UNDEFINED};
use super::instant;
use super::table::{escape, Table};

pub(super) fn render_platform(out: &mut String, platform: &PlatformReport) {
    out.push_str("\n## Platform\n\n");
    let empty =
        platform.capabilities.is_empty() && platform.onboarding.onboardings.is_empty() && platform.surveys.is_empty();
    if empty {
        out.push_str("No platform records in the data.\n");
        return;
    }
    render_adoption(out, platform);
    render_onboarding(out, &platform.onboarding);
    render_comparisons(out, platform);
    for survey in &platform.surveys {
        render_survey(out, survey, platform.anonymity_min_responses);
    }
}

fn render_adoption(out: &mut String, platform: &PlatformReport) {
    let _ = writeln!(
        out,
        "Adoption at the report instant; paved-path share of the production deployments from {} to {}.\n",
        instant(platform.window.start),
        instant(platform.window.end)
    );
    let mut table = Table::new(&[
        ("Capability", false),
        ("Adopters", true),
        ("Services", true),
        ("Adoption rate", true),
        ("Paved-path share", true),
        ("Deployments", true),
    ]);
    let row = |label: String, capability: &CapabilityReport| {
        vec![
            label,
            capability.adoption.adopters.to_string(),
            capability.adoption.services.to_string(),
            percent(capability.adoption.rate, 0),
            percent(capability.paved_path.share, 0),
            capability.paved_path.deployments.to_string(),
        ]
    };
    table.row(row("**Any capability**".to_owned(), &platform.overall));
    for capability in &platform.capabilities {
        table.row(row(escape(&capability.name), capability));
    }
    table.render(out);
}

fn render_onboarding(out: &mut String, onboarding: &OnboardingReport) {
    if onboarding.onboardings.is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "\n### Time to onboard\n\nMedian {}, p90 {} (n = {} ended), {} still open.\n",
        duration(onboarding.median_seconds),
        duration(onboarding.p90_seconds),
        onboarding.n,
        onboarding.open
    );
    let mut table = Table::new(&[("Onboarding", false), ("Started", false), ("Ended", false), ("Time", true)]);
    for row in &onboarding.onboardings {
        let subject = match (&row.service, &row.team) {
            (Some(service), _) => escape(service),
            (None, Some(team)) => format!("Team {}", escape(team)),
            (None, None) => UNDEFINED.to_owned(),
        };
        let ended = match (row.ended_by, row.ended_at) {
            (OnboardingEnd::Completed, Some(at)) => format!("{} (completed)", instant(at)),
            (OnboardingEnd::FirstDeployment, Some(at)) => format!("{} (first deployment)", instant(at)),
            _ => "**open**".to_owned(),
        };
        let time = duration(Some(row.seconds as f64));
        let time = if row.ended_by == OnboardingEnd::Open { format!("{time} so far") } else { time };
        table.row(vec![subject, instant(row.started_at), ended, time]);
    }
    table.render(out);
}

fn render_comparisons(out: &mut String, platform: &PlatformReport) {
    let _ = writeln!(out, "\n### Capabilities against delivery and reliability\n\n{}\n", platform.caveat);
    let mut table = Table::new(&[
        ("Capability", false),
        ("Group", false),
        ("Services", true),
        ("Deployments", true),
        ("Per service-day", true),
        ("Lead time (median)", true),
        ("Change fail rate", true),
        ("Budget remaining (median)", true),
    ]);
    for capability in
        platform.capabilities.iter().filter(|c| c.adoption.adopters > 0 || c.comparison.adoptions_compared > 0)
    {
        let comparison = &capability.comparison;
        let name = escape(&capability.name);
        let groups = [
            ("on it (window)", &comparison.adopters),
            ("off it (window)", &comparison.non_adopters),
            ("before adoption", &comparison.before),
            ("after adoption", &comparison.after),
        ];
        for (index, (label, group)) in groups.into_iter().enumerate() {
            let capability = if index == 0 { name.clone() } else { String::new() };
            table.row(group_row(capability, label, group));
        }
    }
    table.render(out);
}

fn group_row(capability: String, label: &str, group: &GroupFigures) -> Vec<String> {
    let lead = &group.lead_time_seconds;
    vec![
        capability,
        label.to_owned(),
        group.services.to_string(),
        group.deployments.to_string(),
        number(group.deployments_per_service_day, 2),
        format!("{} (n = {})", duration(lead.median), lead.n),
        format!("{} (n = {})", percent(group.change_failure_rate, 1), group.deployments),
        format!("{} (n = {})", percent(group.budget_remaining.median, 0), group.budget_remaining.n),
    ]
}

fn render_survey(out: &mut String, survey: &SurveyReport, minimum: u64) {
    let name = survey.name.as_deref().unwrap_or(&survey.id);
    let population = survey
        .population
        .map_or(String::new(), |population| format!(" of {population} asked ({})", percent(survey.response_rate, 0)));
    let _ = writeln!(
        out,
        "\n### {}\n\nClosed {}; {} responses{population}. Favourable: above the scale's midpoint. Questions \
         with fewer than {minimum} answers are withheld.\n",
        escape(name),
        instant(survey.closed_at),
        survey.respondents,
    );
    let mut table = Table::new(&[
        ("Question", false),
        ("Responses", true),
        ("Mean", true),
        ("Favourable", true),
        ("Neutral", true),
        ("Unfavourable", true),
    ]);
    for question in &survey.questions {
        table.row(question_row(question));
    }
    table.render(out);
}

fn question_row(question: &QuestionReport) -> Vec<String> {
    let text = escape(&question.text);
    if question.withheld {
        let withheld = "withheld".to_owned();
        return vec![text, question.responses.to_string(), withheld.clone(), withheld, String::new(), String::new()];
    }
    vec![
        text,
        question.responses.to_string(),
        format!("{} of {}..{}", number(question.mean, 2), question.scale.min, question.scale.max),
        percent(question.favourable_share, 0),
        percent(question.neutral_share, 0),
        percent(question.unfavourable_share, 0),
    ]
}
