use super::*;
use crate::error::Error;
use crate::i18n::Lang;
use crate::jobs::lab::config::{DataMode, OptimizerKind, TrainSettings};
use crate::jobs::translate;
use crate::models::{Positions, ReconLoss};
use crate::optim::LrSchedule;
use crate::routes::Route;
use crate::tasks::Task;

const LABS: [Chapter; 3] = [Chapter::Autoencoder, Chapter::Vae, Chapter::Transformer];

fn ae(query: &str) -> (AeLabConfig, FieldErrors) {
    match decode(Chapter::Autoencoder, query) {
        Some((Settings::Ae(c), refused)) => (c, refused),
        other => panic!("{other:?}"),
    }
}

fn vae(query: &str) -> (VaeLabConfig, FieldErrors) {
    match decode(Chapter::Vae, query) {
        Some((Settings::Vae(c), refused)) => (c, refused),
        other => panic!("{other:?}"),
    }
}

fn tf(query: &str) -> (TransformerPreset, FieldErrors) {
    match decode(Chapter::Transformer, query) {
        Some((Settings::Tf(p), refused)) => (p, refused),
        other => panic!("{other:?}"),
    }
}

fn link(e: LinkError) -> FieldError {
    FieldError::Link(e)
}

fn unknown(keys: &[&str], more: bool) -> (&'static str, FieldError) {
    let keys = keys.iter().map(|k| k.to_string()).collect();
    (LINK, link(LinkError::UnknownKeys { keys, more }))
}

/// The autoencoder's defaults with `change` made.
fn ae_with(change: impl FnOnce(&mut AeLabConfig)) -> AeLabConfig {
    let mut c = AeLabConfig::seed();
    change(&mut c);
    c
}

fn round_trip(s: &Settings) {
    let fragment = href(s);
    assert!(fragment.starts_with(&format!("{}?", s.chapter().href())));
    let (route, query) = Route::parse_with_query(&fragment);
    assert_eq!(route, Route::Chapter(s.chapter()));
    assert_eq!(
        decode(s.chapter(), query),
        Some((s.clone(), vec![])),
        "{query}"
    );
}

#[test]
fn every_lab_writes_all_its_fields_and_reads_its_defaults_back() {
    for chapter in LABS {
        let defaults = Settings::defaults(chapter).unwrap();
        assert_eq!(defaults.chapter(), chapter);
        round_trip(&defaults);
        assert_eq!(decode(chapter, ""), Some((defaults, vec![])));
    }
    assert_eq!(
        encode(&Settings::Ae(AeLabConfig::seed())),
        "widths=784-128-64-32-16-8-4&loss=mse&lr=0.001&batch=64&optimizer=adam&seed=0&data=digits"
    );
    assert_eq!(
        encode(&Settings::Vae(VaeLabConfig::latent_2d())),
        "widths=784-256-64-2&beta=1&lr=0.001&batch=128&optimizer=adam&seed=0&data=digits"
    );
    assert_eq!(
        href(&Settings::Tf(TransformerPreset::dates())),
        "#/transformer?task=dates&enc_layers=2&dec_layers=2&heads=4&d_model=64&d_ff=128\
         &dropout=0&positions=sinusoidal&lr=0.003&total_steps=1500&batch=16&seed=0"
    );
    for chapter in [Chapter::Overview, Chapter::Attention, Chapter::Finetune] {
        assert_eq!(decode(chapter, "seed=1"), None);
    }
}

#[test]
fn the_issues_example_gives_that_model_and_seed() {
    let (route, query) = Route::parse_with_query("#/autoencoder?widths=784-64-2&lr=0.001&seed=3");
    assert_eq!(route, Route::Chapter(Chapter::Autoencoder));
    let want = ae_with(|c| {
        c.layers = vec![64, 2];
        c.train.seed = 3;
    });
    assert_eq!(ae(query), (want, vec![]));
}

