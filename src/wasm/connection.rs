//! `Connection`: one Cytomine server, its credentials and transport settings. The JS `Cytomine`
//! class wraps it; models and collections send every request through [`Connection::request`] or
//! [`Connection::fetch_all`].

use super::auth::Auth;
use super::bindings::{AbortController, AbortSignal};
use super::js_error::{invalid, to_js};
use super::json::{choice_option, get, number_option, set, string_option};
use super::limiter::Limiter;
use super::query::{from_object, segment};
use super::transport::{Body, Call, ResponseType, Transport, CACHE_MODES};
use crate::decode::{command_object, list_page, ListPage};
use crate::error::{ClientError, ErrorKind};
use crate::generation::{
    after_ping, after_ping_json, moved_under_api, repository_page_size, repository_paging,
    server_root, token_parameter, CoreGeneration, ProbeStep,
};
use crate::paging::remaining_offsets;
use crate::retry::RetryPolicy;
use crate::signing::SignatureForm;
use crate::url::{fill_template, normalize_base_path, normalize_host, push_u64, Query};
use alloc::rc::Rc;
use alloc::string::String;
use alloc::vec;
use alloc::vec::Vec;
use core::cell::{Cell, RefCell};
use js_sys::{Array, Function, Object, Promise};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::future_to_promise;

struct Inner {
    host: String,
    base_path: String,
    transport: Transport,
    page_concurrency: u32,
    /// The server generation: forced by the option `core`, else detected once.
    core: Cell<Option<CoreGeneration>>,
    /// The detection in flight or done (every request waits for the same one).
    detection: RefCell<Option<Promise>>,
}

/// A connection to one Cytomine server (wrapped by the JS `Cytomine` class).
#[wasm_bindgen]
pub struct Connection {
    inner: Rc<Inner>,
}

#[wasm_bindgen]
impl Connection {
    /// Validates `host` (http or https) and the options: `basePath` (default `/api/`),
    /// `publicKey` + `privateKey`, or `token` (string or function), `credentials` (`fetch`'s),
    /// `timeoutMs` (default 30000), `retries` (default 3), `maxConcurrentRequests` (default 16),
    /// `pageConcurrency` (pages `fetchAll` keeps in flight, default 6), `maxResponseBytes`
    /// (default 256 MiB), `fetch` (the function requests go through; default: the global `fetch`),
    /// `cache` (`fetch`'s cache mode; default: `no-store` for JSON and text answers in browsers),
    /// `core` (`"5.2"` or `"2026"`: the server generation; detected on the first request when
    /// absent), `onRequest` (a function that sees each request `{method, url, body, headers}`
    /// before it is signed and may change its headers).
    #[wasm_bindgen(constructor)]
    pub fn new(host: &str, options: JsValue) -> Result<Connection, JsValue> {
        let to_err = |m: String| invalid(m);
        let host = normalize_host(host).map_err(to_js)?;
        let base_path = match string_option(&options, "basePath").map_err(to_err)? {
            Some(p) => normalize_base_path(&p).map_err(to_js)?,
            None => String::from("/api/"),
        };
        let auth = Auth::from_options(&options).map_err(to_err)?;
        let credentials =
            choice_option(&options, "credentials", &["omit", "same-origin", "include"])
                .map_err(to_err)?;
        let cache = choice_option(&options, "cache", CACHE_MODES).map_err(to_err)?;
        let timeout_ms =
            number_option(&options, "timeoutMs", 30_000.0, 1.0, 3_600_000.0).map_err(to_err)?;
        let retries = number_option(&options, "retries", 3.0, 0.0, 10.0).map_err(to_err)?;
        let slots =
            number_option(&options, "maxConcurrentRequests", 16.0, 1.0, 1024.0).map_err(to_err)?;
        let pages = number_option(&options, "pageConcurrency", 6.0, 1.0, 64.0).map_err(to_err)?;
        let max_bytes = number_option(
            &options,
            "maxResponseBytes",
            256.0 * 1024.0 * 1024.0,
            1024.0,
            4e9,
        )
        .map_err(to_err)?;
        let retry_delay =
            number_option(&options, "retryDelayMs", 250.0, 0.0, 60_000.0).map_err(to_err)?;
        let core = choice_option(&options, "core", &["5.2", "2026"])
            .map_err(to_err)?
            .and_then(CoreGeneration::parse);
        let fetch = get(&options, "fetch");
        let fetch = if fetch.is_undefined() || fetch.is_null() {
            None
        } else {
            Some(fetch.dyn_into::<Function>().map_err(|_| {
                invalid("option `fetch` must be a function with the signature of `fetch`".into())
            })?)
        };
        let on_request = get(&options, "onRequest");
        let on_request = if on_request.is_undefined() || on_request.is_null() {
            None
        } else {
            Some(on_request.dyn_into::<Function>().map_err(|_| {
                invalid("option `onRequest` must be a function (it receives each request before it is signed)".into())
            })?)
        };
        let transport = Transport {
            fetch,
            auth,
            on_request,
            credentials,
            cache,
            timeout_ms,
            retry: RetryPolicy {
                retries: retries as u32,
                base_delay_ms: retry_delay,
                ..RetryPolicy::default()
            },
            max_response_bytes: max_bytes,
            limiter: Limiter::new(slots as u32),
            in_browser: in_browser(),
            form: Cell::new(core.map_or(SignatureForm::WithPath, |c| c.signature_form())),
            form_settled: Cell::new(core.is_some()),
        };
        Ok(Connection {
            inner: Rc::new(Inner {
                host,
                base_path,
                transport,
                page_concurrency: pages as u32,
                core: Cell::new(core),
                detection: RefCell::new(None),
            }),
        })
    }

