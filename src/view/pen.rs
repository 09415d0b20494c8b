//! Drawing a digit with the keyboard: a pen on the pad that the arrow keys move and Space puts
//! down or lifts. Moving a pen that is down draws a line, as a mouse drag does. Positions are in
//! the pad's ink pixels (`app::charts::draw_pad`, 280 per side).

/// One arrow press moves the pen this many ink pixels: 1.4 MNIST pixels, so ten presses cross
/// half a digit. Shift moves three times as far.
const STEP: f64 = 14.0;
const SHIFT_STEP: f64 = 42.0;

/// What a key did to the pen.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum PenMove {
    /// The pen went from the first point to the second; `ink` when it was down, so the pad
    /// draws the segment.
    Moved {
        from: (f64, f64),
        to: (f64, f64),
        ink: bool,
    },
    /// Space put the pen down at this point (a dot, and the start of a stroke).
    Down((f64, f64)),
    /// Space or Escape lifted it: the stroke is finished.
    Up,
}

/// The keyboard's pen: where it is on a pad `side` pixels square, and whether it is down.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Pen {
    pub at: (f64, f64),
    pub down: bool,
    side: f64,
}

impl Pen {
    /// A lifted pen at the centre of the pad, where a digit is drawn.
    pub fn new(side: f64) -> Pen {
        Pen {
            at: (side / 2.0, side / 2.0),
            down: false,
            side,
        }
    }

    /// Applies `key`; `None` for a key the pen does not use, which the page keeps (Tab moves on).
    pub fn key(&mut self, key: &str, shift: bool) -> Option<PenMove> {
        let step = if shift { SHIFT_STEP } else { STEP };
        let (dx, dy) = match key {
            "ArrowLeft" => (-step, 0.0),
            "ArrowRight" => (step, 0.0),
            "ArrowUp" => (0.0, -step),
            "ArrowDown" => (0.0, step),
            " " => {
                self.down = !self.down;
                return Some(if self.down {
                    PenMove::Down(self.at)
                } else {
                    PenMove::Up
                });
            }
            "Escape" if self.down => {
                self.down = false;
                return Some(PenMove::Up);
            }
            _ => return None,
        };
        let from = self.at;
        // The pen stays on the pad: a pen at the edge does not move further.
        let inside = |v: f64| v.clamp(0.0, self.side);
        self.at = (inside(from.0 + dx), inside(from.1 + dy));
        Some(PenMove::Moved {
            from,
            to: self.at,
            ink: self.down,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_arrows_move_a_lifted_pen_without_ink() {
        let mut pen = Pen::new(280.0);
        assert_eq!(pen.at, (140.0, 140.0));
        assert_eq!(
            pen.key("ArrowRight", false),
            Some(PenMove::Moved {
                from: (140.0, 140.0),
                to: (154.0, 140.0),
                ink: false
            })
        );
        pen.key("ArrowUp", true);
        assert_eq!(pen.at, (154.0, 98.0));
    }

    #[test]
    fn space_puts_the_pen_down_and_then_the_arrows_draw() {
        let mut pen = Pen::new(280.0);
        assert_eq!(pen.key(" ", false), Some(PenMove::Down((140.0, 140.0))));
        assert!(matches!(
            pen.key("ArrowDown", false),
            Some(PenMove::Moved { ink: true, .. })
        ));
        assert_eq!(pen.key(" ", false), Some(PenMove::Up));
        assert!(!pen.down);
        // Escape lifts a pen that is down, and is the page's otherwise.
        pen.key(" ", false);
        assert_eq!(pen.key("Escape", false), Some(PenMove::Up));
        assert_eq!(pen.key("Escape", false), None);
    }

    #[test]
    fn the_pen_stays_on_the_pad_and_leaves_other_keys_to_the_page() {
        let mut pen = Pen::new(280.0);
        for _ in 0..20 {
            pen.key("ArrowLeft", true);
        }
        assert_eq!(pen.at, (0.0, 140.0));
        assert_eq!(
            pen.key("ArrowLeft", false),
            Some(PenMove::Moved {
                from: (0.0, 140.0),
                to: (0.0, 140.0),
                ink: false
            })
        );
        assert_eq!(pen.key("Tab", false), None);
        assert_eq!(pen.key("a", false), None);
    }
}
