//! The Transformer chapter: an encoder-decoder learns a toy translation live, and its attention
//! can be watched forming, scrubbed back through, and tried on the visitor's own input.

use leptos::prelude::*;

use super::ChapterPage;
use crate::app::charts::{Heat, Heatmap, LineChart, Series, SERIES};
use crate::app::lab_store::LabStatus;
use crate::app::lab_ui::form::{checked, SelectField, TextField};
use crate::app::lab_ui::{
    group_thousands, keep_alive, train_test_series, unknown_chars_text, RunButtons,
};
use crate::app::prose::Intro;
use crate::app::translate_store::{send_translate as send, TranslateStore, Typed};
use crate::app::{use_i18n, use_worker};
use crate::i18n::Msg;
use crate::jobs::lab::fields::{parse_number, parse_whole, FieldErrors};
use crate::jobs::lab::LabCommand;
use crate::jobs::translate::{validate, TranslateCommand};
use crate::models::{AttentionKind, AttentionMaps, Positions, TransformerPreset};
use crate::optim::LrSchedule;
use crate::routes::Chapter;
use crate::tasks::{DateLanguages, Task};

/// The run controls' Run, Pause and Step, as this lab's commands.
fn lab_command(cmd: LabCommand) -> TranslateCommand {
    match cmd {
        LabCommand::Pause => TranslateCommand::Pause,
        LabCommand::Step => TranslateCommand::Step,
        _ => TranslateCommand::Run,
    }
}

fn reset(tf: TranslateStore, preset: TransformerPreset) {
    tf.preset.set(preset.clone());
    tf.status.set(LabStatus::Starting);
    tf.resume.set(false);
    send(TranslateCommand::Reset(preset));
}

#[component]
pub fn Transformer() -> impl IntoView {
    let tf = use_worker().tf;
    keep_alive(
        tf.status,
        tf.resume,
        move || reset(tf, tf.preset.get_untracked()),
        |cmd| send(lab_command(cmd)),
    );
    view! {
        <ChapterPage chapter=Chapter::Transformer>
            <Intro chapter=Chapter::Transformer />
            <section class="lab" data-testid="tf-lab">
                <TfControls tf=tf />
                <div class="figures-grid">
                    <TfCurves tf=tf />
                    <TfSamples tf=tf />
                    <TfAttention tf=tf />
                    <TfTranslate tf=tf />
                </div>
            </section>
        </ChapterPage>
    }
}

/// The form's text fields.
#[derive(Clone, Copy)]
struct TfFields {
    enc: RwSignal<String>,
    dec: RwSignal<String>,
    heads: RwSignal<String>,
    d_model: RwSignal<String>,
    d_ff: RwSignal<String>,
    dropout: RwSignal<String>,
    positions: RwSignal<Positions>,
    lr: RwSignal<String>,
    steps: RwSignal<String>,
    batch: RwSignal<String>,
    seed: RwSignal<String>,
}

impl TfFields {
    fn fill(&self, p: &TransformerPreset) {
        let m = &p.trainer.model;
        self.enc.set(m.enc_layers.to_string());
        self.dec.set(m.dec_layers.to_string());
        self.heads.set(m.heads.to_string());
        self.d_model.set(m.d_model.to_string());
        self.d_ff.set(m.d_ff.to_string());
        self.dropout.set(m.dropout.to_string());
        self.positions.set(m.positions);
        self.lr.set(p.trainer.optimizer.lr.to_string());
        let total = match p.trainer.schedule {
            LrSchedule::WarmupCosine { total_steps, .. } => total_steps,
            _ => 0,
        };
        self.steps.set(total.to_string());
        self.batch.set(p.batch_size.to_string());
        self.seed.set(p.trainer.seed.to_string());
    }

