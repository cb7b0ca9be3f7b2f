//! Browser-test harness: serve dist/, drive Chromium, collect console errors and screenshots.
