//! The WebAssembly face of the crate: JS bindings, the `Connection` class and error conversion.
//! Only compiled for `wasm32`; everything it relies on is pure and tested natively.

use alloc::string::String;
mod auth;
mod bindings;
mod connection;
mod js_error;
mod json;
mod limiter;
mod query;
mod request_hook;
mod transport;

use wasm_bindgen::prelude::*;

/// Bytes of WebAssembly memory the module holds now (a diagnostic for leak checks).
#[wasm_bindgen(js_name = wasmMemoryBytes)]
pub fn wasm_memory_bytes() -> f64 {
    (core::arch::wasm32::memory_size(0) * 65_536) as f64
}

/// Base64 HMAC-SHA1 of `message` under `key`: the Cytomine API-key signature primitive, exposed
/// so tests can compare it with other implementations.
#[wasm_bindgen(js_name = hmacSha1Base64)]
pub fn hmac_sha1_base64(key: &str, message: &str) -> String {
    crate::signing::signature(key, message)
}
