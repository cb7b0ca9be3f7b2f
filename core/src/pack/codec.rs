//! The pack's byte encoding: LEB128 varints for counts and lengths, strings as a length and UTF-8
//! bytes, instants as zigzag seconds and nanoseconds, count columns as little-endian words. The
//! reader checks every length against the bytes left, so a damaged pack is an error, never a panic
//! or a huge allocation.

use chrono::{DateTime, Utc};

use super::PackError;

/// Appends values to the pack's bytes.
#[derive(Default)]
pub(super) struct Writer {
    pub(super) bytes: Vec<u8>,
}

impl Writer {
    pub(super) fn u8(&mut self, value: u8) {
        self.bytes.push(value);
    }

    pub(super) fn varint(&mut self, mut value: u64) {
        while value >= 0x80 {
            self.bytes.push((value as u8) | 0x80);
            value >>= 7;
        }
        self.bytes.push(value as u8);
    }

    pub(super) fn len(&mut self, len: usize) {
        self.varint(len as u64);
    }

    pub(super) fn string(&mut self, text: &str) {
        self.len(text.len());
        self.bytes.extend_from_slice(text.as_bytes());
    }

    pub(super) fn optional_string(&mut self, text: Option<&str>) {
        match text {
            Some(text) => {
                self.u8(1);
                self.string(text);
            }
            None => self.u8(0),
        }
    }

    /// Seconds since the epoch (zigzag, so instants before 1970 stay short) and the nanoseconds
    /// (`1_000_000_000` and above for a leap second, as chrono keeps it).
    pub(super) fn instant(&mut self, at: DateTime<Utc>) {
        let secs = at.timestamp();
        self.varint(((secs << 1) ^ (secs >> 63)) as u64);
        self.varint(u64::from(at.timestamp_subsec_nanos()));
    }

    pub(super) fn optional_instant(&mut self, at: Option<DateTime<Utc>>) {
        match at {
            Some(at) => {
                self.u8(1);
                self.instant(at);
            }
            None => self.u8(0),
        }
    }

    pub(super) fn u32s(&mut self, values: &[u32]) {
        self.bytes.reserve(values.len() * 4);
        values.iter().for_each(|value| self.bytes.extend_from_slice(&value.to_le_bytes()));
    }

    pub(super) fn u64s(&mut self, values: &[u64]) {
        self.bytes.reserve(values.len() * 8);
        values.iter().for_each(|value| self.bytes.extend_from_slice(&value.to_le_bytes()));
    }
}

/// Reads values back in the order they were written, from the whole pack or, while it streams in
/// ([`Decoder`](super::Decoder)), from the part of it that has arrived.
pub(super) struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
    /// Where `bytes` starts in the pack, so that an error names the pack's own offset.
    base: usize,
    /// Whether `bytes` runs to the pack's end: if not, a read past it waits for more bytes.
    complete: bool,
    /// The whole pack's length, when known before it has all arrived.
    pack_len: Option<usize>,
    /// Set when a read failed only because the rest of the pack has not arrived yet.
    short: bool,
}

