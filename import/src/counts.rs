//! How many records of each kind an import read, wrote into the snapshot and skipped.

use std::fmt;

use serde::Serialize;

/// The tally of one kind of record (`"SLO objectives"`, `"SLI buckets"`, `"deployments"`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Count {
    pub what: String,
    pub read: u64,
    pub written: u64,
    pub skipped: u64,
}

impl fmt::Display for Count {
    /// `SLO objectives: 5 read, 4 written, 1 skipped`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {} read, {} written, {} skipped", self.what, self.read, self.written, self.skipped)
    }
}

/// The tallies of an import, in the order the kinds were first counted.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
#[serde(transparent)]
pub struct Counts {
    counts: Vec<Count>,
}

impl Counts {
    /// Adds `read`, `written` and `skipped` records of kind `what`.
    pub fn add(&mut self, what: &str, read: u64, written: u64, skipped: u64) {
        let count = self.entry(what);
        count.read += read;
        count.written += written;
        count.skipped += skipped;
    }

    /// One record of kind `what` read.
    pub fn read(&mut self, what: &str) {
        self.add(what, 1, 0, 0);
    }

    /// One record of kind `what` written into the snapshot.
    pub fn written(&mut self, what: &str) {
        self.add(what, 0, 1, 0);
    }

    /// One record of kind `what` skipped (a [`crate::Problem`] says why).
    pub fn skipped(&mut self, what: &str) {
        self.add(what, 0, 0, 1);
    }

    /// The tally of `what`, if anything of that kind was counted.
    pub fn get(&self, what: &str) -> Option<&Count> {
        self.counts.iter().find(|count| count.what == what)
    }

    pub fn iter(&self) -> impl Iterator<Item = &Count> {
        self.counts.iter()
    }

    /// Adds every tally of `other`.
    pub fn extend(&mut self, other: Counts) {
        for count in other.counts {
            self.add(&count.what, count.read, count.written, count.skipped);
        }
    }

    fn entry(&mut self, what: &str) -> &mut Count {
        let index = match self.counts.iter().position(|count| count.what == what) {
            Some(index) => index,
            None => {
                self.counts.push(Count { what: what.to_owned(), read: 0, written: 0, skipped: 0 });
                self.counts.len() - 1
            }
        };
        &mut self.counts[index]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tallies_add_up_per_kind_in_first_seen_order() {
        let mut counts = Counts::default();
        counts.read("SLOs");
        counts.written("SLOs");
        counts.add("SLI buckets", 10, 8, 2);
        counts.read("SLOs");
        counts.skipped("SLOs");
        let lines: Vec<String> = counts.iter().map(ToString::to_string).collect();
        assert_eq!(lines, ["SLOs: 2 read, 1 written, 1 skipped", "SLI buckets: 10 read, 8 written, 2 skipped"]);
    }
}
