//! The experiments of the chapter "Pretraining, fine-tuning and scale" (issue 7): long runs
//! made of many trainings, each an incremental state machine that the worker advances a few
//! steps at a time and reads between slices. Everything is counted in steps, never in seconds,
//! and drawn from seeds, so a configuration gives the same numbers on every machine.

mod classifier;
mod encoder_weights;
mod finetune;
mod finetune_config;
mod finetune_run;
mod held_out;
mod labelled;
mod named_tensor;
mod power_law;
mod pretrain;
mod progress;
mod scale;
mod scale_config;
mod seq_finetune;
mod sweep;
mod transformer_run;

pub use classifier::{kept_layers, Classifier, Method, Rates};
pub use encoder_weights::EncoderWeights;
pub use finetune::{FinetuneProgress, FinetuneResult, FinetuneStage, FinetuneSweep};
pub use finetune_config::FinetuneConfig;
pub use finetune_run::{AccuracyPoint, MethodResult};
pub use labelled::{balanced_subset, Digits};
pub use named_tensor::{load_named, NamedTensor};
pub use power_law::PowerLaw;
pub use progress::StepCount;
pub use scale::{ScalePoint, ScaleProgress, ScaleStage, ScaleSweep};
pub use scale_config::{size, ScaleConfig, ScaleSize};
pub use seq_finetune::{
    SeqFinetune, SeqFinetuneConfig, SeqFinetuneProgress, SeqPhase, SeqRunResult,
};
pub use sweep::Sweep;
pub use transformer_run::{example_tokens, trainer_config, LossPoint};
