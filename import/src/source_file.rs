//! An input file as the caller read it: its name (for problems) and its bytes.

#[derive(Debug, Clone, Copy)]
pub struct SourceFile<'a> {
    pub name: &'a str,
    pub bytes: &'a [u8],
}
