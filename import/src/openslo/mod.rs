//! OpenSLO v1 definitions to [`SloSpec`]s: kinds `Service`, `SLO` and `SLI`, one or many documents
//! per file, SLIs inline (`indicator`) or by name (`indicatorRef`).
//!
//! Mapping (docs/importing.md has the full table): each objective with a `target` or
//! `targetPercent` becomes an SLO, with id `<slo name>` when the SLO has one objective and
//! `<slo name>-<objective>` otherwise; `ratioMetric` `good`/`total` or `bad`/`total`; `timeWindow`
//! rolling or calendar ([`window`]); `budgetingMethod` `Occurrences` or `Timeslices`. What Uptrend
//! cannot express (threshold metrics and objectives, raw ratios, `RatioTimeslices`, composite
//! objectives) is skipped with a warning at its YAML path; what is wrong is an error.

mod objectives;
mod window;

use std::collections::HashMap;

use crate::imported::Imported;
use crate::problem::Problem;
use crate::service_map::ServiceMap;
use crate::slo_spec::SloSpec;
use crate::yaml::{self, At, Node};

pub use crate::source_file::SourceFile;
const DOCUMENTS: &str = "OpenSLO documents";
const API_VERSION: &str = "openslo/v1";

/// Kinds of OpenSLO v1 that hold nothing Uptrend reads.
const IGNORED_KINDS: [&str; 4] = ["DataSource", "AlertPolicy", "AlertCondition", "AlertNotificationTarget"];

/// A `Service` document: its display name and team (`metadata.labels.team`).
#[derive(Debug, Clone, Default)]
struct ServiceInfo {
    display_name: Option<String>,
    team: Option<String>,
}

/// Reads every file's documents; the SLO definitions come back, everything else goes into `out`
/// (services through `map`, counts, problems).
pub fn definitions(files: &[SourceFile<'_>], map: &ServiceMap, out: &mut Imported) -> Vec<SloSpec> {
    let mut parsed: Vec<(&str, Vec<Node>)> = Vec::with_capacity(files.len());
    for file in files {
        if let Some(documents) = yaml::documents_of(file, &mut out.problems) {
            parsed.push((file.name, documents));
        }
    }
    let mut services: HashMap<String, ServiceInfo> = HashMap::new();
    let mut indicators: HashMap<String, At<'_>> = HashMap::new();
    let mut slos: Vec<At<'_>> = Vec::new();
    for (file, documents) in &parsed {
        for document in documents {
            let root = At::root(file, document);
            out.counts.read(DOCUMENTS);
            match classify(&root) {
                Ok(Kind::Service(name, info)) => {
                    services.insert(name, info);
                    out.counts.written(DOCUMENTS);
                }
                Ok(Kind::Indicator(name)) => {
                    indicators.insert(name, root);
                    out.counts.written(DOCUMENTS);
                }
                Ok(Kind::Slo) => {
                    slos.push(root);
                    out.counts.written(DOCUMENTS);
                }
                Ok(Kind::Ignored(problem)) | Err(problem) => {
                    out.problems.push(problem);
                    out.counts.skipped(DOCUMENTS);
                }
            }
        }
    }
    let mut specs = Vec::new();
    for slo in &slos {
        objectives::slo_specs(
            slo,
            &indicators,
            |name| services.get(name).and_then(|s| s.display_name.clone()),
            map,
            out,
            &mut specs,
        );
    }
    for (name, info) in &services {
        if let Some(team) = &info.team {
            out.default_team(map, name, team);
        }
    }
    specs
}

/// `metadata.labels.team`: a string, or a list of one (OpenSLO labels may hold lists).
fn team_label(metadata: &At<'_>) -> Result<Option<String>, Problem> {
    let Some(team) = metadata.get("labels").and_then(|labels| labels.get("team")) else { return Ok(None) };
    if let Ok(items) = team.items() {
        return match items.as_slice() {
            [only] => only.text().map(Some),
            _ => Ok(None),
        };
    }
    team.text().map(Some)
}

enum Kind {
    Service(String, ServiceInfo),
    Indicator(String),
    Slo,
    /// A kind Uptrend does not read: the warning saying so.
    Ignored(Problem),
}

fn classify(root: &At<'_>) -> Result<Kind, Problem> {
    root.mapping()?;
    if let Some(version) = root.get("version").filter(|_| root.get("apiVersion").is_none()) {
        if version.text()? == "prometheus/v1" {
            return Err(version.error("this is a Sloth spec: import it with `uptrend import sloth`"));
        }
    }
    let api_version = root.required("apiVersion")?;
    let kind_at = root.required("kind")?;
    let kind = kind_at.str()?;
    match api_version.str()? {
        API_VERSION => {}
        "pyrra.dev/v1alpha1" => {
            return Err(api_version.error("this is a Pyrra SLO: import it with `uptrend import pyrra`"))
        }
        other => {
            return Err(api_version
                .error(format!("apiVersion {other:?} is not supported: expected {API_VERSION:?} (OpenSLO v1)")))
        }
    }
    let name = || -> Result<String, Problem> {
        let name = root.required("metadata")?.required("name")?;
        let text = name.text()?;
        if text.is_empty() {
            return Err(name.error("the name is empty"));
        }
        Ok(text)
    };
    match kind {
        "Service" => {
            let metadata = root.required("metadata")?;
            let display_name = metadata.get("displayName").map(|at| at.text()).transpose()?;
            Ok(Kind::Service(name()?, ServiceInfo { display_name, team: team_label(&metadata)? }))
        }
        "SLI" => {
            root.required("spec")?.mapping()?;
            Ok(Kind::Indicator(name()?))
        }
        "SLO" => Ok(Kind::Slo),
        ignored if IGNORED_KINDS.contains(&ignored) => Ok(Kind::Ignored(kind_at.warning(format!(
            "kind {ignored} is not imported: Uptrend reads Service, SLO and SLI (it computes its own alerts)"
        )))),
        other => Err(kind_at.error(format!(
            "unknown kind {other:?}: OpenSLO v1 kinds are Service, SLO, SLI, DataSource, AlertPolicy, \
             AlertCondition and AlertNotificationTarget"
        ))),
    }
}
