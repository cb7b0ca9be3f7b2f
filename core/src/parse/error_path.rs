//! Where a parse failed, as a JSON path (`slos[0].sli.good[2]`), for the errors serde reports with
//! a line and column only: a number too large for any JSON reader (`1` followed by 400 zeros) fails
//! the document tree before the structure walk could name its place.

use std::cell::RefCell;
use std::fmt;

use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};

#[derive(Debug, Clone)]
enum Segment {
    Key(String),
    Index(usize),
}

/// The JSON path of the value being read when parsing `bytes` failed (`""` for the root), or
/// `None` when the document parses.
pub(crate) fn error_path(bytes: &[u8]) -> Option<String> {
    let path = RefCell::new(Vec::new());
    let mut deserializer = serde_json::Deserializer::from_slice(bytes);
    let tracked = Tracked { path: &path };
    if tracked.deserialize(&mut deserializer).and_then(|()| deserializer.end()).is_ok() {
        return None;
    }
    let mut text = String::new();
    for segment in path.into_inner() {
        match segment {
            Segment::Key(key) if text.is_empty() => text = key,
            Segment::Key(key) => {
                text.push('.');
                text.push_str(&key);
            }
            Segment::Index(index) => text.push_str(&format!("[{index}]")),
        }
    }
    Some(text)
}

/// Reads any value, keeping the path to it; on an error the path is left as it was, at the value.
#[derive(Clone, Copy)]
struct Tracked<'a> {
    path: &'a RefCell<Vec<Segment>>,
}

impl<'de> DeserializeSeed<'de> for Tracked<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Tracked<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, _: bool) -> Result<(), E> {
        Ok(())
    }

    fn visit_i64<E>(self, _: i64) -> Result<(), E> {
        Ok(())
    }

    fn visit_u64<E>(self, _: u64) -> Result<(), E> {
        Ok(())
    }

    fn visit_f64<E>(self, _: f64) -> Result<(), E> {
        Ok(())
    }

    fn visit_str<E>(self, _: &str) -> Result<(), E> {
        Ok(())
    }

    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        for index in 0.. {
            self.path.borrow_mut().push(Segment::Index(index));
            if seq.next_element_seed(self)?.is_none() {
                self.path.borrow_mut().pop();
                break;
            }
            self.path.borrow_mut().pop();
        }
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(key) = map.next_key::<String>()? {
            self.path.borrow_mut().push(Segment::Key(key));
            map.next_value_seed(self)?;
            self.path.borrow_mut().pop();
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_path_of_a_huge_number_is_found() {
        let huge = format!("1{}", "0".repeat(400));
        let doc = format!(r#"{{"slos": [{{"sli": {{"good": [1, 2, {huge}], "total": [1, 2, 3]}}}}]}}"#);
        assert_eq!(error_path(doc.as_bytes()).as_deref(), Some("slos[0].sli.good[2]"));
        assert_eq!(error_path(format!("[0, {huge}]").as_bytes()).as_deref(), Some("[1]"));
    }

    #[test]
    fn a_document_that_parses_has_no_error_path() {
        assert_eq!(error_path(br#"{"a": [1, {"b": null}]}"#), None);
    }
}
