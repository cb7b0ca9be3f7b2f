//! How bytes travel inside the page: base64 of their gzip, or of themselves when gzip would not be smaller.

use std::io::Write;

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use flate2::write::GzEncoder;
use flate2::Compression;
use serde::Serialize;

/// Bytes as the page carries them; `encoding` is a `DecompressionStream` format or `identity`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct Encoded {
    pub encoding: &'static str,
    pub base64: String,
}

impl Encoded {
    /// The smaller of gzip (best compression, no file name or time in the header, so the same bytes
    /// always give the same page) and the bytes as they are.
    pub(crate) fn of(bytes: &[u8]) -> Encoded {
        match gzip(bytes) {
            Some(gzipped) if gzipped.len() < bytes.len() => {
                Encoded { encoding: "gzip", base64: STANDARD.encode(gzipped) }
            }
            _ => Encoded { encoding: "identity", base64: STANDARD.encode(bytes) },
        }
    }
}

fn gzip(bytes: &[u8]) -> Option<Vec<u8>> {
    let mut encoder = GzEncoder::new(Vec::with_capacity(bytes.len() / 4), Compression::best());
    encoder.write_all(bytes).ok()?;
    encoder.finish().ok()
}

#[cfg(test)]
mod tests {
    use std::io::Read;

    use flate2::read::GzDecoder;

    use super::*;

    #[test]
    fn repetitive_bytes_are_gzipped_and_come_back_unchanged() {
        let bytes = "{\"good\": [998, 999, 1000]}".repeat(200).into_bytes();
        let encoded = Encoded::of(&bytes);
        assert_eq!(encoded.encoding, "gzip");
        let gzipped = STANDARD.decode(&encoded.base64).unwrap_or_default();
        assert!(gzipped.len() < bytes.len() / 10, "{} bytes gzipped", gzipped.len());
        let mut back = Vec::new();
        GzDecoder::new(gzipped.as_slice()).read_to_end(&mut back).unwrap_or_default();
        assert_eq!(back, bytes);
        assert_eq!(Encoded::of(&bytes), encoded, "the same bytes give the same text");
    }

    #[test]
    fn tiny_bytes_stay_as_they_are() {
        let encoded = Encoded::of(b"{}");
        assert_eq!(encoded, Encoded { encoding: "identity", base64: "e30=".to_owned() });
    }
}
