//! The self-attention chapter: softmax(QKᵀ/√dₖ + M)·V on a sentence the visitor types, one
//! step at a time, each intermediate as numbers and as a heatmap.
//!
//! The arithmetic is the core's (`explain::Walkthrough`, on the `nn` attention layer). It is small
//! enough to run on the page's own thread at every keystroke: no worker round trip.

use leptos::prelude::*;

use super::ChapterPage;
use crate::app::charts::{Heat, Heatmap};
use crate::app::lab_ui::unknown_chars_text;
use crate::app::prose::Intro;
use crate::app::translate_store::send_translate;
use crate::app::{use_i18n, use_worker};
use crate::explain::{
    mean_entropy, tokenize, HeadSteps, Matrix, SeededAttention, TokenError, TrainedAttention,
    Walkthrough, WalkthroughConfig, MAX_TOKENS,
};
use crate::i18n::Msg;
use crate::jobs::translate::{Inspection, TranslateCommand};
use crate::routes::Chapter;
use crate::view::attention::{spread, uniform_entropy};
use crate::view::format::matrix_entry;

#[component]
pub fn Attention() -> impl IntoView {
    view! {
        <ChapterPage chapter=Chapter::Attention>
            <Intro chapter=Chapter::Attention />
            <AttentionLab />
        </ChapterPage>
    }
}

/// Everything the figures show for one setting.
#[derive(Clone, Debug, PartialEq)]
struct Computed {
    x: Matrix,
    walk: Walkthrough,
}

#[derive(Clone, Debug, PartialEq)]
enum Problem {
    Tokens(TokenError),
    Chars(usize),
    Seed,
    /// Characters the trained model's vocabulary lacks: (position, character).
    Unknown(Vec<(u32, char)>),
    ModelTooLong(u32),
    /// The worker has not answered for this input yet.
    Waiting,
    Core(String),
}

/// Where W_Q, W_K, W_V and W_O come from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Source {
    Seeded,
    Trained,
}

const HEADS: [usize; 3] = [1, 2, 4];
const D_HEAD: [usize; 5] = [2, 4, 8, 16, 64];
/// Number tables show this many columns (a whole T × T map); the heatmap beside them shows all.
const TABLE_COLS: usize = 12;
const STEPS: [(Msg, Msg); 7] = [
    (Msg::AttnStep1, Msg::AttnExplain1),
    (Msg::AttnStep2, Msg::AttnExplain2),
    (Msg::AttnStep3, Msg::AttnExplain3),
    (Msg::AttnStep4, Msg::AttnExplain4),
    (Msg::AttnStep5, Msg::AttnExplain5),
    (Msg::AttnStep6, Msg::AttnExplain6),
    (Msg::AttnStep7, Msg::AttnExplain7),
];

fn compute(
    text: &str,
    heads: usize,
    d_head: usize,
    seed: &str,
    config: &WalkthroughConfig,
) -> Result<Computed, Problem> {
    let tokens = tokenize(text).map_err(Problem::Tokens)?;
    let seed: u32 = seed.trim().parse().map_err(|_| Problem::Seed)?;
    let core = |e: crate::error::Error| Problem::Core(e.to_string());
    let layer = SeededAttention::new(heads, d_head, u64::from(seed)).map_err(core)?;
    let (_, x) = layer.embed(&tokens).map_err(core)?;
    let walk =
        Walkthrough::run(&tokens, &x, &layer.attention, &layer.params, config).map_err(core)?;
    Ok(Computed { x, walk })
}

fn compute_trained(a: &TrainedAttention, config: &WalkthroughConfig) -> Result<Computed, Problem> {
    let core = |e: crate::error::Error| Problem::Core(e.to_string());
    let (params, attention) = a.weights.layer().map_err(core)?;
    let walk = Walkthrough::run(&a.tokens, &a.x, &attention, &params, config).map_err(core)?;
    Ok(Computed {
        x: a.x.clone(),
        walk,
    })
}

/// The trained model's answer for `text`, once the worker has sent it.
fn trained(
    text: &str,
    answer: Option<&(String, Inspection)>,
    config: &WalkthroughConfig,
) -> Result<Computed, Problem> {
    let n = text.chars().count();
    if n == 0 {
        return Err(Problem::Tokens(TokenError::Empty));
    }
    if n > MAX_TOKENS {
        return Err(Problem::Chars(n));
    }
    match answer {
        Some((input, inspection)) if input == text => match inspection {
            Inspection::Ready(a) => compute_trained(a, config),
            Inspection::Unknown(chars) => Err(Problem::Unknown(chars.clone())),
            Inspection::TooLong { max } => Err(Problem::ModelTooLong(*max)),
        },
        _ => Err(Problem::Waiting),
    }
}

