//! Burn rates: how fast the error budget is spent, relative to spending it exactly over the window.

use serde::Serialize;

use crate::slo::counts::Tally;

/// The lookbacks burn rates are computed over (the SRE Workbook's multiwindow alert windows).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum Lookback {
    #[serde(rename = "5m")]
    Minutes5,
    #[serde(rename = "30m")]
    Minutes30,
    #[serde(rename = "1h")]
    Hour1,
    #[serde(rename = "2h")]
    Hours2,
    #[serde(rename = "6h")]
    Hours6,
    #[serde(rename = "1d")]
    Day1,
    #[serde(rename = "3d")]
    Days3,
}

impl Lookback {
    pub const ALL: [Lookback; 7] = [
        Lookback::Minutes5,
        Lookback::Minutes30,
        Lookback::Hour1,
        Lookback::Hours2,
        Lookback::Hours6,
        Lookback::Day1,
        Lookback::Days3,
    ];

    pub fn secs(self) -> i64 {
        match self {
            Lookback::Minutes5 => 300,
            Lookback::Minutes30 => 1_800,
            Lookback::Hour1 => 3_600,
            Lookback::Hours2 => 7_200,
            Lookback::Hours6 => 21_600,
            Lookback::Day1 => 86_400,
            Lookback::Days3 => 259_200,
        }
    }

    /// `max(1, ceil(L / step))`: the buckets ending at `end` that a lookback covers.
    pub fn buckets(self, step_secs: i64) -> u64 {
        let step_secs = step_secs.max(1);
        let covering = self.secs() / step_secs + i64::from(self.secs() % step_secs != 0);
        u64::try_from(covering).unwrap_or(0).max(1)
    }
}

/// `(bad / total) / (1 - objective)`; `None` without traffic.
pub fn burn_rate(tally: &Tally, objective: f64) -> Option<f64> {
    (tally.total > 0).then(|| (tally.bad as f64 / tally.total as f64) / (1.0 - objective))
}

/// The burn rate over each lookback, ending at the window's end.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct BurnRates {
    #[serde(rename = "5m")]
    pub minutes5: Option<f64>,
    #[serde(rename = "30m")]
    pub minutes30: Option<f64>,
    #[serde(rename = "1h")]
    pub hour1: Option<f64>,
    #[serde(rename = "2h")]
    pub hours2: Option<f64>,
    #[serde(rename = "6h")]
    pub hours6: Option<f64>,
    #[serde(rename = "1d")]
    pub day1: Option<f64>,
    #[serde(rename = "3d")]
    pub days3: Option<f64>,
}

impl BurnRates {
    pub fn get(&self, lookback: Lookback) -> Option<f64> {
        *self.slot(lookback)
    }

    pub fn set(&mut self, lookback: Lookback, rate: Option<f64>) {
        *self.slot_mut(lookback) = rate;
    }

    fn slot(&self, lookback: Lookback) -> &Option<f64> {
        match lookback {
            Lookback::Minutes5 => &self.minutes5,
            Lookback::Minutes30 => &self.minutes30,
            Lookback::Hour1 => &self.hour1,
            Lookback::Hours2 => &self.hours2,
            Lookback::Hours6 => &self.hours6,
            Lookback::Day1 => &self.day1,
            Lookback::Days3 => &self.days3,
        }
    }

    fn slot_mut(&mut self, lookback: Lookback) -> &mut Option<f64> {
        match lookback {
            Lookback::Minutes5 => &mut self.minutes5,
            Lookback::Minutes30 => &mut self.minutes30,
            Lookback::Hour1 => &mut self.hour1,
            Lookback::Hours2 => &mut self.hours2,
            Lookback::Hours6 => &mut self.hours6,
            Lookback::Day1 => &mut self.day1,
            Lookback::Days3 => &mut self.days3,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookbacks_cover_at_least_one_bucket() {
        assert_eq!(Lookback::Minutes5.buckets(3_600), 1);
        assert_eq!(Lookback::Hour1.buckets(300), 12);
        assert_eq!(Lookback::Minutes30.buckets(420), 5); // ceil(1800 / 420) = ceil(4.29)
    }

    #[test]
    fn burning_at_the_objective_rate_is_one() {
        // 1% bad against a 99% objective: (10 / 1000) / 0.01 = 1.
        let tally = Tally { data_buckets: 1, good: 990, bad: 10, total: 1000 };
        assert!((burn_rate(&tally, 0.99).unwrap() - 1.0).abs() < 1e-9);
        assert_eq!(burn_rate(&Tally::default(), 0.99), None);
    }
}
