//! Performance tiers from the DORA 2024 report's software delivery performance clusters, and a
//! continuous 0–10 score per metric in the spirit of DORA's Quick Check.
//!
//! The published 2024 clusters (Accelerate State of DevOps 2024):
//!
//! | cluster | deployment frequency | change lead time | change fail rate | recovery time |
//! |---|---|---|---|---|
//! | elite  | on demand (several a day) | < 1 day      | 5%  | < 1 hour |
//! | high   | daily to weekly           | 1 day–1 week | 20% | < 1 day |
//! | medium | weekly to monthly         | 1 week–1 month | 10% | < 1 day |
//! | low    | monthly to every 6 months | 1–6 months   | 40% | 1 week–1 month |
//!
//! They overlap or invert in two places, so Uptrend keeps every tier monotone (a worse value never
//! gets a better tier): change fail rate bands follow the ranked values (below 7.5% elite, below 15%
//! high, below 30% medium, else low), and medium recovery is 1 day to 1 week (the published medium
//! overlaps high and the range up to low's one week is otherwise unassigned). Scores are 7.5, 5 and 2.5 at
//! the tier boundaries and interpolate linearly (on a log scale for times and frequencies).

use serde::Serialize;

use super::metrics::DoraMetrics;

/// The DORA report year the tiers come from.
pub const TIER_REPORT_YEAR: u16 = 2024;
/// Fewer samples than this give "too few data" instead of a tier or a score.
pub const MIN_SAMPLES: u64 = 5;

const HOUR: f64 = 3_600.0;
const DAY: f64 = 86_400.0;
const WEEK: f64 = 7.0 * DAY;
const MONTH: f64 = 30.0 * DAY;
const HALF_YEAR: f64 = 182.5 * DAY;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TierLevel {
    Elite,
    High,
    Medium,
    Low,
    TooFewData,
}

/// A tier, labelled with the report year its clusters come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Tier {
    pub level: TierLevel,
    pub report_year: u16,
}

impl Tier {
    fn new(level: TierLevel) -> Tier {
        Tier { level, report_year: TIER_REPORT_YEAR }
    }
}

/// Tiers of the four metrics the 2024 clusters cover (rework rate and incident restore have none).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Tiers {
    pub deployment_frequency: Tier,
    pub lead_time: Tier,
    pub change_failure_rate: Tier,
    pub recovery_time: Tier,
}

/// 0 (worst) to 10 (best) per metric; `None` when undefined or fewer than [`MIN_SAMPLES`].
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct Scores {
    pub deployment_frequency: Option<f64>,
    pub lead_time: Option<f64>,
    pub change_failure_rate: Option<f64>,
    pub recovery_time: Option<f64>,
    pub rework_rate: Option<f64>,
    pub incident_restore: Option<f64>,
}

/// Tier boundaries, best first: a value on the better side of `bounds[i]` gets tier `i`.
struct Scale {
    lower_is_better: bool,
    log: bool,
    /// Elite|high, high|medium, medium|low boundaries.
    bounds: [f64; 3],
    /// The values scoring 10 and 0.
    best: f64,
    worst: f64,
}

const DEPLOYS_PER_DAY: Scale =
    Scale { lower_is_better: false, log: true, bounds: [1.0, 1.0 / 7.0, 1.0 / 30.0], best: 5.0, worst: 1.0 / 182.5 };
const LEAD_TIME: Scale =
    Scale { lower_is_better: true, log: true, bounds: [DAY, WEEK, MONTH], best: HOUR, worst: HALF_YEAR };
const FAIL_RATE: Scale =
    Scale { lower_is_better: true, log: false, bounds: [0.075, 0.15, 0.30], best: 0.0, worst: 0.6 };
const RECOVERY: Scale =
    Scale { lower_is_better: true, log: true, bounds: [HOUR, DAY, WEEK], best: 600.0, worst: MONTH };