fn numbered(n: usize) -> Vec<String> {
    (1..=n).map(|i| i.to_string()).collect()
}

fn heat_of(m: &Matrix, rows: &[String], cols: Vec<String>, signed: bool) -> Heat {
    Heat {
        rows: rows.to_vec(),
        cols,
        values: m.data.clone(),
        signed,
    }
}

/// MathML for the layer, with the part that `step` computes highlighted.
fn formula(step: usize, scaled: bool) -> String {
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

/// The lab's settings, shared by its parts.
#[derive(Clone, Copy)]
struct Settings {
    /// `None` until the visitor types: then the sentence follows the language.
    text: RwSignal<Option<String>>,
    heads: RwSignal<usize>,
    d_head: RwSignal<usize>,
    seed: RwSignal<String>,
    causal: RwSignal<bool>,
    scaled: RwSignal<bool>,
    step: RwSignal<usize>,
    head: RwSignal<usize>,
    source: RwSignal<Source>,
    /// The trained model's input, characters; `None` follows the Transformer's first example.
    chars: RwSignal<Option<String>>,
}

#[component]
fn AttentionLab() -> impl IntoView {
    let i18n = use_i18n();
    let s = Settings {
        text: RwSignal::new(None),
        heads: RwSignal::new(2),
        d_head: RwSignal::new(4),
        seed: RwSignal::new("1".into()),
        causal: RwSignal::new(false),
        scaled: RwSignal::new(true),
        step: RwSignal::new(1),
        head: RwSignal::new(0),
        source: RwSignal::new(Source::Seeded),
        chars: RwSignal::new(None),
    };
    let tf = use_worker().tf;
    let trained_ready = move || tf.summary.with(|s| s.as_ref().is_some_and(|s| s.step > 0));
    let chars = move || {
        s.chars.get().unwrap_or_else(|| {
            tf.setup.with(|setup| {
                setup
                    .as_ref()
                    .and_then(|setup| setup.watched.first())
                    .map(|(src, _)| src.chars().take(MAX_TOKENS).collect())
                    .unwrap_or_default()
            })
        })
    };
    // The trained layer lives in the worker: ask it for this input whenever the input changes.
    Effect::new(move || {
        if s.source.get() == Source::Trained {
            let text = chars();
            if (1..=MAX_TOKENS).contains(&text.chars().count()) {
                send_translate(TranslateCommand::Inspect(text));
            }
        }
    });
    let text = move || {
        s.text
            .get()
            .unwrap_or_else(|| i18n.t(Msg::AttnDefaultSentence).to_string())
    };
    let result = Memo::new(move |_| {
        let config = WalkthroughConfig {
            causal: s.causal.get(),
            scaled: s.scaled.get(),
        };
        match s.source.get() {
            Source::Seeded => s
                .seed
                .with(|seed| compute(&text(), s.heads.get(), s.d_head.get(), seed, &config)),
            Source::Trained => tf
                .inspected
                .with(|a| trained(&chars(), a.as_ref(), &config)),
        }
    });
    // While the input is refused, the figures keep the last sentence that worked.
    let shown = Memo::new(move |prev: Option<&Option<Computed>>| match result.get() {
        Ok(c) => Some(c),
        Err(_) => prev.cloned().flatten(),
    });
    let problem = move || match result.get() {
        Err(Problem::Tokens(TokenError::Empty)) => Some(i18n.t(Msg::AttnErrEmpty).to_string()),
        Err(Problem::Tokens(TokenError::TooMany { count })) => {
            Some(format!("{count} {}", i18n.t(Msg::AttnErrTooMany)))
        }
        Err(Problem::Seed) => Some(format!("{} 0 – {}", i18n.t(Msg::LabErrWhole), u32::MAX)),
        Err(Problem::Chars(count)) => Some(format!("{count} {}", i18n.t(Msg::AttnErrTooManyChars))),
        Err(Problem::Unknown(chars)) => Some(unknown_chars_text(i18n, &chars)),
        Err(Problem::ModelTooLong(max)) => Some(format!("{} {max}", i18n.t(Msg::TfTooLong))),
        Err(Problem::Core(e)) => Some(e),
        Ok(_) | Err(Problem::Waiting) => None,
    };
    let n_heads = move || shown.with(|c| c.as_ref().map_or(1, |c| c.walk.heads.len().max(1)));
    let head = move || s.head.get().min(n_heads() - 1);
    let weights = move || {
        shown.with(|c| {
            c.as_ref()
                .and_then(|c| c.walk.heads.get(head()).map(|h| h.weights.clone()))
        })
    };
    let entropy = move || weights().map(|w| mean_entropy(&w));
    let uniform = move || weights().map(|w| uniform_entropy(w.rows, w.cols, s.causal.get()));
    let select = move |label: Msg, id: &'static str, value: RwSignal<usize>, choices: &[usize]| {
        let choices = choices.to_vec();
        view! {
            <label class="field">
                <span class="field-label">{move || i18n.t(label)}</span>
                <select
                    data-testid=id
                    on:change=move |ev| {
                        if let Ok(v) = event_target_value(&ev).parse() {
                            value.set(v);
                        }
                    }
                >
                    {choices
                        .into_iter()
                        .map(|c| {
                            view! {
                                <option value=c.to_string() selected=move || value.get() == c>
                                    {c}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </label>
        }
    };
    let toggle = move |label: Msg, id: &'static str, value: RwSignal<bool>| {
        view! {
            <label class="toggle">
                <input
                    type="checkbox"
                    data-testid=id
                    prop:checked=move || value.get()
                    on:change=move |ev| value.set(event_target_checked(&ev))
                />
                {move || i18n.t(label)}
            </label>
        }
    };
    view! {
        <section class="lab attn-lab" data-testid="attn-lab">
            <h2>{move || i18n.t(Msg::AttnLabTitle)}</h2>
            <div class="panel lab-controls">
                <div class="fields attn-source">
                    <label class="field wide">
                        <span class="field-label">{move || i18n.t(Msg::AttnSource)}</span>
                        <select
                            data-testid="attn-source"
                            on:change=move |ev| {
                                s.source.set(if event_target_value(&ev) == "trained" { Source::Trained } else { Source::Seeded });
                            }
                        >
                            <option value="seeded" selected=move || s.source.get() == Source::Seeded>
                                {move || i18n.t(Msg::AttnSourceSeeded)}
                            </option>
                            <option value="trained" disabled=move || !trained_ready() selected=move || s.source.get() == Source::Trained>
                                {move || i18n.t(Msg::AttnSourceTrained)}
                            </option>
                        </select>
                    </label>
                </div>
                <p class="muted small" data-testid="attn-trained-missing" hidden=trained_ready>
                    {move || i18n.t(Msg::AttnTrainedMissing)}
                </p>
                <p class="muted small" data-testid="attn-model-info" hidden=move || s.source.get() == Source::Seeded>
                    {move || {
                        let step = tf.inspected.with(|a| match a {
                            Some((_, Inspection::Ready(a))) => a.step,
                            _ => 0,
                        });
                        let shape = shown.with(|c| c.as_ref().map(|c| (c.walk.heads.len(), c.walk.d_head)));
                        let shape = shape.map_or(String::new(), |(h, dk)| format!(" · h = {h}, dₖ = {dk}, d_model = {}", h * dk));
                        format!("{} {step} {}{shape}", i18n.t(Msg::AttnModelInfo), i18n.t(Msg::AttnModelSteps))
                    }}
                </p>
                <label class="field">
                    <span class="field-label">
                        {move || i18n.t(if s.source.get() == Source::Seeded { Msg::AttnSentence } else { Msg::AttnChars })}
                    </span>
                    <input
                        type="text"
                        class="attn-sentence"
                        data-testid="attn-tokens"
                        spellcheck="false"
                        aria-invalid=move || problem().is_some().to_string()
                        prop:value=move || if s.source.get() == Source::Seeded { text() } else { chars() }
                        on:input=move |ev| {
                            let v = event_target_value(&ev);
                            match s.source.get_untracked() {
                                Source::Seeded => s.text.set(Some(v)),
                                Source::Trained => s.chars.set(Some(v)),
                            }
                        }
                    />
                </label>
                <p class="field-error" role="alert" data-testid="attn-tokens-error">{problem}</p>
                <div class="fields attn-fields" hidden=move || s.source.get() == Source::Trained>
                    {select(Msg::AttnHeads, "attn-heads", s.heads, &HEADS)}
                    {select(Msg::AttnDk, "attn-dk", s.d_head, &D_HEAD)}
                    <label class="field">
                        <span class="field-label">{move || i18n.t(Msg::AttnSeed)}</span>
                        <input
                            type="text"
                            inputmode="numeric"
                            data-testid="attn-seed"
                            prop:value=move || s.seed.get()
                            on:input=move |ev| s.seed.set(event_target_value(&ev))
                        />
                    </label>
                    <div class="field">
                        <span class="field-label">" "</span>
                        <button
                            data-testid="attn-reseed"
                            on:click=move |_| {
                                let next = s.seed.with_untracked(|v| v.trim().parse::<u32>().unwrap_or(0)).wrapping_add(1);
                                s.seed.set(next.to_string());
                            }
                        >
                            {move || i18n.t(Msg::AttnReseed)}
                        </button>
                    </div>
                </div>
                <div class="attn-toggles">
                    {toggle(Msg::AttnCausal, "attn-causal-toggle", s.causal)}
                    {toggle(Msg::AttnScale, "attn-scale-toggle", s.scaled)}
                    <dl class="live-numbers attn-entropy-box">
                        <div>
                            <dt>{move || i18n.t(Msg::AttnEntropy)}</dt>
                            <dd
                                data-testid="attn-entropy"
                                data-value=move || entropy().map(|e| format!("{e:.6}")).unwrap_or_default()
                            >
                                {move || entropy().map_or("–".into(), |e| format!("{e:.3} {}", i18n.t(Msg::AttnNats)))}
                                <span class="muted small">
                                    {move || uniform().map(|u| format!(" ({} {u:.3})", i18n.t(Msg::AttnUniform)))}
                                </span>
                            </dd>
                        </div>
                    </dl>
                </div>
                <p class="muted small" hidden=move || s.source.get() == Source::Trained>
                    {move || i18n.t(Msg::AttnScaleHint)}
                </p>
            </div>
            <Embeddings shown=shown source=s.source />
            <Steps s=s shown=shown />
        </section>
    }
}

/// A matrix as a heatmap, with its numbers in a table beside it.
#[component]
fn MatrixView(
    title: Signal<String>,
    heat: Signal<Option<Heat>>,
    testid: &'static str,
    #[prop(optional)] publish: bool,
    #[prop(optional)] width: Option<f64>,
) -> impl IntoView {
    let i18n = use_i18n();
    let readout = RwSignal::new(String::new());
    let table = move || {
        heat.with(|h| {
            let h = h.as_ref()?;
            let cols = h.cols.len().min(TABLE_COLS);
            let more = h.cols.len() - cols;
            let head = h.cols[..cols]
                .iter()
                .map(|c| view! { <th scope="col">{if c == " " { "␣".to_string() } else { c.clone() }}</th> })
                .collect_view();
            let body = h
                .rows
                .iter()
                .zip(h.values.chunks(h.cols.len().max(1)))
                .map(|(r, vals)| {
                    let cells = vals[..cols]
                        .iter()
                        .map(|&v| view! { <td class="num">{matrix_entry(v)}</td> })
                        .collect_view();
                    view! {
                        <tr>
                            <th scope="row">{if r == " " { "␣".to_string() } else { r.clone() }}</th>
                            {cells}
                        </tr>
                    }
                })
                .collect_view();
            Some(view! {
                <div class="table-wrap">
                    <table class="matrix-numbers" data-testid=format!("{testid}-numbers")>
                        <thead>
                            <tr>
                                <th></th>
                                {head}
                            </tr>
                        </thead>
                        <tbody>{body}</tbody>
                    </table>
                    {(more > 0).then(|| view! { <p class="muted small">{move || format!("+{more} {}", i18n.t(Msg::AttnMoreCols))}</p> })}
                </div>
            })
        })
    };
    view! {
        <div class="matrix-view">
            <span class="figure-label">{title}</span>
            <div class="matrix-pair">
                <div>
                    <Heatmap heat=heat testid=testid.to_string() readout=readout width_px=width.unwrap_or(360.0) publish=publish />
                    <p class="muted mono small hover-readout">{move || readout.get()}</p>
                </div>
                {table}
            </div>
        </div>
    }
}

#[component]
fn Embeddings(shown: Memo<Option<Computed>>, source: RwSignal<Source>) -> impl IntoView {
    let i18n = use_i18n();
    let heat = Signal::derive(move || {
        shown.with(|c| {
            c.as_ref()
                .map(|c| heat_of(&c.x, &c.walk.tokens, numbered(c.x.cols), true))
        })
    });
    view! {
        <figure class="lab-figure wide">
            <figcaption>
                <strong>{move || i18n.t(Msg::AttnEmbedTitle)}</strong>
                " "
                {move || {
                    i18n.t(if source.get() == Source::Seeded { Msg::AttnEmbedCaption } else { Msg::AttnEmbedTrained })
                }}
            </figcaption>
            <MatrixView title=Signal::derive(|| "X".to_string()) heat=heat testid="attn-x" />
        </figure>
    }
}

#[component]
fn Steps(s: Settings, shown: Memo<Option<Computed>>) -> impl IntoView {
    let i18n = use_i18n();
    let n_heads = move || shown.with(|c| c.as_ref().map_or(1, |c| c.walk.heads.len().max(1)));
    let head = move || s.head.get().min(n_heads() - 1);
    let go = move |to: usize| s.step.set(to.clamp(1, STEPS.len()));
    // One derived figure: `pick` chooses the matrix of the head shown, `square` puts the tokens
    // on both axes rather than numbered columns.
    let figure = move |pick: fn(&HeadSteps) -> &Matrix, square: bool, signed: bool| {
        Signal::derive(move || {
            shown.with(|c| {
                let c = c.as_ref()?;
                let h = c.walk.heads.get(head())?;
                let m = pick(h);
                let cols = if square {
                    c.walk.tokens.clone()
                } else {
                    numbered(m.cols)
                };
                Some(heat_of(m, &c.walk.tokens, cols, signed))
            })
        })
    };
    let head_title = move |name: &'static str| {
        Signal::derive(move || {
            if n_heads() > 1 {
                format!("{name} ({} {})", i18n.t(Msg::TfHead), head() + 1)
            } else {
                name.to_string()
            }
        })
    };
    let spread = move |pick: fn(&HeadSteps) -> &Matrix| {
        move || {
            shown.with(|c| {
                c.as_ref()
                    .and_then(|c| c.walk.heads.get(head()))
                    .map(|h| format!("{} {:.2}", i18n.t(Msg::AttnSpread), spread(pick(h))))
            })
        }
    };
    let body = move || {
        match s.step.get() {
        1 => view! {
            <div class="matrix-grid">
                <MatrixView title=head_title("Q") heat=figure(|h| &h.q, false, true) testid="attn-q" width=240.0 />
                <MatrixView title=head_title("K") heat=figure(|h| &h.k, false, true) testid="attn-k" width=240.0 />
                <MatrixView title=head_title("V") heat=figure(|h| &h.v, false, true) testid="attn-v" width=240.0 />
            </div>
        }
        .into_any(),
        2 => view! {
            <MatrixView title=head_title("QKᵀ") heat=figure(|h| &h.scores, true, true) testid="attn-scores" />
            <p class="muted" data-testid="attn-spread">{spread(|h| &h.scores)}</p>
        }
        .into_any(),
        3 => view! {
            <MatrixView
                title=Signal::derive(move || {
                    if s.scaled.get() { head_title("QKᵀ / √dₖ").get() } else { head_title("QKᵀ").get() }
                })
                heat=figure(|h| &h.scaled, true, true)
                testid="attn-scaled"
            />
            <p class="muted" data-testid="attn-spread">{spread(|h| &h.scaled)}</p>
        }
        .into_any(),
        4 => view! {
            <p class="muted" hidden=move || s.causal.get()>{move || i18n.t(Msg::AttnNoMask)}</p>
            <MatrixView title=head_title("… + M") heat=figure(|h| &h.masked, true, true) testid="attn-masked" />
        }
        .into_any(),
        5 => view! {
            <MatrixView title=head_title("softmax(…)") heat=figure(|h| &h.weights, true, false) testid="attn-weights" publish=true />
        }
        .into_any(),
        6 => view! {
            <MatrixView title=head_title("softmax(…) · V") heat=figure(|h| &h.output, false, true) testid="attn-head-output" />
        }
        .into_any(),
        _ => view! { <HeadsView shown=shown /> }.into_any(),
    }
    };
    let step_buttons = move || {
        STEPS
            .iter()
            .enumerate()
            .map(|(i, (name, _))| {
                let n = i + 1;
                view! {
                    <button
                        role="tab"
                        class="step-tab"
                        data-testid=format!("attn-step-{n}")
                        aria-selected=move || (s.step.get() == n).to_string()
                        tabindex=move || if s.step.get() == n { "0" } else { "-1" }
                        on:click=move |_| go(n)
                    >
                        <span class="step-n">{n}</span>
                        " "
                        {move || i18n.t(*name)}
                    </button>
                }
            })
            .collect_view()
    };
    let head_choices = move || {
        (0..n_heads())
            .map(|h| {
                view! {
                    <option value=h.to_string() selected=move || head() == h>
                        {h + 1}
                    </option>
                }
            })
            .collect_view()
    };
    view! {
        <figure class="lab-figure wide attn-steps">
            <figcaption>
                <strong>{move || i18n.t(Msg::AttnStepsTitle)}</strong>
                " "
                {move || {
                    i18n.t(if s.source.get() == Source::Seeded { Msg::AttnStepsCaption } else { Msg::AttnStepsTrained })
                }}
            </figcaption>
            <div class="math attn-formula" data-testid="attn-formula" inner_html=move || formula(s.step.get(), s.scaled.get())></div>
            <div
                class="step-tabs"
                role="tablist"
                data-testid="attn-step"
                data-step=move || s.step.get().to_string()
                on:keydown=move |ev| match ev.key().as_str() {
                    "ArrowRight" => go(s.step.get_untracked() + 1),
                    "ArrowLeft" => go(s.step.get_untracked().saturating_sub(1)),
                    _ => {}
                }
            >
                {step_buttons}
            </div>
            <div class="step-head">
                <p class="step-explain" data-testid="attn-step-text">
                    <strong>{move || format!("{}. {}", s.step.get(), i18n.t(STEPS[s.step.get() - 1].0))}</strong>
                    " "
                    {move || i18n.t(STEPS[s.step.get() - 1].1)}
                </p>
                <label class="field head-pick" hidden=move || n_heads() < 2 || s.step.get() == STEPS.len()>
                    <span class="field-label">{move || i18n.t(Msg::TfHead)}</span>
                    <select data-testid="attn-head" on:change=move |ev| s.head.set(event_target_value(&ev).parse().unwrap_or(0))>
                        {head_choices}
                    </select>
                </label>
            </div>
            {body}
            <div class="run-bar">
                <button data-testid="attn-prev" disabled=move || s.step.get() == 1 on:click=move |_| go(s.step.get_untracked() - 1)>
                    {move || format!("← {}", i18n.t(Msg::AttnPrev))}
                </button>
                <button class="primary" data-testid="attn-next" disabled=move || s.step.get() == STEPS.len() on:click=move |_| go(s.step.get_untracked() + 1)>
                    {move || format!("{} →", i18n.t(Msg::AttnNext))}
                </button>
            </div>
        </figure>
    }
}

/// Step 7: every head's pattern, the heads side by side, and the layer's output.
#[component]
fn HeadsView(shown: Memo<Option<Computed>>) -> impl IntoView {
    let i18n = use_i18n();
    let count = move || shown.with(|c| c.as_ref().map_or(0, |c| c.walk.heads.len()));
    let maps = move || {
        (0..count())
            .map(|h| {
                let heat = Signal::derive(move || {
                    shown.with(|c| {
                        let c = c.as_ref()?;
                        let m = &c.walk.heads.get(h)?.weights;
                        Some(heat_of(m, &c.walk.tokens, c.walk.tokens.clone(), false))
                    })
                });
                view! {
                    <div class="heat-cell">
                        <span class="figure-label">{move || format!("{} {}", i18n.t(Msg::AttnWeightsOf), h + 1)}</span>
                        <Heatmap heat=heat testid=format!("attn-weights-head-{h}") width_px=220.0 />
                    </div>
                }
            })
            .collect_view()
    };
    let whole = move |pick: fn(&Computed) -> &Matrix| {
        Signal::derive(move || {
            shown.with(|c| {
                c.as_ref()
                    .map(|c| heat_of(pick(c), &c.walk.tokens, numbered(pick(c).cols), true))
            })
        })
    };
    view! {
        <div class="heat-grid">{maps}</div>
        <MatrixView title=Signal::derive(move || i18n.t(Msg::AttnConcat).to_string()) heat=whole(|c| &c.walk.concat) testid="attn-concat" />
        <MatrixView title=Signal::derive(move || i18n.t(Msg::AttnOutput).to_string()) heat=whole(|c| &c.walk.output) testid="attn-output" />
    }
}
