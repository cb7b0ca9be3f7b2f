//! Benchmark placeholder, filled in by the slo engine.
fn main() {}
