//! Numbers are read correctly rounded on every path: the fast (lifted) path, plain serde, and the
//! document tree of the slow path. Every finite double written by Rust's `{}` reads back
//! bit-identical (serde_json's `float_roundtrip` feature; without it `0.9999999999999999` read as 1).

use proptest::prelude::*;

use super::tree::Node;
use super::{parse_snapshot, serde_problem};
use crate::problem::Problem;

/// A valid snapshot whose only SLO has `objective` written as given. `escaped_key` writes one key
/// with a JSON escape, which the fast path declines, so plain serde reads the document.
fn snapshot(objective: &str, escaped_key: bool) -> String {
    let generated_at = if escaped_key { "gener\\u0061ted_at" } else { "generated_at" };
    format!(
        r#"{{"version":1,"{generated_at}":"2026-11-21T00:00:00Z","services":[{{"id":"s"}}],"deployments":[],
        "incidents":[],"slos":[{{"id":"a","service":"s","objective":{objective},"window":"7d","budgeting":"occurrences",
        "sli":{{"start":"2026-11-01T00:00:00Z","step":"5m","good":[1],"total":[1]}}}}]}}"#
    )
}

fn objective_read(text: &str, escaped_key: bool) -> Result<f64, Vec<Problem>> {
    parse_snapshot("s.json", snapshot(text, escaped_key).as_bytes()).map(|snapshot| snapshot.slos[0].objective)
}

fn tree_number(text: &str) -> Option<f64> {
    match serde_json::from_str::<Node>(text) {
        Ok(Node::Number(number)) => number.as_f64(),
        _ => None,
    }
}

#[test]
fn the_largest_objective_below_one_is_not_one() {
    let below_one = 0.999_999_999_999_999_9_f64;
    assert!(below_one < 1.0);
    assert_eq!(objective_read("0.9999999999999999", false).map(f64::to_bits), Ok(below_one.to_bits()));
    assert_eq!(objective_read("0.9999999999999999", true).map(f64::to_bits), Ok(below_one.to_bits()));
    assert_eq!(tree_number("0.9999999999999999").map(f64::to_bits), Some(below_one.to_bits()));
}

#[test]
fn the_double_after_0_999_is_not_0_999() {
    let next = f64::from_bits(0.999_f64.to_bits() + 1);
    assert_eq!(next.to_string(), "0.9990000000000001");
    for escaped_key in [false, true] {
        assert_eq!(objective_read("0.9990000000000001", escaped_key).map(f64::to_bits), Ok(next.to_bits()));
    }
    assert_eq!(tree_number("0.9990000000000001").map(f64::to_bits), Some(next.to_bits()));
}

#[test]
fn a_count_with_400_digits_is_located_like_any_count_problem() {
    let huge = format!("1{}", "0".repeat(400));
    let doc =
        snapshot("0.9", false).replace(r#""good":[1],"total":[1]"#, &format!(r#""good":[1,2,{huge}],"total":[1,2,3]"#));
    let problems = parse_snapshot("s.json", doc.as_bytes()).unwrap_err();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].path, "slos[0].sli.good[2]");
    assert_eq!(
        problems[0].message,
        "expected a count of events (a whole number, 0 or more) or null, found a number too large to read"
    );
    assert!(problems[0].line.is_some());
}

#[test]
fn a_huge_number_elsewhere_is_located_too() {
    let doc = snapshot("1e400", false);
    let problems = parse_snapshot("s.json", doc.as_bytes()).unwrap_err();
    assert_eq!(problems[0].path, "slos[0].objective");
    assert_eq!(problems[0].message, "the number is too large to read (beyond ±1.8e308)");
    // Any other syntax error keeps serde's words.
    let err = serde_json::from_str::<Node>("[1,]").unwrap_err();
    assert!(serde_problem("s.json", b"[1,]", &err).message.starts_with("the file is not valid JSON"));
}

proptest! {
    #[test]
    fn every_finite_double_reads_back_bit_identical_on_every_path(
        value in any::<f64>().prop_filter("finite", |value| value.is_finite()),
    ) {
        let text = value.to_string();
        prop_assert_eq!(objective_read(&text, false).map(f64::to_bits), Ok(value.to_bits()), "fast path, {}", text);
        prop_assert_eq!(objective_read(&text, true).map(f64::to_bits), Ok(value.to_bits()), "serde path, {}", text);
        prop_assert_eq!(tree_number(&text).map(f64::to_bits), Some(value.to_bits()), "tree, {}", text);
    }
}