    /// The preset of `task` with the form's values, or the refusals.
    fn parse(&self, task: Task) -> Result<TransformerPreset, FieldErrors> {
        let mut errors = FieldErrors::new();
        let mut whole = |field: &'static str, s: RwSignal<String>| {
            parse_whole(&s.get())
                .map_err(|e| errors.push((field, e)))
                .ok()
        };
        let enc = whole("enc_layers", self.enc);
        let dec = whole("dec_layers", self.dec);
        let heads = whole("heads", self.heads);
        let d_model = whole("d_model", self.d_model);
        let d_ff = whole("d_ff", self.d_ff);
        let steps = whole("total_steps", self.steps);
        let batch = whole("batch", self.batch);
        let seed = whole("seed", self.seed);
        let dropout = parse_number(&self.dropout.get())
            .map_err(|e| errors.push(("dropout", e)))
            .ok();
        let lr = parse_number(&self.lr.get())
            .map_err(|e| errors.push(("lr", e)))
            .ok();
        let parsed = (|| {
            let mut p = TransformerPreset::for_task(task);
            let m = &mut p.trainer.model;
            let size = |v: u64| usize::try_from(v).unwrap_or(usize::MAX);
            m.enc_layers = size(enc?);
            m.dec_layers = size(dec?);
            m.heads = size(heads?);
            m.d_model = size(d_model?);
            m.d_ff = size(d_ff?);
            m.dropout = dropout? as f32;
            m.positions = self.positions.get();
            p.trainer.optimizer.lr = lr?;
            let total = size(steps?);
            if let LrSchedule::WarmupCosine {
                warmup_steps,
                min_factor,
                ..
            } = p.trainer.schedule
            {
                p.trainer.schedule = LrSchedule::WarmupCosine {
                    warmup_steps: warmup_steps.min(total),
                    total_steps: total,
                    min_factor,
                };
            }
            p.batch_size = size(batch?);
            p.trainer.seed = seed?;
            p.task.seed = p.trainer.seed;
            Some(p)
        })();
        checked(parsed, errors, validate)
    }
}

fn task_of(p: &TransformerPreset) -> Task {
    p.task.task
}

