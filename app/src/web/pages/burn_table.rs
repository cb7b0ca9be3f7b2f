//! The SLO detail page's burn-rate tables: all seven burn rates at the report instant, and the four
//! multiwindow conditions of `docs/metrics.md` (long and short window, threshold, both burn rates,
//! firing or not, page or ticket). Thresholds and firing come from `uptrend_core::slo::ALERT_RULES`.

use leptos::prelude::*;
use uptrend_core::slo::{Alert, Lookback, SloEvaluation, ALERT_RULES};

use super::slo_table_view::alert_label;
use crate::charts::Unit;
use crate::html::Html;
use crate::view_model::slo_charts::lookback_label;
use crate::view_model::slo_words::span_in_words;
use crate::web::html_view::markup_section;

pub fn burn_tables(evaluation: &SloEvaluation) -> impl IntoView {
    let rates = &evaluation.burn_rates;
    let window_secs = evaluation.window.length_secs;
    let rate_text = |lookback: Lookback| {
        rates.get(lookback).map_or_else(|| "no events".to_owned(), |rate| Unit::BurnRate.format(rate))
    };
    let number: &[(&str, Option<&str>)] = &[("class", Some("number"))];
    let mut html = Html::new();
    html.element("h3", &[], "Burn rates and alert conditions")
        .open("div", &[("class", Some("scroll"))])
        .open("table", &[("data-testid", Some("burn-rates-table"))])
        .element(
            "caption",
            &[],
            "Burn rate over each lookback at the report instant (× the rate that spends the budget exactly over the window)",
        )
        .open("thead", &[])
        .open("tr", &[]);
    for lookback in Lookback::ALL {
        html.element("th", &[("scope", Some("col")), ("class", Some("number"))], lookback_label(lookback));
    }
    html.close("tr").close("thead").open("tbody", &[]).open("tr", &[]);
    for lookback in Lookback::ALL {
        html.element(
            "td",
            &[("class", Some("number")), ("data-lookback", Some(lookback_label(lookback)))],
            &rate_text(lookback),
        );
    }
    html.close("tr").close("tbody").close("table").close("div");
    let caption = format!(
        "Multiwindow alert conditions: both burn rates must exceed the threshold (window length {})",
        span_in_words(window_secs)
    );
    html.open("div", &[("class", Some("scroll"))])
        .open("table", &[("data-testid", Some("alert-conditions-table"))])
        .element("caption", &[], &caption)
        .open("thead", &[])
        .open("tr", &[]);
    for (name, class) in [
        ("Alert", None),
        ("Spends", None),
        ("Long window", Some("number")),
        ("Short window", Some("number")),
        ("Threshold", Some("number")),
        ("Long burn rate", Some("number")),
        ("Short burn rate", Some("number")),
        ("Firing", None),
    ] {
        html.element("th", &[("scope", Some("col")), ("class", class)], name);
    }
    html.close("tr").close("thead").open("tbody", &[]);
    for rule in ALERT_RULES.iter() {
        let threshold = rule.threshold(window_secs);
        let fires = rule.fires(rates, window_secs);
        let share = format!(
            "{} of the budget in {}",
            Unit::Percent.format(rule.budget_share * 100.0),
            span_in_words(rule.long.secs())
        );
        let (firing_class, firing_text) = match (fires, rule.alert) {
            (true, Alert::Page) => ("status paging", "⚑ firing"),
            (true, _) => ("status ticket", "✉ firing"),
            (false, _) => ("status quiet", "not firing"),
        };
        html.open("tr", &[("data-testid", Some("alert-condition"))])
            .element("td", &[], alert_label(Some(rule.alert)))
            .element("td", &[], &share)
            .element("td", number, lookback_label(rule.long))
            .element("td", number, lookback_label(rule.short))
            .element("td", number, &format!("> {}", Unit::BurnRate.format(threshold)))
            .element("td", number, &rate_text(rule.long))
            .element("td", number, &rate_text(rule.short))
            .element("td", &[("class", Some(firing_class))], firing_text)
            .close("tr");
    }
    html.close("tbody").close("table").close("div");
    markup_section("burn-tables", Some("burn-tables"), html, Vec::new())
}
