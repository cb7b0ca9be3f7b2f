//! The view's state in the URL's query string: page, selected SLO or service, filters, sort, as_of
//! and time range. Query state (not paths) lets deep links reload on any static server, under any
//! sub-path; unknown or malformed values fall back to defaults, never to an error.

use chrono::{DateTime, NaiveDate, Utc};
use uptrend_core::slo::Triage;

/// The site's pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Page {
    #[default]
    Overview,
    Slo,
    Service,
    Delivery,
    Platform,
}

impl Page {
    pub const ALL: [Page; 5] = [Page::Overview, Page::Slo, Page::Service, Page::Delivery, Page::Platform];

    /// Whether the page shows delivery numbers (DORA, change failures, platform): the SLO page does not,
    /// so opening it never waits for them.
    pub fn needs_delivery(self) -> bool {
        !matches!(self, Page::Slo)
    }

    pub fn key(self) -> &'static str {
        match self {
            Page::Overview => "overview",
            Page::Slo => "slo",
            Page::Service => "service",
            Page::Delivery => "delivery",
            Page::Platform => "platform",
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Page::Overview => "Overview",
            Page::Slo => "SLO detail",
            Page::Service => "Service",
            Page::Delivery => "Delivery (DORA)",
            Page::Platform => "Platform",
        }
    }

    fn from_key(key: &str) -> Option<Page> {
        Page::ALL.into_iter().find(|page| page.key() == key)
    }
}

/// The time range of every time chart, ending at `as_of` unless custom.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum RangeChoice {
    Days7,
    #[default]
    Days28,
    Days90,
    Year,
    /// Whole UTC days from `from` to `to`, both included.
    Custom {
        from: NaiveDate,
        to: NaiveDate,
    },
}

const DAY_SECS: i64 = 86_400;

impl RangeChoice {
    pub const PRESETS: [RangeChoice; 4] =
        [RangeChoice::Days7, RangeChoice::Days28, RangeChoice::Days90, RangeChoice::Year];

    pub fn key(self) -> &'static str {
        match self {
            RangeChoice::Days7 => "7d",
            RangeChoice::Days28 => "28d",
            RangeChoice::Days90 => "90d",
            RangeChoice::Year => "1y",
            RangeChoice::Custom { .. } => "custom",
        }
    }

    /// `[start_secs, end_secs]` of the range for a report at `as_of_secs`.
    pub fn bounds_secs(self, as_of_secs: i64) -> (i64, i64) {
        let days = match self {
            RangeChoice::Days7 => 7,
            RangeChoice::Days28 => 28,
            RangeChoice::Days90 => 90,
            RangeChoice::Year => 365,
            RangeChoice::Custom { from, to } => {
                let start = day_start_secs(from);
                let end = day_start_secs(to).saturating_add(DAY_SECS).max(start.saturating_add(DAY_SECS));
                return (start, end);
            }
        };
        (as_of_secs.saturating_sub(days * DAY_SECS), as_of_secs)
    }

    /// The custom range of the whole UTC days that `[from_secs, to_secs)` touches (a chart selection).
    pub fn covering_days(from_secs: i64, to_secs: i64) -> Option<RangeChoice> {
        let (from_secs, to_secs) = (from_secs.min(to_secs), from_secs.max(to_secs));
        let day = |secs: i64| DateTime::from_timestamp(secs, 0).map(|at| at.date_naive());
        let (from, to) = (day(from_secs)?, day((to_secs - 1).max(from_secs))?);
        Some(RangeChoice::Custom { from, to })
    }

    fn parse(key: &str, from: Option<&str>, to: Option<&str>) -> RangeChoice {
        match key {
            "7d" => RangeChoice::Days7,
            "90d" => RangeChoice::Days90,
            "1y" => RangeChoice::Year,
            "custom" => {
                let date = |text: Option<&str>| text.and_then(|text| text.parse::<NaiveDate>().ok());
                match (date(from), date(to)) {
                    (Some(from), Some(to)) if from <= to => RangeChoice::Custom { from, to },
                    _ => RangeChoice::default(),
                }
            }
            _ => RangeChoice::default(),
        }
    }
}

fn day_start_secs(date: NaiveDate) -> i64 {
    date.and_hms_opt(0, 0, 0).map_or(0, |start| start.and_utc().timestamp())
}

/// The bucket size of the delivery page's trend charts; `Auto` picks weeks up to about a quarter
/// and months beyond.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TrendGranularity {
    #[default]
    Auto,
    Weekly,
    Monthly,
}

/// The list of records behind a delivery number (the Delivery page's drill-down).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Drill {
    Deployments,
    ChangeFailures,
    Recoveries,
    Rework,
    Changes,
    Incidents,
}

impl Drill {
    pub const ALL: [Drill; 6] =
        [Drill::Deployments, Drill::ChangeFailures, Drill::Recoveries, Drill::Rework, Drill::Changes, Drill::Incidents];

