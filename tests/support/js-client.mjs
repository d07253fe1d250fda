/**
 * Load the real `cytomine-client` 3.1.0 (npm) in Node and connect it to a Cytomine
 * (the emulator or a real server) with HMAC-SHA1 API keys.
 *
 * Why this is needed: the package's `main` is untranspiled ESM (`src/index.js`) in a package
 * without `"type": "module"` (Node would parse it as CommonJS), two of its imports omit the
 * `.js` extension, one file calls `require('detect-browser')`, and its `browser` bundle uses
 * the XHR adapter. So the helper copies `src/` once into a temporary directory
 * marked `"type": "module"`, rewrites the bare specifiers to this repository's own `axios`
 * and `detect-browser` (so the client uses the Node http adapter), adds the missing `.js`,
 * and imports it. node_modules is never modified.
 *
 * Signing: a request interceptor (installed on the client's `api` and `iam` axios instances
 * and on the global axios, which `openAdminSession()` uses) builds the final URL exactly as
 * axios 0.21 will send it (`buildURL` + the legacy `url.parse(...).path` of the http
 * adapter), pins that URL so nothing changes afterwards, sets `Date`, sets the JSON content
 * type for requests with a body, and signs `METHOD\n\n<content-type>\n<date>\n<path?query>`
 * with HMAC-SHA1 (contract §1.2). GET requests carry no content type and are signed with ""
 * (core's fallback).
 *
 * The client is a singleton (`new Cytomine()` returns the first instance):
 * {@link loadJsClient} resets it, so calling it again re-points the client to another
 * server or user. Under `node --test` each file runs in its own process anyway.
 *
 * @example
 *   const emu = await start({ dataset: 'demo' });
 *   const alice = emu.credentials.find((c) => c.username === 'alice');
 *   const { Project, ProjectCollection, cytomine } = await loadJsClient({ host: emu.url, ...alice });
 *   const projects = await ProjectCollection.fetchAll();
 */
import { createHash, createHmac } from 'node:crypto';
import { createRequire } from 'node:module';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse as legacyParse, pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const axios = require('axios');
const buildURL = require('axios/lib/helpers/buildURL');
const combineURLs = require('axios/lib/helpers/combineURLs');
const isAbsoluteURL = require('axios/lib/helpers/isAbsoluteURL');

const PKG_DIR = path.dirname(require.resolve('cytomine-client/package.json'));
const PKG_VERSION = JSON.parse(readFileSync(path.join(PKG_DIR, 'package.json'), 'utf8')).version;

let modulePromise = null;
let globalInterceptor = null;

/**
 * Copy and patch the client's sources into a temp dir shared by all processes (built in a
 * private directory, then renamed into place, so parallel test files never see a half-written
 * copy); returns the index file path.
 */
function prepareSources() {
  const helperText = readFileSync(new URL(import.meta.url), 'utf8');
  const key = createHash('sha1').update(`${PKG_DIR}\0${PKG_VERSION}\0${helperText}`).digest('hex').slice(0, 12);
  const dest = path.join(tmpdir(), `cytomine-client-${PKG_VERSION}-esm-${key}`);
  const index = path.join(dest, 'src', 'index.js');
  if (existsSync(index)) return index;
  const work = `${dest}.tmp-${process.pid}`;
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  cpSync(path.join(PKG_DIR, 'src'), path.join(work, 'src'), { recursive: true });
  writeFileSync(path.join(work, 'package.json'), '{"type":"module","private":true}\n');
  const axiosUrl = pathToFileURL(require.resolve('axios')).href;
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      const f = path.join(dir, name);
      if (statSync(f).isDirectory()) walk(f);
      else if (f.endsWith('.js')) patchFile(f, axiosUrl, import.meta.url);
    }
  };
  walk(path.join(work, 'src'));
  try {
    renameSync(work, dest);
  } catch {
    rmSync(work, { recursive: true, force: true }); // another process won the race
  }
  return index;
}

