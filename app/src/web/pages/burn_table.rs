//! The SLO detail page's burn-rate tables: all seven burn rates at the report instant, and the four
//! multiwindow conditions of `docs/metrics.md` (long and short window, threshold, both burn rates,
//! firing or not, page or ticket). Thresholds and firing come from `uptrend_core::slo::ALERT_RULES`.

use leptos::prelude::*;
use uptrend_core::slo::{Alert, Lookback, SloEvaluation, ALERT_RULES};

use super::slo_table_view::alert_label;
use crate::charts::Unit;
use crate::view_model::slo_charts::lookback_label;
use crate::view_model::slo_words::span_in_words;

pub fn burn_tables(evaluation: &SloEvaluation) -> impl IntoView {
    let rates = &evaluation.burn_rates;
    let window_secs = evaluation.window.length_secs;
    let rate_text = |lookback: Lookback| {
        rates.get(lookback).map_or_else(|| "no events".to_owned(), |rate| Unit::BurnRate.format(rate))
    };
    let rate_headers = Lookback::ALL
        .into_iter()
        .map(|lookback| view! { <th scope="col" class="number">{lookback_label(lookback)}</th> })
        .collect_view();
    let rate_cells = Lookback::ALL
        .into_iter()
        .map(|lookback| view! { <td class="number" data-lookback=lookback_label(lookback)>{rate_text(lookback)}</td> })
        .collect_view();
    let conditions = ALERT_RULES
        .iter()
        .map(|rule| {
            let threshold = rule.threshold(window_secs);
            let fires = rule.fires(rates, window_secs);
            let kind = alert_label(Some(rule.alert));
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
            view! {
                <tr data-testid="alert-condition">
                    <td>{kind}</td>
                    <td>{share}</td>
                    <td class="number">{lookback_label(rule.long)}</td>
                    <td class="number">{lookback_label(rule.short)}</td>
                    <td class="number">{format!("> {}", Unit::BurnRate.format(threshold))}</td>
                    <td class="number">{rate_text(rule.long)}</td>
                    <td class="number">{rate_text(rule.short)}</td>
                    <td class=firing_class>{firing_text}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="burn-tables" data-testid="burn-tables">
            <h3>"Burn rates and alert conditions"</h3>
            <div class="scroll">
                <table data-testid="burn-rates-table">
                    <caption>"Burn rate over each lookback at the report instant (× the rate that spends the budget exactly over the window)"</caption>
                    <thead><tr>{rate_headers}</tr></thead>
                    <tbody><tr>{rate_cells}</tr></tbody>
                </table>
            </div>
            <div class="scroll">
                <table data-testid="alert-conditions-table">
                    <caption>{format!("Multiwindow alert conditions: both burn rates must exceed the threshold (window length {})", span_in_words(window_secs))}</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Alert"</th>
                            <th scope="col">"Spends"</th>
                            <th scope="col" class="number">"Long window"</th>
                            <th scope="col" class="number">"Short window"</th>
                            <th scope="col" class="number">"Threshold"</th>
                            <th scope="col" class="number">"Long burn rate"</th>
                            <th scope="col" class="number">"Short burn rate"</th>
                            <th scope="col">"Firing"</th>
                        </tr>
                    </thead>
                    <tbody>{conditions}</tbody>
                </table>
            </div>
        </section>
    }
}
