//! The compare answers of GitHub and GitLab (the commits between two deployed SHAs), read into
//! [`CommitRanges`]: several pages of one compare merged, every record not used reported.

use serde_json::Value;

use super::history::{Commit, CommitRange, CommitRanges};
use super::pages::{read_pages, records};
use super::record::{instant, text, Origin};
use super::{read, skip, Input};
use crate::{Imported, Problem};

/// A platform's reading of one compare record: its range and the problems of its commits, or why
/// the record cannot be used.
pub(crate) type ReadCompare = fn(&Value, &Origin) -> Result<(CommitRange, Vec<Problem>), Problem>;

/// The commit ranges of the compare files, each record read by `compare`.
pub(crate) fn read_compares(inputs: &[Input<'_>], import: &mut Imported, compare: ReadCompare) -> CommitRanges {
    let mut ranges = CommitRanges::default();
    for input in inputs {
        let Some(pages) = read_pages(input, import) else { continue };
        let (found, problems) = records(input.name, &pages, None);
        import.problems.extend(problems);
        read(import, "compares", found.len());
        for located in found {
            let origin = Origin::of(input.name, &located);
            match compare(located.value, &origin) {
                Ok((range, problems)) => {
                    import.problems.extend(problems);
                    ranges.add(range);
                }
                Err(problem) => skip(import, "compares", problem),
            }
        }
    }
    ranges
}

/// Where a platform's compare answer keeps a commit's SHA and its time (the first of `dates` present).
pub(crate) struct CommitFields {
    pub sha: &'static str,
    pub dates: [&'static str; 2],
}

/// The commits of a compare's `commits` array; each without a SHA or a date is reported and left out.
pub(crate) fn commits(list: &[Value], origin: &Origin, fields: &CommitFields) -> (Vec<Commit>, Vec<Problem>) {
    let mut problems = Vec::new();
    let mut parsed = Vec::with_capacity(list.len());
    for (index, commit) in list.iter().enumerate() {
        let sha = text(commit, fields.sha, "the commit SHA");
        let [date, fallback] = fields.dates;
        let date = instant(commit, date).or_else(|_| instant(commit, fallback));
        match (sha, date) {
            (Ok(sha), Ok(committed_at)) => parsed.push(Commit { sha, committed_at }),
            (Err(err), _) | (_, Err(err)) => problems.push(origin.error(
                &format!("commits[{index}].{}", err.field),
                format!("{}: the commit is left out of the deployment's changes", err.reason),
            )),
        }
    }
    (parsed, problems)
}
