//! Turning a [`ClientError`] into the JS `CytomineError` (a real `Error` subclass defined in
//! `js/errors.js` and registered at load time, so `instanceof CytomineError` holds everywhere).

use super::json::set;
use crate::error::{ClientError, ErrorKind};
use js_sys::{Array, Function, Object, Reflect};
use std::cell::RefCell;
use wasm_bindgen::prelude::*;

thread_local! {
    static ERROR_CLASS: RefCell<Option<Function>> = const { RefCell::new(None) };
}

/// Registers the JS class used for errors (`new Class(message, details)`).
#[wasm_bindgen(js_name = registerErrorClass)]
pub fn register_error_class(class: Function) {
    ERROR_CLASS.with(|c| *c.borrow_mut() = Some(class));
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
    let class = ERROR_CLASS.with(|c| c.borrow().clone());
    if let Some(class) = class {
        if let Ok(err) = Reflect::construct(&class, &Array::of2(&message, &details)) {
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
