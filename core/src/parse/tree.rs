//! A JSON document tree for the slow path, which keeps arrays of counts compact.
//!
//! `serde_json::Value` spends 32 bytes per array item; an SLI-heavy snapshot has tens of millions of
//! counts, so arrays made only of `null` and non-negative integers are kept as `Vec<Option<u64>>`.

use std::fmt;

use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::Number;

/// One JSON value. Objects keep every key in order, duplicates included, so they can be reported.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Node {
    Null,
    Bool(bool),
    Number(Number),
    String(String),
    /// An array holding only `null` and integers in `0..=u64::MAX`.
    Counts(Vec<Option<u64>>),
    /// Any other array.
    Array(Vec<Node>),
    Object(Vec<(String, Node)>),
}

impl Node {
    /// What kind of value this is, in words for messages ("a string", "an array").
    pub(crate) fn kind(&self) -> &'static str {
        match self {
            Node::Null => "null",
            Node::Bool(_) => "a boolean",
            Node::Number(_) => "a number",
            Node::String(_) => "a string",
            Node::Counts(_) | Node::Array(_) => "an array",
            Node::Object(_) => "an object",
        }
    }

    pub(crate) fn from_count(count: Option<u64>) -> Node {
        count.map_or(Node::Null, |n| Node::Number(n.into()))
    }
}

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Node, D::Error> {
        deserializer.deserialize_any(NodeVisitor)
    }
}

struct NodeVisitor;

impl<'de> Visitor<'de> for NodeVisitor {
    type Value = Node;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_unit<E>(self) -> Result<Node, E> {
        Ok(Node::Null)
    }

    fn visit_none<E>(self) -> Result<Node, E> {
        Ok(Node::Null)
    }

    fn visit_bool<E>(self, value: bool) -> Result<Node, E> {
        Ok(Node::Bool(value))
    }

    fn visit_u64<E>(self, value: u64) -> Result<Node, E> {
        Ok(Node::Number(value.into()))
    }

    fn visit_i64<E>(self, value: i64) -> Result<Node, E> {
        Ok(Node::Number(value.into()))
    }

    fn visit_f64<E>(self, value: f64) -> Result<Node, E> {
        // JSON has no NaN or infinity, so `None` cannot happen with serde_json; null keeps it total.
        Ok(Number::from_f64(value).map_or(Node::Null, Node::Number))
    }

    fn visit_str<E>(self, value: &str) -> Result<Node, E> {
        Ok(Node::String(value.to_owned()))
    }

    fn visit_string<E>(self, value: String) -> Result<Node, E> {
        Ok(Node::String(value))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Node, A::Error> {
        let mut counts = Vec::new();
        while let Some(item) = seq.next_element::<Node>()? {
            match item {
                Node::Null => counts.push(None),
                Node::Number(ref n) if n.as_u64().is_some() => counts.push(n.as_u64()),
                other => {
                    let mut items: Vec<Node> = counts.into_iter().map(Node::from_count).collect();
                    items.push(other);
                    while let Some(item) = seq.next_element::<Node>()? {
                        items.push(item);
                    }
                    return Ok(Node::Array(items));
                }
            }
        }
        Ok(Node::Counts(counts))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Node, A::Error> {
        let mut entries = Vec::new();
        while let Some((key, value)) = map.next_entry::<String, Node>()? {
            entries.push((key, value));
        }
        Ok(Node::Object(entries))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree(text: &str) -> Node {
        serde_json::from_str(text).unwrap()
    }

    #[test]
    fn arrays_of_counts_stay_compact() {
        assert_eq!(tree("[1, null, 18446744073709551615]"), Node::Counts(vec![Some(1), None, Some(u64::MAX)]));
        assert_eq!(tree("[]"), Node::Counts(vec![]));
    }

    #[test]
    fn other_arrays_keep_every_item_in_order() {
        let expected = Node::Array(vec![Node::Number(1.into()), Node::Null, Node::Number((-2).into())]);
        assert_eq!(tree("[1, null, -2]"), expected);
    }

    #[test]
    fn objects_keep_duplicate_keys() {
        let expected = Node::Object(vec![("a".into(), Node::Bool(true)), ("a".into(), Node::String("x".into()))]);
        assert_eq!(tree(r#"{"a": true, "a": "x"}"#), expected);
    }
}
