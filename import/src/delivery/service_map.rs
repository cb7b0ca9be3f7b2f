//! The map from a source's names for services (a PagerDuty service id, a repository, a DevLake
//! scope) to Uptrend service ids, given by the user.

use std::collections::BTreeMap;

/// Source name -> Uptrend service id. Without entries every source name is used as it is; with
/// entries, a name the map does not know is unmapped and its records are skipped (and reported),
/// so a typo in the map can never file incidents under a service nobody reads.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ServiceMap {
    entries: BTreeMap<String, String>,
}

impl ServiceMap {
    pub fn new(entries: impl IntoIterator<Item = (String, String)>) -> ServiceMap {
        ServiceMap { entries: entries.into_iter().collect() }
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The Uptrend service for the first of `names` (a source may know a service by id and by
    /// name: PagerDuty's `PIJ90N7` and `Checkout API`) that the map knows; without a map, the first name.
    pub fn resolve(&self, names: &[&str]) -> Option<String> {
        if self.entries.is_empty() {
            return names.first().map(|name| (*name).to_owned());
        }
        names.iter().find_map(|name| self.entries.get(*name).cloned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_map_keeps_names_and_a_map_skips_what_it_does_not_know() {
        assert_eq!(ServiceMap::default().resolve(&["PIJ90N7", "Mail"]), Some("PIJ90N7".into()));
        let map = ServiceMap::new([("Mail".to_owned(), "mail".to_owned())]);
        assert_eq!(map.resolve(&["PIJ90N7", "Mail"]), Some("mail".into()));
        assert_eq!(map.resolve(&["P0000"]), None);
    }
}
