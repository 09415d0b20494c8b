//! Links that reproduce a run: a lab's settings, seed included, as the query of its chapter's
//! fragment (`#/autoencoder?widths=784-64-2&lr=0.001&seed=3`), and back.
//!
//! A link writes every field, not only those that differ from the defaults: it then names the
//! same run after a later version changes a default, and reading it needs no knowledge of the
//! defaults its writer had. It stays short (about 80 characters for the autoencoder, 150 for the
//! Transformer) and readable, since the keys are the forms' own field names
//! (`super::share_fields`).
//!
//! Reading trusts nothing: the query is cut at [`MAX_QUERY`] characters, each parameter is read
//! as its form field would read it, and the settings that result pass the lab's own `validate`,
//! memory and time budget included. What is refused keeps its default and says why, next to its
//! field; the rest is applied.

use super::share_fields::Linked;
use crate::i18n::Msg;
use crate::jobs::lab::config::{AeLabConfig, LabConfig, VaeLabConfig};
use crate::jobs::lab::fields::{from_core, FieldError, FieldErrors, LinkError};
use crate::models::TransformerPreset;
use crate::routes::Chapter;
use crate::view::format::lead_in;

/// Characters of a query that are read; a link past them is refused from the last whole
/// parameter before the cut on. The longest valid link is under 200.
pub const MAX_QUERY: usize = 2000;
/// The field of a refusal that belongs to the link as a whole (unknown keys, a cut link), for
/// a line by the share button rather than by a form field.
pub const LINK: &str = "link";
/// Unknown keys named in their refusal, and the characters shown of each.
const LISTED_KEYS: usize = 5;
const KEY_CHARS: usize = 24;

/// The settings of a chapter's lab.
#[derive(Clone, Debug, PartialEq)]
pub enum Settings {
    Ae(AeLabConfig),
    Vae(VaeLabConfig),
    Tf(TransformerPreset),
}

impl From<LabConfig> for Settings {
    fn from(config: LabConfig) -> Settings {
        match config {
            LabConfig::Ae(c) => Settings::Ae(c),
            LabConfig::Vae(c) => Settings::Vae(c),
        }
    }
}

impl Settings {
    /// The settings a chapter's lab starts with (the page's stores start with the same);
    /// `None` for a chapter without a lab.
    pub fn defaults(chapter: Chapter) -> Option<Settings> {
        match chapter {
            Chapter::Autoencoder => Some(Settings::Ae(AeLabConfig::seed())),
            Chapter::Vae => Some(Settings::Vae(VaeLabConfig::latent_2d())),
            Chapter::Transformer => Some(Settings::Tf(TransformerPreset::dates())),
            _ => None,
        }
    }

    pub fn chapter(&self) -> Chapter {
        match self {
            Settings::Ae(_) => Chapter::Autoencoder,
            Settings::Vae(_) => Chapter::Vae,
            Settings::Tf(_) => Chapter::Transformer,
        }
    }
}

/// The query for `settings`: every field as `key=value`, joined by `&`, in the form's order.
/// Values are numbers, widths and choice names, which need no escaping.
pub fn encode(settings: &Settings) -> String {
    let fields = match settings {
        Settings::Ae(c) => c.write(),
        Settings::Vae(c) => c.write(),
        Settings::Tf(p) => p.write(),
    };
    let pairs: Vec<String> = fields.iter().map(|(k, v)| format!("{k}={v}")).collect();
    pairs.join("&")
}

/// The fragment that opens `settings`' chapter with them: `#/autoencoder?widths=…`.
pub fn href(settings: &Settings) -> String {
    format!("{}?{}", settings.chapter().href(), encode(settings))
}