impl<'a> Reader<'a> {
    #[cfg(test)]
    pub(super) fn new(bytes: &'a [u8]) -> Reader<'a> {
        Reader { bytes, at: 0, base: 0, complete: true, pack_len: Some(bytes.len()), short: false }
    }

    /// A reader of `bytes`, found at `base` in a pack of `pack_len` bytes (when known), of which
    /// `bytes` is the rest when `complete`.
    pub(super) fn part(bytes: &'a [u8], base: usize, complete: bool, pack_len: Option<usize>) -> Reader<'a> {
        Reader { bytes, at: 0, base, complete, pack_len, short: false }
    }

    pub(super) fn offset(&self) -> usize {
        self.base + self.at
    }

    /// How many bytes were read.
    pub(super) fn read_len(&self) -> usize {
        self.at
    }

    /// Whether the last failure was only the end of the bytes that have arrived so far.
    pub(super) fn is_short(&self) -> bool {
        self.short
    }

    pub(super) fn remaining(&self) -> usize {
        self.bytes.len() - self.at
    }

    /// The bytes the whole pack has after this point, when known.
    fn pack_remaining(&self) -> Option<usize> {
        if self.complete {
            Some(self.remaining())
        } else {
            self.pack_len.map(|len| len.saturating_sub(self.offset()))
        }
    }

    /// The bytes left to name in an error: the whole pack's when known.
    fn left_to_say(&self) -> usize {
        self.pack_remaining().unwrap_or(self.remaining())
    }

    /// Whether `needed` bytes beyond this point may still arrive: the failure is then only short.
    fn may_arrive(&self, needed: usize) -> bool {
        !self.complete && self.pack_remaining().is_none_or(|left| needed <= left)
    }

    pub(super) fn fail<T>(&self, reason: impl Into<String>) -> Result<T, PackError> {
        Err(PackError::Malformed { offset: self.offset(), reason: reason.into() })
    }

    pub(super) fn take(&mut self, len: usize) -> Result<&'a [u8], PackError> {
        if len > self.remaining() {
            self.short = self.may_arrive(len);
            return self.fail(format!("{len} bytes are needed, {} are left", self.left_to_say()));
        }
        let taken = &self.bytes[self.at..self.at + len];
        self.at += len;
        Ok(taken)
    }

    pub(super) fn u8(&mut self) -> Result<u8, PackError> {
        Ok(self.take(1)?[0])
    }

    pub(super) fn varint(&mut self) -> Result<u64, PackError> {
        let start = self.at;
        let mut value = 0u64;
        for shift in (0..64).step_by(7) {
            let byte = self.u8()?;
            let bits = u64::from(byte & 0x7f);
            if shift == 63 && bits > 1 {
                break;
            }
            value |= bits << shift;
            if byte & 0x80 == 0 {
                return Ok(value);
            }
        }
        self.at = start;
        self.fail("a number does not fit in 64 bits")
    }

    /// A count of items that each take at least `min_item_bytes`: never more than the bytes left
    /// could hold, so the caller may reserve it.
    pub(super) fn count(&mut self, min_item_bytes: usize) -> Result<usize, PackError> {
        let count = self.varint()?;
        let needed = usize::try_from(count).map_or(usize::MAX, |count| count.saturating_mul(min_item_bytes));
        match usize::try_from(count) {
            Ok(count) if needed <= self.remaining() => Ok(count),
            _ => {
                self.short = self.may_arrive(needed);
                self.fail(format!("a count of {count} does not fit in the {} bytes left", self.left_to_say()))
            }
        }
    }

    /// A count of items of at least `min_item_bytes` each that follow as the pack streams in: checked
    /// against the whole pack's length when known, not against the bytes that have arrived.
    pub(super) fn streamed_count(&mut self, min_item_bytes: usize) -> Result<usize, PackError> {
        let count = self.varint()?;
        let needed = usize::try_from(count).map_or(usize::MAX, |count| count.saturating_mul(min_item_bytes));
        match self.pack_remaining() {
            Some(left) if needed > left => {
                self.fail(format!("a count of {count} does not fit in the {left} bytes left"))
            }
            _ => Ok(usize::try_from(count).unwrap_or(usize::MAX)),
        }
    }

    /// A count, then that many items of at least `min_item_bytes` each, read by `item`.
    pub(super) fn list<T>(
        &mut self,
        min_item_bytes: usize,
        mut item: impl FnMut(&mut Reader<'a>) -> Result<T, PackError>,
    ) -> Result<Vec<T>, PackError> {
        let count = self.count(min_item_bytes)?;
        let mut items = Vec::with_capacity(count);
        for _ in 0..count {
            items.push(item(self)?);
        }
        Ok(items)
    }

    /// A text, as a `String` or an [`Id`](crate::model::Id) (held inline when short).
    pub(super) fn string<T: for<'t> From<&'t str>>(&mut self) -> Result<T, PackError> {
        let len = self.count(1)?;
        let at = self.offset();
        let bytes = self.take(len)?;
        match std::str::from_utf8(bytes) {
            Ok(text) => Ok(T::from(text)),
            Err(_) => Err(PackError::Malformed { offset: at, reason: "a text is not UTF-8".to_owned() }),
        }
    }

    pub(super) fn optional_string<T: for<'t> From<&'t str>>(&mut self) -> Result<Option<T>, PackError> {
        match self.u8()? {
            0 => Ok(None),
            1 => self.string().map(Some),
            flag => self.fail(format!("an optional text has flag {flag}, not 0 or 1")),
        }
    }

    pub(super) fn instant(&mut self) -> Result<DateTime<Utc>, PackError> {
        let zigzag = self.varint()?;
        let secs = (zigzag >> 1) as i64 ^ -((zigzag & 1) as i64);
        let nanos = self.varint()?;
        match u32::try_from(nanos).ok().and_then(|nanos| DateTime::from_timestamp(secs, nanos)) {
            Some(at) => Ok(at),
            None => self.fail(format!("{secs} s and {nanos} ns is no instant")),
        }
    }

    pub(super) fn optional_instant(&mut self) -> Result<Option<DateTime<Utc>>, PackError> {
        match self.u8()? {
            0 => Ok(None),
            1 => self.instant().map(Some),
            other => self.fail(format!("an optional instant has flag {other}, not 0 or 1")),
        }
    }

    pub(super) fn u32s(&mut self, count: usize) -> Result<Vec<u32>, PackError> {
        let bytes = self.take(count.saturating_mul(4))?;
        Ok(bytes.chunks_exact(4).map(|word| u32::from_le_bytes([word[0], word[1], word[2], word[3]])).collect())
    }

    pub(super) fn u64s(&mut self, count: usize) -> Result<Vec<u64>, PackError> {
        let bytes = self.take(count.saturating_mul(8))?;
        Ok(bytes
            .chunks_exact(8)
            .map(|word| u64::from_le_bytes([word[0], word[1], word[2], word[3], word[4], word[5], word[6], word[7]]))
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn varints_round_trip_at_every_width() {
        for value in [0, 1, 127, 128, 300, u64::from(u32::MAX), u64::MAX - 1, u64::MAX] {
            let mut writer = Writer::default();
            writer.varint(value);
            assert_eq!(Reader::new(&writer.bytes).varint(), Ok(value));
        }
    }

    #[test]
    fn an_overlong_varint_is_an_error() {
        let bytes = [0xff; 11];
        assert!(Reader::new(&bytes).varint().is_err());
        let too_big = [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x02];
        assert!(Reader::new(&too_big).varint().is_err());
    }

    #[test]
    fn instants_round_trip_before_and_after_the_epoch_and_at_a_leap_second() {
        let leap = chrono::NaiveDate::from_ymd_opt(2016, 12, 31)
            .and_then(|day| day.and_hms_nano_opt(23, 59, 59, 1_500_000_000))
            .map(|at| at.and_utc());
        let instants = [DateTime::from_timestamp(-86_401, 5), DateTime::from_timestamp(1_767_225_600, 0), leap];
        for at in instants.into_iter().flatten() {
            let mut writer = Writer::default();
            writer.instant(at);
            assert_eq!(Reader::new(&writer.bytes).instant(), Ok(at));
        }
    }

    #[test]
    fn a_count_larger_than_the_bytes_left_is_an_error() {
        let mut writer = Writer::default();
        writer.varint(1_000);
        writer.bytes.extend([0; 10]);
        assert!(Reader::new(&writer.bytes).count(1).is_err());
        assert!(Reader::new(&writer.bytes).string::<String>().is_err());
    }
}
