//! A canvas kept crisp and current: its backing store is its CSS size × devicePixelRatio, and it
//! is painted at most once per animation frame, after its data changed or its size did.
//!
//! The pattern follows MDN's "Optimizing canvas" (scaling for high resolution displays) and
//! web.dev's ResizeObserver article: the observer reports the size after layout, so measuring
//! there never forces an extra layout, and painting there (before the frame is shown) avoids a
//! blank frame after the backing store is resized.

use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};

use leptos::html::Canvas;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{
    CanvasRenderingContext2d, HtmlCanvasElement, MouseEvent, PointerEvent, ResizeObserver,
};

/// The size of a canvas on screen and of its backing store.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Surface {
    /// CSS pixels.
    pub css_w: f64,
    pub css_h: f64,
    /// Backing-store pixels.
    pub px_w: u32,
    pub px_h: u32,
}

impl Surface {
    /// Backing-store pixels per CSS pixel.
    pub fn scale(&self) -> f64 {
        f64::from(self.px_w) / self.css_w
    }

    /// A length in CSS pixels, in backing-store pixels.
    pub fn px(&self, css: f64) -> f64 {
        css * self.scale()
    }
}

/// The canvas's 2-D context, or `None` (a browser without canvas, or a context lost).
pub fn context_2d(canvas: &HtmlCanvasElement) -> Option<CanvasRenderingContext2d> {
    canvas.get_context("2d").ok()??.dyn_into().ok()
}

/// Whether `ev` presses the primary button on `canvas`. If so the pointer is captured, so a
/// drag that leaves the canvas keeps reporting to it.
pub fn capture_press(canvas: NodeRef<Canvas>, ev: &PointerEvent) -> bool {
    if ev.button() != 0 {
        return false;
    }
    if let Some(element) = canvas.get_untracked() {
        let _ = element.set_pointer_capture(ev.pointer_id());
    }
    true
}

/// Where a pointer event happened, in CSS pixels from the target's top left. `offsetX` is
/// fractional in current browsers; web-sys reads it as an integer, so it is read directly.
pub fn offset_xy(ev: &MouseEvent) -> (f64, f64) {
    let read = |name: &str, fallback: i32| {
        js_sys::Reflect::get(ev, &JsValue::from_str(name))
            .ok()
            .and_then(|v| v.as_f64())
            .unwrap_or(f64::from(fallback))
    };
    (
        read("offsetX", ev.offset_x()),
        read("offsetY", ev.offset_y()),
    )
}

/// Paints `canvas` with `paint` whenever a signal read by `track` changes, the canvas changes
/// size, or the window is resized (a zoom changes devicePixelRatio), at most once per frame.
/// `paint` runs with the backing store already sized; it reads its data untracked.
pub fn keep_painted(
    canvas: NodeRef<Canvas>,
    track: impl Fn() + 'static,
    paint: impl Fn(&HtmlCanvasElement, Surface) + 'static,
) {
    let painter = Rc::new(Painter {
        canvas: RefCell::new(None),
        size: Cell::new(None),
        frame: Cell::new(None),
        observer: RefCell::new(None),
        paint: Box::new(paint),
    });

    Effect::new({
        let painter = Rc::clone(&painter);
        move |_| {
            track();
            if let Some(element) = canvas.get() {
                Painter::attach(&painter, element);
            }
            Painter::schedule(&painter);
        }
    });

    let weak = Rc::downgrade(&painter);
    let on_resize = window_event_listener(leptos::ev::resize, move |_| {
        if let Some(painter) = weak.upgrade() {
            // The CSS size may be unchanged while the device pixels per CSS pixel changed.
            painter.size.set(None);
            Painter::schedule(&painter);
        }
    });

    // Cleanups run before the owner's stored values are dropped, so the painter is still there.
    let painter = StoredValue::new_local(painter);
    on_cleanup(move || {
        on_resize.remove();
        painter.try_with_value(|painter| painter.detach());
    });
}

