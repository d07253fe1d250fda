//! URL and id handling: host and base-path normalisation, path templates with arbitrary values,
//! query encoding and Retry-After parsing. Never a panic, and nothing a value contains can add a
//! path segment or a query parameter.
#![no_main]

use cytomine_wasm::ids::{parse_id, IdInput};
use cytomine_wasm::retry::parse_retry_after;
use cytomine_wasm::url::{fill_template, normalize_base_path, normalize_host, Query, Segment};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut parts = text.splitn(3, '\u{0}');
    let (a, b, c) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""), parts.next().unwrap_or(""));

    let _ = normalize_host(a);
    let _ = normalize_base_path(a);
    let _ = parse_retry_after(a, None, 0.0);

    // Values go into fixed templates: the result keeps the template's shape.
    if let Ok(path) = fill_template("domain/{cls:str}/{id}/property.json", |name, _| match name {
        "cls" => Some(Segment::Text(b.to_string())),
        _ => Some(Segment::Id(IdInput::Text(c.to_string()))),
    }) {
        assert_eq!(path.matches('/').count(), 3, "{path}");
        assert!(!path.contains('?') && !path.contains('#'));
    }
    // Arbitrary templates must not panic either.
    let _ = fill_template(a, |_, is_text| Some(if is_text { Segment::Text(b.to_string()) } else { Segment::Id(IdInput::Text(c.to_string())) }));

    let mut query = Query::default();
    query.push(b, c);
    let rendered = query.render();
    assert_eq!(rendered.matches('&').count(), 0);
    assert_eq!(rendered.matches('=').count(), 1);

    if let Ok(id) = parse_id(&IdInput::Text(a.to_string()), "id") {
        assert!(id >= 1 && a.bytes().all(|x| x.is_ascii_digit()));
    }
    if data.len() >= 8 {
        let mut bytes = [0u8; 8];
        bytes.copy_from_slice(&data[..8]);
        let n = f64::from_le_bytes(bytes);
        if let Ok(id) = parse_id(&IdInput::Number(n), "id") {
            assert_eq!(id as f64, n);
        }
    }
});
