//! A stable sort whose algorithm is compiled once for the whole WebAssembly site.
//!
//! `slice::sort_by` is generic over the element and the comparator, so every call site compiles its own
//! copy of the standard library's driftsort (about 3 KB of wasm each). [`sort_stable_by`] gives the same
//! order as `sort_by` (a stable sort's result is fully determined by its comparator): natively it is
//! `sort_by` itself, at full speed; in wasm it sorts a permutation of indices with a comparator behind
//! `&dyn Fn`, one compiled copy for every caller, and then moves the elements into place.

use std::cmp::Ordering;
use std::collections::BTreeMap;

/// Sorts `items` stably by `compare`, exactly as `items.sort_by(compare)` does.
pub fn sort_stable_by<T>(items: &mut [T], compare: impl Fn(&T, &T) -> Ordering) {
    #[cfg(target_arch = "wasm32")]
    by_permutation(items, &compare);
    #[cfg(not(target_arch = "wasm32"))]
    items.sort_by(compare);
}

/// Sorts `items` stably by the key `key` gives, exactly as `items.sort_by_key(key)` does.
pub fn sort_stable_by_key<T, K: Ord>(items: &mut [T], key: impl Fn(&T) -> K) {
    sort_stable_by(items, |a, b| key(a).cmp(&key(b)));
}

/// The map `pairs.into_iter().collect::<BTreeMap<_, _>>()` builds (the last value of a repeated key
/// wins), by inserting: `collect` sorts the pairs first, one more copy of the sort for each pair type.
pub fn btree_map<K: Ord, V>(pairs: impl IntoIterator<Item = (K, V)>) -> BTreeMap<K, V> {
    let mut map = BTreeMap::new();
    for (key, value) in pairs {
        map.insert(key, value);
    }
    map
}

#[cfg(any(target_arch = "wasm32", test))]
fn by_permutation<T>(items: &mut [T], compare: &dyn Fn(&T, &T) -> Ordering) {
    let order = sorted_order(items.len(), &|a, b| compare(&items[a], &items[b]));
    permute(items, order);
}

/// The indices `0..len` stably sorted by `compare`: the one instantiation of the sorting algorithm.
#[cfg(any(target_arch = "wasm32", test))]
fn sorted_order(len: usize, compare: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    order.sort_by(|&a, &b| compare(a, b));
    order
}

/// Rearranges `items` so that position `i` holds the element that was at `order[i]`, by walking each
/// cycle of the permutation with swaps (no copy of the elements, no `Clone` needed).
#[cfg(any(target_arch = "wasm32", test))]
fn permute<T>(items: &mut [T], mut order: Vec<usize>) {
    for start in 0..order.len() {
        let mut current = start;
        loop {
            let source = order[current];
            order[current] = current;
            if source == start || source == current {
                break;
            }
            items.swap(current, source);
            current = source;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn permute_moves_each_element_to_its_sorted_place() {
        let mut items = ['a', 'b', 'c', 'd'];
        permute(&mut items, vec![2, 0, 3, 1]);
        assert_eq!(items, ['c', 'a', 'd', 'b']);
    }

    #[test]
    fn equal_keys_keep_their_input_order() {
        let mut items = [(2, 'a'), (1, 'b'), (2, 'c'), (1, 'd')];
        by_permutation(&mut items, &|a, b| a.0.cmp(&b.0));
        assert_eq!(items, [(1, 'b'), (1, 'd'), (2, 'a'), (2, 'c')]);
    }

    #[test]
    fn btree_map_equals_collect_and_the_last_value_wins() {
        let pairs = [("b", 1), ("a", 2), ("b", 3)];
        let collected: BTreeMap<&str, i32> = pairs.into_iter().collect();
        assert_eq!(btree_map(pairs), collected);
        assert_eq!(btree_map(pairs).get("b"), Some(&3));
    }

    proptest! {
        #[test]
        fn the_wasm_path_orders_exactly_as_sort_by(items in proptest::collection::vec((0u8..8, any::<u32>()), 0..200)) {
            let mut expected = items.clone();
            expected.sort_by_key(|item| item.0);
            let mut actual = items;
            by_permutation(&mut actual, &|a, b| a.0.cmp(&b.0));
            prop_assert_eq!(actual, expected);
        }
    }
}