/// The settings a link's `query` gives `chapter`'s lab (`routes::Route::parse_with_query`
/// splits it off), and why each parameter that was not applied was not: at most one reason
/// per form field (the first, which its error line shows), and up to two for [`LINK`].
/// `None` for a chapter without a lab.
pub fn decode(chapter: Chapter, query: &str) -> Option<(Settings, FieldErrors)> {
    Some(match Settings::defaults(chapter)? {
        Settings::Ae(d) => {
            let (c, refused) = apply(d, query);
            (Settings::Ae(c), refused)
        }
        Settings::Vae(d) => {
            let (c, refused) = apply(d, query);
            (Settings::Vae(c), refused)
        }
        Settings::Tf(d) => {
            let (p, refused) = apply(d, query);
            (Settings::Tf(p), refused)
        }
    })
}

/// A known key and the text of its value, unescaped.
type Param = (&'static str, String);

/// `query`'s parameters on top of `defaults`: each value as its field reads it, then the whole
/// as `validate` sees it, where each refusal drops one parameter until the rest pass.
fn apply<L: Linked>(defaults: L, query: &str) -> (L, FieldErrors) {
    let (params, link_refused) = params(query, L::KEYS);
    let mut refused = FieldErrors::new();
    let mut accepted: Vec<Param> = Vec::new();
    for (key, text) in params {
        match defaults.clone().read(key, &text) {
            Ok(()) => accepted.push((key, text)),
            Err(e) => refuse(&mut refused, key, e),
        }
    }
    let settings = loop {
        let settings = build(&defaults, &accepted);
        let Err(e) = settings.validate() else {
            break settings;
        };
        let (field, reason) = from_core(&e).unwrap_or((LINK, FieldError::Invalid(e.to_string())));
        // Only when the defaults themselves fail, which a test rules out.
        let Some(culprit) = culprit(&defaults, &accepted, field) else {
            break settings;
        };
        accepted.retain(|(k, _)| *k != culprit);
        refuse(&mut refused, culprit, reason);
    };
    // A value's own fault says more than its being repeated.
    for (field, e) in link_refused {
        if field == LINK {
            refused.push((field, e));
        } else {
            refuse(&mut refused, field, e);
        }
    }
    (settings, refused)
}

/// Adds `field`'s refusal unless it has one.
fn refuse(refused: &mut FieldErrors, field: &'static str, e: FieldError) {
    if !refused.iter().any(|(f, _)| *f == field) {
        refused.push((field, e));
    }
}

/// `defaults` with `params` applied, each of which was read alone before.
fn build<L: Linked>(defaults: &L, params: &[Param]) -> L {
    let mut settings = defaults.clone();
    for (key, text) in params {
        // Reading depends on the text alone (`Linked::read`), and this one was read.
        let _ = settings.read(key, text);
    }
    settings
}

/// The parameter to drop for a refusal that names `field`: that field's own; else the first
/// whose absence moves the refusal off `field` (the budget blames the Transformer's d_model,
/// though it was the link's d_ff and layers that made the model big); else the last.
fn culprit<L: Linked>(defaults: &L, accepted: &[Param], field: &str) -> Option<&'static str> {
    if let Some((own, _)) = accepted.iter().find(|(k, _)| *k == field) {
        return Some(own);
    }
    let blamed = |params: Vec<Param>| {
        let e = build(defaults, &params).validate().err()?;
        from_core(&e).map(|(f, _)| f)
    };
    let moves = |&k: &&'static str| {
        let without = accepted.iter().filter(|(j, _)| *j != k).cloned().collect();
        blamed(without) != Some(field)
    };
    let mut keys = accepted.iter().map(|(k, _)| *k);
    keys.find(moves).or(accepted.last().map(|(k, _)| *k))
}

