//! Cytomine API-key signatures: HMAC-SHA1 over a message, base64-encoded, sent as
//! `Authorization: CYTOMINE <publicKey>:<signature>`. Two server generations sign different
//! messages ([`SignatureForm`], delta §1.1); a signature of one form is refused by the other.

use crate::crypto::{base64_encode, hmac_sha1};
use alloc::string::String;

/// Which message the server signs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignatureForm {
    /// Core 5.2 (and cytomine-client 3.1.0, Python client 3.1.0):
    /// `METHOD\n<content-MD5>\n<content-type>\n<date>\n<path><?query>`.
    WithPath,
    /// Today's core (`cytomine/cytomine` since 2025-12-18, Python client 3.1.1+):
    /// `METHOD\n<content-MD5>\n<content-type>\n<date>`, nothing after the date.
    WithoutPath,
}

impl SignatureForm {
    /// The other form (tried once after a 401 when the server generation is unknown).
    pub fn other(self) -> SignatureForm {
        match self {
            SignatureForm::WithPath => SignatureForm::WithoutPath,
            SignatureForm::WithoutPath => SignatureForm::WithPath,
        }
    }
}

/// The string the server signs, byte for byte. `path_and_query` is the raw path (base path
/// included) and query as sent; [`SignatureForm::WithoutPath`] ignores it.
pub fn message_to_sign(
    form: SignatureForm,
    method: &str,
    content_md5: &str,
    content_type: &str,
    date: &str,
    path_and_query: &str,
) -> String {
    let with_path = form == SignatureForm::WithPath;
    let mut msg = String::with_capacity(
        method.len()
            + content_md5.len()
            + content_type.len()
            + date.len()
            + if with_path {
                path_and_query.len() + 1
            } else {
                0
            }
            + 3,
    );
    for part in [method, content_md5, content_type] {
        msg.push_str(part);
        msg.push('\n');
    }
    msg.push_str(date);
    if with_path {
        msg.push('\n');
        msg.push_str(path_and_query);
    }
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
    use super::SignatureForm::*;
    use super::*;

    #[test]
    fn contract_worked_example() {
        let date = "Mon, 01 Jan 2024 00:00:00 GMT";
        let path = "/api/project.json?max=10&offset=0";
        let msg = message_to_sign(WithPath, "GET", "", "application/json", date, path);
        assert_eq!(
            msg,
            "GET\n\napplication/json\nMon, 01 Jan 2024 00:00:00 GMT\n/api/project.json?max=10&offset=0"
        );
        let empty_type = message_to_sign(WithPath, "GET", "", "", date, path);
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

    /// The test vectors of the delta file §1.1 (key `00000000-...`, no Content-Type sent).
    #[test]
    fn delta_test_vectors_of_both_forms() {
        let key = "00000000-0000-0000-0000-000000000000";
        let date = "Mon, 01 Jan 2024 00:00:00 GMT";
        let path = "/api/project.json?max=10&offset=0";
        let today_empty = message_to_sign(WithoutPath, "GET", "", "", date, path);
        assert_eq!(today_empty, "GET\n\n\nMon, 01 Jan 2024 00:00:00 GMT");
        assert_eq!(signature(key, &today_empty), "QTefUm+usmIWIQcYLGi6AgkkONY=");
        let today_forced = message_to_sign(WithoutPath, "GET", "", "application/json", date, path);
        assert_eq!(
            today_forced,
            "GET\n\napplication/json\nMon, 01 Jan 2024 00:00:00 GMT"
        );
        assert_eq!(
            signature(key, &today_forced),
            "KRoldob8uGAVIqi8/TgqKkoFjsk="
        );
        let legacy = message_to_sign(WithPath, "GET", "", "", date, path);
        assert_eq!(signature(key, &legacy), "cG3S7JS65pnYlju08wYTcXqF0oU=");
        // The path does not change today's signature; it changes 5.2's.
        let other_path = message_to_sign(WithoutPath, "GET", "", "", date, "/api/user.json");
        assert_eq!(signature(key, &other_path), "QTefUm+usmIWIQcYLGi6AgkkONY=");
        assert_ne!(
            signature(
                key,
                &message_to_sign(WithPath, "GET", "", "", date, "/api/user.json")
            ),
            "cG3S7JS65pnYlju08wYTcXqF0oU="
        );
        assert_eq!(WithPath.other(), WithoutPath);
        assert_eq!(WithoutPath.other(), WithPath);
    }
}
