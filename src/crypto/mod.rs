//! Cryptography needed to sign Cytomine API-key requests: HMAC-SHA1 from the RustCrypto crates
//! (`hmac`, `sha1`) and a small standard base64 encoder (the `base64` crate weighed 3.3 kB more
//! gzipped wasm than these 20 lines; design.md §9). Checked against published test vectors here
//! and against Node's `crypto` in tests/unit/signature.test.mjs.

mod base64;

pub use base64::encode as base64_encode;

use hmac::{Hmac, Mac};

/// HMAC-SHA1 (RFC 2104) of `message` under `key`.
pub fn hmac_sha1(key: &[u8], message: &[u8]) -> [u8; 20] {
    // `new_from_slice` accepts keys of any length for HMAC (longer ones are hashed first), so
    // the error branch cannot be taken; it still returns a value rather than panicking.
    let Ok(mut mac) = Hmac::<sha1::Sha1>::new_from_slice(key) else {
        return [0; 20];
    };
    mac.update(message);
    mac.finalize().into_bytes().into()
}

#[cfg(test)]
mod tests {
    use super::hmac_sha1;

    fn hex(bytes: &[u8]) -> String {
        bytes.iter().map(|b| format!("{b:02x}")).collect()
    }

    #[test]
    fn rfc2202_vectors() {
        assert_eq!(
            hex(&hmac_sha1(&[0x0b; 20], b"Hi There")),
            "b617318655057264e28bc0b6fb378c8ef146be00"
        );
        assert_eq!(
            hex(&hmac_sha1(b"Jefe", b"what do ya want for nothing?")),
            "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79"
        );
        assert_eq!(
            hex(&hmac_sha1(&[0xaa; 20], &[0xdd; 50])),
            "125d7342b9ac11cd91a39af48aa17b4f63f175d3"
        );
        // Key longer than the block size is hashed first.
        assert_eq!(
            hex(&hmac_sha1(
                &[0xaa; 80],
                b"Test Using Larger Than Block-Size Key - Hash Key First"
            )),
            "aa4ae5e15272d00e95705637ce8a3b55ed402112"
        );
        assert_eq!(
            hex(&hmac_sha1(b"", b"")),
            "fbdb1d1b18aa6c08324b7d64b71fb76370690e1d"
        );
    }
}
