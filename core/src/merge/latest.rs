//! Records keyed by id, the latest snapshot's record winning, without an ordered map: a hash index
//! of borrowed ids (no id is copied), then one pass keeping each id's last record. A snapshot holds up to a
//! million deployments; an ordered map of owned ids cost an allocation and about 20 string comparisons
//! each, and nothing needs the records in id order (the dataset sorts them by time).

use std::collections::HashMap;

use foldhash::fast::RandomState;

use super::Placed;

/// The last record of every id, in apply order (`records` is in apply order: later snapshots last).
pub(super) fn latest_by_id<T>(records: Vec<Placed<T>>, id: impl Fn(&T) -> &str) -> Vec<Placed<T>> {
    let keep: Vec<bool> = {
        let mut last: HashMap<&str, usize, RandomState> =
            HashMap::with_capacity_and_hasher(records.len(), RandomState::default());
        for (at, placed) in records.iter().enumerate() {
            last.insert(id(&placed.record), at);
        }
        if last.len() == records.len() {
            return records;
        }
        let mut keep = vec![false; records.len()];
        for &at in last.values() {
            if let Some(slot) = keep.get_mut(at) {
                *slot = true;
            }
        }
        keep
    };
    records.into_iter().zip(keep).filter_map(|(placed, kept)| kept.then_some(placed)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn placed(source: usize, index: usize, record: &'static str) -> Placed<&'static str> {
        Placed { source, index, record }
    }

    #[test]
    fn the_last_record_of_each_id_wins_and_apply_order_is_kept() {
        let records = vec![placed(0, 0, "b"), placed(0, 1, "a"), placed(1, 0, "b"), placed(1, 1, "c")];
        let latest = latest_by_id(records, |record| record);
        let kept: Vec<(usize, usize, &str)> = latest.iter().map(|p| (p.source, p.index, p.record)).collect();
        assert_eq!(kept, [(0, 1, "a"), (1, 0, "b"), (1, 1, "c")]);
        assert_eq!(latest_by_id(vec![placed(0, 0, "x")], |record| record).len(), 1);
    }
}
