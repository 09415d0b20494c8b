//! A live training session of the autoencoder or VAE chapter: a model that trains in time
//! slices while the visitor watches, and answers questions about itself (decode this point,
//! encode this drawing) between two slices.
//!
//! Only summaries leave the worker, a few per second: losses, throughput, reconstructions of a
//! few fixed digits and the codes of the 1,000 test digits, seen through a 2-D view (PCA when
//! the code is wider than two numbers).

pub mod config;
mod divergence;
pub mod events;
pub mod fields;
mod model;
mod own;
mod quantile;
mod session;
mod snapshot;

use std::rc::Rc;

use crate::data::mnist::PIXELS;
use crate::data::{Mnist, Pca, Sampler, Split};
use crate::error::{check_finite, Error};
use crate::experiments::Digits;
use crate::export::WeightsProblem;
use crate::models::Losses;
use crate::optim::OptimizerConfig;
use crate::rng::Rng;

use super::Env;
use config::{validate_beta, LabConfig};
use divergence::Watch;
pub use events::{Divergence, LabCommand, LabEvent, LabId, LabSetup, LabSummary, OwnImages};
use model::LabModel;
pub use own::held_out;
use own::OwnSplit;
use quantile::normal_quantile;

/// How often a running lab reports.
const SUMMARY_MS: f64 = 250.0;
/// Test digits whose reconstructions are shown: every `SHOWN_EVERY`-th of the test set, which
/// is ordered by class, so the eight are of different classes.
const SHOWN: usize = 8;
const SHOWN_EVERY: usize = 125;
/// Test digits that get a σ ellipse in the VAE's map: every `ELLIPSE_EVERY`-th.
const ELLIPSE_EVERY: usize = 50;
/// Prior samples shown at once.
const SAMPLES: usize = 16;
/// The manifold is `MANIFOLD_SIDE` × `MANIFOLD_SIDE` decodes.
const MANIFOLD_SIDE: usize = 10;
/// Images along an interpolation, both ends included.
const INTERPOLATION_STEPS: usize = 10;
/// Test digits built into an exported script: the first shown ones.
const EXPORTED_DIGITS: usize = 2;

/// What the visitor is looking at, decoded again after every summary so it follows training.
#[derive(Default)]
struct Views {
    probe: Option<[f32; 2]>,
    drawn: Option<Vec<f32>>,
    sample_seed: u64,
    interpolate: Option<(u8, u8)>,
}

/// Steps since the last summary.
#[derive(Default)]
struct Window {
    sum: Losses,
    steps: u32,
    samples: u64,
    ms: f64,
}

pub struct Lab {
    /// What it was built from, saved with its run.
    config: LabConfig,
    model: Box<dyn LabModel>,
    data: Rc<Mnist>,
    sampler: Sampler,
    batch: usize,
    indices: Vec<u32>,
    pixels: Vec<f32>,
    /// All test digits, (1000, 784), and their classes.
    test: Vec<f32>,
    test_labels: Vec<u8>,
    /// Gallery digits' positions in `test`, one per class.
    gallery: Vec<usize>,
    /// The visitor's pictures, when the lab trains on them.
    own: Option<OwnSplit>,
    beta: f32,
    /// What a fresh optimiser is made from, after an import.
    optimizer: OptimizerConfig,
    step: u64,
    running: bool,
    /// Paused, and the summary of where it stopped not yet sent: the next slice scores it, so
    /// that `Paused` reaches the page before the held-out evaluation, not after it.
    summary_due: bool,
    watch: Watch,
    window: Window,
    last_summary: f64,
    view: Pca,
    views: Views,
    // Buffers reused between summaries.
    codes: Vec<f32>,
    var: Vec<f32>,
    images: Vec<f32>,
    own_codes: Vec<f32>,
}

fn to_bytes(images: &[f32]) -> Vec<u8> {
    images
        .iter()
        .map(|&v| (v.clamp(0.0, 1.0) * 255.0).round() as u8)
        .collect()
}

