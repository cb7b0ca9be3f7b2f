//! Which entries of a long sequence of ids are the first occurrence of their id.
//!
//! A single hash set over millions of ids spends its time on cache misses. Instead the ids are
//! grouped (stably) by the top bits of their hash, and each group, small enough to stay in cache,
//! is deduplicated on its own from its ids' indexes and hash bits, kept beside each other in group
//! order. Strings are compared only when those bits match, and distinct ids whose bits collide are
//! still told apart exactly.

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
    first_occurrences_hashed(ids, |id| hasher.hash_one(id))
}

/// [`first_occurrences`] of at most `u32::MAX` ids with the 64-bit `hash` (tests give a weak one,
/// to make the ids' hash bits collide).
fn first_occurrences_hashed(ids: &[&str], hash: impl Fn(&str) -> u64) -> Vec<bool> {
    // Each id is hashed twice (to count its group, then to place it with 32 more bits of its hash),
    // and its group is then deduplicated from those bits alone, read in sequence: an id's own bytes
    // are read again only when its bits match an earlier id's (most often a repeat of it). Reading
    // them for every id, in group order, was a cache miss per id: nine tenths of the time.
    let group_bits = group_bits(ids.len());
    let group_of = |hash: u64| if group_bits == 0 { 0 } else { (hash >> (64 - group_bits)) as usize };

    // Counting sort of the ids by group, stable so each group keeps the sequence order, and laid out
    // so each group is read in sequence: a `Grouped` (index and hash bits) each.
    let mut starts = vec![0_usize; (1 << group_bits) + 1];
    for id in ids {
        starts[group_of(hash(id)) + 1] += 1;
    }
    for group in 1..starts.len() {
        starts[group] += starts[group - 1];
    }
    let mut next = starts.clone();
    let mut grouped = vec![Grouped(0); ids.len()];
    // Every index fits in a u32 (checked above).
    for (index, id) in (0_u32..).zip(ids) {
        let hash = hash(id);
        let slot = &mut next[group_of(hash)];
        grouped[*slot] = Grouped::new(index, hash);
        *slot += 1;
    }

    let mut first = vec![false; ids.len()];
    let mut first_by_bits: HashMap<u32, usize, RandomState> = HashMap::default();
    let mut collided: HashSet<&str, RandomState> = HashSet::default();
    for group in starts.windows(2) {
        first_by_bits.clear();
        for entry in &grouped[group[0]..group[1]] {
            let index = entry.index();
            first[index] = match first_by_bits.get(&entry.bits()) {
                None => {
                    first_by_bits.insert(entry.bits(), index);
                    true
                }
                Some(&earlier) if ids[earlier] == ids[index] => false,
                // Same bits, different id: settle it exactly.
                Some(_) => collided.insert(ids[index]),
            };
        }
    }
    first
}

/// An id's index in the sequence (low 32 bits) and the low 32 bits of its hash (high 32): with the
/// group's bits, 32 + up to 16 bits of the hash to tell the ids of a group apart without their bytes.
#[derive(Debug, Clone, Copy)]
struct Grouped(u64);

impl Grouped {
    fn new(index: u32, hash: u64) -> Grouped {
        Grouped(hash << 32 | u64::from(index))
    }

    fn index(self) -> usize {
        self.0 as u32 as usize
    }

    fn bits(self) -> u32 {
        (self.0 >> 32) as u32
    }
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

        /// A hash of the length alone: ids of the same length share every bit, and only their bytes
        /// tell them apart (the collision path). These inputs make one group; several groups are
        /// covered by the large-input test.
        #[test]
        fn stays_exact_when_the_hash_bits_collide(
            ids in proptest::collection::vec("[ab]{0,6}", 0..400),
            spread in proptest::bool::ANY,
        ) {
            let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
            let mut seen = HashSet::new();
            let expected: Vec<bool> = ids.iter().map(|id| seen.insert(*id)).collect();
            let weak = |id: &str| (id.len() as u64).wrapping_mul(if spread { 0x9E37_79B9_7F4A_7C15 } else { 1 });
            proptest::prop_assert_eq!(first_occurrences_hashed(&ids, weak), expected);
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
        // Many groups, and within each, ids that share every hash bit.
        let ids: Vec<String> =
            (0..40_000_u32).map(|i| format!("{:x}", i.wrapping_mul(2_654_435_761) % 9_000)).collect();
        let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
        let mut seen = HashSet::new();
        let expected: Vec<bool> = ids.iter().map(|id| seen.insert(*id)).collect();
        let weak = |id: &str| (id.len() as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ u64::from(id.as_bytes()[0]) << 62;
        assert!(group_bits(ids.len()) > 0);
        assert_eq!(first_occurrences_hashed(&ids, weak), expected);
    }
}
