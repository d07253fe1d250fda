//! cytomine-wasm: a Cytomine API client for browsers and Node, compiled to WebAssembly.
//!
//! The crate owns the protocol: URL and query building, id validation, request signing
//! (HMAC-SHA1 API keys, bearer tokens, cookies), the Fetch transport with timeouts, retries and
//! cancellation, decoding of Cytomine's envelopes and error shapes, parallel paging, and the
//! declarations of every Cytomine domain (`domains`). The npm package's JS layer (`js/`) turns
//! those declarations into the model and collection classes users import.

#![warn(missing_docs)]
// `no_std` (with `alloc`) keeps the standard library's panic and formatting machinery out of the
// wasm; native builds (tests, fuzzing, the TypeScript generator) link `std` as usual.
#![cfg_attr(target_arch = "wasm32", no_std)]

extern crate alloc;

/// A panic is a bug: the wasm traps (no message formatting code is shipped).
#[cfg(target_arch = "wasm32")]
#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
    core::arch::wasm32::unreachable()
}

/// A small free-list allocator (sorted, coalescing; O(free-list length) per call): the wasm
/// allocates little (URLs, messages, the registry at start), and dlmalloc, the allocator `std`
/// uses, weighed 2.6 kB of the gzipped wasm.
#[cfg(target_arch = "wasm32")]
#[global_allocator]
// SAFETY: wasm32 without threads: the module is single-threaded.
static ALLOCATOR: lol_alloc::AssumeSingleThreaded<lol_alloc::FreeListAllocator> =
    unsafe { lol_alloc::AssumeSingleThreaded::new(lol_alloc::FreeListAllocator::new()) };

pub mod crypto;
pub mod decode;
pub mod domains;
pub mod error;
pub mod generation;
pub mod ids;
pub mod paging;
pub mod redact;
pub mod retry;
pub mod signing;
pub mod url;

#[cfg(target_arch = "wasm32")]
mod wasm;
