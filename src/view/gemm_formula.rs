//! The Performance chapter's formula with the visitor's own numbers: how a GEMM row's GFLOP/s is
//! made from the shape and the time one product took.

/// MathML of 2mnk / t = GFLOP/s for one measured shape; every value is a formatted number.
pub fn gemm_math(m: usize, n: usize, k: usize, gflops: f64) -> String {
    let flops = 2.0 * (m * n * k) as f64;
    let ms = flops / (gflops * 1e6);
    format!(
        concat!(
            r#"<math display="block"><mfrac><mrow><mn>2</mn><mi>m</mi><mi>n</mi><mi>k</mi></mrow><mi>t</mi></mfrac>"#,
            r#"<mo>=</mo><mfrac><mrow><mn>2</mn><mo>×</mo><mn>{m}</mn><mo>×</mo><mn>{n}</mn><mo>×</mo><mn>{k}</mn></mrow>"#,
            r#"<mrow><mn>{ms:.3}</mn><mtext> ms</mtext></mrow></mfrac>"#,
            r#"<mo>=</mo><mn data-testid="perf-formula-value">{gflops:.1}</mn><mtext> GFLOP/s</mtext></math>"#
        ),
        m = m,
        n = n,
        k = k,
        ms = ms,
        gflops = gflops
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_time_shown_gives_back_the_figure() {
        // 2 × 256³ = 33.55 MFLOP at 46.1 GFLOP/s: 0.728 ms.
        let math = gemm_math(256, 256, 256, 46.1);
        assert!(math.contains("<mn>0.728</mn>"), "{math}");
        assert!(math.contains(r#"<mn data-testid="perf-formula-value">46.1</mn>"#));
        assert!(math.contains("<mn>256</mn><mo>×</mo><mn>256</mn>"));
        let rect = gemm_math(128, 64, 784, 20.0);
        let ms = 2.0 * 128.0 * 64.0 * 784.0 / 20e6;
        assert!(rect.contains(&format!("<mn>{ms:.3}</mn>")));
    }
}
