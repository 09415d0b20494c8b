//! A digit classifier made of an autoencoder's encoder and a linear head, trained with softmax
//! cross-entropy in the three ways transfer learning is compared (Yosinski et al. 2014, "How
//! transferable are features in deep neural networks?"; Kumar et al. 2022, "Fine-Tuning can
//! Distort Pretrained Features"): a linear probe on the frozen pretrained encoder, full
//! fine-tuning with the encoder at a lower rate than the head, and the same network from a
//! random start.
//!
//! Encoder and head live on two tapes with two parameter stores and two optimisers. The code
//! crosses from one tape to the other as a constant, and its gradient comes back as the seed of
//! the encoder's backward pass. So a frozen encoder costs no backward pass at all, and each
//! part has its own learning rate without the optimisers knowing about parameter groups.

use serde::{Deserialize, Serialize};

use crate::data::mnist::{CLASSES, PIXELS};
use crate::error::{check_range, Error};
use crate::models::AutoencoderConfig;
use crate::nn::{Init, Linear, LinearConfig, Mlp};
use crate::optim::{Adam, AdamConfig, Optimizer};
use crate::rng::Rng;
use crate::tensor::{Graph, ParamStore};

use super::EncoderWeights;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Method {
    /// Pretrained encoder, frozen; only the head learns.
    LinearProbe,
    /// Pretrained encoder, trained at its own (lower) rate along with the head.
    FullFinetune,
    /// The same architecture from random weights, every layer at the head's rate.
    Scratch,
}

impl Method {
    pub const ALL: [Method; 3] = [Method::LinearProbe, Method::FullFinetune, Method::Scratch];

    pub fn pretrained(self) -> bool {
        self != Method::Scratch
    }

    pub fn trains_encoder(self) -> bool {
        self != Method::LinearProbe
    }
}

/// Adam learning rates of the two parts.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Rates {
    pub head: f64,
    /// Unused when the encoder is frozen.
    pub encoder: f64,
}

pub struct Classifier {
    pub method: Method,
    pub encoder: Mlp,
    pub head: Linear,
    /// `encoder.{i}.*`, named as in the autoencoder.
    pub encoder_params: ParamStore,
    /// `head.weight` (latent, 10) and `head.bias` (10).
    pub head_params: ParamStore,
    encoder_opt: Option<Adam>,
    head_opt: Adam,
    encoder_tape: Graph,
    head_tape: Graph,
    eval: Graph,
    codes: Vec<f32>,
    code_grads: Vec<f32>,
}

impl Classifier {
    /// The encoder of `weights.config`, loaded from `weights` unless the method starts from
    /// scratch, and a fresh head. `seed` draws the random weights; the head's are drawn after
    /// the encoder's, so every method starts from the same head.
    pub fn new(
        method: Method,
        weights: &EncoderWeights,
        layers: Option<usize>,
        rates: Rates,
        seed: u64,
    ) -> Result<Classifier, Error> {
        let config = &weights.config;
        config.validate()?;
        if config.input_width() != PIXELS {
            return Err(Error::InvalidConfig {
                field: "encoder weights",
                detail: format!(
                    "an encoder of {} inputs for 784 pixels",
                    config.input_width()
                ),
            });
        }
        let layers = kept_layers(config, layers)?;
        // The first `layers` layers, each with its activation: a hidden layer's ReLU output,
        // or the linear code when all are kept.
        let mut kept = config.encoder();
        kept.widths.truncate(layers + 1);
        kept.activations.truncate(layers);
        let mut rng = Rng::seed(seed);
        let mut encoder_params = ParamStore::new();
        let encoder = kept.init("encoder", &mut encoder_params, &mut rng)?;
        if method.pretrained() {
            weights.load(&encoder, &mut encoder_params)?;
        }
        let mut head_params = ParamStore::new();
        // A zero head starts every method at uniform predictions, as ViT's classifier head
        // (Dosovitskiy et al. 2021) does. With Kaiming weights the logits of codes that run to
        // ±10 start saturated, and the probe spent its first hundreds of steps undoing them.
        let head = LinearConfig {
            init: Init::Zeros,
            ..LinearConfig::new(kept.widths[layers], CLASSES)
        }
        .init("head", &mut head_params, &mut rng)?;
        let adam = |lr| AdamConfig {
            lr,
            ..AdamConfig::default()
        };
        let encoder_opt = method
            .trains_encoder()
            .then(|| Adam::new(adam(rates.encoder), &encoder_params));
        let head_opt = Adam::new(adam(rates.head), &head_params);
        Ok(Classifier {
            method,
            encoder,
            head,
            encoder_params,
            head_params,
            encoder_opt,
            head_opt,
            encoder_tape: Graph::new(),
            head_tape: Graph::new(),
            eval: Graph::new(),
            codes: Vec::new(),
            code_grads: Vec::new(),
        })
    }

