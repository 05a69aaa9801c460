//! A list that keeps its first `N` items inline (no heap allocation for the usual few
//! transformation keys or query parameters) and spills the rest to the heap: a
//! [`smallvec::SmallVec`] plus a key index.
//!
//! [`SmallList::upsert`] (Python dict assignment) searches linearly while the list is short and
//! through a hash index of the keys once it is long ([`INDEX_FROM`] items), so that many distinct
//! keys (a step, `query_parameters` or a `src` query with thousands of keys) cost linear time.

use smallvec::SmallVec;
use std::collections::hash_map::RandomState;
use std::collections::HashMap;
use std::hash::{BuildHasher, Hash};

/// List length from which [`SmallList::upsert`] finds keys through a hash index instead of a
/// linear search (below it, comparing a few short keys is cheaper than hashing one).
pub(crate) const INDEX_FROM: usize = 32;

pub struct SmallList<T, const N: usize> {
    items: SmallVec<[T; N]>,
    /// Built by `upsert` once the list has [`INDEX_FROM`] items.
    index: Option<Box<KeyIndex>>,
}

/// Item positions by key hash. Items whose keys share a hash are chained through `next`
/// (position → the previous position with the same hash), so no key is copied.
struct KeyIndex {
    hasher: RandomState,
    head: HashMap<u64, u32>,
    next: Vec<u32>,
}

const END: u32 = u32::MAX;

impl KeyIndex {
    fn hash<K: Hash>(&self, key: &K) -> u64 {
        let h = self.hasher.hash_one(key);
        // Unit tests cut hashes to 4 bits, so that every test through the index also walks
        // long collision chains.
        if cfg!(test) {
            h & 0xF
        } else {
            h
        }
    }

    /// Records that the item at `pos` has a key of hash `h` (positions are added in order).
    fn add(&mut self, h: u64, pos: usize) {
        debug_assert_eq!(self.next.len(), pos);
        let prev = self.head.insert(h, pos as u32).unwrap_or(END);
        self.next.push(prev);
    }
}

impl<T, const N: usize> Default for SmallList<T, N> {
    fn default() -> Self {
        SmallList {
            items: SmallVec::new(),
            index: None,
        }
    }
}

impl<T, const N: usize> SmallList<T, N> {
    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn clear(&mut self) {
        self.items.clear();
        if self.index.is_some() {
            self.index = None;
        }
    }

    /// Python dict assignment on a list of pairs: replace the value of the first pair whose key
    /// equals `key` (keeping its position), or append the pair. Returns the pair's position.
    #[inline]
    pub fn upsert<K: PartialEq + Hash, V>(&mut self, key: K, value: V) -> usize
    where
        T: PairLike<K, V>,
    {
        if self.index.is_none() && self.items.len() < INDEX_FROM {
            let found = self.items.iter().position(|p| *p.key() == key);
            return match found {
                Some(i) => {
                    self.items[i].set_value(value);
                    i
                }
                None => {
                    self.items.push(T::new(key, value));
                    self.items.len() - 1
                }
            };
        }
        self.upsert_indexed(key, value)
    }

    /// [`SmallList::upsert`] on a long list, through the hash index (built on first use).
    #[inline(never)]
    fn upsert_indexed<K: PartialEq + Hash, V>(&mut self, key: K, value: V) -> usize
    where
        T: PairLike<K, V>,
    {
        let mut index = match self.index.take() {
            Some(index) => index,
            None => {
                let mut index = Box::new(KeyIndex {
                    hasher: RandomState::new(),
                    head: HashMap::with_capacity(self.items.len() * 2),
                    next: Vec::with_capacity(self.items.len() * 2),
                });
                for (pos, item) in self.items.iter().enumerate() {
                    let h = index.hash(item.key());
                    index.add(h, pos);
                }
                index
            }
        };
        let h = index.hash(&key);
        let mut at = index.head.get(&h).copied().unwrap_or(END);
        while at != END {
            let pos = at as usize;
            if *self.items[pos].key() == key {
                break;
            }
            at = index.next[pos];
        }
        // The chain runs from the newest position down, so a hit is the key's only position
        // (keys are unique in the list).
        let pos = if at != END {
            let pos = at as usize;
            self.items[pos].set_value(value);
            pos
        } else {
            self.items.push(T::new(key, value));
            let pos = self.items.len() - 1;
            index.add(h, pos);
            pos
        };
        self.index = Some(index);
        pos
    }

    pub fn iter(&self) -> impl Iterator<Item = &T> {
        self.items.iter()
    }
}

/// A `(key, value)` pair, for [`SmallList::upsert`].
pub trait PairLike<K, V> {
    fn new(key: K, value: V) -> Self;
    fn key(&self) -> &K;
    fn set_value(&mut self, value: V);
}