    /// The normalised host, e.g. `https://cytomine.example.org`.
    #[wasm_bindgen(getter)]
    pub fn host(&self) -> String {
        self.inner.host.clone()
    }

    /// The normalised API base path, e.g. `/api/`.
    #[wasm_bindgen(getter, js_name = basePath)]
    pub fn base_path(&self) -> String {
        self.inner.base_path.clone()
    }

    /// `"api-key"`, `"token"` or `"none"`.
    #[wasm_bindgen(getter, js_name = authKind)]
    pub fn auth_kind(&self) -> String {
        self.inner.transport.auth.kind().into()
    }

    /// The server generation, `"5.2"` or `"2026"`, once forced or detected; `null` before (or when
    /// detection was impossible and no API-key answer told it yet).
    #[wasm_bindgen(getter)]
    pub fn core(&self) -> Option<String> {
        self.inner.core.get().map(|c| String::from(c.name()))
    }

    /// Detects the server generation (once per connection, without credentials: an
    /// unauthenticated `GET {root}server/ping.json`, 200 on core 5.2, 404 on today's core, which
    /// `GET {root}server/ping` confirms) and resolves when done (never rejects); `core` then says
    /// `"5.2"`, `"2026"`, or still nothing when the probe could not tell (network or CORS error).
    #[wasm_bindgen(js_name = detectCore)]
    pub fn detect_core(&self) -> Promise {
        self.inner.detection()
    }

    /// Resolves to the connection's bearer token (calling its token function); rejects for API-key
    /// and cookie connections. Only for URLs the caller deliberately builds with it.
    #[wasm_bindgen(js_name = currentToken)]
    pub fn current_token(&self) -> Promise {
        let inner = self.inner.clone();
        future_to_promise(async move {
            inner
                .transport
                .auth
                .token()
                .await
                .map(|t| JsValue::from_str(&t))
                .map_err(to_js)
        })
    }

    /// The query-parameter name image URLs carry a token in for this server (`Authorization` on
    /// 5.2, `authorization` today; the 5.2 name while the generation is unknown).
    #[wasm_bindgen(getter, js_name = tokenParameter)]
    pub fn token_parameter(&self) -> String {
        String::from(token_parameter(
            self.inner.core.get().unwrap_or(CoreGeneration::V5_2),
        ))
    }

    /// Builds the absolute URL of `template` (placeholders filled from `params`, validated) with
    /// `query`, without sending anything. Throws `CytomineError` on a bad argument.
    #[wasm_bindgen(js_name = buildUrl)]
    pub fn build_url(
        &self,
        template: &str,
        params: JsValue,
        query: JsValue,
    ) -> Result<String, JsValue> {
        let (url, _) = self
            .inner
            .url(template, &params, &from_object(&query))
            .map_err(to_js)?;
        Ok(url)
    }

