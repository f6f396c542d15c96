//! The allocator: a bump arena in `.bss`, then the system's.
//!
//! venvsh lives for under a millisecond per `cd` and allocates a hundred-odd small
//! strings and vectors in that time. glibc's malloc set itself up (brk) and spent about
//! 150 instructions on each call and as much again freeing: a quarter of all the
//! instructions `venvsh export` ran (tests/icount.rs). Here an allocation is an
//! add and a compare-and-swap; freeing the last block handed out gives its space back
//! (a vector growing, a temporary string), any other block stays until exit; a vector
//! that grows while it is the last block grows in place. Past `SIZE` bytes, or for
//! what the arena did not hand out, the system allocator does the work, so a command
//! that allocates a lot (`list` over many venvs) is only as fast as before, never
//! wrong. The arena's pages cost nothing until touched.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::UnsafeCell;
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

const SIZE: usize = 256 * 1024;

#[repr(C, align(4096))]
struct Space(UnsafeCell<[u8; SIZE]>);

// SAFETY: the bytes are handed out in disjoint blocks by `USED`'s compare-and-swap; each
// block is then its owner's alone.
unsafe impl Sync for Space {}

static SPACE: Space = Space(UnsafeCell::new([0; SIZE]));

/// Bytes of `SPACE` handed out, from its start: the next block starts at or after it.
static USED: AtomicUsize = AtomicUsize::new(0);

pub struct Arena;

fn base() -> usize {
    SPACE.0.get() as usize
}

/// Where `p` lies in the arena, if it does.
fn offset(p: *mut u8) -> Option<usize> {
    (p as usize).checked_sub(base()).filter(|&o| o < SIZE)
}

// SAFETY: blocks never overlap (each is claimed by a compare-and-swap of `USED` from the
// value the block starts at or after), are aligned as asked, lie inside `SPACE`, and
// are given back only by their owner; what is not the arena's goes to `System`.
//
// Not inlined: with fat LTO each of the hundreds of allocation sites would carry its own
// copy of the loop (it made the code 250 KB larger, and the code a cd runs sparser).
unsafe impl GlobalAlloc for Arena {
    #[inline(never)]
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let mut used = USED.load(Relaxed);
        loop {
            let start = (base() + used).next_multiple_of(layout.align()) - base();
            let end = match start.checked_add(layout.size()) {
                Some(end) if end <= SIZE => end,
                // SAFETY: the caller's layout, as GlobalAlloc::alloc takes it.
                _ => return unsafe { System.alloc(layout) },
            };
            match USED.compare_exchange_weak(used, end, Relaxed, Relaxed) {
                Ok(_) => return (base() + start) as *mut u8,
                Err(now) => used = now,
            }
        }
    }

    #[inline(never)]
    unsafe fn dealloc(&self, p: *mut u8, layout: Layout) {
        match offset(p) {
            // The last block handed out: its space is free again. Any other stays.
            Some(start) => {
                let _ = USED.compare_exchange(start + layout.size(), start, Relaxed, Relaxed);
            }
            // SAFETY: `p` came from System.alloc with this layout.
            None => unsafe { System.dealloc(p, layout) },
        }
    }

    #[inline(never)]
    unsafe fn realloc(&self, p: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let Some(start) = offset(p) else {
            // SAFETY: `p` came from System with `layout`; the caller's new size.
            return unsafe { System.realloc(p, layout, new_size) };
        };
        let end = start + layout.size();
        // The last block grows or shrinks where it is.
        if let Some(new_end) = start.checked_add(new_size).filter(|&e| e <= SIZE)
            && USED
                .compare_exchange(end, new_end, Relaxed, Relaxed)
                .is_ok()
        {
            return p;
        }
        if new_size <= layout.size() {
            return p;
        }
        // SAFETY: GlobalAlloc::realloc's caller guarantees a valid size for this
        // alignment.
        let new_layout = unsafe { Layout::from_size_align_unchecked(new_size, layout.align()) };
        // SAFETY: a non-zero size (it is larger than the old one).
        let new = unsafe { self.alloc(new_layout) };
        if !new.is_null() {
            // SAFETY: both blocks are live, distinct, and hold at least the old size.
            unsafe {
                std::ptr::copy_nonoverlapping(p, new, layout.size());
                self.dealloc(p, layout);
            }
        }
        new
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// These run on the arena itself (it is the global allocator of the test binary
    /// too, with the test threads allocating at once), so they check its bookkeeping
    /// through what std sees.
    #[test]
    fn blocks_hold_their_bytes_under_threads() {
        let threads: Vec<_> = (0..8u8)
            .map(|t| {
                std::thread::spawn(move || {
                    let mut kept = Vec::new();
                    for i in 0..2000usize {
                        let mut v: Vec<u8> = Vec::new();
                        for j in 0..(i % 97) {
                            v.push(t ^ j as u8);
                        }
                        let s = format!("{t}-{i}-{}", "x".repeat(i % 13));
                        if i % 7 == 0 {
                            kept.push((v.clone(), s.clone()));
                        }
                        assert!(v.iter().enumerate().all(|(j, &b)| b == t ^ j as u8));
                        assert!(s.starts_with(&format!("{t}-{i}-")));
                    }
                    for (n, (v, s)) in kept.iter().enumerate() {
                        let i = n * 7;
                        assert_eq!(v.len(), i % 97);
                        assert!(v.iter().enumerate().all(|(j, &b)| b == t ^ j as u8));
                        assert_eq!(s, &format!("{t}-{i}-{}", "x".repeat(i % 13)));
                    }
                })
            })
            .collect();
        for t in threads {
            t.join().unwrap();
        }
    }

    #[test]
    fn last_block_grows_in_place_and_gives_back() {
        let a = Arena;
        let l = Layout::from_size_align(24, 8).unwrap();
        // SAFETY: valid layouts; each block is freed once, with its layout.
        unsafe {
            let p = a.alloc(l);
            if offset(p).is_none() {
                return; // the arena is full (other tests); nothing of it to check
            }
            p.write_bytes(7, 24);
            let q = a.realloc(p, l, 4000);
            let grown = Layout::from_size_align(4000, 8).unwrap();
            assert_eq!(*q.add(23), 7);
            assert_eq!(q as usize % 8, 0);
            a.dealloc(q, grown);
            let big = Layout::from_size_align(64, 64).unwrap();
            let r = a.alloc(big);
            assert_eq!(r as usize % 64, 0);
            a.dealloc(r, big);
        }
    }

    #[test]
    fn past_the_arena_the_system_allocates() {
        let big = vec![3u8; SIZE + 1];
        assert!(offset(big.as_ptr() as *mut u8).is_none());
        assert_eq!(big[SIZE], 3);
    }
}
