//! `uptrend`: validate snapshots, print the report, generate demo data.

fn main() -> anyhow::Result<()> {
    Ok(())
}
