//! One API call over Fetch: headers and signature, per-attempt timeout, cancellation, retries of
//! idempotent requests, bounded body size, and classification of every failure into a
//! [`ClientError`].

use super::auth::{Auth, SignedParts};
use super::bindings::{self, AbortSignal, Deadline, Response};
use super::json::{get, set};
use super::limiter::Limiter;
use super::request_hook;
use crate::decode::{json_error_message, text_error_message, truncate};
use crate::error::{reason, ClientError, ErrorKind};
use crate::headers::HeaderList;
use crate::redact::redact;
use crate::retry::{parse_retry_after, Failure, RetryPolicy};
use crate::signing::SignatureForm;
use alloc::rc::Rc;
use alloc::string::String;
use alloc::vec::Vec;
use core::cell::Cell;
use js_sys::{Array, Function, JsString, Object, Promise, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// Settings shared by every request of a connection.
pub struct Transport {
    /// The `fetch` to call (option `fetch`); the global one when `None`.
    pub fetch: Option<Function>,
    /// Credentials.
    pub auth: Auth,
    /// The `onRequest` hook (option), run on each attempt before the credentials are added.
    pub on_request: Option<Function>,
    /// `credentials` of `fetch` (`include` for cookie sessions across origins).
    pub credentials: Option<&'static str>,
    /// `cache` of `fetch` for every request (option `cache`); see [`Transport::cache_mode`].
    pub cache: Option<&'static str>,
    /// Per-attempt timeout.
    pub timeout_ms: f64,
    /// Retries of idempotent requests.
    pub retry: RetryPolicy,
    /// Largest accepted response body.
    pub max_response_bytes: f64,
    /// Bound on requests in flight.
    pub limiter: Rc<Limiter>,
    /// True in browsers (windows and workers): scripts cannot set `Date` there (the 401 hint),
    /// and there is an HTTP cache (see [`Transport::cache_mode`]).
    pub in_browser: bool,
    /// The API-key signature form in use: the server generation's once known, else a guess that a
    /// 401 answer may switch (see [`Transport::send`]).
    pub form: Cell<SignatureForm>,
    /// True once the form is certain (generation forced or detected, or the other form worked
    /// after a 401): no more switching.
    pub form_settled: Cell<bool>,
}

/// The `cache` modes of `fetch` a request may ask for (`only-if-cached` needs a same-origin mode
/// and answers from nothing but the cache: not useful to an API client).
pub const CACHE_MODES: &[&str] = &["default", "no-store", "reload", "no-cache", "force-cache"];

/// How the response body is read.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum ResponseType {
    /// Parsed JSON (null for an empty body).
    Json,
    /// A string.
    Text,
    /// A `Blob` (images).
    Blob,
    /// An `ArrayBuffer`.
    ArrayBuffer,
}

impl ResponseType {
    /// From the `responseType` option.
    pub fn parse(value: Option<&str>) -> Option<ResponseType> {
        Some(match value {
            None | Some("json") => ResponseType::Json,
            Some("text") => ResponseType::Text,
            Some("blob") => ResponseType::Blob,
            Some("arraybuffer") => ResponseType::ArrayBuffer,
            _ => return None,
        })
    }
}

/// A request ready to send.
pub struct Call<'a> {
    /// HTTP method.
    pub method: &'a str,
    /// Full URL.
    pub url: &'a str,
    /// Path and query as on the wire, the part that is signed.
    pub path_and_query: &'a str,
    /// Body: a JSON string, or a JS value sent as is (FormData, Blob...).
    pub body: Body,
    /// Body reading.
    pub response_type: ResponseType,
    /// The caller's `AbortSignal`.
    pub signal: Option<AbortSignal>,
    /// Timeout override.
    pub timeout_ms: Option<f64>,
    /// `cache` of `fetch` for this request, overriding the connection's.
    pub cache: Option<&'static str>,
    /// Safe to send again: GET/HEAD, or a POST that only reads (`options.idempotent`).
    pub idempotent: bool,
    /// Sent without credentials (the generation probe).
    pub anonymous: bool,
}

/// A request body.
pub enum Body {
    /// No body.
    None,
    /// Serialized JSON, sent with `Content-Type: application/json`.
    Json(String),
    /// A value `fetch` accepts as is (FormData sets its own multipart type).
    Raw(JsValue),
}

