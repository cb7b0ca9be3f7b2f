//! Benchmark placeholder, filled in by the dora engine.
fn main() {}
