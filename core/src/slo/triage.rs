//! Triage: an SLO's status split by the alert it raises, ordered most severe first, and the counts
//! per class that open every report ("1 breached, 2 paging, ..."). The site's summary strip and table
//! order and the CLI's Markdown all read these, so the counts are the same everywhere.

use std::cmp::Ordering;
use std::fmt::Write;

use serde::Serialize;

use crate::slo::alert::Alert;
use crate::slo::status::Status;

/// The triage class of one SLO. Declared most severe first: the derived order is the severity order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Triage {
    /// The error budget is overspent, whatever the alert.
    Breached,
    /// Not breached, and a page condition fires.
    Paging,
    /// Not breached, and a ticket condition fires (no page condition).
    Ticket,
    /// No alert fires, but less than a quarter of the budget remains.
    AtRisk,
    Healthy,
    /// Data in the window, but no events (or slices) at all.
    NoTraffic,
    /// No data in the window: the exporter sent nothing, or only nulls.
    NoData,
}

impl Triage {
    /// Every class, most severe first.
    pub const ALL: [Triage; 7] = [
        Triage::Breached,
        Triage::Paging,
        Triage::Ticket,
        Triage::AtRisk,
        Triage::Healthy,
        Triage::NoTraffic,
        Triage::NoData,
    ];

    pub fn of(status: Status, alert: Alert) -> Triage {
        match (status, alert) {
            (Status::Breached, _) => Triage::Breached,
            (Status::NoData, _) => Triage::NoData,
            (Status::NoTraffic, _) => Triage::NoTraffic,
            (_, Alert::Page) => Triage::Paging,
            (_, Alert::Ticket) => Triage::Ticket,
            (Status::AtRisk, Alert::None) => Triage::AtRisk,
            (Status::Healthy, Alert::None) => Triage::Healthy,
        }
    }

    /// The class in words: `at risk`, `no data`.
    pub fn label(self) -> &'static str {
        match self {
            Triage::Breached => "breached",
            Triage::Paging => "paging",
            Triage::Ticket => "ticket",
            Triage::AtRisk => "at risk",
            Triage::Healthy => "healthy",
            Triage::NoTraffic => "no traffic",
            Triage::NoData => "no data",
        }
    }

    /// The key of the class in URLs and JSON: `at_risk`, `no_data`.
    pub fn key(self) -> &'static str {
        match self {
            Triage::Breached => "breached",
            Triage::Paging => "paging",
            Triage::Ticket => "ticket",
            Triage::AtRisk => "at_risk",
            Triage::Healthy => "healthy",
            Triage::NoTraffic => "no_traffic",
            Triage::NoData => "no_data",
        }
    }

    /// The class with this [`Triage::key`].
    pub fn from_key(key: &str) -> Option<Triage> {
        Triage::ALL.into_iter().find(|triage| triage.key() == key)
    }
}

/// The severity order of SLOs: by triage class, then by budget remaining, lowest first (an SLO
/// without a remaining budget after those with one).
pub fn severity_order(a: (Triage, Option<f64>), b: (Triage, Option<f64>)) -> Ordering {
    a.0.cmp(&b.0).then_with(|| match (a.1, b.1) {
        (Some(x), Some(y)) => x.total_cmp(&y),
        (x, y) => y.is_some().cmp(&x.is_some()),
    })
}

/// How many SLOs are in each triage class.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct TriageCounts {
    pub breached: usize,
    pub paging: usize,
    pub ticket: usize,
    pub at_risk: usize,
    pub healthy: usize,
    pub no_traffic: usize,
    pub no_data: usize,
}

impl TriageCounts {
    /// Counts the classes of `triages`.
    pub fn of(triages: impl IntoIterator<Item = Triage>) -> TriageCounts {
        let mut counts = TriageCounts::default();
        for triage in triages {
            *counts.slot(triage) += 1;
        }
        counts
    }

    pub fn get(&self, triage: Triage) -> usize {
        match triage {
            Triage::Breached => self.breached,
            Triage::Paging => self.paging,
            Triage::Ticket => self.ticket,
            Triage::AtRisk => self.at_risk,
            Triage::Healthy => self.healthy,
            Triage::NoTraffic => self.no_traffic,
            Triage::NoData => self.no_data,
        }
    }

    pub fn total(&self) -> usize {
        Triage::ALL.into_iter().map(|triage| self.get(triage)).sum()
    }

    /// `1 breached, 2 paging, 0 ticket, 1 at risk, 8 healthy, 1 no traffic, 1 no data`.
    pub fn sentence(&self) -> String {
        let mut out = String::new();
        for (index, triage) in Triage::ALL.into_iter().enumerate() {
            let separator = if index == 0 { "" } else { ", " };
            let _ = write!(out, "{separator}{} {}", self.get(triage), triage.label());
        }
        out
    }

    fn slot(&mut self, triage: Triage) -> &mut usize {
        match triage {
            Triage::Breached => &mut self.breached,
            Triage::Paging => &mut self.paging,
            Triage::Ticket => &mut self.ticket,
            Triage::AtRisk => &mut self.at_risk,
            Triage::Healthy => &mut self.healthy,
            Triage::NoTraffic => &mut self.no_traffic,
            Triage::NoData => &mut self.no_data,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn breached_wins_over_alerts_and_alerts_split_at_risk() {
        assert_eq!(Triage::of(Status::Breached, Alert::Page), Triage::Breached);
        assert_eq!(Triage::of(Status::AtRisk, Alert::Page), Triage::Paging);
        assert_eq!(Triage::of(Status::AtRisk, Alert::Ticket), Triage::Ticket);
        assert_eq!(Triage::of(Status::AtRisk, Alert::None), Triage::AtRisk);
        assert_eq!(Triage::of(Status::Healthy, Alert::None), Triage::Healthy);
        assert_eq!(Triage::of(Status::NoTraffic, Alert::None), Triage::NoTraffic);
        assert_eq!(Triage::of(Status::NoData, Alert::None), Triage::NoData);
    }

    #[test]
    fn severity_puts_the_class_first_then_the_lowest_budget() {
        let mut slos = vec![
            (Triage::Healthy, Some(0.9)),
            (Triage::NoData, None),
            (Triage::Paging, Some(0.5)),
            (Triage::Breached, Some(-0.2)),
            (Triage::Paging, Some(0.1)),
            (Triage::Breached, Some(-3.15)),
        ];
        slos.sort_by(|a, b| severity_order(*a, *b));
        assert_eq!(
            slos,
            [
                (Triage::Breached, Some(-3.15)),
                (Triage::Breached, Some(-0.2)),
                (Triage::Paging, Some(0.1)),
                (Triage::Paging, Some(0.5)),
                (Triage::Healthy, Some(0.9)),
                (Triage::NoData, None),
            ]
        );
        assert_eq!(severity_order((Triage::Healthy, None), (Triage::Healthy, Some(1.0))), Ordering::Greater);
    }

    #[test]
    fn counts_cover_every_slo_once_and_read_as_a_sentence() {
        let counts =
            TriageCounts::of([Triage::Breached, Triage::Paging, Triage::Paging, Triage::NoData, Triage::Healthy]);
        assert_eq!(counts.total(), 5);
        assert_eq!(counts.get(Triage::Paging), 2);
        assert_eq!(counts.sentence(), "1 breached, 2 paging, 0 ticket, 0 at risk, 1 healthy, 0 no traffic, 1 no data");
        for triage in Triage::ALL {
            assert_eq!(Triage::from_key(triage.key()), Some(triage));
        }
    }
}
