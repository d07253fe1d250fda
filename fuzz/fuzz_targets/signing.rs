//! Signing: the crate's signature (RustCrypto HMAC-SHA1 + its own base64 encoder) against the
//! `base64` crate: differential for the base64 encoder and the key/message handling. The
//! independent check of HMAC-SHA1 itself is tests/unit/signature.test.mjs (Node's `crypto`,
//! i.e. OpenSSL, on 2,000 random keys and messages).
#![no_main]

use base64::Engine;
use hmac::{Hmac, Mac};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let split = data.first().map(|b| usize::from(*b)).unwrap_or(0).min(data.len());
    let (key, message) = data.split_at(split);
    let key = String::from_utf8_lossy(key);
    let message = String::from_utf8_lossy(message);
    let ours = cytomine_wasm::signing::signature(&key, &message);
    let mut mac = Hmac::<sha1::Sha1>::new_from_slice(key.as_bytes()).expect("HMAC takes any key");
    mac.update(message.as_bytes());
    let theirs = base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes());
    assert_eq!(ours, theirs);
});
