//! In-text citations. Prose writes one as `[Vaswani et al. 2017](vaswani2017)`: the page shows
//! the words in brackets, linked to the work's entry in References, and the key names that
//! entry. A bracket not followed by `(key)` is plain text, so "[0, 1]" in prose stays as it is.

/// A piece of a prose string: words as they are, or a citation's words and its key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Span<'a> {
    Text(&'a str),
    Cite { text: &'a str, key: &'a str },
}

/// A key as `REFERENCES` spells them: lower-case letters and digits, e.g. `lecun1998mnist`.
fn is_key(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
}

/// The citation at the start of `s` (which starts with '['): its words, key and length.
fn cite_at(s: &str) -> Option<(&str, &str, usize)> {
    let close = s.find("](")?;
    let text = &s[1..close];
    let rest = &s[close + 2..];
    let end = rest.find(')')?;
    let key = &rest[..end];
    (!text.is_empty() && !text.contains('[') && is_key(key)).then_some((text, key, close + 3 + end))
}

/// `s` cut into text and citations, in order; the texts joined are `plain(s)`.
pub fn spans(s: &str) -> Vec<Span<'_>> {
    let mut out = Vec::new();
    let mut rest = s;
    let mut from = 0;
    while let Some(open) = rest[from..].find('[').map(|i| i + from) {
        match cite_at(&rest[open..]) {
            Some((text, key, len)) => {
                if open > 0 {
                    out.push(Span::Text(&rest[..open]));
                }
                out.push(Span::Cite { text, key });
                rest = &rest[open + len..];
                from = 0;
            }
            None => from = open + 1,
        }
    }
    if !rest.is_empty() {
        out.push(Span::Text(rest));
    }
    out
}

/// `s` as the page shows it: each citation's words without its key.
pub fn plain(s: &str) -> String {
    spans(s)
        .iter()
        .map(|span| match span {
            Span::Text(t) | Span::Cite { text: t, .. } => *t,
        })
        .collect()
}

/// The keys `s` cites, in order.
pub fn keys(s: &str) -> Vec<&str> {
    spans(s)
        .iter()
        .filter_map(|span| match span {
            Span::Cite { key, .. } => Some(*key),
            Span::Text(_) => None,
        })
        .collect()
}

#[cfg(test)]
#[path = "cite_tests.rs"]
mod tests;
