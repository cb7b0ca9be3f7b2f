//! `uptrend import <source>`: read the source's files, hand their bytes to `uptrend-import`, and
//! finish through [`output`]. A source module only reads files and calls the library.

pub mod args;
mod delivery;
pub mod delivery_args;
mod openslo;
mod output;
mod prometheus;
mod pyrra;
mod sloth;

use std::io::Write;

use self::args::{ImportArgs, ImportSource};

/// Runs the import; `Ok(false)` when some input was invalid (exit 1).
pub fn run(args: &ImportArgs, out: &mut impl Write, problems: &mut impl Write) -> anyhow::Result<bool> {
    let output = args.source.output();
    let map = match output::service_map(output.service_map.as_deref(), output.read.max_file_size)? {
        Ok(map) => map,
        Err(found) => {
            output::Outcome::failed(Default::default(), found).print(output.format, out, problems)?;
            return Ok(false);
        }
    };
    let imported = match &args.source {
        ImportSource::Openslo(source) => openslo::import(source, &map)?,
        ImportSource::Sloth(source) => sloth::import(source, &map)?,
        ImportSource::Pyrra(source) => pyrra::import(source, &map)?,
        ImportSource::Prometheus(source) => prometheus::import(source, &map)?,
        ImportSource::Github(source) => delivery::github(source, &map)?,
        ImportSource::Gitlab(source) => delivery::gitlab(source, &map)?,
        ImportSource::Pagerduty(source) => delivery::pagerduty(source, &map)?,
        ImportSource::Csv(source) => delivery::csv(source, &map)?,
    };
    output::finish(imported, output, out, problems)
}
