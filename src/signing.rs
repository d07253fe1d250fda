//! Cytomine API-key signatures (contract §1.2): HMAC-SHA1 over
//! `METHOD\n<content-MD5>\n<content-type>\n<date>\n<path><?query>`, base64-encoded, sent as
//! `Authorization: CYTOMINE <publicKey>:<signature>`.

use crate::crypto::{base64_encode, hmac_sha1};
use alloc::string::String;

/// The string the server signs, byte for byte.
pub fn message_to_sign(
    method: &str,
    content_md5: &str,
    content_type: &str,
    date: &str,
    path_and_query: &str,
) -> String {
    let mut msg = String::with_capacity(
        method.len()
            + content_md5.len()
            + content_type.len()
            + date.len()
            + path_and_query.len()
            + 4,
    );
    for part in [method, content_md5, content_type, date] {
        msg.push_str(part);
        msg.push('\n');
    }
    msg.push_str(path_and_query);
    msg
}

/// Base64 HMAC-SHA1 of `message` under `private_key`.
pub fn signature(private_key: &str, message: &str) -> String {
    base64_encode(&hmac_sha1(private_key.as_bytes(), message.as_bytes()))
}

/// The `Authorization` header value.
pub fn authorization_header(public_key: &str, signature: &str) -> String {
    let mut header = String::with_capacity(10 + public_key.len() + signature.len());
    header.push_str("CYTOMINE ");
    header.push_str(public_key);
    header.push(':');
    header.push_str(signature);
    header
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contract_worked_example() {
        let date = "Mon, 01 Jan 2024 00:00:00 GMT";
        let path = "/api/project.json?max=10&offset=0";
        let msg = message_to_sign("GET", "", "application/json", date, path);
        assert_eq!(
            msg,
            "GET\n\napplication/json\nMon, 01 Jan 2024 00:00:00 GMT\n/api/project.json?max=10&offset=0"
        );
        let empty_type = message_to_sign("GET", "", "", date, path);
        assert_eq!(
            empty_type,
            "GET\n\n\nMon, 01 Jan 2024 00:00:00 GMT\n/api/project.json?max=10&offset=0"
        );
        // Independently computed with: printf '%s' "$msg" | openssl dgst -sha1 -hmac <key> -binary | base64
        assert_eq!(
            signature("private-key-1234", &msg),
            "08EiHcfcBDTfbDN3SRllxrbQ69Q="
        );
        assert_eq!(
            signature("private-key-1234", &empty_type),
            "bWkLcflzjTq2CdVBvvJiB7AD/D8="
        );
        assert_eq!(authorization_header("pub", "sig="), "CYTOMINE pub:sig=");
    }
}