    /// Sends one request and resolves to the decoded body. `spec`: `method`; `path`, a template
    /// relative to the base path (`project/{id}.json`) or absolute on the host
    /// (`/server/ping.json`); `params`, the values of its placeholders (validated); `query`, an
    /// object of query parameters; `body`, JSON-serialised unless it is a `FormData`/`Blob`;
    /// `signal`; `timeoutMs`; `cache` (`fetch`'s cache mode); `responseType` (`json`, `text`, `blob`,
    /// `arraybuffer`); `expect`
    /// (`list`, `object` or `command:<key>`); `idempotent` (a POST that only reads, such as a
    /// search, may then be retried).
    pub fn request(&self, spec: JsValue) -> Promise {
        let inner = self.inner.clone();
        future_to_promise(async move {
            let (method, path) = method_and_path(&spec).map_err(to_js)?;
            let query = from_object(&get(&spec, "query"));
            let (params, body) = (get(&spec, "params"), get(&spec, "body"));
            inner.detected().await;
            inner
                .send(&method, &path, &params, &query, &body, &spec)
                .await
                .map_err(to_js)
        })
    }

    /// Fetches every page of a list, `spec.pageSize` items per page (0 = one request for
    /// everything), keeping `spec.concurrency` pages in flight, and resolves to one envelope
    /// `{collection, size, totalPages}`. `spec` is as for `request`; for a POST search the paging
    /// parameters go into the body. `spec.onProgress({loaded, total})` is called after each page;
    /// `spec.mapPage(items)` (optional) transforms each page's items when the page arrives (its
    /// result, an array, replaces them); `spec.signal` cancels every request in flight.
    #[wasm_bindgen(js_name = fetchAll)]
    pub fn fetch_all(&self, spec: JsValue) -> Promise {
        let inner = self.inner.clone();
        future_to_promise(async move {
            inner.detected().await;
            inner.fetch_all(&spec).await
        })
    }
}

/// `spec.method` and `spec.path`, both required strings.
fn method_and_path(spec: &JsValue) -> Result<(String, String), ClientError> {
    let text = |key| get(spec, key).as_string();
    match (text("method"), text("path")) {
        (Some(method), Some(path)) => Ok((method, path)),
        _ => Err(ClientError::invalid(
            "a request needs a method and a path".into(),
        )),
    }
}

impl Inner {
    /// The detection promise, started on first use (a forced generation resolves at once).
    fn detection(self: &Rc<Self>) -> Promise {
        let mut slot = self.detection.borrow_mut();
        if let Some(promise) = slot.as_ref() {
            return promise.clone();
        }
        let promise = if self.core.get().is_some() {
            Promise::resolve(&JsValue::UNDEFINED)
        } else {
            let this = self.clone();
            future_to_promise(async move {
                let found = this.probe().await;
                if this.core.get().is_none() {
                    if let Some(core) = found {
                        this.set_core(core);
                    }
                }
                Ok(JsValue::UNDEFINED)
            })
        };
        *slot = Some(promise.clone());
        promise
    }

    /// Waits for the detection (never fails: an impossible detection leaves the generation unknown).
    async fn detected(self: &Rc<Self>) {
        if self.core.get().is_none() {
            let _ = wasm_bindgen_futures::JsFuture::from(self.detection()).await;
        }
    }

    fn set_core(&self, core: CoreGeneration) {
        self.core.set(Some(core));
        if !self.transport.form_settled.get() {
            self.transport.form.set(core.signature_form());
            self.transport.form_settled.set(true);
        }
    }

    /// The unauthenticated ping probe (see `Connection::detect_core`).
    async fn probe(&self) -> Option<CoreGeneration> {
        let root = server_root(&self.base_path);
        let status = |result: Result<JsValue, ClientError>| match result {
            Ok(_) => Some(200),
            Err(e) => e.status,
        };
        let mut ping_json = root.clone();
        ping_json.push_str("server/ping.json");
        match after_ping_json(status(self.probe_get(&ping_json).await)?) {
            ProbeStep::Found(core) => Some(core),
            ProbeStep::Unknown => None,
            ProbeStep::Confirm => {
                let mut ping = root;
                ping.push_str("server/ping");
                after_ping(status(self.probe_get(&ping).await)?)
            }
        }
    }

