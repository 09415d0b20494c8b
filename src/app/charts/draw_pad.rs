//! A pad to draw a digit with a mouse, a pen, a finger, or the keyboard (the arrow keys move a
//! pen and Space puts it down or lifts it: `view::pen`).
//!
//! The pad keeps its own ink buffer of 280×280 (ten times MNIST's 28×28) instead of reading
//! pixels back from the canvas: painting a stroke into it costs a few hundred pixels, and it
//! holds exactly the strokes, without the faint grid or the screen's pixel density. A brush of
//! 20/280 gives strokes of about 2 px at 28×28, like MNIST's pen.

use std::cell::RefCell;

use leptos::html::Canvas;
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{CanvasRenderingContext2d, KeyboardEvent, PointerEvent};

use super::surface::{capture_press, context_2d, keep_painted, offset_xy, Surface};
use crate::view::chart_style::{self as style, css};
use crate::view::ink::Ink;
use crate::view::pen::{Pen, PenMove};

/// Ink pixels per side.
const SIDE: usize = 280;
const BRUSH_RADIUS: f64 = 10.0;

/// Calls `on_ink` with the ink as (values in [0,1], row-major, width, height) while drawing (at
/// most once per animation frame) and after each stroke; with all zeros after Clear.
#[component]
pub fn DrawPad(
    on_ink: Callback<(Vec<f32>, usize, usize)>,
    testid: &'static str,
    clear_testid: &'static str,
    /// The Clear button's text (from the i18n catalogue of the page).
    clear_label: Signal<String>,
    /// What the pad is for, read by screen readers.
    #[prop(optional)]
    aria_label: Option<Signal<String>>,
) -> impl IntoView {
    let canvas = NodeRef::<Canvas>::new();
    // Local: it holds a canvas context; `try_` accessors make late frames after removal no-ops.
    let pad = StoredValue::new_local(RefCell::new(Pad::new()));

    paint_pad(canvas, pad);
    let (emit, emit_soon) = emitters(pad, on_ink);

    let on_down = move |ev: PointerEvent| {
        if capture_press(canvas, &ev) {
            pad.try_with_value(|pad| pad.borrow_mut().start(offset_xy(&ev)));
            emit_soon();
        }
    };
    let on_move = move |ev: PointerEvent| {
        let drawing = pad.try_with_value(|pad| pad.borrow().drawing) == Some(true);
        if !drawing {
            return;
        }
        // A fast stroke yields several samples per frame; taking them all keeps curves round.
        let samples = coalesced(&ev);
        pad.try_with_value(|pad| {
            let mut pad = pad.borrow_mut();
            for sample in samples {
                pad.extend(sample);
            }
        });
        emit_soon();
    };
    let on_up = move |_: PointerEvent| {
        let was_drawing = pad.try_with_value(|pad| std::mem::take(&mut pad.borrow_mut().drawing));
        if was_drawing == Some(true) {
            emit();
        }
    };
    let clear = move |_| {
        pad.try_with_value(|pad| pad.borrow_mut().clear());
        emit();
    };
    // Where the keyboard's pen is, for tests and styles: "x,y,down" in ink pixels.
    let pen_state = RwSignal::new(None::<String>);
    let on_key = move |ev: KeyboardEvent| {
        let done = pad.try_with_value(|pad| pad.borrow_mut().pen_key(&ev.key(), ev.shift_key()));
        let Some(Some(inked)) = done else { return };
        // The arrows and Space move the pen, not the page.
        ev.prevent_default();
        pen_state.set(pad.try_with_value(|pad| pad.borrow().pen_text()).flatten());
        if inked {
            emit();
        }
    };
    let on_blur = move |_| {
        pad.try_with_value(|pad| pad.borrow_mut().drop_pen());
        pen_state.set(None);
    };

    view! {
        <div class="draw-pad">
            <canvas
                node_ref=canvas
                data-testid=testid
                data-pen=move || pen_state.get()
                tabindex="0"
                role="application"
                aria-label=move || aria_label.map(|l| l.get())
                on:keydown=on_key
                on:blur=on_blur
                on:pointerdown=on_down
                on:pointermove=on_move
                on:pointerup=on_up
                on:pointercancel=on_up
                on:lostpointercapture=on_up
            ></canvas>
            <button type="button" data-testid=clear_testid on:click=clear>
                {move || clear_label.get()}
            </button>
        </div>
    }
}

