//! Compact storage for SLI counts: a validity bitmap and the values as `u32` while every one fits,
//! as `u64` from the first that does not. A bucket then costs 4 bytes and a bit (8 and a bit for
//! columns with large counts) instead of the 16 bytes of an `Option<u64>` (24 for an `Option<Counts>`).

use std::fmt;

use serde::de::{SeqAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Counts as `u32` while all fit, else as `u64`; `0` where the bucket has no data.
#[derive(Clone)]
pub(crate) enum Values {
    Narrow(Vec<u32>),
    Wide(Vec<u64>),
}

impl Default for Values {
    fn default() -> Values {
        Values::Narrow(Vec::new())
    }
}

impl Values {
    fn with_capacity(capacity: usize) -> Values {
        Values::Narrow(Vec::with_capacity(capacity))
    }

    pub(crate) fn len(&self) -> usize {
        match self {
            Values::Narrow(values) => values.len(),
            Values::Wide(values) => values.len(),
        }
    }

    #[inline]
    pub(crate) fn get(&self, index: usize) -> Option<u64> {
        match self {
            Values::Narrow(values) => values.get(index).map(|&value| u64::from(value)),
            Values::Wide(values) => values.get(index).copied(),
        }
    }

    #[inline]
    pub(crate) fn push(&mut self, value: u64) {
        match self {
            Values::Narrow(values) => match u32::try_from(value) {
                Ok(narrow) => values.push(narrow),
                Err(_) => self.push_wide(value),
            },
            Values::Wide(values) => values.push(value),
        }
    }

    #[cold]
    #[inline(never)]
    fn push_wide(&mut self, value: u64) {
        if let Values::Narrow(values) = self {
            let mut wide = Vec::with_capacity(values.capacity().max(values.len() + 1));
            wide.extend(values.iter().map(|&value| u64::from(value)));
            *self = Values::Wide(wide);
        }
        if let Values::Wide(values) = self {
            values.push(value);
        }
    }

    /// Sets value `index` (which exists), turning the values wide if it needs to.
    pub(crate) fn set(&mut self, index: usize, value: u64) {
        if let Values::Narrow(values) = self {
            match (u32::try_from(value), values.get_mut(index)) {
                (Ok(narrow), Some(slot)) => *slot = narrow,
                (Ok(_), None) => {}
                (Err(_), Some(_)) => *self = Values::Wide(values.iter().map(|&value| u64::from(value)).collect()),
                (Err(_), None) => {}
            }
        }
        if let Values::Wide(values) = self {
            if let Some(slot) = values.get_mut(index) {
                *slot = value;
            }
        }
    }

    fn shrink_to_fit(&mut self) {
        match self {
            Values::Narrow(values) => values.shrink_to_fit(),
            Values::Wide(values) => values.shrink_to_fit(),
        }
    }
}

/// One bit a bucket: set when the bucket has data.
#[derive(Clone, Default, PartialEq, Eq)]
pub(crate) struct Validity {
    words: Vec<u64>,
}

impl Validity {
    fn with_capacity(buckets: usize) -> Validity {
        Validity { words: Vec::with_capacity(buckets.div_ceil(64)) }
    }

    #[inline]
    pub(crate) fn get(&self, index: usize) -> bool {
        self.words.get(index / 64).is_some_and(|word| word >> (index % 64) & 1 == 1)
    }

    /// Sets bit `index`, which is the next one: bits are pushed in order.
    #[inline]
    pub(crate) fn push(&mut self, index: usize, valid: bool) {
        if index.is_multiple_of(64) {
            self.words.push(0);
        }
        if valid {
            if let Some(word) = self.words.last_mut() {
                *word |= 1 << (index % 64);
            }
        }
    }

    /// The bitmap of `words`, bit `i` of word `i / 64` for bucket `i`.
    pub(crate) fn from_words(words: Vec<u64>) -> Validity {
        Validity { words }
    }

    pub(crate) fn words(&self) -> &[u64] {
        &self.words
    }

    /// Whether the bitmap has exactly the words for `buckets` bits and no bit set beyond them.
    pub(crate) fn fits(&self, buckets: usize) -> bool {
        let beyond = |word: &u64| match buckets % 64 {
            0 => 0,
            used => word >> used,
        };
        self.words.len() == buckets.div_ceil(64) && self.words.last().map_or(0, beyond) == 0
    }

    /// Sets or clears bit `index`, which exists.
    pub(crate) fn set(&mut self, index: usize, valid: bool) {
        if let Some(word) = self.words.get_mut(index / 64) {
            let bit = 1 << (index % 64);
            *word = if valid { *word | bit } else { *word & !bit };
        }
    }

    fn shrink_to_fit(&mut self) {
        self.words.shrink_to_fit();
    }
}

/// One SLI count column as a snapshot carries it (`slos[i].sli.good` or `.total`): per bucket `null`
/// or a count in `0..=u64::MAX`. It reads and writes exactly the JSON of a `Vec<Option<u64>>`.
#[derive(Clone, Default)]
pub struct CountColumn {
    values: Values,
    valid: Validity,
}

impl CountColumn {
    pub fn new() -> CountColumn {
        CountColumn::default()
    }

    pub fn with_capacity(buckets: usize) -> CountColumn {
        CountColumn { values: Values::with_capacity(buckets), valid: Validity::with_capacity(buckets) }
    }

    pub fn len(&self) -> usize {
        self.values.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The count of bucket `index`; `None` when it is `null` or beyond the column.
    #[inline]
    pub fn get(&self, index: usize) -> Option<u64> {
        if self.valid.get(index) {
            self.values.get(index)
        } else {
            None
        }
    }

    #[inline]
    pub fn push(&mut self, count: Option<u64>) {
        self.valid.push(self.len(), count.is_some());
        self.values.push(count.unwrap_or(0));
    }

    /// Sets bucket `index`; nothing when it is beyond the column.
    pub fn set(&mut self, index: usize, count: Option<u64>) {
        if index < self.len() {
            self.valid.set(index, count.is_some());
            self.values.set(index, count.unwrap_or(0));
        }
    }

    pub fn iter(&self) -> Counts<'_> {
        self.range(0, self.len())
    }

    /// The counts of buckets `[first, end)`, clamped to the column.
    pub fn range(&self, first: usize, end: usize) -> Counts<'_> {
        let end = end.min(self.len());
        Counts { column: self, indices: first.min(end)..end }
    }

    /// Drops the spare capacity (a column is kept until the merge).
    pub fn shrink_to_fit(&mut self) {
        self.values.shrink_to_fit();
        self.valid.shrink_to_fit();
    }
}

