//! `uptrend import sloth`: Sloth specs, then each SLO's query results from `--prometheus DIR`.

use uptrend_import::{sloth, Imported, ServiceMap};

use crate::import::args::SlothArgs;
use crate::import::prometheus;

pub fn import(args: &SlothArgs, map: &ServiceMap) -> anyhow::Result<Imported> {
    let limit = args.output.read.max_file_size;
    prometheus::import_definitions(&args.files, &args.prometheus, &args.data, limit, |sources, imported| {
        sloth::definitions(sources, args.window, map, imported)
    })
}