/// Paints the pad on its canvas whenever the canvas is (re)sized.
fn paint_pad(canvas: NodeRef<Canvas>, pad: PadStore) {
    keep_painted(
        canvas,
        || (),
        move |element, surface| {
            pad.try_with_value(|pad| {
                let mut pad = pad.borrow_mut();
                pad.screen = context_2d(element).map(|ctx| (ctx, surface));
                pad.repaint();
            });
        },
    );
}

/// (send the ink now, send it at the next animation frame): while drawing, the ink goes out at
/// most once per frame.
fn emitters(
    pad: PadStore,
    on_ink: Callback<(Vec<f32>, usize, usize)>,
) -> (impl Fn() + Copy + 'static, impl Fn() + Copy + 'static) {
    let emit = move || {
        let ink = pad.try_with_value(|pad| {
            let mut pad = pad.borrow_mut();
            pad.dirty = false;
            pad.ink.values.clone()
        });
        // Outside the borrow: the callback may do anything, including redrawing this page.
        if let Some(ink) = ink {
            on_ink.run((ink, SIDE, SIDE));
        }
    };
    let emit_soon = move || {
        let first = pad.try_with_value(|pad| !std::mem::replace(&mut pad.borrow_mut().dirty, true));
        if first == Some(true) {
            request_animation_frame(move || {
                if pad.try_with_value(|pad| pad.borrow().dirty) == Some(true) {
                    emit();
                }
            });
        }
    };
    (emit, emit_soon)
}

/// The pad's state; local, as it holds a canvas context.
type PadStore = StoredValue<RefCell<Pad>, LocalStorage>;

/// The pointer positions of a move event in CSS pixels: its coalesced samples where the
/// browser offers them, else the event itself.
fn coalesced(ev: &PointerEvent) -> Vec<(f64, f64)> {
    let supported =
        js_sys::Reflect::has(ev, &JsValue::from_str("getCoalescedEvents")).unwrap_or(false);
    let samples: Vec<(f64, f64)> = if supported {
        ev.get_coalesced_events()
            .iter()
            .filter_map(|e| e.dyn_into::<PointerEvent>().ok())
            .map(|e| offset_xy(&e))
            .collect()
    } else {
        Vec::new()
    };
    if samples.is_empty() {
        vec![offset_xy(ev)]
    } else {
        samples
    }
}

/// The strokes so far, their ink, and the screen they are shown on.
struct Pad {
    ink: Ink,
    /// Every stroke's points in ink pixels, to repaint them at a new size.
    strokes: Vec<Vec<(f64, f64)>>,
    drawing: bool,
    /// The keyboard's pen, from its first key until the pad loses focus.
    pen: Option<Pen>,
    /// The ink changed since it was last sent.
    dirty: bool,
    screen: Option<(CanvasRenderingContext2d, Surface)>,
}

impl Pad {
    fn new() -> Pad {
        Pad {
            ink: Ink::new(SIDE, SIDE),
            strokes: Vec::new(),
            drawing: false,
            pen: None,
            dirty: false,
            screen: None,
        }
    }

    /// From CSS pixels on the canvas to ink pixels.
    fn to_ink(&self, (x, y): (f64, f64)) -> Option<(f64, f64)> {
        let (_, s) = self.screen.as_ref()?;
        Some((x * SIDE as f64 / s.css_w, y * SIDE as f64 / s.css_h))
    }

    /// A pointer pressed at `at` (CSS pixels): a stroke starts, and follows the pointer.
    fn start(&mut self, at: (f64, f64)) {
        let Some(p) = self.to_ink(at) else { return };
        self.drawing = true;
        self.start_ink(p);
    }

    fn extend(&mut self, to: (f64, f64)) {
        if let Some(p) = self.to_ink(to) {
            self.extend_ink(p);
        }
    }

    /// A stroke starts at `p` (ink pixels) with a dot.
    fn start_ink(&mut self, p: (f64, f64)) {
        self.strokes.push(vec![p]);
        self.segment(p, p);
    }

