//! A chromedriver process on a free loopback port, stopped with everything it started.

use std::net::{Ipv4Addr, TcpListener, TcpStream};
use std::os::unix::process::CommandExt;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};

/// Debian's chromedriver (package `chromium-driver`); `CHROMEDRIVER` overrides it.
const DEFAULT_CHROMEDRIVER: &str = "/usr/bin/chromedriver";
const START_TIMEOUT: Duration = Duration::from_secs(20);

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
    }
}

/// A loopback port that was free a moment ago (the OS picks it; the listener is closed again).
fn free_port() -> Result<u16> {
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).context("cannot find a free loopback port")?;
    Ok(listener.local_addr().context("cannot read the free port")?.port())
}
