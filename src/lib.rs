//! cytomine-wasm: a Cytomine API client for browsers and Node, compiled to WebAssembly.
//!
//! The crate owns the protocol: URL and query building, id validation, request signing
//! (HMAC-SHA1 API keys, bearer tokens, cookies), the Fetch transport with timeouts, retries and
//! cancellation, decoding of Cytomine's envelopes and error shapes, parallel paging, and the
//! declarations of every Cytomine domain (`domains`, native only: a test generates the npm
//! package's model and collection classes, `js/generated/`, from them).

#![warn(missing_docs)]
// `no_std` (with `alloc`) keeps the standard library's panic machinery (and its message printing)
// out of the wasm; native builds (tests, fuzzing, the TypeScript generator) link `std` as usual.
#![cfg_attr(target_arch = "wasm32", no_std)]

extern crate alloc;

/// A panic is a bug: the wasm traps without formatting a message. The release build
/// (`scripts/build.mjs`) recompiles core with panics that abort at once, so no `core::fmt` code
/// ships at all; an ordinary `cargo build` still links about 2.3 kB of it (`Formatter::pad`,
/// `u32`'s `Display`), which core's own panic sites use to build their messages.
#[cfg(target_arch = "wasm32")]
#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
    core::arch::wasm32::unreachable()
}

/// Talc, a maintained allocator for single-threaded wasm that grows the memory as needed (it
/// replaced the unmaintained `lol_alloc`, for 0.4 kB more gzipped wasm; design.md §9).
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

pub mod crypto;
pub mod decode;
#[cfg(not(target_arch = "wasm32"))]
pub mod domains;
pub mod error;
pub mod generation;
pub mod headers;
pub mod ids;
pub mod paging;
pub mod redact;
pub mod retry;
pub mod signing;
pub mod url;

#[cfg(target_arch = "wasm32")]
mod wasm;
