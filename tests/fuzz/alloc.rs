//! The largest single allocation a piece of code asks for, on this thread: a parser that trusts
//! a size written in its input (a gzip trailer, a digit count, a length prefix) would show here
//! long before it ran a browser tab out of memory.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

struct Tracking;

thread_local! {
    // Const-initialised, so reading it never allocates (which would recurse into `alloc`).
    static LARGEST: Cell<usize> = const { Cell::new(0) };
}

fn note(size: usize) {
    // `try_with`: the allocator also runs while a thread's locals are being torn down.
    let _ = LARGEST.try_with(|l| l.set(l.get().max(size)));
}

// SAFETY: every call is passed straight to the system allocator; only a size is noted.
unsafe impl GlobalAlloc for Tracking {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        note(layout.size());
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        note(layout.size());
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        note(new_size);
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static TRACKING: Tracking = Tracking;

/// Runs `f` and returns its result with the largest single allocation it made on this thread.
pub(crate) fn largest_allocation<T>(f: impl FnOnce() -> T) -> (T, usize) {
    LARGEST.with(|l| l.set(0));
    let out = f();
    (out, LARGEST.with(Cell::get))
}

/// Runs `f` on an input of `len` bytes, failing the case if it asked for more than `bound` bytes
/// at once.
pub(crate) fn within_bound<T>(
    len: usize,
    bound: usize,
    f: impl FnOnce() -> T,
) -> Result<T, proptest::test_runner::TestCaseError> {
    let (result, largest) = largest_allocation(f);
    proptest::prop_assert!(
        largest <= bound,
        "{largest} bytes allocated for a {len}-byte input"
    );
    Ok(result)
}

#[test]
fn the_largest_allocation_is_seen_and_forgotten_between_runs() {
    let (v, largest) = largest_allocation(|| vec![0u8; 3 << 20]);
    assert_eq!((v.len(), largest), (3 << 20, 3 << 20));
    let ((), largest) = largest_allocation(|| ());
    assert_eq!(largest, 0);
}
