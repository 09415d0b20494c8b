//! The prose of each chapter's introduction, in both languages.
//!
//! Paragraphs are plain text (the page escapes them); only `Math` blocks hold markup, and that
//! markup is MathML Core, which browsers render natively, with no script.

use super::Lang;
use crate::routes::Chapter;

mod applications;
mod attention;
mod autoencoder;
mod finetune;
mod history;
mod overview;
mod performance;
mod references;
mod transformer;
mod vae;

/// One block of a chapter's prose. `Math` holds MathML markup (the same in both languages).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Block {
    Heading(&'static str),
    Para(&'static str),
    List(&'static [&'static str]),
    Math(&'static str),
}

/// The prose of the three questions learners ask, placed around their experiments.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Faq {
    Speed,
    /// What GPUs, mixed precision and parallelism add, after the speed sweep.
    SpeedAtScale,
    Data,
    Interpret,
}

impl Faq {
    pub const ALL: [Faq; 4] = [Faq::Speed, Faq::SpeedAtScale, Faq::Data, Faq::Interpret];
}

pub fn faq_prose(lang: Lang, faq: Faq) -> &'static [Block] {
    use applications::*;
    let (en, zh) = match faq {
        Faq::Speed => (FAQ_SPEED_EN, FAQ_SPEED_ZH),
        Faq::SpeedAtScale => (FAQ_SCALE_EN, FAQ_SCALE_ZH),
        Faq::Data => (FAQ_DATA_EN, FAQ_DATA_ZH),
        Faq::Interpret => (FAQ_INTERPRET_EN, FAQ_INTERPRET_ZH),
    };
    match lang {
        Lang::En => en,
        Lang::Zh => zh,
    }
}