#[component]
fn TfControls(tf: TranslateStore) -> impl IntoView {
    let i18n = use_i18n();
    let start = tf.preset.get_untracked();
    let field = |s: String| RwSignal::new(s);
    let fields = TfFields {
        enc: field(String::new()),
        dec: field(String::new()),
        heads: field(String::new()),
        d_model: field(String::new()),
        d_ff: field(String::new()),
        dropout: field(String::new()),
        positions: RwSignal::new(Positions::Sinusoidal),
        lr: field(String::new()),
        steps: field(String::new()),
        batch: field(String::new()),
        seed: field(String::new()),
    };
    fields.fill(&start);
    let task = RwSignal::new(task_of(&start));
    // A new task starts from its own preset.
    Effect::new(move |previous: Option<Task>| {
        let t = task.get();
        if previous.is_some_and(|p| p != t) {
            fields.fill(&TransformerPreset::for_task(t));
        }
        t
    });
    let parsed = Memo::new(move |_| fields.parse(task.get()));
    let errors = Signal::derive(move || parsed.get().err().unwrap_or_default());
    let form = Signal::derive(move || parsed.get().ok());
    let text = move |label: Msg, value: RwSignal<String>, name: &'static str, id: &'static str| {
        view! { <TextField label=label value=value field=name errors=errors testid=id.to_string() /> }
    };
    let summary = move || tf.summary.get();
    let percent = |v: f32| format!("{:.1}%", 100.0 * v);
    let test = move || summary().and_then(|s| s.test).map(|(_, e)| e);
    view! {
        <div class="panel lab-controls">
            <div class="fields">
                <SelectField
                    label=Msg::TfTask
                    value=task
                    options=vec![
                        (Task::Dates(DateLanguages::Both), Msg::TfTaskDates),
                        (Task::Numbers, Msg::TfTaskNumbers),
                        (Task::Reversal, Msg::TfTaskReversal),
                    ]
                    testid="tf-task".into()
                />
                {text(Msg::TfEncLayers, fields.enc, "enc_layers", "tf-enc-layers")}
                {text(Msg::TfDecLayers, fields.dec, "dec_layers", "tf-dec-layers")}
                {text(Msg::TfHeads, fields.heads, "heads", "tf-heads")}
                {text(Msg::TfDModel, fields.d_model, "d_model", "tf-d-model")}
                {text(Msg::TfDff, fields.d_ff, "d_ff", "tf-d-ff")}
                {text(Msg::TfDropout, fields.dropout, "dropout", "tf-dropout")}
                <SelectField
                    label=Msg::TfPositions
                    value=fields.positions
                    options=vec![(Positions::Sinusoidal, Msg::TfSinusoidal), (Positions::Learned, Msg::TfLearned)]
                    testid="tf-positions".into()
                />
                {text(Msg::LabLr, fields.lr, "lr", "tf-lr")}
                {text(Msg::TfSteps, fields.steps, "total_steps", "tf-steps")}
                {text(Msg::LabBatch, fields.batch, "batch", "tf-batch")}
                {text(Msg::LabSeed, fields.seed, "seed", "tf-seed")}
            </div>
            <RunButtons
                prefix="tf"
                status=tf.status.into()
                step=Signal::derive(move || summary().map_or(0, |s| s.step))
                pending=Signal::derive(move || form.get().is_some_and(|f| f != tf.preset.get()))
                form_ok=Signal::derive(move || form.get().is_some())
                on_command=Callback::new(|cmd: LabCommand| send(lab_command(cmd)))
                on_reset=Callback::new(move |()| {
                    if let Some(p) = form.get_untracked() {
                        reset(tf, p);
                    }
                })
                starting=Msg::TfStarting
            />
            <dl class="live-numbers">
                <div>
                    <dt>{move || i18n.t(Msg::LabStep)}</dt>
                    <dd data-testid="tf-step-count">{move || summary().map_or(0, |s| s.step).to_string()}</dd>
                </div>
                <div>
                    <dt>{move || i18n.t(Msg::TfTokenAcc)}</dt>
                    <dd data-testid="tf-token-acc">{move || test().map_or("–".into(), |e| percent(e.token_accuracy))}</dd>
                </div>
                <div>
                    <dt>{move || i18n.t(Msg::TfExact)}</dt>
                    <dd data-testid="tf-exact">{move || test().map_or("–".into(), |e| percent(e.exact_match))}</dd>
                </div>
                <div>
                    <dt>{move || i18n.t(Msg::TfTokensPerSec)}</dt>
                    <dd data-testid="tf-throughput">
                        {move || summary().filter(|s| s.tokens_per_sec > 0.0).map_or("–".into(), |s| format!("{:.0}", s.tokens_per_sec))}
                    </dd>
                </div>
                <div>
                    <dt>{move || i18n.t(Msg::LabThroughput)}</dt>
                    <dd data-testid="tf-samples-per-sec">
                        {move || {
                            summary()
                                .filter(|s| s.samples_per_sec > 0.0)
                                .map_or("–".into(), |s| format!("{:.0}", s.samples_per_sec))
                        }}
                    </dd>
                </div>
                <div>
                    <dt>{move || i18n.t(Msg::TfTrainTime)}</dt>
                    <dd data-testid="tf-train-time">{move || summary().map_or("–".into(), |s| format!("{:.1} s", s.train_ms / 1e3))}</dd>
                </div>
                <div>
                    <dt>{move || i18n.t(Msg::LabParams)}</dt>
                    <dd>{move || tf.setup.get().map_or("–".into(), |s| group_thousands(s.params))}</dd>
                </div>
            </dl>
            <div class="notice bad" role="alert" data-testid="tf-diverged" hidden=move || !matches!(tf.status.get(), LabStatus::Diverged(_))>
                <strong>{move || i18n.t(Msg::LabDivergedTitle)}</strong>
                <p>{move || i18n.t(Msg::LabDivergedNonFinite)}</p>
                <p>{move || i18n.t(Msg::LabDivergedTry)}</p>
            </div>
        </div>
    }
}

