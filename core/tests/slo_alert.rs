//! Burn rates, the multiwindow multi-burn-rate alert and the status, on 5-minute data.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod slo_support;

use slo_support::{assert_close, assert_close_opt, at, b, occurrences, repeat};
use uptrend_core::model::{Counts, SloData};
use uptrend_core::slo::{evaluate, Alert, Status, ALERT_RULES};

const DAY_SECS: i64 = 86_400;

#[test]
fn thresholds_scale_with_the_window_length() {
    let thresholds = |days: i64| ALERT_RULES.map(|rule| rule.threshold(days * DAY_SECS));
    // f(p, L) = p * W / L. 30d: 0.02 * 720 = 14.4; 0.05 * 120 = 6; 0.1 * 30 = 3; 0.1 * 10 = 1.
    // 28d: 0.02 * 672 = 13.44; 0.05 * 112 = 5.6; 0.1 * 28 = 2.8; 0.1 * 28 / 3 = 0.9333...
    // 31-day month: 0.02 * 744 = 14.88; 0.05 * 124 = 6.2; 0.1 * 31 = 3.1; 0.1 * 31 / 3 = 1.0333...
    for (days, want) in
        [(30, [14.4, 6.0, 3.0, 1.0]), (28, [13.44, 5.6, 2.8, 2.8 / 3.0]), (31, [14.88, 6.2, 3.1, 3.1 / 3.0])]
    {
        for (got, want) in thresholds(days).into_iter().zip(want) {
            assert_close(got, want);
        }
    }
}

/// Three days of 5-minute buckets of 1000 events (864 buckets): all good except the last hour (12
/// buckets), which has `bad_per_bucket` bad events each.
fn bad_last_hour(window: &str, start: &str, bad_per_bucket: u64) -> SloData {
    let mut buckets = repeat(b(1000, 1000), 864 - 12);
    buckets.extend(repeat(Some(Counts { good: 1000 - bad_per_bucket, total: 1000 }), 12));
    occurrences(0.99, window, start, "5m", buckets)
}

#[test]
fn a_burn_of_14_pages_on_28_days_but_not_on_30() {
    // 140 bad of 1000 in the last hour: BR(5m) = BR(30m) = BR(1h) = 0.14 / 0.01 = 14; BR(2h) = 7;
    // BR(6h) = 14 * 12/72 = 2.333; BR(1d) = 14 * 12/288 = 0.5833; BR(3d) = 14 * 12/864 = 0.19444.
    let as_of = at("2026-01-04T00:00:00Z");
    let e28 = evaluate(&bad_last_hour("28d", "2026-01-01T00:00:00Z", 140), as_of).unwrap();
    for (got, want) in [
        (e28.burn_rates.minutes5, 14.0),
        (e28.burn_rates.minutes30, 14.0),
        (e28.burn_rates.hour1, 14.0),
        (e28.burn_rates.hours2, 7.0),
        (e28.burn_rates.hours6, 14.0 / 6.0),
        (e28.burn_rates.day1, 14.0 / 24.0),
        (e28.burn_rates.days3, 14.0 / 72.0),
    ] {
        assert_close_opt(got, want);
    }
    // 28d: 14 > 13.44 on 1h and 5m -> page. Budget: 864 000 events, allowed 8640, bad 1680 -> 0.80556 left.
    assert_eq!(e28.alert, Alert::Page);
    assert_close_opt(e28.error_budget.remaining_ratio, 1.0 - 1680.0 / 8640.0);
    assert_eq!(e28.status, Status::AtRisk);
    // 30d: 14 <= 14.4; 6h 2.33 <= 6; 1d 0.58 <= 3; 3d 0.19 <= 1 -> none, and healthy.
    let e30 = evaluate(&bad_last_hour("30d", "2026-01-01T00:00:00Z", 140), as_of).unwrap();
    assert_eq!((e30.alert, e30.status), (Alert::None, Status::Healthy));
}