impl Lab {
    /// A fresh model on the given split; the test set is read once here.
    pub fn new(config: &LabConfig, data: Rc<Mnist>, split: &Split) -> Result<Lab, Error> {
        Lab::with_own(config, data, split, None)
    }

    /// A fresh model that trains on the visitor's pictures too, if `config` says so.
    pub fn with_own(
        config: &LabConfig,
        data: Rc<Mnist>,
        split: &Split,
        own: Option<Rc<OwnImages>>,
    ) -> Result<Lab, Error> {
        let model = model::build(config)?;
        let train = config.train();
        let mut test = vec![0.0; split.test.len() * PIXELS];
        data.images_into(&split.test, &mut test)?;
        let test_labels: Vec<u8> = split.test.iter().map(|&i| data.label(i as usize)).collect();
        let gallery = (0..10u8)
            .filter_map(|c| test_labels.iter().position(|&l| l == c))
            .collect();
        let beta = match config {
            LabConfig::Vae(c) => c.beta,
            LabConfig::Ae(_) => 0.0,
        };
        let latent = model.latent_width();
        let own = OwnSplit::new(train.data, own, split.train.len(), train.seed)?;
        Ok(Lab {
            config: config.clone(),
            model,
            sampler: Sampler::new(split.train.clone(), train.seed)?,
            data,
            batch: train.batch,
            indices: vec![0; train.batch],
            pixels: vec![0.0; train.batch * PIXELS],
            test,
            test_labels,
            gallery,
            own,
            beta,
            optimizer: train.optimizer_config(),
            step: 0,
            running: false,
            summary_due: false,
            watch: Watch::default(),
            window: Window::default(),
            last_summary: 0.0,
            view: Pca::identity(latent),
            views: Views::default(),
            codes: Vec::new(),
            var: Vec::new(),
            images: Vec::new(),
            own_codes: Vec::new(),
        })
    }

    pub fn running(&self) -> bool {
        self.running
    }

    /// Positions in the test set of the digits whose reconstructions are shown.
    fn shown(&self) -> Vec<usize> {
        (0..SHOWN)
            .map(|i| i * SHOWN_EVERY)
            .filter(|&i| i < self.test_labels.len())
            .collect()
    }

    /// What the page needs once: sizes and the fixed digits it shows.
    pub fn setup(&self) -> LabSetup {
        let rows = |idx: &mut dyn Iterator<Item = usize>| -> Vec<u8> {
            to_bytes(
                &idx.flat_map(|i| &self.test[i * PIXELS..(i + 1) * PIXELS])
                    .copied()
                    .collect::<Vec<f32>>(),
            )
        };
        LabSetup {
            latent_width: self.model.latent_width() as u32,
            params: self.model.params().num_scalars() as u64,
            has_prior: self.model.has_prior(),
            shown: rows(&mut self.shown().into_iter()),
            gallery: rows(&mut self.gallery.iter().copied()),
            test_labels: self.test_labels.clone(),
            own_train: self.own.as_ref().map_or(0, |o| o.n_train as u32),
            own_test: self.own.as_ref().map_or(0, |o| o.n_test as u32),
            own_shown: self.own.as_ref().map(OwnSplit::shown).unwrap_or_default(),
        }
    }

    /// Everything a reset reports: the setup, then the untrained model's summary and views.
    pub fn start(&mut self, out: &mut Vec<LabEvent>) {
        out.push(LabEvent::Setup(self.setup()));
        self.summarize(0.0, out);
    }