impl Transport {
    /// Sends `call`, retrying idempotent requests on transient failures. While the signature form
    /// is not settled, an API-key request refused with core's HTML 401 page is sent once more
    /// signed the other way (a 401 applied nothing, so this is safe for every method); the form
    /// that works is kept for the connection.
    pub async fn send(&self, call: &Call<'_>) -> Result<JsValue, ClientError> {
        let _permit = self.limiter.acquire().await;
        let mut attempt = 0u32;
        let mut switched_form = false;
        loop {
            if call.signal.as_ref().is_some_and(|s| s.aborted()) {
                // Before the first attempt nothing was sent.
                let mut e = aborted(call);
                e.may_have_reached_server = attempt > 0;
                return Err(e);
            }
            let form = self.form.get();
            let (failure, error, retry_after) = match self.attempt(call, form).await {
                Ok(value) => {
                    if switched_form {
                        self.form_settled.set(true);
                    }
                    return Ok(value);
                }
                Err(Attempt::Final(e)) => return Err(e),
                Err(Attempt::WrongForm(e)) => {
                    // Another request found the working form while this one was in flight.
                    if !switched_form && self.form.get() != form {
                        switched_form = true;
                        continue;
                    }
                    if switched_form || self.form_settled.get() {
                        // Neither form was accepted: the keys themselves are refused.
                        if switched_form && !self.form_settled.get() && self.form.get() == form {
                            self.form.set(form.other());
                        }
                        return Err(e);
                    }
                    switched_form = true;
                    self.form.set(form.other());
                    continue;
                }
                Err(Attempt::Transient {
                    failure,
                    error,
                    retry_after_ms,
                }) => (failure, error, retry_after_ms),
            };
            let jitter = js_sys::Math::random();
            match self
                .retry
                .delay(call.idempotent, attempt, failure, retry_after, jitter)
            {
                Some(ms) => bindings::sleep(ms).await,
                None => return Err(error),
            }
            attempt += 1;
        }
    }

