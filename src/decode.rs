//! Reading server answers: the list envelope, command responses, and the server's message out of
//! every error shape (contract §2.5: shape A `{"errors":{"message"}}`, shape B
//! `{"success":false,"errors":"..."}`, ProblemDetail, HTML error pages, plain text).
//! Generic over [`JsonNode`] so the same code reads JS values in wasm and `serde_json` values in
//! native tests; nothing here can panic on any input.

use alloc::string::String;
/// Read access to a parsed JSON value.
pub trait JsonNode: Sized {
    /// Member `key` of an object (None for missing keys and non-objects).
    fn member(&self, key: &str) -> Option<Self>;
    /// The number, if this is one.
    fn number(&self) -> Option<f64>;
    /// The string, if this is one.
    fn string(&self) -> Option<String>;
    /// Length, if this is an array.
    fn array_len(&self) -> Option<usize>;
    /// True for a JSON object (not an array, not null).
    fn is_object(&self) -> bool;
}

/// A decoded list envelope: the collection stays a node, the counters are checked.
pub struct ListPage<N> {
    /// The `collection` array.
    pub collection: N,
    /// Its length.
    pub len: u64,
    /// `size`: the total number of items on the server.
    pub total: u64,
    /// `totalPages`.
    pub total_pages: u64,
}

/// Checks the list envelope. A missing or invalid `size` falls back to the page length; a
/// missing `collection` array is an error.
pub fn list_page<N: JsonNode>(body: &N) -> Result<ListPage<N>, String> {
    if !body.is_object() {
        return Err("expected a list envelope {collection, size, ...}".into());
    }
    let collection = body
        .member("collection")
        .ok_or_else(|| String::from("list envelope without `collection`"))?;
    let len = collection
        .array_len()
        .ok_or_else(|| String::from("`collection` is not an array"))? as u64;
    let total = body.member("size").and_then(|s| count(&s)).unwrap_or(len);
    let total_pages = body
        .member("totalPages")
        .and_then(|s| count(&s))
        .unwrap_or(1);
    Ok(ListPage {
        collection,
        len,
        total: total.max(len),
        total_pages,
    })
}

fn count<N: JsonNode>(node: &N) -> Option<u64> {
    node.number()
        .filter(|n| n.is_finite() && *n >= 0.0 && *n % 1.0 == 0.0 && *n <= 9_007_199_254_740_991.0)
        .map(|n| n as u64)
}

/// The object of a command response: core 5.2's `{message, callback, printMessage, <key>: {...},
/// command}` or today's repository form `{printMessage, data: {...}, commandId, command,
/// subCommands}` (delta §3.2).
pub fn command_object<N: JsonNode>(body: &N, key: &str) -> Result<N, String> {
    let object = body
        .member(key)
        .or_else(|| body.member("commandId").and_then(|_| body.member("data")));
    match object {
        Some(obj) if obj.is_object() => Ok(obj),
        _ => {
            let mut msg = String::from("expected a command response with `");
            msg.push_str(key);
            msg.push('`');
            Err(msg)
        }
    }
}

/// The server's message in a JSON error body, whichever shape it came in.
pub fn json_error_message<N: JsonNode>(body: &N) -> Option<String> {
    let errors = body.member("errors");
    if let Some(errors) = &errors {
        if let Some(text) = errors.string() {
            return Some(text); // shape B
        }
        if let Some(text) = errors.member("message").and_then(|m| m.string()) {
            return Some(text); // shape A
        }
    }
    // Bulk responses `{data: {message, errors: [...]}}` and generic `{message}` / ProblemDetail.
    if let Some(text) = body
        .member("data")
        .and_then(|d| d.member("message"))
        .and_then(|m| m.string())
    {
        return Some(text);
    }
    for key in ["message", "detail", "title", "error"] {
        if let Some(text) = body.member(key).and_then(|m| m.string()) {
            return Some(text);
        }
    }
    None
}