#[test]
fn other_settings_of_every_lab_survive_the_round_trip() {
    let train = TrainSettings {
        lr: 0.012_345_678_901_234_5,
        batch: 17,
        optimizer: OptimizerKind::Sgd,
        seed: u64::from(u32::MAX),
        data: DataMode::Mixed,
    };
    round_trip(&Settings::Ae(AeLabConfig {
        layers: vec![300, 2],
        loss: ReconLoss::Bce,
        train: train.clone(),
    }));
    round_trip(&Settings::Ae(AeLabConfig::latent_2d()));
    round_trip(&Settings::Vae(VaeLabConfig {
        beta: 0.1 + 0.2,
        train,
        ..VaeLabConfig::latent_16d()
    }));
    let mut p = TransformerPreset::for_task(Task::Reversal);
    let m = &mut p.trainer.model;
    (m.enc_layers, m.heads, m.d_model, m.d_ff) = (3, 8, 96, 200);
    (m.dropout, m.positions) = (0.1, Positions::Learned);
    p.trainer.optimizer.lr = 1e-4;
    p.trainer.schedule = p.trainer.schedule.clone().with_total_steps(60);
    p.batch_size = 7;
    (p.trainer.seed, p.task.seed) = (1 << 40, 1 << 40);
    round_trip(&Settings::Tf(p));
    round_trip(&Settings::Tf(TransformerPreset::numbers()));
}

/// A run on the visitor's pairs gives a link without its task (the pairs never leave the
/// browser), which opens elsewhere without a refusal: the same settings on the dates.
#[test]
fn a_pairs_run_links_its_settings_and_no_task() {
    use crate::tasks::own_pairs::read_text;
    let text = include_str!("../../assets/pairs/en-zh-animals.tsv");
    let pairs = std::sync::Arc::new(read_text(text).expect("the example").pairs);
    let mut p = TransformerPreset::for_pairs(pairs);
    p.batch_size = 24;
    (p.trainer.seed, p.task.seed) = (5, 5);
    let query = encode(&Settings::Tf(p));
    assert!(query.starts_with("enc_layers=2&"), "{query}");
    assert!(!query.contains("task="), "{query}");
    let (opened, refused) = tf(&query);
    assert_eq!(refused, vec![]);
    assert_eq!(
        opened.task.task,
        Task::Dates(crate::tasks::DateLanguages::Both)
    );
    assert_eq!((opened.batch_size, opened.trainer.seed), (24, 5));
    assert!(opened.task.pairs.is_none());
}

#[test]
fn the_transformers_task_picks_the_preset_the_other_fields_change_in_any_order() {
    let mut want = TransformerPreset::reversal();
    want.trainer.optimizer.lr = 0.01;
    want.trainer.schedule = want.trainer.schedule.clone().with_total_steps(50);
    assert_eq!(
        tf("task=reversal&lr=0.01&total_steps=50"),
        (want.clone(), vec![])
    );
    assert_eq!(tf("total_steps=50&lr=0.01&task=Reversal"), (want, vec![]));
    // The warm-up is cut to the steps, as the form cuts it.
    let LrSchedule::WarmupCosine { warmup_steps, .. } = tf("total_steps=50").0.trainer.schedule
    else {
        panic!("the presets warm up")
    };
    assert_eq!(warmup_steps, 50);
    // One seed draws the weights, the batches and the data set.
    let (p, _) = tf("seed=9");
    assert_eq!((p.trainer.seed, p.task.seed), (9, 9));
}