    /// Handles a command other than `Reset` and `Restore` (the worker makes a new lab for those). `now` is
    /// the clock in milliseconds. A training step that fails stops the lab with its error.
    pub fn command(
        &mut self,
        cmd: LabCommand,
        now: f64,
        out: &mut Vec<LabEvent>,
    ) -> Result<(), Error> {
        match cmd {
            LabCommand::Reset(_) | LabCommand::Restore(_) => {}
            LabCommand::Checkpoint => out.push(LabEvent::Checkpoint {
                step: self.step,
                bytes: self.checkpoint()?,
            }),
            LabCommand::Run => {
                if let Some(reason) = self.watch.diverged() {
                    out.push(LabEvent::Diverged {
                        step: self.step,
                        reason,
                    });
                } else {
                    self.running = true;
                    self.window = Window::default();
                    self.last_summary = now;
                    out.push(LabEvent::Running { step: self.step });
                }
            }
            LabCommand::Pause => self.pause_now_summary_next(out),
            LabCommand::Step => {
                if self.watch.diverged().is_none() {
                    self.running = false;
                    self.window = Window::default();
                    self.train_once(out)?;
                    self.summarize(now, out);
                }
            }
            // Values from the page are checked here as the configs are: a NaN β, probe or ink
            // is refused with its field's name rather than answered with a NaN picture.
            LabCommand::SetBeta(beta) => {
                validate_beta(beta)?;
                self.beta = beta;
                self.model.set_beta(beta);
            }
            LabCommand::Probe(point) => {
                check_finite("probe", &point)?;
                self.views.probe = Some(point);
                self.emit_probe(out);
            }
            LabCommand::Draw(ink) => {
                if let Some(ink) = &ink {
                    check_finite("ink", ink)?;
                }
                self.views.drawn = ink.filter(|ink| ink.len() == PIXELS);
                self.emit_drawn(out);
            }
            LabCommand::Resample(seed) => {
                self.views.sample_seed = seed;
                self.emit_samples(out);
            }
            LabCommand::Interpolate(a, b) => {
                self.views.interpolate = Some((a, b));
                self.emit_interpolation(out);
            }
            LabCommand::Export => {
                let file = self.model.export(&self.exported_digits(), self.step)?;
                out.push(LabEvent::Exported(file));
            }
            LabCommand::Import(bytes) => self.import(&bytes, now, out),
            // Kept by the sessions for the next reset (`jobs::sessions`), never sent here.
            LabCommand::SetOwnImages(_) => {}
        }
        Ok(())
    }

    /// Loads a weights file, or says why not. A refused file is an answer, not a failure of the
    /// lab: the model is unchanged and trains on, so the page must not mark it failed.
    ///
    /// On success the optimiser starts afresh: Adam's moments are running estimates of the old
    /// weights' gradients, and would push the new weights along the old model's directions at
    /// its scale. The divergence watch starts afresh too, so a diverged lab can train the
    /// imported weights, whose first summary becomes the new reference loss.
    fn import(&mut self, bytes: &[u8], now: f64, out: &mut Vec<LabEvent>) {
        match self.model.import(bytes, &self.optimizer) {
            Ok(imported) => {
                self.watch = Watch::default();
                out.push(LabEvent::Imported(imported));
                self.summarize(now, out);
            }
            Err(e) => out.push(LabEvent::ImportRefused {
                problem: WeightsProblem::of(e),
            }),
        }
    }

    /// The first shown test digits.
    fn exported_digits(&self) -> Digits {
        let shown: Vec<usize> = self.shown().into_iter().take(EXPORTED_DIGITS).collect();
        Digits {
            images: shown
                .iter()
                .flat_map(|&i| &self.test[i * PIXELS..(i + 1) * PIXELS])
                .copied()
                .collect(),
            labels: shown
                .iter()
                .map(|&i| usize::from(self.test_labels[i]))
                .collect(),
        }
    }

    /// Stops training (a no-op when paused) and reports where it stopped, with its summary:
    /// how the scheduler pauses a lab for another job.
    pub fn pause(&mut self, now: f64, out: &mut Vec<LabEvent>) {
        if self.running {
            self.running = false;
            self.summary_due = false;
            out.push(LabEvent::Paused { step: self.step });
            self.summarize(now, out);
        }
    }

