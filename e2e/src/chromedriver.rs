//! A chromedriver process on a free loopback port, stopped with everything it started.

use std::net::{Ipv4Addr, TcpListener, TcpStream};
use std::os::unix::process::CommandExt;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};

/// Debian's chromedriver (package `chromium-driver`); `CHROMEDRIVER` overrides it.
const DEFAULT_CHROMEDRIVER: &str = "/usr/bin/chromedriver";
const START_TIMEOUT: Duration = Duration::from_secs(20);
/// How long a drop waits for the killed process group to be gone.
const STOP_TIMEOUT: Duration = Duration::from_secs(5);

/// A running chromedriver. It runs in its own process group, and dropping it kills the whole group, so
/// the Chromium it started goes too, even when a test panics half-way.
#[derive(Debug)]
pub(crate) struct ChromeDriver {
    child: Child,
    port: u16,
}

impl ChromeDriver {
    /// Starts chromedriver on a free loopback port and waits until it accepts connections.
    pub(crate) fn start() -> Result<Self> {
        let program = std::env::var("CHROMEDRIVER").unwrap_or_else(|_| DEFAULT_CHROMEDRIVER.to_string());
        let port = free_port()?;
        let child = Command::new(&program)
            .arg(format!("--port={port}"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .process_group(0)
            .spawn()
            .with_context(|| format!("cannot start {program} (install it with scripts/setup.sh)"))?;
        let mut driver = Self { child, port };
        driver.wait_until_listening()?;
        Ok(driver)
    }

    /// The WebDriver endpoint, e.g. `http://127.0.0.1:45678`.
    pub(crate) fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    fn wait_until_listening(&mut self) -> Result<()> {
        let deadline = Instant::now() + START_TIMEOUT;
        loop {
            if TcpStream::connect((Ipv4Addr::LOCALHOST, self.port)).is_ok() {
                return Ok(());
            }
            if let Some(status) = self.child.try_wait().context("cannot check on chromedriver")? {
                bail!("chromedriver exited at start-up with {status}");
            }
            if Instant::now() > deadline {
                bail!("chromedriver did not listen on port {} within {START_TIMEOUT:?}", self.port);
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for ChromeDriver {
    fn drop(&mut self) {
        // `kill -- -PGID` reaches chromedriver, Chromium and Chromium's helpers in one go; the crate
        // forbids unsafe code, so this goes through kill(1) rather than libc. Errors are ignored: the
        // group may already be gone.
        let group = format!("-{}", self.child.id());
        let _ = Command::new("kill").args(["-KILL", "--", &group]).stdout(Stdio::null()).stderr(Stdio::null()).status();
        let _ = self.child.kill();
        let _ = self.child.wait();
        wait_until_group_gone(self.child.id(), STOP_TIMEOUT);
    }
}

/// Waits, at most `timeout`, until no live process is left in process group `group`. A killed
/// process is listed until the kernel has torn it down, and Chromium's helpers are reparented on
/// the way; zombies do not count, since nothing of them runs and a container's init may never reap
/// them.
fn wait_until_group_gone(group: u32, timeout: Duration) {
    let deadline = Instant::now() + timeout;
    while live_members(group) > 0 && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// How many processes in `group` are not zombies, read from `/proc/<pid>/stat`.
fn live_members(group: u32) -> usize {
    let Ok(entries) = std::fs::read_dir("/proc") else { return 0 };
    entries
        .filter_map(|entry| std::fs::read_to_string(entry.ok()?.path().join("stat")).ok())
        .filter(|stat| stat_is_live_member(stat, group))
        .count()
}

/// Whether a `/proc/<pid>/stat` line is a live (not zombie or dead) process of `group`. The fields
/// after the command's closing parenthesis are state, parent pid and process group (proc(5)).
fn stat_is_live_member(stat: &str, group: u32) -> bool {
    let Some((_, rest)) = stat.rsplit_once(')') else { return false };
    let mut fields = rest.split_whitespace();
    let state = fields.next();
    let pgrp = fields.nth(1).and_then(|field| field.parse::<u32>().ok());
    pgrp == Some(group) && !matches!(state, Some("Z" | "X" | "x"))
}

/// A loopback port that was free a moment ago (the OS picks it; the listener is closed again).
fn free_port() -> Result<u16> {
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).context("cannot find a free loopback port")?;
    Ok(listener.local_addr().context("cannot read the free port")?.port())
}

#[cfg(test)]
mod tests {
    use super::stat_is_live_member;

    #[test]
    fn a_stat_line_counts_only_live_members_of_the_group() {
        assert!(stat_is_live_member("4242 (chrome) S 1 4200 4200 0 -1", 4200));
        assert!(stat_is_live_member("4242 (a (b) c) R 1 4200 4200 0 -1", 4200));
        assert!(!stat_is_live_member("4242 (chrome) Z 1 4200 4200 0 -1", 4200));
        assert!(!stat_is_live_member("4242 (chrome) S 1 4201 4201 0 -1", 4200));
        assert!(!stat_is_live_member("garbage", 4200));
    }
}