/// The first value of each of `keys` that `query` gives, in the order of `keys`, and the
/// refusals of everything else it holds: repeats, keys without a value, unknown keys, and
/// what lies past `MAX_QUERY`. Empty parameters (`&&&`) are nothing, and not refused.
fn params(query: &str, keys: &'static [&'static str]) -> (Vec<Param>, FieldErrors) {
    let (query, cut) = clip(query);
    let mut seen: Vec<(&'static str, Option<String>)> = Vec::new();
    let mut refused = FieldErrors::new();
    let (mut unknown, mut more) = (Vec::<String>::new(), false);
    for part in query.split('&').filter(|p| !p.is_empty()) {
        let (key, value) = match part.split_once('=') {
            Some((k, v)) => (k, Some(v)),
            None => (part, None),
        };
        let key = unescape(key);
        let Some(&known) = keys.iter().find(|k| **k == key) else {
            let key = shortened(&key);
            if !unknown.contains(&key) {
                if unknown.len() < LISTED_KEYS {
                    unknown.push(key);
                } else {
                    more = true;
                }
            }
            continue;
        };
        if seen.iter().any(|(k, _)| *k == known) {
            refused.push((known, FieldError::Link(LinkError::Duplicate)));
            continue;
        }
        if value.is_none() {
            refused.push((known, FieldError::Link(LinkError::NoValue)));
        }
        seen.push((known, value.map(unescape)));
    }
    if !unknown.is_empty() {
        let unknown = LinkError::UnknownKeys {
            keys: unknown,
            more,
        };
        refused.push((LINK, FieldError::Link(unknown)));
    }
    if cut {
        refused.push((LINK, FieldError::Link(LinkError::TooLong(MAX_QUERY))));
    }
    let in_order = keys.iter().filter_map(|&k| {
        let (_, value) = seen.iter().find(|(s, _)| *s == k)?;
        Some((k, value.clone()?))
    });
    (in_order.collect(), refused)
}

/// The query up to its last whole parameter within `MAX_QUERY` characters, and whether it was
/// longer. A parameter the cut runs through is dropped whole: cut short, its value would be
/// another value ("seed=12345" read as "seed=12").
fn clip(query: &str) -> (&str, bool) {
    let Some((end, _)) = query.char_indices().nth(MAX_QUERY) else {
        return (query, false);
    };
    let (head, tail) = query.split_at(end);
    if tail.starts_with('&') {
        return (head, true);
    }
    (head.rfind('&').map_or("", |i| &head[..i]), true)
}

/// Decodes `%XX` escapes (as a browser leaves them in `location.hash`); a `%` that starts no
/// escape stays, and bytes that are not UTF-8 become U+FFFD. `+` stays `+`: it is not a
/// space in a fragment, and `1e+3` is a number.
fn unescape(text: &str) -> String {
    let hex = |b: Option<&u8>| char::from(*b?).to_digit(16);
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if let (b'%', Some(hi), Some(lo)) = (bytes[i], hex(bytes.get(i + 1)), hex(bytes.get(i + 2)))
        {
            out.push((hi * 16 + lo) as u8);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// A key as its refusal shows it: at most `KEY_CHARS` characters, then "…".
fn shortened(key: &str) -> String {
    let mut chars = key.chars();
    let shown: String = chars.by_ref().take(KEY_CHARS).collect();
    if chars.next().is_some() {
        shown + "…"
    } else {
        shown
    }
}

/// The reason a link's parameter was not applied, in the language of `lang_t`: the text a
/// [`FieldError::Link`] shows.
pub fn link_error_text(lang_t: impl Fn(Msg) -> &'static str, e: &LinkError) -> String {
    match e {
        LinkError::UnknownKeys { keys, more } => {
            let mut listed: Vec<String> = keys.iter().map(|k| format!("“{k}”")).collect();
            if *more {
                listed.push("…".into());
            }
            lead_in(
                lang_t(Msg::LinkUnknownKeys),
                &listed.join(lang_t(Msg::ListSep)),
            )
        }
        LinkError::Duplicate => lang_t(Msg::LinkDuplicate).to_string(),
        LinkError::NoValue => lang_t(Msg::LinkNoValue).to_string(),
        LinkError::NotChoice(names) => lead_in(
            lang_t(Msg::LinkNotChoice),
            &names.join(lang_t(Msg::ListSep)),
        ),
        LinkError::NotFromInput(input) => {
            lang_t(Msg::LinkNotFromInput).replace("{input}", &input.to_string())
        }
        LinkError::TooLong(max) => lang_t(Msg::LinkTooLong).replace("{max}", &max.to_string()),
    }
}

#[cfg(test)]
#[path = "share_link_tests.rs"]
mod tests;