    /// The visitor's Pause: reports where it stopped at once, and the summary of the stopped
    /// model in the next slice, so that the button answers before the held-out evaluation
    /// (about 0.1 s at the largest model the budget admits), not after it.
    fn pause_now_summary_next(&mut self, out: &mut Vec<LabEvent>) {
        if self.running {
            self.running = false;
            self.summary_due = true;
            out.push(LabEvent::Paused { step: self.step });
        }
    }

    /// Whether a paused lab still owes its summary.
    pub fn summary_due(&self) -> bool {
        self.summary_due
    }

    /// Trains until `deadline`, reporting every `SUMMARY_MS` of training.
    ///
    /// A summary (scoring the 1,000 test digits) is a slice of its own: the slice that finds
    /// one due ends, the worker reads its mailbox, and the next slice summarizes. So a Pause
    /// waits for a step or for a summary, never for both; at the largest model the budget
    /// admits, each takes about 0.1–0.17 s in Chromium, and both at once took 0.25 s.
    pub fn run_slice(
        &mut self,
        env: &Env,
        deadline: f64,
        out: &mut Vec<LabEvent>,
    ) -> Result<(), Error> {
        if std::mem::take(&mut self.summary_due) {
            self.summarize((env.now)(), out);
            // Timed from its end: a summary as long as a step must not follow every step.
            self.last_summary = (env.now)();
            return Ok(());
        }
        while self.running {
            let t0 = (env.now)();
            if t0 >= deadline {
                return Ok(());
            }
            if !self.train_once(out)? {
                return Ok(());
            }
            let t1 = (env.now)();
            self.window.ms += t1 - t0;
            if t1 - self.last_summary >= SUMMARY_MS {
                self.summary_due = true;
                return Ok(());
            }
        }
        Ok(())
    }

    /// One step; `Ok(false)` (with a `Diverged` event) if the run diverged. A step that fails
    /// is a bug, not a setting: the lab stops and the error goes to the page as it is, rather
    /// than as a NaN loss the visitor would read as divergence.
    fn train_once(&mut self, out: &mut Vec<LabEvent>) -> Result<bool, Error> {
        let step = self
            .fill_batch()
            .and_then(|()| self.model.train_step(&self.pixels));
        let loss = match step {
            Ok(loss) => loss,
            Err(e) => {
                self.running = false;
                return Err(e);
            }
        };
        self.step += 1;
        self.window.sum.total += loss.total;
        self.window.sum.recon += loss.recon;
        self.window.sum.kl += loss.kl;
        self.window.steps += 1;
        self.window.samples += self.batch as u64;
        if let Some(reason) = self.watch.step(loss.total) {
            self.running = false;
            out.push(LabEvent::Diverged {
                step: self.step,
                reason,
            });
            return Ok(false);
        }
        Ok(true)
    }

    /// The next batch into `pixels`: digits, then the visitor's pictures' share of the rows.
    fn fill_batch(&mut self) -> Result<(), Error> {
        let own_rows = self.own.as_mut().map_or(0, |o| o.rows(self.batch));
        let digit_rows = self.batch - own_rows;
        let (digits, own) = self.pixels.split_at_mut(digit_rows * PIXELS);
        if digit_rows > 0 {
            let indices = &mut self.indices[..digit_rows];
            self.sampler.fill(indices);
            self.data.images_into(indices, digits)?;
        }
        if let Some(o) = self.own.as_mut().filter(|_| own_rows > 0) {
            o.fill(own);
        }
        Ok(())
    }

    /// The visitor's held-out pictures' losses (when the lab trains on them alone, the test
    /// loss shown), and the codes of the pictures on the map in `own_codes`.
    fn evaluate_own(&mut self) -> Option<Losses> {
        let own = self.own.as_ref()?;
        let alone = own.alone();
        self.model.encode(&own.map, &mut self.own_codes).ok()?;
        let mut var = Vec::new();
        let mut codes = Vec::new();
        alone.then(|| self.model.evaluate(&own.test, &mut codes, &mut var).ok())?
    }