#[test]
fn a_value_is_refused_as_its_form_field_would_refuse_it_and_the_rest_applies() {
    let seed5 = ae_with(|c| c.train.seed = 5);
    let range = |min, max| FieldError::Range { min, max };
    for (query, field, reason) in [
        ("lr=abc&seed=5", "lr", FieldError::NotNumber),
        ("lr=&seed=5", "lr", FieldError::NotNumber),
        ("lr=NaN&seed=5", "lr", FieldError::NotNumber),
        ("lr=inf&seed=5", "lr", FieldError::NotNumber),
        ("lr=-1e999&seed=5", "lr", FieldError::NotNumber),
        ("lr=11&seed=5", "lr", range(1e-5, 10.0)),
        ("lr=-0&seed=5", "lr", range(1e-5, 10.0)),
        ("batch=0&seed=5", "batch", range(1.0, 512.0)),
        ("batch=2.5&seed=5", "batch", FieldError::NotWhole),
        // Past u64: as the form says of it.
        (
            "batch=99999999999999999999999&seed=5",
            "batch",
            FieldError::NotWhole,
        ),
        (
            "batch=18446744073709551615&seed=5",
            "batch",
            range(1.0, 512.0),
        ),
        ("seed=5&widths=784-x", "widths", FieldError::Widths),
        (
            "seed=5&widths=784",
            "widths",
            FieldError::Depth { min: 1.0, max: 8.0 },
        ),
        // A list too long: ten layers.
        (
            "seed=5&widths=784-9-9-9-9-9-9-9-9-9-2",
            "widths",
            FieldError::Depth { min: 1.0, max: 8.0 },
        ),
        (
            "seed=5&widths=784-64-100",
            "widths",
            FieldError::Latent {
                min: 1.0,
                max: 64.0,
            },
        ),
        ("seed=5&widths=784-0-2", "widths", range(1.0, 1024.0)),
        (
            "seed=5&widths=128-64-2",
            "widths",
            link(LinkError::NotFromInput(784)),
        ),
        (
            "seed=5&loss=huber",
            "loss",
            link(LinkError::NotChoice(vec!["mse", "bce"])),
        ),
        (
            "seed=5&optimizer=rmsprop",
            "optimizer",
            link(LinkError::NotChoice(vec!["adam", "sgd"])),
        ),
    ] {
        assert_eq!(ae(query), (seed5.clone(), vec![(field, reason)]), "{query}");
    }
    assert_eq!(
        ae("seed=4294967296&lr=0.01"),
        (
            ae_with(|c| c.train.lr = 0.01),
            vec![("seed", range(0.0, 4294967295.0))]
        )
    );
    let (c, refused) = vae("beta=-1&seed=5");
    assert_eq!((c.beta, c.train.seed), (1.0, 5));
    assert_eq!(refused, vec![("beta", range(0.0, 10.0))]);
    // The VAE needs a hidden layer before its code.
    let (c, refused) = vae("widths=784-2&beta=4");
    assert_eq!((c.layers, c.beta), (vec![256, 64, 2], 4.0));
    assert_eq!(
        refused,
        vec![("widths", FieldError::Depth { min: 2.0, max: 8.0 })]
    );
}

#[test]
fn what_only_a_link_can_get_wrong_is_refused_by_name_and_the_rest_applies() {
    let lr = ae_with(|c| c.train.lr = 0.01);
    let cases = [
        ("foo=1&lr=0.01", vec![unknown(&["foo"], false)]),
        ("lr=0.01&lr=5", vec![("lr", link(LinkError::Duplicate))]),
        ("seed&lr=0.01", vec![("seed", link(LinkError::NoValue))]),
        // A key without a value is its one occurrence: a later value is a repeat.
        (
            "seed&seed=4&lr=0.01",
            vec![("seed", link(LinkError::NoValue))],
        ),
        ("&&&lr=0.01&&&", vec![]),
        ("lr=0.01&abc", vec![unknown(&["abc"], false)]),
        ("=5&lr=0.01", vec![unknown(&[""], false)]),
        ("lr=0.01&LR=2", vec![unknown(&["LR"], false)]),
        // Escapes are read: this is `lr` twice.
        ("l%72=0%2E01&lr=x", vec![("lr", link(LinkError::Duplicate))]),
        ("lr=0.01&seed=%zz", vec![("seed", FieldError::NotNumber)]),
        (
            "lr=0.01&%FF%FE=1",
            vec![unknown(&["\u{FFFD}\u{FFFD}"], false)],
        ),
        // Unicode: full-width letters and digits are not ASCII ones.
        (
            "ｌｒ=1&lr=0.01&seed=１２",
            vec![("seed", FieldError::NotNumber), unknown(&["ｌｒ"], false)],
        ),
        (
            "a=1&b&c=&a=2&d=1&e=1&f=1&lr=0.01&g=1",
            vec![unknown(&["a", "b", "c", "d", "e"], true)],
        ),
        (
            "lr=0.01&abcdefghijklmnopqrstuvwxyz=1",
            vec![unknown(&["abcdefghijklmnopqrstuvwx…"], false)],
        ),
    ];
    for (query, refused) in cases {
        assert_eq!(ae(query), (lr.clone(), refused), "{query}");
    }
    // A choice is read in any case; `+` is no space.
    assert_eq!(
        ae("optimizer=%53GD&lr=1e%2B0"),
        (
            ae_with(|c| (c.train.optimizer, c.train.lr) = (OptimizerKind::Sgd, 1.0)),
            vec![]
        )
    );
}

