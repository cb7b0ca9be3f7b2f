//! SLI series: good and total counts per bucket, from traffic, a baseline error rate, incidents and gaps.

use chrono::{DateTime, TimeDelta, Utc};
use rand::Rng;
use rand_distr::{Binomial, Distribution, LogNormal, Poisson};
use uptrend_core::model::{CountColumn, SliData};

use super::company::{GapKind, ServiceSpec, SloSpec};
use super::traffic::expected_requests;

/// A period when a service's bad ratio is raised (an incident), as a multiple of each SLO's allowed ratio.
#[derive(Debug, Clone)]
pub struct Burn {
    pub service: String,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub burn: f64,
}

/// The SLO's whole series, from `slo.since` up to `now` (exclusive, whole buckets only).
pub fn generate(
    slo: &SloSpec,
    service: &ServiceSpec,
    burns: &[Burn],
    now: DateTime<Utc>,
    rng: &mut impl Rng,
) -> SliData {
    let step_secs = slo.step.secs();
    let bucket_count = usize::try_from((now - slo.since).num_seconds() / step_secs).unwrap_or(0);
    let service_burns: Vec<&Burn> = burns.iter().filter(|burn| burn.service == service.id).collect();
    let mut good = CountColumn::with_capacity(bucket_count);
    let mut total = CountColumn::with_capacity(bucket_count);
    let mut bucket_start = slo.since;
    for _ in 0..bucket_count {
        let (bucket_good, bucket_total) = bucket(slo, service, &service_burns, now, bucket_start, rng);
        good.push(bucket_good);
        total.push(bucket_total);
        bucket_start += TimeDelta::seconds(step_secs);
    }
    SliData { start: slo.since, step: slo.step, good, total }
}

/// One bucket's (good, total); both `None` when the exporter had no data.
pub fn bucket(
    slo: &SloSpec,
    service: &ServiceSpec,
    burns: &[&Burn],
    now: DateTime<Utc>,
    bucket_start: DateTime<Utc>,
    rng: &mut impl Rng,
) -> (Option<u64>, Option<u64>) {
    let step_secs = slo.step.secs();
    let gap = slo.gaps.iter().find(|gap| gap.start <= bucket_start && bucket_start < gap.end).map(|gap| gap.kind);
    if gap == Some(GapKind::NoData) {
        return (None, None);
    }
    let expected = if gap == Some(GapKind::NoTraffic) {
        0.0
    } else {
        expected_requests(service.traffic, service.requests_per_hour, now, bucket_start, step_secs)
    };
    let total = Poisson::new(expected).map_or(0, |poisson| poisson.sample(rng) as u64);
    let noise = LogNormal::new(0.0, slo.burn_sigma).map_or(1.0, |log_normal| log_normal.sample(rng));
    let bucket_end = bucket_start + TimeDelta::seconds(step_secs);
    let incident_burn: f64 = burns
        .iter()
        .map(|burn| {
            let overlap_secs = (burn.end.min(bucket_end) - burn.start.max(bucket_start)).num_seconds().max(0);
            burn.burn * overlap_secs as f64 / step_secs as f64
        })
        .sum();
    let allowed_bad_ratio = 1.0 - slo.timeslice_target.unwrap_or(slo.objective);
    let bad_ratio = (allowed_bad_ratio * (slo.baseline_burn * noise + incident_burn)).clamp(0.0, 1.0);
    let bad = Binomial::new(total, bad_ratio).map_or(0, |binomial| binomial.sample(rng));
    (Some(total - bad.min(total)), Some(total))
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;
    use rand::SeedableRng;
    use rand_chacha::ChaCha8Rng;

    use super::super::company::Company;
    use super::*;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 21, 0, 0, 0).unwrap()
    }

    fn series(slo_id: &str, burns: &[Burn]) -> SliData {
        let company = Company::acme(now()).unwrap();
        let slo = company.slos.iter().find(|slo| slo.id == slo_id).unwrap();
        let service = company.services.iter().find(|service| service.id == slo.service).unwrap();
        generate(slo, service, burns, now(), &mut ChaCha8Rng::seed_from_u64(1))
    }

    #[test]
    fn one_bucket_per_step_from_since_to_now_with_good_at_most_total() {
        let data = series("checkout-availability", &[]);
        assert_eq!(data.good.len(), 60 * 288);
        assert_eq!(data.total.len(), 60 * 288);
        assert!(data.good.iter().zip(&data.total).all(|(good, total)| good <= total));
    }

    #[test]
    fn baseline_error_rate_stays_inside_the_objective() {
        let data = series("checkout-availability", &[]);
        let good: u64 = data.good.iter().flatten().sum();
        let total: u64 = data.total.iter().flatten().sum();
        // baseline burn 0.35 of a 0.001 allowed ratio: about 0.99965 attainment.
        let attainment = good as f64 / total as f64;
        assert!((0.9994..0.9999).contains(&attainment), "{attainment}");
    }

    #[test]
    fn an_incident_burns_at_its_multiple_of_the_allowed_ratio() {
        let start = now() - TimeDelta::hours(2);
        let burn = Burn { service: "checkout".to_owned(), start, end: now(), burn: 60.0 };
        let data = series("checkout-availability", &[burn]);
        let last_hour = data.good.len() - 12..data.good.len();
        let good: u64 = data.good.range(last_hour.start, last_hour.end).flatten().sum();
        let total: u64 = data.total.range(last_hour.start, last_hour.end).flatten().sum();
        // 60.35 x 0.001: about 6% bad.
        let bad_ratio = 1.0 - good as f64 / total as f64;
        assert!((0.05..0.07).contains(&bad_ratio), "{bad_ratio}");
    }

    #[test]
    fn gaps_give_nulls_or_zero_traffic() {
        let search = series("search-availability", &[]);
        assert!(search.total.iter().any(|total| total.is_none()));
        let recommendations = series("recommendations-availability", &[]);
        // The 10-hour drain on a 1h grid; elsewhere thousands of requests an hour.
        assert_eq!(recommendations.total.iter().filter(|total| *total == Some(0)).count(), 10);
        let billing = series("billing-run-success", &[]);
        assert!(billing.total.iter().filter(|total| *total == Some(0)).count() > 52 * 2 * 24 - 48);
    }
}
