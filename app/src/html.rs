//! Static markup as one string: the pages' tables, definitions and notes are built here and set
//! through `inner_html` on a single element, instead of one generic view type per element (each
//! with its own build, mount and unmount code in the wasm). Every text and attribute value is
//! escaped; only tag and attribute names (always literals in the code) and SVG that the chart
//! renderers made (plotters escapes its text) go in unescaped.

/// Appends `text` with the five characters that are markup in text or in a quoted attribute
/// value (`& < > " '`) replaced by character references.
pub fn escape_into(out: &mut String, text: &str) {
    let mut rest = text;
    while let Some(at) = rest.find(['&', '<', '>', '"', '\'']) {
        out.push_str(&rest[..at]);
        out.push_str(match rest.as_bytes()[at] {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            _ => "&#39;",
        });
        rest = &rest[at + 1..];
    }
    out.push_str(rest);
}

/// An HTML fragment being written.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Html {
    out: String,
}

impl Html {
    pub fn new() -> Html {
        Html::default()
    }

    /// `<tag name="value"...>`; attributes whose value is `None` are left out. `class` comes
    /// first, where the site's other views (tachys) put it, so the markup reads the same.
    pub fn open(&mut self, tag: &'static str, attributes: &[(&'static str, Option<&str>)]) -> &mut Html {
        self.out.push('<');
        self.out.push_str(tag);
        let classes = attributes.iter().filter(|(name, _)| *name == "class");
        for (name, value) in classes.chain(attributes.iter().filter(|(name, _)| *name != "class")) {
            if let Some(value) = value {
                self.out.push(' ');
                self.out.push_str(name);
                self.out.push_str("=\"");
                escape_into(&mut self.out, value);
                self.out.push('"');
            }
        }
        self.out.push('>');
        self
    }

    pub fn close(&mut self, tag: &'static str) -> &mut Html {
        self.out.push_str("</");
        self.out.push_str(tag);
        self.out.push('>');
        self
    }

    /// Text content, escaped.
    pub fn text(&mut self, text: &str) -> &mut Html {
        escape_into(&mut self.out, text);
        self
    }

    /// `<tag ...>text</tag>`.
    pub fn element(&mut self, tag: &'static str, attributes: &[(&'static str, Option<&str>)], text: &str) -> &mut Html {
        self.open(tag, attributes).text(text).close(tag)
    }

    /// Markup this program generated itself (a chart's SVG), inserted as is.
    pub fn generated_markup(&mut self, markup: &str) -> &mut Html {
        self.out.push_str(markup);
        self
    }

    pub fn as_str(&self) -> &str {
        &self.out
    }

    pub fn into_string(self) -> String {
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn escaped(text: &str) -> String {
        let mut out = String::new();
        escape_into(&mut out, text);
        out
    }

    #[test]
    fn escapes_every_markup_character() {
        assert_eq!(
            escaped(r#"<script>alert("x" & 'y')</script>"#),
            "&lt;script&gt;alert(&quot;x&quot; &amp; &#39;y&#39;)&lt;/script&gt;"
        );
        assert_eq!(escaped("plain – text ✓"), "plain – text ✓");
        assert_eq!(escaped(""), "");
        assert_eq!(escaped("&amp;"), "&amp;amp;");
    }

    #[test]
    fn writes_elements_with_escaped_attributes_and_text() {
        let mut html = Html::new();
        html.open("a", &[("href", Some("?slo=a\"b&c")), ("data-testid", None), ("class", Some("x"))])
            .text("<b>")
            .close("a")
            .element("td", &[("colspan", Some("3"))], "None");
        assert_eq!(html.as_str(), r#"<a class="x" href="?slo=a&quot;b&amp;c">&lt;b&gt;</a><td colspan="3">None</td>"#);
    }

    #[test]
    fn generated_markup_goes_in_unchanged() {
        let mut html = Html::new();
        html.generated_markup("<svg><text>a &amp; b</text></svg>");
        assert_eq!(html.into_string(), "<svg><text>a &amp; b</text></svg>");
    }

    proptest::proptest! {
        #[test]
        fn escaped_text_has_no_markup_and_reads_back(text in "\\PC{0,40}") {
            let out = escaped(&text);
            proptest::prop_assert!(!out.contains(['<', '>', '"', '\'']));
            let back = out.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&");
            proptest::prop_assert_eq!(back, text);
        }
    }
}
