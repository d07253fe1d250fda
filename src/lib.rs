//! cytomine-wasm: a Cytomine API client for browsers and Node, compiled to WebAssembly.
//!
//! The crate owns the protocol: URL and query building, id validation, request signing
//! (HMAC-SHA1 API keys, bearer tokens, cookies), the Fetch transport with timeouts, retries and
//! cancellation, decoding of Cytomine's envelopes and error shapes, parallel paging, and the
//! declarations of every Cytomine domain (`domains`). The npm package's JS layer (`js/`) turns
//! those declarations into the model and collection classes users import.

#![warn(missing_docs)]

pub mod crypto;
pub mod decode;
pub mod domains;
pub mod error;
pub mod ids;
pub mod paging;
pub mod retry;
pub mod signing;
pub mod url;

#[cfg(target_arch = "wasm32")]
mod wasm;
