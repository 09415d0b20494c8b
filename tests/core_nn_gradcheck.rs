//! Every nn layer against central finite differences, parameters included (see
//! `tensor::gradcheck`), on small seeded shapes.

use gradlab::models::{Autoencoder, AutoencoderConfig, Vae, VaeConfig};
use gradlab::nn::{
    Activation, EmbeddingConfig, FeedForwardConfig, LayerNormConfig, LearnedPositionalConfig,
    LinearConfig, MlpConfig, MultiHeadAttentionConfig, SinusoidalEncoding,
};
use gradlab::rng::Rng;
use gradlab::tensor::gradcheck::GradCheck;
use gradlab::tensor::{Graph, ParamStore, Tensor, Var};

fn randn(rng: &mut Rng, shape: &[usize]) -> Tensor {
    Tensor::from_fn(shape, |_| rng.normal()).unwrap()
}

fn check(
    params: &mut ParamStore,
    inputs: &[Tensor],
    f: impl Fn(&mut Graph, &ParamStore, &[Var]) -> Var,
) {
    if let Err(e) = GradCheck::default().run(params, inputs, f) {
        panic!("{e}");
    }
}

/// Biases start at zero; random ones make the check cover them away from the initial point.
fn randomise(params: &mut ParamStore, rng: &mut Rng) {
    for id in params.ids().collect::<Vec<_>>() {
        params
            .data_mut(id)
            .iter_mut()
            .for_each(|x| *x = 0.5 * rng.normal());
    }
}

#[test]
fn should_diff_linear() {
    let (mut params, mut rng) = (ParamStore::new(), Rng::seed(1));
    let layer = LinearConfig::new(4, 3)
        .init("fc", &mut params, &mut rng)
        .unwrap();
    randomise(&mut params, &mut rng);
    let x = randn(&mut rng, &[2, 4]);
    check(&mut params, &[x], |g, p, v| layer.forward(g, p, v[0]));
}

#[test]
fn should_diff_linear_without_bias_on_3d_input() {
    let (mut params, mut rng) = (ParamStore::new(), Rng::seed(2));
    let config = LinearConfig {
        bias: false,
        ..LinearConfig::new(3, 2)
    };
    let layer = config.init("fc", &mut params, &mut rng).unwrap();
    let x = randn(&mut rng, &[2, 2, 3]);
    check(&mut params, &[x], |g, p, v| {
        layer.forward_act(g, p, v[0], Activation::Tanh)
    });
}

#[test]
fn should_diff_mlp_with_mixed_activations() {
    let (mut params, mut rng) = (ParamStore::new(), Rng::seed(3));
    let config = MlpConfig {
        activations: vec![Activation::Gelu, Activation::Tanh, Activation::Sigmoid],
        ..MlpConfig::new(&[3, 4, 4, 2], Activation::Relu, Activation::Identity)
    };
    let mlp = config.init("mlp", &mut params, &mut rng).unwrap();
    randomise(&mut params, &mut rng);
    let x = randn(&mut rng, &[3, 3]);
    check(&mut params, &[x], |g, p, v| mlp.forward(g, p, v[0]));
}

#[test]
fn should_diff_embedding() {
    let (mut params, mut rng) = (ParamStore::new(), Rng::seed(4));
    let emb = EmbeddingConfig {
        vocab: 5,
        d_model: 3,
    }
    .init("tok", &mut params, &mut rng)
    .unwrap();
    check(&mut params, &[], |g, p, _| {
        emb.forward(g, p, &[1, 4, 1, 0], &[2, 2])
    });
}

#[test]
fn should_diff_layer_norm_layer() {
    let (mut params, mut rng) = (ParamStore::new(), Rng::seed(5));
    let ln = LayerNormConfig::new(4)
        .init("ln", &mut params, &mut rng)
        .unwrap();
    randomise(&mut params, &mut rng);
    let x = randn(&mut rng, &[3, 4]);
    check(&mut params, &[x], |g, p, v| ln.forward(g, p, v[0]));
}

