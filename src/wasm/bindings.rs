//! Hand-written bindings to the few Web APIs the client uses (Fetch, timers, AbortSignal), and
//! the per-attempt [`Deadline`].
//! Smaller than web-sys and identical in browsers, workers and Node >= 20.

use alloc::string::String;
use js_sys::{Array, Function, JsString, Object, Promise, Uint8Array};
use wasm_bindgen::prelude::*;

#[wasm_bindgen(
    inline_js = "export function all_plain_objects(items) { for (const x of items) { if (x === null || typeof x !== 'object' || Array.isArray(x)) return false; } return true; }
export function discard_body(r) { try { const p = r.body && typeof r.body.cancel === 'function' ? r.body.cancel() : null; if (p && typeof p.catch === 'function') p.catch(() => {}); } catch (e) {} }
export function fetch_from_js(f, url, init) { return Promise.resolve().then(() => (f === undefined ? fetch(url, init) : f(url, init))); }
export function start_deadline(ms) { const c = new AbortController(); const t = setTimeout(() => c.abort(), ms); if (typeof t === 'object' && typeof t.unref === 'function') t.unref(); c.timer = t; return c; }
export function clear_deadline(c) { clearTimeout(c.timer); }
export function headers_filtered(r) { return r.type === 'cors' || r.type === 'opaque'; }
export function byte_size(v) { return typeof v === 'string' ? v.length : v === null || v === undefined ? 0 : typeof v.size === 'number' ? v.size : typeof v.byteLength === 'number' ? v.byteLength : 0; }
export function make_blob(parts, type) { return new Blob(parts, { type }); }
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

    /// A Fetch `Response`.
    pub type Response;
    #[wasm_bindgen(method, getter)]
    pub fn status(this: &Response) -> u16;
    #[wasm_bindgen(method, getter)]
    pub fn headers(this: &Response) -> Headers;
    #[wasm_bindgen(method, catch)]
    pub fn text(this: &Response) -> Result<Promise, JsValue>;
    #[wasm_bindgen(method, catch)]
    pub fn blob(this: &Response) -> Result<Promise, JsValue>;
    #[wasm_bindgen(method, catch, js_name = arrayBuffer)]
    pub fn array_buffer(this: &Response) -> Result<Promise, JsValue>;
    #[wasm_bindgen(method, getter)]
    pub fn body(this: &Response) -> Option<ReadableStream>;

    /// A response body stream.
    pub type ReadableStream;
    #[wasm_bindgen(method, catch, js_name = getReader)]
    pub fn get_reader(this: &ReadableStream) -> Result<StreamReader, JsValue>;

    /// Its default reader.
    pub type StreamReader;
    #[wasm_bindgen(method, catch)]
    pub fn read(this: &StreamReader) -> Result<Promise, JsValue>;
    #[wasm_bindgen(method, catch)]
    pub fn cancel(this: &StreamReader) -> Result<Promise, JsValue>;

    /// UTF-8 decoding into a JS string (the text never enters wasm memory).
    pub type TextDecoder;
    #[wasm_bindgen(constructor, catch)]
    pub fn new() -> Result<TextDecoder, JsValue>;
    #[wasm_bindgen(method)]
    pub fn decode(this: &TextDecoder, input: &Uint8Array) -> JsString;

    /// `JSON.parse` of a JS string.
    #[wasm_bindgen(js_namespace = JSON, js_name = parse, catch)]
    pub fn json_parse(text: &JsString) -> Result<JsValue, JsValue>;

    /// Fetch `Headers`.
    pub type Headers;
    #[wasm_bindgen(method, catch)]
    pub fn get(this: &Headers, name: &str) -> Result<Option<String>, JsValue>;

    /// `AbortSignal`.
    #[derive(Clone)]
    pub type AbortSignal;
    #[wasm_bindgen(static_method_of = AbortSignal, js_name = any, catch)]
    pub fn any(signals: &Array) -> Result<AbortSignal, JsValue>;
    #[wasm_bindgen(method, getter)]
    pub fn aborted(this: &AbortSignal) -> bool;

    /// `AbortController`, used to cancel the other pages when one page of `fetchAll` fails.
    pub type AbortController;
    #[wasm_bindgen(constructor)]
    pub fn new() -> AbortController;
    #[wasm_bindgen(method, getter)]
    pub fn signal(this: &AbortController) -> AbortSignal;
    #[wasm_bindgen(method)]
    pub fn abort(this: &AbortController);
}

/// Resolves after `ms` milliseconds.
pub async fn sleep(ms: f64) {
    let promise = Promise::new(&mut |resolve, _reject| {
        set_timeout(&resolve, ms);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}
