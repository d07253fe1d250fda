// The default transport in Node: a `fetch`-compatible function over `node:http` / `node:https`
// with keep-alive agents. Node 20's built-in `fetch` costs about 1.5 times as much per request as
// this transport (`node bench/transport.mjs`), which is what sequential calls such as 1,000
// `Project.fetch` spend their time on. It implements the part of Fetch the client uses: method,
// headers, string bodies, `signal`, redirects, gzip/deflate/br, and a response with `status`,
// `headers.get`, a streamed `body`, `text()`, `arrayBuffer()` and `blob()`. Anything else (FormData
// or Blob bodies) goes to the global `fetch`, and so does every request once a script has
// replaced `globalThis.fetch` (test doubles, mocking libraries). Pass `fetch` in the connection
// options to choose the transport explicitly.

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECTS = 20;

/**
 * The Node transport, or `null` outside Node (browsers, workers, Deno, Bun use their `fetch`).
 * @returns {((url: string, init?: object) => Promise<object>) | null}
 */
export function createNodeFetch() {
  const proc = globalThis.process;
  if (proc?.release?.name !== 'node' || proc.versions?.bun || 'Deno' in globalThis) return null;
  const load = proc.getBuiltinModule;
  if (typeof load !== 'function') return null;
  const http = load('node:http');
  const https = load('node:https');
  const zlib = load('node:zlib');
  const fetchAtLoad = globalThis.fetch;
  const agents = {
    'http:': new http.Agent({ keepAlive: true }),
    'https:': new https.Agent({ keepAlive: true }),
  };
  const modules = { 'http:': http, 'https:': https };

  return function nodeFetch(url, init = {}) {
    const body = init.body ?? null;
    if (globalThis.fetch !== fetchAtLoad || (body !== null && typeof body !== 'string')) {
      return globalThis.fetch(url, init);
    }
    let target;
    try {
      target = new URL(url);
    } catch (cause) {
      return Promise.reject(new TypeError('fetch failed: invalid URL', { cause }));
    }
    const headers = {};
    for (const [name, value] of Object.entries(init.headers ?? {})) headers[name.toLowerCase()] = String(value);
    headers['accept-encoding'] ??= 'gzip, deflate, br';
    const request = { method: (init.method ?? 'GET').toUpperCase(), headers, body, signal: init.signal, redirect: init.redirect ?? 'follow' };
    return send(target, request, 0);
  };

  function send(target, request, redirects) {
    const { signal } = request;
    if (signal?.aborted) return Promise.reject(signal.reason);
    const module = modules[target.protocol];
    if (!module) return Promise.reject(new TypeError(`fetch failed: unsupported protocol ${target.protocol}`));
    return new Promise((resolve, reject) => {
      const headers = { ...request.headers };
      if (request.body !== null) headers['content-length'] = String(Buffer.byteLength(request.body));
      let req;
      try {
        req = module.request(target, { method: request.method, headers, agent: agents[target.protocol] });
      } catch (cause) {
        // e.g. a header value with a line break (ERR_INVALID_CHAR): nothing was sent.
        reject(new TypeError('fetch failed', { cause }));
        return;
      }
      let settled = false;
      let response = null;
      const onAbort = () => {
        req.destroy();
        if (response) response._fail(signal.reason);
        if (!settled) {
          settled = true;
          reject(signal.reason);
        }
      };
      const release = () => signal?.removeEventListener('abort', onAbort);
      signal?.addEventListener('abort', onAbort, { once: true });
      req.on('error', (cause) => {
        if (response) response._fail(new TypeError('terminated', { cause }));
        if (!settled) {
          settled = true;
          release();
          reject(new TypeError('fetch failed', { cause }));
        }
      });
      req.on('response', (res) => {
        const status = res.statusCode ?? 0;
        const location = res.headers.location;
        if (REDIRECTS.has(status) && location && request.redirect !== 'manual') {
          res.resume();
          release();
          settled = true;
          if (request.redirect === 'error' || redirects >= MAX_REDIRECTS) {
            reject(new TypeError(request.redirect === 'error' ? 'fetch failed: redirected' : 'fetch failed: too many redirects'));
            return;
          }
          let next;
          try {
            next = new URL(location, target);
          } catch (cause) {
            reject(new TypeError('fetch failed: invalid redirect location', { cause }));
            return;
          }
          resolve(send(next, redirected(request, target, next, status), redirects + 1));
          return;
        }
        settled = true;
        // A HEAD answer, 204 and 304 have no body to decode, whatever their Content-Encoding.
        const bodiless = request.method === 'HEAD' || status === 204 || status === 304;
        response = new NodeResponse(res, status, bodiless ? res : decoder(res), release);
        resolve(response);
      });
      req.end(request.body ?? undefined);
    });
  }

  /** Node streams decompressing the body as `fetch` does; the length then no longer applies. */
  function decoder(res) {
    const encoding = String(res.headers['content-encoding'] ?? '').trim().toLowerCase();
    const make = { gzip: zlib.createGunzip, 'x-gzip': zlib.createGunzip, deflate: zlib.createInflate, br: zlib.createBrotliDecompress }[encoding];
    if (!make) return res;
    const stream = make.call(zlib);
    res.on('error', (e) => stream.destroy(e));
    return res.pipe(stream);
  }
}

