//! Deployment rework rate (the fifth metric of the 2024 set): deployments made to address an
//! incident (`fixes_incident` set) over all deployments of the period.

/// Rework deployments over deployments; `None` without deployments.
pub fn rework_rate(rework_deployments: u64, deployments: u64) -> Option<f64> {
    (deployments > 0).then(|| rework_deployments as f64 / deployments as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rework_rate_is_a_fraction_and_undefined_without_deployments() {
        assert_eq!(rework_rate(1, 8), Some(0.125));
        assert_eq!(rework_rate(0, 0), None);
    }
}