    async fn probe_get(&self, path: &str) -> Result<JsValue, ClientError> {
        let mut url = self.host.clone();
        url.push_str(path);
        let call = Call {
            method: "GET",
            url: &url,
            path_and_query: path,
            body: Body::None,
            response_type: ResponseType::Text,
            signal: None,
            timeout_ms: None,
            cache: Some("no-store"),
            idempotent: true,
            anonymous: true,
        };
        self.transport.send(&call).await
    }

    /// Today's core revealed by the signature form that worked after a 401 (detection impossible).
    fn learn_from_transport(&self) {
        if self.core.get().is_none() && self.transport.form_settled.get() {
            self.core
                .set(Some(CoreGeneration::of_form(self.transport.form.get())));
        }
    }

    /// Full URL and the signed path+query.
    fn url(
        &self,
        template: &str,
        params: &JsValue,
        query: &Query,
    ) -> Result<(String, String), ClientError> {
        query.check()?;
        // A 5.2 root route that today's core serves under the API base path goes there.
        let template = moved_under_api(self.core.get(), template).unwrap_or(template);
        let filled = fill_template(template, |name, is_text| segment(params, name, is_text))?;
        let mut path_and_query = String::with_capacity(filled.len() + 64);
        if let Some(absolute) = filled.strip_prefix('/') {
            path_and_query.push('/');
            path_and_query.push_str(absolute);
        } else {
            path_and_query.push_str(&self.base_path);
            path_and_query.push_str(&filled);
        }
        if !query.is_empty() {
            path_and_query.push('?');
            path_and_query.push_str(&query.render());
        }
        let mut url = String::with_capacity(self.host.len() + path_and_query.len());
        url.push_str(&self.host);
        url.push_str(&path_and_query);
        Ok((url, path_and_query))
    }

    async fn send(
        &self,
        method: &str,
        template: &str,
        params: &JsValue,
        query: &Query,
        body: &JsValue,
        options: &JsValue,
    ) -> Result<JsValue, ClientError> {
        let method = checked_method(method)?;
        let repository =
            string_option(options, "paging").ok().flatten().as_deref() == Some("repository");
        let spring_query;
        let query = if repository {
            spring_query = self.repository_query(query);
            &spring_query
        } else {
            query
        };
        let (url, path_and_query) = self.url(template, params, query)?;
        let response_type = ResponseType::parse(
            string_option(options, "responseType")
                .ok()
                .flatten()
                .as_deref(),
        )
        .ok_or_else(|| {
            ClientError::invalid("responseType must be json, text, blob or arraybuffer".into())
        })?;
        let signal = get(options, "signal");
        let signal: Option<AbortSignal> = if signal.is_object() {
            Some(signal.unchecked_into())
        } else {
            None
        };
        let timeout_ms = get(options, "timeoutMs")
            .as_f64()
            .filter(|t| t.is_finite() && *t >= 1.0);
        let cache = choice_option(options, "cache", CACHE_MODES)
            .map_err(|m| ClientError::invalid(m).with_request(method, &url))?;
        let call = Call {
            anonymous: false,
            method,
            url: &url,
            path_and_query: &path_and_query,
            body: encode_body(body).map_err(|e| e.with_request(method, &url))?,
            response_type,
            signal,
            timeout_ms,
            cache,
            idempotent: crate::retry::is_idempotent(method)
                || get(options, "idempotent").as_bool() == Some(true),
        };
        let value = self.transport.send(&call).await;
        self.learn_from_transport();
        let value = value?;
        if let Some(expect) = string_option(options, "expect").ok().flatten() {
            check_shape(&value, &expect).map_err(|m| {
                let mut msg = String::from("unexpected response: ");
                msg.push_str(&m);
                ClientError::new(ErrorKind::Decode, msg, true).with_request(method, &url)
            })?;
        }
        Ok(value)
    }

