//! A collector of [`Problem`]s for one file, shared by parsing, validation and merging.

use crate::problem::{Problem, Severity};

/// At most this many problems are listed per file; the rest are counted in one closing problem, so
/// a file that is wrong everywhere cannot exhaust memory.
pub(crate) const MAX_PROBLEMS_PER_FILE: usize = 1_000;

/// Problems found so far in one file.
#[derive(Debug)]
pub(crate) struct Findings<'a> {
    file: &'a str,
    problems: Vec<Problem>,
    unlisted: usize,
    unlisted_severity: Severity,
}

impl<'a> Findings<'a> {
    pub(crate) fn new(file: &'a str) -> Findings<'a> {
        Findings { file, problems: Vec::new(), unlisted: 0, unlisted_severity: Severity::Warning }
    }

    pub(crate) fn error(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.push(Severity::Error, path, message);
    }

    pub(crate) fn warning(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.push(Severity::Warning, path, message);
    }

    fn push(&mut self, severity: Severity, path: impl Into<String>, message: impl Into<String>) {
        if self.problems.len() < MAX_PROBLEMS_PER_FILE {
            let problem = match severity {
                Severity::Error => Problem::error(self.file, path, message),
                Severity::Warning => Problem::warning(self.file, path, message),
            };
            self.problems.push(problem);
        } else {
            self.unlisted += 1;
            self.unlisted_severity = self.unlisted_severity.max(severity);
        }
    }

    pub(crate) fn into_problems(mut self) -> Vec<Problem> {
        if self.unlisted > 0 {
            let message = format!("{} more problems in this file are not listed", self.unlisted);
            let closing = match self.unlisted_severity {
                Severity::Error => Problem::error(self.file, "", message),
                Severity::Warning => Problem::warning(self.file, "", message),
            };
            self.problems.push(closing);
        }
        self.problems
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn problems_beyond_the_limit_are_counted_in_one_closing_problem() {
        let mut findings = Findings::new("a.json");
        for i in 0..MAX_PROBLEMS_PER_FILE {
            findings.warning(format!("x[{i}]"), "w");
        }
        findings.warning("y", "w");
        findings.error("z", "e");
        let problems = findings.into_problems();
        assert_eq!(problems.len(), MAX_PROBLEMS_PER_FILE + 1);
        let closing = &problems[MAX_PROBLEMS_PER_FILE];
        assert_eq!(
            (closing.is_error(), closing.message.as_str()),
            (true, "2 more problems in this file are not listed")
        );
    }
}
