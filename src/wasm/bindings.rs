//! Bindings to the Web APIs the client uses, and the per-attempt [`Deadline`].
//!
//! `web-sys` gives the types (Fetch's `Response` and `Headers`, streams, `AbortController`,
//! `AbortSignal`). Declared here are only what web-sys cannot give as the client needs it:
//! - `TextDecoder.decode` and `JSON.parse` returning and taking a JS string: web-sys's
//!   `TextDecoder` and js-sys's `JSON::parse` go through a Rust `String`, copying every body into
//!   wasm memory and back;
//! - catching forms of `getReader()`, `read()`, `cancel()` and `AbortSignal.any` (web-sys declares
//!   them as never throwing; a `fetch` option may return a Response-like object whose stream
//!   throws, and `AbortSignal.any` is missing from older runtimes);
//! - small JS helpers (`fetch` called from a microtask, the deadline's timer, shape checks).
//!
//! No `web_sys::window()`: it does not exist in Node or workers (design.md §8); the global `fetch`
//! is called from JS (`fetch_from_js`), so a `fetch` connection option replaces it.

use alloc::string::String;
use js_sys::{Array, Function, JsString, Object, Promise, Uint8Array};
use wasm_bindgen::prelude::*;
pub use web_sys::{AbortController, AbortSignal, Response};
use web_sys::{ReadableStream, ReadableStreamDefaultReader};

#[wasm_bindgen(
    inline_js = "export function all_plain_objects(items) { for (const x of items) { if (x === null || typeof x !== 'object' || Array.isArray(x)) return false; } return true; }
export function discard_body(r) { try { const p = r.body && typeof r.body.cancel === 'function' ? r.body.cancel() : null; if (p && typeof p.catch === 'function') p.catch(() => {}); } catch (e) {} }
export function fetch_from_js(f, url, init) { return Promise.resolve().then(() => (f === undefined ? fetch(url, init) : f(url, init))); }
export function start_deadline(ms) { const c = new AbortController(); const t = setTimeout(() => c.abort(), ms); if (typeof t === 'object' && typeof t.unref === 'function') t.unref(); c.timer = t; return c; }
export function clear_deadline(c) { clearTimeout(c.timer); }
export function headers_filtered(r) { return r.type === 'cors' || r.type === 'opaque'; }
export function byte_size(v) { return typeof v === 'string' ? v.length : v === null || v === undefined ? 0 : typeof v.size === 'number' ? v.size : typeof v.byteLength === 'number' ? v.byteLength : 0; }
export function make_blob(parts, type) { return new Blob(parts, { type }); }
export function get_reader(s) { return s.getReader(); }
export function read_chunk(r) { return r.read(); }
export function cancel_reading(r) { return r.cancel(); }
export function is_response(r) { return r !== null && typeof r === 'object' && typeof r.status === 'number' && r.headers !== null && typeof r.headers === 'object' && typeof r.headers.get === 'function' && typeof r.text === 'function'; }"
)]
extern "C" {
    /// True when every element of the array is a plain JSON object (not null, not an array).
    pub fn all_plain_objects(items: &JsValue) -> bool;
    /// True when a value has what the transport reads of a Fetch `Response` (a `fetch` option
    /// may resolve to anything).
    pub fn is_response(value: &JsValue) -> bool;
    /// True when the runtime hides the response's non-safelisted headers (a cross-origin
    /// answer), so a missing `Content-Encoding` says nothing.
    pub fn headers_filtered(response: &Response) -> bool;
    /// Size in bytes of a `Blob` or an `ArrayBuffer`, length of a string (UTF-16 units, at most
    /// its UTF-8 bytes), 0 for anything else.
    pub fn byte_size(value: &JsValue) -> f64;
    /// `new Blob(parts, { type })`.
    #[wasm_bindgen(catch)]
    pub fn make_blob(parts: &Array, content_type: &str) -> Result<JsValue, JsValue>;
    /// `stream.getReader()`, catching what a Response-like object's stream throws.
    #[wasm_bindgen(catch)]
    pub fn get_reader(stream: &ReadableStream) -> Result<ReadableStreamDefaultReader, JsValue>;
    /// `reader.read()`, catching.
    #[wasm_bindgen(catch)]
    pub fn read_chunk(reader: &ReadableStreamDefaultReader) -> Result<Promise, JsValue>;
    /// `reader.cancel()`, catching.
    #[wasm_bindgen(catch)]
    pub fn cancel_reading(reader: &ReadableStreamDefaultReader) -> Result<Promise, JsValue>;
    /// Cancels a response body that will not be read, so its connection is released now.
    pub fn discard_body(response: &JsValue);
    /// Calls `f` (the global `fetch` when undefined) from a microtask, with no wasm frame on the
    /// stack: Chromium spends ~30 µs less per request on a `fetch` called that way than on one
    /// called from inside the wasm (bench/README.md). A `fetch` function that throws gives a
    /// rejected promise, like one that rejects.
    pub fn fetch_from_js(f: &JsValue, url: &str, init: &Object) -> Promise;
    /// An `AbortController` aborted after `ms` ms (the timer does not keep Node alive).
    fn start_deadline(ms: f64) -> AbortController;
    /// Cancels the timer of `start_deadline`.
    fn clear_deadline(controller: &AbortController);
}

/// A per-attempt timeout: a signal aborted after a delay, whose timer is cleared when the
/// `Deadline` is dropped. `AbortSignal.timeout` cannot be cancelled: a page making thousands of
/// requests kept thousands of 30-second timers, and each one that fired later cost the page
/// CPU time (bench/README.md).
pub struct Deadline(AbortController);

impl Deadline {
    /// Starts the timer.
    pub fn start(ms: f64) -> Deadline {
        Deadline(start_deadline(ms))
    }

    /// The signal, aborted when the delay has passed.
    pub fn signal(&self) -> AbortSignal {
        self.0.signal()
    }
}

impl Drop for Deadline {
    fn drop(&mut self) {
        clear_deadline(&self.0);
    }
}

#[wasm_bindgen]
extern "C" {
    /// JS `String(value)`.
    #[wasm_bindgen(js_name = String, catch)]
    pub fn js_string(value: &JsValue) -> Result<String, JsValue>;

    #[wasm_bindgen(js_name = setTimeout)]
    pub fn set_timeout(callback: &Function, ms: f64) -> JsValue;

    /// UTF-8 decoding into a JS string (the text never enters wasm memory).
    pub type TextDecoder;
    #[wasm_bindgen(constructor, catch)]
    pub fn new() -> Result<TextDecoder, JsValue>;
    #[wasm_bindgen(method)]
    pub fn decode(this: &TextDecoder, input: &Uint8Array) -> JsString;

    /// `JSON.parse` of a JS string.
    #[wasm_bindgen(js_namespace = JSON, js_name = parse, catch)]
    pub fn json_parse(text: &JsString) -> Result<JsValue, JsValue>;

    /// `AbortSignal.any(signals)`, catching (a TypeError where the runtime lacks it).
    #[wasm_bindgen(js_namespace = AbortSignal, js_name = any, catch)]
    pub fn abort_signal_any(signals: &Array) -> Result<AbortSignal, JsValue>;
}

/// Resolves after `ms` milliseconds.
pub async fn sleep(ms: f64) {
    let promise = Promise::new(&mut |resolve, _reject| {
        set_timeout(&resolve, ms);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}