#[test]
fn should_diff_sinusoidal_and_learned_positions() {
    let (mut params, mut rng) = (ParamStore::new(), Rng::seed(6));
    let fixed = SinusoidalEncoding::new(8, 4).unwrap();
    let learned = LearnedPositionalConfig {
        max_len: 8,
        d_model: 4,
    }
    .init("pos", &mut params, &mut rng)
    .unwrap();
    let x = randn(&mut rng, &[2, 3, 4]);
    check(&mut params, &[x], |g, p, v| {
        let h = fixed.forward(g, v[0]);
        learned.forward(g, p, h)
    });
}

#[test]
fn should_diff_causal_self_attention() {
    let (mut params, mut rng) = (ParamStore::new(), Rng::seed(7));
    let attn = MultiHeadAttentionConfig {
        d_model: 4,
        n_heads: 2,
    }
    .init("attn", &mut params, &mut rng)
    .unwrap();
    randomise(&mut params, &mut rng);
    let x = randn(&mut rng, &[2, 3, 4]);
    check(&mut params, &[x], |g, p, v| {
        let mask = g.causal_mask(3);
        attn.forward(g, p, v[0], v[0], Some(mask)).output
    });
}

#[test]
fn should_diff_cross_attention_with_padding_through_weights_and_output() {
    let (mut params, mut rng) = (ParamStore::new(), Rng::seed(8));
    let attn = MultiHeadAttentionConfig {
        d_model: 4,
        n_heads: 2,
    }
    .init("attn", &mut params, &mut rng)
    .unwrap();
    randomise(&mut params, &mut rng);
    let (q, ctx) = (randn(&mut rng, &[2, 2, 4]), randn(&mut rng, &[2, 3, 4]));
    check(&mut params, &[q, ctx], |g, p, v| {
        let mask = g.padding_mask(&[3, 2], 3);
        let out = attn.forward(g, p, v[0], v[1], Some(mask));
        // Both results feed the checked scalar, so the weights' gradient path is covered too
        // (Σ w² rather than Σ w, which is constant: every row sums to one).
        let w = g.mul(out.weights, out.weights);
        let w = g.sum_all(w);
        let o = g.sum_all(out.output);
        g.add(o, w)
    });
}

#[test]
fn should_diff_feed_forward() {
    let (mut params, mut rng) = (ParamStore::new(), Rng::seed(9));
    let ff = FeedForwardConfig {
        d_model: 3,
        d_hidden: 6,
        activation: Activation::Gelu,
    }
    .init("ff", &mut params, &mut rng)
    .unwrap();
    randomise(&mut params, &mut rng);
    let x = randn(&mut rng, &[2, 3]);
    check(&mut params, &[x], |g, p, v| ff.forward(g, p, v[0]));
}

#[test]
fn should_diff_a_small_autoencoder_with_mse() {
    let (mut params, mut rng) = (ParamStore::new(), Rng::seed(10));
    let config = AutoencoderConfig {
        widths: vec![6, 4, 2],
        hidden: Activation::Tanh,
        ..AutoencoderConfig::seed()
    };
    let model = Autoencoder::new(&config, &mut params, &mut rng).unwrap();
    randomise(&mut params, &mut rng);
    let x = randn(&mut rng, &[3, 6]).map(|v| 1.0 / (1.0 + (-v).exp()));
    check(&mut params, &[x], |g, p, v| {
        let y = model.forward(g, p, v[0]);
        g.mse(y, v[0])
    });
}

#[test]
fn should_diff_the_vae_loss_with_a_fixed_sample() {
    let (mut params, mut rng) = (ParamStore::new(), Rng::seed(11));
    let config = VaeConfig {
        widths: vec![5, 4, 2],
        hidden: Activation::Tanh,
        beta: 0.5,
    };
    let vae = Vae::new(&config, &mut params, &mut rng).unwrap();
    randomise(&mut params, &mut rng);
    let x = randn(&mut rng, &[2, 5]).map(|v| 1.0 / (1.0 + (-v).exp()));
    check(&mut params, &[x], |g, p, v| {
        vae.loss(g, p, v[0], &mut Rng::seed(3)).total
    });
}