#[test]
fn a_long_link_is_read_up_to_its_last_whole_parameter_within_the_limit() {
    let too_long = (LINK, link(LinkError::TooLong(MAX_QUERY)));
    // A thousand unknown parameters after a good one.
    let query = format!("lr=0.01&{}", "x=1&".repeat(1000));
    let (c, refused) = ae(&query);
    assert_eq!(c, ae_with(|c| c.train.lr = 0.01));
    assert_eq!(refused, vec![unknown(&["x"], false), too_long.clone()]);
    // The cut runs through the seed's value: the seed is not read as its first digits.
    let pad = "p".repeat(MAX_QUERY - "lr=0.01&=&seed=12".len());
    let query = format!("lr=0.01&{pad}=&seed=123456789");
    assert_eq!(query.chars().nth(MAX_QUERY), Some('3'));
    let (c, refused) = ae(&query);
    assert_eq!(c, ae_with(|c| c.train.lr = 0.01));
    assert_eq!(refused[1], too_long);
    // Cut just before an `&`, the last parameter is whole.
    let pad = "p".repeat(MAX_QUERY - "=&seed=12".len());
    let (c, _) = ae(&format!("{pad}=&seed=12&lr=0.01"));
    assert_eq!(c, ae_with(|c| c.train.seed = 12));
    // One huge value, in characters of three bytes.
    let (c, refused) = ae(&format!("seed={}", "９".repeat(1 << 20)));
    assert_eq!((c, refused), (AeLabConfig::seed(), vec![too_long]));
    // Exactly the limit is not too long.
    let query = format!("seed=7&{}=1", "q".repeat(MAX_QUERY - "seed=7&=1".len()));
    assert_eq!(query.chars().count(), MAX_QUERY);
    let shown = format!("{}…", "q".repeat(24));
    assert_eq!(
        ae(&query),
        (
            ae_with(|c| c.train.seed = 7),
            vec![unknown(&[&shown], false)]
        )
    );
}

#[test]
fn a_model_over_the_budget_is_refused_by_the_field_that_made_it_so() {
    let over = |refused: &FieldErrors, field: &str| {
        refused
            .iter()
            .any(|(f, e)| *f == field && matches!(e, FieldError::OverBudget { .. }))
    };
    // Seven layers of 1024 are too slow even at batch 1: the widths go, the batch stays.
    let wide = format!("widths=784{}-64", "-1024".repeat(7));
    let (c, refused) = ae(&format!("{wide}&batch=512"));
    assert_eq!(c, ae_with(|c| c.train.batch = 512));
    assert!(
        over(&refused, "widths") && refused.len() == 1,
        "{refused:?}"
    );
    let (c, refused) = ae(&wide);
    assert_eq!(c, AeLabConfig::seed());
    assert!(
        over(&refused, "widths") && refused.len() == 1,
        "{refused:?}"
    );
    // The budget blames the Transformer's width, which the link did not set: of the fields it
    // did set, the one whose absence makes the model fit is refused.
    let (p, refused) = tf("enc_layers=3&dec_layers=3&d_ff=1024&seed=4");
    let m = &p.trainer.model;
    assert_eq!(
        (m.enc_layers, m.dec_layers, m.d_ff, p.trainer.seed),
        (3, 3, 128, 4)
    );
    assert!(over(&refused, "d_ff") && refused.len() == 1, "{refused:?}");
    // Seven layers of 320 fit at a batch of one: the batch goes, the widths stay.
    let (c, refused) = ae(&format!("widths=784{}-64&batch=512", "-320".repeat(7)));
    assert_eq!((c.layers.len(), c.train.batch), (8, 64));
    assert!(over(&refused, "batch") && refused.len() == 1, "{refused:?}");
    // The date Transformer at d_ff 256 fits up to batch 64.
    let (p, refused) = tf("d_ff=256&batch=128&seed=2");
    assert_eq!(
        (p.trainer.model.d_ff, p.batch_size, p.trainer.seed),
        (256, 16, 2)
    );
    assert!(over(&refused, "batch") && refused.len() == 1, "{refused:?}");
    // Issue 16's largest numbers model: too big at any batch.
    let (p, refused) = tf("task=numbers&enc_layers=4&dec_layers=4&d_model=256&d_ff=1024&batch=256");
    assert!(over(&refused, "d_model"), "{refused:?}");
    assert_eq!(translate::validate(&p), Ok(()));
}

