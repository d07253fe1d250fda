//! Converting JS arguments into path segments and query parameters.

use super::json::get;
use crate::ids::{is_unsafe_integer, IdInput};
use crate::url::{Query, Segment};
use alloc::string::String;
use js_sys::{Array, Date, Object};
use wasm_bindgen::{JsCast, JsValue};

/// Text of a scalar query value, None for null/undefined.
fn scalar(value: &JsValue) -> Option<String> {
    if value.is_undefined() || value.is_null() {
        return None;
    }
    if let Some(s) = value.as_string() {
        return Some(s);
    }
    if let Some(b) = value.as_bool() {
        return Some(String::from(if b { "true" } else { "false" }));
    }
    if let Some(d) = value.dyn_ref::<Date>() {
        let mut s = String::new();
        let t = d.get_time();
        if t.is_finite() && t >= 0.0 {
            crate::url::push_u64(&mut s, t as u64);
        }
        return Some(s);
    }
    // Numbers, bigints and anything else: JS's own String() (None for a Symbol, which throws).
    super::bindings::js_string(value).ok()
}

/// True for a JS number beyond 2^53 - 1: its text would be a rounded id.
fn unsafe_number(value: &JsValue) -> bool {
    value.as_f64().is_some_and(is_unsafe_integer)
}

/// Appends one JS query value: arrays are comma-joined (what core expects for id lists),
/// plain objects become `key[op]=value` filters (`{name: {ilike: 'x'}}`). A number beyond
/// 2^53 - 1 makes the query refused ([`Query::check`]).
pub fn push_value(query: &mut Query, key: &str, value: &JsValue) {
    if let Some(array) = value.dyn_ref::<Array>() {
        let mut joined = String::new();
        for (i, item) in array.iter().enumerate() {
            if i > 0 {
                joined.push(',');
            }
            if unsafe_number(&item) {
                query.refuse(key);
            }
            joined.push_str(&scalar(&item).unwrap_or_default());
        }
        query.push(key, &joined);
    } else if value.is_object() && !value.is_instance_of::<Date>() {
        let entries = Object::entries(value.unchecked_ref());
        for entry in entries.iter() {
            let sub = entry.dyn_ref::<Array>().map(|e| (e.get(0), e.get(1)));
            if let Some((sub_key, sub_value)) = sub {
                if let (Some(sub_key), Some(text)) = (sub_key.as_string(), scalar(&sub_value)) {
                    let mut full = String::from(key);
                    full.push('[');
                    full.push_str(&sub_key);
                    full.push(']');
                    if unsafe_number(&sub_value) {
                        query.refuse(&full);
                    }
                    query.push(&full, &text);
                }
            }
        }
    } else if let Some(text) = scalar(value) {
        if unsafe_number(value) {
            query.refuse(key);
        }
        query.push(key, &text);
    }
}

/// All own enumerable entries of a JS object as query parameters (null/undefined skipped).
pub fn from_object(obj: &JsValue) -> Query {
    let mut query = Query::default();
    if obj.is_object() {
        for entry in Object::entries(obj.unchecked_ref()).iter() {
            if let Some(pair) = entry.dyn_ref::<Array>() {
                if let Some(key) = pair.get(0).as_string() {
                    push_value(&mut query, &key, &pair.get(1));
                }
            }
        }
    }
    query
}

/// The value of placeholder `name` from the `params` object (None when missing).
pub fn segment(params: &JsValue, name: &str, is_text: bool) -> Option<Segment> {
    let value = get(params, name);
    if value.is_undefined() || value.is_null() {
        return None;
    }
    let text = value.as_string();
    if is_text {
        return Some(Segment::Text(text.or_else(|| scalar(&value))?));
    }
    Some(Segment::Id(match (value.as_f64(), text) {
        (Some(n), _) => IdInput::Number(n),
        (None, Some(s)) => IdInput::Text(s),
        _ => IdInput::Other(if value.is_object() {
            "an object"
        } else {
            "not a number"
        }),
    }))
}