    /// Evaluates on the test digits and reports, then refreshes the views.
    fn summarize(&mut self, now: f64, out: &mut Vec<LabEvent>) {
        let window = std::mem::take(&mut self.window);
        self.last_summary = now;
        let train = (window.steps > 0).then(|| {
            let n = window.steps as f32;
            Losses {
                total: window.sum.total / n,
                recon: window.sum.recon / n,
                kl: window.sum.kl / n,
            }
        });
        let digits_test = self
            .model
            .evaluate(&self.test, &mut self.codes, &mut self.var)
            .unwrap_or(Losses {
                total: f32::NAN,
                ..Losses::default()
            });
        self.own_codes.clear();
        let test = self.evaluate_own().unwrap_or(digits_test);
        if let Some(reason) = self
            .watch
            .summary(test.total, self.model.params(), &self.codes)
        {
            self.running = false;
            out.push(LabEvent::Diverged {
                step: self.step,
                reason,
            });
        }
        let latent = self.model.latent_width();
        // A diverged run's codes may be NaN: keep the last good view rather than lose it.
        // The view is fitted to the pictures' codes as well as the digits', so that a model
        // trained on pictures alone spreads them out too.
        let fitted = [&self.codes[..], &self.own_codes[..]].concat();
        if fitted.iter().all(|c| c.is_finite()) {
            if let Ok(view) = Pca::fit(&fitted, latent, Some(&self.view)) {
                self.view = view;
            }
        }
        let points: Vec<[f32; 2]> = self
            .codes
            .chunks_exact(latent.max(1))
            .map(|c| self.view.project(c))
            .collect();
        let ellipses = if self.var.is_empty() {
            Vec::new()
        } else {
            (0..points.len())
                .step_by(ELLIPSE_EVERY)
                .map(|i| {
                    let var = &self.var[i * latent..(i + 1) * latent];
                    (points[i], self.view.project_diag_cov(var))
                })
                .collect()
        };
        let shown_codes: Vec<f32> = self
            .shown()
            .iter()
            .flat_map(|&i| self.codes[i * latent..(i + 1) * latent].iter().copied())
            .collect();
        let recon = self.decode_bytes(&shown_codes).unwrap_or_default();
        let own_latent: Vec<[f32; 2]> = self
            .own_codes
            .chunks_exact(latent.max(1))
            .map(|c| self.view.project(c))
            .collect();
        let own_shown = own::SHOWN.min(own_latent.len()) * latent;
        let own_codes = self.own_codes[..own_shown].to_vec();
        let own_recon = if own_codes.is_empty() {
            Vec::new()
        } else {
            self.decode_bytes(&own_codes).unwrap_or_default()
        };
        out.push(LabEvent::Summary(LabSummary {
            step: self.step,
            running: self.running,
            train,
            test,
            samples_per_sec: if window.ms > 0.0 {
                (window.samples as f64 / (window.ms / 1e3)) as f32
            } else {
                0.0
            },
            recon,
            latent: points,
            ellipses,
            projected: latent > 2,
            explained: self.view.explained(),
            beta: self.beta,
            own_latent,
            own_recon,
        }));
        self.emit_views(out);
    }

    fn emit_views(&mut self, out: &mut Vec<LabEvent>) {
        self.emit_probe(out);
        self.emit_drawn(out);
        if self.model.has_prior() {
            self.emit_samples(out);
            self.emit_manifold(out);
            self.emit_interpolation(out);
        }
    }

    /// Decodes codes, row-major (n, latent), into bytes.
    fn decode_bytes(&mut self, codes: &[f32]) -> Option<Vec<u8>> {
        self.model.decode(codes, &mut self.images).ok()?;
        Some(to_bytes(&self.images))
    }

