//! Request headers as an ordered list with HTTP's case-insensitive names, so that headers a
//! caller's `onRequest` hook sets (`content-type`, `authorization`...) replace the package's own
//! (`Content-Type`...) instead of being sent twice, and so that what is signed is what is sent.

use alloc::string::String;
use alloc::vec::Vec;

/// Ordered `(name, value)` pairs, at most one per name (compared ASCII case-insensitively).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HeaderList {
    entries: Vec<(String, String)>,
}

impl HeaderList {
    /// An empty list.
    pub fn new() -> HeaderList {
        HeaderList::default()
    }

    /// Sets `name` to `value`: an existing header of that name (any case) is replaced in place,
    /// taking the new spelling; otherwise the header is appended.
    pub fn set(&mut self, name: &str, value: &str) {
        match self.position(name) {
            Some(i) => {
                if let Some(entry) = self.entries.get_mut(i) {
                    *entry = (String::from(name), String::from(value));
                }
            }
            None => self.entries.push((String::from(name), String::from(value))),
        }
    }

    /// Removes the header `name` (any case).
    pub fn remove(&mut self, name: &str) {
        self.entries.retain(|(n, _)| !n.eq_ignore_ascii_case(name));
    }

    /// The value of `name` (any case).
    pub fn get(&self, name: &str) -> Option<&str> {
        self.position(name)
            .and_then(|i| self.entries.get(i))
            .map(|(_, v)| v.as_str())
    }

    /// The pairs in order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.entries.iter().map(|(n, v)| (n.as_str(), v.as_str()))
    }

    fn position(&self, name: &str) -> Option<usize> {
        self.entries
            .iter()
            .position(|(n, _)| n.eq_ignore_ascii_case(name))
    }
}

/// True for a valid header name (an RFC 9110 token: letters, digits and ``!#$%&'*+-.^_`|~``).
pub fn is_header_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

/// True for a header value that can be sent as is (no line break, no NUL, no other control
/// character but tab).
pub fn is_header_value(value: &str) -> bool {
    !value.chars().any(|c| c != '\t' && c.is_control())
}

/// Why a hook's header cannot be sent, for the error message (never the value itself: it may be a
/// credential).
pub fn header_problem(name: &str, value: &str) -> Option<&'static str> {
    if !is_header_name(name) {
        Some("is not a valid header name")
    } else if !is_header_value(value) {
        Some("has a value with a line break or a control character")
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn set_replaces_whatever_the_case_and_keeps_order() {
        let mut h = HeaderList::new();
        h.set("Accept", "application/json");
        h.set("Content-Type", "application/json");
        h.set("X-Trace", "1");
        h.set("content-type", "text/plain");
        let pairs: Vec<_> = h.iter().collect();
        assert_eq!(
            pairs,
            [
                ("Accept", "application/json"),
                ("content-type", "text/plain"),
                ("X-Trace", "1")
            ]
        );
        assert_eq!(h.get("CONTENT-TYPE"), Some("text/plain"));
        h.remove("ACCEPT");
        assert_eq!(h.get("accept"), None);
        assert_eq!(h.iter().count(), 2);
    }

    #[test]
    fn names_and_values_are_checked() {
        assert!(is_header_name("X-Request-Id"));
        assert!(is_header_name("content-md5"));
        assert!(!is_header_name(""));
        assert!(!is_header_name("X Trace"));
        assert!(!is_header_name("X-Trace:"));
        assert!(!is_header_name("Ünicode"));
        assert!(is_header_value("Bearer abc.def\tx"));
        assert!(!is_header_value("a\r\nInjected: 1"));
        assert!(!is_header_value("a\0"));
        assert_eq!(header_problem("X-A", "b"), None);
        assert_eq!(
            header_problem("X A", "b"),
            Some("is not a valid header name")
        );
        assert_eq!(
            header_problem("X-A", "b\n"),
            Some("has a value with a line break or a control character")
        );
    }
}
