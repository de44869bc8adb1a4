//! Sorting lists with one copy of the sort in each app. The standard library's sort is
//! compiled again for every element type and comparison it is called with (about 4 KB of
//! WebAssembly each); here the sort itself runs once, over places in the list, and each caller
//! only moves its own elements into the order found. Every sort here is stable. Ordered maps
//! and sets are built the same way: `collect` into one sorts its items first, with a sort
//! compiled for every iterator it is called with; `map_of` and `set_of` insert them one by one.

use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet};

/// The places `0..len` ordered by `compare`, equal places kept in their order.
fn sorted_places(len: usize, compare: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut places: Vec<usize> = (0..len).collect();
    places.sort_by(|&a, &b| compare(a, b));
    places
}

/// Moves the element at `places[i]` to place `i`, following each cycle of the permutation once.
fn permute<T>(items: &mut [T], mut places: Vec<usize>) {
    for start in 0..places.len() {
        let mut here = start;
        while places[here] != here {
            let from = places[here];
            places[here] = here;
            if from == start {
                break;
            }
            items.swap(here, from);
            here = from;
        }
    }
}

/// `items` ordered by `compare`, as `slice::sort_by`.
pub fn sort_by<T>(items: &mut [T], mut compare: impl FnMut(&T, &T) -> Ordering) {
    let places = sorted_places(items.len(), &mut |a, b| compare(&items[a], &items[b]));
    permute(items, places);
}

/// `items` in their natural order, as `slice::sort`.
pub fn sort<T: Ord>(items: &mut [T]) {
    sort_by(items, T::cmp);
}

/// `items` ordered by a key worked out once for each, as `slice::sort_by_cached_key`.
pub fn sort_by_key<T, K: Ord>(items: &mut [T], key: impl FnMut(&T) -> K) {
    let keys: Vec<K> = items.iter().map(key).collect();
    let places = sorted_places(items.len(), &mut |a, b| keys[a].cmp(&keys[b]));
    permute(items, places);
}

/// The map of `pairs`, the last value kept for a key given twice, as `collect` builds it.
pub fn map_of<K: Ord, V>(pairs: impl IntoIterator<Item = (K, V)>) -> BTreeMap<K, V> {
    let mut map = BTreeMap::new();
    map.extend(pairs);
    map
}

/// The set of `items`, as `collect` builds it.
pub fn set_of<T: Ord>(items: impl IntoIterator<Item = T>) -> BTreeSet<T> {
    let mut set = BTreeSet::new();
    set.extend(items);
    set
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn small_lists() {
        let mut empty: Vec<u8> = Vec::new();
        sort(&mut empty);
        assert!(empty.is_empty());
        let mut words = vec!["ب", "a", "ا", "b", "a"];
        sort(&mut words);
        assert_eq!(words, ["a", "a", "b", "ا", "ب"]);
        let mut reversed = vec![3, 1, 5, 2, 4];
        sort_by(&mut reversed, |a, b| b.cmp(a));
        assert_eq!(reversed, [5, 4, 3, 2, 1]);
    }

    proptest! {
        /// The same order as the standard library's stable sort, equal keys in their order
        /// (the second field tells elements with the same key apart).
        #[test]
        fn as_the_standard_library_sorts(items in prop::collection::vec((0u8..6, any::<u16>()), 0..200)) {
            let mut expected = items.clone();
            expected.sort_by_key(|item| item.0);
            let mut by = items.clone();
            sort_by(&mut by, |a, b| a.0.cmp(&b.0));
            prop_assert_eq!(&by, &expected);
            let mut keyed = items.clone();
            sort_by_key(&mut keyed, |item| item.0);
            prop_assert_eq!(&keyed, &expected);
            let mut whole = items.clone();
            sort(&mut whole);
            let mut standard = items;
            standard.sort();
            prop_assert_eq!(whole, standard);
        }

        /// The same map and set as `collect`, for keys given more than once too.
        #[test]
        fn maps_and_sets_as_collect_builds_them(pairs in prop::collection::vec((0u8..20, any::<u16>()), 0..100)) {
            prop_assert_eq!(map_of(pairs.clone()), pairs.iter().copied().collect::<BTreeMap<_, _>>());
            prop_assert_eq!(set_of(pairs.clone()), pairs.into_iter().collect::<BTreeSet<_>>());
        }
    }
}
