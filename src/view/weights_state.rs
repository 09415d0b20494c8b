//! A lab's weights files as the page shows them: the last export (downloaded as it arrives, its
//! script shown), and what became of the last file the visitor chose to import, in words.
//! Every lab keeps one (`LabState::files`, `TranslateState::files`).

use crate::export::problem::dims;
use crate::export::safetensors_file::MAX_FILE_BYTES;
use crate::export::{ExportFile, Imported, WeightsProblem};
use crate::i18n::Msg;
use crate::models::budget::size_text;
use crate::view::format::{fill, group_thousands, lead_in};

#[derive(Clone, Debug, Default, PartialEq)]
pub struct WeightsState {
    pub exported: Option<ExportFile>,
    /// Exports answered so far: a chapter downloads the ones that arrive while it is shown.
    pub exports: u32,
    pub import: Option<ImportNote>,
}

/// The last import, by the name of its file.
#[derive(Clone, Debug, PartialEq)]
pub enum ImportNote {
    /// Sent to the worker, which checks every tensor before it writes one.
    Checking {
        name: String,
    },
    Loaded {
        name: String,
        imported: Imported,
    },
    /// Not loaded, and the model is as it was.
    Refused {
        name: String,
        problem: WeightsProblem,
    },
    /// The browser could not read the file (moved or deleted since it was picked).
    Unreadable {
        name: String,
    },
}

impl WeightsState {
    /// The visitor picked `name` of `bytes`: true if it goes to the worker. A file larger than
    /// any model's weights is refused here, unread.
    pub fn choose(&mut self, name: String, bytes: u64) -> bool {
        if bytes > MAX_FILE_BYTES as u64 {
            let problem = WeightsProblem::FileTooLarge {
                bytes,
                max: MAX_FILE_BYTES as u64,
            };
            self.import = Some(ImportNote::Refused { name, problem });
            return false;
        }
        self.import = Some(ImportNote::Checking { name });
        true
    }

    pub fn unreadable(&mut self) {
        let name = self.checking();
        self.import = Some(ImportNote::Unreadable { name });
    }

    pub fn exported(&mut self, file: ExportFile) {
        self.exported = Some(file);
        self.exports += 1;
    }

    pub fn imported(&mut self, imported: Imported) {
        let name = self.checking();
        self.import = Some(ImportNote::Loaded { name, imported });
    }

    pub fn refused(&mut self, problem: WeightsProblem) {
        let name = self.checking();
        self.import = Some(ImportNote::Refused { name, problem });
    }

    /// The name of the file being checked (an answer can only follow a choice).
    fn checking(&self) -> String {
        match &self.import {
            Some(ImportNote::Checking { name }) => name.clone(),
            _ => String::new(),
        }
    }
}

impl ImportNote {
    /// The file was not taken: the note is a warning, not news.
    pub fn is_refusal(&self) -> bool {
        matches!(
            self,
            ImportNote::Refused { .. } | ImportNote::Unreadable { .. }
        )
    }

    /// The note in the language of `t`.
    pub fn text(&self, t: impl Fn(Msg) -> &'static str) -> String {
        match self {
            ImportNote::Checking { name } => fill(t(Msg::WeightsChecking), &[("name", name)]),
            ImportNote::Loaded { name, imported } => fill(
                t(Msg::WeightsLoaded),
                &[
                    ("name", name),
                    ("tensors", &imported.tensors.to_string()),
                    ("scalars", &group_thousands(imported.scalars)),
                ],
            ),
            ImportNote::Refused { name, problem } => lead_in(
                &fill(t(Msg::WeightsRefused), &[("name", name)]),
                &problem_text(&t, problem),
            ),
            ImportNote::Unreadable { name } => fill(t(Msg::WeightsUnreadable), &[("name", name)]),
        }
    }
}

/// Why a file was refused, in the language of `t`; names and numbers as the file gave them.
pub fn problem_text(t: impl Fn(Msg) -> &'static str, p: &WeightsProblem) -> String {
    let more = |n: usize| match n {
        0 => String::new(),
        n => fill(t(Msg::WpMore), &[("n", &n.to_string())]),
    };
    let thousands = |n: u64| group_thousands(n);
    match p {
        WeightsProblem::FileTooLarge { bytes, max } => fill(
            t(Msg::WpFileTooLarge),
            &[("size", &size_text(*bytes)), ("max", &size_text(*max))],
        ),
        WeightsProblem::HeaderTooLarge { bytes, max } => fill(
            t(Msg::WpHeaderTooLarge),
            &[("bytes", &thousands(*bytes)), ("max", &thousands(*max))],
        ),
        WeightsProblem::Truncated { bytes, needed } => fill(
            t(Msg::WpTruncated),
            &[
                ("bytes", &thousands(*bytes)),
                ("needed", &thousands(*needed)),
            ],
        ),
        WeightsProblem::Malformed { detail } => fill(t(Msg::WpMalformed), &[("detail", detail)]),
        WeightsProblem::Missing { name, more: n } => {
            fill(t(Msg::WpMissing), &[("name", name), ("more", &more(*n))])
        }
        WeightsProblem::Unexpected { name, more: n } => {
            fill(t(Msg::WpUnexpected), &[("name", name), ("more", &more(*n))])
        }
        WeightsProblem::Shape {
            name,
            expected,
            found,
        } => fill(
            t(Msg::WpShape),
            &[
                ("name", name),
                ("expected", &dims(expected)),
                ("found", &dims(found)),
            ],
        ),
        WeightsProblem::Dtype { name, dtype } => {
            fill(t(Msg::WpDtype), &[("name", name), ("dtype", dtype)])
        }
        WeightsProblem::NonFinite { name, index, value } => fill(
            t(Msg::WpNonFinite),
            &[
                ("name", name),
                ("index", &index.to_string()),
                ("value", value),
            ],
        ),
        WeightsProblem::Vocabulary { missing, extra } => {
            // Each side that has characters, quoted, so that a space or a comma shows.
            let sides = [(Msg::WpVocabMissing, missing), (Msg::WpVocabExtra, extra)];
            let diff: Vec<String> = sides
                .iter()
                .filter(|(_, chars)| !chars.is_empty())
                .map(|(m, chars)| fill(t(*m), &[("chars", &format!("“{chars}”"))]))
                .collect();
            fill(
                t(Msg::WpVocab),
                &[("diff", &diff.join(t(Msg::PairsSeparator)))],
            )
        }
        WeightsProblem::Model { detail } => fill(t(Msg::WpModel), &[("detail", detail)]),
    }
}

#[cfg(test)]
#[path = "weights_state_tests.rs"]
mod tests;
