//! The deployment lane: a strip above a time chart's plot where deployments are marks, never lines
//! across the data. Marks closer than [`CLUSTER_PX`] merge into one mark with its count; failed and
//! rolled-back deployments get their own row of ✕ marks in the failure colour.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use uptrend_core::sort::sort_stable_by_key;

use super::frame::{label_style, text_style, ChartError, LABEL_FONT_PX};
use super::overlays::DeploymentMarker;
use super::palette::{DEPLOYMENT, FAILED_DEPLOYMENT};
use super::scale::TimeScale;

/// The lane's height: a row of deployments and a row of failed ones.
pub const LANE_PX: u32 = 30;
/// Marks nearer than this merge into one cluster.
pub const CLUSTER_PX: f64 = 22.0;
const SUCCEEDED_ROW_PX: i32 = 9;
const FAILED_ROW_PX: i32 = 22;

/// Deployments drawn as one mark: at the mean pixel of its members.
#[derive(Debug, Clone, PartialEq)]
pub struct Cluster {
    pub x_px: f64,
    pub failed: bool,
    /// The members, in time order.
    pub markers: Vec<DeploymentMarker>,
}

/// The clusters of the markers inside the scale's range, succeeded ones first, each kind in time order.
pub fn clusters(markers: &[DeploymentMarker], scale: &TimeScale) -> Vec<Cluster> {
    let mut visible: Vec<&DeploymentMarker> = markers
        .iter()
        .filter(|marker| marker.at_secs >= scale.start_secs && marker.at_secs <= scale.end_secs)
        .collect();
    sort_stable_by_key(&mut visible, |marker| marker.at_secs);
    let mut out = Vec::new();
    for failed in [false, true] {
        let mut current: Option<(f64, Vec<DeploymentMarker>)> = None;
        for marker in visible.iter().filter(|marker| marker.failed == failed) {
            let x = scale.x_px(marker.at_secs);
            match &mut current {
                Some((first_x, members)) if x - *first_x <= CLUSTER_PX => members.push((*marker).clone()),
                _ => {
                    if let Some((_, members)) = current.take() {
                        out.push(cluster_of(members, scale, failed));
                    }
                    current = Some((x, vec![(*marker).clone()]));
                }
            }
        }
        if let Some((_, members)) = current {
            out.push(cluster_of(members, scale, failed));
        }
    }
    out
}

fn cluster_of(markers: Vec<DeploymentMarker>, scale: &TimeScale, failed: bool) -> Cluster {
    let x_px = markers.iter().map(|marker| scale.x_px(marker.at_secs)).sum::<f64>() / markers.len().max(1) as f64;
    Cluster { x_px, failed, markers }
}

/// Draws the lane into `lane` (the strip above the plot, spanning the chart's width): its caption with
/// the count left of the plot, then each cluster's mark and, when it holds more than one, its count.
pub fn draw_lane<DB: DrawingBackend>(
    lane: &DrawingArea<DB, Shift>,
    markers: &[DeploymentMarker],
    scale: &TimeScale,
) -> Result<(), ChartError>
where
    DB::ErrorType: 'static,
{
    let clusters = clusters(markers, scale);
    let shown: usize = clusters.iter().map(|cluster| cluster.markers.len()).sum();
    let failed: usize = clusters.iter().filter(|cluster| cluster.failed).map(|cluster| cluster.markers.len()).sum();
    let left = scale.left_px as i32;
    let right = (scale.left_px + scale.width_px) as i32;
    lane.draw(&PathElement::new(vec![(left, LANE_PX as i32 - 1), (right, LANE_PX as i32 - 1)], DEPLOYMENT.mix(0.4)))?;
    let plural = if shown == 1 { "" } else { "s" };
    let caption = Text::new(
        format!("{shown} deploy{plural}"),
        (left - 6, SUCCEEDED_ROW_PX),
        label_style(HPos::Right, VPos::Center),
    );
    lane.draw(&caption)?;
    if failed > 0 {
        let caption =
            Text::new(format!("{failed} failed"), (left - 6, FAILED_ROW_PX), label_style(HPos::Right, VPos::Center));
        lane.draw(&caption)?;
    }
    for cluster in &clusters {
        let x = cluster.x_px.round() as i32;
        let count = cluster.markers.len();
        if cluster.failed {
            let style =
                text_style(LABEL_FONT_PX + 2.0).color(&FAILED_DEPLOYMENT).pos(Pos::new(HPos::Center, VPos::Center));
            lane.draw(&Text::new("✕", (x, FAILED_ROW_PX), style))?;
        } else {
            let y = SUCCEEDED_ROW_PX;
            let triangle = vec![(x - 5, y - 4), (x + 5, y - 4), (x, y + 4)];
            lane.draw(&Polygon::new(triangle, DEPLOYMENT.filled()))?;
        }
        if count > 1 {
            let y = if cluster.failed { FAILED_ROW_PX } else { SUCCEEDED_ROW_PX };
            let label = Text::new(count.to_string(), (x + 7, y), label_style(HPos::Left, VPos::Center));
            lane.draw(&label)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marker(at_secs: i64, failed: bool) -> DeploymentMarker {
        DeploymentMarker { at_secs, id: format!("d{at_secs}"), failed }
    }

    #[test]
    fn near_marks_merge_and_failed_ones_stay_apart() {
        // 1000 s over 1000 px: 1 px per second.
        let scale = TimeScale::new(0, 1_000, 0.0, 1_000.0);
        let markers =
            [marker(100, false), marker(110, false), marker(115, true), marker(500, false), marker(2_000, false)];
        let clusters = clusters(&markers, &scale);
        let summary: Vec<(usize, bool, i64)> =
            clusters.iter().map(|c| (c.markers.len(), c.failed, c.x_px.round() as i64)).collect();
        assert_eq!(summary, [(2, false, 105), (1, false, 500), (1, true, 115)]);
    }
}
