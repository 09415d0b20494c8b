//! The Transformer lab's settings, run buttons, live numbers and divergence notice.

use leptos::prelude::*;

use super::fields::{task_of, TfFields};
use super::lab_command;
use super::pairs::{TfDataSource, TfPairsPanel};
use crate::app::lab_store::LabStatus;
use crate::app::lab_ui::saved::SavedRow;
use crate::app::lab_ui::share::{with_link_refusals, ShareLink};
use crate::app::lab_ui::weights::WeightsFiles;
use crate::app::lab_ui::{group_thousands, use_explained, ExplainToggle, LabState, RunButtons};
use crate::app::saved_runs::Slot;
use crate::app::translate_store::{send_translate as send, TranslateStore};
use crate::app::use_i18n;
use crate::app::widgets::{indexed, Announce, NumberField, Select};
use crate::i18n::Msg;
use crate::jobs::lab::fields::FieldErrors;
use crate::jobs::lab::LabCommand;
use crate::jobs::translate::TranslateCommand;
use crate::models::{Positions, TransformerPreset};
use crate::tasks::{DateLanguages, Task};
use crate::view::announce::{lab_sentence, speaks};
use crate::view::own_pairs_state::DataSource;
use crate::view::share_link::Settings;
use crate::view::tf_preparing::preparing_text;

/// The fields that show a refusal beside them.
const TF_FIELDS: &[&str] = &[
    "enc_layers",
    "dec_layers",
    "heads",
    "d_model",
    "d_ff",
    "dropout",
    "lr",
    "total_steps",
    "batch",
    "seed",
];

/// The workbench: the run bar, the settings, then `children` (the figures), then the link, the
/// files and the saved run, in that order on the page and for the keyboard.
#[component]
pub fn TfControls(tf: TranslateStore, children: Children) -> impl IntoView {
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
    let parsed =
        Memo::new(move |_| fields.parse(task.get(), tf.preset.with(|p| p.task.pairs.clone())));
    let errors = Signal::derive(move || {
        with_link_refusals(parsed.get().err().unwrap_or_default(), tf.link_refused)
    });
    let form = Signal::derive(move || parsed.get().ok());
    let summary = move || tf.summary.get();
    let i18n = use_i18n();
    let source = Memo::new(move |_| tf.pairs.with(|p| p.source));
    let pick_source = Callback::new(move |s: DataSource| {
        let model = tf.preset.get_untracked();
        let Some(t) = s.form_task(task.get_untracked(), model.task.task) else {
            return;
        };
        // Back to the pairs in use with the settings they run with.
        if t == model.task.task {
            fields.fill(&model);
        } else {
            fields.fill(&TransformerPreset::for_task(t));
        }
        task.set(t);
    });
    let use_pairs = Callback::new(move |preset: TransformerPreset| {
        fields.fill(&preset);
        task.set(preset.task.task);
        tf.link_refused.set(Vec::new());
        tf.reset(preset);
    });
    let on_pairs = move || source.get() == DataSource::Pairs;
    let explained = use_explained();
    view! {
        <section class="lab workbench" class:terse=move || !explained.get() data-testid="tf-lab">
            <div class="lab-bar" data-testid="tf-bar">
                <LabState
                    status=tf.status.into()
                    prefix="tf"
                    step=Signal::derive(move || summary().map_or(0, |s| s.step))
                />
                <RunButtons
                    prefix="tf"
                    status=tf.status.into()
                    step=Signal::derive(move || summary().map_or(0, |s| s.step))
                    pending=Signal::derive(move || form.get().is_some_and(|f| f != tf.preset.get()))
                    form_ok=Signal::derive(move || form.get().is_some())
                    on_command=Callback::new(|cmd: LabCommand| send(lab_command(cmd)))
                    on_reset=Callback::new(move |()| {
                        if let Some(p) = form.get_untracked() {
                            // Settings of the visitor's own end the refusals of the opening link.
                            tf.link_refused.set(Vec::new());
                            tf.reset(p);
                        }
                    })
                    starting=Msg::TfStarting
                    progress=Signal::derive(move || tf.preparing.get().map(|p| preparing_text(i18n.lang.get(), &p)))
                />
                <TfLiveNumbers tf=tf />
                <ExplainToggle prefix="tf" />
            </div>
            <div class="panel lab-controls">
                <TfFieldsView fields=fields task=task errors=errors hide_task=Signal::derive(on_pairs)>
                    <div class="fields">
                        <TfDataSource tf=tf on_pick=pick_source />
                    </div>
                    <Show when=on_pairs>
                        <TfPairsPanel tf=tf on_use=use_pairs />
                    </Show>
                </TfFieldsView>
                <TfDiverged tf=tf />
            </div>
            {children()}
            <div class="panel lab-extras">
                <ShareLink
                    prefix="tf"
                    settings=Signal::derive(move || Settings::Tf(tf.preset.get()))
                    refused=tf.link_refused
                    shown_at_fields=TF_FIELDS
                />
                <p
                    class="hint share-note"
                    data-testid="tf-share-pairs-note"
                    hidden=move || !matches!(tf.preset.with(|p| p.task.task), Task::Pairs(_))
                >
                    {move || i18n.t(Msg::TfShareNoPairs)}
                </p>
                <WeightsFiles
                    prefix="tf"
                    files=tf.files
                    ready=Signal::derive(move || tf.status.get().has_model())
                    on_export=Callback::new(|()| send(TranslateCommand::Export))
                    on_import=Callback::new(|bytes| send(TranslateCommand::Import(bytes)))
                />
                <SavedRow store=Slot::Tf(tf) prefix="tf" />
            </div>
        </section>
    }
}