    /// The query of a repository-backed list (delta §3.2): cytomine-client's `max`/`offset`
    /// become Spring's `page`/`size` on today's core (both sets while the generation is unknown).
    fn repository_query(&self, query: &Query) -> Query {
        let number = |key| {
            query
                .get(key)
                .and_then(|v| v.parse::<u64>().ok())
                .unwrap_or(0)
        };
        let paging = repository_paging(self.core.get(), number("max"), number("offset"));
        let mut out = query.clone();
        if paging.legacy.is_none() {
            out.remove("max");
            out.remove("offset");
        }
        if let Some((page, size)) = paging.spring {
            let mut text = String::new();
            push_u64(&mut text, page);
            out.set("page", &text);
            text.clear();
            push_u64(&mut text, size);
            out.set("size", &text);
        }
        out
    }

    /// Errors are JS values so that a page's `CytomineError` reaches the caller as it was made.
    async fn fetch_all(self: &Rc<Self>, options: &JsValue) -> Result<JsValue, JsValue> {
        let (method, template) = method_and_path(options).map_err(to_js)?;
        let (method, template) = (method.as_str(), template.as_str());
        let (params, query, body) = (
            &get(options, "params"),
            &get(options, "query"),
            &get(options, "body"),
        );
        let asked_page_size =
            number_option(options, "pageSize", 0.0, 0.0, 1e9).map_err(invalid)? as u64;
        let repository =
            string_option(options, "paging").ok().flatten().as_deref() == Some("repository");
        // Today's core pages repository lists itself (never "everything" at once).
        let page_size = if repository {
            repository_page_size(self.core.get(), asked_page_size)
        } else {
            asked_page_size
        };
        let concurrency = number_option(
            options,
            "concurrency",
            f64::from(self.page_concurrency),
            1.0,
            64.0,
        )
        .map_err(invalid)?;
        let progress = get(options, "onProgress").dyn_into::<Function>().ok();
        let map_page = get(options, "mapPage").dyn_into::<Function>().ok();
        let user_signal = get(options, "signal");
        // One controller cancels the other pages when a page fails; it follows the caller's signal.
        let controller = AbortController::new()?;
        let signal: JsValue = if user_signal.is_object() {
            super::bindings::abort_signal_any(&Array::of2(&user_signal, &controller.signal()))
                .map(JsValue::from)
                .unwrap_or(user_signal.clone())
        } else {
            controller.signal().into()
        };
        let page_options = Object::new();
        set(&page_options, "signal", &signal);
        // Listing pages only reads, even through a POST search: safe to retry.
        set(&page_options, "idempotent", &JsValue::TRUE);
        set(&page_options, "expect", &JsValue::from_str("list"));
        if repository {
            set(&page_options, "paging", &JsValue::from_str("repository"));
        }
        let post = body.is_object();
        // Core passes offset and max swapped on a few endpoints (contract §3.6); the caller says so.
        let swap_paging = get(options, "swapPaging").as_bool() == Some(true);
        let base_query = from_object(query);

        let fetch_page = {
            let this = self.clone();
            let params = params.clone();
            let body = body.clone();
            let base_query = base_query.clone();
            let page_options: JsValue = page_options.clone().into();
            let method = String::from(method);
            let template = String::from(template);
            move |offset: u64| {
                let this = this.clone();
                let params = params.clone();
                let body = body.clone();
                let mut query = base_query.clone();
                let page_options = page_options.clone();
                let method = method.clone();
                let template = template.clone();
                async move {
                    let mut max_text = String::new();
                    push_u64(&mut max_text, page_size);
                    let mut offset_text = String::new();
                    push_u64(&mut offset_text, offset);
                    let body = if post {
                        let copy = Object::assign(&Object::new(), body.unchecked_ref());
                        if page_size > 0 {
                            set(&copy, "max", &JsValue::from_f64(page_size as f64));
                            set(&copy, "offset", &JsValue::from_f64(offset as f64));
                        }
                        copy.into()
                    } else {
                        if page_size > 0 {
                            let (max_key, offset_key) = if swap_paging {
                                ("offset", "max")
                            } else {
                                ("max", "offset")
                            };
                            query.set(max_key, &max_text);
                            query.set(offset_key, &offset_text);
                        }
                        JsValue::UNDEFINED
                    };
                    this.send(&method, &template, &params, &query, &body, &page_options)
                        .await
                }
            }
        };

        let first = fetch_page(0)
            .await
            .inspect_err(|_| controller.abort())
            .map_err(to_js)?;
        let first_page: ListPage<JsValue> = list_page(&first).map_err(decode_error)?;
        let first_items = map_items(&map_page, first_page.collection.clone())
            .inspect_err(|_| controller.abort())?;
        let total = first_page.total;
        let offsets = remaining_offsets(page_size, total, first_page.len);
        let pages: Rc<RefCell<Vec<Option<JsValue>>>> =
            Rc::new(RefCell::new(vec![None; offsets.len()]));
        let loaded = Rc::new(RefCell::new(first_page.len));
        report(&progress, *loaded.borrow(), total);

        // Workers pull the next page index until none is left; the first failure aborts the rest.
        let next = Rc::new(RefCell::new(0usize));
        let offsets = Rc::new(offsets);
        let workers = Array::new();
        let worker_count = (concurrency as usize).min(offsets.len());
        for _ in 0..worker_count {
            let (next, offsets, pages, loaded, progress, map_page) = (
                next.clone(),
                offsets.clone(),
                pages.clone(),
                loaded.clone(),
                progress.clone(),
                map_page.clone(),
            );
            let fetch_page = fetch_page.clone();
            workers.push(&future_to_promise(async move {
                loop {
                    let index = {
                        let mut n = next.borrow_mut();
                        let i = *n;
                        *n += 1;
                        i
                    };
                    let Some(&offset) = offsets.get(index) else {
                        return Ok(JsValue::UNDEFINED);
                    };
                    let page = fetch_page(offset).await.map_err(to_js)?;
                    let collection = list_page(&page)
                        .map(|p| p.collection)
                        .map_err(decode_error)?;
                    let len = collection
                        .dyn_ref::<Array>()
                        .map(|a| a.length())
                        .unwrap_or(0);
                    let collection = map_items(&map_page, collection)?;
                    if let Some(slot) = pages.borrow_mut().get_mut(index) {
                        *slot = Some(collection);
                    }
                    let done = {
                        let mut l = loaded.borrow_mut();
                        *l += u64::from(len);
                        *l
                    };
                    report(&progress, done, total);
                }
            }));
        }
        if let Err(e) = wasm_bindgen_futures::JsFuture::from(Promise::all(&workers)).await {
            controller.abort();
            return Err(e);
        }

        // One native flat() instead of a boundary crossing per item.
        let all_pages = Array::new();
        all_pages.push(&first_items);
        for page in pages.borrow().iter().flatten() {
            all_pages.push(page);
        }
        let all = all_pages.flat(1);
        let result = Object::new();
        set(&result, "collection", &all);
        set(
            &result,
            "size",
            &JsValue::from_f64(total.max(u64::from(all.length())) as f64),
        );
        let total_pages = if asked_page_size == 0 {
            JsValue::from_f64(crate::paging::total_pages(total, 0) as f64)
        } else {
            get(&first, "totalPages")
        };
        set(&result, "totalPages", &total_pages);
        Ok(result.into())
    }
}

