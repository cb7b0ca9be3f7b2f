//! OpenSLO v1 to SLO definitions, rule by rule. The documents are the OpenSLO repository's own
//! examples (README, examples/budgeting-method, examples/treat-low-traffic-as-equally-important),
//! quoted as they are where they show a rule Uptrend refuses, made concrete where they import.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use uptrend_core::model::Budgeting;
use uptrend_core::time::{CalendarPeriod, Span, Window};
use uptrend_import::openslo::{definitions, SourceFile};
use uptrend_import::{Imported, Numerator, ServiceMap, SloSpec};

fn read(text: &str) -> (Vec<SloSpec>, Imported) {
    let mut imported = Imported::default();
    let specs = definitions(
        &[SourceFile { name: "slos.yaml", bytes: text.as_bytes() }],
        &ServiceMap::identity(),
        &mut imported,
    );
    (specs, imported)
}

fn shown(imported: &Imported) -> Vec<String> {
    imported.problems.iter().map(ToString::to_string).collect()
}

/// The README's SLO with an inline indicator, with the `timeWindow` Uptrend needs and both kinds of
/// target from the README's objectives example.
const README_INLINE: &str = r#"apiVersion: openslo/v1
kind: SLO
metadata:
  name: foo-slo
  displayName: Foo SLO
spec:
  service: foo
  indicator:
    metadata:
      name: foo-error
      displayName: Foo Error
    spec:
      ratioMetric:
        counter: true
        good:
          metricSource:
            metricSourceRef: datadog-datasource
            type: Datadog
            spec:
              query: sum:trace.http.request.hits.by_http_status{http.status_code:200}.as_count()
        total:
          metricSource:
            metricSourceRef: datadog-datasource
            type: Datadog
            spec:
              query: sum:trace.http.request.hits.by_http_status{*}.as_count()
  timeWindow:
    - duration: 4w
      isRolling: true
  budgetingMethod: Occurrences
  objectives:
    - displayName: Foo Total Errors
      target: 0.98
    - displayName: Bar Total Errors
      targetPercent: 99.99
"#;

#[test]
fn each_objective_becomes_an_slo_with_a_derived_id() {
    let (specs, imported) = read(README_INLINE);
    assert!(imported.problems.is_empty(), "{:?}", shown(&imported));
    let ids: Vec<&str> = specs.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, ["foo-slo-foo-total-errors", "foo-slo-bar-total-errors"]);
    assert!(specs.iter().all(|s| s.data_key == "foo-slo" && s.service == "foo" && s.numerator == Numerator::Good));
    assert_eq!(specs[0].objective, 0.98);
    // 99.99 / 100.0 would be 0.9998999999999999: the decimal point is moved instead.
    assert_eq!(specs[1].objective, 0.9999);
    assert_eq!(specs[0].window, Window::Rolling(Span::from_secs(28 * 86_400).unwrap()));
    assert_eq!(specs[0].budgeting, Budgeting::Occurrences);
    assert_eq!(specs[0].name.as_deref(), Some("Foo SLO: Foo Total Errors"));
    let objectives = imported.counts.get("OpenSLO objectives").unwrap();
    assert_eq!((objectives.read, objectives.written, objectives.skipped), (2, 2, 0));
}

#[test]
fn one_objective_keeps_the_slo_name_and_bad_total_is_read() {
    let text = README_INLINE
        .replace("        good:\n", "        bad:\n")
        .replace("    - displayName: Bar Total Errors\n      targetPercent: 99.99\n", "");
    let (specs, imported) = read(&text);
    assert!(imported.problems.is_empty(), "{:?}", shown(&imported));
    assert_eq!((specs[0].id.as_str(), specs[0].numerator), ("foo-slo", Numerator::Bad));
    assert_eq!(specs[0].name.as_deref(), Some("Foo SLO"));
}

#[test]
fn indicator_refs_and_services_resolve_across_documents() {
    let text = r#"apiVersion: openslo/v1
kind: SLO
metadata:
  name: api
spec:
  service: web
  indicatorRef: api-errors
  timeWindow: [{duration: 1w, isRolling: false, calendar: {startTime: "2026-11-16 00:00:00", timeZone: UTC}}]
  budgetingMethod: Timeslices
  objectives:
    - target: 0.99
      timeSliceTarget: 0.95
      timeSliceWindow: 5
---
apiVersion: openslo/v1
kind: SLI
metadata: {name: api-errors}
spec:
  ratioMetric: {bad: {metricSource: {spec: {query: x}}}, total: {metricSource: {spec: {query: y}}}}
---
apiVersion: openslo/v1
kind: Service
metadata: {name: web, displayName: Web front, labels: {team: [storefront]}}
spec: {}
"#;
    let (specs, imported) = read(text);
    assert!(imported.problems.is_empty(), "{:?}", shown(&imported));
    let spec = &specs[0];
    assert_eq!(spec.window, Window::Calendar(CalendarPeriod::Week));
    assert_eq!((spec.budgeting, spec.timeslice_target), (Budgeting::Timeslices, Some(0.95)));
    assert_eq!(spec.slice, Span::from_secs(300), "a number is minutes");
    assert_eq!(spec.numerator, Numerator::Bad);
    let service = imported.services().next().unwrap();
    assert_eq!((service.name.as_deref(), service.team.as_deref()), (Some("Web front"), Some("storefront")));
}

