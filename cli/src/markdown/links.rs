//! Links from the Markdown report to the published site: each SLO and service to its page, with the
//! site's query-string URLs (`?page=slo&slo=<id>`, `?page=service&service=<id>`, as
//! `app/src/route.rs` reads them) and the report's instant, so the page shows the same numbers.

use chrono::{DateTime, SecondsFormat, Utc};

/// The site's address (its index page, as given to `--site-url`) and the report instant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteLinks {
    base: String,
    as_of: String,
}

impl SiteLinks {
    pub fn new(base: &str, as_of: DateTime<Utc>) -> SiteLinks {
        // A query the user's URL already carries is replaced: the site reads only its own keys.
        let base = base.split(['?', '#']).next().unwrap_or_default().to_owned();
        SiteLinks { base, as_of: as_of.to_rfc3339_opts(SecondsFormat::AutoSi, true) }
    }

    pub fn slo(&self, id: &str) -> String {
        self.page(&[("page", "slo"), ("slo", id)])
    }

    pub fn service(&self, id: &str) -> String {
        self.page(&[("page", "service"), ("service", id)])
    }

    /// The Delivery page listing the change-failure deployments of the DORA window.
    pub fn change_failures(&self) -> String {
        self.page(&[("page", "delivery"), ("drill", "change_failures")])
    }

    fn page(&self, pairs: &[(&str, &str)]) -> String {
        let mut query = form_urlencoded::Serializer::new(String::new());
        for (key, value) in pairs {
            query.append_pair(key, value);
        }
        query.append_pair("as_of", &self.as_of);
        format!("{}?{}", self.base, query.finish())
    }
}

/// `[text](url)` when linking, else the text (already escaped Markdown).
pub fn linked(text: String, url: Option<String>) -> String {
    match url {
        Some(url) => format!("[{text}]({url})"),
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_use_the_sites_query_keys_escaped_and_the_report_instant() {
        let as_of = "2026-11-21T00:00:00Z".parse().unwrap_or_default();
        let links = SiteLinks::new("https://acme.example/reliability/?old=1", as_of);
        assert_eq!(
            links.slo("checkout (p99) & more"),
            "https://acme.example/reliability/?page=slo&slo=checkout+%28p99%29+%26+more&as_of=2026-11-21T00%3A00%3A00Z"
        );
        assert_eq!(
            links.service("api"),
            "https://acme.example/reliability/?page=service&service=api&as_of=2026-11-21T00%3A00%3A00Z"
        );
        assert_eq!(linked("a".to_owned(), None), "a");
    }
}