#[test]
fn a_calendar_month_scales_thresholds_with_its_full_length() {
    // BR(1h) = BR(5m) = 0.145 / 0.01 = 14.5 three days into a month.
    // March (31 days): 14.5 <= 14.88 and the slower rates stay below 6.2, 3.1, 1.033 -> none.
    let march = evaluate(&bad_last_hour("calendar:month", "2026-03-01T00:00:00Z", 145), at("2026-03-04T00:00:00Z"));
    assert_eq!(march.unwrap().alert, Alert::None);
    // February 2026 (28 days): 14.5 > 13.44 -> page. A 30d rolling window: 14.5 > 14.4 -> page.
    let february = evaluate(&bad_last_hour("calendar:month", "2026-02-01T00:00:00Z", 145), at("2026-02-04T00:00:00Z"));
    assert_eq!(february.unwrap().alert, Alert::Page);
    let rolling = evaluate(&bad_last_hour("30d", "2026-03-01T00:00:00Z", 145), at("2026-03-04T00:00:00Z"));
    assert_eq!(rolling.unwrap().alert, Alert::Page);
}

#[test]
fn a_steady_double_burn_tickets_and_breaches() {
    // 2% bad everywhere on a 99% SLO: every BR = 2. Pages need > 14.4 or > 6, the 1d ticket > 3; the 3d
    // ticket needs > 1 on 3d and 6h -> ticket. Budget: 864 000 events, allowed 8640, bad 17 280 -> -1.
    let slo = occurrences(0.99, "30d", "2026-01-01T00:00:00Z", "5m", repeat(b(980, 1000), 864));
    let e = evaluate(&slo, at("2026-01-04T00:00:00Z")).unwrap();
    assert_eq!(e.alert, Alert::Ticket);
    assert_close_opt(e.error_budget.remaining_ratio, -1.0);
    assert_eq!(e.status, Status::Breached);
}

#[test]
fn a_burn_rate_equal_to_its_threshold_does_not_fire_and_zero_remaining_is_at_risk() {
    // Objective 0.5, half the events bad: BR = 0.5 / 0.5 = 1 exactly = the 30d 3-day threshold
    // (0.1 * 2 592 000 / 259 200 = 1), which needs a strict excess. Remaining = 1 - 0.5T / 0.5T = 0:
    // not breached (needs < 0) but at risk (< 0.25).
    let slo = occurrences(0.5, "30d", "2026-01-01T00:00:00Z", "5m", repeat(b(500, 1000), 864));
    let e = evaluate(&slo, at("2026-01-04T00:00:00Z")).unwrap();
    assert_eq!(e.burn_rates.days3, Some(1.0));
    assert_eq!(e.alert, Alert::None);
    assert_eq!(e.error_budget.remaining_ratio, Some(0.0));
    assert_eq!(e.status, Status::AtRisk);
}

#[test]
fn lookbacks_longer_than_the_data_use_what_there_is_and_null_never_fires() {
    // One hour of data, all bad: every lookback sees the same 12 buckets -> BR = 1 / 0.01 = 100.
    // The 5m lookback is one bucket with no traffic -> null, so the 1h page rule cannot fire; the 6h
    // rule (30m: 100 > 6) pages.
    let mut buckets = repeat(b(0, 10), 11);
    buckets.push(b(0, 0));
    let slo = occurrences(0.99, "30d", "2026-01-01T00:00:00Z", "5m", buckets);
    let e = evaluate(&slo, at("2026-01-01T01:00:00Z")).unwrap();
    assert_eq!(e.burn_rates.minutes5, None);
    assert_close_opt(e.burn_rates.days3, 100.0);
    assert_eq!(e.alert, Alert::Page);
    // With the 30m lookback also without traffic, only the ticket rules remain: 1d and 2h at 100 > 3.
    let mut quiet_end = repeat(b(0, 10), 6);
    quiet_end.extend(repeat(b(0, 0), 6));
    let slo = occurrences(0.99, "30d", "2026-01-01T00:00:00Z", "5m", quiet_end);
    assert_eq!(evaluate(&slo, at("2026-01-01T01:00:00Z")).unwrap().alert, Alert::Ticket);
}
