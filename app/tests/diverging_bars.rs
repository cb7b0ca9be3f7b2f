#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Survey results as diverging bars: shares drawn and labelled, withheld questions, escaping, snapshot.

use uptrend_app::charts::{AnswerShares, DivergingBars, DivergingRow};

fn survey(first_label: &str, width_px: u32) -> DivergingBars {
    let row = |label: &str, shares: Option<(f64, f64, f64)>, n: u64| DivergingRow {
        label: label.to_owned(),
        shares: shares.map(|(unfavourable, neutral, favourable)| AnswerShares { unfavourable, neutral, favourable }),
        n,
    };
    DivergingBars {
        title: "Developer experience, Q3".to_owned(),
        width_px,
        rows: vec![
            row(first_label, Some((0.2, 0.2, 0.6)), 10),
            row("CI is fast", Some((0.5, 0.0, 0.5)), 8),
            row("Docs", None, 4),
        ],
        withheld_note: "withheld: fewer than 5 answers".to_owned(),
    }
}

#[test]
fn each_segment_is_labelled_with_its_share_and_each_row_with_its_n() {
    let svg = survey("I can ship", 640).render().unwrap().svg;
    for text in
        ["I can ship (n = 10)", "CI is fast (n = 8)", "Docs (n = 4)", "60%", "20%", "50%", "unfavourable", "favourable"]
    {
        assert!(svg.contains(&format!("{text}\n</text>")), "missing {text:?}");
    }
    assert!(svg.contains("withheld: fewer than 5 answers\n</text>"));
}

#[test]
fn bars_diverge_around_the_centre_line() {
    // 640 px: centre at 12 + 308 = 320, 308 px per 100%. Row 1: neutral 20% spans [289, 351],
    // unfavourable 20% [228, 289] (320 − 92.4, rounded), favourable 60% [351, 536].
    let svg = survey("I can ship", 640).render().unwrap().svg;
    for rect in [r#"x="228""#, r#"x="289""#, r#"x="351""#] {
        assert!(svg.contains(rect), "missing {rect}");
    }
}

#[test]
fn a_markup_label_is_escaped() {
    let svg = survey("<script>alert(1)</script>", 640).render().unwrap().svg;
    assert!(!svg.contains("<script>"));
}

#[test]
fn survey_snapshot() {
    insta::assert_snapshot!(survey("I can ship a change without waiting on another team", 640).render().unwrap().svg);
}

#[test]
fn phone_width_snapshot() {
    insta::assert_snapshot!(survey("I can ship a change without waiting on another team", 342).render().unwrap().svg);
}

#[test]
fn a_long_question_wraps_onto_a_second_line_on_a_phone() {
    // 342 px: 318 px for text, 46 characters a line; the label and its n take 63.
    let svg = survey("I can ship a change without waiting on another team", 342).render().unwrap().svg;
    assert!(svg.contains(">\nI can ship a change without waiting on another\n</text>"), "{svg}");
    assert!(svg.contains(">\nteam (n = 10)\n</text>"));
}