/// examples/budgeting-method/occurences-slo.yaml: a thresholdMetric SLI.
const THRESHOLD_EXAMPLE: &str = r#"apiVersion: openslo/v1
kind: SLO
metadata:
  name: search-slo
  displayName: Searching time
spec:
  description: Regardless of the number of paraller searches it never should be more than 500ms.
  service: web-shop
  indicator:
    metadata:
      name: search-latency
      displayName: Latency of user searches
    spec:
      thresholdMetric:
        metricSource:
          type: Any # Any service with needed metrics.
          spec: # Fields necessary to query service for the data.
            query: Any # 'query' is just an example field.
  timeWindow:
    - duration: 2w # Two weeks is a good choice in most cases.
      isRolling: true # Rolling timewindow give us better view if service starts to working better.
  budgetingMethod: Occurrences # As said in README.md, occurrences are great for measuring all searches the same way.
  objectives:
    - displayName: Good experience
      op: lt
      value: 500
      target: 0.99
  alertPolicies: # Doesn't matter in this example but you should have something in here.
"#;

#[test]
fn threshold_objectives_are_skipped_with_their_path() {
    let (specs, imported) = read(THRESHOLD_EXAMPLE);
    assert!(specs.is_empty());
    assert_eq!(shown(&imported), ["warning: slos.yaml:26:14: spec.objectives[0].value: threshold objectives (`op` and `value`) are not supported: Uptrend needs good and total event counts; the objective is not imported"]);
    let without_value = THRESHOLD_EXAMPLE.replace("      value: 500\n", "");
    let (_, imported) = read(&without_value);
    assert!(
        shown(&imported)[0]
            .starts_with("warning: slos.yaml:14:7: spec.indicator.spec.thresholdMetric: thresholdMetric SLIs"),
        "{:?}",
        shown(&imported)
    );
    let objectives = imported.counts.get("OpenSLO objectives").unwrap();
    assert_eq!((objectives.read, objectives.written, objectives.skipped), (1, 0, 1));
}

/// examples/budgeting-method/ratio-timeslices.yaml.
const RATIO_TIMESLICES_EXAMPLE: &str = r#"apiVersion: openslo/v1
kind: SLO
metadata:
  name: main-page
  displayName: Main page availability
spec:
  description: Our main page should be available always
  service: web-shop
  indicator:
    metadata:
      name: response-code
      displayName: Response codes of requests to main page
    spec:
      ratioMetric:
        good: # In most cases it is easier to think about timeslices in ratio metrics.
          metricSource:
            type: Any # Here put any service that holds information you need.
            spec: # Fields necessary to query service for the data.
              query: Any # 'query' is just an example field.
        total:
          metricSource:
            type: Any # Here put any service that holds information you need.
            spec: # Fields necessary to query service for the data.
              query: Any # 'query' is just an example field.
  timeWindow:
   - duration: 2w
     isRolling: true
  budgetingMethod: RatioTimeslices
  objectives:
    - displayName: Good
      op: gt
      timeSliceWindow: 1m
      target: 0.99
"#;

#[test]
fn ratio_timeslices_are_skipped_with_their_path() {
    let (specs, imported) = read(RATIO_TIMESLICES_EXAMPLE);
    assert!(specs.is_empty());
    assert!(
        shown(&imported)[0].starts_with("warning: slos.yaml:28:20: spec.budgetingMethod: RatioTimeslices"),
        "{:?}",
        shown(&imported)
    );
}

/// examples/budgeting-method/timeslices-slo.yaml, whose calendar window is `1m`.
const TIMESLICES_EXAMPLE: &str = r#"apiVersion: openslo/v1
kind: SLO
metadata:
  name: service-availability
  displayName: Reflaction of out availability SLA
spec:
  description: SLO to see if we are above our SLA and to react before.
  service: web-availability
  indicator:
    metadata:
      name: web-availability
      displayName: Time when our service was running.
    spec:
      ratioMetric:
        good:
          metricSource:
            type: Any # Any service with needed metrics
            spec: # Fields necessary to query service for the data.
              query: Any # 'query' is just an example field.
        total:
          metricSource:
            type: Any # Any service with needed metrics
            spec: # Fields necessary to query service for the data.
              query: Any # 'query' is just an example field.
  timeWindow:
    - duration: 1m # Contracts often are for 1 month time window
      isRolling: false # Most of contracts starts counting at beginning of month
      calendar:
        startTime: 2022-01-01 12:00:00
        timeZone: America/New_York
  budgetingMethod: Timeslices
  objectives:
    - displayName: Internal objective
      op: gt
      target: 0.995 # It is good to make bigger objective to react faster
      timeSliceTarget: 0.99
      timeSliceWindow: 1m # Rest of the fields should reflect exactly our contract
    - displayName: SLA # It is good to have objective exactly as SLA contract says
      target: 0.99
      timeSliceTarget: 0.99
      timeSliceWindow: 1m
  alertPolicies: # SLO that monitor your SLA should always have some alert policy.
