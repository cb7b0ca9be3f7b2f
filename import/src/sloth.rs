//! Sloth's SLO spec (`version: prometheus/v1`, or the Kubernetes `PrometheusServiceLevel` whose
//! `spec` has the same shape) to [`SloSpec`]s: each of `slos` with `sli.events` (`error_query`,
//! `total_query`) becomes an SLO `<service>-<name>` (Sloth's own SLO id) with `objective` / 100 and
//! bad/total events. Sloth specs carry no window (Sloth's `--default-slo-period`, 30 days unless
//! changed): the caller passes it. `sli.raw` (an error ratio) and `sli.plugin` are skipped with a
//! warning.

use uptrend_core::model::Budgeting;
use uptrend_core::time::Window;

use crate::imported::Imported;
use crate::percent::ratio_of_percent;
use crate::problem::Problem;
use crate::service_map::ServiceMap;
use crate::slo_spec::{Numerator, SloSpec};
use crate::source_file::SourceFile;
use crate::yaml::{self, At};

const DOCUMENTS: &str = "Sloth specs";
const SLOS: &str = "Sloth SLOs";

/// Reads every spec of every file; `window` is the SLO period the specs are run with.
pub fn definitions(files: &[SourceFile<'_>], window: Window, map: &ServiceMap, out: &mut Imported) -> Vec<SloSpec> {
    let mut specs = Vec::new();
    for file in files {
        let Some(documents) = yaml::documents_of(file, &mut out.problems) else { continue };
        for document in &documents {
            out.counts.read(DOCUMENTS);
            match spec_root(&At::root(file.name, document)) {
                Ok(root) => {
                    out.counts.written(DOCUMENTS);
                    read_spec(&root, window, map, out, &mut specs);
                }
                Err(problem) => {
                    out.problems.push(problem);
                    out.counts.skipped(DOCUMENTS);
                }
            }
        }
    }
    specs
}

/// The node holding `service` and `slos`: the document, or the `spec` of the Kubernetes resource.
fn spec_root<'a>(document: &At<'a>) -> Result<At<'a>, Problem> {
    document.mapping()?;
    if let Some(api_version) = document.get("apiVersion") {
        let kind = document.required("kind")?;
        return match (api_version.str()?, kind.str()?) {
            ("sloth.slok.dev/v1", "PrometheusServiceLevel") => document.required("spec"),
            (version, kind_name) => Err(kind.error(format!(
                "{version} {kind_name} is not a Sloth spec: expected `version: prometheus/v1` or a \
                 sloth.slok.dev/v1 PrometheusServiceLevel"
            ))),
        };
    }
    let version = document.required("version")?;
    match version.text()?.as_str() {
        "prometheus/v1" => Ok(document.clone()),
        other => {
            Err(version.error(format!("Sloth spec version {other:?} is not supported: expected \"prometheus/v1\"")))
        }
    }
}

fn read_spec(root: &At<'_>, window: Window, map: &ServiceMap, out: &mut Imported, specs: &mut Vec<SloSpec>) {
    let service = match root.required("service").and_then(|at| at.text().map(|name| (name, at))) {
        Ok(service) => service,
        Err(problem) => {
            out.problems.push(problem);
            return;
        }
    };
    let slos = match root.required("slos").and_then(|slos| slos.items()) {
        Ok(slos) => slos,
        Err(problem) => {
            out.problems.push(problem);
            return;
        }
    };
    out.counts.add(SLOS, slos.len() as u64, 0, 0);
    let Some(service_id) = out.service(map, &service.0, None, root.file, service.1.location()) else {
        out.counts.add(SLOS, 0, 0, slos.len() as u64);
        return;
    };
    if let Some(team) = root.get("labels").and_then(|labels| labels.get("team")) {
        match team.text() {
            Ok(team) => out.default_team(map, &service.0, &team),
            Err(problem) => out.problems.push(problem),
        }
    }
    for slo in &slos {
        match read_slo(slo, &service.0, &service_id, window) {
            Ok(spec) => {
                specs.push(spec);
                out.counts.written(SLOS);
            }
            Err(problem) => {
                out.problems.push(problem);
                out.counts.skipped(SLOS);
            }
        }
    }
}