    pub fn key(self) -> &'static str {
        match self {
            Drill::Deployments => "deployments",
            Drill::ChangeFailures => "change_failures",
            Drill::Recoveries => "recoveries",
            Drill::Rework => "rework",
            Drill::Changes => "changes",
            Drill::Incidents => "incidents",
        }
    }

    fn from_key(key: &str) -> Option<Drill> {
        Drill::ALL.into_iter().find(|drill| drill.key() == key)
    }
}

/// One record shown in detail: a deployment, a change or an incident, by id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Detail {
    Deployment(String),
    Change(String),
    Incident(String),
}

/// A table's sort: column key and direction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sort {
    pub column: String,
    pub descending: bool,
}

/// Everything that decides what the site shows.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Route {
    pub page: Page,
    pub slo: Option<String>,
    /// The selected service (Service page) or the service filter (Overview, Delivery).
    pub service: Option<String>,
    pub team: Option<String>,
    /// The SLO table's triage filter (the summary strip's links): `status=paging`.
    pub status: Option<Triage>,
    pub sort: Option<Sort>,
    /// `None` is the latest snapshot's instant.
    pub as_of: Option<DateTime<Utc>>,
    pub range: RangeChoice,
    pub trend: TrendGranularity,
    /// The Delivery page's records list, if one is open.
    pub drill: Option<Drill>,
    /// The record shown in detail.
    pub detail: Option<Detail>,
    /// The records list's text filter.
    pub filter: Option<String>,
    /// The records list's page, from 0 (the URL counts from 1).
    pub list_page: usize,
    /// The selected capability (Platform page).
    pub capability: Option<String>,
}

impl Route {
    /// Reads a query string (with or without its leading `?`).
    pub fn parse(query: &str) -> Route {
        let mut route = Route::default();
        let (mut range, mut from, mut to) = (String::new(), None, None);
        let query = query.strip_prefix('?').unwrap_or(query);
        for (key, value) in form_urlencoded::parse(query.as_bytes()) {
            let value = value.into_owned();
            match key.as_ref() {
                "page" => route.page = Page::from_key(&value).unwrap_or_default(),
                "slo" => route.slo = non_empty(value),
                "service" => route.service = non_empty(value),
                "team" => route.team = non_empty(value),
                "status" => route.status = Triage::from_key(&value),
                "capability" => route.capability = non_empty(value),
                "sort" => route.sort = parse_sort(&value),
                "as_of" => route.as_of = value.parse::<DateTime<Utc>>().ok(),
                "range" => range = value,
                "trend" if value == "monthly" => route.trend = TrendGranularity::Monthly,
                "trend" if value == "weekly" => route.trend = TrendGranularity::Weekly,
                "drill" => route.drill = Drill::from_key(&value),
                "deployment" => route.detail = non_empty(value).map(Detail::Deployment),
                "change" => route.detail = non_empty(value).map(Detail::Change),
                "incident" => route.detail = non_empty(value).map(Detail::Incident),
                "q" => route.filter = non_empty(value),
                "p" => route.list_page = value.parse::<usize>().unwrap_or(1).saturating_sub(1),
                "from" => from = Some(value),
                "to" => to = Some(value),
                _ => {}
            }
        }
        route.range = RangeChoice::parse(&range, from.as_deref(), to.as_deref());
        route
    }

    /// The query string (with its leading `?`) that [`Route::parse`] reads back to `self`;
    /// defaults are left out to keep links short.
    pub fn to_query(&self) -> String {
        let mut query = form_urlencoded::Serializer::new(String::new());
        if self.page != Page::Overview {
            query.append_pair("page", self.page.key());
        }
        for (key, value) in [("slo", &self.slo), ("service", &self.service), ("team", &self.team)] {
            if let Some(value) = value {
                query.append_pair(key, value);
            }
        }
        if let Some(status) = self.status {
            query.append_pair("status", status.key());
        }
        if let Some(sort) = &self.sort {
            let direction = if sort.descending { "-" } else { "" };
            query.append_pair("sort", &format!("{direction}{}", sort.column));
        }
        if let Some(as_of) = self.as_of {
            query.append_pair("as_of", &as_of.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true));
        }
        if self.range != RangeChoice::default() {
            query.append_pair("range", self.range.key());
        }
        if let RangeChoice::Custom { from, to } = self.range {
            query.append_pair("from", &from.to_string());
            query.append_pair("to", &to.to_string());
        }
        match self.trend {
            TrendGranularity::Auto => {}
            TrendGranularity::Weekly => {
                query.append_pair("trend", "weekly");
            }
            TrendGranularity::Monthly => {
                query.append_pair("trend", "monthly");
            }
        }
        if let Some(drill) = self.drill {
            query.append_pair("drill", drill.key());
        }
        match &self.detail {
            Some(Detail::Deployment(id)) => {
                query.append_pair("deployment", id);
            }
            Some(Detail::Change(id)) => {
                query.append_pair("change", id);
            }
            Some(Detail::Incident(id)) => {
                query.append_pair("incident", id);
            }
            None => {}
        }
        if let Some(filter) = &self.filter {
            query.append_pair("q", filter);
        }
        if self.list_page > 0 {
            query.append_pair("p", &(self.list_page + 1).to_string());
        }
        if let Some(capability) = &self.capability {
            query.append_pair("capability", capability);
        }
        format!("?{}", query.finish())
    }
}