    async fn attempt(&self, call: &Call<'_>, form: SignatureForm) -> Result<JsValue, Attempt> {
        let final_error = |e: ClientError| Attempt::Final(e.with_request(call.method, call.url));
        let mut list = HeaderList::new();
        list.set("Accept", "application/json, */*;q=0.5");
        if let Body::Json(_) = call.body {
            list.set("Content-Type", "application/json");
        }
        // The hook never runs on the anonymous generation probe.
        if let (Some(hook), false) = (&self.on_request, call.anonymous) {
            list = request_hook::run(hook, call.method, call.url, &call.body, &list)
                .await
                .map_err(final_error)?;
        }
        if !call.anonymous {
            // The connection's own credentials replace any the hook set.
            for name in self.auth.header_names() {
                list.remove(name);
            }
        }
        // What is signed is what is sent, whoever set it.
        let content_type = String::from(list.get("Content-Type").unwrap_or(""));
        let content_md5 = String::from(list.get("Content-MD5").unwrap_or(""));
        let headers = Object::new();
        for (name, value) in list.iter() {
            set(&headers, name, &JsValue::from_str(value));
        }
        if !call.anonymous {
            self.auth
                .apply(
                    &headers,
                    form,
                    &SignedParts {
                        method: call.method,
                        content_md5: &content_md5,
                        content_type: &content_type,
                        path_and_query: call.path_and_query,
                    },
                    self.in_browser,
                )
                .await
                .map_err(final_error)?;
        }

        let init = Object::new();
        set(&init, "method", &JsValue::from_str(call.method));
        set(&init, "headers", &headers);
        match &call.body {
            Body::None => {}
            Body::Json(text) => set(&init, "body", &JsValue::from_str(text)),
            Body::Raw(value) => set(&init, "body", value),
        }
        // The generation probe carries no credentials at all, cookies included.
        let credentials = if call.anonymous {
            Some("omit")
        } else {
            self.credentials
        };
        if let Some(c) = credentials {
            set(&init, "credentials", &JsValue::from_str(c));
        }
        if let Some(mode) = self.cache_mode(call) {
            set(&init, "cache", &JsValue::from_str(mode));
        }
        // Lives until the end of the attempt (body read included), then its timer is cleared.
        let deadline = Deadline::start(call.timeout_ms.unwrap_or(self.timeout_ms));
        let timeout = deadline.signal();
        let signal = match &call.signal {
            Some(user) => {
                bindings::abort_signal_any(&Array::of2(user, &timeout)).unwrap_or(timeout.clone())
            }
            None => timeout.clone(),
        };
        set(&init, "signal", &signal);

        let fetch = self
            .fetch
            .as_ref()
            .map_or(JsValue::UNDEFINED, JsValue::from);
        let response = JsFuture::from(bindings::fetch_from_js(&fetch, call.url, &init))
            .await
            .map_err(|e| self.fetch_failure(call, &e, &timeout, false))?;
        if !bindings::is_response(&response) {
            let msg = "the `fetch` function resolved to a value that is not a Response".into();
            return Err(Attempt::Final(
                ClientError::new(ErrorKind::Network, msg, true).with_request(call.method, call.url),
            ));
        }
        let response: Response = response.unchecked_into();
        let status = response.status();

        let declared_length = header(&response, "content-length")
            .and_then(|v| v.trim().parse::<u64>().ok().map(|n| n as f64));
        if declared_length.is_some_and(|len| len > self.max_response_bytes) {
            bindings::discard_body(&response);
            return Err(Attempt::Final(too_large(call, self.max_response_bytes)));
        }
        // A compressed body's declared length is not its decoded size: count it while streaming.
        // A cross-origin answer hides `Content-Encoding` unless the server exposes it: then the
        // length cannot be trusted either.
        let exact_length = declared_length.is_some()
            && match header(&response, "content-encoding") {
                Some(e) => e.trim().eq_ignore_ascii_case("identity") || e.trim().is_empty(),
                None => !bindings::headers_filtered(&response),
            };
        if !(200..300).contains(&status) {
            // Only the start of an error body is needed for the message.
            let text = read_body(&response, ResponseType::Text, 1024.0 * 1024.0, exact_length)
                .await
                .ok()
                .and_then(|t| t.unchecked_into::<JsString>().slice(0, 65_536).as_string());
            let body = text.as_deref().unwrap_or("");
            let secrets = self.secrets(&headers);
            let error = self.http_error(call, status, body, &secrets);
            // Core's 401 for a signature it does not accept is an HTML page (delta §1.1).
            let html_401 = status == 401 && !body.trim_start().starts_with('{');
            if html_401 && !call.anonymous && matches!(self.auth, Auth::ApiKey { .. }) {
                return Err(Attempt::WrongForm(error));
            }
            let retry_after_ms = header(&response, "retry-after").and_then(|v| {
                let date = js_sys::Date::parse(&v);
                parse_retry_after(
                    &v,
                    Some(date).filter(|d| d.is_finite()),
                    js_sys::Date::now(),
                )
            });
            return Err(Attempt::Transient {
                failure: Failure::Status(status),
                error,
                retry_after_ms,
            });
        }
        let limit_error = |e| match e {
            ReadError::TooLarge => Attempt::Final(too_large(call, self.max_response_bytes)),
            ReadError::Js(e) => self.fetch_failure(call, &e, &timeout, true),
        };
        let body = read_body(
            &response,
            call.response_type,
            self.max_response_bytes,
            exact_length,
        )
        .await
        .map_err(limit_error)?;
        if call.response_type != ResponseType::Json {
            return Ok(body);
        }
        let text: JsString = body.unchecked_into();
        // The body stays a JS string: parsing it where it is avoids copying megabytes of JSON
        // into wasm memory and back.
        parse_json(&text)
            .map_err(|_| Attempt::Final(not_json(call, status, &text, &self.secrets(&headers))))
    }