/// The counts of a [`CountColumn`], in order.
#[derive(Debug, Clone)]
pub struct Counts<'a> {
    column: &'a CountColumn,
    indices: std::ops::Range<usize>,
}

impl Iterator for Counts<'_> {
    type Item = Option<u64>;

    #[inline]
    fn next(&mut self) -> Option<Option<u64>> {
        self.indices.next().map(|index| self.column.get(index))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.indices.size_hint()
    }

    #[inline]
    fn nth(&mut self, n: usize) -> Option<Option<u64>> {
        self.indices.nth(n).map(|index| self.column.get(index))
    }
}

impl ExactSizeIterator for Counts<'_> {}

impl<'a> IntoIterator for &'a CountColumn {
    type Item = Option<u64>;
    type IntoIter = Counts<'a>;

    fn into_iter(self) -> Counts<'a> {
        self.iter()
    }
}

impl PartialEq for CountColumn {
    fn eq(&self, other: &CountColumn) -> bool {
        self.len() == other.len() && self.iter().eq(other.iter())
    }
}

impl Eq for CountColumn {}

impl fmt::Debug for CountColumn {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.debug_list().entries(self.iter()).finish()
    }
}

impl FromIterator<Option<u64>> for CountColumn {
    fn from_iter<I: IntoIterator<Item = Option<u64>>>(counts: I) -> CountColumn {
        let counts = counts.into_iter();
        let mut column = CountColumn::with_capacity(counts.size_hint().0);
        counts.for_each(|count| column.push(count));
        column
    }
}

