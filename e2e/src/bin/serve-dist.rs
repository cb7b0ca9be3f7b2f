//! `serve-dist [PORT]`: serves `dist/` on http://127.0.0.1:PORT/ (default 8080) until stopped.

#![allow(clippy::print_stdout, reason = "telling the user where the site is, is this program's job")]

use anyhow::{Context, Result};
use uptrend_e2e::{paths, StaticServer};

fn main() -> Result<()> {
    let port: u16 = match std::env::args().nth(1) {
        Some(port) => port.parse().with_context(|| format!("PORT must be a number, got {port:?}"))?,
        None => 8080,
    };
    let dist = paths::dist_dir()?;
    let server = StaticServer::start(&dist, &format!("127.0.0.1:{port}"), "/")?;
    println!("Uptrend is served from {} on {} (Ctrl-C stops it)", dist.display(), server.url(""));
    server.serve_forever();
    Ok(())
}