fn read_slo(slo: &At<'_>, source_service: &str, service: &str, window: Window) -> Result<SloSpec, Problem> {
    let name = slo.required("name")?.text()?;
    let objective_at = slo.required("objective")?;
    let percent = objective_at.number()?;
    let objective = ratio_of_percent(percent);
    if !(objective > 0.0 && objective < 1.0) {
        return Err(objective_at.error(format!(
            "objective {}% is out of range: Uptrend needs an objective strictly between 0 and 100%",
            percent
        )));
    }
    let sli = slo.required("sli")?;
    if let Some(raw) = sli.get("raw") {
        return Err(raw.warning(
            "a raw SLI (an error ratio query) is not supported: Uptrend needs the error and total event \
             counts (sli.events); the SLO is not imported",
        ));
    }
    if let Some(plugin) = sli.get("plugin") {
        return Err(plugin.warning("SLI plugins are not supported: use sli.events; the SLO is not imported"));
    }
    let events = sli.required("events")?;
    events.required("error_query")?;
    events.required("total_query")?;
    let id = format!("{source_service}-{name}");
    Ok(SloSpec {
        id: id.clone(),
        data_key: id,
        service: service.to_owned(),
        name: slo.get("description").map(|at| at.text()).transpose()?,
        objective,
        window,
        budgeting: Budgeting::Occurrences,
        timeslice_target: None,
        slice: None,
        numerator: Numerator::Bad,
        split_by: Vec::new(),
        file: slo.file.to_owned(),
        location: slo.location(),
    })
}

#[cfg(test)]
mod tests {
    use uptrend_core::time::Span;

    use super::*;

    /// The example of Sloth's prometheus/v1 package documentation, shortened to one SLO per SLI kind.
    const SLOTH_EXAMPLE: &str = r#"version: "prometheus/v1"
service: "k8s-apiserver"
labels:
  cluster: "valhalla"
  component: "kubernetes"
slos:
  - name: "requests-availability"
    objective: 99.9
    description: "Common SLO based on availability for Kubernetes apiserver HTTP request responses."
    sli:
      events:
        error_query: sum(rate(apiserver_request_total{code=~"(5..|429)"}[{{.window}}]))
        total_query: sum(rate(apiserver_request_total[{{.window}}]))
    alerting:
      name: K8sApiserverAvailabilityAlert
  - name: "requests-ratio"
    objective: 99
    sli:
      raw:
        error_ratio_query: sum(rate(x_errors[{{.window}}])) / sum(rate(x_total[{{.window}}]))
    alerting:
      name: X
"#;

    fn window() -> Window {
        Window::Rolling(Span::from_secs(30 * 86_400).unwrap_or(Span::DAY))
    }

    #[test]
    fn event_slos_import_and_raw_ones_are_skipped_with_their_path() {
        let mut out = Imported::default();
        let file = SourceFile { name: "sloth.yaml", bytes: SLOTH_EXAMPLE.as_bytes() };
        let specs = definitions(&[file], window(), &ServiceMap::identity(), &mut out);
        assert_eq!(specs.len(), 1);
        let spec = &specs[0];
        assert_eq!((spec.id.as_str(), spec.service.as_str()), ("k8s-apiserver-requests-availability", "k8s-apiserver"));
        assert!((spec.objective - 0.999).abs() < 1e-12);
        assert_eq!((spec.numerator, spec.window), (Numerator::Bad, window()));
        let shown: Vec<String> = out.problems.iter().map(ToString::to_string).collect();
        assert_eq!(shown.len(), 1);
        assert!(shown[0].starts_with("warning: sloth.yaml:19:7: slos[1].sli.raw: a raw SLI"), "{shown:?}");
        let counts = out.counts.get(SLOS).map(|c| (c.read, c.written, c.skipped));
        assert_eq!(counts, Some((2, 1, 1)));
    }

    #[test]
    fn the_kubernetes_resource_reads_the_same_and_other_documents_are_refused() {
        let resource = format!(
            "apiVersion: sloth.slok.dev/v1\nkind: PrometheusServiceLevel\nmetadata: {{name: x}}\nspec:\n{}",
            SLOTH_EXAMPLE.lines().skip(1).map(|line| format!("  {line}\n")).collect::<String>()
        );
        let mut out = Imported::default();
        let specs = definitions(
            &[SourceFile { name: "k.yaml", bytes: resource.as_bytes() }],
            window(),
            &ServiceMap::identity(),
            &mut out,
        );
        assert_eq!(specs.len(), 1);
        let mut out = Imported::default();
        definitions(
            &[SourceFile { name: "o.yaml", bytes: b"apiVersion: openslo/v1\nkind: SLO\n" }],
            window(),
            &ServiceMap::identity(),
            &mut out,
        );
        assert!(
            out.problems[0].to_string().starts_with("error: o.yaml:2:7: kind: openslo/v1 SLO is not a Sloth spec"),
            "{:?}",
            out.problems
        );
        let mut out = Imported::default();
        definitions(&[SourceFile { name: "p.yaml", bytes: b"version: prometheus/v1\nservice: a\nslos:\n  - name: b\n    objective: 100\n    sli: {events: {error_query: e, total_query: t}}\n" }], window(), &ServiceMap::identity(), &mut out);
        assert!(
            out.problems[0]
                .to_string()
                .starts_with("error: p.yaml:5:16: slos[0].objective: objective 100% is out of range"),
            "{:?}",
            out.problems
        );
    }
}