/// The caller's `mapPage` applied to a page's items as soon as the page arrives (the JS layer
/// builds its models there, while other pages are still in flight).
fn map_items(map_page: &Option<Function>, items: JsValue) -> Result<JsValue, JsValue> {
    let Some(f) = map_page else {
        return Ok(items);
    };
    let mapped = f.call1(&JsValue::UNDEFINED, &items)?;
    if Array::is_array(&mapped) {
        Ok(mapped)
    } else {
        Err(invalid("`mapPage` must return an array".into()))
    }
}

/// A malformed list page.
fn decode_error(message: String) -> JsValue {
    to_js(ClientError::new(ErrorKind::Decode, message, true))
}

fn report(progress: &Option<Function>, loaded: u64, total: u64) {
    if let Some(f) = progress {
        let info = Object::new();
        set(&info, "loaded", &JsValue::from_f64(loaded as f64));
        set(&info, "total", &JsValue::from_f64(total as f64));
        // A throwing progress callback must not break the fetch.
        let _ = f.call1(&JsValue::UNDEFINED, &info);
    }
}

fn checked_method(method: &str) -> Result<&'static str, ClientError> {
    Ok(match method {
        "GET" => "GET",
        "POST" => "POST",
        "PUT" => "PUT",
        "DELETE" => "DELETE",
        "HEAD" => "HEAD",
        _ => {
            return Err(ClientError::invalid(
                "HTTP method must be GET, POST, PUT, DELETE or HEAD".into(),
            ))
        }
    })
}

