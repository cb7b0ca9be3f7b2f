//! Record lists kept at their exact length: serde grows a vector by doubling, so a deployment's five
//! changes would hold eight slots (a third of the parsed deployments' memory in the benchmark set).

use serde::{Deserialize, Deserializer};

/// `deserialize_with` for a `Vec` field: exactly `Vec<T>`'s `Deserialize` (same input, same messages),
/// without spare capacity.
pub(crate) fn exact<'de, D: Deserializer<'de>, T: Deserialize<'de>>(deserializer: D) -> Result<Vec<T>, D::Error> {
    let mut items = Vec::<T>::deserialize(deserializer)?;
    items.shrink_to_fit();
    Ok(items)
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    struct Record {
        #[serde(deserialize_with = "super::exact")]
        items: Vec<u8>,
    }

    #[test]
    fn keeps_no_spare_capacity_and_reads_what_a_vector_reads() {
        let record: Record = serde_json::from_str(r#"{"items": [1, 2, 3, 4, 5]}"#).unwrap();
        assert_eq!((record.items.len(), record.items.capacity()), (5, 5));
        let error = serde_json::from_str::<Record>(r#"{"items": 5}"#).unwrap_err().to_string();
        assert_eq!(error, "invalid type: integer `5`, expected a sequence at line 1 column 11");
    }
}
