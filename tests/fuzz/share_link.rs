//! Links that reproduce a run (`gradlab::view::share_link`): any query, hostile or damaged, gives
//! each lab settings that pass its `validate`, refusals by its own fields, and a link that reads
//! back as those settings; and the settings the settings target draws come back from their link
//! as they went in when `validate` passes them, or refused by a field when it does not.

use gradlab::jobs::lab::config::{
    LabConfig, TrainSettings, DEPTH_RANGE, LATENT_RANGE, LR_RANGE, SEED_MAX,
};
use gradlab::jobs::lab::fields::FieldErrors;
use gradlab::jobs::translate;
use gradlab::models::TransformerPreset;
use gradlab::routes::{Chapter, Route};
use gradlab::tasks::{DateLanguages, Task};
use gradlab::view::share_link::{decode, encode, href, Settings, LINK};
use proptest::collection::vec;
use proptest::prelude::*;

use crate::mutate::{mutate, mutations};
use crate::settings::{lab_config, preset};
use crate::{config, CASES};

const LABS: [Chapter; 3] = [Chapter::Autoencoder, Chapter::Vae, Chapter::Transformer];

/// Every key a lab's link writes, read off its defaults' link.
fn keys(chapter: Chapter) -> Vec<String> {
    let defaults = Settings::defaults(chapter).expect("a lab");
    let query = encode(&defaults);
    let keys = query.split('&').filter_map(|p| p.split_once('='));
    keys.map(|(k, _)| k.to_string()).collect()
}

fn valid(s: &Settings) -> bool {
    match s {
        Settings::Ae(c) => c.validate().is_ok(),
        Settings::Vae(c) => c.validate().is_ok(),
        Settings::Tf(p) => translate::validate(p).is_ok(),
    }
}

/// What a link gives `chapter` is valid, refused only by the lab's fields (one reason each) or
/// the link as a whole, and written as a link that gives it back with nothing refused.
fn decodes_safely(chapter: Chapter, query: &str) -> Result<FieldErrors, TestCaseError> {
    let (settings, refused) = decode(chapter, query).expect("a lab");
    prop_assert_eq!(settings.chapter(), chapter);
    prop_assert!(valid(&settings), "{:?}", settings);
    let keys = keys(chapter);
    for (i, (field, _)) in refused.iter().enumerate() {
        prop_assert!(
            *field == LINK || keys.iter().any(|k| k == field),
            "{}",
            field
        );
        let again = refused[..i].iter().filter(|(f, _)| f == field).count();
        prop_assert!(
            again == 0 || (*field == LINK && again == 1),
            "{:?}",
            refused
        );
    }
    let link = href(&settings);
    let (route, written) = Route::parse_with_query(&link);
    prop_assert_eq!(route, Route::Chapter(chapter));
    prop_assert_eq!(decode(chapter, written), Some((settings, vec![])));
    Ok(refused)
}

/// `settings` come back from their link as they went in when valid; else the link's settings
/// are valid and something was refused.
fn round_trips(settings: Settings) -> Result<(), TestCaseError> {
    let chapter = settings.chapter();
    let refused = decodes_safely(chapter, &encode(&settings))?;
    if valid(&settings) {
        prop_assert_eq!(
            decode(chapter, &encode(&settings)),
            Some((settings, vec![]))
        );
    } else {
        prop_assert!(!refused.is_empty(), "{:?}", settings);
    }
    Ok(())
}

fn chapter() -> impl Strategy<Value = Chapter> {
    prop::sample::select(LABS.to_vec())
}

/// Queries made of what links hold: the labs' keys and values like theirs, separators,
/// escapes, any text, and long runs.
fn query() -> impl Strategy<Value = String> {
    let all_keys: Vec<String> = LABS.into_iter().flat_map(keys).collect();
    let value = prop_oneof![
        "-?[0-9]{0,25}(\\.[0-9]{0,8})?([eE][+-]?[0-9]{1,4})?",
        "784(-[0-9]{1,5}){0,12}",
        "(adam|sgd|SGD|mse|bce|dates|numbers|reversal|sinusoidal|learned|NaN|inf|1e999)",
        any::<String>(),
    ];
    let piece = prop_oneof![
        (prop::sample::select(all_keys), value).prop_map(|(k, v)| format!("{k}={v}&")),
        Just("&".to_string()),
        Just("=".to_string()),
        "%[0-9A-Fa-f]{0,2}",
        any::<String>(),
        any::<char>().prop_map(|c| c.to_string().repeat(300)),
    ];
    prop_oneof![
        any::<String>(),
        vec(piece, 0..16).prop_map(|p| p.concat()),
        (any::<char>(), 0..10_000usize).prop_map(|(c, n)| c.to_string().repeat(n)),
    ]
}