#[component]
fn TfCurves(tf: TranslateStore) -> impl IntoView {
    let i18n = use_i18n();
    let loss = Signal::derive(move || {
        let h = tf.history.get();
        let train = h
            .iter()
            .filter_map(|p| p.train_loss.map(|l| (p.step as f64, f64::from(l))))
            .collect();
        let test = h
            .iter()
            .filter_map(|p| p.test.map(|e| (p.step as f64, f64::from(e.loss))))
            .collect();
        train_test_series(
            i18n.t(Msg::LabTrain).into(),
            train,
            i18n.t(Msg::LabTest).into(),
            test,
        )
    });
    let accuracy = Signal::derive(move || {
        let h = tf.history.get();
        let pick = |f: fn(&crate::models::Evaluation) -> f32| {
            h.iter()
                .filter_map(|p| p.test.map(|e| (p.step as f64, 100.0 * f64::from(f(&e)))))
                .collect()
        };
        vec![
            Series {
                label: i18n.t(Msg::TfTokenAcc).into(),
                color: SERIES[2],
                points: pick(|e| e.token_accuracy),
                dashed: false,
            },
            Series {
                label: i18n.t(Msg::TfExact).into(),
                color: SERIES[0],
                points: pick(|e| e.exact_match),
                dashed: false,
            },
        ]
    });
    let x = Signal::derive(move || i18n.t(Msg::AxisStep).to_string());
    view! {
        <figure class="lab-figure">
            <figcaption>
                <strong>{move || i18n.t(Msg::TfLossTitle)}</strong>
                " "
                {move || i18n.t(Msg::TfLossCaption)}
            </figcaption>
            <LineChart
                series=loss
                x_label=x
                y_label=Signal::derive(move || i18n.t(Msg::AxisLoss).to_string())
                log_y=true
                testid="tf-loss-chart"
            />
        </figure>
        <figure class="lab-figure">
            <figcaption>
                <strong>{move || i18n.t(Msg::TfAccTitle)}</strong>
                " "
                {move || i18n.t(Msg::TfAccCaption)}
            </figcaption>
            <LineChart series=accuracy x_label=x y_label=Signal::derive(|| "%".to_string()) testid="tf-acc-chart" />
        </figure>
    }
}

#[component]
fn TfSamples(tf: TranslateStore) -> impl IntoView {
    let i18n = use_i18n();
    let rows = move || {
        let samples = tf.setup.with(|s| s.as_ref().map(|s| s.samples.clone()))?;
        let outputs = tf.summary.with(|s| s.as_ref().map(|s| s.outputs.clone()))?;
        Some(
            samples
                .into_iter()
                .enumerate()
                .map(|(i, (source, target))| {
                    let output = outputs.get(i).cloned().unwrap_or_default();
                    let right = output == target;
                    view! {
                        <tr class:right=right>
                            <td class="mono">{source}</td>
                            <td class="mono">{target}</td>
                            <td class="mono">{output} {if right { " ✓" } else { " ✗" }}</td>
                        </tr>
                    }
                })
                .collect_view(),
        )
    };
    view! {
        <figure class="lab-figure wide">
            <figcaption>
                <strong>{move || i18n.t(Msg::TfSamplesTitle)}</strong>
            </figcaption>
            <div class="table-wrap">
                <table class="figures" data-testid="tf-samples">
                    <thead>
                        <tr>
                            <th scope="col">{move || i18n.t(Msg::TfSource)}</th>
                            <th scope="col">{move || i18n.t(Msg::TfTarget)}</th>
                            <th scope="col">{move || i18n.t(Msg::TfOutput)}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </figure>
    }
}

/// The map of one layer and head of one kind, labelled with the example's characters.
fn heat(maps: &AttentionMaps, kind: AttentionKind, layer: usize, head: usize) -> Option<Heat> {
    let stack = maps.stack(kind);
    let values = stack.map(layer, head)?.to_vec();
    let (rows, cols) = match kind {
        AttentionKind::EncoderSelf => (maps.source.clone(), maps.source.clone()),
        AttentionKind::DecoderSelf => (maps.decoder_input.clone(), maps.decoder_input.clone()),
        AttentionKind::Cross => (maps.decoder_input.clone(), maps.source.clone()),
    };
    (rows.len() == stack.queries && cols.len() == stack.keys).then_some(Heat {
        rows,
        cols,
        values,
        signed: false,
    })
}

