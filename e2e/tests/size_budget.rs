//! The release site's code stays small: wasm + JS, gzipped, at most `BUDGET_BYTES` (493 KB).

#![allow(clippy::print_stdout, reason = "the total is the test's report")]

use uptrend_e2e::{paths, size_budget};

#[test]
fn gzipped_wasm_and_js_fit_the_budget() -> anyhow::Result<()> {
    let dist = paths::dist_dir()?;
    let files = size_budget::code_files(&dist)?;
    let total_bytes = size_budget::gzipped_bytes(&files)?;
    let total_kb = total_bytes as f64 / 1024.0;
    let figure = format!("{total_kb:.1} KB gzipped (wasm + js, limit {} KB)", size_budget::BUDGET_BYTES / 1024);
    println!("size budget: {figure}");
    // scripts/test.sh prints it in its summary, so the limit shown is always the one checked.
    std::fs::create_dir_all(paths::workspace_root().join("target"))?;
    std::fs::write(paths::workspace_root().join("target/size-budget.txt"), format!("{figure}\n"))?;
    assert!(
        total_bytes <= size_budget::BUDGET_BYTES,
        "the site's code is {total_kb:.1} KB gzipped, over the {} KB budget: {files:?}",
        size_budget::BUDGET_BYTES / 1024
    );
    Ok(())
}
