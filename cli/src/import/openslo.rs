//! `uptrend import openslo`: OpenSLO files, then each SLO's query results from `--prometheus DIR`.

use uptrend_import::{openslo, Imported, ServiceMap};

use crate::import::args::OpensloArgs;
use crate::import::prometheus;

pub fn import(args: &OpensloArgs, map: &ServiceMap) -> anyhow::Result<Imported> {
    let limit = args.output.read.max_file_size;
    prometheus::import_definitions(&args.files, &args.prometheus, &args.data, limit, |sources, imported| {
        openslo::definitions(sources, map, imported)
    })
}
