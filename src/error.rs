//! The client's error value. Pure Rust here; `js_error.rs` turns it into the JS `CytomineError`.
//! Messages never contain credentials: they are built from the method, the URL (which never
//! carries a key or token) and the server's own message.

use alloc::string::{String, ToString};
/// What went wrong, as a stable string for `CytomineError.kind`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// A bad argument, refused before any request was sent.
    InvalidArgument,
    /// The server could not be reached or the connection broke.
    Network,
    /// No complete answer within the timeout.
    Timeout,
    /// Cancelled through an `AbortSignal`.
    Aborted,
    /// The server answered with an error status.
    Http,
    /// The server answered 2xx but the body is not what the API returns (HTML, truncated JSON...).
    Decode,
    /// Credentials could not be produced (a token function failed) or were rejected (401).
    Auth,
    /// The response is larger than the configured limit.
    TooLarge,
}

impl ErrorKind {
    /// The value of `CytomineError.kind`.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::InvalidArgument => "invalid-argument",
            ErrorKind::Network => "network",
            ErrorKind::Timeout => "timeout",
            ErrorKind::Aborted => "aborted",
            ErrorKind::Http => "http",
            ErrorKind::Decode => "decode",
            ErrorKind::Auth => "auth",
            ErrorKind::TooLarge => "too-large",
        }
    }
}

/// An error with everything `CytomineError` exposes.
#[derive(Debug, Clone, PartialEq)]
pub struct ClientError {
    /// Category.
    pub kind: ErrorKind,
    /// Human-readable explanation, including the request when there was one.
    pub message: String,
    /// HTTP status, when the server answered.
    pub status: Option<u16>,
    /// HTTP method of the failed request.
    pub method: Option<String>,
    /// Full URL of the failed request (never contains credentials).
    pub url: Option<String>,
    /// The server's own message, whichever error shape it came in.
    pub server_message: Option<String>,
    /// False only when the request certainly did not reach the server (refused before sending,
    /// connection refused); true when it may have been applied, which matters for POST/PUT/DELETE.
    pub may_have_reached_server: bool,
}

impl ClientError {
    /// An argument refused before any request.
    pub fn invalid(message: String) -> Self {
        Self::new(ErrorKind::InvalidArgument, message, false)
    }

    /// A bare error of a kind; request details are attached with [`ClientError::with_request`].
    pub fn new(kind: ErrorKind, message: String, may_have_reached_server: bool) -> Self {
        ClientError {
            kind,
            message,
            status: None,
            method: None,
            url: None,
            server_message: None,
            may_have_reached_server,
        }
    }

    /// Attaches the request and appends ` (METHOD path)` to the message.
    pub fn with_request(mut self, method: &str, url: &str) -> Self {
        self.message.push_str(" (");
        self.message.push_str(method);
        self.message.push(' ');
        self.message.push_str(path_of(url));
        self.message.push(')');
        self.method = Some(method.to_string());
        self.url = Some(url.to_string());
        self
    }
}

/// The path and query of a URL, for short messages.
fn path_of(url: &str) -> &str {
    match crate::url::after_scheme(url) {
        Some(rest) => rest.find('/').and_then(|i| rest.get(i..)).unwrap_or("/"),
        None => url,
    }
}

/// Reason phrase of common statuses, for messages.
pub fn reason(status: u16) -> &'static str {
    match status {
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        409 => "Conflict",
        413 => "Payload Too Large",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        501 => "Not Implemented",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_details_are_appended() {
        let e = ClientError::new(
            ErrorKind::Http,
            "404 Not Found: Project 9 not found".into(),
            true,
        )
        .with_request("GET", "http://h:8080/api/project/9.json?x=1");
        assert_eq!(
            e.message,
            "404 Not Found: Project 9 not found (GET /api/project/9.json?x=1)"
        );
        assert_eq!(
            e.url.as_deref(),
            Some("http://h:8080/api/project/9.json?x=1")
        );
        assert_eq!(e.kind.as_str(), "http");
    }
}
