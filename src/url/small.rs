//! A list that keeps its first `N` items inline (no heap allocation for the usual few
//! transformation keys or query parameters) and spills the rest into a `Vec`.
//!
//! The inline slots are `MaybeUninit`, so creating a list costs nothing: an array of `Option`s
//! would be initialised (copied from a template) on every call, which showed up at several
//! percent of a whole URL build.

use std::mem::MaybeUninit;

pub struct SmallList<T, const N: usize> {
    /// Slots `0..min(len, N)` are initialised; the rest are not.
    inline: [MaybeUninit<T>; N],
    len: usize,
    spill: Vec<T>,
}

impl<T, const N: usize> Default for SmallList<T, N> {
    fn default() -> Self {
        SmallList {
            inline: [const { MaybeUninit::uninit() }; N],
            len: 0,
            spill: Vec::new(),
        }
    }
}

impl<T, const N: usize> SmallList<T, N> {
    #[inline]
    fn inline_len(&self) -> usize {
        self.len.min(N)
    }

    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    pub fn push(&mut self, item: T) {
        if self.len < N {
            self.inline[self.len].write(item);
        } else {
            self.spill.push(item);
        }
        self.len += 1;
    }

    pub fn clear(&mut self) {
        let n = self.inline_len();
        // Forget the items first: should a drop panic, the rest leak instead of being dropped twice.
        self.len = 0;
        for slot in &mut self.inline[..n] {
            // SAFETY: slots below the old `min(len, N)` were initialised by `push` and are
            // dropped exactly once here (len is already 0).
            unsafe { slot.assume_init_drop() };
        }
        self.spill.clear();
    }

    pub fn get_mut(&mut self, i: usize) -> Option<&mut T> {
        if i < self.inline_len() {
            // SAFETY: i < min(len, N), so the slot is initialised.
            Some(unsafe { self.inline[i].assume_init_mut() })
        } else if i < self.len {
            self.spill.get_mut(i - N)
        } else {
            None
        }
    }

    /// Python dict assignment on a list of pairs: replace the value of the first pair whose key
    /// equals `key` (keeping its position), or append the pair.
    pub fn upsert<K: PartialEq, V>(&mut self, key: K, value: V)
    where
        T: PairLike<K, V>,
    {
        let found = self.iter().position(|p| *p.key() == key);
        match found {
            Some(i) => {
                if let Some(slot) = self.get_mut(i) {
                    slot.set_value(value);
                }
            }
            None => self.push(T::new(key, value)),
        }
    }

    pub fn iter(&self) -> impl Iterator<Item = &T> {
        let n = self.inline_len();
        self.inline[..n]
            .iter()
            // SAFETY: slots below min(len, N) are initialised.
            .map(|slot| unsafe { slot.assume_init_ref() })
            .chain(self.spill.iter())
    }
}

impl<T, const N: usize> Drop for SmallList<T, N> {
    fn drop(&mut self) {
        self.clear();
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
