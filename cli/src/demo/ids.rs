//! Commit ids that look like abbreviated git hashes and never repeat, without remembering the
//! ones already given out (the large scale makes millions).

use compact_str::format_compact;
use uptrend_core::model::Id;

/// Ten hex digits: 40 bits.
const ID_BITS: u32 = 40;
const ID_MASK: u64 = (1 << ID_BITS) - 1;

/// Hands out distinct 10-hex-digit change ids in a seed-dependent order.
#[derive(Debug, Clone)]
pub struct ChangeIds {
    key: u64,
    next: u64,
}

impl ChangeIds {
    pub fn new(seed: u64) -> ChangeIds {
        ChangeIds { key: scramble(seed & ID_MASK), next: 0 }
    }

    /// The id of the `index`-th change: a bijection of `index` on 40 bits, so distinct indexes give distinct ids.
    pub fn id_of(&self, index: u64) -> Id {
        format_compact!("{:010x}", scramble((index & ID_MASK) ^ self.key))
    }

    pub fn next_id(&mut self) -> Id {
        let id = self.id_of(self.next);
        self.next = self.next.wrapping_add(1);
        id
    }
}

/// An invertible mix of 40-bit values: odd multiplications and xor-shifts are both bijective modulo 2^40.
fn scramble(value: u64) -> u64 {
    let mut x = value & ID_MASK;
    x = x.wrapping_mul(0x9E37_79B9_7F4B) & ID_MASK;
    x ^= x >> 21;
    x = x.wrapping_mul(0xC2B2_AE3D_27D5) & ID_MASK;
    x ^= x >> 19;
    x
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;

    #[test]
    fn ids_are_ten_hex_digits_and_distinct() {
        let mut ids = ChangeIds::new(42);
        let drawn: Vec<Id> = (0..100_000).map(|_| ids.next_id()).collect();
        assert!(drawn.iter().all(|id| id.len() == 10 && id.bytes().all(|b| b.is_ascii_hexdigit())));
        assert_eq!(drawn.iter().collect::<BTreeSet<_>>().len(), drawn.len());
    }

    #[test]
    fn seeds_change_the_ids() {
        assert_ne!(ChangeIds::new(1).id_of(0), ChangeIds::new(2).id_of(0));
    }
}
