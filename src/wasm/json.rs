//! Reading JS values: the [`JsonNode`] implementation used by `decode`, and small helpers.

use crate::decode::JsonNode;
use alloc::string::String;
use js_sys::{Array, Reflect};
use wasm_bindgen::{JsCast, JsValue};

impl JsonNode for JsValue {
    fn member(&self, key: &str) -> Option<Self> {
        if !self.is_object() {
            return None;
        }
        Reflect::get(self, &JsValue::from_str(key))
            .ok()
            .filter(|v| !v.is_undefined())
    }
    fn number(&self) -> Option<f64> {
        self.as_f64()
    }
    fn string(&self) -> Option<String> {
        self.as_string()
    }
    fn array_len(&self) -> Option<usize> {
        self.dyn_ref::<Array>().map(|a| a.length() as usize)
    }
    fn is_object(&self) -> bool {
        self.is_object() && !Array::is_array(self)
    }
}

/// `obj[key]`, undefined when missing or when `obj` is not an object.
pub fn get(obj: &JsValue, key: &str) -> JsValue {
    if obj.is_object() || obj.is_function() {
        Reflect::get(obj, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
    } else {
        JsValue::UNDEFINED
    }
}

/// `obj[key] = value` on an object we created (cannot fail on plain objects).
pub fn set(obj: &JsValue, key: &str, value: &JsValue) {
    let _ = Reflect::set(obj, &JsValue::from_str(key), value);
}

/// A finite number option, or `default` when absent; an error message when present but invalid.
pub fn number_option(
    options: &JsValue,
    key: &str,
    default: f64,
    min: f64,
    max: f64,
) -> Result<f64, String> {
    let value = get(options, key);
    if value.is_undefined() || value.is_null() {
        return Ok(default);
    }
    match value.as_f64() {
        Some(n) if n.is_finite() && n >= min && n <= max => Ok(n),
        _ => {
            let mut msg = String::from("option `");
            msg.push_str(key);
            msg.push_str("` must be a number between ");
            crate::url::push_u64(&mut msg, min as u64);
            msg.push_str(" and ");
            crate::url::push_u64(&mut msg, max as u64);
            Err(msg)
        }
    }
}

/// A string option or None; an error message when present but not a string.
pub fn string_option(options: &JsValue, key: &str) -> Result<Option<String>, String> {
    let value = get(options, key);
    if value.is_undefined() || value.is_null() {
        return Ok(None);
    }
    value.as_string().map(Some).ok_or_else(|| {
        let mut msg = String::from("option `");
        msg.push_str(key);
        msg.push_str("` must be a string");
        msg
    })
}

/// A string option that must be one of `allowed`, or None; an error message when present but
/// not one of them.
pub fn choice_option(
    options: &JsValue,
    key: &str,
    allowed: &[&'static str],
) -> Result<Option<&'static str>, String> {
    let Some(value) = string_option(options, key)? else {
        return Ok(None);
    };
    if let Some(choice) = allowed.iter().find(|a| **a == value) {
        return Ok(Some(choice));
    }
    let mut msg = String::from("option `");
    msg.push_str(key);
    msg.push_str("` must be one of");
    for (i, a) in allowed.iter().enumerate() {
        msg.push_str(if i == 0 { " '" } else { ", '" });
        msg.push_str(a);
        msg.push('\'');
    }
    Err(msg)
}