fn non_empty(value: String) -> Option<String> {
    (!value.is_empty()).then_some(value)
}

fn parse_sort(value: &str) -> Option<Sort> {
    let (descending, column) = match value.strip_prefix('-') {
        Some(column) => (true, column),
        None => (false, value),
    };
    (!column.is_empty()).then(|| Sort { column: column.to_owned(), descending })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_empty_query_is_the_overview_over_28_days_at_the_latest_snapshot() {
        assert_eq!(Route::parse(""), Route::default());
        assert_eq!(Route::default().to_query(), "?");
    }

    #[test]
    fn a_full_route_survives_the_round_trip() {
        let route = Route {
            page: Page::Slo,
            slo: Some("checkout availability & latency".to_owned()),
            service: Some("<img src=x onerror=alert(1)>".to_owned()),
            team: Some("payments".to_owned()),
            status: Some(Triage::AtRisk),
            sort: Some(Sort { column: "attainment".to_owned(), descending: true }),
            as_of: "2026-11-21T12:00:00Z".parse().ok(),
            range: RangeChoice::Custom {
                from: NaiveDate::from_ymd_opt(2026, 10, 1).unwrap_or_default(),
                to: NaiveDate::from_ymd_opt(2026, 10, 31).unwrap_or_default(),
            },
            trend: TrendGranularity::Monthly,
            drill: Some(Drill::ChangeFailures),
            detail: Some(Detail::Deployment("dep 1".to_owned())),
            filter: Some("checkout".to_owned()),
            list_page: 2,
            capability: None,
        };
        let query = route.to_query();
        assert_eq!(
            query,
            "?page=slo&slo=checkout+availability+%26+latency&service=%3Cimg+src%3Dx+onerror%3Dalert%281%29%3E\
             &team=payments&status=at_risk&sort=-attainment&as_of=2026-11-21T12%3A00%3A00Z&range=custom&from=2026-10-01&to=2026-10-31&trend=monthly\
             &drill=change_failures&deployment=dep+1&q=checkout&p=3"
        );
        assert_eq!(Route::parse(&query), route);
    }

    #[test]
    fn the_platform_page_keeps_its_capability_and_team() {
        let route = Route::parse("?page=platform&team=payments&capability=ci-templates");
        assert_eq!(route.page, Page::Platform);
        assert_eq!((route.team.as_deref(), route.capability.as_deref()), (Some("payments"), Some("ci-templates")));
        assert_eq!(route.to_query(), "?page=platform&team=payments&capability=ci-templates");
        assert_eq!(Route::parse(&route.to_query()), route);
    }

    #[test]
    fn malformed_values_fall_back_to_defaults() {
        let route = Route::parse("?page=nope&as_of=yesterday&range=custom&from=2026-12-01&to=2026-11-01&sort=-&slo=");
        assert_eq!(route, Route::default());
        assert_eq!(Route::parse("range=weird").range, RangeChoice::Days28);
    }

    #[test]
    fn a_selection_covers_the_whole_days_it_touches() {
        let range = |from: &str, to: &str| RangeChoice::parse("custom", Some(from), Some(to));
        // From 1970-01-02 06:00 to 1970-01-04 00:00 (exclusive): the 2nd and the 3rd.
        assert_eq!(
            RangeChoice::covering_days(DAY_SECS + 21_600, 3 * DAY_SECS),
            Some(range("1970-01-02", "1970-01-03"))
        );
        assert_eq!(
            RangeChoice::covering_days(3 * DAY_SECS, DAY_SECS + 21_600),
            Some(range("1970-01-02", "1970-01-03"))
        );
        assert_eq!(RangeChoice::covering_days(DAY_SECS + 60, DAY_SECS + 120), Some(range("1970-01-02", "1970-01-02")));
    }

    #[test]
    fn ranges_end_at_as_of_or_cover_whole_custom_days() {
        // as_of = 100 days after the epoch; 28 days back starts on day 72.
        assert_eq!(RangeChoice::Days28.bounds_secs(100 * DAY_SECS), (72 * DAY_SECS, 100 * DAY_SECS));
        assert_eq!(RangeChoice::Year.bounds_secs(400 * DAY_SECS), (35 * DAY_SECS, 400 * DAY_SECS));
        // 1970-01-02 to 1970-01-03: from day 1 00:00 to day 3 00:00.
        let custom = RangeChoice::parse("custom", Some("1970-01-02"), Some("1970-01-03"));
        assert_eq!(custom.bounds_secs(0), (DAY_SECS, 3 * DAY_SECS));
    }
}
