//! `uptrend`: validate snapshots, print the report, generate demo data, import other tools' exports,
//! write the single-file report.
//!
//! Results go to stdout, problems and errors to stderr. Exit codes: 0 success, 1 invalid
//! snapshots (or, for `import`, invalid input records), 2 usage error or unreadable input (clap also exits with 2 on bad arguments).

mod args;
mod bundle;
mod byte_limit;
mod demo;
mod import;
mod input;
mod input_file;
mod markdown;
mod pack;
mod report;
mod validate;
mod visible;

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use clap::Parser;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::args::{Cli, Command, DemoArgs, Scale};
use crate::visible::Visible;

/// Exit code when a snapshot is invalid.
const EXIT_INVALID: u8 = 1;
/// The progress line of `demo --scale large`.
const PROGRESS_TEMPLATE: &str = "{msg:>12} [{bar:40}] {percent:>3}% {elapsed} (eta {eta})";
/// Exit code on a usage error, unreadable input or unwritable output.
const EXIT_USAGE: u8 = 2;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let mut stdout = std::io::stdout().lock();
    let outcome = match cli.command {
        Command::Validate(args) => validate::run(&args, &mut stdout).map(|validation| exit_code(validation.valid)),
        Command::Report(args) => report::run(&args, &mut stdout, &mut std::io::stderr().lock()).map(exit_code),
        Command::Demo(args) => demo(&args).map(|()| ExitCode::SUCCESS),
        Command::Import(args) => import::run(&args, &mut stdout, &mut std::io::stderr().lock()).map(exit_code),
        Command::Bundle(args) => bundle::run(&args, &mut std::io::stderr().lock()).map(exit_code),
        Command::Pack(args) => pack::run(&args, &mut std::io::stderr().lock()).map(exit_code),
    };
    let flushed = stdout.flush();
    match outcome.and_then(|code| flushed.map(|()| code).map_err(anyhow::Error::from)) {
        Ok(code) => code,
        Err(err) => {
            // The message may quote file names and ids from the data: shown escaped.
            eprintln!("error: {}", Visible(format!("{err:#}")));
            ExitCode::from(EXIT_USAGE)
        }
    }
}

fn exit_code(valid: bool) -> ExitCode {
    if valid {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(EXIT_INVALID)
    }
}

fn demo(args: &DemoArgs) -> anyhow::Result<()> {
    match args.scale {
        Scale::Demo => demo::write_demo(&args.out, args.seed, args.now),
        Scale::Large => {
            // Progress only for a person watching: never in logs or pipes.
            let progress = if std::io::stderr().is_terminal() {
                let style = ProgressStyle::with_template(PROGRESS_TEMPLATE)?.progress_chars("=> ");
                ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr()).with_style(style)
            } else {
                ProgressBar::hidden()
            };
            demo::write_large(
                &args.out,
                args.seed,
                args.now,
                &demo::LargeSize::benchmark().percent(args.percent),
                &progress,
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_progress_template_is_valid() {
        assert!(ProgressStyle::with_template(PROGRESS_TEMPLATE).is_ok());
    }
}