    fn emit_probe(&mut self, out: &mut Vec<LabEvent>) {
        let Some(point) = self.views.probe else {
            return;
        };
        let code = self.view.unproject(point);
        if let Some(image) = self.decode_bytes(&code) {
            out.push(LabEvent::Decoded { point, image });
        }
    }

    fn emit_drawn(&mut self, out: &mut Vec<LabEvent>) {
        let Some(ink) = self.views.drawn.clone() else {
            return;
        };
        let mut code = Vec::new();
        if self.model.encode(&ink, &mut code).is_err() {
            return;
        }
        let point = self.view.project(&code);
        if let Some(image) = self.decode_bytes(&code) {
            out.push(LabEvent::Drawn { point, image });
        }
    }

    fn emit_samples(&mut self, out: &mut Vec<LabEvent>) {
        let latent = self.model.latent_width();
        let mut rng = Rng::seed(self.views.sample_seed);
        let codes: Vec<f32> = (0..SAMPLES * latent).map(|_| rng.normal()).collect();
        if let Some(images) = self.decode_bytes(&codes) {
            out.push(LabEvent::Samples(images));
        }
    }

    /// A grid over the view at the prior's quantiles (Kingma & Welling's figure 4): evenly
    /// spaced in probability, so each cell covers as much of N(0, 1) as the next. Along a PCA
    /// axis the spread is the codes' own.
    fn emit_manifold(&mut self, out: &mut Vec<LabEvent>) {
        let latent = self.model.latent_width();
        let scale = |axis: usize| {
            if latent > 2 {
                self.view.variance[axis].max(0.0).sqrt()
            } else {
                1.0
            }
        };
        let (sx, sy) = (scale(0), scale(1));
        let q: Vec<f32> = (0..MANIFOLD_SIDE)
            .map(|i| normal_quantile((i as f64 + 0.5) / MANIFOLD_SIDE as f64) as f32)
            .collect();
        let mut codes = Vec::with_capacity(MANIFOLD_SIDE * MANIFOLD_SIDE * latent);
        let mut code = vec![0.0; latent];
        // Row 0 is the top of the picture: the largest y.
        for row in 0..MANIFOLD_SIDE {
            for col in 0..MANIFOLD_SIDE {
                let y = q[MANIFOLD_SIDE - 1 - row] * sy;
                self.view.unproject_into([q[col] * sx, y], &mut code);
                codes.extend_from_slice(&code);
            }
        }
        if let Some(images) = self.decode_bytes(&codes) {
            out.push(LabEvent::Manifold {
                side: MANIFOLD_SIDE as u8,
                images,
            });
        }
    }

    fn emit_interpolation(&mut self, out: &mut Vec<LabEvent>) {
        let Some((a, b)) = self.views.interpolate else {
            return;
        };
        let (Some(&a), Some(&b)) = (
            self.gallery.get(usize::from(a)),
            self.gallery.get(usize::from(b)),
        ) else {
            return;
        };
        let mut ends = Vec::new();
        let pair: Vec<f32> = [a, b]
            .iter()
            .flat_map(|&i| self.test[i * PIXELS..(i + 1) * PIXELS].iter().copied())
            .collect();
        if self.model.encode(&pair, &mut ends).is_err() {
            return;
        }
        let latent = self.model.latent_width();
        let (za, zb) = ends.split_at(latent);
        let codes: Vec<f32> = (0..INTERPOLATION_STEPS)
            .flat_map(|s| {
                let t = s as f32 / (INTERPOLATION_STEPS - 1) as f32;
                za.iter().zip(zb).map(move |(a, b)| a + t * (b - a))
            })
            .collect();
        if let Some(images) = self.decode_bytes(&codes) {
            out.push(LabEvent::Interpolation(images));
        }
    }
}

#[cfg(test)]
#[path = "own_tests.rs"]
mod own_tests;
#[cfg(test)]
mod tests;
