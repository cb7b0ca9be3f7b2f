//! A Prometheus range query result as `curl .../api/v1/query_range` prints it
//! (`{"status":"success","data":{"resultType":"matrix","result":[...]}}`) or as
//! `promtool query range -o json` prints it (the bare `result` array): series of labels and
//! `[unix_seconds, "value"]` samples, each located by its JSON path.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::problem::{Location, Problem};

/// One series of a matrix.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    pub labels: BTreeMap<String, String>,
    /// JSON path of the series (`data.result[2]`).
    pub path: String,
    pub samples: Vec<RawSample>,
}

/// A sample as written: the timestamp in (possibly fractional) seconds and the value text.
#[derive(Debug, Clone, PartialEq)]
pub struct RawSample {
    pub at_secs: f64,
    pub value: String,
    /// Its index in the series' `values`.
    pub index: usize,
}

impl Series {
    /// `{code="200", job="api"}`, as PromQL writes a label set.
    pub fn label_text(&self) -> String {
        let pairs: Vec<String> = self.labels.iter().map(|(name, value)| format!("{name}={value:?}")).collect();
        format!("{{{}}}", pairs.join(", "))
    }

    pub fn sample_path(&self, index: usize) -> String {
        format!("{}.values[{index}]", self.path)
    }
}

/// Parses a query result file; anything that is not a range query's matrix is one located error.
pub fn parse_matrix(file: &str, bytes: &[u8]) -> Result<Vec<Series>, Problem> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF".as_slice()).unwrap_or(bytes);
    let root: Value = serde_json::from_slice(bytes).map_err(|err| {
        Problem::error(
            file,
            Location::file().at(err.line(), err.column()),
            format!("the file is not valid JSON: {err}"),
        )
    })?;
    let fail = |path: &str, message: String| Problem::error(file, Location::path(path), message);
    let (result, result_path) = match &root {
        Value::Array(_) => (&root, String::new()),
        Value::Object(fields) => {
            match fields.get("status").and_then(Value::as_str) {
                Some("success") => {}
                Some("error") => {
                    let kind = fields.get("errorType").and_then(Value::as_str).unwrap_or("unknown");
                    let reason = fields.get("error").and_then(Value::as_str).unwrap_or("no reason given");
                    return Err(fail("status", format!("Prometheus answered with an error ({kind}): {reason}")));
                }
                _ => {
                    return Err(fail(
                        "status",
                        "expected `\"status\": \"success\"` of a Prometheus API response".into(),
                    ))
                }
            }
            let data = fields.get("data").ok_or_else(|| fail("data", "the required field `data` is missing".into()))?;
            match data.get("resultType").and_then(Value::as_str) {
                Some("matrix") => {}
                Some(other) => {
                    return Err(fail(
                        "data.resultType",
                        format!(
                            "expected a range query result (resultType \"matrix\"), found {other:?}: \
                             query /api/v1/query_range, not /api/v1/query"
                        ),
                    ))
                }
                None => return Err(fail("data.resultType", "the required field `resultType` is missing".into())),
            }
            let result = data
                .get("result")
                .ok_or_else(|| fail("data.result", "the required field `result` is missing".into()))?;
            (result, "data.result".to_owned())
        }
        other => {
            return Err(fail(
                "",
                format!("expected a Prometheus API response object or a list of series, found {}", kind(other)),
            ))
        }
    };
    let Value::Array(items) = result else {
        return Err(fail(&result_path, format!("expected a list of series, found {}", kind(result))));
    };
    items.iter().enumerate().map(|(index, item)| series(file, &format!("{result_path}[{index}]"), item)).collect()
}

