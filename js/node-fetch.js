// The default transport in Node: a `fetch`-compatible function over undici's `request` API, the
// HTTP client Node's own `fetch` is built on. `node bench/transport.mjs` compares it side by side
// with Node's global `fetch` and undici's `fetch`: this transport costs about 0.55 of either per
// request (as much as a bare `http.request`), which is what sequential calls such as 1,000
// `Project.fetch` spend their time on.
//
// Requests go through undici's global dispatcher (keep-alive connections by default), so
// `setGlobalDispatcher` is honoured: a `ProxyAgent`, a `MockAgent`, custom TLS or pool settings.
// Redirects (rare with Cytomine) are followed here by Fetch's rules, credentials dropped on a
// redirect to another origin, so the common request is a bare `request` with no interceptor;
// gzip/deflate/br bodies are decoded with node:zlib (undici's `decompress` interceptor prints an
// "experimental" warning in every user's console). A request with a
// FormData or Blob body goes to the global `fetch`, and so does every request once
// `globalThis.fetch` is not Node's own (a test double or a mocking library, set before or after
// this module was imported). Pass `fetch` in the connection options to choose the transport
// explicitly. This module is imported only in Node (js/cytomine.js), so browser bundles never
// include it.

import { pipeline } from 'node:stream';
import zlib from 'node:zlib';
import { request } from 'undici';

const MAX_REDIRECTS = 20;
// A body cancelled with at most this many bytes left is drained to keep its connection.
const DUMP_LIMIT = 64 * 1024;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/**
 * True when `f` is Node's built-in `fetch` (whose source loads undici lazily), as opposed to a
 * replacement. An unknown shape counts as a replacement: the global `fetch` is then used, which
 * is always correct, only slower.
 */
function isNodeBuiltinFetch(f) {
  if (typeof f !== 'function' || f.name !== 'fetch') return false;
  const source = Function.prototype.toString.call(f);
  return /require\('internal\/deps\/undici\/undici'\)|lazyUndici\(\)/.test(source);
}

/**
 * The Node transport, or `null` outside Node (browsers, workers, Deno, Bun use their `fetch`).
 * @returns {((url: string, init?: object) => Promise<object>) | null}
 */
export function createNodeFetch() {
  const proc = globalThis.process;
  if (proc?.release?.name !== 'node' || proc.versions?.bun || 'Deno' in globalThis) return null;
  const fetchAtLoad = globalThis.fetch;
  const builtinAtLoad = isNodeBuiltinFetch(fetchAtLoad);
  return async function nodeFetch(url, init = {}) {
    const body = init.body ?? null;
    if (!builtinAtLoad || globalThis.fetch !== fetchAtLoad || (body !== null && typeof body !== 'string')) {
      return globalThis.fetch(url, init);
    }
    let target;
    try {
      target = new URL(url);
    } catch (cause) {
      throw new TypeError('fetch failed: invalid URL', { cause });
    }
    if (target.protocol !== 'http:' && target.protocol !== 'https:') throw new TypeError(`fetch failed: unsupported protocol ${target.protocol}`);
    const signal = init.signal ?? undefined;
    signal?.throwIfAborted();
    const headers = {};
    for (const [name, value] of Object.entries(init.headers ?? {})) headers[name.toLowerCase()] = String(value);
    headers['accept-encoding'] ??= 'gzip, deflate, br';
    let sending = { method: (init.method ?? 'GET').toUpperCase(), headers, body };
    const redirect = init.redirect ?? 'follow';
    for (let hops = 0; ; hops++) {
      let answer;
      try {
        // No dispatcher option: undici's global dispatcher, at the time of the request.
        answer = await request(target, { ...sending, body: sending.body ?? undefined, signal });
      } catch (cause) {
        // An abort rejects with the signal's reason, as `fetch` does.
        if (signal?.aborted) throw signal.reason;
        throw new TypeError('fetch failed', { cause });
      }
      const location = answer.headers.location;
      if (!REDIRECTS.has(answer.statusCode) || location === undefined || redirect === 'manual') {
        return new NodeResponse(answer, sending.method, signal);
      }
      answer.body.dump({ limit: DUMP_LIMIT }).catch(() => {});
      if (redirect === 'error') throw new TypeError('fetch failed: redirected');
      if (hops >= MAX_REDIRECTS) throw new TypeError('fetch failed: too many redirects');
      let next;
      try {
        next = new URL(String(location), target);
      } catch (cause) {
        throw new TypeError('fetch failed: invalid redirect location', { cause });
      }
      if (next.protocol !== 'http:' && next.protocol !== 'https:') throw new TypeError(`fetch failed: redirect to ${next.protocol}`);
      sending = redirected(sending, target, next, answer.statusCode);
      target = next;
    }
  };
}

