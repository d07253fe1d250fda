//! Id validation: every id that goes into a path is checked before any request is sent, so
//! `Project.fetch('1/../2')`, `NaN`, `-1` or `1.5` never reach the network. A JS number above
//! 2^53 - 1 is refused (it may already be rounded: the next URL would name another object); the
//! same id given as a decimal string is kept exact, up to core's `Long` range.

use crate::error::ClientError;
use crate::url::quote;
use alloc::string::String;

/// Largest integer a JS number holds exactly (Number.MAX_SAFE_INTEGER).
pub const MAX_SAFE_INTEGER: f64 = 9_007_199_254_740_991.0;

/// Largest id core can hold (Java's `Long.MAX_VALUE`), for ids given as strings.
pub const MAX_TEXT_ID: u64 = 9_223_372_036_854_775_807;

/// True for a whole number a JS number cannot hold exactly (beyond ±(2^53 - 1)): sent as is, it
/// would name another object than the one meant.
pub fn is_unsafe_integer(n: f64) -> bool {
    n.is_finite() && n % 1.0 == 0.0 && !(-MAX_SAFE_INTEGER..=MAX_SAFE_INTEGER).contains(&n)
}

/// An id as it arrived from JavaScript.
#[derive(Debug, Clone)]
pub enum IdInput {
    /// A JS number.
    Number(f64),
    /// A JS string (ids copied from URLs or forms, or kept exact beyond 2^53); must be plain
    /// decimal digits.
    Text(String),
    /// Anything else (object, boolean, null...), described by its JS type name.
    Other(&'static str),
}

/// Returns the id as an integer if it is a positive safe integer, or a string of a positive
/// integer up to [`MAX_TEXT_ID`].
pub fn parse_id(input: &IdInput, name: &str) -> Result<u64, ClientError> {
    let ok = match input {
        IdInput::Number(n) => {
            if *n % 1.0 == 0.0 && *n >= 1.0 && *n <= MAX_SAFE_INTEGER {
                Some(*n as u64)
            } else {
                None
            }
        }
        IdInput::Text(s) => {
            if !s.is_empty() && s.len() <= 19 && s.bytes().all(|b| b.is_ascii_digit()) {
                s.parse::<u64>()
                    .ok()
                    .filter(|v| *v >= 1 && *v <= MAX_TEXT_ID)
            } else {
                None
            }
        }
        IdInput::Other(_) => None,
    };
    ok.ok_or_else(|| {
        let mut msg = String::from("invalid ");
        msg.push_str(name);
        msg.push_str(": ");
        match input {
            IdInput::Number(n) if n.is_nan() => msg.push_str("NaN"),
            IdInput::Number(n) => {
                if n.is_infinite() {
                    msg.push_str("Infinity");
                } else if *n < 0.0 {
                    msg.push_str("a negative number");
                } else if *n % 1.0 != 0.0 {
                    msg.push_str("not an integer");
                } else if *n > MAX_SAFE_INTEGER {
                    msg.push_str(
                        "above 2^53 - 1, a JS number cannot hold it exactly (give it as a decimal string)",
                    );
                } else {
                    msg.push_str("out of range");
                }
            }
            IdInput::Text(s) => msg.push_str(&quote(s)),
            IdInput::Other(kind) => msg.push_str(kind),
        }
        msg.push_str(" (expected a positive integer id)");
        ClientError::invalid(msg)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_positive_safe_integers() {
        assert_eq!(parse_id(&IdInput::Number(1.0), "id").unwrap(), 1);
        assert_eq!(
            parse_id(&IdInput::Number(MAX_SAFE_INTEGER), "id").unwrap(),
            9_007_199_254_740_991
        );
        assert_eq!(parse_id(&IdInput::Text("42".into()), "id").unwrap(), 42);
        // Beyond 2^53 as a string: kept exact.
        assert_eq!(
            parse_id(&IdInput::Text("9007199254740993".into()), "id").unwrap(),
            9_007_199_254_740_993
        );
        assert_eq!(
            parse_id(&IdInput::Text("9223372036854775807".into()), "id").unwrap(),
            MAX_TEXT_ID
        );
    }

    #[test]
    fn unsafe_integers_are_told_apart() {
        assert!(is_unsafe_integer(9_007_199_254_740_992.0));
        assert!(is_unsafe_integer(-9_007_199_254_740_992.0));
        assert!(is_unsafe_integer(1e300));
        assert!(!is_unsafe_integer(MAX_SAFE_INTEGER));
        assert!(!is_unsafe_integer(0.25));
        assert!(!is_unsafe_integer(f64::NAN));
        assert!(!is_unsafe_integer(f64::INFINITY));
    }

    #[test]
    fn refuses_everything_else_with_a_clear_message() {
        let cases: Vec<(IdInput, &str)> = vec![
            (IdInput::Number(f64::NAN), "invalid id: NaN"),
            (IdInput::Number(-1.0), "invalid id: a negative number"),
            (IdInput::Number(1.5), "invalid id: not an integer"),
            (IdInput::Number(0.0), "invalid id: out of range"),
            (
                IdInput::Number(1e300),
                "invalid id: above 2^53 - 1, a JS number cannot hold it exactly",
            ),
            (
                IdInput::Number(9_007_199_254_740_992.0),
                "invalid id: above 2^53 - 1",
            ),
            (IdInput::Number(f64::INFINITY), "invalid id: Infinity"),
            (IdInput::Text("1/../2".into()), "invalid id: \"1/../2\""),
            (IdInput::Text("".into()), "invalid id: \"\""),
            (IdInput::Text("0".into()), "invalid id: \"0\""),
            (IdInput::Text(" 1".into()), "invalid id: \" 1\""),
            (
                IdInput::Text("9223372036854775808".into()),
                "invalid id: \"9223372036854775808\"",
            ),
            (
                IdInput::Text("99999999999999999999".into()),
                "invalid id: \"99999999999999999999\"",
            ),
            (IdInput::Other("object"), "invalid id: object"),
        ];
        for (input, expected) in cases {
            let err = parse_id(&input, "id").unwrap_err();
            assert!(
                err.message.starts_with(expected),
                "{input:?}: {}",
                err.message
            );
            assert!(err.message.ends_with("(expected a positive integer id)"));
        }
    }
}