"#;

#[test]
fn calendar_windows_must_be_a_utc_week_month_or_quarter_from_a_period_start() {
    let (specs, imported) = read(TIMESLICES_EXAMPLE);
    assert!(specs.is_empty());
    assert_eq!(shown(&imported), ["error: slos.yaml:26:17: spec.timeWindow[0].duration: a calendar window of 1m (one minute) is not supported: a month is 1M"]);
    let month = TIMESLICES_EXAMPLE.replace("duration: 1m #", "duration: 1M #");
    assert!(shown(&read(&month).1)[0]
        .contains("spec.timeWindow[0].calendar.timeZone: calendar time zone \"America/New_York\" is not supported"));
    let utc = month.replace("America/New_York", "UTC");
    assert!(shown(&read(&utc).1)[0].contains("calendar.startTime: start time 2022-01-01 12:00:00 is not a period start: Uptrend's calendar months start on the 1st at 00:00 UTC"));
    let (specs, imported) = read(&utc.replace("12:00:00", "00:00:00"));
    assert!(imported.problems.is_empty(), "{:?}", shown(&imported));
    assert_eq!(specs.len(), 2);
    assert_eq!(specs[1].id, "service-availability-sla");
    assert_eq!((specs[1].window, specs[1].slice), (Window::Calendar(CalendarPeriod::Month), Span::from_secs(60)));
    let quarter = utc.replace("duration: 1M", "duration: 1Q").replace("2022-01-01 12:00:00", "2022-02-01 00:00:00");
    assert!(shown(&read(&quarter).1)[0].contains("quarters start on 1 January, April, July and October"));
}

#[test]
fn rolling_windows_take_fixed_lengths_only() {
    let months = README_INLINE.replace("duration: 4w", "duration: 1M");
    let months = shown(&read(&months).1);
    assert!(
        months[0].starts_with(
            "error: slos.yaml:28:17: spec.timeWindow[0].duration: a rolling window of 1M is not supported"
        ),
        "{months:?}"
    );
    let seconds = README_INLINE.replace("duration: 4w", "duration: 90s");
    assert!(shown(&read(&seconds).1)[0].contains("\"90s\" is not a duration Uptrend can use"));
}

#[test]
fn wrong_documents_are_errors_naming_path_line_and_reason() {
    let cases = [
        (
            README_INLINE.replace("kind: SLO", "kind: Dashboard"),
            "error: slos.yaml:2:7: kind: unknown kind \"Dashboard\"",
        ),
        (
            README_INLINE.replace("openslo/v1", "openslo/v1alpha"),
            "error: slos.yaml:1:13: apiVersion: apiVersion \"openslo/v1alpha\" is not supported",
        ),
        (
            README_INLINE.replace("  budgetingMethod: Occurrences\n", ""),
            "error: slos.yaml:6:1: spec.budgetingMethod: the required field `budgetingMethod` is missing",
        ),
        (
            README_INLINE.replace("        total:", "        bad: {}\n        total:"),
            "error: slos.yaml:21:9: spec.indicator.spec.ratioMetric.bad: both `good` and `bad` are given",
        ),
        (
            README_INLINE.replace("target: 0.98", "target: 1.2"),
            "error: slos.yaml:33:15: spec.objectives[0].target: target 1.2 is out of range",
        ),
        (
            README_INLINE.replace("  indicator:\n", "  indicatorRef: nope\n  indicator:\n"),
            "error: slos.yaml:8:17: spec.indicatorRef: both `indicator` and `indicatorRef` are given",
        ),
        (
            "version: prometheus/v1\nservice: x\n".to_owned(),
            "error: slos.yaml:1:10: version: this is a Sloth spec: import it with `uptrend import sloth`",
        ),
        ("kind: SLO\nspec: [\n".to_owned(), "error: slos.yaml:3:1: the file is not valid YAML"),
    ];
    for (text, expected) in cases {
        let (_, imported) = read(&text);
        let first = shown(&imported).first().cloned().unwrap_or_default();
        assert!(first.starts_with(expected), "expected {expected:?}, got {:?}", shown(&imported));
        assert!(imported.has_errors());
    }
}

#[test]
fn other_kinds_are_counted_and_warned_not_dropped() {
    let text =
        format!("{README_INLINE}---\napiVersion: openslo/v1\nkind: DataSource\nmetadata: {{name: prom}}\nspec: {{}}\n");
    let (specs, imported) = read(&text);
    assert_eq!(specs.len(), 2);
    assert!(shown(&imported)[0].contains("kind DataSource is not imported"));
    let documents = imported.counts.get("OpenSLO documents").unwrap();
    assert_eq!((documents.read, documents.written, documents.skipped), (2, 1, 1));
}
