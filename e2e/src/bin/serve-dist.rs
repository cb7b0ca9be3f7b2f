//! `serve-dist [PORT [DIR [PREFIX]]]`: serves `dist/` (or DIR) on http://127.0.0.1:PORT/ (default 8080;
//! under PREFIX, such as `/uptrend/`, when given) until stopped. The offline tests run it as a process of
//! their own, so that stopping it takes the site off the network for the service worker too.

#![allow(clippy::print_stdout, reason = "telling the user where the site is, is this program's job")]

use std::path::PathBuf;

use anyhow::{Context, Result};
use uptrend_e2e::{paths, StaticServer};

fn main() -> Result<()> {
    let mut args = std::env::args().skip(1);
    let port: u16 = match args.next() {
        Some(port) => port.parse().with_context(|| format!("PORT must be a number, got {port:?}"))?,
        None => 8080,
    };
    let root = match args.next() {
        Some(dir) => PathBuf::from(dir),
        None => paths::dist_dir()?,
    };
    let prefix = args.next().unwrap_or_else(|| "/".to_owned());
    let server = StaticServer::start(&root, &format!("127.0.0.1:{port}"), &prefix)?;
    println!("Uptrend is served from {} on {} (Ctrl-C stops it)", root.display(), server.url(""));
    server.serve_forever();
    Ok(())
}
