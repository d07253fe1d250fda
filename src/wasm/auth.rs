//! Credentials of a connection and the headers they add to each request (design §4).

use super::json::{get, string_option};
use crate::error::{ClientError, ErrorKind};
use crate::signing::{authorization_header, message_to_sign, signature, SignatureForm};
use alloc::string::String;
use js_sys::{Function, Object, Promise};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// What an API-key signature covers of a request, as it is sent.
pub struct SignedParts<'a> {
    /// HTTP method.
    pub method: &'a str,
    /// The `Content-MD5` header ("" when none).
    pub content_md5: &'a str,
    /// The `Content-Type` header ("" when none).
    pub content_type: &'a str,
    /// Path and query as on the wire.
    pub path_and_query: &'a str,
}

/// How requests are authenticated.
pub enum Auth {
    /// No credentials beyond cookies the runtime sends.
    None,
    /// HMAC-SHA1 API keys.
    ApiKey {
        public_key: String,
        private_key: String,
    },
    /// A fixed bearer token.
    Token(String),
    /// A function returning the token (or a promise of it), called before each request.
    TokenProvider(Function),
}

impl Auth {
    /// Reads `publicKey`/`privateKey` or `token` from the connection options.
    pub fn from_options(options: &JsValue) -> Result<Auth, String> {
        let public_key = string_option(options, "publicKey")?;
        let private_key = string_option(options, "privateKey")?;
        let token = get(options, "token");
        let has_token = !(token.is_undefined() || token.is_null());
        match (public_key, private_key) {
            (Some(_), Some(_)) if has_token => {
                Err("give either API keys or a token, not both".into())
            }
            (Some(public_key), Some(private_key)) => {
                if public_key.is_empty() || private_key.is_empty() {
                    return Err("publicKey and privateKey must not be empty".into());
                }
                if !header_safe(&public_key) {
                    return Err("publicKey must not contain line breaks or NUL".into());
                }
                Ok(Auth::ApiKey {
                    public_key,
                    private_key,
                })
            }
            (Some(_), None) | (None, Some(_)) => {
                Err("API keys need both publicKey and privateKey".into())
            }
            (None, None) if has_token => {
                if let Some(text) = token.as_string() {
                    if text.is_empty() {
                        return Err("token must not be empty".into());
                    }
                    if !header_safe(&text) {
                        return Err("token must not contain line breaks or NUL".into());
                    }
                    Ok(Auth::Token(text))
                } else if let Some(f) = token.dyn_ref::<Function>() {
                    Ok(Auth::TokenProvider(f.clone()))
                } else {
                    Err("token must be a string or a function returning one".into())
                }
            }
            (None, None) => Ok(Auth::None),
        }
    }

    /// `"api-key"`, `"token"` or `"none"` (never the credentials themselves).
    pub fn kind(&self) -> &'static str {
        match self {
            Auth::None => "none",
            Auth::ApiKey { .. } => "api-key",
            Auth::Token(_) | Auth::TokenProvider(_) => "token",
        }
    }

    /// The headers [`Auth::apply`] sets (a caller's `onRequest` hook cannot override them).
    pub fn header_names(&self) -> &'static [&'static str] {
        match self {
            Auth::None => &[],
            Auth::ApiKey { .. } => &["Authorization", "Date", "dateFull"],
            Auth::Token(_) | Auth::TokenProvider(_) => &["Authorization"],
        }
    }

    /// Sets the authentication headers on `headers` for the request `signed` describes; API keys
    /// sign the message `form` says. `Date` is left out where scripts cannot set it
    /// (`date_forbidden`: browsers drop it anyway).
    pub async fn apply(
        &self,
        headers: &Object,
        form: SignatureForm,
        signed: &SignedParts<'_>,
        date_forbidden: bool,
    ) -> Result<(), ClientError> {
        let set = |k: &str, v: &str| super::json::set(headers, k, &JsValue::from_str(v));
        match self {
            Auth::None => {}
            Auth::ApiKey {
                public_key,
                private_key,
            } => {
                let date = js_sys::Date::new_0()
                    .to_utc_string()
                    .as_string()
                    .unwrap_or_default();
                let message = message_to_sign(
                    form,
                    signed.method,
                    signed.content_md5,
                    signed.content_type,
                    &date,
                    signed.path_and_query,
                );
                set(
                    "Authorization",
                    &authorization_header(public_key, &signature(private_key, &message)),
                );
                // Browsers drop `Date`; a gateway copies `dateFull` into it (README, design §4).
                let date = JsValue::from_str(&date);
                if !date_forbidden {
                    super::json::set(headers, "Date", &date);
                }
                super::json::set(headers, "dateFull", &date);
            }
            Auth::Token(token) => set("Authorization", &bearer(token)),
            Auth::TokenProvider(provider) => {
                let token = call_provider(provider).await?;
                set("Authorization", &bearer(&token));
            }
        }
        Ok(())
    }
}

impl Auth {
    /// The bearer token (the provider's current one), for URLs that must carry it; an error for
    /// connections without a token.
    pub async fn token(&self) -> Result<String, ClientError> {
        match self {
            Auth::Token(token) => Ok(token.clone()),
            Auth::TokenProvider(provider) => call_provider(provider).await,
            _ => Err(ClientError::invalid(
                "a token query parameter needs a connection with a `token`".into(),
            )),
        }
    }
}

fn bearer(token: &str) -> String {
    let mut value = String::from("Bearer ");
    value.push_str(token);
    value
}

async fn call_provider(provider: &Function) -> Result<String, ClientError> {
    let failed = |what: &str| {
        let mut msg = String::from("the token function ");
        msg.push_str(what);
        ClientError::new(ErrorKind::Auth, msg, false)
    };
    let mut value = provider
        .call0(&JsValue::UNDEFINED)
        .map_err(|_| failed("threw an error"))?;
    if let Some(promise) = value.dyn_ref::<Promise>() {
        value = JsFuture::from(promise.clone())
            .await
            .map_err(|_| failed("rejected"))?;
    }
    match value.as_string() {
        Some(token) if !token.is_empty() && header_safe(&token) => Ok(token),
        _ => Err(failed(
            "did not return a non-empty string without line breaks",
        )),
    }
}

/// A value that can go into an HTTP header as is (no line break, no NUL).
fn header_safe(value: &str) -> bool {
    !value.contains(['\r', '\n', '\0'])
}
