//! Hover and keyboard focus: from an x pixel of a drawn chart to the exact data under it.
//!
//! Looks up the full-resolution samples, not the decimated drawing, so the tooltip shows the
//! exact value, time and `n` of the nearest sample.

use super::lane::CLUSTER_PX;
use super::overlays::{DataGap, DeploymentMarker, IncidentBand, Overlays};
use super::sample::{Sample, Series};
use super::scale::{TimeScale, ValueScale};
use super::time_ticks::format_instant;
use super::unit::Unit;

/// What a chart remembers of its data to answer hover queries.
#[derive(Debug, Clone, PartialEq)]
pub struct HoverIndex {
    pub time_scale: TimeScale,
    pub value_scale: ValueScale,
    pub unit: Unit,
    series: Vec<Series>,
    deployments: Vec<DeploymentMarker>,
    incidents: Vec<IncidentBand>,
    gaps: Vec<DataGap>,
}

/// A tooltip lists at most this many deployments of a cluster, then how many more.
const LISTED_DEPLOYMENTS: usize = 3;

/// The sample of one series nearest to the hovered instant, with where it is drawn.
#[derive(Debug, Clone, PartialEq)]
pub struct HoverHit {
    pub series_label: String,
    pub sample_index: usize,
    pub sample: Sample,
    pub x_px: f64,
    /// `None` for a sample without data.
    pub y_px: Option<f64>,
}

impl HoverHit {
    /// `availability: 99.95 % at 2026-11-21 00:00 UTC (n = 1440)`, or `no data` in place of the value;
    /// the `n` part only when the sample has one.
    pub fn describe(&self, unit: Unit) -> String {
        let value = self.sample.value.map_or_else(|| "no data".to_owned(), |value| unit.format(value));
        let n = self.sample.n.map_or_else(String::new, |n| format!(" (n = {n})"));
        format!("{}: {value} at {}{n}", self.series_label, format_instant(self.sample.at_secs))
    }
}

impl HoverIndex {
    pub fn new(time_scale: TimeScale, value_scale: ValueScale, unit: Unit, series: Vec<Series>) -> HoverIndex {
        HoverIndex {
            time_scale,
            value_scale,
            unit,
            series,
            deployments: Vec::new(),
            incidents: Vec::new(),
            gaps: Vec::new(),
        }
    }

    /// Remembers the chart's deployments, incidents and data gaps, so hovering names them.
    pub fn with_overlays(mut self, overlays: &Overlays) -> HoverIndex {
        self.deployments = overlays.deployments.clone();
        self.incidents = overlays.incidents.clone();
        self.gaps = overlays.gaps.clone();
        self
    }

    /// What lies under pixel `x_px` besides the data: the deployments within half a cluster's width
    /// (`deployment d-42 (failed) at 2026-11-20 14:05 UTC`), the incidents and no-data or no-traffic
    /// stretches covering it.
    pub fn events_at(&self, x_px: f64) -> Vec<String> {
        let scale = &self.time_scale;
        let at_secs = scale.secs_at(x_px);
        let mut lines = Vec::new();
        let near: Vec<&DeploymentMarker> = self
            .deployments
            .iter()
            .filter(|marker| marker.at_secs >= scale.start_secs && marker.at_secs <= scale.end_secs)
            .filter(|marker| (scale.x_px(marker.at_secs) - x_px).abs() <= CLUSTER_PX / 2.0)
            .collect();
        for marker in near.iter().take(LISTED_DEPLOYMENTS) {
            let failed = if marker.failed { " (failed)" } else { "" };
            lines.push(format!("deployment {}{failed} at {}", marker.id, format_instant(marker.at_secs)));
        }
        if near.len() > LISTED_DEPLOYMENTS {
            lines.push(format!("and {} more deployments", near.len() - LISTED_DEPLOYMENTS));
        }
        for incident in &self.incidents {
            let end = incident.end_secs.unwrap_or(scale.end_secs);
            if incident.start_secs <= at_secs && at_secs <= end {
                let until = incident
                    .end_secs
                    .map_or_else(|| "still open".to_owned(), |end| format!("to {}", format_instant(end)));
                lines.push(format!("incident {}: from {} {until}", incident.id, format_instant(incident.start_secs)));
            }
        }
        for gap in self.gaps.iter().filter(|gap| gap.start_secs <= at_secs && at_secs < gap.end_secs) {
            lines.push(format!(
                "{} from {} to {}",
                gap.kind.label(),
                format_instant(gap.start_secs),
                format_instant(gap.end_secs)
            ));
        }
        lines
    }

    pub fn series(&self) -> &[Series] {
        &self.series
    }

    /// For each series with samples in the visible range, the one nearest in time to pixel `x_px`.
    pub fn hits_at(&self, x_px: f64) -> Vec<HoverHit> {
        let at_secs = self.time_scale.secs_at(x_px);
        self.series.iter().filter_map(|series| self.nearest(series, at_secs)).collect()
    }

    /// The hit for sample `index` of the first series: keyboard focus steps through these.
    pub fn hit_at_index(&self, index: usize) -> Option<HoverHit> {
        let series = self.series.first()?;
        series.samples().get(index).map(|sample| self.hit(series, index, *sample))
    }