#[test]
fn heads_that_do_not_divide_the_width_are_refused_by_the_field_the_link_set() {
    let divide = FieldError::HeadsDivide;
    let (p, refused) = tf("heads=7&seed=3");
    assert_eq!((p.trainer.model.heads, p.trainer.seed), (4, 3));
    assert_eq!(refused, vec![("heads", divide.clone())]);
    // 30 is no multiple of the preset's 4 heads: the width the link gave is to blame.
    let (p, refused) = tf("d_model=30&seed=3");
    assert_eq!((p.trainer.model.d_model, p.trainer.seed), (64, 3));
    assert_eq!(refused, vec![("d_model", divide)]);
    // Together they fit.
    let (p, refused) = tf("d_model=30&heads=5");
    assert_eq!((p.trainer.model.d_model, p.trainer.model.heads), (30, 5));
    assert_eq!(refused, vec![]);
}

#[test]
fn every_decoded_link_passes_validate_and_reads_back_as_itself() {
    for query in [
        "widths=784-1-1-1-1-1-1-1-1-1-1&batch=0&lr=0&seed=-1&beta=99&heads=0&task=x",
        "d_model=17&d_ff=1&dropout=0.9&total_steps=0&enc_layers=9&positions=none",
        "%&%%&=&==&&?#/&widths=784--2",
    ] {
        for chapter in LABS {
            let (s, refused) = decode(chapter, query).unwrap();
            assert!(!refused.is_empty(), "{query}");
            let valid = match &s {
                Settings::Ae(c) => c.validate(),
                Settings::Vae(c) => c.validate(),
                Settings::Tf(p) => translate::validate(p),
            };
            assert_eq!(valid, Ok::<(), Error>(()), "{query}");
            round_trip(&s);
        }
    }
}

#[test]
fn each_link_refusal_reads_in_english_and_chinese() {
    let en = |e: &LinkError| link_error_text(|m| m.get(Lang::En), e);
    let zh = |e: &LinkError| link_error_text(|m| m.get(Lang::Zh), e);
    let keys = LinkError::UnknownKeys {
        keys: vec!["foo".into(), "bar".into()],
        more: true,
    };
    assert_eq!(
        en(&keys),
        "The link has settings this lab does not know: “foo”, “bar”, …"
    );
    // Chinese lists with "、" and no space after its full-width colon.
    assert_eq!(zh(&keys), "链接中有本实验没有的设置：“foo”、“bar”、…");
    assert_eq!(
        en(&LinkError::TooLong(2000)),
        "The link is longer than 2000 characters; what follows was not read."
    );
    assert_eq!(
        zh(&LinkError::TooLong(2000)),
        "链接超过 2000 个字符，之后的部分未被读取。"
    );
    assert_eq!(
        en(&LinkError::NotFromInput(784)),
        "A link's widths start with the input's width, 784, as in 784-128-2."
    );
    assert_eq!(
        en(&LinkError::NotChoice(vec!["mse", "bce"])),
        "The link's value is none of: mse, bce"
    );
    let all = [
        keys,
        LinkError::Duplicate,
        LinkError::NoValue,
        LinkError::NotChoice(vec!["adam"]),
        LinkError::NotFromInput(784),
        LinkError::TooLong(2000),
    ];
    for e in &all {
        let (en, zh) = (en(e), zh(e));
        assert!(!en.is_empty() && en != zh && !en.contains('{'), "{en}");
        assert!(!zh.contains('{'), "{zh}");
    }
}
