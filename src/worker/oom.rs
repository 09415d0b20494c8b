//! An allocator that says "out of memory" before the worker dies of it.
//!
//! When wasm memory cannot grow, Rust's allocation-failure path aborts at once: no panic hook
//! runs, and the page would see only a dead worker. This wraps the system allocator; on a failed
//! allocation it frees a small reserve (so that encoding and posting one message can still
//! allocate), posts `Event::OutOfMemory`, and then aborts as before. Budgets
//! (`jobs::budget`) keep valid settings far from this; it is the last line, not the plan.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicBool, AtomicPtr, Ordering};

use crate::protocol::Event;

/// Enough for the message and the formatting around it.
const RESERVE: Layout = match Layout::from_size_align(64 * 1024, 16) {
    Ok(layout) => layout,
    Err(_) => panic!("a valid layout"),
};

static RESERVE_PTR: AtomicPtr<u8> = AtomicPtr::new(std::ptr::null_mut());
static FAILED: AtomicBool = AtomicBool::new(false);

/// The worker binaries' global allocator (`#[global_allocator]` in `src/bin/worker*.rs`).
pub struct Guarded;

// SAFETY: every call is forwarded to `System` with the same layout and pointer; the failure
// path only frees the reserve, which `System` gave us with `RESERVE`'s layout.
unsafe impl GlobalAlloc for Guarded {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if p.is_null() {
            out_of_memory(layout.size());
        }
        p
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc_zeroed(layout) };
        if p.is_null() {
            out_of_memory(layout.size());
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if p.is_null() {
            out_of_memory(new_size);
        }
        p
    }
}

/// Set the reserve aside; called once when the worker starts.
pub fn reserve() {
    // SAFETY: a non-zero size and a valid alignment.
    let p = unsafe { System.alloc(RESERVE) };
    RESERVE_PTR.store(p, Ordering::SeqCst);
}

/// Frees the reserve, tells the page, and dies. Runs at most once: an allocation that fails
/// while reporting goes straight to the abort.
fn out_of_memory(requested: usize) -> ! {
    if !FAILED.swap(true, Ordering::SeqCst) {
        let reserve = RESERVE_PTR.swap(std::ptr::null_mut(), Ordering::SeqCst);
        if !reserve.is_null() {
            // SAFETY: allocated in `reserve()` with this layout, and freed only here, once.
            unsafe { System.dealloc(reserve, RESERVE) };
        }
        super::post(
            &super::scope(),
            &Event::OutOfMemory {
                requested: requested as u64,
                memory: super::memory_bytes() as u64,
            },
        );
    }
    std::process::abort()
}
