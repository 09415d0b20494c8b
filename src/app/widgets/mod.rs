//! The form controls and frames the chapters share, so that a `<select>`, a checkbox or a run's
//! progress line is written once and looks and behaves the same in every lab.

mod announce;
mod arm_guide;
mod clipboard;
mod experiment_frame;
mod figure_table;
mod guide;
mod number_field;
mod picked_file;
mod run_controls;
mod run_status;
mod select;
mod toggle;

pub use announce::Announce;
pub use arm_guide::{ArmGuide, Kept, LabHands};
pub use clipboard::{copy_text, Copied};
pub use experiment_frame::{Buttons, ExperimentFrame, Fields, Note};
pub use figure_table::FigureTable;
pub use guide::{guide_progress, Guide};
pub use number_field::{error_text, NumberField};
pub use picked_file::picked_file;
pub use run_controls::RunControls;
pub use run_status::RunStatus;
pub use select::{indexed, Choice, Select};
pub use toggle::Toggle;