impl Scale {
    fn tier(&self, value: f64) -> TierLevel {
        let better = |bound: f64| if self.lower_is_better { value < bound } else { value > bound };
        match self.bounds.iter().position(|bound| better(*bound)) {
            Some(0) => TierLevel::Elite,
            Some(1) => TierLevel::High,
            Some(_) => TierLevel::Medium,
            None => TierLevel::Low,
        }
    }

    /// Band `i` lies between the boundaries on either side of tier `i`, from the best end outwards.
    fn bands(&self) -> [TierBand; 4] {
        let [elite, high, medium] = self.bounds;
        let best_end = if self.lower_is_better { 0.0 } else { f64::INFINITY };
        let worst_end = if self.lower_is_better { f64::INFINITY } else { 0.0 };
        let edges = [best_end, elite, high, medium, worst_end];
        let levels = [TierLevel::Elite, TierLevel::High, TierLevel::Medium, TierLevel::Low];
        std::array::from_fn(|index| {
            let (a, b) = (edges[index], edges[index + 1]);
            TierBand { level: levels[index], from: a.min(b), to: a.max(b) }
        })
    }

    fn score(&self, value: f64) -> f64 {
        let axis = |x: f64| if self.log { x.max(f64::MIN_POSITIVE).ln() } else { x };
        let [elite, high, medium] = self.bounds;
        let anchors = [(self.best, 10.0), (elite, 7.5), (high, 5.0), (medium, 2.5), (self.worst, 0.0)];
        let x = axis(value);
        let is_beyond = |anchor: f64| if self.lower_is_better { x <= axis(anchor) } else { x >= axis(anchor) };
        if is_beyond(self.best) {
            return 10.0;
        }
        for pair in anchors.windows(2) {
            let [(from, from_score), (to, to_score)] = [pair[0], pair[1]];
            if is_beyond(to) {
                let (from, to) = (axis(from), axis(to));
                return from_score + (to_score - from_score) * (x - from) / (to - from);
            }
        }
        0.0
    }
}

/// The four metrics the 2024 clusters cover.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TieredMetric {
    /// Deployments per day.
    DeploymentFrequency,
    /// Median change lead time, in seconds.
    LeadTime,
    /// Change fail rate, a ratio (0.1 is 10%).
    ChangeFailureRate,
    /// Median failed deployment recovery time, in seconds.
    RecoveryTime,
}

/// The values one tier covers, in the metric's unit (see [`TieredMetric`]), `from < to`; the
/// outermost bands reach 0 or infinity. A value exactly on a boundary gets the worse tier.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct TierBand {
    pub level: TierLevel,
    pub from: f64,
    pub to: f64,
}

/// The ranges of the four tiers of `metric`, elite first: what [`tiers`] rates, for drawing tier
/// bands behind a metric's trend without repeating the boundaries.
pub fn tier_bands(metric: TieredMetric) -> [TierBand; 4] {
    let scale = match metric {
        TieredMetric::DeploymentFrequency => &DEPLOYS_PER_DAY,
        TieredMetric::LeadTime => &LEAD_TIME,
        TieredMetric::ChangeFailureRate => &FAIL_RATE,
        TieredMetric::RecoveryTime => &RECOVERY,
    };
    scale.bands()
}

fn rated<T>(value: Option<f64>, n: u64, rate: impl Fn(f64) -> T) -> Option<T> {
    value.filter(|_| n >= MIN_SAMPLES).map(rate)
}

fn tier(scale: &Scale, value: Option<f64>, n: u64) -> Tier {
    Tier::new(rated(value, n, |value| scale.tier(value)).unwrap_or(TierLevel::TooFewData))
}

/// Tiers of a scope's window metrics.
pub fn tiers(metrics: &DoraMetrics) -> Tiers {
    Tiers {
        deployment_frequency: tier(&DEPLOYS_PER_DAY, metrics.deployments_per_day, metrics.deployments),
        lead_time: tier(&LEAD_TIME, metrics.lead_time_seconds.median, metrics.lead_time_seconds.n),
        change_failure_rate: tier(&FAIL_RATE, metrics.change_failure_rate, metrics.deployments),
        recovery_time: tier(&RECOVERY, metrics.recovery_time_seconds.median, metrics.recovery_time_seconds.n),
    }
}

