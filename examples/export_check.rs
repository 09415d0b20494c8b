//! The gradlab half of `make check-export`, in two steps:
//!
//! - `export`: for each lab, a model built from a fixed seed and trained a few steps (so the
//!   weights are not just their initial values), exported as the page exports it, with
//!   gradlab's own answers to the inputs built into its script: `<lab>.safetensors`,
//!   `<lab>.py` and `<lab>.expected.json`.
//! - `import`: each `<lab>.torch.safetensors` (a model PyTorch initialised and saved, from the
//!   script's own module) loaded into a fresh gradlab model, with gradlab's answers on the same
//!   inputs: `<lab>.torch.expected.json`.
//!
//! `scripts/check_export/compare.py` runs each script in PyTorch on both files and compares its
//! last line with the expected answers.
//!
//! Run: `cargo run --release --example export_check -- export|import [folder]` (the folder is
//! `target/check-export/out` by default).

use std::path::{Path, PathBuf};
use std::sync::Arc;

use gradlab::data::{mnist, Mnist, Sampler};
use gradlab::error::Error;
use gradlab::experiments::Digits;
use gradlab::export::{self, ExportFile};
use gradlab::jobs::lab::config::{AeLabConfig, VaeLabConfig};
use gradlab::models::{
    AutoencoderTrainer, Positions, TransformerPreset, TransformerTrainer, VaeTrainer,
};
use gradlab::tasks::{own_pairs, Batch, Dataset, Task};

/// Training steps before the export.
const STEPS: u64 = 100;
/// The seed of the weights, the batches and the VAE's noise.
const SEED: u64 = 14;

/// A lab's exported files, and gradlab's answers to its script's inputs (a JSON object with the
/// keys of the script's last line).
struct Check {
    file: ExportFile,
    expected: serde_json::Value,
}

/// A lab's export (the digits are there for labs that need them).
type Export = fn(&Mnist) -> Result<Check, Error>;
/// gradlab's answers after a lab imports a file's bytes.
type Import = fn(&Mnist, &[u8]) -> Result<serde_json::Value, Error>;

/// Every lab whose export and import are checked, by the name of its files.
const LABS: &[(&str, Export, Import)] = &[
    // One line per lab.
    ("autoencoder", autoencoder, autoencoder_import),
    ("vae", vae, vae_import),
    ("transformer", transformer, transformer_import),
    ("tf_learned", tf_learned, tf_learned_import),
    ("tf_pairs", tf_pairs, tf_pairs_import),
];

/// The first test digit of two classes, as the script carries them.
fn digits(data: &Mnist) -> Result<Digits, Error> {
    let test = data.split(SEED).test;
    let first = |class| {
        test.iter()
            .copied()
            .find(|&i| data.label(i as usize) == class)
            .ok_or_else(|| Error::InvalidConfig {
                field: "digits",
                detail: format!("no test digit of class {class}"),
            })
    };
    Digits::gather(data, &[first(2)?, first(7)?])
}

/// Runs `step` on `STEPS` batches of `batch` training digits.
fn train(
    data: &Mnist,
    batch: usize,
    mut step: impl FnMut(&[f32]) -> Result<(), Error>,
) -> Result<(), Error> {
    let mut sampler = Sampler::new(data.split(SEED).train, SEED)?;
    let (mut indices, mut pixels) = (vec![0; batch], vec![0.0; batch * mnist::PIXELS]);
    for _ in 0..STEPS {
        sampler.fill(&mut indices);
        data.images_into(&indices, &mut pixels)?;
        step(&pixels)?;
    }
    Ok(())
}

fn json(value: impl serde::Serialize) -> Result<serde_json::Value, Error> {
    serde_json::to_value(value).map_err(|e| Error::Corrupt {
        what: "expected outputs",
        detail: e.to_string(),
    })
}

fn autoencoder_trainer(seed: u64) -> Result<AutoencoderTrainer, Error> {
    let lab = AeLabConfig::seed();
    AutoencoderTrainer::with(&lab.model(), &lab.train.optimizer_config(), lab.loss, seed)
}

fn autoencoder(data: &Mnist) -> Result<Check, Error> {
    let mut trainer = autoencoder_trainer(SEED)?;
    let batch = AeLabConfig::seed().train.batch;
    train(data, batch, |batch| trainer.step(batch).map(drop))?;
    let digits = digits(data)?;
    Ok(Check {
        file: export::autoencoder::export(&trainer, &digits, STEPS)?,
        expected: json(export::autoencoder::outputs(&mut trainer, &digits)?)?,
    })
}

fn autoencoder_import(data: &Mnist, bytes: &[u8]) -> Result<serde_json::Value, Error> {
    let mut trainer = autoencoder_trainer(SEED + 1)?;
    export::autoencoder::import(&mut trainer, bytes)?;
    json(export::autoencoder::outputs(&mut trainer, &digits(data)?)?)
}

fn vae_trainer(seed: u64) -> Result<VaeTrainer, Error> {
    let lab = VaeLabConfig::latent_2d();
    VaeTrainer::new(&lab.model(), &lab.train.optimizer_config(), seed)
}

fn vae(data: &Mnist) -> Result<Check, Error> {
    let mut trainer = vae_trainer(SEED)?;
    let batch = VaeLabConfig::latent_2d().train.batch;
    train(data, batch, |batch| trainer.step(batch).map(drop))?;
    let digits = digits(data)?;
    Ok(Check {
        file: export::vae::export(&trainer, &digits, STEPS)?,
        expected: json(export::vae::outputs(&mut trainer, &digits)?)?,
    })
}

fn vae_import(data: &Mnist, bytes: &[u8]) -> Result<serde_json::Value, Error> {
    let mut trainer = vae_trainer(SEED + 1)?;
    export::vae::import(&mut trainer, bytes)?;
    json(export::vae::outputs(&mut trainer, &digits(data)?)?)
}