    fn check(op: &'static str, images: &[f32], labels: &[usize]) -> Result<usize, Error> {
        if labels.is_empty() || images.len() != labels.len() * PIXELS {
            return Err(Error::ShapeMismatch {
                op,
                lhs: vec![images.len()],
                rhs: vec![labels.len(), PIXELS],
            });
        }
        Ok(labels.len())
    }

    /// One step on the cross-entropy of `images` (B, 784) against `labels` (B); the loss
    /// before the update.
    pub fn step(&mut self, images: &[f32], labels: &[usize]) -> Result<f32, Error> {
        let b = Self::check("Classifier::step", images, labels)?;
        let et = &mut self.encoder_tape;
        et.reset();
        let x = et.input_from_slice(&[b, PIXELS], images); // (B, 784)
        let z = self.encoder.forward(et, &self.encoder_params, x); // (B, latent)
        et.read_into(z, &mut self.codes)?;
        let latent = self.codes.len() / b;

        let ht = &mut self.head_tape;
        ht.reset();
        // A constant for the probe; otherwise the tape reports ∂L/∂code for the encoder.
        let code = if self.encoder_opt.is_some() {
            ht.input_with_grad(&[b, latent], &self.codes)
        } else {
            ht.input_from_slice(&[b, latent], &self.codes)
        };
        let logits = self.head.forward(ht, &self.head_params, code); // (B, 10)
        let loss = ht.cross_entropy(logits, labels, None);
        let value = ht.scalar(loss);
        let grads = ht.backward(loss, &self.head_params)?;
        if self.encoder_opt.is_some() {
            self.code_grads.clear();
            if let Some(dz) = grads.var(code) {
                self.code_grads.extend(dz.iter());
            }
        }
        self.head_opt.step(&mut self.head_params, &grads)?;

        if let Some(opt) = &mut self.encoder_opt {
            // The chain rule across the tapes: ∂L/∂θ_enc = ∂L/∂code · ∂code/∂θ_enc.
            let grads = et.backward_with(z, &self.code_grads, &self.encoder_params)?;
            opt.step(&mut self.encoder_params, &grads)?;
        }
        Ok(value)
    }

    /// How many of `images` (B, 784) the classifier labels as `labels` (B) says, taking the
    /// most likely class.
    pub fn count_correct(&mut self, images: &[f32], labels: &[usize]) -> Result<usize, Error> {
        let b = Self::check("Classifier::count_correct", images, labels)?;
        // One tape may read both stores: it runs no backward pass, which would need one.
        let g = &mut self.eval;
        g.reset();
        let x = g.input_from_slice(&[b, PIXELS], images);
        let z = self.encoder.forward(g, &self.encoder_params, x);
        let logits = self.head.forward(g, &self.head_params, z); // (B, 10)
        let logits = g.value(logits)?;
        let correct = logits
            .data()
            .chunks_exact(CLASSES)
            .zip(labels)
            .filter(|(row, &label)| argmax(row) == label)
            .count();
        Ok(correct)
    }
}

/// How many encoder layers a classifier keeps: `layers` if the encoder has them, else all.
pub fn kept_layers(config: &AutoencoderConfig, layers: Option<usize>) -> Result<usize, Error> {
    let depth = config.widths.len().saturating_sub(1);
    let layers = layers.unwrap_or(depth);
    check_range("encoder_layers", layers, 1, depth)?;
    Ok(layers)
}