/// A readable message from a non-JSON body: the `<h1>`/`<title>` of an HTML page (Cytomine's 401
/// page, a proxy's 502 page), else the start of the text, whitespace collapsed.
pub fn text_error_message(body: &str) -> Option<String> {
    let lower_has = |tag: &str| find_ci(body, tag);
    let pick = |open: &str, close: &str| -> Option<String> {
        // `get` instead of indexing: no panic path (and its formatting code) in the wasm.
        let start = lower_has(open)?;
        let inner = body.get(start..)?;
        let inner = inner.get(inner.find('>')? + 1..)?;
        let text = collapse(&strip_tags(inner.get(..find_ci(inner, close)?)?));
        if text.is_empty() {
            None
        } else {
            Some(text)
        }
    };
    if lower_has("<html").is_some()
        || lower_has("<!doctype").is_some()
        || lower_has("<h1").is_some()
    {
        return pick("<h1", "</h1").or_else(|| pick("<title", "</title"));
    }
    let text = collapse(body);
    if text.is_empty() {
        None
    } else {
        Some(truncate(&text, 200))
    }
}

fn find_ci(haystack: &str, needle: &str) -> Option<usize> {
    // Bounded scan: error pages are small, and huge bodies only need their start.
    let limit = haystack.len().min(64 * 1024);
    let hay = haystack.as_bytes().get(..limit)?;
    hay.windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

fn strip_tags(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut in_tag = false;
    for c in s.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

fn collapse(s: &str) -> String {
    let head = s.get(..floor_char_boundary(s, 4096)).unwrap_or(s);
    let mut out = String::new();
    for word in head.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

fn floor_char_boundary(s: &str, max: usize) -> usize {
    if s.len() <= max {
        return s.len();
    }
    let mut i = max;
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// At most `max` characters, with an ellipsis when cut.
pub fn truncate(s: &str, max: usize) -> String {
    // A copy of the first `max` characters' bytes (no decoding and re-encoding of each one).
    match s.char_indices().nth(max) {
        Some((end, _)) => {
            let mut out = String::from(s.get(..end).unwrap_or(s));
            out.push('…');
            out
        }
        None => String::from(s),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{json, Value};

    impl JsonNode for Value {
        fn member(&self, key: &str) -> Option<Self> {
            self.as_object().and_then(|o| o.get(key)).cloned()
        }
        fn number(&self) -> Option<f64> {
            self.as_f64()
        }
        fn string(&self) -> Option<String> {
            self.as_str().map(String::from)
        }
        fn array_len(&self) -> Option<usize> {
            self.as_array().map(Vec::len)
        }
        fn is_object(&self) -> bool {
            self.is_object()
        }
    }

    #[test]
    fn list_envelope_path_1_in_memory() {
        // 25 terms, max=10, offset=20: slice of 5, perPage = min(max, size) = 10.
        let body = json!({"collection": [1,2,3,4,5], "offset": 20, "perPage": 10, "size": 25, "totalPages": 3});
        let page = list_page(&body).unwrap();
        assert_eq!((page.len, page.total, page.total_pages), (5, 25, 3));
        // No max: perPage == size, totalPages 1.
        let all =
            json!({"collection": [1,2], "offset": 0, "perPage": 2, "size": 2, "totalPages": 1});
        assert_eq!(list_page(&all).unwrap().total, 2);
        // Empty: totalPages 0.
        let empty =
            json!({"collection": [], "offset": 0, "perPage": 0, "size": 0, "totalPages": 0});
        let page = list_page(&empty).unwrap();
        assert_eq!((page.len, page.total, page.total_pages), (0, 0, 0));
    }

    #[test]
    fn list_envelope_path_2_paged_sql() {
        let body = json!({"collection": [{"id": 3}], "offset": 2, "perPage": 1, "size": 7, "totalPages": 7});
        let page = list_page(&body).unwrap();
        assert_eq!((page.len, page.total, page.total_pages), (1, 7, 7));
    }

    #[test]
    fn malformed_envelopes_are_errors_not_panics() {
        for bad in [
            json!(null),
            json!([1, 2]),
            json!("x"),
            json!({"size": 3}),
            json!({"collection": {}}),
        ] {
            assert!(list_page(&bad).is_err(), "{bad}");
        }
        // Lying or broken counters fall back to what is there.
        let body = json!({"collection": [1, 2, 3], "size": -4, "totalPages": "x"});
        let page = list_page(&body).unwrap();
        assert_eq!((page.len, page.total, page.total_pages), (3, 3, 1));
        let body = json!({"collection": [1], "size": 1.5e300});
        assert_eq!(list_page(&body).unwrap().total, 1);
    }

    #[test]
    fn command_responses() {
        let body = json!({
            "message": "Project 1 (P) added", "callback": {"method": "be.cytomine.AddProjectCommand", "projectID": "1"},
            "printMessage": true, "project": {"id": 1, "name": "P"}, "command": 17
        });
        assert_eq!(command_object(&body, "project").unwrap()["name"], "P");
        let annotation = json!({"annotation": {"id": 5}, "command": 3});
        assert_eq!(command_object(&annotation, "annotation").unwrap()["id"], 5);
        assert!(command_object(&json!({"project": null}), "project").is_err());
        assert!(command_object(&json!([]), "project").is_err());
        // Today's repository form (delta §3.2).
        let v2 = json!({
            "printMessage": true, "data": {"id": 9, "name": "T", "ontologyId": 3, "dataType": "TERM"},
            "commandId": "0b0f3c52-7a53-4b8e-9a1e-3f1d2c4b5a6e", "command": "be.cytomine.AddTermCommand",
            "subCommands": []
        });
        assert_eq!(command_object(&v2, "term").unwrap()["ontologyId"], 3);
        // `data` without `commandId` is not a command response.
        assert!(command_object(&json!({"data": {"id": 1}}), "term").is_err());
        assert!(command_object(&json!({"commandId": "x", "data": null}), "term").is_err());
    }

    #[test]
    fn every_error_shape_gives_the_server_message() {
        let shape_a = json!({"errors": {"message": "Project 9 not found"}, "errorValues": {}});
        let shape_a_no_values = json!({"errors": {"message": "Cannot identify user"}});
        let shape_b =
            json!({"success": false, "errors": "Project X already exist!", "errorValues": {}});
        let shape_b_prime =
            json!({"errors": {"message": "Project not found with filters : {id=123}"}});
        let problem = json!({"type": "about:blank", "title": "Not Found", "status": 404, "detail": "No static resource x."});
        let bulk = json!({"data": {"success": false, "message": "No entry saved", "errors": []}, "status": 400});
        assert_eq!(json_error_message(&shape_a).unwrap(), "Project 9 not found");
        assert_eq!(
            json_error_message(&shape_a_no_values).unwrap(),
            "Cannot identify user"
        );
        assert_eq!(
            json_error_message(&shape_b).unwrap(),
            "Project X already exist!"
        );
        assert_eq!(
            json_error_message(&shape_b_prime).unwrap(),
            "Project not found with filters : {id=123}"
        );
        assert_eq!(
            json_error_message(&problem).unwrap(),
            "No static resource x."
        );
        assert_eq!(json_error_message(&bulk).unwrap(), "No entry saved");
        assert_eq!(json_error_message(&json!({"x": 1})), None);
        assert_eq!(json_error_message(&json!([1])), None);
    }

    #[test]
    fn html_and_text_bodies() {
        let page401 = "<!DOCTYPE html><html><head><title>Cytomine error 401</title></head><body>\
            <h1>Authorization required</h1><p>This page is not publicly available.</p></body></html>";
        assert_eq!(
            text_error_message(page401).unwrap(),
            "Authorization required"
        );
        let nginx502 = "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n</body></html>";
        assert_eq!(text_error_message(nginx502).unwrap(), "502 Bad Gateway");
        let title_only = "<html><head><TITLE>Oops</TITLE></head></html>";
        assert_eq!(text_error_message(title_only).unwrap(), "Oops");
        assert_eq!(
            text_error_message("  upstream\n timed out ").unwrap(),
            "upstream timed out"
        );
        assert_eq!(text_error_message(""), None);
        let huge = "é".repeat(5_000_000);
        assert_eq!(text_error_message(&huge).unwrap().chars().count(), 201);
        assert_eq!(text_error_message("<h1>unclosed"), None);
    }

    #[test]
    fn truncate_cuts_at_a_character_count_with_an_ellipsis() {
        assert_eq!(truncate("", 3), "");
        assert_eq!(truncate("abc", 3), "abc");
        assert_eq!(truncate("abcd", 3), "abc…");
        assert_eq!(truncate("éà😀x", 3), "éà😀…");
        assert_eq!(truncate("éà😀", 3), "éà😀");
        assert_eq!(truncate("abc", 0), "…");
    }
}