/// `Object.prototype.toString` tags of the bodies `fetch` sends as they are (FormData sets its own
/// multipart type). Tags, unlike `instanceof`, also recognise objects made in another realm: an
/// iframe's, a worker's, a test framework's `vm` context.
const RAW_BODY_TAGS: [&str; 6] = [
    "[object FormData]",
    "[object Blob]",
    "[object File]",
    "[object URLSearchParams]",
    "[object ArrayBuffer]",
    "[object SharedArrayBuffer]",
];

fn encode_body(body: &JsValue) -> Result<Body, ClientError> {
    if body.is_undefined() {
        return Ok(Body::None);
    }
    // Typed arrays and DataViews of any realm.
    if js_sys::ArrayBuffer::is_view(body) {
        return Ok(Body::Raw(body.clone()));
    }
    if body.is_object() {
        let tag = builtin_tag(body);
        if tag.as_deref() == Some("[object URLSearchParams]") {
            return Ok(Body::Raw(own_realm_search_params(body)));
        }
        if tag.is_some_and(|t| RAW_BODY_TAGS.contains(&t.as_str())) {
            return Ok(Body::Raw(body.clone()));
        }
    }
    // JSON.stringify throws on cycles and BigInt, and gives undefined for functions and symbols.
    match js_sys::JSON::stringify(body)
        .ok()
        .and_then(|t| t.as_string())
    {
        Some(text) => Ok(Body::Json(text)),
        None => Err(ClientError::invalid(
            "the request body cannot be serialised to JSON".into(),
        )),
    }
}

/// `Object.prototype.toString.call(value)` (`"[object FormData]"`...); `None` when it throws
/// (a revoked proxy, a throwing `Symbol.toStringTag` getter).
fn builtin_tag(value: &JsValue) -> Option<String> {
    let to_string = get(
        &get(&get(&js_sys::global(), "Object"), "prototype"),
        "toString",
    );
    to_string
        .dyn_ref::<Function>()?
        .call0(value)
        .ok()?
        .as_string()
}

/// A `URLSearchParams` of this realm with the same entries: Node's `fetch` recognises only its
/// own (another realm's would be sent as text/plain), browsers' any realm's.
fn own_realm_search_params(params: &JsValue) -> JsValue {
    let constructor = get(&js_sys::global(), "URLSearchParams");
    let (Some(constructor), Some(serialise)) = (
        constructor.dyn_ref::<Function>(),
        get(params, "toString").dyn_into::<Function>().ok(),
    ) else {
        return params.clone();
    };
    if get(&constructor.clone().into(), "prototype")
        .dyn_ref::<Object>()
        .is_some_and(|p| p.is_prototype_of(params))
    {
        return params.clone();
    }
    serialise
        .call0(params)
        .ok()
        .and_then(|text| js_sys::Reflect::construct(constructor, &Array::of1(&text)).ok())
        .unwrap_or_else(|| params.clone())
}

fn check_shape(value: &JsValue, expect: &str) -> Result<(), String> {
    use crate::decode::JsonNode;
    if expect == "list" {
        let page = list_page(value)?;
        // Checked in one JS call per page, not two boundary crossings per item.
        return if super::bindings::all_plain_objects(&page.collection) {
            Ok(())
        } else {
            Err("list items must be objects".into())
        };
    }
    if expect == "object" {
        return if JsonNode::is_object(value) {
            Ok(())
        } else {
            Err("expected a JSON object".into())
        };
    }
    if let Some(key) = expect.strip_prefix("command:") {
        return command_object(value, key).map(|_| ());
    }
    Ok(())
}

/// True in browsers (windows and workers), false in Node, Deno and Bun (which let scripts set
/// `Date` and have no HTTP cache).
fn in_browser() -> bool {
    let global = js_sys::global();
    let process = get(&global, "process");
    let is_server_runtime = get(&get(&process, "versions"), "node").is_string()
        || get(&global, "Deno").is_object()
        || get(&global, "Bun").is_object();
    !is_server_runtime
}