/// The introduction of a chapter. English and Chinese have the same blocks in the same order.
pub fn chapter_intro(lang: Lang, chapter: Chapter) -> &'static [Block] {
    let (en, zh) = match chapter {
        Chapter::Overview => (overview::OVERVIEW_EN, overview::OVERVIEW_ZH),
        Chapter::History => (history::HISTORY_EN, history::HISTORY_ZH),
        Chapter::Autoencoder => (autoencoder::AUTOENCODER_EN, autoencoder::AUTOENCODER_ZH),
        Chapter::Vae => (vae::VAE_EN, vae::VAE_ZH),
        Chapter::Attention => (attention::ATTENTION_EN, attention::ATTENTION_ZH),
        Chapter::Transformer => (transformer::TRANSFORMER_EN, transformer::TRANSFORMER_ZH),
        Chapter::Finetune => (finetune::FINETUNE_EN, finetune::FINETUNE_ZH),
        Chapter::Performance => (performance::PERFORMANCE_EN, performance::PERFORMANCE_ZH),
        Chapter::Applications => (applications::APPLICATIONS_EN, applications::APPLICATIONS_ZH),
        Chapter::References => (references::REFERENCES_EN, references::REFERENCES_ZH),
    };
    match lang {
        Lang::En => en,
        Lang::Zh => zh,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every piece of prose text in a block (not Math).
    fn texts(b: &Block) -> Vec<&'static str> {
        match *b {
            Block::Heading(t) | Block::Para(t) => vec![t],
            Block::List(items) => items.to_vec(),
            Block::Math(_) => vec![],
        }
    }

    fn is_cjk(c: char) -> bool {
        ('\u{4E00}'..='\u{9FFF}').contains(&c)
    }

    fn has_cjk(s: &str) -> bool {
        s.chars().any(is_cjk)
    }

    /// Chinese text puts a space between Chinese characters and Latin letters or digits
    /// ("使用 wasm SIMD128"), as the rest of the catalog does.
    fn cjk_touches_latin(s: &str) -> Option<String> {
        let chars: Vec<char> = s.chars().collect();
        chars.windows(2).find_map(|w| {
            let (a, b) = (w[0], w[1]);
            let touching = (is_cjk(a) && b.is_ascii_alphanumeric())
                || (a.is_ascii_alphanumeric() && is_cjk(b));
            touching.then(|| format!("{a}{b}"))
        })
    }

    /// The MathML Core elements a formula may use.
    const MATHML_CORE: &[&str] = &[
        "math",
        "mi",
        "mn",
        "mo",
        "ms",
        "mtext",
        "mspace",
        "mrow",
        "mfrac",
        "msqrt",
        "mroot",
        "mstyle",
        "merror",
        "mpadded",
        "mphantom",
        "msub",
        "msup",
        "msubsup",
        "munder",
        "mover",
        "munderover",
        "mmultiscripts",
        "mprescripts",
        "mtable",
        "mtr",
        "mtd",
        "semantics",
        "annotation",
        "annotation-xml",
    ];

    /// Checks that every tag is a MathML Core element and that tags nest and close properly.
    fn check_mathml(m: &str) -> Result<(), String> {
        if !m.starts_with("<math") || !m.ends_with("</math>") {
            return Err("must start with <math and end with </math>".into());
        }
        let mut stack: Vec<&str> = Vec::new();
        let mut rest = m;
        while let Some(open) = rest.find('<') {
            if rest[..open].contains('>') {
                return Err(format!("stray '>' before {:?}", &rest[open..]));
            }
            let close = rest[open..].find('>').ok_or("unterminated tag")? + open;
            let tag = &rest[open + 1..close];
            if tag.contains('<') {
                return Err(format!("'<' inside tag {tag:?}"));
            }
            if !tag.matches('"').count().is_multiple_of(2) {
                return Err(format!("unbalanced quotes in {tag:?}"));
            }
            if let Some(name) = tag.strip_prefix('/') {
                match stack.pop() {
                    Some(top) if top == name => {}
                    top => return Err(format!("</{name}> closes {top:?}")),
                }
            } else {
                let self_closing = tag.ends_with('/');
                let name = tag
                    .trim_end_matches('/')
                    .split_whitespace()
                    .next()
                    .unwrap_or("");
                if !MATHML_CORE.contains(&name) {
                    return Err(format!("<{name}> is not MathML Core"));
                }
                if name == "math" && !stack.is_empty() {
                    return Err("nested <math>".into());
                }
                if !self_closing {
                    stack.push(name);
                }
            }
            rest = &rest[close + 1..];
            if stack.is_empty() && !rest.is_empty() {
                return Err(format!("content after </math>: {rest:?}"));
            }
        }
        if rest.contains('>') {
            return Err("stray '>' at the end".into());
        }
        if stack.is_empty() {
            Ok(())
        } else {
            Err(format!("unclosed {stack:?}"))
        }
    }

    #[test]
    fn faq_prose_is_paragraphs_in_both_languages_spaced_and_plain() {
        for f in Faq::ALL {
            let (en, zh) = (faq_prose(Lang::En, f), faq_prose(Lang::Zh, f));
            assert_eq!(en.len(), zh.len(), "{f:?}");
            for (l, blocks) in [(Lang::En, en), (Lang::Zh, zh)] {
                for b in blocks {
                    let Block::Para(t) = b else {
                        panic!("{f:?} {l:?}: {b:?}")
                    };
                    assert!(!t.trim().is_empty() && !t.contains("  ") && !t.contains('<'));
                    if l == Lang::Zh {
                        assert!(has_cjk(t), "{f:?}: {t}");
                        assert_eq!(cjk_touches_latin(t), None, "{f:?}: {t}");
                    }
                }
            }
        }
    }

    #[test]
    fn every_chapter_has_content_in_both_languages() {
        for c in Chapter::ALL {
            for l in Lang::ALL {
                let blocks = chapter_intro(l, c);
                assert!(!blocks.is_empty(), "{c:?} is empty in {l:?}");
                assert!(
                    blocks.iter().any(|b| matches!(b, Block::Para(_))),
                    "{c:?} has no paragraph in {l:?}"
                );
            }
        }
    }

    #[test]
    fn both_languages_have_the_same_structure() {
        for c in Chapter::ALL {
            let en = chapter_intro(Lang::En, c);
            let zh = chapter_intro(Lang::Zh, c);
            assert_eq!(en.len(), zh.len(), "{c:?}: block counts differ");
            for (i, (a, b)) in en.iter().zip(zh).enumerate() {
                match (a, b) {
                    (Block::Heading(_), Block::Heading(_)) | (Block::Para(_), Block::Para(_)) => {}
                    (Block::List(x), Block::List(y)) => {
                        assert_eq!(x.len(), y.len(), "{c:?} block {i}: list lengths differ")
                    }
                    (Block::Math(x), Block::Math(y)) => {
                        assert_eq!(x, y, "{c:?} block {i}: formulas differ")
                    }
                    _ => panic!("{c:?} block {i}: {a:?} vs {b:?}"),
                }
            }
        }
    }

    #[test]
    fn no_text_is_blank_or_carries_markup() {
        for c in Chapter::ALL {
            for l in Lang::ALL {
                for b in chapter_intro(l, c) {
                    if let Block::List(items) = b {
                        assert!(!items.is_empty(), "{c:?} {l:?}: empty list");
                    }
                    if let Block::Math(m) = b {
                        assert!(!m.trim().is_empty(), "{c:?} {l:?}: empty formula");
                    }
                    for t in texts(b) {
                        assert!(!t.trim().is_empty(), "{c:?} {l:?}: blank text");
                        assert_eq!(t, t.trim(), "{c:?} {l:?}: stray whitespace in {t:?}");
                        // Prose is rendered as text: markup would show up literally.
                        assert!(!t.contains('<'), "{c:?} {l:?}: markup in {t:?}");
                        // A line continuation that swallowed a space, or doubled one.
                        assert!(!t.contains("  "), "{c:?} {l:?}: double space in {t:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn chinese_text_is_chinese() {
        for c in Chapter::ALL {
            for b in chapter_intro(Lang::Zh, c) {
                for t in texts(b) {
                    assert!(has_cjk(t), "{c:?}: no Chinese in {t:?}");
                    if let Some(pair) = cjk_touches_latin(t) {
                        panic!("{c:?}: no space in {pair:?} in {t:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn every_formula_is_well_formed_mathml_core() {
        for c in Chapter::ALL {
            for l in Lang::ALL {
                for b in chapter_intro(l, c) {
                    if let Block::Math(m) = b {
                        if let Err(e) = check_mathml(m) {
                            panic!("{c:?} {l:?}: {e}\n{m}");
                        }
                        assert!(
                            m.starts_with(r#"<math display="block">"#),
                            "{c:?}: not a block"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn the_mathml_checker_rejects_broken_markup() {
        assert!(check_mathml("<math><mi>x</mi></math>").is_ok());
        assert!(check_mathml(r#"<math><mspace width="1em"/></math>"#).is_ok());
        assert!(check_mathml("<math><mi>x</mo></math>").is_err());
        assert!(check_mathml("<math><mrow><mi>x</mi></math>").is_err());
        assert!(check_mathml("<math><mfenced><mi>x</mi></mfenced></math>").is_err());
        assert!(check_mathml("<math><mi>x</mi></math><mi>y</mi>").is_err());
        assert!(check_mathml("<mi>x</mi>").is_err());
        assert!(check_mathml(r#"<math><mi class="a>x</mi></math>"#).is_err());
    }

    #[test]
    fn english_chapters_are_between_150_and_350_words() {
        for c in Chapter::ALL {
            if matches!(
                c,
                Chapter::References | Chapter::History | Chapter::Applications
            ) {
                continue; // a short introduction before a timeline or a list
            }
            let words: usize = chapter_intro(Lang::En, c)
                .iter()
                .flat_map(texts)
                .map(|t| t.split_whitespace().count())
                .sum();
            assert!((150..=350).contains(&words), "{c:?} has {words} words");
        }
    }
}
