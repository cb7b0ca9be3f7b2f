//! Text from the data, made safe for a terminal: control characters are shown as escapes, so a
//! newline in a file name cannot forge a second `error:` line and an ANSI sequence (`\u{1b}[2K`)
//! cannot rewrite the screen. Every data-derived text the CLI prints goes through [`Visible`] (the
//! Markdown escaping uses the same rule, see `markdown::table::escape`).

use std::fmt::{self, Write as _};
use std::io;

/// `text` with every control character shown visibly: `\n`, `\r`, `\t`, others as `\u{1b}`.
#[derive(Debug, Clone, Copy)]
pub struct Visible<T>(pub T);

impl<T: fmt::Display> fmt::Display for Visible<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(Escaping { out: f }, "{}", self.0)
    }
}

/// Writes one line of data-derived text (escaped) and a line break.
pub fn write_line(out: &mut impl io::Write, text: impl fmt::Display) -> io::Result<()> {
    writeln!(out, "{}", Visible(text))
}

/// Writes `character`, or its visible escape when it is a control character.
pub fn write_char(out: &mut impl fmt::Write, character: char) -> fmt::Result {
    match character {
        '\n' => out.write_str("\\n"),
        '\r' => out.write_str("\\r"),
        '\t' => out.write_str("\\t"),
        other if is_control(other) => write!(out, "{}", other.escape_unicode()),
        other => out.write_char(other),
    }
}

/// C0 and C1 controls and DEL, plus the invisible characters that reorder or break text on screen
/// (bidirectional overrides and isolates, line and paragraph separators).
fn is_control(character: char) -> bool {
    character.is_control()
        || matches!(character, '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{2028}' | '\u{2029}')
        || ('\u{202a}'..='\u{202e}').contains(&character)
        || ('\u{2066}'..='\u{2069}').contains(&character)
}

struct Escaping<'a, 'b> {
    out: &'a mut fmt::Formatter<'b>,
}

impl fmt::Write for Escaping<'_, '_> {
    fn write_str(&mut self, text: &str) -> fmt::Result {
        text.chars().try_for_each(|character| write_char(self.out, character))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn newlines_and_escape_sequences_are_shown_not_obeyed() {
        assert_eq!(Visible("a.json\nerror: forged").to_string(), "a.json\\nerror: forged");
        assert_eq!(Visible("\u{1b}[2Kgone").to_string(), "\\u{1b}[2Kgone");
        assert_eq!(Visible("tab\there\r\u{7f}\u{9b}\u{202e}").to_string(), "tab\\there\\r\\u{7f}\\u{9b}\\u{202e}");
        assert_eq!(Visible("plain ünïcode ✓").to_string(), "plain ünïcode ✓");
    }

    proptest::proptest! {
        #[test]
        fn no_control_character_survives(text in ".*") {
            let shown = Visible(&text).to_string();
            proptest::prop_assert!(!shown.chars().any(is_control), "{shown:?}");
        }
    }
}
