//! The heading of the errors panel: how many errors and warnings the data has, in plain English.

use uptrend_core::problem::Problem;

/// `Data problems: 1 error, 2 warnings`.
pub fn problem_summary(problems: &[Problem]) -> String {
    let errors = problems.iter().filter(|problem| problem.is_error()).count();
    let warnings = problems.len() - errors;
    format!("Data problems: {}, {}", counted(errors, "error"), counted(warnings, "warning"))
}

/// `1 error`, `0 errors`, `2 errors`.
fn counted(count: usize, noun: &str) -> String {
    if count == 1 {
        format!("1 {noun}")
    } else {
        format!("{count} {noun}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(errors: usize, warnings: usize) -> Vec<Problem> {
        let error = Problem::error("a.json", "", "bad");
        let warning = Problem::warning("a.json", "", "odd");
        std::iter::repeat_n(error, errors).chain(std::iter::repeat_n(warning, warnings)).collect()
    }

    #[test]
    fn one_is_singular_and_every_other_count_plural() {
        assert_eq!(problem_summary(&problems(1, 0)), "Data problems: 1 error, 0 warnings");
        assert_eq!(problem_summary(&problems(2, 1)), "Data problems: 2 errors, 1 warning");
    }
}
