//! The ELBO and the KL of a diagonal Gaussian as MathML, with the current run's values.

use leptos::prelude::*;

use crate::app::lab_store::LabStore;
use crate::app::lab_ui::format_loss;
use crate::app::use_i18n;
use crate::i18n::Msg;

/// The ELBO and the KL of a diagonal Gaussian, with the current run's values.
#[component]
pub fn VaeLiveFormula(lab: LabStore) -> impl IntoView {
    let i18n = use_i18n();
    let math = move || {
        let s = lab.summary.get();
        let (recon, kl, total, beta, step) = s.as_ref().map_or(
            ("–".into(), "–".into(), "–".into(), "–".into(), 0),
            |s| {
                (
                    format_loss(s.test.recon),
                    format_loss(s.test.kl),
                    format_loss(s.test.total),
                    format!("{:.1}", s.beta),
                    s.step,
                )
            },
        );
        format!(
            concat!(
                // The loss term by term, then the same terms as numbers.
                r#"<math display="block"><mi>L</mi><mo>=</mo>"#,
                r#"<mrow><mo>−</mo><msub><mi mathvariant="normal">E</mi><mrow><mi>q</mi><mo>(</mo><mi>z</mi><mo>∣</mo><mi>x</mi><mo>)</mo></mrow></msub></mrow>"#,
                r#"<mo>[</mo><mi>log</mi><mspace width="0.1667em"></mspace><mi>p</mi><mo>(</mo><mi>x</mi><mo>∣</mo><mi>z</mi><mo>)</mo><mo>]</mo>"#,
                r#"<mo>+</mo><mi>β</mi><mo>·</mo><msub><mi>D</mi><mi>KL</mi></msub>"#,
                r#"<mo>=</mo><mn>{recon}</mn><mo>+</mo><mn>{beta}</mn><mo>×</mo><mn>{kl}</mn>"#,
                r#"<mo>=</mo><mn data-testid="vae-formula-value">{total}</mn></math>"#,
                r#"<math display="block"><msub><mi>D</mi><mi>KL</mi></msub><mo>=</mo><mrow><mo>−</mo><mfrac><mn>1</mn><mn>2</mn></mfrac></mrow>"#,
                r#"<munderover><mo>∑</mo><mrow><mi>j</mi><mo>=</mo><mn>1</mn></mrow><mi>d</mi></munderover>"#,
                r#"<mo>(</mo><mn>1</mn><mo>+</mo><mi>log</mi><mspace width="0.1667em"></mspace><msubsup><mi>σ</mi><mi>j</mi><mn>2</mn></msubsup><mo>−</mo><msubsup><mi>μ</mi><mi>j</mi><mn>2</mn></msubsup><mo>−</mo><msubsup><mi>σ</mi><mi>j</mi><mn>2</mn></msubsup><mo>)</mo>"#,
                r#"<mo>=</mo><mn>{kl}</mn><mspace width="1em"></mspace><mtext>({step_label} {step})</mtext></math>"#
            ),
            recon = recon,
            kl = kl,
            total = total,
            beta = beta,
            step = step,
            step_label = i18n.t(Msg::LabAtStep),
        )
    };
    view! {
        <div class="panel live-formula">
            <p>{move || i18n.t(Msg::LabLiveValues)}</p>
            <div tabindex="0" class="math" inner_html=math></div>
        </div>
    }
}
