//! Colours that read on both the light and the dark page background, and the text colour trick.
//!
//! Text, axes and grid are drawn in a sentinel colour that [`adopt_page_colour`] rewrites to
//! `currentColor`, so inline charts follow the page's colour scheme (and dark mode) through CSS.
//! Series differ by dash pattern and legend text as well as colour: colour never carries meaning alone.

use plotters::style::RGBColor;

/// Drawn as the page's text colour (see [`adopt_page_colour`]).
pub const FOREGROUND: RGBColor = RGBColor(0x01, 0x02, 0x03);
const FOREGROUND_HEX: &str = "#010203";

/// Series colours (from the Okabe–Ito colour-blind-safe set, darkened or lightened to keep 3:1
/// contrast against both page backgrounds).
pub const SERIES: [RGBColor; 5] = [
    RGBColor(0x00, 0x72, 0xB2), // blue
    RGBColor(0xD5, 0x5E, 0x00), // vermillion
    RGBColor(0x00, 0x8F, 0x68), // bluish green
    RGBColor(0xB0, 0x5A, 0x9A), // reddish purple
    RGBColor(0x8A, 0x7A, 0x00), // olive
];

/// Objective and alert threshold lines.
pub const THRESHOLD: RGBColor = RGBColor(0xC0, 0x30, 0x30);
/// Incident bands (drawn translucent).
pub const INCIDENT: RGBColor = RGBColor(0xD5, 0x5E, 0x00);
/// Deployment markers.
pub const DEPLOYMENT: RGBColor = RGBColor(0x6A, 0x6A, 0xD0);
/// Failed or rolled-back deployment marks (✕).
pub const FAILED_DEPLOYMENT: RGBColor = RGBColor(0xC0, 0x30, 0x30);
/// Stretches without data or without traffic (drawn translucent, labelled).
pub const GAP: RGBColor = RGBColor(0x80, 0x80, 0x80);

/// Value bands (drawn translucent, labelled), best to worst: green, blue, amber, red.
pub const BAND_SHADES: [RGBColor; 4] =
    [RGBColor(0x2E, 0x8B, 0x3E), RGBColor(0x3A, 0x7B, 0xD5), RGBColor(0xB0, 0x7D, 0x00), RGBColor(0xC0, 0x30, 0x30)];

/// The page backgrounds the site's stylesheet uses in light and dark mode.
pub const LIGHT_BACKGROUND: RGBColor = RGBColor(0xFF, 0xFF, 0xFF);
pub const DARK_BACKGROUND: RGBColor = RGBColor(0x0D, 0x11, 0x17);

/// Series colour `index`, cycling.
pub fn series_colour(index: usize) -> RGBColor {
    SERIES[index % SERIES.len()]
}

/// Value band shade `index`, the last repeating for any further bands.
pub fn band_shade(index: usize) -> RGBColor {
    BAND_SHADES[index.min(BAND_SHADES.len() - 1)]
}

/// Dash pattern `(dash px, gap px)` of series `index`; `None` is a solid line.
pub fn series_dash(index: usize) -> Option<(u32, u32)> {
    [None, Some((8, 4)), Some((2, 3)), Some((12, 3)), Some((4, 4))][index % SERIES.len()]
}

/// Rewrites the sentinel foreground colour to `currentColor`.
pub fn adopt_page_colour(svg: &str) -> String {
    svg.replace(FOREGROUND_HEX, "currentColor")
}

/// WCAG contrast ratio between two colours (1 to 21).
pub fn contrast_ratio(a: RGBColor, b: RGBColor) -> f64 {
    let (lighter, darker) = {
        let (la, lb) = (relative_luminance(a), relative_luminance(b));
        if la >= lb {
            (la, lb)
        } else {
            (lb, la)
        }
    };
    (lighter + 0.05) / (darker + 0.05)
}

fn relative_luminance(colour: RGBColor) -> f64 {
    let channel = |value: u8| {
        let srgb = f64::from(value) / 255.0;
        if srgb <= 0.040_45 {
            srgb / 12.92
        } else {
            ((srgb + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(colour.0) + 0.7152 * channel(colour.1) + 0.0722 * channel(colour.2)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contrast_ratio_matches_wcag_reference_values() {
        assert!((contrast_ratio(RGBColor(0, 0, 0), RGBColor(255, 255, 255)) - 21.0).abs() < 1e-9);
        assert!((contrast_ratio(RGBColor(0x77, 0x77, 0x77), LIGHT_BACKGROUND) - 4.48).abs() < 0.01);
    }

    #[test]
    fn every_drawing_colour_reads_on_light_and_dark_backgrounds() {
        // WCAG 2.1 asks 3:1 for graphical objects.
        for colour in
            SERIES.into_iter().chain(BAND_SHADES).chain([THRESHOLD, INCIDENT, DEPLOYMENT, FAILED_DEPLOYMENT, GAP])
        {
            for background in [LIGHT_BACKGROUND, DARK_BACKGROUND] {
                let ratio = contrast_ratio(colour, background);
                assert!(ratio >= 3.0, "{colour:?} on {background:?}: {ratio:.2}");
            }
        }
    }

    #[test]
    fn series_differ_by_more_than_colour() {
        let dashes: std::collections::HashSet<_> = (0..SERIES.len()).map(series_dash).collect();
        assert_eq!(dashes.len(), SERIES.len());
    }

    #[test]
    fn the_sentinel_becomes_the_page_colour() {
        assert_eq!(adopt_page_colour(r##"<text fill="#010203">a</text>"##), r#"<text fill="currentColor">a</text>"#);
    }
}