function patchFile(file, axiosUrl, requireBase) {
  let code = readFileSync(file, 'utf8');
  code = code.replace(/(from\s+)(['"])([^'"]+)\2/g, (m, kw, q, spec) => {
    if (spec === 'axios') return `${kw}${q}${axiosUrl}${q}`;
    if (spec.startsWith('.') && !spec.endsWith('.js')) return `${kw}${q}${spec}.js${q}`;
    return m;
  });
  if (/\brequire\(/.test(code)) {
    code = `import { createRequire as __cr } from 'node:module';\nconst require = __cr(${JSON.stringify(requireBase)});\n`
      + code.replace(/require\((['"])detect-browser\1\)/g, `require(${JSON.stringify(require.resolve('detect-browser'))})`);
  }
  writeFileSync(file, code);
}

/**
 * The HMAC-SHA1 signature of a request as core computes it (contract §1.2).
 * @returns {string} base64 signature
 */
export function signRequest(privateKey, { method, contentMD5 = '', contentType = '', date, pathAndQuery }) {
  const msg = `${method.toUpperCase()}\n${contentMD5}\n${contentType}\n${date}\n${pathAndQuery}`;
  return createHmac('sha1', privateKey).update(msg, 'utf8').digest('base64');
}

const isPlainBody = (d) => d !== undefined && d !== null && typeof d === 'object' && !Buffer.isBuffer(d)
  && !(typeof FormData !== 'undefined' && d instanceof FormData) && !(d instanceof URLSearchParams) && typeof d.pipe !== 'function';

/**
 * An axios request interceptor that signs with an API key pair.
 * @param {{publicKey: string, privateKey: string}} keys
 * @param {{onSign?: (info: {method: string, pathAndQuery: string}) => void}} [opts]
 */
export function createSigningInterceptor({ publicKey, privateKey }, { onSign } = {}) {
  return (config) => {
    const method = (config.method ?? 'get').toUpperCase();
    const full = config.baseURL && !isAbsoluteURL(config.url) ? combineURLs(config.baseURL, config.url) : config.url;
    const built = buildURL(full, config.params, config.paramsSerializer);
    config.url = built; // pin the exact URL; params are now part of it
    config.params = undefined;
    const pathAndQuery = legacyParse(built).path;
    const headers = { ...(config.headers ?? {}) };
    let contentType = '';
    if (method !== 'GET' && method !== 'HEAD' && method !== 'DELETE') {
      contentType = isPlainBody(config.data) ? 'application/json;charset=utf-8' : 'application/json';
      headers['Content-Type'] = contentType;
    } else if (method === 'DELETE' && config.data !== undefined) {
      contentType = 'application/json;charset=utf-8';
      headers['Content-Type'] = contentType;
    }
    const date = new Date().toUTCString();
    headers.Date = date;
    headers.dateFull = date;
    const sig = signRequest(privateKey, { method, contentType, date, pathAndQuery });
    headers.Authorization = `CYTOMINE ${publicKey}:${sig}`;
    config.headers = headers;
    onSign?.({ method, pathAndQuery });
    return config;
  };
}

/**
 * Load `cytomine-client` and connect its singleton to `host` with the given API keys.
 * @param {{host: string, publicKey: string, privateKey: string, basePath?: string}} o
 * @returns {Promise<object>} the package's exports plus `cytomine` (the connected instance)
 *   and `axios` (the axios module the client uses)
 */
export async function loadJsClient({ host, publicKey, privateKey, basePath = '/api/' }) {
  if (!modulePromise) modulePromise = import(pathToFileURL(prepareSources()).href);
  const mod = await modulePromise;
  const interceptor = createSigningInterceptor({ publicKey, privateKey });
  mod.Cytomine._instance = null; // re-point the singleton
  const cytomine = new mod.Cytomine(host, basePath, '/iam/realms/cytomine/', interceptor);
  if (globalInterceptor !== null) axios.interceptors.request.eject(globalInterceptor);
  globalInterceptor = axios.interceptors.request.use(interceptor);
  return { ...mod, cytomine, axios };
}
