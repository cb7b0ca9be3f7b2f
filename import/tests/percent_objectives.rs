//! Objectives written as percentages (Sloth's `objective`, Pyrra's `target`, OpenSLO's
//! `targetPercent`) become the ratio the user wrote, exactly: `99.9 / 100.0` in floating point is
//! 0.9990000000000001, which is neither what the definition says nor what the report would show.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use uptrend_core::time::{Span, Window};
use uptrend_import::{pyrra, sloth, Imported, ServiceMap, SourceFile};

fn file(text: &str) -> [SourceFile<'_>; 1] {
    [SourceFile { name: "slo.yaml", bytes: text.as_bytes() }]
}

#[test]
fn sloth_and_pyrra_percentages_are_exact_ratios() {
    for (percent, ratio) in [("99.9", 0.999), ("99.99", 0.9999), ("99.999", 0.99999), ("99.5", 0.995)] {
        let sloth_spec = format!(
            "version: prometheus/v1\nservice: search\nslos:\n  - name: availability\n    objective: {percent}\n    \
             sli:\n      events:\n        error_query: e\n        total_query: t\n"
        );
        let mut imported = Imported::default();
        let window = Window::Rolling(Span::from_secs(28 * 86_400).unwrap());
        let specs = sloth::definitions(&file(&sloth_spec), window, &ServiceMap::identity(), &mut imported);
        assert_eq!(specs.iter().map(|s| s.objective).collect::<Vec<_>>(), [ratio], "sloth {percent}: {imported:?}");

        let pyrra_spec = format!(
            "apiVersion: pyrra.dev/v1alpha1\nkind: ServiceLevelObjective\nmetadata:\n  name: search\n  namespace: \
             search\nspec:\n  target: \"{percent}\"\n  window: 2w\n  indicator:\n    ratio:\n      errors:\n        \
             metric: e\n      total:\n        metric: t\n"
        );
        let mut imported = Imported::default();
        let specs = pyrra::definitions(&file(&pyrra_spec), None, &ServiceMap::identity(), &mut imported);
        assert_eq!(specs.iter().map(|s| s.objective).collect::<Vec<_>>(), [ratio], "pyrra {percent}: {imported:?}");
    }
}
