//! Just enough HTML reading to find the assets trunk wrote into `dist/index.html`: the start tags of one
//! element name and their attributes.

/// The attributes of every `<name ...>` start tag in `html`, in document order, names lower-cased,
/// values with the common character references decoded.
pub(crate) fn start_tags(html: &str, name: &str) -> Vec<Vec<(String, String)>> {
    let lower = html.to_ascii_lowercase();
    let opening = format!("<{name}");
    let mut tags = Vec::new();
    let mut from = 0;
    while let Some(found) = lower[from..].find(&opening) {
        let start = from + found + opening.len();
        let rest = &html[start..];
        // `<linker>` is not `<link>`: the name must end here.
        if !rest.starts_with(|c: char| c.is_ascii_whitespace() || c == '>' || c == '/') {
            from = start;
            continue;
        }
        let end = tag_end(rest);
        tags.push(attributes(&rest[..end]));
        from = start + end;
    }
    tags
}

/// The value of attribute `name` among `attributes`.
pub(crate) fn attribute<'a>(attributes: &'a [(String, String)], name: &str) -> Option<&'a str> {
    attributes.iter().find(|(key, _)| key == name).map(|(_, value)| value.as_str())
}

/// The offset of the `>` that closes a start tag, skipping quoted attribute values.
fn tag_end(tag: &str) -> usize {
    let mut quote = None;
    for (offset, c) in tag.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(open), _) if open == c => quote = None,
            (None, '>') => return offset,
            _ => {}
        }
    }
    tag.len()
}

fn attributes(mut rest: &str) -> Vec<(String, String)> {
    let mut found = Vec::new();
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_ascii_whitespace() || c == '/');
        if rest.is_empty() {
            return found;
        }
        let name_end = rest.find(|c: char| c.is_ascii_whitespace() || c == '=' || c == '/').unwrap_or(rest.len());
        if name_end == 0 {
            // A stray `=`: skip it.
            rest = &rest[1..];
            continue;
        }
        let name = rest[..name_end].to_ascii_lowercase();
        rest = rest[name_end..].trim_start();
        let value = match rest.strip_prefix('=') {
            Some(after) => {
                let after = after.trim_start();
                match after.chars().next() {
                    Some(quote @ ('"' | '\'')) => {
                        let inner = &after[1..];
                        let close = inner.find(quote).unwrap_or(inner.len());
                        rest = inner.get(close + 1..).unwrap_or_default();
                        &inner[..close]
                    }
                    _ => {
                        let end = after.find(|c: char| c.is_ascii_whitespace()).unwrap_or(after.len());
                        rest = &after[end..];
                        &after[..end]
                    }
                }
            }
            None => "",
        };
        found.push((name, decode_references(value)));
    }
}

fn decode_references(value: &str) -> String {
    value.replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_trunks_tags_with_quoted_bare_and_empty_attributes() {
        let html = r#"<html><head><link rel="stylesheet" href="./style-1.css" integrity="sha384-a/b+c="/>
            <LINK rel=icon href='./favicon-2.svg'><linker href="no">
            <script type="module" src="./boot.js" data-uptrend-js="./app-3.js" data-uptrend-wasm="./app-3_bg.wasm" async></script>"#;
        let links = start_tags(html, "link");
        assert_eq!(links.len(), 2);
        assert_eq!(attribute(&links[0], "href"), Some("./style-1.css"));
        assert_eq!(attribute(&links[0], "integrity"), Some("sha384-a/b+c="));
        assert_eq!(attribute(&links[1], "rel"), Some("icon"));
        assert_eq!(attribute(&links[1], "href"), Some("./favicon-2.svg"));
        let scripts = start_tags(html, "script");
        assert_eq!(attribute(&scripts[0], "data-uptrend-wasm"), Some("./app-3_bg.wasm"));
        assert_eq!(attribute(&scripts[0], "async"), Some(""));
    }

    #[test]
    fn a_greater_than_sign_inside_quotes_does_not_end_the_tag() {
        let tags = start_tags(r#"<link title="a > b" href="x.css">"#, "link");
        assert_eq!(attribute(&tags[0], "title"), Some("a > b"));
        assert_eq!(attribute(&tags[0], "href"), Some("x.css"));
    }

    #[test]
    fn character_references_are_decoded_and_broken_markup_does_not_panic() {
        let tags = start_tags(r#"<link href="a&amp;b.css" ="x" title='unterminated"#, "link");
        assert_eq!(attribute(&tags[0], "href"), Some("a&b.css"));
        for broken in ["<link", "<link =", "<link a=\"", "<link a='b", "<script", "<link/>"] {
            let _ = start_tags(broken, "link");
        }
    }
}
