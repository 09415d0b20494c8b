//! The settings form of a lab: text the visitor types, parsed and checked with the core's own
//! `validate`, and a reason shown next to each refused field.

use leptos::prelude::*;

use crate::app::use_i18n;
use crate::i18n::Msg;
use crate::jobs::lab::config::{OptimizerKind, TrainSettings};
use crate::jobs::lab::fields::{
    from_core, parse_number, parse_whole, parse_widths, widths_text, FieldError, FieldErrors,
};
use crate::view::format::range_text;

/// The reason in the current language.
pub fn error_text(lang_t: impl Fn(Msg) -> &'static str, e: &FieldError) -> String {
    match e {
        FieldError::NotNumber => lang_t(Msg::LabErrNumber).to_string(),
        FieldError::NotWhole => lang_t(Msg::LabErrWhole).to_string(),
        FieldError::Widths => lang_t(Msg::LabErrWidths).to_string(),
        FieldError::Range { min, max } => {
            format!("{} {}", lang_t(Msg::LabErrRange), range_text(*min, *max))
        }
        FieldError::Depth { min, max } => {
            format!("{} {}", lang_t(Msg::LabErrDepth), range_text(*min, *max))
        }
        FieldError::Latent { min, max } => {
            format!("{} {}", lang_t(Msg::LabErrLatent), range_text(*min, *max))
        }
        FieldError::HeadsDivide => lang_t(Msg::LabErrHeads).to_string(),
        FieldError::Invalid(detail) => detail.clone(),
    }
}

/// The fields every lab has: how it trains.
#[derive(Clone, Copy)]
pub struct TrainFields {
    pub lr: RwSignal<String>,
    pub batch: RwSignal<String>,
    pub optimizer: RwSignal<OptimizerKind>,
    pub seed: RwSignal<String>,
}

impl TrainFields {
    pub fn new(t: &TrainSettings) -> TrainFields {
        TrainFields {
            lr: RwSignal::new(format!("{}", t.lr)),
            batch: RwSignal::new(t.batch.to_string()),
            optimizer: RwSignal::new(t.optimizer),
            seed: RwSignal::new(t.seed.to_string()),
        }
    }

    /// Parsed, not yet range-checked (the model's `validate` does that, once, for all).
    pub fn parse(&self, errors: &mut FieldErrors) -> Option<TrainSettings> {
        let lr = parse_number(&self.lr.get())
            .map_err(|e| errors.push(("lr", e)))
            .ok();
        let batch = parse_whole(&self.batch.get())
            .map_err(|e| errors.push(("batch", e)))
            .ok();
        let seed = parse_whole(&self.seed.get())
            .map_err(|e| errors.push(("seed", e)))
            .ok();
        Some(TrainSettings {
            lr: lr?,
            batch: usize::try_from(batch?).unwrap_or(usize::MAX),
            optimizer: self.optimizer.get(),
            seed: seed?,
        })
    }
}

/// The reason a field was refused, if it was, for the current language.
fn reason_of(errors: Signal<FieldErrors>, field: &'static str) -> impl Fn() -> Option<String> {
    let i18n = use_i18n();
    move || {
        errors
            .get()
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, e)| error_text(|m| i18n.t(m), e))
    }
}

/// A labelled text field with its refusal below it.
#[component]
pub fn TextField(
    label: Msg,
    value: RwSignal<String>,
    field: &'static str,
    errors: Signal<FieldErrors>,
    testid: String,
    #[prop(optional)] disabled: Option<Signal<bool>>,
    #[prop(optional)] wide: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let reason = reason_of(errors, field);
    let error_id = format!("{testid}-error");
    let invalid = {
        let reason = reason_of(errors, field);
        move || reason().is_some()
    };
    view! {
        <label class="field" class:wide=wide>
            <span class="field-label">{move || i18n.t(label)}</span>
            <input
                type="text"
                inputmode="decimal"
                spellcheck="false"
                autocomplete="off"
                data-testid=testid.clone()
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
                aria-invalid=move || invalid().to_string()
                aria-describedby=error_id.clone()
                disabled=move || disabled.is_some_and(|d| d.get())
            />
            <span class="field-error" id=error_id data-testid=format!("{testid}-error") role="alert">
                {reason}
            </span>
        </label>
    }
}