/** The request to send after a redirect, following Fetch's rules. */
function redirected(sending, from, to, status) {
  const headers = { ...sending.headers };
  let { method, body } = sending;
  if (status === 303 ? method !== 'HEAD' : (status === 301 || status === 302) && method === 'POST') {
    method = 'GET';
    body = null;
    delete headers['content-type'];
  }
  if (from.origin !== to.origin) {
    delete headers.authorization;
    delete headers.cookie;
  }
  return { method, headers, body };
}

const DECODERS = { gzip: zlib.createGunzip, 'x-gzip': zlib.createGunzip, deflate: zlib.createInflate, br: zlib.createBrotliDecompress };

/** The subset of Fetch's `Response` the client reads, over an undici answer. */
class NodeResponse {
  constructor({ statusCode, headers, body }, method, signal) {
    this.status = statusCode;
    this.ok = statusCode >= 200 && statusCode < 300;
    this.statusText = '';
    this._raw = body;
    this._used = false;
    this._signal = signal;
    // A HEAD answer, 204 and 304 have no body to decode, whatever their Content-Encoding.
    const bodiless = method === 'HEAD' || statusCode === 204 || statusCode === 304;
    const make = bodiless ? undefined : DECODERS[String(headers['content-encoding'] ?? '').trim().toLowerCase()];
    // Once decoded, the declared (compressed) length no longer applies: it is hidden.
    this.headers = new NodeHeaders(headers, make !== undefined);
    this._stream = make ? pipeline(body, make.call(zlib), () => {}) : body;
  }

  /** Marks the body as consumed; a body is read once, as in Fetch. */
  _take() {
    if (this._used) throw new TypeError('Body has already been used');
    this._used = true;
  }

  /** Drops the body: the rest of a small one is read so its connection is kept, a larger one closes it. */
  _cancel() {
    if (this._stream !== this._raw) this._stream.destroy();
    return this._raw.dump({ limit: DUMP_LIMIT }).then(() => undefined, () => undefined);
  }

  /** The next chunk, as a `ReadableStreamDefaultReader` gives it; a broken body rejects. */
  _reader() {
    const chunks = this._stream[Symbol.asyncIterator]();
    return () => chunks.next().then(
      ({ done, value }) => ({ done, value: done ? undefined : value }),
      (cause) => Promise.reject(this._signal?.aborted ? this._signal.reason : new TypeError('terminated', { cause })),
    );
  }

  /** The body as a stream with `getReader()` (`read()`, `cancel()`) and `cancel()`. */
  get body() {
    const cancel = () => this._cancel();
    return {
      cancel,
      getReader: () => {
        this._take();
        return { read: this._reader(), cancel, releaseLock() {} };
      },
    };
  }

  /** The whole body as bytes. */
  async _bytes() {
    this._take();
    const read = this._reader();
    const parts = [];
    for (;;) {
      const { done, value } = await read();
      if (done) break;
      parts.push(value);
    }
    return parts.length === 1 ? parts[0] : Buffer.concat(parts);
  }

  /** The body decoded as UTF-8 (a leading byte order mark removed, as `fetch` does). */
  async text() {
    if (this._stream !== this._raw) return new TextDecoder().decode(await this._bytes());
    // undici's own reading (faster than chunk by chunk; it removes the byte order mark too).
    this._take();
    return this._raw.text().catch((cause) => Promise.reject(this._signal?.aborted ? this._signal.reason : new TypeError('terminated', { cause })));
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
    return new Blob([await this._bytes()], { type: this.headers.get('content-type') ?? '' });
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