/// The date preset: sources in English and Chinese (so the script carries both), sinusoidal
/// positions, 2 + 2 layers of width 64 with 4 heads.
fn dates() -> TransformerPreset {
    TransformerPreset::dates()
}

/// Every other switch: learned positions, 3 encoder layers and 1 decoder layer, 8 heads of
/// width 4, dropout while training.
fn reversal_learned() -> TransformerPreset {
    let mut preset = TransformerPreset::for_task(Task::Reversal);
    let model = &mut preset.trainer.model;
    (
        model.positions,
        model.enc_layers,
        model.heads,
        model.dropout,
    ) = (Positions::Learned, 3, 8, 0.1);
    preset
}

/// The shipped example of the visitor's own pairs (English phrases to Chinese): a model whose
/// vocabulary is built from the pairs' characters, as the page builds it.
fn animals() -> Result<TransformerPreset, Error> {
    let text = include_str!("../assets/pairs/en-zh-animals.tsv");
    let read = own_pairs::read_text(text).map_err(|refusal| Error::InvalidConfig {
        field: "pairs",
        detail: format!("{refusal:?}"),
    })?;
    Ok(TransformerPreset::for_pairs(Arc::new(read.pairs)))
}

/// Held-out examples the script translates.
const TRANSLATED: usize = 6;

/// A Transformer of `preset` from `seed` on a small data set of its task (the visitor's pairs
/// keep their own split); the examples the script translates are the first held-out ones.
fn translation(
    preset: TransformerPreset,
    seed: u64,
) -> Result<(TransformerTrainer, Dataset), Error> {
    let mut preset = preset;
    if preset.task.pairs.is_none() {
        (preset.task.train_size, preset.task.test_size) = (2000, TRANSLATED);
    }
    (preset.task.seed, preset.trainer.seed) = (SEED, seed);
    let mut data = Dataset::generate(&preset.task)?;
    data.test.truncate(TRANSLATED);
    let trainer = TransformerTrainer::with_vocab(&preset.trainer, data.task, data.vocab.clone())?;
    Ok((trainer, data))
}

fn translation_export(preset: TransformerPreset) -> Result<Check, Error> {
    let batch = preset.batch_size;
    let (mut trainer, data) = translation(preset, SEED)?;
    let mut sampler = Sampler::new((0..data.train.len() as u32).collect(), SEED)?;
    let (mut indices, mut tokens) = (vec![0; batch], Batch::default());
    for _ in 0..STEPS {
        sampler.fill(&mut indices);
        data.train_batch(&indices, &mut tokens)?;
        trainer.step(&tokens)?;
    }
    Ok(Check {
        file: export::transformer::export(&trainer, &data.test, STEPS)?,
        expected: json(export::transformer::outputs(&trainer, &data.test)?)?,
    })
}

fn translation_import(preset: TransformerPreset, bytes: &[u8]) -> Result<serde_json::Value, Error> {
    let (mut trainer, data) = translation(preset, SEED + 1)?;
    export::transformer::import(&mut trainer, bytes)?;
    json(export::transformer::outputs(&trainer, &data.test)?)
}

fn transformer(_: &Mnist) -> Result<Check, Error> {
    translation_export(dates())
}

fn transformer_import(_: &Mnist, bytes: &[u8]) -> Result<serde_json::Value, Error> {
    translation_import(dates(), bytes)
}

fn tf_learned(_: &Mnist) -> Result<Check, Error> {
    translation_export(reversal_learned())
}

fn tf_learned_import(_: &Mnist, bytes: &[u8]) -> Result<serde_json::Value, Error> {
    translation_import(reversal_learned(), bytes)
}

fn tf_pairs(_: &Mnist) -> Result<Check, Error> {
    translation_export(animals()?)
}

fn tf_pairs_import(_: &Mnist, bytes: &[u8]) -> Result<serde_json::Value, Error> {
    translation_import(animals()?, bytes)
}

type Failure = Box<dyn std::error::Error>;

fn write(path: &Path, bytes: &[u8]) -> Result<(), Failure> {
    std::fs::write(path, bytes).map_err(|e| format!("{}: {e}", path.display()).into())
}

fn write_json(path: &Path, value: &serde_json::Value) -> Result<(), Failure> {
    write(path, serde_json::to_string(value)?.as_bytes())
}

fn main() -> Result<(), Failure> {
    let mut args = std::env::args().skip(1);
    let step = args.next().unwrap_or_default();
    let out = args
        .next()
        .map_or_else(|| PathBuf::from("target/check-export/out"), PathBuf::from);
    std::fs::create_dir_all(&out)?;
    let data = mnist::parse(&std::fs::read("assets/mnist/mnist-10k.bin.gz")?)?;
    for &(name, export, import) in LABS {
        let path = |suffix: &str| out.join(format!("{name}.{suffix}"));
        match step.as_str() {
            "export" => {
                let Check { file, expected } = export(&data)?;
                write(&path("safetensors"), &file.weights)?;
                write(&path("py"), file.script.as_bytes())?;
                write_json(&path("expected.json"), &expected)?;
                let size = file.weights.len();
                println!("{name}: {} ({size} bytes of weights)", file.stem);
            }
            "import" => {
                let file = path("torch.safetensors");
                let bytes = std::fs::read(&file).map_err(|e| format!("{}: {e}", file.display()))?;
                let expected = import(&data, &bytes)?;
                write_json(&path("torch.expected.json"), &expected)?;
                println!("{name}: imported {}", file.display());
            }
            other => return Err(format!("export or import, not {other:?}").into()),
        }
    }
    Ok(())
}