struct Painter {
    canvas: RefCell<Option<HtmlCanvasElement>>,
    /// CSS size last measured; `None` until measured or after a window resize.
    size: Cell<Option<(f64, f64)>>,
    frame: Cell<Option<AnimationFrameRequestHandle>>,
    observer: RefCell<Option<Observer>>,
    paint: Box<Paint>,
}

type Paint = dyn Fn(&HtmlCanvasElement, Surface);

/// A resize observer and the callback it calls, which must live as long as it observes.
struct Observer {
    observer: ResizeObserver,
    _on_resize: Closure<dyn FnMut()>,
}

impl Painter {
    fn attach(this: &Rc<Self>, element: HtmlCanvasElement) {
        if this.canvas.borrow().as_ref() == Some(&element) {
            return;
        }
        this.detach_observer();
        // Weak: the observer lives in the painter, so a strong reference would be a cycle.
        let weak = Rc::downgrade(this);
        let on_resize = Closure::<dyn FnMut()>::new(move || Painter::resized(&weak));
        if let Ok(observer) = ResizeObserver::new(on_resize.as_ref().unchecked_ref()) {
            observer.observe(&element);
            *this.observer.borrow_mut() = Some(Observer {
                observer,
                _on_resize: on_resize,
            });
        }
        *this.canvas.borrow_mut() = Some(element);
        this.size.set(None);
    }

    /// Called by the observer after layout: measuring is free here, and painting now shows
    /// the resized canvas in this very frame.
    fn resized(weak: &Weak<Self>) {
        let Some(this) = weak.upgrade() else { return };
        let Some(canvas) = this.canvas.borrow().clone() else {
            return;
        };
        let size = measure(&canvas);
        if this.size.get() != Some(size) {
            this.size.set(Some(size));
            this.cancel_frame();
            this.paint_now();
        }
    }

    fn schedule(this: &Rc<Self>) {
        if this.frame.get().is_some() {
            return;
        }
        let painter = Rc::clone(this);
        let handle = request_animation_frame_with_handle(move || {
            painter.frame.set(None);
            painter.paint_now();
        });
        this.frame.set(handle.ok());
    }

    fn paint_now(&self) {
        let Some(canvas) = self.canvas.borrow().clone() else {
            return;
        };
        let (css_w, css_h) = match self.size.get() {
            Some(size) => size,
            None => {
                let size = measure(&canvas);
                self.size.set(Some(size));
                size
            }
        };
        // Hidden (display: none) or not yet laid out: the observer reports when it shows.
        if css_w < 1.0 || css_h < 1.0 {
            return;
        }
        let dpr = window().device_pixel_ratio();
        let dpr = if dpr.is_finite() && dpr > 0.0 {
            dpr
        } else {
            1.0
        };
        let (px_w, px_h) = (
            (css_w * dpr).round().max(1.0) as u32,
            (css_h * dpr).round().max(1.0) as u32,
        );
        // Assigning a size clears the canvas and its state even when the value is unchanged.
        if canvas.width() != px_w {
            canvas.set_width(px_w);
        }
        if canvas.height() != px_h {
            canvas.set_height(px_h);
        }
        let surface = Surface {
            css_w,
            css_h,
            px_w,
            px_h,
        };
        (self.paint)(&canvas, surface);
    }

    fn cancel_frame(&self) {
        if let Some(handle) = self.frame.take() {
            handle.cancel();
        }
    }

    fn detach_observer(&self) {
        if let Some(observed) = self.observer.borrow_mut().take() {
            // Disconnect before the callback is dropped: a removed canvas reports a last size.
            observed.observer.disconnect();
        }
    }

    fn detach(&self) {
        self.cancel_frame();
        self.detach_observer();
        self.canvas.borrow_mut().take();
    }
}

/// The content size in CSS pixels, fractional (a canvas has no border or padding here).
fn measure(canvas: &HtmlCanvasElement) -> (f64, f64) {
    let rect = canvas.get_bounding_client_rect();
    (rect.width(), rect.height())
}
