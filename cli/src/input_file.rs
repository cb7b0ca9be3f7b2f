//! The one way the CLI reads an input file: regular files only (or standard input when asked), at
//! most [`ByteLimit`] bytes. `/dev/zero` or a FIFO named in a manifest would otherwise read until
//! memory runs out or hang forever; here they fail at once with an error naming the file.

use std::fmt;
use std::fs::{File, FileType, OpenOptions};
use std::io::{self, Read};
use std::path::Path;

use crate::byte_limit::ByteLimit;

/// Why an input file was not read.
#[derive(Debug)]
pub enum ReadError {
    /// A directory, FIFO, device or socket: reading it could block or never end.
    NotRegular(&'static str),
    /// More than the limit.
    TooLarge(ByteLimit),
    Io(io::Error),
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadError::NotRegular(kind) => write!(f, "it is {kind}, not a regular file; only regular files are read"),
            ReadError::TooLarge(limit) => {
                write!(f, "it is larger than the limit of {limit}; raise the limit with --max-file-size")
            }
            ReadError::Io(err) => err.fmt(f),
        }
    }
}

impl std::error::Error for ReadError {}

/// The bytes of the regular file at `path`, if it holds at most `limit` bytes.
pub fn read_file(path: &Path, limit: ByteLimit) -> Result<Vec<u8>, ReadError> {
    // Non-blocking open: a FIFO put in place after a check would otherwise block the open itself.
    let file = open_without_blocking(path).map_err(ReadError::Io)?;
    let metadata = file.metadata().map_err(ReadError::Io)?;
    if !metadata.is_file() {
        return Err(ReadError::NotRegular(kind(metadata.file_type())));
    }
    if metadata.len() > limit.bytes {
        return Err(ReadError::TooLarge(limit));
    }
    let capacity = usize::try_from(metadata.len()).unwrap_or(0);
    read_bounded(file, limit, capacity)
}

/// Standard input, up to `limit` bytes (for `validate -`).
pub fn read_stdin(limit: ByteLimit) -> Result<Vec<u8>, ReadError> {
    read_bounded(io::stdin().lock(), limit, 0)
}

/// Reads at most `limit` bytes, failing if there are more (a file may grow after it was measured).
fn read_bounded(source: impl Read, limit: ByteLimit, capacity: usize) -> Result<Vec<u8>, ReadError> {
    let mut bytes = Vec::with_capacity(capacity);
    source.take(limit.bytes.saturating_add(1)).read_to_end(&mut bytes).map_err(ReadError::Io)?;
    if bytes.len() as u64 > limit.bytes {
        return Err(ReadError::TooLarge(limit));
    }
    Ok(bytes)
}

#[cfg(unix)]
fn open_without_blocking(path: &Path) -> io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    OpenOptions::new().read(true).custom_flags(libc::O_NONBLOCK).open(path)
}

#[cfg(not(unix))]
fn open_without_blocking(path: &Path) -> io::Result<File> {
    OpenOptions::new().read(true).open(path)
}

fn kind(file_type: FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return "a FIFO (named pipe)";
        }
        if file_type.is_char_device() {
            return "a character device";
        }
        if file_type.is_block_device() {
            return "a block device";
        }
        if file_type.is_socket() {
            return "a socket";
        }
    }
    if file_type.is_dir() {
        "a directory"
    } else {
        "not a regular file"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LIMIT: ByteLimit = ByteLimit { bytes: 8 };

    #[test]
    fn a_regular_file_within_the_limit_is_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.json");
        std::fs::write(&path, b"12345678").unwrap();
        assert_eq!(read_file(&path, LIMIT).unwrap(), b"12345678");
        std::fs::write(&path, b"123456789").unwrap();
        assert!(matches!(read_file(&path, LIMIT), Err(ReadError::TooLarge(_))));
    }

    #[test]
    fn a_stream_longer_than_the_limit_is_refused() {
        assert!(matches!(read_bounded(io::repeat(0), LIMIT, 0), Err(ReadError::TooLarge(_))));
        assert_eq!(read_bounded(&b"1234"[..], LIMIT, 0).unwrap(), b"1234");
    }

    #[cfg(unix)]
    #[test]
    fn devices_and_directories_are_not_read() {
        let error = read_file(Path::new("/dev/zero"), LIMIT).unwrap_err();
        assert_eq!(error.to_string(), "it is a character device, not a regular file; only regular files are read");
        let dir = tempfile::tempdir().unwrap();
        assert!(matches!(read_file(dir.path(), LIMIT), Err(ReadError::NotRegular("a directory"))));
    }
}