/// A Transformer preset as the form builds one: the settings target's, with what the form
/// does not show (the data set's sizes, the positions table) left at its task's preset.
fn form_preset() -> impl Strategy<Value = TransformerPreset> {
    preset().prop_map(|mut p| {
        let task = match p.task.task {
            Task::Dates(_) => Task::Dates(DateLanguages::Both),
            t => t,
        };
        let base = TransformerPreset::for_task(task);
        p.task.task = task;
        (p.task.train_size, p.task.test_size) = (base.task.train_size, base.task.test_size);
        p.trainer.model.max_len = base.trainer.model.max_len;
        p
    })
}

/// A value inside `(lo, hi)` drawn from any `v`: `v` itself when inside, else a point of the
/// range picked by its bits (log-spaced, as rates are chosen).
fn rate_in(v: f64, (lo, hi): (f64, f64)) -> f64 {
    if (lo..=hi).contains(&v) {
        return v;
    }
    let t = (v.to_bits() % 1001) as f64 / 1000.0;
    (lo * (hi / lo).powf(t)).clamp(lo, hi)
}

/// The settings target's lab configs moved inside every range and under the budget (widths up
/// to 128, a batch up to 64, which the settings target shows always pass): each value outside
/// replaced by one inside, drawn from its own bits.
fn in_range(c: LabConfig) -> Settings {
    let inside = |layers: &mut Vec<usize>, min_depth: usize, train: &mut TrainSettings| {
        layers.truncate(DEPTH_RANGE.1);
        while layers.len() < min_depth {
            layers.insert(0, 32);
        }
        let last = layers.len() - 1;
        for w in &mut layers[..last] {
            *w = 1 + *w % 128;
        }
        layers[last] = 1 + layers[last] % LATENT_RANGE.1;
        train.lr = rate_in(train.lr, LR_RANGE);
        train.batch = 1 + train.batch % 64;
        train.seed %= SEED_MAX + 1;
    };
    match c {
        LabConfig::Ae(mut c) => {
            inside(&mut c.layers, 1, &mut c.train);
            Settings::Ae(c)
        }
        LabConfig::Vae(mut c) => {
            inside(&mut c.layers, 2, &mut c.train);
            c.beta = rate_in(f64::from(c.beta), (0.01, 10.0)) as f32;
            Settings::Vae(c)
        }
    }
}

/// The form's Transformer presets moved inside every range, and small enough that most fit
/// the budget.
fn tf_in_range(mut p: TransformerPreset) -> Settings {
    let m = &mut p.trainer.model;
    m.enc_layers = 1 + m.enc_layers % 2;
    m.dec_layers = 1 + m.dec_layers % 2;
    m.heads = [1, 2, 4, 8][m.heads % 4];
    m.d_model = 16 * (1 + m.d_model % 4);
    m.d_ff = 16 + m.d_ff % 113;
    m.dropout = rate_in(f64::from(m.dropout), (0.001, 0.5)) as f32;
    p.trainer.optimizer.lr = rate_in(p.trainer.optimizer.lr, (1e-6, 1.0));
    // The warm-up is the task preset's, cut to the steps, as the form cuts it.
    let total = 1 + p.trainer.schedule.total_steps() % 10_000_000;
    let preset = TransformerPreset::for_task(p.task.task).trainer.schedule;
    p.trainer.schedule = preset.with_total_steps(total);
    p.batch_size = 1 + p.batch_size % 16;
    Settings::Tf(p)
}

proptest! {
    #![proptest_config(config(CASES))]

    #[test]
    fn any_query_gives_valid_settings_that_read_back_from_their_own_link(
        c in chapter(),
        q in query(),
    ) {
        decodes_safely(c, &q)?;
    }

    #[test]
    fn a_damaged_link_still_gives_valid_settings(
        s in lab_config(),
        edits in mutations(),
    ) {
        let settings = match s {
            LabConfig::Ae(c) => Settings::Ae(c),
            LabConfig::Vae(c) => Settings::Vae(c),
        };
        let damaged = mutate(encode(&settings).into_bytes(), &edits);
        decodes_safely(settings.chapter(), &String::from_utf8_lossy(&damaged))?;
    }

    #[test]
    fn lab_settings_come_back_from_their_link_or_are_refused_by_a_field(s in lab_config()) {
        round_trips(match s {
            LabConfig::Ae(c) => Settings::Ae(c),
            LabConfig::Vae(c) => Settings::Vae(c),
        })?;
    }

    #[test]
    fn transformer_settings_come_back_from_their_link_or_are_refused_by_a_field(
        p in form_preset(),
    ) {
        round_trips(Settings::Tf(p))?;
    }

    #[test]
    fn valid_lab_settings_come_back_from_their_link(s in lab_config()) {
        let settings = in_range(s);
        prop_assert!(valid(&settings), "{:?}", settings);
        round_trips(settings)?;
    }

    #[test]
    fn valid_transformer_settings_come_back_from_their_link(p in form_preset()) {
        round_trips(tf_in_range(p))?;
    }
}
