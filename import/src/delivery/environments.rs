//! Which environments DORA counts as production, decided at import time.
//!
//! DORA counts a deployment when its `production` flag is true, or, without the flag, when its
//! environment is named `production` (`docs/metrics.md`). Sources name environments their own way
//! (`production-eu`, `prod`, DevLake's `PRODUCTION`), so an import can rename environments
//! ([`Environments::rename`]: the snapshot then carries the new name) or declare some of them
//! production while keeping their names ([`Environments::declare_production`]: the snapshot carries
//! the source's name and `"production": true`).

use std::collections::{BTreeMap, BTreeSet};

use uptrend_core::model::PRODUCTION;

/// The environment rules of one import.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Environments {
    renames: BTreeMap<String, String>,
    production: BTreeSet<String>,
}

/// An environment as the snapshot writes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placed {
    pub environment: String,
    /// `Some(true)` when declared production under another name; `None` leaves it to the name.
    pub production: Option<bool>,
}

impl Environments {
    /// `from` is written as `to` (`prod=production`).
    pub fn rename(&mut self, from: impl Into<String>, to: impl Into<String>) {
        self.renames.insert(from.into(), to.into());
    }

    /// Deployments to `environment` (after renaming) count as production for DORA.
    pub fn declare_production(&mut self, environment: impl Into<String>) {
        self.production.insert(environment.into());
    }

    /// Where a deployment to the source's `environment` lands; `source_says_production` is the
    /// source's own flag (GitHub's `production_environment`), honoured like a declaration.
    pub fn place(&self, environment: &str, source_says_production: bool) -> Placed {
        let environment = self.renames.get(environment).cloned().unwrap_or_else(|| environment.to_owned());
        let declared = source_says_production || self.production.contains(&environment);
        let production = (declared && environment != PRODUCTION).then_some(true);
        Placed { environment, production }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renamed_environments_carry_the_new_name_and_declared_ones_keep_theirs() {
        let mut environments = Environments::default();
        environments.rename("prod", "production");
        environments.declare_production("production-eu");
        let placed = |name: &str| environments.place(name, false);
        assert_eq!(placed("prod"), Placed { environment: "production".into(), production: None });
        assert_eq!(placed("production-eu"), Placed { environment: "production-eu".into(), production: Some(true) });
        assert_eq!(placed("staging"), Placed { environment: "staging".into(), production: None });
        assert_eq!(environments.place("live", true).production, Some(true));
    }
}