/** The request to send after a redirect, following Fetch's rules. */
function redirected(request, from, to, status) {
  const headers = { ...request.headers };
  let { method, body } = request;
  if (status === 303 ? method !== 'HEAD' : (status === 301 || status === 302) && method === 'POST') {
    method = 'GET';
    body = null;
    delete headers['content-type'];
  }
  if (from.origin !== to.origin) {
    delete headers.authorization;
    delete headers.cookie;
  }
  return { ...request, method, body, headers };
}

/** The subset of Fetch's `Response` the client reads. */
class NodeResponse {
  constructor(res, status, stream, release) {
    this.status = status;
    this.ok = status >= 200 && status < 300;
    this.statusText = res.statusMessage ?? '';
    this.headers = new NodeHeaders(res.headers, stream !== res);
    this._stream = stream;
    this._chunks = [];
    this._waiting = null;
    this._ended = false;
    this._error = null;
    this._used = false;
    this._release = release;
    stream.on('data', (chunk) => this._push(chunk));
    stream.on('end', () => this._finish());
    stream.on('error', (e) => this._fail(new TypeError('terminated', { cause: e })));
    // A connection closed before the end of the body (truncated response).
    res.on('close', () => {
      if (!res.complete) this._fail(new TypeError('terminated: the connection closed before the end of the body'));
    });
  }

  _push(chunk) {
    if (this._waiting) {
      const { resolve } = this._waiting;
      this._waiting = null;
      resolve({ done: false, value: chunk });
    } else {
      this._chunks.push(chunk);
      this._stream.pause();
    }
  }

  _finish() {
    this._ended = true;
    this._release();
    if (this._waiting) {
      this._waiting.resolve({ done: true, value: undefined });
      this._waiting = null;
    }
  }

  _fail(error) {
    if (this._ended || this._error) return;
    this._error = error;
    this._release();
    this._stream.destroy();
    if (this._waiting) {
      this._waiting.reject(error);
      this._waiting = null;
    }
  }

  /** Next chunk, as a `ReadableStreamDefaultReader.read()` would give it. */
  _read() {
    if (this._chunks.length > 0) {
      const chunk = this._chunks.shift();
      if (this._chunks.length === 0) this._stream.resume();
      return Promise.resolve({ done: false, value: chunk });
    }
    if (this._error) return Promise.reject(this._error);
    if (this._ended) return Promise.resolve({ done: true, value: undefined });
    this._stream.resume();
    return new Promise((resolve, reject) => (this._waiting = { resolve, reject }));
  }

  /** Marks the body as consumed; a body is read once, as in Fetch. */
  _take() {
    if (this._used) throw new TypeError('Body has already been used');
    this._used = true;
  }

  /** The body as a stream with `getReader()` (`read()`, `cancel()`) and `cancel()`. */
  get body() {
    const cancel = () => {
      this._fail(new TypeError('cancelled'));
      return Promise.resolve();
    };
    return {
      cancel,
      getReader: () => {
        this._take();
        return { read: () => this._read(), cancel, releaseLock() {} };
      },
    };
  }

  /** The whole body as bytes. */
  async _bytes() {
    this._take();
    const parts = [];
    let total = 0;
    for (;;) {
      const { done, value } = await this._read();
      if (done) break;
      parts.push(value);
      total += value.byteLength;
    }
    return parts.length === 1 ? parts[0] : Buffer.concat(parts, total);
  }

  /** The body decoded as UTF-8 (a leading byte order mark removed, as `fetch` does). */
  async text() {
    const bytes = await this._bytes();
    const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  }

  /** The body parsed as JSON. */
  async json() {
    return JSON.parse(await this.text());
  }

  /** The body as an `ArrayBuffer` (a copy owned by the caller). */
  async arrayBuffer() {
    const bytes = await this._bytes();
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  }

  /** The body as a `Blob` typed with the response's Content-Type. */
  async blob() {
    const bytes = await this._bytes();
    return new Blob([bytes], { type: this.headers.get('content-type') ?? '' });
  }
}

/** Read access to the response headers, case-insensitive as in Fetch. */
class NodeHeaders {
  constructor(raw, decoded) {
    this._raw = raw;
    this._decoded = decoded;
  }

  /** The value (repeated headers joined with `, `), or null. */
  get(name) {
    const key = String(name).toLowerCase();
    // Once decompressed, the declared length is the compressed one: hide it, as the body is counted.
    if (this._decoded && key === 'content-length') return null;
    const value = this._raw[key];
    if (value === undefined) return null;
    return Array.isArray(value) ? value.join(', ') : String(value);
  }

  /** True when the header is present. */
  has(name) {
    return this.get(name) !== null;
  }
}