    /// How many samples keyboard focus can step through.
    pub fn focusable_count(&self) -> usize {
        self.series.first().map_or(0, |series| series.samples().len())
    }

    fn nearest(&self, series: &Series, at_secs: i64) -> Option<HoverHit> {
        let scale = &self.time_scale;
        let samples = series.samples();
        let visible_start = samples.partition_point(|sample| sample.at_secs < scale.start_secs);
        let visible_end = samples.partition_point(|sample| sample.at_secs <= scale.end_secs);
        if visible_start >= visible_end {
            return None;
        }
        let after = samples.partition_point(|sample| sample.at_secs < at_secs).clamp(visible_start, visible_end - 1);
        let index = match after.checked_sub(1) {
            Some(before) if before >= visible_start => {
                let distance = |i: usize| (i128::from(samples[i].at_secs) - i128::from(at_secs)).abs();
                if distance(before) <= distance(after) {
                    before
                } else {
                    after
                }
            }
            _ => after,
        };
        Some(self.hit(series, index, samples[index]))
    }

    fn hit(&self, series: &Series, index: usize, sample: Sample) -> HoverHit {
        HoverHit {
            series_label: series.label.clone(),
            sample_index: index,
            sample,
            x_px: self.time_scale.x_px(sample.at_secs),
            y_px: sample.value.map(|value| self.value_scale.y_px(value)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Days 0..4 over 400 px from x = 100: 100 px per day. Values 0..100 over 200 px up from y = 300.
    fn index() -> HoverIndex {
        const DAY: i64 = 86_400;
        let series = Series::new(
            "availability",
            [
                Sample::new(0, Some(99.5), Some(1_440)),
                Sample::new(DAY, Some(98.25), Some(1_380)),
                Sample::new(2 * DAY, None, Some(0)),
                Sample::new(3 * DAY, Some(100.0), Some(1_440)),
            ],
        );
        HoverIndex::new(
            TimeScale::new(0, 4 * DAY, 100.0, 400.0),
            ValueScale { low: 0.0, high: 100.0, bottom_px: 300.0, height_px: 200.0 },
            Unit::Percent,
            vec![series],
        )
    }

    #[test]
    fn the_nearest_sample_gives_exact_value_time_and_n() {
        // x = 240 is 1.4 days in: day 1 (0.4 away) is nearer than day 2 (0.6 away).
        let hits = index().hits_at(240.0);
        assert_eq!(hits.len(), 1);
        let hit = &hits[0];
        assert_eq!(hit.sample_index, 1);
        assert_eq!(hit.sample.value, Some(98.25));
        assert_eq!(hit.x_px, 200.0);
        assert_eq!(hit.y_px, Some(300.0 - 0.9825 * 200.0));
        assert_eq!(hit.describe(Unit::Percent), "availability: 98.25 % at 1970-01-02 00:00 UTC (n = 1380)");
    }

    #[test]
    fn a_gap_is_reported_as_no_data() {
        let hits = index().hits_at(310.0);
        assert_eq!(hits[0].sample_index, 2);
        assert_eq!(hits[0].y_px, None);
        assert_eq!(hits[0].describe(Unit::Percent), "availability: no data at 1970-01-03 00:00 UTC (n = 0)");
    }

    #[test]
    fn pixels_beyond_the_plot_snap_to_the_ends() {
        assert_eq!(index().hits_at(-50.0)[0].sample_index, 0);
        assert_eq!(index().hits_at(9_999.0)[0].sample_index, 3);
    }

    #[test]
    fn ties_go_to_the_earlier_sample() {
        assert_eq!(index().hits_at(150.0)[0].sample_index, 0);
    }

    #[test]
    fn keyboard_focus_steps_through_the_first_series() {
        let index = index();
        assert_eq!(index.focusable_count(), 4);
        assert_eq!(index.hit_at_index(3).map(|hit| hit.x_px), Some(400.0));
        assert_eq!(index.hit_at_index(4), None);
    }

    #[test]
    fn hovering_names_the_deployments_and_incidents_under_the_pointer() {
        const DAY: i64 = 86_400;
        let overlays = Overlays {
            deployments: vec![
                DeploymentMarker { at_secs: DAY, id: "d-1".to_owned(), failed: false },
                DeploymentMarker { at_secs: DAY + 600, id: "d-2".to_owned(), failed: true },
                DeploymentMarker { at_secs: 3 * DAY, id: "d-3".to_owned(), failed: false },
            ],
            incidents: vec![IncidentBand { start_secs: DAY, end_secs: None, id: "inc-7".to_owned() }],
            ..Overlays::default()
        };
        let index = index().with_overlays(&overlays);
        // x = 200 is day 1.
        assert_eq!(
            index.events_at(200.0),
            [
                "deployment d-1 at 1970-01-02 00:00 UTC",
                "deployment d-2 (failed) at 1970-01-02 00:10 UTC",
                "incident inc-7: from 1970-01-02 00:00 UTC still open",
            ]
        );
        assert!(index.events_at(150.0).is_empty(), "half a day before: nothing there");
    }

    #[test]
    fn samples_outside_the_visible_range_are_not_hovered() {
        let mut index = index();
        index.time_scale = TimeScale::new(10 * 86_400, 11 * 86_400, 0.0, 100.0);
        assert!(index.hits_at(50.0).is_empty());
    }
}