/// The settings in three groups, as a reader thinks of them: the data (`children`: where the
/// pairs come from, then the task), the model, and its training.
#[component]
fn TfFieldsView(
    fields: TfFields,
    task: RwSignal<Task>,
    errors: Signal<FieldErrors>,
    /// The task choice is hidden while the visitor's pairs are the data.
    hide_task: Signal<bool>,
    children: Children,
) -> impl IntoView {
    let i18n = use_i18n();
    let text = move |label: Msg, value: RwSignal<String>, name: &'static str, id: &'static str| {
        view! { <NumberField label=label value=value field=name errors=errors testid=id /> }
    };
    let tasks = vec![
        (Task::Dates(DateLanguages::Both), Msg::TfTaskDates),
        (Task::Numbers, Msg::TfTaskNumbers),
        (Task::Reversal, Msg::TfTaskReversal),
    ];
    let positions = vec![
        (Positions::Sinusoidal, Msg::TfSinusoidal),
        (Positions::Learned, Msg::TfLearned),
    ];
    let legend = move |m: Msg| view! { <legend>{move || i18n.t(m)}</legend> };
    view! {
        <fieldset class="field-group" data-testid="tf-group-data">
            {legend(Msg::GroupData)}
            {children()}
            <div class="fields">
                <Select
                    label=Msg::TfTask
                    value=task
                    options=indexed(tasks)
                    testid="tf-task"
                    class="wide"
                    hidden=hide_task
                    on_pick=Callback::new(move |t| fields.fill(&TransformerPreset::for_task(t)))
                />
            </div>
        </fieldset>
        <fieldset class="field-group" data-testid="tf-group-model">
            {legend(Msg::GroupModel)}
            <div class="fields">
                {text(Msg::TfEncLayers, fields.enc, "enc_layers", "tf-enc-layers")}
                {text(Msg::TfDecLayers, fields.dec, "dec_layers", "tf-dec-layers")}
                {text(Msg::TfHeads, fields.heads, "heads", "tf-heads")}
                {text(Msg::TfDModel, fields.d_model, "d_model", "tf-d-model")}
                {text(Msg::TfDff, fields.d_ff, "d_ff", "tf-d-ff")}
                {text(Msg::TfDropout, fields.dropout, "dropout", "tf-dropout")}
                <Select label=Msg::TfPositions value=fields.positions options=indexed(positions) testid="tf-positions" />
            </div>
        </fieldset>
        <fieldset class="field-group" data-testid="tf-group-training">
            {legend(Msg::GroupTraining)}
            <div class="fields">
                {text(Msg::LabLr, fields.lr, "lr", "tf-lr")}
                {text(Msg::TfSteps, fields.steps, "total_steps", "tf-steps")}
                {text(Msg::LabBatch, fields.batch, "batch", "tf-batch")}
                {text(Msg::LabSeed, fields.seed, "seed", "tf-seed")}
            </div>
            <p class="muted small" data-testid="tf-steps-note">{move || i18n.t(Msg::TfStepsNote)}</p>
        </fieldset>
    }
}

/// Step, token accuracy, exact match, throughput, training time and size.
#[component]
fn TfLiveNumbers(tf: TranslateStore) -> impl IntoView {
    let i18n = use_i18n();
    let summary = move || tf.summary.get();
    let percent = |v: f32| format!("{:.1}%", 100.0 * v);
    let test = move || summary().and_then(|s| s.test).map(|(_, e)| e);
    let running = move || tf.status.get() == LabStatus::Running;
    let sentence = Signal::derive(move || match summary() {
        Some(s) if speaks(running(), s.running, s.step) => {
            let scores = test().map_or_else(Vec::new, |e| {
                vec![
                    (Msg::TfTokenAcc, percent(e.token_accuracy)),
                    (Msg::TfExact, percent(e.exact_match)),
                ]
            });
            lab_sentence(&|m| i18n.t(m), running(), s.step, &scores)
        }
        _ => String::new(),
    });
    view! {
        <Announce text=sentence urgent=Signal::derive(move || !running()) testid="tf-announce".to_string() />
        <dl class="live-numbers">
            <div>
                <dt>{move || i18n.t(Msg::LabStep)}</dt>
                <dd data-testid="tf-step-count" data-train-loss=move || summary().and_then(|s| s.train_loss).map(|l| l.to_string())>
                    {move || group_thousands(summary().map_or(0, |s| s.step))}
                </dd>
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
                    {move || summary().filter(|s| s.tokens_per_sec > 0.0).map_or("–".into(), |s| group_thousands(s.tokens_per_sec.round() as u64))}
                </dd>
            </div>
            <div>
                <dt>{move || i18n.t(Msg::LabThroughput)}</dt>
                <dd data-testid="tf-samples-per-sec">
                    {move || {
                        summary()
                            .filter(|s| s.samples_per_sec > 0.0)
                            .map_or("–".into(), |s| group_thousands(s.samples_per_sec.round() as u64))
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
    }
}

#[component]
fn TfDiverged(tf: TranslateStore) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="notice bad" role="alert" data-testid="tf-diverged" hidden=move || !matches!(tf.status.get(), LabStatus::Diverged { .. })>
            <strong>{move || i18n.t(Msg::LabDivergedTitle)}</strong>
            <p>{move || i18n.t(Msg::LabDivergedNonFinite)}</p>
            <p>{move || i18n.t(Msg::TfDivergedTry)}</p>
        </div>
    }
}
