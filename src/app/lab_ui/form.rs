//! The settings form of a lab: text the visitor types, parsed and checked with the core's own
//! `validate`, and a reason shown next to each refused field.

use leptos::prelude::*;

use crate::app::widgets::{indexed, NumberField, Select};
use crate::i18n::Msg;
use crate::jobs::lab::config::{DataMode, OptimizerKind, TrainSettings};
use crate::jobs::lab::fields::{
    from_core, parse_number, parse_whole, parse_widths, widths_text, FieldErrors,
};

/// The fields every lab has: how it trains.
#[derive(Clone, Copy)]
pub struct TrainFields {
    pub lr: RwSignal<String>,
    pub batch: RwSignal<String>,
    pub optimizer: RwSignal<OptimizerKind>,
    pub seed: RwSignal<String>,
    /// What the lab trains on; kept as the model's (or the opening link's) until the page
    /// offers the choice.
    pub data: RwSignal<DataMode>,
}

impl TrainFields {
    pub fn new(t: &TrainSettings) -> TrainFields {
        TrainFields {
            lr: RwSignal::new(format!("{}", t.lr)),
            batch: RwSignal::new(t.batch.to_string()),
            optimizer: RwSignal::new(t.optimizer),
            seed: RwSignal::new(t.seed.to_string()),
            data: RwSignal::new(t.data),
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
            data: self.data.get(),
        })
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
        ModelFields {
            preset: RwSignal::new(index),
            widths: RwSignal::new(widths_text(layers)),
            train: TrainFields::new(train),
            presets: StoredValue::new(presets),
        }
    }

    /// Picking a preset fills in its widths (custom keeps what is typed).
    fn pick_preset(&self, chosen: usize) {
        if let Some((layers, _)) = self.presets.get_value().get(chosen) {
            self.widths.set(widths_text(layers));
        }
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

/// The fields [`ModelFieldsView`] shows a refusal beside.
pub const MODEL_FIELDS: &[&str] = &["widths", "lr", "batch", "seed"];

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
    let presets = fields
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
    let optimizers = vec![
        (OptimizerKind::Adam, Msg::OptAdam),
        (OptimizerKind::Sgd, Msg::OptSgd),
    ];
    view! {
        <div class="fields">
            <Select
                label=Msg::LabPreset
                value=fields.preset
                options=indexed(presets)
                testid=id("preset")
                class="wide"
                on_pick=Callback::new(move |i| fields.pick_preset(i))
            />
            <NumberField
                label=Msg::LabWidths
                value=fields.widths
                field="widths"
                errors=errors
                testid=id("widths")
                disabled=fixed
                wide=true
            />
            <NumberField label=Msg::LabLr value=train.lr field="lr" errors=errors testid=id("lr") />
            <NumberField label=Msg::LabBatch value=train.batch field="batch" errors=errors testid=id("batch") />
            <Select label=Msg::LabOptimizer value=train.optimizer options=indexed(optimizers) testid=id("optimizer") />
            {children.map(|c| c())}
            <NumberField label=Msg::LabSeed value=train.seed field="seed" errors=errors testid=id("seed") />
        </div>
    }
}