/// Scores of a scope's window metrics. Rework rate has no published clusters and is scored on the
/// change fail rate scale; incident restore on the recovery scale.
pub fn scores(metrics: &DoraMetrics) -> Scores {
    let restore = &metrics.incident_restore_seconds;
    Scores {
        deployment_frequency: rated(metrics.deployments_per_day, metrics.deployments, |v| DEPLOYS_PER_DAY.score(v)),
        lead_time: rated(metrics.lead_time_seconds.median, metrics.lead_time_seconds.n, |v| LEAD_TIME.score(v)),
        change_failure_rate: rated(metrics.change_failure_rate, metrics.deployments, |v| FAIL_RATE.score(v)),
        recovery_time: rated(metrics.recovery_time_seconds.median, metrics.recovery_time_seconds.n, |v| {
            RECOVERY.score(v)
        }),
        rework_rate: rated(metrics.rework_rate, metrics.deployments, |v| FAIL_RATE.score(v)),
        incident_restore: rated(restore.median, restore.n, |v| RECOVERY.score(v)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fail_rate_tiers_are_monotone_despite_the_inverted_2024_clusters() {
        // Published: medium 10% < high 20%. A 10% rate must not rank below a 20% one.
        assert_eq!(FAIL_RATE.tier(0.05), TierLevel::Elite);
        assert_eq!(FAIL_RATE.tier(0.10), TierLevel::High);
        assert_eq!(FAIL_RATE.tier(0.20), TierLevel::Medium);
        assert_eq!(FAIL_RATE.tier(0.40), TierLevel::Low);
    }

    #[test]
    fn recovery_between_a_day_and_a_week_is_medium() {
        assert_eq!(RECOVERY.tier(1_800.0), TierLevel::Elite);
        assert_eq!(RECOVERY.tier(2.0 * HOUR), TierLevel::High);
        assert_eq!(RECOVERY.tier(2.0 * DAY), TierLevel::Medium);
        assert_eq!(RECOVERY.tier(2.0 * WEEK), TierLevel::Low);
    }

    #[test]
    fn frequency_and_lead_time_follow_the_published_ranges() {
        assert_eq!(DEPLOYS_PER_DAY.tier(3.0), TierLevel::Elite);
        assert_eq!(DEPLOYS_PER_DAY.tier(1.0), TierLevel::High);
        assert_eq!(DEPLOYS_PER_DAY.tier(0.1), TierLevel::Medium);
        assert_eq!(DEPLOYS_PER_DAY.tier(0.01), TierLevel::Low);
        assert_eq!(LEAD_TIME.tier(3.0 * HOUR), TierLevel::Elite);
        assert_eq!(LEAD_TIME.tier(3.0 * DAY), TierLevel::High);
        assert_eq!(LEAD_TIME.tier(2.0 * WEEK), TierLevel::Medium);
        assert_eq!(LEAD_TIME.tier(2.0 * MONTH), TierLevel::Low);
    }

    #[test]
    fn scores_are_anchored_at_tier_boundaries_and_clamped() {
        assert_eq!(FAIL_RATE.score(0.0), 10.0);
        assert!((FAIL_RATE.score(0.075) - 7.5).abs() < 1e-9);
        // Halfway between 15% (5.0) and 30% (2.5): 3.75.
        assert!((FAIL_RATE.score(0.225) - 3.75).abs() < 1e-9);
        assert_eq!(FAIL_RATE.score(1.0), 0.0);
        assert!((LEAD_TIME.score(DAY) - 7.5).abs() < 1e-9);
        // Geometric midpoint of 1 day and 1 week on the log axis: 6.25.
        assert!((LEAD_TIME.score((DAY * WEEK).sqrt()) - 6.25).abs() < 1e-9);
        assert_eq!(LEAD_TIME.score(0.0), 10.0);
        assert_eq!(DEPLOYS_PER_DAY.score(0.0), 0.0);
        assert!((DEPLOYS_PER_DAY.score(1.0 / 7.0) - 5.0).abs() < 1e-9);
    }

    /// A value strictly inside the band: the midpoint, or beside the finite edge of an open band.
    fn inside(band: &TierBand) -> f64 {
        if band.to.is_infinite() {
            band.from * 2.0
        } else {
            (band.from + band.to) / 2.0
        }
    }

    #[test]
    fn each_tier_band_gets_its_own_tier_from_tiers() {
        let metrics_with = |metric: TieredMetric, value: f64| {
            let mut metrics = DoraMetrics { deployments: 10, ..DoraMetrics::default() };
            match metric {
                TieredMetric::DeploymentFrequency => metrics.deployments_per_day = Some(value),
                TieredMetric::LeadTime => {
                    metrics.lead_time_seconds.median = Some(value);
                    metrics.lead_time_seconds.n = 10;
                }
                TieredMetric::ChangeFailureRate => metrics.change_failure_rate = Some(value),
                TieredMetric::RecoveryTime => {
                    metrics.recovery_time_seconds.median = Some(value);
                    metrics.recovery_time_seconds.n = 10;
                }
            }
            metrics
        };
        let all = [
            TieredMetric::DeploymentFrequency,
            TieredMetric::LeadTime,
            TieredMetric::ChangeFailureRate,
            TieredMetric::RecoveryTime,
        ];
        for metric in all {
            let bands = tier_bands(metric);
            for band in &bands {
                assert!(band.from < band.to, "{metric:?} {band:?}");
                let rated = tiers(&metrics_with(metric, inside(band)));
                let level = match metric {
                    TieredMetric::DeploymentFrequency => rated.deployment_frequency.level,
                    TieredMetric::LeadTime => rated.lead_time.level,
                    TieredMetric::ChangeFailureRate => rated.change_failure_rate.level,
                    TieredMetric::RecoveryTime => rated.recovery_time.level,
                };
                assert_eq!(level, band.level, "{metric:?} at {}", inside(band));
            }
            // The bands tile the axis from 0 to infinity without gaps.
            let mut sorted = bands;
            sorted.sort_by(|a, b| a.from.total_cmp(&b.from));
            assert_eq!(sorted[0].from, 0.0);
            assert!(sorted[3].to.is_infinite());
            assert!(sorted.windows(2).all(|pair| pair[0].to == pair[1].from));
        }
    }

    #[test]
    fn lead_time_bands_are_a_day_a_week_and_a_month() {
        let bands = tier_bands(TieredMetric::LeadTime);
        // 1 day = 86 400 s, 1 week = 604 800 s, 30 days = 2 592 000 s.
        let edges: Vec<(f64, f64)> = bands.iter().map(|band| (band.from, band.to)).collect();
        assert_eq!(edges[..3], [(0.0, 86_400.0), (86_400.0, 604_800.0), (604_800.0, 2_592_000.0)]);
        let frequency = tier_bands(TieredMetric::DeploymentFrequency);
        assert_eq!((frequency[0].level, frequency[0].from), (TierLevel::Elite, 1.0));
        assert_eq!((frequency[3].level, frequency[3].from, frequency[3].to), (TierLevel::Low, 0.0, 1.0 / 30.0));
    }

    #[test]
    fn fewer_than_five_samples_give_too_few_data() {
        let mut metrics = DoraMetrics { deployments: 4, change_failure_rate: Some(0.0), ..DoraMetrics::default() };
        assert_eq!(tiers(&metrics).change_failure_rate.level, TierLevel::TooFewData);
        assert_eq!(scores(&metrics).change_failure_rate, None);
        metrics.deployments = 5;
        assert_eq!(tiers(&metrics).change_failure_rate, Tier { level: TierLevel::Elite, report_year: 2024 });
    }
}
