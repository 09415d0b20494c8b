//! Live figures: line charts, the latent-space map, digit images and a pad to draw a digit.
//!
//! Each widget owns one canvas, sized to the screen's pixel density and repainted at most once
//! per animation frame from its signals (see `surface`). Legends and labels are HTML.

mod axes;
mod bar_chart;
mod digits;
mod draw_pad;
mod heatmap;
mod line_chart;
mod scatter;
mod surface;
mod table_toggle;

pub use crate::view::chart_style::{CLASS_COLORS, SERIES};
pub use bar_chart::{BarChart, Bars};
pub use digits::{DigitGrid, DigitImage};
pub use draw_pad::DrawPad;
pub use heatmap::{Heat, HeatScale, Heatmap};
pub use line_chart::{LineChart, Series};
pub use scatter::{LatentScatter, ScatterData};
