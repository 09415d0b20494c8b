//! The arithmetic behind the figures: the walkthrough of one setting, from the seeded layer or
//! the trained one, and how its matrices become heatmaps and numbers.

use crate::app::charts::Heat;
use crate::explain::{
    tokenize, Matrix, SeededAttention, TokenError, TrainedAttention, Walkthrough,
    WalkthroughConfig, MAX_TOKENS,
};
use crate::jobs::translate::Inspection;

/// Everything the figures show for one setting.
#[derive(Clone, Debug, PartialEq)]
pub struct Computed {
    pub x: Matrix,
    pub walk: Walkthrough,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Problem {
    Tokens(TokenError),
    Chars(usize),
    Seed,
    /// Characters the trained model's vocabulary lacks: (position, character).
    Unknown(Vec<(u32, char)>),
    ModelTooLong(u32),
    /// The worker has not answered for this input yet.
    Waiting,
    /// The core's refusal, worded on the page in the visitor's language.
    Core(crate::error::Error),
}

pub fn compute(
    text: &str,
    heads: usize,
    d_head: usize,
    seed: &str,
    config: &WalkthroughConfig,
) -> Result<Computed, Problem> {
    let tokens = tokenize(text).map_err(Problem::Tokens)?;
    let seed: u32 = seed.trim().parse().map_err(|_| Problem::Seed)?;
    let core = Problem::Core;
    let layer = SeededAttention::new(heads, d_head, u64::from(seed)).map_err(core)?;
    let (_, x) = layer.embed(&tokens).map_err(core)?;
    let walk =
        Walkthrough::run(&tokens, &x, &layer.attention, &layer.params, config).map_err(core)?;
    Ok(Computed { x, walk })
}

fn compute_trained(a: &TrainedAttention, config: &WalkthroughConfig) -> Result<Computed, Problem> {
    let core = Problem::Core;
    let (params, attention) = a.weights.layer().map_err(core)?;
    let walk = Walkthrough::run(&a.tokens, &a.x, &attention, &params, config).map_err(core)?;
    Ok(Computed {
        x: a.x.clone(),
        walk,
    })
}

/// The trained model's answer for `text`, once the worker has sent it.
pub fn trained(
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
            Inspection::Empty => Err(Problem::Tokens(TokenError::Empty)),
        },
        _ => Err(Problem::Waiting),
    }
}

pub fn numbered(n: usize) -> Vec<String> {
    (1..=n).map(|i| i.to_string()).collect()
}

pub fn heat_of(m: &Matrix, rows: &[String], cols: Vec<String>, signed: bool) -> Heat {
    Heat {
        rows: rows.to_vec(),
        cols,
        values: m.data.clone(),
        signed,
    }
}
