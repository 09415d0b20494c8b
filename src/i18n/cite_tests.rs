use super::*;
use crate::i18n::content::{chapter_intro, faq_prose, Block, Faq};
use crate::i18n::{Lang, Msg, REFERENCES};
use crate::routes::Chapter;

#[test]
fn a_citation_is_cut_out_of_its_sentence() {
    assert_eq!(
        spans("as [Vaswani et al. 2017](vaswani2017) showed."),
        vec![
            Span::Text("as "),
            Span::Cite {
                text: "Vaswani et al. 2017",
                key: "vaswani2017"
            },
            Span::Text(" showed."),
        ]
    );
    assert_eq!(
        spans("[A](a1)[B](b2)"),
        vec![
            Span::Cite {
                text: "A",
                key: "a1"
            },
            Span::Cite {
                text: "B",
                key: "b2"
            }
        ]
    );
    assert_eq!(
        plain("Hoffmann 等（[2022](hoffmann2022)）"),
        "Hoffmann 等（2022）"
    );
    assert_eq!(keys("[a](x1), [b](y2)"), vec!["x1", "y2"]);
}

#[test]
fn brackets_that_are_not_citations_stay_text() {
    for s in [
        "in [0, 1] and (x)",
        "[no key]()",
        "[Key](Not A Key)",
        "[unclosed](key",
        "[]",
        "](a1)",
        "[[nested](a1)",
    ] {
        let cited = spans(s)
            .iter()
            .filter(|p| matches!(p, Span::Cite { .. }))
            .count();
        assert_eq!(cited, usize::from(s == "[[nested](a1)"), "{s}");
    }
    // The inner citation of "[[nested](a1)" is one; the outer bracket stays text.
    assert_eq!(plain("[[nested](a1)"), "[nested");
}

/// Every prose string the page can show: chapter introductions, the three questions, messages.
fn every_prose_string() -> Vec<&'static str> {
    let mut out = Vec::new();
    let block_texts = |b: &Block| -> Vec<&'static str> {
        match *b {
            Block::Heading(t) | Block::Para(t) => vec![t],
            Block::List(items) => items.to_vec(),
            Block::Math(_) => vec![],
        }
    };
    for lang in Lang::ALL {
        for c in Chapter::ALL {
            out.extend(chapter_intro(lang, c).iter().flat_map(block_texts));
        }
        for f in [Faq::Speed, Faq::SpeedAtScale, Faq::Data, Faq::Interpret] {
            out.extend(faq_prose(lang, f).iter().flat_map(block_texts));
        }
        out.extend(Msg::ALL.iter().map(|m| m.get(lang)));
    }
    out
}

#[test]
fn every_citation_in_the_prose_names_a_listed_work() {
    let mut cited = 0;
    for s in every_prose_string() {
        for key in keys(s) {
            assert!(
                REFERENCES.iter().any(|r| r.key == key),
                "{key} is cited in {s:?} and not listed"
            );
            cited += 1;
        }
    }
    assert!(
        cited >= 20,
        "only {cited} citations: are they still marked?"
    );
}

/// The first word of a work's authors, as prose names them ("Vaswani", "Goto", "LeCun").
fn surname(authors: &str) -> &str {
    authors.split([',', ' ']).next().unwrap_or(authors)
}

#[test]
fn no_work_is_cited_in_the_prose_without_its_link() {
    // A work named with its year, or by its bare key, outside a marked citation: the reader
    // could not follow it to its entry.
    for s in every_prose_string() {
        for span in spans(s) {
            let Span::Text(t) = span else { continue };
            for r in REFERENCES {
                assert!(!t.contains(r.key), "{:?} in {s:?} is a bare key", r.key);
                let name = surname(r.authors);
                let year = r.year.to_string();
                for (at, _) in t.match_indices(name) {
                    let near: String = t[at..].chars().take(name.chars().count() + 30).collect();
                    assert!(
                        !near.contains(&year),
                        "{near:?} in {s:?} cites {} without a link",
                        r.key
                    );
                }
            }
        }
    }
}