/// Which heads to show: one, or all.
const ALL_HEADS: usize = usize::MAX;

#[component]
fn TfAttention(tf: TranslateStore) -> impl IntoView {
    let i18n = use_i18n();
    let kind = RwSignal::new(AttentionKind::Cross);
    let layer = RwSignal::new(0usize);
    let head = RwSignal::new(0usize);
    // The snapshot index shown; `None` follows the model as it trains.
    let scrub = RwSignal::new(None::<usize>);
    let readout = RwSignal::new(String::new());
    let example = tf.watching;
    let shown = Memo::new(move |_| -> Option<(u64, AttentionMaps)> {
        match scrub.get() {
            Some(i) => tf.snapshots.with(|s| s.get(i).cloned()),
            None => tf
                .attention
                .with(|a| a.as_ref().map(|(_, step, m)| (*step, m.clone()))),
        }
    });
    let layers = move || {
        shown.with(|s| {
            s.as_ref()
                .map_or(1, |(_, m)| m.stack(kind.get()).layers.max(1))
        })
    };
    let heads = move || {
        shown.with(|s| {
            s.as_ref()
                .map_or(1, |(_, m)| m.stack(kind.get()).heads.max(1))
        })
    };
    let maps_view = move || {
        let (_, maps) = shown.get()?;
        let (k, l) = (kind.get(), layer.get().min(layers() - 1));
        let which: Vec<usize> = if head.get() == ALL_HEADS {
            (0..heads()).collect()
        } else {
            vec![head.get().min(heads() - 1)]
        };
        let single = which.len() == 1;
        Some(
            which
                .into_iter()
                .map(|h| {
                    let heat = heat(&maps, k, l, h);
                    let id = if single {
                        "tf-attention".to_string()
                    } else {
                        format!("tf-attention-head-{h}")
                    };
                    view! {
                        <div class="heat-cell">
                            <span class="figure-label">{format!("{} {}", i18n.t(Msg::TfHead), h + 1)}</span>
                            <Heatmap heat=Signal::derive(move || heat.clone()) testid=id readout=readout width_px=if single { 460.0 } else { 220.0 } />
                        </div>
                    }
                })
                .collect_view(),
        )
    };
    let options = |n: usize| {
        (0..n)
            .map(|i| view! { <option value=i.to_string()>{i + 1}</option> })
            .collect_view()
    };
    let explain = move || {
        i18n.t(match kind.get() {
            AttentionKind::EncoderSelf => Msg::TfAttnEnc,
            AttentionKind::DecoderSelf => Msg::TfAttnDec,
            AttentionKind::Cross => Msg::TfAttnCross,
        })
    };
    let scrub_label = move || match (scrub.get(), shown.get()) {
        (None, Some((step, _))) => format!("{} ({})", step, i18n.t(Msg::TfLive)),
        (_, Some((step, _))) => step.to_string(),
        _ => "–".into(),
    };
    view! {
        <figure class="lab-figure wide">
            <figcaption>
                <strong>{move || i18n.t(Msg::TfAttnTitle)}</strong>
                " "
                {explain}
                " "
                {move || i18n.t(Msg::TfAttnCaption)}
            </figcaption>
            <div class="fields attn-controls">
                <label class="field">
                    <span class="field-label">{move || i18n.t(Msg::TfExample)}</span>
                    <select
                        data-testid="tf-example"
                        on:change=move |ev| {
                            let i: u8 = event_target_value(&ev).parse().unwrap_or(0);
                            example.set(i);
                            tf.snapshots.set(Vec::new());
                            scrub.set(None);
                            send(TranslateCommand::Watch(i));
                        }
                    >
                        {move || {
                            tf.setup
                                .get()
                                .map(|s| {
                                    s.watched
                                        .into_iter()
                                        .enumerate()
                                        .map(|(i, (src, _))| {
                                            view! {
                                                <option value=i.to_string() selected=move || example.get() == i as u8>
                                                    {src}
                                                </option>
                                            }
                                        })
                                        .collect_view()
                                })
                        }}
                    </select>
                </label>
                <SelectField
                    label=Msg::TfKind
                    value=kind
                    options=vec![
                        (AttentionKind::EncoderSelf, Msg::TfKindEnc),
                        (AttentionKind::DecoderSelf, Msg::TfKindDec),
                        (AttentionKind::Cross, Msg::TfKindCross),
                    ]
                    testid="tf-attn-kind".into()
                />
                <label class="field">
                    <span class="field-label">{move || i18n.t(Msg::TfLayer)}</span>
                    <select data-testid="tf-attn-layer" on:change=move |ev| layer.set(event_target_value(&ev).parse().unwrap_or(0))>
                        {move || options(layers())}
                    </select>
                </label>
                <label class="field">
                    <span class="field-label">{move || i18n.t(Msg::TfHead)}</span>
                    <select
                        data-testid="tf-attn-head"
                        on:change=move |ev| {
                            let v = event_target_value(&ev);
                            head.set(if v == "all" { ALL_HEADS } else { v.parse().unwrap_or(0) });
                        }
                    >
                        {move || options(heads())}
                        <option value="all">{move || i18n.t(Msg::TfAllHeads)}</option>
                    </select>
                </label>
            </div>
            <label class="field scrub-field">
                <span class="field-label">{move || i18n.t(Msg::TfScrub)} ": " <output data-testid="tf-scrub-step">{scrub_label}</output></span>
                <input
                    type="range"
                    min="0"
                    data-testid="tf-scrub"
                    prop:max=move || tf.snapshots.with(Vec::len).to_string()
                    prop:value=move || scrub.get().unwrap_or_else(|| tf.snapshots.with(Vec::len)).to_string()
                    on:input=move |ev| {
                        let i: usize = event_target_value(&ev).parse().unwrap_or(0);
                        let n = tf.snapshots.with_untracked(Vec::len);
                        scrub.set((i < n).then_some(i));
                    }
                />
            </label>
            <div class="heat-grid">{maps_view}</div>
            <p class="muted mono" data-testid="tf-attn-hover">{move || readout.get()}</p>
        </figure>
    }
}