/// The first index of the largest value (NaN never wins).
fn argmax(row: &[f32]) -> usize {
    row.iter()
        .enumerate()
        .fold((0, f32::NEG_INFINITY), |best, (i, &x)| {
            if x > best.1 {
                (i, x)
            } else {
                best
            }
        })
        .0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::models::Autoencoder;
    use crate::tensor::ParamId;

    fn weights(seed: u64) -> EncoderWeights {
        let config = AutoencoderConfig {
            widths: vec![PIXELS, 16, 8, 4],
            ..AutoencoderConfig::seed()
        };
        let mut params = ParamStore::new();
        let model = Autoencoder::new(&config, &mut params, &mut Rng::seed(seed)).unwrap();
        EncoderWeights::from_autoencoder(&model, &params)
    }

    fn batch(b: usize, seed: u64) -> (Vec<f32>, Vec<usize>) {
        let mut rng = Rng::seed(seed);
        let images = (0..b * PIXELS).map(|_| rng.next_f32()).collect();
        let labels = (0..b).map(|_| rng.below(CLASSES as u32) as usize).collect();
        (images, labels)
    }

    fn values(params: &ParamStore) -> Vec<Vec<f32>> {
        params
            .ids()
            .map(|id| params.value(id).iter().copied().collect())
            .collect()
    }

    #[test]
    fn should_step_as_one_tape_over_encoder_and_head_would() {
        // Two steps, so the head is no longer zero and the encoder gets a gradient through it.
        let rates = Rates {
            head: 1e-2,
            encoder: 1e-2,
        };
        let mut two = Classifier::new(Method::FullFinetune, &weights(1), None, rates, 5).unwrap();
        // The reference: one store holding the same values in the same order, one tape, one
        // Adam.
        let mut merged = ParamStore::new();
        for store in [&two.encoder_params, &two.head_params] {
            for id in store.ids() {
                merged.add(store.name(id), store.value(id).clone());
            }
        }
        let head = Linear {
            weight: merged.find("head.weight").unwrap(),
            bias: merged.find("head.bias"),
            ..two.head.clone()
        };
        let encoder = two.encoder.clone();
        let mut adam = Adam::new(
            AdamConfig {
                lr: 1e-2,
                ..AdamConfig::default()
            },
            &merged,
        );
        let mut g = Graph::new();
        for step in 0..2 {
            let (images, labels) = batch(6, step);
            let loss = two.step(&images, &labels).unwrap();
            g.reset();
            let x = g.input_from_slice(&[6, PIXELS], &images);
            let z = encoder.forward(&mut g, &merged, x);
            let logits = head.forward(&mut g, &merged, z);
            let l = g.cross_entropy(logits, &labels, None);
            assert!((g.scalar(l) - loss).abs() < 1e-6, "step {step}");
            let grads = g.backward(l, &merged).unwrap();
            adam.step(&mut merged, &grads).unwrap();
        }
        let mut expected = values(&merged);
        let head_values = expected.split_off(two.encoder_params.len());
        let close = |a: &[Vec<f32>], b: &[Vec<f32>]| {
            a.iter()
                .flatten()
                .zip(b.iter().flatten())
                .all(|(x, y)| (x - y).abs() <= 1e-6 * (1.0 + x.abs()))
        };
        assert!(close(&values(&two.encoder_params), &expected));
        assert!(close(&values(&two.head_params), &head_values));
        // The encoder did move: its first layer's weights differ from the pretrained ones.
        assert_ne!(expected[0], weights(1).tensors[0].data);
    }

    #[test]
    fn should_freeze_the_probe_and_start_scratch_elsewhere() {
        let w = weights(2);
        let rates = Rates {
            head: 1e-2,
            encoder: 1e-2,
        };
        let mut probe = Classifier::new(Method::LinearProbe, &w, None, rates, 3).unwrap();
        let scratch = Classifier::new(Method::Scratch, &w, None, rates, 3).unwrap();
        let (images, labels) = batch(4, 9);
        let first = probe.step(&images, &labels).unwrap();
        // Zero head: uniform predictions, loss ln 10.
        assert!((first - 10f32.ln()).abs() < 1e-5, "{first}");
        for _ in 0..20 {
            probe.step(&images, &labels).unwrap();
        }
        let data = |p: &ParamStore, i: usize| p.value(ParamId(i)).iter().copied().collect();
        let w0: Vec<f32> = data(&probe.encoder_params, 0);
        assert_eq!(w0, w.tensors[0].data, "the probe left the encoder alone");
        assert_ne!(data(&scratch.encoder_params, 0), w.tensors[0].data);
        let head: Vec<f32> = data(&probe.head_params, 0);
        assert!(head.iter().any(|&x| x != 0.0), "the head learned");
        assert!(probe.count_correct(&images, &labels).unwrap() <= 4);
    }

    #[test]
    fn should_keep_the_first_layers_when_asked() {
        let w = weights(3);
        let rates = Rates {
            head: 1e-2,
            encoder: 1e-2,
        };
        let c = Classifier::new(Method::FullFinetune, &w, Some(1), rates, 0).unwrap();
        assert_eq!(c.encoder.layers.len(), 1);
        assert_eq!(c.head.d_input, 16);
        assert!(Classifier::new(Method::Scratch, &w, Some(4), rates, 0).is_err());
        assert!(Classifier::new(Method::Scratch, &w, Some(0), rates, 0).is_err());
    }
}