/// A labelled drop-down of (value, label) choices.
#[component]
pub fn SelectField<T>(
    label: Msg,
    value: RwSignal<T>,
    options: Vec<(T, Msg)>,
    testid: String,
) -> impl IntoView
where
    T: Copy + PartialEq + Send + Sync + 'static,
{
    let i18n = use_i18n();
    let options = StoredValue::new(options);
    let choices = move || {
        options
            .get_value()
            .into_iter()
            .enumerate()
            .map(|(i, (v, m))| {
                view! {
                    <option value=i.to_string() selected=move || value.get() == v>
                        {move || i18n.t(m)}
                    </option>
                }
            })
            .collect_view()
    };
    view! {
        <label class="field">
            <span class="field-label">{move || i18n.t(label)}</span>
            <select
                data-testid=testid
                on:change=move |ev| {
                    let i: usize = event_target_value(&ev).parse().unwrap_or(0);
                    if let Some((v, _)) = options.get_value().get(i) {
                        value.set(*v);
                    }
                }
            >
                {choices}
            </select>
        </label>
    }
}

/// The fields that say which model a lab trains and how: a preset (or custom widths), the
/// widths, and the training settings.
#[derive(Clone, Copy)]
pub struct ModelFields {
    /// An index into the presets; one past the last is "custom".
    pub preset: RwSignal<usize>,
    pub widths: RwSignal<String>,
    pub train: TrainFields,
    presets: StoredValue<Vec<(Vec<usize>, Msg)>>,
}

impl ModelFields {
    /// Starts from `layers` (a preset's, or custom) and `train`. Picking a preset fills in its
    /// widths.
    pub fn new(presets: Vec<(Vec<usize>, Msg)>, layers: &[usize], train: &TrainSettings) -> Self {
        let custom = presets.len();
        let index = presets
            .iter()
            .position(|(l, _)| l == layers)
            .unwrap_or(custom);
        let fields = ModelFields {
            preset: RwSignal::new(index),
            widths: RwSignal::new(widths_text(layers)),
            train: TrainFields::new(train),
            presets: StoredValue::new(presets),
        };
        Effect::new(move || {
            let chosen = fields.preset.get();
            if let Some((layers, _)) = fields.presets.get_value().get(chosen) {
                fields.widths.set(widths_text(layers));
            }
        });
        fields
    }

    /// The widths and training settings, or `None` with the refusals added to `errors`.
    pub fn parse(&self, errors: &mut FieldErrors) -> Option<(Vec<usize>, TrainSettings)> {
        let layers = parse_widths(&self.widths.get())
            .map_err(|e| errors.push(("widths", e)))
            .ok();
        let train = self.train.parse(errors);
        Some((layers?, train?))
    }
}

/// A parsed configuration checked by the core's `validate`: the configuration, or the reasons
/// it is refused, by field.
pub fn checked<C>(
    parsed: Option<C>,
    mut errors: FieldErrors,
    validate: impl Fn(&C) -> Result<(), crate::error::Error>,
) -> Result<C, FieldErrors> {
    let config = parsed.ok_or_else(|| std::mem::take(&mut errors))?;
    validate(&config)
        .map(|()| config)
        .map_err(|e| from_core(&e).into_iter().collect())
}

/// The model fields, with ids `{prefix}-preset`, `-widths`, `-lr`, `-batch`, `-optimizer` and
/// `-seed`; `children` are the lab's own fields, placed before the seed.
#[component]
pub fn ModelFieldsView(
    fields: ModelFields,
    errors: Signal<FieldErrors>,
    prefix: &'static str,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView {
    let custom = fields.presets.with_value(Vec::len);
    let options = fields
        .presets
        .get_value()
        .into_iter()
        .enumerate()
        .map(|(i, (_, label))| (i, label))
        .chain(std::iter::once((custom, Msg::LabPresetCustom)))
        .collect();
    let fixed = Signal::derive(move || fields.preset.get() != custom);
    let train = fields.train;
    let id = move |name: &str| format!("{prefix}-{name}");
    view! {
        <div class="fields">
            <SelectField label=Msg::LabPreset value=fields.preset options=options testid=id("preset") />
            <TextField
                label=Msg::LabWidths
                value=fields.widths
                field="widths"
                errors=errors
                testid=id("widths")
                disabled=fixed
                wide=true
            />
            <TextField label=Msg::LabLr value=train.lr field="lr" errors=errors testid=id("lr") />
            <TextField label=Msg::LabBatch value=train.batch field="batch" errors=errors testid=id("batch") />
            <SelectField
                label=Msg::LabOptimizer
                value=train.optimizer
                options=vec![(OptimizerKind::Adam, Msg::OptAdam), (OptimizerKind::Sgd, Msg::OptSgd)]
                testid=id("optimizer")
            />
            {children.map(|c| c())}
            <TextField label=Msg::LabSeed value=train.seed field="seed" errors=errors testid=id("seed") />
        </div>
    }
}