#[component]
fn TfTranslate(tf: TranslateStore) -> impl IntoView {
    let i18n = use_i18n();
    let input = RwSignal::new("Saturday, 28 November 2026".to_string());
    let go = move || send(TranslateCommand::Translate(input.get_untracked()));
    let output = move || match tf.typed.get() {
        Some(Typed::Output { output, .. }) => output,
        _ => String::new(),
    };
    let problem = move || match tf.typed.get() {
        Some(Typed::Unknown { chars, .. }) => Some(unknown_chars_text(i18n, &chars)),
        Some(Typed::TooLong { max }) => Some(format!("{} {max}", i18n.t(Msg::TfTooLong))),
        _ => None,
    };
    let cross = Signal::derive(move || match tf.typed.get() {
        Some(Typed::Output { maps, .. }) => heat(
            &maps,
            AttentionKind::Cross,
            maps.cross.layers.saturating_sub(1),
            0,
        ),
        _ => None,
    });
    view! {
        <figure class="lab-figure wide">
            <figcaption>
                <strong>{move || i18n.t(Msg::TfInputTitle)}</strong>
                " "
                {move || i18n.t(Msg::TfInputCaption)}
            </figcaption>
            <form
                class="translate-row"
                on:submit=move |ev| {
                    ev.prevent_default();
                    go();
                }
            >
                <input
                    type="text"
                    class="translate-input"
                    data-testid="tf-input"
                    spellcheck="false"
                    prop:value=move || input.get()
                    on:input=move |ev| input.set(event_target_value(&ev))
                />
                <button type="submit" class="primary" data-testid="tf-translate" disabled=move || tf.setup.with(Option::is_none)>
                    {move || i18n.t(Msg::TfTranslate)}
                </button>
            </form>
            <p class="field-error" role="alert" data-testid="tf-input-error">{problem}</p>
            <p class="translate-output">"→ " <output class="mono" data-testid="tf-output">{output}</output></p>
            <Heatmap heat=cross testid="tf-input-attention".to_string() width_px=460.0 />
        </figure>
    }
    .into_any()
}
