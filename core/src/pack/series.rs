//! An SLO's merged SLI as three columns: the validity bitmap as little-endian `u64` words, then
//! `good` and `total`, each as little-endian `u32` or `u64` (the header says which).

use chrono::{DateTime, Utc};

use crate::model::count_column::{Validity, Values};
use crate::model::SliSeries;
use crate::time::Span;

use super::codec::{Reader, Writer};
use super::PackError;

/// How a series is stored, kept in the pack's header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct SeriesShape {
    pub(super) buckets: usize,
    pub(super) good_wide: bool,
    pub(super) total_wide: bool,
}

pub(super) fn shape(series: &SliSeries) -> SeriesShape {
    let (good, total, _) = series.columns();
    SeriesShape {
        buckets: series.len(),
        good_wide: matches!(good, Values::Wide(_)),
        total_wide: matches!(total, Values::Wide(_)),
    }
}

pub(super) fn write_series(writer: &mut Writer, series: &SliSeries) {
    let (good, total, valid) = series.columns();
    writer.u64s(valid.words());
    for values in [good, total] {
        match values {
            Values::Narrow(values) => writer.u32s(values),
            Values::Wide(values) => writer.u64s(values),
        }
    }
}

pub(super) fn read_series(
    reader: &mut Reader,
    start: DateTime<Utc>,
    step: Span,
    shape: SeriesShape,
) -> Result<SliSeries, PackError> {
    let words = reader.u64s(shape.buckets.div_ceil(64))?;
    let mut column = |wide: bool| -> Result<Values, PackError> {
        Ok(if wide { Values::Wide(reader.u64s(shape.buckets)?) } else { Values::Narrow(reader.u32s(shape.buckets)?) })
    };
    let good = column(shape.good_wide)?;
    let total = column(shape.total_wide)?;
    match SliSeries::from_columns(start, step, good, total, Validity::from_words(words)) {
        Some(series) => Ok(series),
        None => reader.fail("a series' validity bitmap marks buckets beyond its end"),
    }
}
