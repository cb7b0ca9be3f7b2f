#![allow(clippy::unwrap_used, clippy::expect_used)]
//! The lead-time distribution as a bar chart: labels, values, escaping and a snapshot.

use uptrend_app::charts::{Bar, BarChart, Unit};

fn lead_time_distribution(first_label: &str) -> BarChart {
    let bar = |label: &str, value: f64| Bar { label: label.to_owned(), value, n: value as u64 };
    BarChart {
        title: "Lead time for changes".to_owned(),
        width_px: 640,
        height_px: 280,
        category_label: "lead time".to_owned(),
        value_label: "changes".to_owned(),
        unit: Unit::Count,
        series_label: "changes".to_owned(),
        bars: vec![bar(first_label, 4.0), bar("1-24 h", 12.0), bar("1-7 d", 7.0), bar("> 7 d", 1.0)],
    }
}

#[test]
fn bars_carry_their_category_and_value_as_text() {
    let svg = lead_time_distribution("< 1 h").render().unwrap().svg;
    for text in ["Lead time for changes", "&lt; 1 h", "1-24 h", "1-7 d", "&gt; 7 d", "lead time", "changes (count)"] {
        assert!(svg.contains(&format!("{text}\n</text>")), "missing {text:?}");
    }
    // Each bar is labelled with its value: 4, 12, 7 and 1.
    for value in ["4", "12", "7", "1"] {
        assert!(svg.contains(&format!(">\n{value}\n</text>")), "missing value {value}");
    }
}

#[test]
fn hovering_the_second_slot_describes_the_second_bar() {
    let rendered = lead_time_distribution("< 1 h").render().unwrap();
    let hover = &rendered.hover;
    // Four equal slots: the centre of the second is 1.5 slots from the left edge.
    let x = hover.left_px + hover.width_px * 1.5 / 4.0;
    let (index, bar) = hover.bar_at(x).unwrap();
    assert_eq!(index, 1);
    assert_eq!(hover.describe(bar), "1-24 h: 12 (n = 12)");
}

#[test]
fn a_markup_category_is_escaped() {
    let svg = lead_time_distribution("<img src=x onerror=alert(1)>").render().unwrap().svg;
    assert!(!svg.contains("<img"));
    assert!(svg.contains("&lt;img src=x onerror=alert(1)&gt;"));
}

#[test]
fn lead_time_distribution_snapshot() {
    insta::assert_snapshot!(lead_time_distribution("< 1 h").render().unwrap().svg);
}