fn series(file: &str, path: &str, item: &Value) -> Result<Series, Problem> {
    let fail = |at: String, message: String| Problem::error(file, Location::path(at), message);
    let Value::Object(fields) = item else {
        return Err(fail(path.to_owned(), format!("expected a series object, found {}", kind(item))));
    };
    if fields.contains_key("histograms") {
        return Err(fail(
            format!("{path}.histograms"),
            "native histogram samples are not supported: query counters (like `_count` or `_bucket` series)".into(),
        ));
    }
    let mut labels = BTreeMap::new();
    match fields.get("metric") {
        None => {}
        Some(Value::Object(metric)) => {
            for (name, value) in metric {
                let Some(value) = value.as_str() else {
                    return Err(fail(
                        format!("{path}.metric.{name}"),
                        format!("expected a label value string, found {}", kind(value)),
                    ));
                };
                labels.insert(name.clone(), value.to_owned());
            }
        }
        Some(other) => {
            return Err(fail(format!("{path}.metric"), format!("expected a label object, found {}", kind(other))))
        }
    }
    let values_path = format!("{path}.values");
    let Some(values) = fields.get("values") else {
        return Err(fail(values_path, "the required field `values` is missing: expected a matrix series".into()));
    };
    let Value::Array(values) = values else {
        return Err(fail(values_path, format!("expected a list of [time, value] samples, found {}", kind(values))));
    };
    let mut samples = Vec::with_capacity(values.len());
    for (index, sample) in values.iter().enumerate() {
        let at = format!("{values_path}[{index}]");
        let pair = match sample {
            Value::Array(pair) if pair.len() == 2 => pair,
            _ => return Err(fail(at, format!("expected a [time, \"value\"] pair, found {}", short(sample)))),
        };
        let Some(at_secs) = pair[0].as_f64() else {
            return Err(fail(
                format!("{at}[0]"),
                format!("expected the sample time in Unix seconds, found {}", short(&pair[0])),
            ));
        };
        let value = match &pair[1] {
            Value::String(text) => text.clone(),
            Value::Number(number) => number.to_string(),
            other => {
                return Err(fail(
                    format!("{at}[1]"),
                    format!("expected the sample value as a string, found {}", short(other)),
                ))
            }
        };
        samples.push(RawSample { at_secs, value, index });
    }
    Ok(Series { labels, path: path.to_owned(), samples })
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// A value for a message, cut short.
fn short(value: &Value) -> String {
    let text = value.to_string();
    match text.char_indices().nth(40) {
        Some((cut, _)) => format!("{}...", &text[..cut]),
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The range query example of the Prometheus HTTP API documentation.
    pub(crate) const DOCS_EXAMPLE: &str = r#"{
   "status" : "success",
   "data" : {
      "resultType" : "matrix",
      "result" : [
         {
            "metric" : {
               "__name__" : "up",
               "job" : "prometheus",
               "instance" : "localhost:9090"
            },
            "values" : [
               [ 1435781430.781, "1" ],
               [ 1435781445.781, "1" ],
               [ 1435781460.781, "1" ]
            ]
         },
         {
            "metric" : {
               "__name__" : "up",
               "job" : "node",
               "instance" : "localhost:9091"
            },
            "values" : [
               [ 1435781430.781, "0" ],
               [ 1435781445.781, "0" ],
               [ 1435781460.781, "1" ]
            ]
         }
      ]
   }
}"#;

    #[test]
    fn the_documented_example_parses() {
        let series = parse_matrix("up.json", DOCS_EXAMPLE.as_bytes()).unwrap();
        assert_eq!(series.len(), 2);
        assert_eq!(series[1].label_text(), r#"{__name__="up", instance="localhost:9091", job="node"}"#);
        assert_eq!(series[1].samples[2], RawSample { at_secs: 1435781460.781, value: "1".into(), index: 2 });
        assert_eq!(series[1].sample_path(2), "data.result[1].values[2]");
    }

    #[test]
    fn promtool_prints_the_bare_result_list() {
        let series = parse_matrix("up.json", br#"[{"metric":{"job":"api"},"values":[[1700000000,"5"]]}]"#).unwrap();
        assert_eq!((series[0].path.as_str(), series[0].samples[0].at_secs), ("[0]", 1_700_000_000.0));
    }

    #[test]
    fn what_is_not_a_matrix_is_named() {
        let vector = r#"{"status":"success","data":{"resultType":"vector","result":[]}}"#;
        let problem = parse_matrix("q.json", vector.as_bytes()).unwrap_err();
        assert_eq!(problem.location.path, "data.resultType");
        assert!(problem.message.contains("found \"vector\""), "{problem}");
        let error = r#"{"status":"error","errorType":"bad_data","error":"parse error"}"#;
        assert_eq!(
            parse_matrix("q.json", error.as_bytes()).unwrap_err().message,
            "Prometheus answered with an error (bad_data): parse error"
        );
        let bad_pair =
            r#"{"status":"success","data":{"resultType":"matrix","result":[{"metric":{},"values":[[1,"2",3]]}]}}"#;
        assert_eq!(parse_matrix("q.json", bad_pair.as_bytes()).unwrap_err().location.path, "data.result[0].values[0]");
        let truncated = parse_matrix("q.json", b"{\"status\":").unwrap_err();
        assert_eq!(truncated.location.line, Some(1));
    }
}