    /// The current stroke goes on to `p` (ink pixels).
    fn extend_ink(&mut self, p: (f64, f64)) {
        let Some(&last) = self.strokes.last().and_then(|s| s.last()) else {
            return;
        };
        // Sub-pixel jitter adds points, not ink.
        if (p.0 - last.0).hypot(p.1 - last.1) < 0.5 {
            return;
        }
        if let Some(stroke) = self.strokes.last_mut() {
            stroke.push(p);
        }
        self.segment(last, p);
    }

    /// Paints one segment into the ink and onto the screen.
    fn segment(&mut self, a: (f64, f64), b: (f64, f64)) {
        self.ink.stroke(a, b, BRUSH_RADIUS);
        if let Some((ctx, s)) = &self.screen {
            let k = f64::from(s.px_w) / SIDE as f64;
            brush(ctx, k);
            ctx.begin_path();
            ctx.move_to(a.0 * k, a.1 * k);
            ctx.line_to(b.0 * k, b.1 * k);
            ctx.stroke();
        }
    }

    /// Applies a key to the keyboard's pen: `None` when the pen does not use the key, else
    /// whether the ink changed. The pen appears with its first key, not on a mouse's focus.
    fn pen_key(&mut self, key: &str, shift: bool) -> Option<bool> {
        let mut pen = self.pen.unwrap_or(Pen::new(SIDE as f64));
        let moved = pen.key(key, shift)?;
        self.pen = Some(pen);
        let inked = match moved {
            PenMove::Down(p) => {
                self.start_ink(p);
                true
            }
            PenMove::Moved { to, ink: true, .. } => {
                self.extend_ink(to);
                true
            }
            PenMove::Moved { ink: false, .. } | PenMove::Up => false,
        };
        // The pen's ring moved: everything again (a few strokes), so no old ring stays.
        self.repaint();
        Some(inked)
    }

    fn pen_text(&self) -> Option<String> {
        self.pen
            .map(|p| format!("{:.0},{:.0},{}", p.at.0, p.at.1, p.down))
    }

    /// Focus left the pad: the pen goes, and its ring with it.
    fn drop_pen(&mut self) {
        if self.pen.take().is_some() {
            self.repaint();
        }
    }

    fn clear(&mut self) {
        self.ink.clear();
        self.strokes.clear();
        self.drawing = false;
        // A pen that was down has no stroke left to go on with: lift it.
        if let Some(pen) = &mut self.pen {
            pen.down = false;
        }
        self.repaint();
    }

    /// Everything again, after a resize or a clear: one path per stroke.
    fn repaint(&self) {
        let Some((ctx, s)) = &self.screen else { return };
        ctx.clear_rect(0.0, 0.0, f64::from(s.px_w), f64::from(s.px_h));
        let k = f64::from(s.px_w) / SIDE as f64;
        brush(ctx, k);
        for stroke in &self.strokes {
            let Some(&(x, y)) = stroke.first() else {
                continue;
            };
            ctx.begin_path();
            ctx.move_to(x * k, y * k);
            // A lone point is a zero-length line, which round caps draw as a dot.
            ctx.line_to(x * k, y * k);
            for &(x, y) in &stroke[1..] {
                ctx.line_to(x * k, y * k);
            }
            ctx.stroke();
        }
        if let Some(pen) = &self.pen {
            // A ring just wider than the brush: accent while lifted, ink-coloured when down.
            ctx.set_line_width(s.px(2.0));
            // Ink while the keyboard's pen draws, the accent while it is lifted.
            ctx.set_stroke_style_str(&css(if pen.down { style::INK } else { style::ACCENT }));
            ctx.begin_path();
            let radius = (BRUSH_RADIUS + 5.0) * k;
            let _ = ctx.arc(
                pen.at.0 * k,
                pen.at.1 * k,
                radius,
                0.0,
                std::f64::consts::TAU,
            );
            ctx.stroke();
        }
    }
}

/// The pen: round, as wide as the ink brush, at `k` screen pixels per ink pixel.
fn brush(ctx: &CanvasRenderingContext2d, k: f64) {
    ctx.set_stroke_style_str(&css(style::INK));
    ctx.set_line_width(2.0 * BRUSH_RADIUS * k);
    ctx.set_line_cap("round");
    ctx.set_line_join("round");
}