impl<K, V> PairLike<K, V> for (K, V) {
    fn new(key: K, value: V) -> Self {
        (key, value)
    }
    fn key(&self) -> &K {
        &self.0
    }
    fn set_value(&mut self, value: V) {
        self.1 = value;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::rc::Rc;

    impl<T, const N: usize> SmallList<T, N> {
        fn push(&mut self, item: T) {
            self.items.push(item);
        }
        fn get(&self, i: usize) -> Option<&T> {
            self.items.get(i)
        }
        fn get_mut(&mut self, i: usize) -> Option<&mut T> {
            self.items.get_mut(i)
        }
    }

    #[test]
    fn inline_then_spill() {
        let mut l: SmallList<String, 2> = SmallList::default();
        assert!(l.is_empty());
        for i in 0..5 {
            l.push(i.to_string());
        }
        assert_eq!(l.len(), 5);
        assert_eq!(l.iter().cloned().collect::<Vec<_>>(), ["0", "1", "2", "3", "4"]);
        for i in 0..5 {
            l.get_mut(i).unwrap().push('!');
        }
        assert!(l.get_mut(5).is_none());
        assert_eq!(
            l.iter().map(|s| s.as_str()).collect::<Vec<_>>(),
            ["0!", "1!", "2!", "3!", "4!"]
        );
        l.clear();
        assert!(l.is_empty());
        assert_eq!(l.iter().count(), 0);
        l.push("x".into());
        assert_eq!(l.iter().collect::<Vec<_>>(), ["x"]);
        assert_eq!(l.get_mut(0).map(|s| s.as_str()), Some("x"));
        assert!(l.get_mut(1).is_none());
    }

    #[test]
    fn upsert_keeps_first_position() {
        let mut l: SmallList<(&str, i32), 2> = SmallList::default();
        for (k, v) in [("a", 1), ("b", 2), ("c", 3), ("a", 4), ("c", 5), ("d", 6)] {
            l.upsert(k, v);
        }
        assert_eq!(
            l.iter().copied().collect::<Vec<_>>(),
            [("a", 4), ("b", 2), ("c", 5), ("d", 6)]
        );
    }

    /// The same dict assignments with a plain linear search, as the reference.
    fn reference(ops: &[(String, usize)]) -> Vec<(String, usize)> {
        let mut out: Vec<(String, usize)> = Vec::new();
        for (k, v) in ops {
            match out.iter_mut().find(|(ok, _)| ok == k) {
                Some(slot) => slot.1 = *v,
                None => out.push((k.clone(), *v)),
            }
        }
        out
    }

    #[test]
    fn upsert_through_the_index_keeps_dict_semantics() {
        // Distinct keys well past INDEX_FROM, with repeats before, at and after the threshold,
        // and a clear() in between (the index is rebuilt for the new content).
        for n in [INDEX_FROM - 1, INDEX_FROM, INDEX_FROM + 1, 5_000] {
            let mut ops: Vec<(String, usize)> = Vec::new();
            for i in 0..n {
                ops.push((format!("k{i}"), i));
                if i % 3 == 0 {
                    ops.push((format!("k{}", i / 2), i + 1_000_000));
                }
            }
            ops.push(("k0".into(), 7));
            let mut l: SmallList<(String, usize), 8> = SmallList::default();
            for round in 0..2 {
                for (pos, (k, v)) in ops.iter().enumerate() {
                    let at = l.upsert(k.clone(), *v);
                    assert_eq!(l.get(at).map(|p| &p.0), Some(k), "n {n} op {pos} round {round}");
                }
                assert_eq!(
                    l.iter().cloned().collect::<Vec<_>>(),
                    reference(&ops),
                    "n {n} round {round}"
                );
                l.clear();
                assert!(l.is_empty() && l.index.is_none());
            }
        }
    }

    #[test]
    fn every_item_is_dropped_exactly_once() {
        let token = Rc::new(());
        {
            let mut l: SmallList<Rc<()>, 3> = SmallList::default();
            for _ in 0..5 {
                l.push(token.clone());
            }
            assert_eq!(Rc::strong_count(&token), 6);
            l.clear();
            assert_eq!(Rc::strong_count(&token), 1);
            for _ in 0..2 {
                l.push(token.clone());
            }
            assert_eq!(Rc::strong_count(&token), 3);
            // Replacing a value drops the old one.
            let mut pairs: SmallList<(u8, Rc<()>), 1> = SmallList::default();
            pairs.upsert(1, token.clone());
            pairs.upsert(2, token.clone());
            pairs.upsert(1, token.clone());
            pairs.upsert(2, token.clone());
            assert_eq!(Rc::strong_count(&token), 5);
        }
        assert_eq!(Rc::strong_count(&token), 1, "dropping the lists drops their items");
    }
}
