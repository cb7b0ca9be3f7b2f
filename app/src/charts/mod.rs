//! Charts: data -> SVG strings, pure and tested natively.