impl From<Vec<Option<u64>>> for CountColumn {
    fn from(counts: Vec<Option<u64>>) -> CountColumn {
        counts.into_iter().collect()
    }
}

impl<const N: usize> From<[Option<u64>; N]> for CountColumn {
    fn from(counts: [Option<u64>; N]) -> CountColumn {
        counts.into_iter().collect()
    }
}

impl Serialize for CountColumn {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter())
    }
}

impl<'de> Deserialize<'de> for CountColumn {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<CountColumn, D::Error> {
        deserializer.deserialize_seq(ColumnVisitor)
    }
}

/// serde's `Vec<Option<u64>>` visitor, element by element: the same accepted input and messages.
struct ColumnVisitor;

impl<'de> Visitor<'de> for ColumnVisitor {
    type Value = CountColumn;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("a sequence")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<CountColumn, A::Error> {
        let mut column = CountColumn::with_capacity(seq.size_hint().unwrap_or(0).min(1 << 16));
        while let Some(count) = seq.next_element::<Option<u64>>()? {
            column.push(count);
        }
        column.shrink_to_fit();
        Ok(column)
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn turns_wide_at_the_first_count_past_u32_and_keeps_every_value() {
        let counts = [Some(1), None, Some(u64::from(u32::MAX)), Some(u64::from(u32::MAX) + 1), None, Some(7)];
        let mut column = CountColumn::new();
        for (pushed, count) in counts.iter().enumerate() {
            column.push(*count);
            assert_eq!(matches!(column.values, Values::Narrow(_)), pushed < 3, "after {pushed}");
        }
        assert_eq!(column.iter().collect::<Vec<_>>(), counts);
        assert_eq!(column.get(6), None);
        assert_eq!(column.iter().skip(3).collect::<Vec<_>>(), counts[3..]);
        assert_eq!(column, CountColumn::from(counts));
        let mut narrow = CountColumn::from([Some(1), None, Some(3)]);
        narrow.set(1, Some(2));
        narrow.set(0, None);
        narrow.set(3, Some(9));
        assert_eq!(narrow, CountColumn::from([None, Some(2), Some(3)]));
        narrow.set(2, Some(u64::MAX));
        assert_eq!(narrow, CountColumn::from([None, Some(2), Some(u64::MAX)]));
    }

    #[test]
    fn reads_and_writes_the_json_of_a_vector_of_optional_counts() {
        let text = "[0,null,4294967296,18446744073709551615]";
        let column: CountColumn = serde_json::from_str(text).unwrap();
        assert_eq!(serde_json::to_string(&column).unwrap(), text);
        for bad in ["[-1]", "[1.5]", "\"x\"", "{}", "[18446744073709551616]", "[1,]"] {
            let ours = serde_json::from_str::<CountColumn>(bad).map(|column| column.iter().collect::<Vec<_>>());
            let serdes = serde_json::from_str::<Vec<Option<u64>>>(bad);
            assert_eq!(ours.map_err(|err| err.to_string()), serdes.map_err(|err| err.to_string()), "{bad}");
        }
    }

    proptest! {
        #[test]
        fn holds_exactly_what_was_pushed(
            counts in proptest::collection::vec(proptest::option::of(prop_oneof![0_u64..100, any::<u64>()]), 0..200),
        ) {
            let column: CountColumn = counts.iter().copied().collect();
            prop_assert_eq!(column.len(), counts.len());
            prop_assert_eq!(column.iter().collect::<Vec<_>>(), counts.clone());
            let text = serde_json::to_string(&counts).map_err(|err| TestCaseError::fail(err.to_string()))?;
            prop_assert_eq!(serde_json::from_str::<CountColumn>(&text).ok(), Some(column));
        }
    }
}
