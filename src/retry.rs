//! Retry policy (design §7): only idempotent requests (GET, HEAD) are retried, on network errors,
//! timeouts and statuses 429, 502, 503, 504, with exponential backoff or the server's `Retry-After`.
//! POST, PUT and DELETE are never retried: a retried POST could create an annotation twice.

/// Settings of one connection.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RetryPolicy {
    /// Extra attempts after the first one.
    pub retries: u32,
    /// Delay before the first retry, doubled each time.
    pub base_delay_ms: f64,
    /// Upper bound of any delay, including one asked by `Retry-After`.
    pub max_delay_ms: f64,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            retries: 3,
            base_delay_ms: 250.0,
            max_delay_ms: 10_000.0,
        }
    }
}

/// Why an attempt failed, as far as retrying is concerned.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Failure {
    /// No response (connection refused or reset, DNS...).
    Network,
    /// The per-attempt timeout fired.
    Timeout,
    /// An HTTP status.
    Status(u16),
}

/// True if the method may be sent again without risk of applying it twice.
pub fn is_idempotent(method: &str) -> bool {
    matches!(method, "GET" | "HEAD")
}

/// True if the failure is transient.
pub fn is_retryable(failure: Failure) -> bool {
    match failure {
        Failure::Network | Failure::Timeout => true,
        Failure::Status(s) => matches!(s, 429 | 502 | 503 | 504),
    }
}

impl RetryPolicy {
    /// Milliseconds to wait before attempt `attempt + 1` (attempt counts from 0), or `None` to
    /// give up. `idempotent` is true for GET/HEAD and for POSTs that only read (the annotation
    /// search); `retry_after_ms` is the server's `Retry-After`, `jitter` a number in [0, 1).
    pub fn delay(
        &self,
        idempotent: bool,
        attempt: u32,
        failure: Failure,
        retry_after_ms: Option<f64>,
        jitter: f64,
    ) -> Option<f64> {
        if attempt >= self.retries || !idempotent || !is_retryable(failure) {
            return None;
        }
        let backoff =
            self.base_delay_ms * f64::from(1u32 << attempt.min(16)) * (0.5 + jitter / 2.0);
        let wanted = match retry_after_ms {
            Some(ms) if ms.is_finite() && ms >= 0.0 => ms,
            _ => backoff,
        };
        Some(wanted.min(self.max_delay_ms))
    }
}

/// Parses `Retry-After`: delta-seconds, or an HTTP date given the date parser result
/// (`date_ms`, epoch ms of the header's date, and `now_ms`).
pub fn parse_retry_after(value: &str, date_ms: Option<f64>, now_ms: f64) -> Option<f64> {
    let v = value.trim();
    if !v.is_empty() && v.len() < 10 && v.bytes().all(|b| b.is_ascii_digit()) {
        return v.parse::<u64>().ok().map(|s| s as f64 * 1000.0);
    }
    date_ms
        .filter(|d| d.is_finite())
        .map(|d| (d - now_ms).max(0.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn never_retries_writes() {
        let p = RetryPolicy::default();
        for m in ["POST", "PUT", "DELETE"] {
            for f in [Failure::Network, Failure::Timeout, Failure::Status(503)] {
                assert_eq!(
                    p.delay(is_idempotent(m), 0, f, None, 0.0),
                    None,
                    "{m} {f:?}"
                );
            }
        }
    }

    #[test]
    fn retries_transient_reads_with_backoff() {
        let p = RetryPolicy {
            retries: 3,
            base_delay_ms: 100.0,
            max_delay_ms: 1000.0,
        };
        assert_eq!(
            p.delay(is_idempotent("GET"), 0, Failure::Status(502), None, 0.0),
            Some(50.0)
        );
        assert_eq!(
            p.delay(is_idempotent("GET"), 1, Failure::Network, None, 0.999_999)
                .map(f64::round),
            Some(200.0)
        );
        assert_eq!(
            p.delay(is_idempotent("HEAD"), 2, Failure::Timeout, None, 0.0),
            Some(200.0)
        );
        assert_eq!(
            p.delay(is_idempotent("GET"), 3, Failure::Network, None, 0.0),
            None
        );
        for s in [400, 401, 403, 404, 409, 500, 501] {
            assert_eq!(
                p.delay(is_idempotent("GET"), 0, Failure::Status(s), None, 0.0),
                None,
                "{s}"
            );
        }
        assert_eq!(
            p.delay(
                is_idempotent("GET"),
                0,
                Failure::Status(429),
                Some(300.0),
                0.0
            ),
            Some(300.0)
        );
        assert_eq!(
            p.delay(
                is_idempotent("GET"),
                0,
                Failure::Status(503),
                Some(60_000.0),
                0.0
            ),
            Some(1000.0)
        );
    }

    #[test]
    fn retries_reading_posts_marked_idempotent() {
        // The annotation search is a POST that only reads.
        let p = RetryPolicy {
            retries: 1,
            base_delay_ms: 10.0,
            max_delay_ms: 100.0,
        };
        assert_eq!(p.delay(true, 0, Failure::Status(503), None, 0.0), Some(5.0));
        assert_eq!(p.delay(false, 0, Failure::Status(503), None, 0.0), None);
    }

    #[test]
    fn retry_after_forms() {
        assert_eq!(parse_retry_after("2", None, 0.0), Some(2000.0));
        assert_eq!(parse_retry_after(" 0 ", None, 0.0), Some(0.0));
        assert_eq!(
            parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT", Some(5000.0), 1000.0),
            Some(4000.0)
        );
        assert_eq!(
            parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT", Some(0.0), 1000.0),
            Some(0.0)
        );
        assert_eq!(parse_retry_after("soon", None, 0.0), None);
        assert_eq!(parse_retry_after("99999999999", None, 0.0), None);
    }
}
