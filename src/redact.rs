//! Removing a connection's secrets from server text before it goes into an error: a server or
//! proxy that echoes the request (its `Authorization` header, its query) would otherwise put the
//! token or the signature into `CytomineError.message`.

use crate::url::encode_component;
use alloc::string::String;

/// What replaces a secret.
pub const REDACTED: &str = "[redacted]";

/// Secrets shorter than this are not searched for: they could not be kept secret anyway, and
/// replacing every `ab` of a message would make it unreadable.
pub const MIN_SECRET_LEN: usize = 4;

/// `text` with every occurrence of each secret, as is or percent-encoded, replaced by
/// [`REDACTED`].
pub fn redact(text: &str, secrets: &[String]) -> String {
    let mut out = String::from(text);
    for secret in secrets.iter().filter(|s| s.len() >= MIN_SECRET_LEN) {
        out = replace_all(&out, secret);
        let mut encoded = String::new();
        encode_component(&mut encoded, secret);
        if encoded != *secret {
            out = replace_all(&out, &encoded);
        }
    }
    out
}

/// A byte scan (`str::replace` would link core's two-way searcher into the wasm). A match
/// starts at a character boundary because `needle` is valid UTF-8.
fn replace_all(text: &str, needle: &str) -> String {
    let (haystack, pattern) = (text.as_bytes(), needle.as_bytes());
    let mut out = String::with_capacity(text.len());
    let (mut copied, mut i) = (0, 0);
    while i + pattern.len() <= haystack.len() {
        if haystack.get(i..i + pattern.len()) == Some(pattern) {
            out.push_str(text.get(copied..i).unwrap_or_default());
            out.push_str(REDACTED);
            i += pattern.len();
            copied = i;
        } else {
            i += 1;
        }
    }
    out.push_str(text.get(copied..).unwrap_or_default());
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::string::ToString;

    #[test]
    fn every_occurrence_and_its_encoded_form_is_replaced() {
        let secrets = ["s3cr/t+Sig=".to_string(), "eyJtoken".to_string()];
        let text =
            "Bad header CYTOMINE pub:s3cr/t+Sig= (eyJtoken, eyJtoken) ?sig=s3cr%2Ft%2BSig%3D é";
        assert_eq!(
            redact(text, &secrets),
            "Bad header CYTOMINE pub:[redacted] ([redacted], [redacted]) ?sig=[redacted] é"
        );
    }

    #[test]
    fn short_or_absent_secrets_leave_the_text_unchanged() {
        let text = "a message with ab and ünïcode";
        assert_eq!(redact(text, &["ab".to_string()]), text);
        assert_eq!(redact(text, &[]), text);
        assert_eq!(redact("", &["secret".to_string()]), "");
        assert_eq!(redact("secret", &["secret".to_string()]), REDACTED);
    }
}
