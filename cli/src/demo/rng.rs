//! Independent random streams: one per named purpose, so that adding a service or an SLO to the
//! company does not shift the numbers drawn for the others.

use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

/// The random stream for `purpose` (e.g. `"sli/checkout-availability"`) under `seed`.
pub fn stream(seed: u64, purpose: &str) -> ChaCha8Rng {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    rng.set_stream(fnv1a(purpose.as_bytes()));
    rng
}

/// FNV-1a, 64-bit: a stable hash of the purpose name (std's hasher is not stable across releases).
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &byte| (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3))
}

#[cfg(test)]
mod tests {
    use rand::Rng;

    use super::*;

    #[test]
    fn same_seed_and_purpose_give_the_same_sequence() {
        let (mut first, mut second) = (stream(7, "a"), stream(7, "a"));
        let first: Vec<u64> = (0..4).map(|_| first.random()).collect();
        let second: Vec<u64> = (0..4).map(|_| second.random()).collect();
        assert_eq!(first, second);
    }

    #[test]
    fn purposes_and_seeds_give_different_streams() {
        let base = stream(7, "a").random::<u64>();
        assert_ne!(base, stream(7, "b").random::<u64>());
        assert_ne!(base, stream(8, "a").random::<u64>());
    }

    #[test]
    fn fnv1a_matches_the_reference_vector() {
        // FNV-1a 64 of "a" from the reference test suite.
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
    }
}
