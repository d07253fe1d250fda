//! The `onRequest` connection option: a caller's function that sees each request before it is
//! signed and may add, change or remove its headers, as the axios request interceptor of
//! Cytomine's web UI does (`config.headers.Authorization = ...; return config`).
//!
//! It runs before the credentials are added, so it never sees a private key, a signature or the
//! connection's token, and the signature covers the `Content-Type` and `Content-MD5` it leaves.

use super::json::{get, set};
use super::transport::Body;
use crate::error::{ClientError, ErrorKind};
use crate::headers::{header_problem, HeaderList};
use alloc::string::String;
use js_sys::{Function, Object, Promise};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// Calls `hook({method, url, body, headers})` (method, url and body read-only) and resolves to
/// the headers it leaves: those of the object it returns (or resolves to), else those of the
/// request it was given. A header set to `null` or `undefined` is removed; numbers and booleans
/// become strings.
pub async fn run(
    hook: &Function,
    method: &str,
    url: &str,
    body: &Body,
    headers: &HeaderList,
) -> Result<HeaderList, ClientError> {
    let request = Object::new();
    read_only(&request, "method", &JsValue::from_str(method));
    read_only(&request, "url", &JsValue::from_str(url));
    let body = match body {
        Body::None => JsValue::UNDEFINED,
        Body::Json(text) => JsValue::from_str(text),
        Body::Raw(value) => value.clone(),
    };
    read_only(&request, "body", &body);
    let given = Object::new();
    for (name, value) in headers.iter() {
        set(&given, name, &JsValue::from_str(value));
    }
    set(&request, "headers", &given);

    let mut result = hook
        .call1(&JsValue::UNDEFINED, &request)
        .map_err(|_| failed("threw an error"))?;
    if let Some(promise) = result.dyn_ref::<Promise>() {
        result = JsFuture::from(promise.clone())
            .await
            .map_err(|_| failed("rejected"))?;
    }
    let headers = if result.is_undefined() || result.is_null() {
        get(&request, "headers")
    } else if result.is_object() {
        get(&result, "headers")
    } else {
        return Err(failed(
            "returned something else than the request, an object with `headers`, or nothing",
        ));
    };
    read_headers(&headers)
}

/// The hook's headers object as a list; a value that is not text, a number or a boolean, or that
/// cannot be sent, is an error naming the header (never showing its value).
fn read_headers(headers: &JsValue) -> Result<HeaderList, ClientError> {
    if headers.is_undefined() || headers.is_null() {
        return Ok(HeaderList::new());
    }
    if !headers.is_object() || js_sys::Array::is_array(headers) {
        return Err(failed("left `headers` that is not an object"));
    }
    let mut list = HeaderList::new();
    let object: &Object = headers.unchecked_ref();
    for key in Object::keys(object).iter() {
        let Some(name) = key.as_string() else {
            continue;
        };
        let value = get(headers, &name);
        let text = if value.is_undefined() || value.is_null() {
            continue;
        } else if let Some(s) = value.as_string() {
            s
        } else if value.as_bool().is_some() || value.as_f64().is_some_and(f64::is_finite) {
            // As `String(value)` for booleans and finite numbers.
            js_sys::JSON::stringify(&value)
                .ok()
                .and_then(|s| s.as_string())
                .unwrap_or_default()
        } else {
            return Err(bad_header(&name, "is not a string"));
        };
        if let Some(problem) = header_problem(&name, &text) {
            return Err(bad_header(&name, problem));
        }
        list.set(&name, &text);
    }
    Ok(list)
}

fn read_only(obj: &Object, key: &str, value: &JsValue) {
    let descriptor = Object::new();
    set(&descriptor, "value", value);
    set(&descriptor, "enumerable", &JsValue::TRUE);
    set(&descriptor, "writable", &JsValue::FALSE);
    Object::define_property(obj, &JsValue::from_str(key), &descriptor);
}

fn failed(what: &str) -> ClientError {
    let mut msg = String::from("the onRequest hook ");
    msg.push_str(what);
    ClientError::new(ErrorKind::InvalidArgument, msg, false)
}

fn bad_header(name: &str, problem: &str) -> ClientError {
    let mut msg = String::from("the onRequest hook set a header that cannot be sent: ");
    // The name is shown only when it is printable ASCII and short; never the value.
    if name.len() <= 64 && name.bytes().all(|b| b == b' ' || b.is_ascii_graphic()) {
        msg.push_str(name);
    } else {
        msg.push_str("(unprintable name)");
    }
    msg.push(' ');
    msg.push_str(problem);
    ClientError::new(ErrorKind::InvalidArgument, msg, false)
}
