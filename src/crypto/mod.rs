//! Dependency-free cryptography needed to sign Cytomine API-key requests: SHA-1, HMAC-SHA1 and
//! standard base64. Written here rather than pulled from crates to keep the wasm small; checked
//! against published test vectors and against Node's `crypto` in the JS tests.

mod base64;
mod hmac;
mod sha1;

pub use base64::encode as base64_encode;
pub use hmac::hmac_sha1;
pub use sha1::sha1;
