//! Which entries of a long sequence of ids are the first occurrence of their id.
//!
//! A single hash set over millions of ids spends its time on cache misses. Instead the ids are
//! grouped (stably) by the top bits of their hash, and each group, small enough to stay in cache,
//! is deduplicated on its own. Strings are compared only when 64-bit hashes match, and distinct ids
//! whose hashes collide are still told apart exactly.

use std::collections::{HashMap, HashSet};
use std::hash::BuildHasher;

use foldhash::fast::{FixedState, RandomState};

/// Ids per group the grouping aims for: about the size of an L2 cache's worth of index.
const GROUP_TARGET: usize = 16_384;
const MAX_GROUP_BITS: u32 = 16;
const SEED: u64 = 0x5EED_D0EA;

/// `first[i]` is true when `ids[i]` does not occur in `ids[..i]`.
pub fn first_occurrences(ids: &[&str]) -> Vec<bool> {
    if u32::try_from(ids.len()).is_err() {
        let mut seen = HashSet::with_hasher(RandomState::default());
        return ids.iter().map(|id| seen.insert(*id)).collect();
    }
    let hasher = FixedState::with_seed(SEED);
    // Each id is hashed three times (to count its group, to place it, to deduplicate its group)
    // rather than keeping its hash beside its grouped index: 4 bytes an id instead of 16, and this
    // list is the DORA facts' peak, in the tab too.
    let hash = |id: &&str| hasher.hash_one(id);
    let group_bits = group_bits(ids.len());
    let group_of = |hash: u64| if group_bits == 0 { 0 } else { (hash >> (64 - group_bits)) as usize };

    // Counting sort of (hash, index) by group, stable so each group keeps the sequence order, and
    // laid out so each group is read in sequence.
    let mut starts = vec![0_usize; (1 << group_bits) + 1];
    for id in ids {
        starts[group_of(hash(id)) + 1] += 1;
    }
    for group in 1..starts.len() {
        starts[group] += starts[group - 1];
    }
    let mut next = starts.clone();
    let mut grouped = vec![0_u32; ids.len()];
    // Every index fits in a u32 (checked above).
    for (index, id) in (0_u32..).zip(ids) {
        let slot = &mut next[group_of(hash(id))];
        grouped[*slot] = index;
        *slot += 1;
    }

    let mut first = vec![false; ids.len()];
    let mut first_by_hash: HashMap<u64, usize, RandomState> = HashMap::default();
    let mut collided: HashSet<&str, RandomState> = HashSet::default();
    for group in starts.windows(2) {
        first_by_hash.clear();
        for index in grouped[group[0]..group[1]].iter().map(|index| *index as usize) {
            let hash = hash(&ids[index]);
            first[index] = match first_by_hash.get(&hash) {
                None => {
                    first_by_hash.insert(hash, index);
                    true
                }
                Some(&earlier) if ids[earlier] == ids[index] => false,
                // Same hash, different id: settle it exactly.
                Some(_) => collided.insert(ids[index]),
            };
        }
    }
    first
}

fn group_bits(count: usize) -> u32 {
    let groups = count.div_ceil(GROUP_TARGET).max(1);
    groups.next_power_of_two().trailing_zeros().min(MAX_GROUP_BITS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_the_first_occurrence_of_each_id() {
        assert_eq!(first_occurrences(&["a", "b", "a", "c", "b"]), [true, true, false, true, false]);
        assert!(first_occurrences(&[]).is_empty());
    }

    proptest::proptest! {
        #[test]
        fn agrees_with_a_plain_hash_set(ids in proptest::collection::vec("[a-d]{0,2}", 0..200)) {
            let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
            let mut seen = HashSet::new();
            let expected: Vec<bool> = ids.iter().map(|id| seen.insert(*id)).collect();
            proptest::prop_assert_eq!(first_occurrences(&ids), expected);
        }
    }

    #[test]
    fn large_inputs_are_split_into_groups_and_stay_exact() {
        assert_eq!(group_bits(10), 0);
        assert_eq!(group_bits(5_000_000), 9);
        let ids: Vec<String> = (0..100_000).map(|i| format!("{:x}", i % 70_000)).collect();
        let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
        let first = first_occurrences(&ids);
        assert_eq!(first.iter().filter(|first| **first).count(), 70_000);
        assert!(first[..70_000].iter().all(|first| *first));
    }
}
