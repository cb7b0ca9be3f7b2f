//! Pyrra's `ServiceLevelObjective` (`pyrra.dev/v1alpha1`) to [`SloSpec`]s: `target` (a percentage,
//! often a string) / 100, `window` (m, h, d or w), and a ratio indicator: `ratio` (`errors` and
//! `total`: bad/total) or `latency` (`success` and `total`: good/total); `grouping` labels split
//! the series into one SLO per group, as Pyrra does. The SLO id is `metadata.name`. Pyrra has no
//! service: the caller's service, else `metadata.namespace`. `latencyNative` and `bool_gauge`
//! indicators are skipped with a warning.

use uptrend_core::model::Budgeting;
use uptrend_core::time::Window;

use crate::duration::{parse_duration, Duration};
use crate::imported::Imported;
use crate::percent::ratio_of_percent;
use crate::problem::Problem;
use crate::service_map::ServiceMap;
use crate::slo_spec::{Numerator, SloSpec};
use crate::source_file::SourceFile;
use crate::yaml::{self, At};

const SLOS: &str = "Pyrra SLOs";

/// Reads every `ServiceLevelObjective` of every file; `service` names the service of them all
/// (else each one's namespace).
pub fn definitions(
    files: &[SourceFile<'_>],
    service: Option<&str>,
    map: &ServiceMap,
    out: &mut Imported,
) -> Vec<SloSpec> {
    let mut specs = Vec::new();
    for file in files {
        let Some(documents) = yaml::documents_of(file, &mut out.problems) else { continue };
        for document in &documents {
            out.counts.read(SLOS);
            match read_slo(&At::root(file.name, document), service, map, out) {
                Ok(Some(spec)) => {
                    specs.push(spec);
                    out.counts.written(SLOS);
                }
                Ok(None) => out.counts.skipped(SLOS),
                Err(problem) => {
                    out.problems.push(problem);
                    out.counts.skipped(SLOS);
                }
            }
        }
    }
    specs
}

/// The spec of one document; `Ok(None)` when its service is skipped by the map (warned already).
fn read_slo(
    root: &At<'_>,
    service: Option<&str>,
    map: &ServiceMap,
    out: &mut Imported,
) -> Result<Option<SloSpec>, Problem> {
    root.mapping()?;
    let api_version = root.required("apiVersion")?;
    let kind = root.required("kind")?;
    if api_version.str()? != "pyrra.dev/v1alpha1" || kind.str()? != "ServiceLevelObjective" {
        return Err(kind.error(format!(
            "{} {} is not a Pyrra SLO: expected apiVersion pyrra.dev/v1alpha1, kind ServiceLevelObjective",
            api_version.text()?,
            kind.text()?
        )));
    }
    let metadata = root.required("metadata")?;
    let name = metadata.required("name")?.text()?;
    let spec = root.required("spec")?;
    let target_at = spec.required("target")?;
    let percent = target_at.number()?;
    let objective = ratio_of_percent(percent);
    if !(objective > 0.0 && objective < 1.0) {
        return Err(target_at.error(format!(
            "target {}% is out of range: Uptrend needs an objective strictly between 0 and 100%",
            percent
        )));
    }
    let window_at = spec.required("window")?;
    let window = match parse_duration(&window_at.text()?) {
        Ok(Duration::Fixed(span)) => Window::Rolling(span),
        Ok(_) => return Err(window_at.error("Pyrra windows are Prometheus durations: expected m, h, d or w, like 4w")),
        Err(reason) => return Err(window_at.error(reason)),
    };
    let indicator = spec.required("indicator")?;
    let (numerator, ratio) = match (indicator.get("ratio"), indicator.get("latency")) {
        (Some(ratio), _) => {
            ratio.required("errors")?;
            (Numerator::Bad, ratio)
        }
        (None, Some(latency)) => {
            latency.required("success")?;
            (Numerator::Good, latency)
        }
        (None, None) => {
            let other = indicator.mapping()?.first().map_or("none", |(key, _)| *key).to_owned();
            return Err(indicator.warning(format!(
                "the {other} indicator is not supported: Uptrend reads ratio and latency indicators (event \
                 counts); the SLO is not imported"
            )));
        }
    };
    ratio.required("total")?;
    let split_by = match ratio.get("grouping") {
        Some(grouping) => grouping.items()?.iter().map(At::text).collect::<Result<Vec<_>, _>>()?,
        None => Vec::new(),
    };
    let service_name = match (service, metadata.get("namespace")) {
        (Some(service), _) => service.to_owned(),
        (None, Some(namespace)) => namespace.text()?,
        (None, None) => {
            return Err(metadata.error("a Pyrra SLO names no service: pass --service or set metadata.namespace"))
        }
    };
    let Some(service) = out.service(map, &service_name, None, root.file, metadata.location()) else { return Ok(None) };
    Ok(Some(SloSpec {
        id: name.clone(),
        data_key: name,
        service,
        name: spec.get("description").map(|at| at.text()).transpose()?,
        objective,
        window,
        budgeting: Budgeting::Occurrences,
        timeslice_target: None,
        slice: None,
        numerator,
        split_by,
        file: root.file.to_owned(),
        location: root.location(),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Pyrra's examples/caddy-response-latency.yaml, and a ratio SLO in the shape of its README.
    const PYRRA_EXAMPLES: &str = r#"apiVersion: pyrra.dev/v1alpha1
kind: ServiceLevelObjective
metadata:
  name: caddy-response-latency
spec:
  description: We want our demo to be fast and therefore we want 90% of our responses
    to be faster than 50ms as seen by Caddy.
  indicator:
    latency:
      success:
        metric: caddy_http_response_duration_seconds_bucket{job="caddy",handler="subroute",code!~"5..",le="0.05"}
      total:
        metric: caddy_http_response_duration_seconds_count{job="caddy",handler="subroute",code!~"5.."}
  target: "90"
  window: 4w
---
apiVersion: pyrra.dev/v1alpha1
kind: ServiceLevelObjective
metadata:
  name: pyrra-api-errors
  namespace: monitoring
spec:
  target: "99"
  window: 2w
  indicator:
    ratio:
      errors:
        metric: http_requests_total{job="pyrra",code=~"5.."}
      total:
        metric: http_requests_total{job="pyrra"}
      grouping: [route]
---
apiVersion: pyrra.dev/v1alpha1
kind: ServiceLevelObjective
metadata:
  name: up
  namespace: monitoring
spec:
  target: "99"
  window: 2w
  indicator:
    bool_gauge:
      metric: up{job="pyrra"}
"#;

    #[test]
    fn ratio_and_latency_indicators_import_with_their_grouping() {
        let mut out = Imported::default();
        let file = SourceFile { name: "pyrra.yaml", bytes: PYRRA_EXAMPLES.as_bytes() };
        let specs = definitions(&[file], Some("web"), &ServiceMap::identity(), &mut out);
        assert_eq!(specs.len(), 2);
        assert_eq!(
            (specs[0].id.as_str(), specs[0].numerator, specs[0].objective),
            ("caddy-response-latency", Numerator::Good, 0.9)
        );
        assert_eq!(specs[0].window, Window::Rolling(uptrend_core::time::Span::WEEK.pipe(4)));
        assert_eq!(
            (specs[1].numerator, specs[1].split_by.as_slice()),
            (Numerator::Bad, ["route".to_owned()].as_slice())
        );
        assert_eq!(specs[1].service, "web");
        let shown: Vec<String> = out.problems.iter().map(ToString::to_string).collect();
        assert_eq!(shown.len(), 1);
        assert!(
            shown[0].starts_with("warning: pyrra.yaml:41:3: spec.indicator: the bool_gauge indicator is not supported"),
            "{shown:?}"
        );
    }

    #[test]
    fn without_a_service_the_namespace_is_used_or_the_slo_is_refused() {
        let mut out = Imported::default();
        let file = SourceFile { name: "pyrra.yaml", bytes: PYRRA_EXAMPLES.as_bytes() };
        let specs = definitions(&[file], None, &ServiceMap::identity(), &mut out);
        assert_eq!(specs.iter().map(|s| s.service.as_str()).collect::<Vec<_>>(), ["monitoring"]);
        assert!(
            out.problems[0].to_string().starts_with("error: pyrra.yaml:3:1: metadata: a Pyrra SLO names no service"),
            "{:?}",
            out.problems
        );
    }

    trait Pipe {
        fn pipe(self, n: i64) -> uptrend_core::time::Span;
    }

    impl Pipe for uptrend_core::time::Span {
        fn pipe(self, n: i64) -> uptrend_core::time::Span {
            uptrend_core::time::Span::from_secs(self.secs() * n).unwrap_or(self)
        }
    }
}
