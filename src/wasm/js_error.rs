//! Turning a [`ClientError`] into the JS `CytomineError` (a real `Error` subclass defined in
//! `js/errors.js` and registered at load time, so `instanceof CytomineError` holds everywhere).

use super::json::set;
use crate::error::{ClientError, ErrorKind};
use alloc::string::String;
use js_sys::{Array, Function, Object, Reflect};
use wasm_bindgen::prelude::*;

// The class is kept on the JS side (the crate is single-threaded and `no_std`).
#[wasm_bindgen(
    inline_js = "let errorClass; export function set_error_class(c) { errorClass = c; } export function error_class() { return errorClass; }"
)]
extern "C" {
    fn set_error_class(class: &Function);
    fn error_class() -> JsValue;
}

/// Registers the JS class used for errors (`new Class(message, details)`).
#[wasm_bindgen(js_name = registerErrorClass)]
pub fn register_error_class(class: Function) {
    set_error_class(&class);
}

/// The JS error for `e`.
pub fn to_js(e: ClientError) -> JsValue {
    let details = Object::new();
    set(&details, "kind", &JsValue::from_str(e.kind.as_str()));
    let opt_str = |v: &Option<String>| v.as_deref().map(JsValue::from_str).unwrap_or(JsValue::NULL);
    set(
        &details,
        "status",
        &e.status.map(JsValue::from).unwrap_or(JsValue::NULL),
    );
    set(&details, "method", &opt_str(&e.method));
    set(&details, "url", &opt_str(&e.url));
    set(&details, "serverMessage", &opt_str(&e.server_message));
    set(
        &details,
        "mayHaveReachedServer",
        &JsValue::from_bool(e.may_have_reached_server),
    );
    let message = JsValue::from_str(&e.message);
    if let Some(class) = error_class().dyn_ref::<Function>() {
        if let Ok(err) = Reflect::construct(class, &Array::of2(&message, &details)) {
            return err;
        }
    }
    let err: JsValue = js_sys::Error::new(&e.message).into();
    let _ = Object::assign(err.unchecked_ref(), &details);
    err
}

/// Shorthand for an invalid-argument error as a JS value.
pub fn invalid(message: String) -> JsValue {
    to_js(ClientError::new(ErrorKind::InvalidArgument, message, false))
}