    /// The request's `cache` mode, else the connection's. By default browsers get `no-store` for
    /// JSON and text answers: Cytomine sends them without any freshness information, so a cached
    /// copy could never be reused, and storing it costs time on every request (about 2.5 % of a
    /// small request in Chromium, bench/README.md) and leaves the user's data in the browser's
    /// disk cache. Binary answers (images, tiles) keep the browser's default so that their
    /// `Cache-Control` works. Elsewhere (Node...) nothing is set: there is no HTTP cache there.
    fn cache_mode(&self, call: &Call<'_>) -> Option<&'static str> {
        call.cache.or(self.cache).or_else(|| {
            let text = matches!(call.response_type, ResponseType::Json | ResponseType::Text);
            (self.in_browser && text).then_some("no-store")
        })
    }

    /// Classifies a rejected `fetch` or body read.
    fn fetch_failure(
        &self,
        call: &Call<'_>,
        e: &JsValue,
        timeout: &AbortSignal,
        reading_body: bool,
    ) -> Attempt {
        if call.signal.as_ref().is_some_and(|s| s.aborted()) {
            return Attempt::Final(aborted(call));
        }
        if timeout.aborted() {
            let mut msg = String::from("no complete response within ");
            crate::url::push_u64(&mut msg, call.timeout_ms.unwrap_or(self.timeout_ms) as u64);
            msg.push_str(" ms");
            let error =
                ClientError::new(ErrorKind::Timeout, msg, true).with_request(call.method, call.url);
            return Attempt::Transient {
                failure: Failure::Timeout,
                error,
                retry_after_ms: None,
            };
        }
        // Node puts the socket error code on `cause`; a refused connection never reached the server.
        let code = get(&get(e, "cause"), "code")
            .as_string()
            .unwrap_or_default();
        let refused =
            !reading_body && matches!(code.as_str(), "ECONNREFUSED" | "ENOTFOUND" | "EAI_AGAIN");
        let mut msg = String::from(if reading_body {
            "the connection broke while reading the response"
        } else if refused {
            "could not connect to the server"
        } else {
            "network error: the server could not be reached or closed the connection"
        });
        if !code.is_empty() {
            msg.push_str(" [");
            msg.push_str(&code);
            msg.push(']');
        }
        let error =
            ClientError::new(ErrorKind::Network, msg, !refused).with_request(call.method, call.url);
        Attempt::Transient {
            failure: Failure::Network,
            error,
            retry_after_ms: None,
        }
    }

    /// What of this request's credentials must never appear in an error: the private key, the
    /// token and the signature sent (read back from the request's headers).
    fn secrets(&self, headers: &Object) -> Vec<String> {
        let mut secrets = Vec::new();
        if let Auth::ApiKey { private_key, .. } = &self.auth {
            secrets.push(private_key.clone());
        }
        let authorization = Object::keys(headers)
            .iter()
            .filter_map(|k| k.as_string())
            .find(|k| k.eq_ignore_ascii_case("authorization"))
            .and_then(|k| get(headers, &k).as_string());
        if let Some(value) = authorization {
            let credential = match value.split_once(' ') {
                Some(("CYTOMINE", keys)) => keys.split_once(':').map_or(keys, |(_, sig)| sig),
                Some((_, token)) => token,
                None => value.as_str(),
            };
            secrets.push(String::from(credential));
        }
        secrets
    }

    /// The error for a non-2xx answer, with the server's message whatever its shape, without
    /// the request's secrets (a server or proxy may echo the request).
    fn http_error(
        &self,
        call: &Call<'_>,
        status: u16,
        body: &str,
        secrets: &[String],
    ) -> ClientError {
        let body = redact(body, secrets);
        let server_message = parse_json_str(&body)
            .ok()
            .and_then(|v| json_error_message(&v))
            .or_else(|| text_error_message(&body))
            .map(|m| truncate(&redact(&m, secrets), 500));
        let mut msg = String::new();
        crate::url::push_u64(&mut msg, u64::from(status));
        let phrase = reason(status);
        if !phrase.is_empty() {
            msg.push(' ');
            msg.push_str(phrase);
        }
        let kind = if status == 401 {
            ErrorKind::Auth
        } else {
            ErrorKind::Http
        };
        if status == 401 {
            msg.push_str(": authentication failed, the server did not accept the ");
            msg.push_str(match self.auth {
                Auth::ApiKey { .. } => "API key signature",
                Auth::None => {
                    "request without credentials (give API keys, a token or a session cookie)"
                }
                _ => "token",
            });
            if self.in_browser && matches!(self.auth, Auth::ApiKey { .. }) {
                msg.push_str(
                    ". In a browser the Date header cannot be set by scripts: the server or a gateway \
                     in front of it must take the date from the dateFull header when there is one \
                     (nginx: map $http_datefull $signed_date { default $http_datefull; \"\" $http_date; } \
                     and proxy_set_header Date $signed_date; see the README)",
                );
            }
        } else if let Some(m) = &server_message {
            msg.push_str(": ");
            msg.push_str(m);
        }
        let mut error = ClientError::new(kind, msg, true).with_request(call.method, call.url);
        error.status = Some(status);
        error.server_message = server_message;
        error
    }
}

enum Attempt {
    /// Not worth retrying.
    Final(ClientError),
    /// An API-key request refused with an HTML 401: perhaps signed in the other form.
    WrongForm(ClientError),
    /// Retryable for idempotent methods.
    Transient {
        failure: Failure,
        error: ClientError,
        retry_after_ms: Option<f64>,
    },
}

/// A response header, `None` when absent or when `headers.get` throws.
fn header(response: &Response, name: &str) -> Option<String> {
    response.headers().get(name).ok().flatten()
}

/// Why reading a body failed.
enum ReadError {
    /// The stream failed (connection broken, aborted).
    Js(JsValue),
    /// More than the limit arrived.
    TooLarge,
}

impl From<JsValue> for ReadError {
    fn from(e: JsValue) -> Self {
        ReadError::Js(e)
    }
}

/// The body as `kind` asks: a JS string (JSON and text), a `Blob` typed with the response's
/// `Content-Type`, or an `ArrayBuffer`. With an exact declared `Content-Length` (already checked
/// against the limit) the runtime reads it natively; otherwise it is streamed and refused as soon
/// as the decoded bytes pass `limit` (the stream gives them after decompression).
async fn read_body(
    response: &Response,
    kind: ResponseType,
    limit: f64,
    has_length: bool,
) -> Result<JsValue, ReadError> {
    // `body` is only touched when streaming: reading it makes runtimes build a ReadableStream,
    // which then slows `text()` down too.
    let stream = if has_length { None } else { response.body() };
    let Some(stream) = stream else {
        let promise: Promise = match kind {
            ResponseType::Blob => response.blob()?,
            ResponseType::ArrayBuffer => response.array_buffer()?,
            _ => response.text()?,
        };
        let value = JsFuture::from(promise).await?;
        // A `fetch` whose Response has no stream is checked once read.
        return if bindings::byte_size(&value) > limit {
            Err(ReadError::TooLarge)
        } else {
            Ok(value)
        };
    };
    let reader = bindings::get_reader(&stream)?;
    let chunks = Array::new();
    let mut total = 0u32;
    loop {
        let step = JsFuture::from(bindings::read_chunk(&reader)?).await?;
        if get(&step, "done").as_bool() == Some(true) {
            break;
        }
        let chunk: Uint8Array = get(&step, "value")
            .dyn_into()
            .map_err(|_| ReadError::Js(JsValue::from_str("a body chunk is not a Uint8Array")))?;
        total = total.saturating_add(chunk.length());
        if f64::from(total) > limit {
            let _ = bindings::cancel_reading(&reader);
            return Err(ReadError::TooLarge);
        }
        chunks.push(&chunk);
    }
    if kind == ResponseType::Blob {
        let content_type = header(response, "content-type").unwrap_or_default();
        return Ok(bindings::make_blob(&chunks, &content_type)?);
    }
    let all = Uint8Array::new_with_length(total);
    let mut offset = 0;
    for chunk in chunks.iter() {
        let chunk: Uint8Array = chunk.unchecked_into();
        all.set(&chunk, offset);
        offset += chunk.length();
    }
    Ok(if kind == ResponseType::ArrayBuffer {
        all.buffer().into()
    } else {
        bindings::TextDecoder::new()?.decode(&all).into()
    })
}

/// JSON.parse of a JS string, with an empty body meaning `null`.
fn parse_json(text: &JsString) -> Result<JsValue, JsValue> {
    if text.length() == 0 {
        return Ok(JsValue::NULL);
    }
    bindings::json_parse(text).or_else(|e| {
        if text.trim().length() == 0 {
            Ok(JsValue::NULL)
        } else {
            Err(e)
        }
    })
}

/// JSON.parse of a Rust string (error bodies), `Err` when not JSON.
fn parse_json_str(text: &str) -> Result<JsValue, JsValue> {
    parse_json(&JsString::from(text))
}

fn aborted(call: &Call<'_>) -> ClientError {
    ClientError::new(ErrorKind::Aborted, "the request was aborted".into(), true)
        .with_request(call.method, call.url)
}

fn too_large(call: &Call<'_>, limit: f64) -> ClientError {
    let mut msg = String::from("the response is larger than the limit of ");
    crate::url::push_u64(&mut msg, limit as u64);
    msg.push_str(" bytes (option maxResponseBytes)");
    ClientError::new(ErrorKind::TooLarge, msg, true).with_request(call.method, call.url)
}

fn not_json(call: &Call<'_>, status: u16, text: &JsString, secrets: &[String]) -> ClientError {
    let text = redact(
        &text.slice(0, 4096).as_string().unwrap_or_default(),
        secrets,
    );
    let mut msg = String::from("the server answered ");
    crate::url::push_u64(&mut msg, u64::from(status));
    msg.push_str(" with a body that is not JSON");
    if let Some(excerpt) = text_error_message(&text) {
        msg.push_str(": ");
        msg.push_str(&truncate(&excerpt, 120));
    }
    let mut e = ClientError::new(ErrorKind::Decode, msg, true).with_request(call.method, call.url);
    e.status = Some(status);
    e
}
