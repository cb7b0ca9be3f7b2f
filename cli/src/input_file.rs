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
    let (file, len) = open_regular(path, limit)?;
    read_bounded(file, limit, usize::try_from(len).unwrap_or(0))
}

/// The regular file at `path` opened for reading, and its length, if that is at most `limit`.
fn open_regular(path: &Path, limit: ByteLimit) -> Result<(File, u64), ReadError> {
    // Non-blocking open: a FIFO put in place after a check would otherwise block the open itself.
    let file = open_without_blocking(path).map_err(ReadError::Io)?;
    let metadata = file.metadata().map_err(ReadError::Io)?;
    if !metadata.is_file() {
        return Err(ReadError::NotRegular(kind(metadata.file_type())));
    }
    if metadata.len() > limit.bytes {
        return Err(ReadError::TooLarge(limit));
    }
    Ok((file, metadata.len()))
}

/// The bytes of one chunk of [`FileChunks`]: small next to a snapshot, large next to a record.
pub const CHUNK_BYTES: usize = 4 << 20;

/// The regular file at `path`, if it holds at most `limit` bytes, to be read in chunks of
/// [`CHUNK_BYTES`]: the same checks and errors as [`read_file`].
pub fn read_chunks(path: &Path, limit: ByteLimit) -> Result<FileChunks, ReadError> {
    let (file, _) = open_regular(path, limit)?;
    Ok(FileChunks { file: Some(file), limit, read_bytes: 0 })
}

/// A file's bytes in chunks of [`CHUNK_BYTES`], failing once it has given more than its limit (a
/// file may grow after it was measured). Ends after the first error.
#[derive(Debug)]
pub struct FileChunks {
    file: Option<File>,
    limit: ByteLimit,
    read_bytes: u64,
}

impl Iterator for FileChunks {
    type Item = Result<Vec<u8>, ReadError>;

    fn next(&mut self) -> Option<Self::Item> {
        let file = self.file.as_mut()?;
        let mut chunk = Vec::with_capacity(CHUNK_BYTES);
        let read = file.take(CHUNK_BYTES as u64).read_to_end(&mut chunk);
        self.read_bytes += chunk.len() as u64;
        let chunk = match read {
            Err(err) => Err(ReadError::Io(err)),
            Ok(_) if self.read_bytes > self.limit.bytes => Err(ReadError::TooLarge(self.limit)),
            Ok(0) => {
                self.file = None;
                return None;
            }
            Ok(_) => return Some(Ok(chunk)),
        };
        self.file = None;
        Some(chunk)
    }
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

    #[test]
    fn a_file_read_in_chunks_gives_its_bytes_in_order_then_ends() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.json");
        let bytes: Vec<u8> = (0..CHUNK_BYTES + 10).map(|n| (n % 251) as u8).collect();
        std::fs::write(&path, &bytes).unwrap();
        let chunks: Vec<Vec<u8>> =
            read_chunks(&path, ByteLimit { bytes: 1 << 30 }).unwrap().collect::<Result<_, _>>().unwrap();
        assert_eq!(chunks.iter().map(Vec::len).collect::<Vec<_>>(), [CHUNK_BYTES, 10]);
        assert_eq!(chunks.concat(), bytes);
        std::fs::write(&path, b"").unwrap();
        assert_eq!(read_chunks(&path, LIMIT).unwrap().count(), 0);
    }

    #[test]
    fn chunks_beyond_the_limit_are_refused_once() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.json");
        std::fs::write(&path, b"123456789").unwrap();
        assert!(matches!(read_chunks(&path, LIMIT), Err(ReadError::TooLarge(_))));
        // A file that grows after it was measured.
        std::fs::write(&path, b"1234").unwrap();
        let mut chunks = read_chunks(&path, LIMIT).unwrap();
        std::fs::write(&path, b"123456789").unwrap();
        assert!(matches!(chunks.next(), Some(Err(ReadError::TooLarge(_)))));
        assert!(chunks.next().is_none());
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
