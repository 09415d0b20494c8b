//! Weight initialisation: Xavier/Glorot (Glorot & Bengio 2010, "Understanding the difficulty of
//! training deep feedforward neural networks") keeps activation variance through tanh-like
//! layers; Kaiming/He (He et al. 2015, "Delving Deep into Rectifiers") doubles it for ReLU.

use serde::{Deserialize, Serialize};

use crate::error::Error;
use crate::rng::Rng;
use crate::tensor::Tensor;

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub enum Init {
    /// U(−a, a), a = √(6/(fan_in + fan_out)).
    XavierUniform,
    /// N(0, 2/(fan_in + fan_out)).
    XavierNormal,
    /// U(−a, a), a = √(6/fan_in): variance 2/fan_in, the ReLU gain.
    KaimingUniform,
    /// N(0, 2/fan_in).
    KaimingNormal,
    Normal {
        std: f32,
    },
    Zeros,
    Ones,
}

impl Init {
    pub fn array(
        self,
        shape: &[usize],
        fan_in: usize,
        fan_out: usize,
        rng: &mut Rng,
    ) -> Result<Tensor, Error> {
        let (fan_in, fan_sum) = (fan_in.max(1) as f32, (fan_in + fan_out).max(1) as f32);
        let mut sample = || match self {
            Init::XavierUniform => rng.uniform(-1.0, 1.0) * (6.0 / fan_sum).sqrt(),
            Init::XavierNormal => rng.normal() * (2.0 / fan_sum).sqrt(),
            Init::KaimingUniform => rng.uniform(-1.0, 1.0) * (6.0 / fan_in).sqrt(),
            Init::KaimingNormal => rng.normal() * (2.0 / fan_in).sqrt(),
            Init::Normal { std } => rng.normal() * std,
            Init::Zeros => 0.0,
            Init::Ones => 1.0,
        };
        Tensor::from_fn(shape, |_| sample())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kaiming_and_xavier_have_their_variances() {
        let mut rng = Rng::seed(4);
        let var = |a: &Tensor| a.iter().map(|x| x * x).sum::<f32>() / a.len() as f32;
        // Kaiming: 2/fan_in = 2/200; Xavier: 2/(200 + 300).
        let k = Init::KaimingUniform
            .array(&[200, 300], 200, 300, &mut rng)
            .unwrap();
        let x = Init::XavierNormal
            .array(&[200, 300], 200, 300, &mut rng)
            .unwrap();
        assert!((var(&k) / 0.01 - 1.0).abs() < 0.03, "kaiming {}", var(&k));
        assert!((var(&x) / 0.004 - 1.0).abs() < 0.03, "xavier {}", var(&x));
    }
}
