//! Response decoding: any bytes, as JSON (list envelope, command response, error shapes) and as
//! text (HTML error pages), must never panic.
#![no_main]

use cytomine_wasm::decode::{command_object, json_error_message, list_page, text_error_message, JsonNode};
use libfuzzer_sys::fuzz_target;

struct Node(serde_json::Value);

impl JsonNode for Node {
    fn member(&self, key: &str) -> Option<Self> {
        self.0.as_object().and_then(|o| o.get(key)).cloned().map(Node)
    }
    fn number(&self) -> Option<f64> {
        self.0.as_f64()
    }
    fn string(&self) -> Option<String> {
        self.0.as_str().map(String::from)
    }
    fn array_len(&self) -> Option<usize> {
        self.0.as_array().map(Vec::len)
    }
    fn is_object(&self) -> bool {
        self.0.is_object()
    }
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let _ = text_error_message(&text);
    if let Ok(value) = serde_json::from_slice::<serde_json::Value>(data) {
        let node = Node(value);
        if let Ok(page) = list_page(&node) {
            assert!(page.total >= page.len);
        }
        let _ = command_object(&node, "annotation");
        let _ = json_error_message(&node);
    }
});
