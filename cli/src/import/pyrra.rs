//! `uptrend import pyrra`: Pyrra ServiceLevelObjectives, then each SLO's query results from
//! `--prometheus DIR`.

use uptrend_import::{pyrra, Imported, ServiceMap};

use crate::import::args::PyrraArgs;
use crate::import::prometheus;

pub fn import(args: &PyrraArgs, map: &ServiceMap) -> anyhow::Result<Imported> {
    let limit = args.output.read.max_file_size;
    prometheus::import_definitions(&args.files, &args.prometheus, &args.data, limit, |sources, imported| {
        pyrra::definitions(sources, args.service.as_deref(), map, imported)
    })
}
