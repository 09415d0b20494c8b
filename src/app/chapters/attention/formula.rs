//! The layer's formulas as MathML, with the part the current step computes highlighted.

/// MathML for the layer, with the part that `step` computes highlighted.
pub fn formula(step: usize, scaled: bool) -> String {
    let hl = |s: usize| if s == step { r#" class="hl""# } else { "" };
    let proj =
        |m: &str| format!("<mi>{m}</mi><mo>=</mo><mi>X</mi><msup><mi>W</mi><mi>{m}</mi></msup>");
    let scores = format!(
        "<mrow{}><mi>Q</mi><msup><mi>K</mi><mi>T</mi></msup></mrow>",
        hl(2)
    );
    let scores = if scaled {
        format!(
            "<mfrac>{scores}<mrow{}><msqrt><msub><mi>d</mi><mi>k</mi></msub></msqrt></mrow></mfrac>",
            hl(3)
        )
    } else {
        scores
    };
    format!(
        concat!(
            r#"<math display="block"><mrow{h1}>{q}<mo>,</mo><mspace width="1em"></mspace>{k}"#,
            r#"<mo>,</mo><mspace width="1em"></mspace>{v}</mrow></math>"#,
            r#"<math display="block"><msub><mtext>head</mtext><mi>i</mi></msub><mo>=</mo>"#,
            "<mrow{h5}><mi>softmax</mi><mo>(</mo>{scores}<mrow{h4}><mo>+</mo><mi>M</mi></mrow>",
            "<mo>)</mo></mrow><mrow{h6}><mi>V</mi></mrow></math>",
            r#"<math display="block"><mrow{h7}><mtext>MultiHead</mtext><mo>=</mo>"#,
            "<mtext>Concat</mtext><mo>(</mo><msub><mtext>head</mtext><mn>1</mn></msub><mo>,</mo>",
            "<mo>…</mo><mo>,</mo><msub><mtext>head</mtext><mi>h</mi></msub><mo>)</mo>",
            "<msup><mi>W</mi><mi>O</mi></msup></mrow></math>"
        ),
        h1 = hl(1),
        q = proj("Q"),
        k = proj("K"),
        v = proj("V"),
        scores = scores,
        h4 = hl(4),
        h5 = hl(5),
        h6 = hl(6),
        h7 = hl(7),
    )
}
