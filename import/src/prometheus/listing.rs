//! Problems of one kind in one query result file: the first few listed, the rest counted, so that a
//! file wrong everywhere stays readable.

use crate::problem::{Location, Problem};

/// This many problems of one kind are listed per file; the rest are counted in one more.
pub const LISTED_PER_KIND: usize = 10;

#[derive(Debug)]
pub struct Listing<'a> {
    file: &'a str,
    what: &'static str,
    found: usize,
    problems: Vec<Problem>,
}

impl<'a> Listing<'a> {
    /// `what` names the kind in the closing count: "samples with a value that is not a number".
    pub fn new(file: &'a str, what: &'static str) -> Listing<'a> {
        Listing { file, what, found: 0, problems: Vec::new() }
    }

    pub fn error(&mut self, path: String, message: impl FnOnce() -> String) {
        self.found += 1;
        if self.found <= LISTED_PER_KIND {
            self.problems.push(Problem::error(self.file, Location::path(path), message()));
        }
    }

    pub fn warning(&mut self, path: String, message: impl FnOnce() -> String) {
        self.found += 1;
        if self.found <= LISTED_PER_KIND {
            self.problems.push(Problem::warning(self.file, Location::path(path), message()));
        }
    }

    /// The listed problems and, past the limit, one that counts the rest (with their severity).
    pub fn finish(mut self) -> Vec<Problem> {
        if let Some(unlisted) = self.found.checked_sub(LISTED_PER_KIND).filter(|&n| n > 0) {
            let severity = self.problems.last().map(|p| p.severity);
            let message = format!("{unlisted} more {} (only the first {LISTED_PER_KIND} are listed)", self.what);
            let mut closing = Problem::error(self.file, Location::file(), message);
            if let Some(severity) = severity {
                closing.severity = severity;
            }
            self.problems.push(closing);
        }
        self.problems
    }
}
