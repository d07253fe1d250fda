// The three contenders in the benchmark page (served same-origin by the emulator's gateway):
// this package from /package/js/index.js; cytomine-client 3.1.0 from its `dist` UMD bundle with
// an axios request interceptor signing with HMAC-SHA1 and sending `dateFull` (the gateway copies
// it into `Date`, which pages cannot set); and a bare baseline (`fetch` + `JSON.parse` + HMAC).
import { hmacSha1Signer } from './hmac-sha1.mjs';
import { createBaseline } from '../lib/baseline.mjs';
import { packageWithoutModels } from '../lib/without-models.mjs';

/** Loads a client; resolves to `{ api, initMs, wasmBytes() }` (`initMs`: import/eval to ready). */
export async function loadClient(kind, { publicKey, privateKey, core }) {
  const host = location.origin;
  if (kind === 'ours' || kind === 'ours-raw') {
    const t0 = performance.now();
    const api = await import('/package/js/index.js');
    const t1 = performance.now();
    const initMs = t1 - t0;
    // Breakdown from resource timing: when the last byte of the package's files arrived (the
    // module graph is fetched level by level), and what remained after it.
    const entries = performance.getEntriesByType('resource').filter((e) => new URL(e.name).pathname.startsWith('/package/'));
    const lastByte = Math.max(...entries.map((e) => e.responseEnd)) - t0;
    const wasm = entries.find((e) => e.name.endsWith('.wasm'));
    const breakdown = {
      files: entries.length,
      last_byte_ms: lastByte,
      wasm_request_start_ms: wasm ? wasm.startTime - t0 : null,
      wasm_last_byte_ms: wasm ? wasm.responseEnd - t0 : null,
      after_last_byte_ms: t1 - t0 - lastByte,
    };
    new api.Cytomine(host, { publicKey, privateKey });
    // The glue's init returns the already-instantiated module's exports (memory included).
    const glue = await import('/package/pkg/cytomine_wasm.js');
    const exports = await glue.default();
    return { api: kind === 'ours' ? api : packageWithoutModels(api), initMs, breakdown, wasmBytes: () => exports.memory.buffer.byteLength };
  }
  if (kind === 'js') {
    const t0 = performance.now();
    const api = await loadUmd('/vendor/cytomine-client.min.js');
    const initMs = performance.now() - t0;
    new api.Cytomine(host, '/api/', '/iam/realms/cytomine/', signingInterceptor(publicKey, privateKey));
    return { api, initMs, wasmBytes: () => 0 };
  }
  if (kind === 'baseline') return { api: baseline(host, publicKey, privateKey, core), initMs: 0, wasmBytes: () => 0 };
  throw new Error(`unknown client ${kind}`);
}

/** Loads the UMD bundle with a CommonJS-like `module` so that its exports stay off `window`. */
function loadUmd(src) {
  return new Promise((resolve, reject) => {
    const module = { exports: {} };
    window.module = module;
    window.exports = module.exports;
    const script = document.createElement('script');
    script.src = src;
    script.onload = () => {
      delete window.module;
      delete window.exports;
      resolve(module.exports);
    };
    script.onerror = () => reject(new Error(`cannot load ${src}`));
    document.head.append(script);
  });
}

// axios 0.21's URL building (lib/helpers/buildURL.js, combineURLs.js, isAbsoluteURL.js), so the
// interceptor signs exactly the path and query that will be sent.
const encode = (v) => encodeURIComponent(v).replace(/%3A/gi, ':').replace(/%24/g, '$').replace(/%2C/gi, ',')
  .replace(/%20/g, '+').replace(/%5B/gi, '[').replace(/%5D/gi, ']');
function buildURL(url, params) {
  if (!params) return url;
  const parts = [];
  for (const [key, value] of Object.entries(params)) {
    if (value === null || value === undefined) continue;
    const values = Array.isArray(value) ? value : [value];
    const k = Array.isArray(value) ? `${key}[]` : key;
    for (let v of values) {
      if (v instanceof Date) v = v.toISOString();
      else if (v !== null && typeof v === 'object') v = JSON.stringify(v);
      parts.push(`${encode(k)}=${encode(v)}`);
    }
  }
  if (!parts.length) return url;
  const hash = url.indexOf('#');
  const base = hash === -1 ? url : url.slice(0, hash);
  return base + (base.includes('?') ? '&' : '?') + parts.join('&');
}
const isAbsoluteURL = (url) => /^([a-z][a-z\d+\-.]*:)?\/\//i.test(url);
const combineURLs = (base, rel) => (rel ? `${base.replace(/\/+$/, '')}/${rel.replace(/^\/+/, '')}` : base);

/** An axios request interceptor: pins the URL, sets the JSON content type on bodies, signs. */
function signingInterceptor(publicKey, privateKey) {
  const sign = hmacSha1Signer(privateKey);
  return (config) => {
    const method = (config.method ?? 'get').toUpperCase();
    const full = config.baseURL && !isAbsoluteURL(config.url) ? combineURLs(config.baseURL, config.url) : config.url;
    const built = buildURL(full, config.params);
    config.url = built;
    config.params = undefined;
    const url = new URL(built, location.href);
    const headers = { ...(config.headers ?? {}) };
    let contentType = '';
    if (method !== 'GET' && method !== 'HEAD' && method !== 'DELETE') {
      // axios's 'application/json;charset=utf-8', as Chromium's XHR sends it (charset upper-cased).
      contentType = 'application/json;charset=UTF-8';
      headers['Content-Type'] = contentType;
    }
    const date = new Date().toUTCString();
    headers.dateFull = date;
    headers.Authorization = `CYTOMINE ${publicKey}:${sign(`${method}\n\n${contentType}\n${date}\n${url.pathname}${url.search}`)}`;
    config.headers = headers;
    return config;
  };
}

function baseline(host, publicKey, privateKey, core) {
  return createBaseline({ host, core, publicKey, sign: hmacSha1Signer(privateKey), dateHeaders: (date) => ({ dateFull: date }) });
}
