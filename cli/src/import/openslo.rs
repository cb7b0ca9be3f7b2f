//! `uptrend import openslo`: OpenSLO files, then each SLO's query results from `--prometheus DIR`.

use uptrend_import::openslo::{self, SourceFile};
use uptrend_import::{Imported, ServiceMap};

use crate::import::args::OpensloArgs;
use crate::import::prometheus;
use crate::input;

pub fn import(args: &OpensloArgs, map: &ServiceMap) -> anyhow::Result<Imported> {
    let files = args
        .files
        .iter()
        .map(|path| input::read_file(path, args.output.read.max_file_size))
        .collect::<anyhow::Result<Vec<_>>>()?;
    let sources: Vec<SourceFile<'_>> =
        files.iter().map(|file| SourceFile { name: &file.name, bytes: &file.bytes }).collect();
    let mut imported = Imported::default();
    let specs = openslo::definitions(&sources, map, &mut imported);
    prometheus::attach_from_dir(&specs, &args.prometheus, &args.data, args.output.read.max_file_size, &mut imported)?;
    Ok(imported)
}
