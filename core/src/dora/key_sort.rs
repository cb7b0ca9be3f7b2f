//! Ordering packed `u64` keys by their top 32 bits alone, by radix: least-significant digit first
//! with a scratch list, one pass per byte in which the keys differ, or most-significant digit first
//! in place (an American flag sort). The lead-time keys of a window (millions on a year of
//! deployments) sort several times faster so than with a comparison sort in the site's
//! size-optimised wasm; only their order by lead time matters (what ties keep is open).

const DIGITS: usize = 4;

/// How a partition's keys are ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum KeySort {
    /// [`sort_by_high_half`], with a scratch list as long as the keys: for a report window, computed
    /// after the data's load, in memory the load has freed.
    Radix,
    /// [`sort_in_place_by_high_half`]: for the trends, computed with the delivery facts, at the tab's
    /// memory peak (a scratch list there raised it by 19 MiB on a year of a million deployments).
    InPlace,
}

/// `keys` in the order of their top 32 bits (ties in any order).
pub(crate) fn sort_keys(keys: &mut Vec<u64>, how: KeySort) {
    match how {
        KeySort::Radix => sort_by_high_half(keys),
        KeySort::InPlace => sort_in_place_by_high_half(keys, DIGITS - 1),
    }
}

/// Below this many keys, a bucket is finished by insertion.
const INSERTION_MAX: usize = 48;

/// Sorts `keys` by `key >> 32` in place (ties in any order), from the high half's byte `digit`
/// (3: its most significant) down: each byte's buckets are counted, the keys moved into them by
/// cycles of swaps, and each bucket sorted on the next byte. A byte that every key shares is skipped.
fn sort_in_place_by_high_half(keys: &mut [u64], digit: usize) {
    let mut digit = digit;
    let byte = |key: u64, digit: usize| ((key >> (32 + 8 * digit)) & 0xff) as usize;
    let counts = loop {
        if keys.len() <= INSERTION_MAX {
            return insertion_sort_by_high_half(keys);
        }
        let mut counts = [0_usize; 256];
        for key in keys.iter() {
            counts[byte(*key, digit)] += 1;
        }
        if !counts.contains(&keys.len()) {
            break counts;
        }
        match digit.checked_sub(1) {
            Some(lower) => digit = lower,
            None => return,
        }
    };
    let mut heads = [0_usize; 256];
    let mut ends = [0_usize; 256];
    let mut start = 0;
    for ((head, end), count) in heads.iter_mut().zip(ends.iter_mut()).zip(counts) {
        *head = start;
        start += count;
        *end = start;
    }
    for bucket in 0..256 {
        while heads[bucket] < ends[bucket] {
            // Carry the key at the bucket's head to its own bucket, and the key found there on, until
            // one that belongs here comes back.
            let mut key = keys[heads[bucket]];
            let mut home = byte(key, digit);
            while home != bucket {
                std::mem::swap(&mut key, &mut keys[heads[home]]);
                heads[home] += 1;
                home = byte(key, digit);
            }
            keys[heads[bucket]] = key;
            heads[bucket] += 1;
        }
    }
    if let Some(lower) = digit.checked_sub(1) {
        let mut start = 0;
        for end in ends {
            sort_in_place_by_high_half(&mut keys[start..end], lower);
            start = end;
        }
    }
}

fn insertion_sort_by_high_half(keys: &mut [u64]) {
    for next in 1..keys.len() {
        let key = keys[next];
        let mut at = next;
        while at > 0 && keys[at - 1] >> 32 > key >> 32 {
            keys[at] = keys[at - 1];
            at -= 1;
        }
        keys[at] = key;
    }
}

/// Sorts `keys` by `key >> 32`, stably. Takes a scratch list as long as `keys` for the sort's time.
fn sort_by_high_half(keys: &mut Vec<u64>) {
    let digit = |key: u64, index: usize| ((key >> (32 + 8 * index)) & 0xff) as usize;
    let mut counts = [[0_usize; 256]; DIGITS];
    for key in keys.iter() {
        for (index, digit_counts) in counts.iter_mut().enumerate() {
            digit_counts[digit(*key, index)] += 1;
        }
    }
    let mut scratch: Vec<u64> = Vec::new();
    for (index, digit_counts) in counts.iter().enumerate() {
        // A byte that every key shares orders nothing.
        if digit_counts.contains(&keys.len()) {
            continue;
        }
        let mut next = [0_usize; 256];
        let mut start = 0;
        for (next, count) in next.iter_mut().zip(digit_counts) {
            *next = start;
            start += count;
        }
        scratch.resize(keys.len(), 0);
        for key in keys.iter() {
            let slot = &mut next[digit(*key, index)];
            scratch[*slot] = *key;
            *slot += 1;
        }
        std::mem::swap(keys, &mut scratch);
    }
}

#[cfg(test)]
mod tests {
    use super::{sort_by_high_half, sort_keys, KeySort};

    #[test]
    fn keys_come_out_by_their_high_half_and_ties_keep_their_order() {
        let mut keys = vec![5 << 32 | 1, 1 << 32 | 9, 5 << 32, 0, 1 << 56 | 3, 1 << 32 | 2];
        sort_by_high_half(&mut keys);
        assert_eq!(keys, [0, 1 << 32 | 9, 1 << 32 | 2, 5 << 32 | 1, 5 << 32, 1 << 56 | 3]);
    }

    proptest::proptest! {
        #[test]
        fn orders_as_a_comparison_sort_of_the_high_halves(
            mut keys in proptest::collection::vec(proptest::num::u64::ANY, 0..3_000),
            small in proptest::bool::ANY,
            few in proptest::bool::ANY,
        ) {
            if small {
                // Lead times of days: the top bytes are shared and skipped.
                keys.iter_mut().for_each(|key| *key &= 0x003f_ffff_ffff_ffff);
            }
            if few {
                // Many equal lead times, buckets of every size around the insertion sort's.
                keys.iter_mut().for_each(|key| *key &= 0x0101_0f03_ffff_ffff);
            }
            let mut expected = keys.clone();
            expected.sort_by_key(|key| key >> 32);
            let mut in_place = keys.clone();
            sort_by_high_half(&mut keys);
            sort_keys(&mut in_place, KeySort::InPlace);
            let high_halves = |keys: &[u64]| keys.iter().map(|key| key >> 32).collect::<Vec<_>>();
            proptest::prop_assert_eq!(high_halves(&in_place), high_halves(&keys));
            // The same keys, moved only.
            let mut moved = in_place.clone();
            moved.sort_unstable();
            let mut all = keys.clone();
            all.sort_unstable();
            proptest::prop_assert_eq!(moved, all);
            proptest::prop_assert_eq!(keys, expected);
        }
    }
}
