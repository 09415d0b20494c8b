//! A training step of the seed autoencoder allocates nothing once warm: a counting global
//! allocator watches this test's thread while it trains.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::sync::atomic::{AtomicUsize, Ordering};

use gradlab::models::{Autoencoder, AutoencoderConfig, AutoencoderTrainer};
use gradlab::optim::{Adam, AdamConfig, Optimizer};
use gradlab::rng::Rng;
use gradlab::tensor::{Graph, ParamStore};

struct Counting;

static ALLOCATIONS: AtomicUsize = AtomicUsize::new(0);

thread_local! {
    // Only the measuring thread counts: the test harness allocates on its own threads.
    static COUNTING: Cell<bool> = const { Cell::new(false) };
}

fn note() {
    if COUNTING.try_with(Cell::get).unwrap_or(false) {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
    }
}

// SAFETY: every call forwards to the system allocator unchanged; counting has no side effects
// on memory.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        note();
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        note();
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        note();
        unsafe { System.realloc(ptr, layout, new_size) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// Allocations made by `f` on this thread.
fn count_allocations(f: impl FnOnce()) -> usize {
    ALLOCATIONS.store(0, Ordering::Relaxed);
    COUNTING.with(|c| c.set(true));
    f();
    COUNTING.with(|c| c.set(false));
    ALLOCATIONS.load(Ordering::Relaxed)
}

fn batch(rows: usize, width: usize) -> Vec<f32> {
    let mut rng = Rng::seed(3);
    (0..rows * width).map(|_| rng.next_f32()).collect()
}

#[test]
fn the_counter_sees_allocations() {
    assert!(count_allocations(|| drop(std::hint::black_box(vec![1u8; 16]))) >= 1);
}

#[test]
fn a_warm_seed_autoencoder_step_allocates_nothing() {
    let config = AutoencoderConfig::seed();
    let mut trainer = AutoencoderTrainer::new(&config, AdamConfig::default(), 42).unwrap();
    let pixels = batch(32, 784);
    for _ in 0..3 {
        trainer.step(&pixels).unwrap();
    }
    let mut losses = [0.0; 10];
    let n = count_allocations(|| {
        for l in &mut losses {
            *l = trainer.step(&pixels).unwrap_or(f32::NAN);
        }
    });
    assert_eq!(n, 0, "{n} allocations in 10 warm steps");
    assert!(losses.iter().all(|l| l.is_finite()));
}

#[test]
fn the_hand_written_training_loop_allocates_nothing_once_warm() {
    // The loop the app writes, spelled out: tape, parameters and optimiser kept across steps.
    let mut params = ParamStore::new();
    let mut rng = Rng::seed(42);
    let model = Autoencoder::new(&AutoencoderConfig::latent_2d(), &mut params, &mut rng).unwrap();
    let mut g = Graph::new();
    let mut opt = Adam::new(AdamConfig::default(), &params);
    let pixels = batch(16, 784);
    let mut step = |g: &mut Graph, params: &mut ParamStore| {
        g.reset();
        let x = g.input_from_slice(&[16, 784], &pixels);
        let y = model.forward(g, params, x);
        let loss = g.mse(y, x);
        let grads = g.backward(loss, params).unwrap();
        opt.step(params, &grads).unwrap();
        g.scalar(loss)
    };
    for _ in 0..3 {
        step(&mut g, &mut params);
    }
    let n = count_allocations(|| {
        for _ in 0..10 {
            step(&mut g, &mut params);
        }
    });
    assert_eq!(n, 0, "{n} allocations in 10 warm steps");
}
