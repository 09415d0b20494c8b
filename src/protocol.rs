//! The typed protocol between the page and the worker: commands in, events out.
//!
//! Messages travel as postcard bytes (serde's compact binary format), never as JSON strings, and
//! only summaries cross the boundary: a few events per second, never one per training step.

use serde::{Deserialize, Serialize};

use crate::error::Error;

/// What the page asks of the worker.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Command {
    /// Answered at once with `Pong`, even while a job runs: the liveness check.
    Ping { id: u32 },
    /// Time a matrix multiply at each size; answered by `GemmProgress` and `GemmDone`.
    BenchGemm(crate::jobs::GemmBenchConfig),
    /// Train the seed autoencoder at each batch size on MNIST; answered by `TrainProgress` and
    /// `TrainDone`. The worker fetches the digits first if it has not yet.
    BenchTrain(crate::jobs::TrainBenchConfig),
    /// Stop the running job, if any; answered by `Cancelled`.
    Cancel,
    /// A command for the autoencoder or VAE lab. The worker fetches the digits first if it
    /// has not yet.
    Lab(crate::jobs::lab::LabId, crate::jobs::lab::LabCommand),
    /// A command for the Transformer lab.
    Translate(crate::jobs::translate::TranslateCommand),
    /// Hidden self-tests, reachable only through a `?selftest=` flag.
    SelfTest(SelfTest),
    // New variants go last: postcard numbers variants in order, and bench/protocol.mjs
    // encodes the first ones by hand.
    /// Run the fine-tuning comparison for each K of the configuration; answered by `Finetune`
    /// reports. The worker fetches the digits first if it has not yet; Cancel stops it.
    Finetune(crate::experiments::FinetuneConfig),
    /// Train the Transformer at each size of the configuration; answered by `Scale` reports.
    Scale(crate::experiments::ScaleConfig),
    /// Pretrain the date Transformer on English formats, then fine-tune it on a few Chinese
    /// examples beside a model trained from scratch on them; answered by `SeqFinetune` reports.
    SeqFinetune(crate::experiments::SeqFinetuneConfig),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum SelfTest {
    /// Panic inside the worker, to prove the page recovers.
    Panic,
    /// Train the seed autoencoder 100 steps from a fixed seed and report the losses, to compare
    /// with the native run (`jobs::determinism`).
    Determinism,
}

/// What the worker tells the page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Event {
    /// Sent once when the worker has started and can take commands; says which GEMM kernel the
    /// page got (relaxed-SIMD fused multiply-add, or plain SIMD128).
    Ready {
        relaxed_simd: bool,
    },
    Pong {
        id: u32,
    },
    GemmProgress {
        done: u32,
        total: u32,
    },
    GemmDone(Vec<crate::jobs::GemmResult>),
    /// Part of the MNIST file has arrived: bytes so far, and expected (0 if unknown).
    DataProgress {
        received: u64,
        total: u64,
    },
    /// The MNIST digits are loaded and checked.
    DataReady {
        digits: u32,
    },
    TrainProgress {
        done: u32,
        total: u32,
    },
    TrainDone(Vec<crate::jobs::TrainResult>),
    /// A report from the autoencoder or VAE lab.
    Lab(crate::jobs::lab::LabId, crate::jobs::lab::LabEvent),
    /// A report from the Transformer lab.
    Translate(crate::jobs::translate::TranslateEvent),
    /// The losses of the determinism self-test.
    Losses(Vec<f32>),
    Cancelled,
    /// A command was refused or failed; the worker is still usable.
    Failed {
        message: String,
    },
    /// The worker panicked; it is dead and the page restarts it.
    Panicked {
        message: String,
    },
    // New variants go last (see `Command`).
    /// Reports of the fine-tuning, scale and sequence experiments.
    Finetune(crate::jobs::experiment::FinetuneReport),
    Scale(crate::jobs::experiment::ScaleReport),
    SeqFinetune(crate::jobs::experiment::SeqReport),
}

pub fn encode<T: Serialize>(msg: &T) -> Vec<u8> {
    // Serialising these plain enums into a Vec cannot fail: there is no I/O and no map keys.
    postcard::to_stdvec(msg).unwrap_or_default()
}

pub fn decode<'a, T: Deserialize<'a>>(bytes: &'a [u8]) -> Result<T, Error> {
    postcard::from_bytes(bytes).map_err(|e| Error::Corrupt {
        what: "worker message",
        detail: e.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jobs::{GemmBenchConfig, GemmResult};

    #[test]
    fn commands_and_events_round_trip_through_bytes() {
        let cmds = [
            Command::Ping { id: 7 },
            Command::BenchGemm(GemmBenchConfig::default()),
            Command::Cancel,
            Command::SelfTest(SelfTest::Panic),
        ];
        for c in cmds {
            assert_eq!(decode::<Command>(&encode(&c)).ok(), Some(c));
        }
        let events = [
            Event::Ready { relaxed_simd: true },
            Event::GemmProgress { done: 1, total: 4 },
            Event::GemmDone(vec![GemmResult {
                m: 2,
                n: 3,
                k: 4,
                label: "x".into(),
                gflops: 1.5,
            }]),
            Event::Panicked {
                message: "boom".into(),
            },
        ];
        for e in events {
            assert_eq!(decode::<Event>(&encode(&e)).ok(), Some(e));
        }
    }

    #[test]
    fn garbage_bytes_are_an_error_not_a_panic() {
        assert!(decode::<Command>(&[0xff, 0xff, 0xff]).is_err());
        assert!(decode::<Event>(&[]).is_err());
    }
}
