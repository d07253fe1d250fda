/**
 * Gateway mode: static files for the demo page and the built package on the same origin,
 * and a streaming reverse proxy to a real Cytomine (`--upstream`), copying `dateFull`
 * into `date` on the way. Also the emulator's front-door security, in every mode: the `Host`
 * check (DNS rebinding), the CORS allow-list, and the files and endpoints no other origin may use.
 */
import { createReadStream, promises as fsp } from 'node:fs';
import path from 'node:path';
import http from 'node:http';
import https from 'node:https';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json', '.wasm': 'application/wasm', '.png': 'image/png',
  '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.svg': 'image/svg+xml', '.ico': 'image/x-icon', '.map': 'application/json',
  '.txt': 'text/plain; charset=utf-8', '.ts': 'text/plain; charset=utf-8', '.md': 'text/markdown; charset=utf-8',
};

/**
 * Map a URL path to a file under a root, refusing traversal.
 * @returns {string|null} absolute path, or null when the path escapes the root
 */
export function safeJoin(root, urlPath) {
  let decoded;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.split(/[\\/]/).includes('..')) return null;
  const rootAbs = path.resolve(root);
  const abs = path.resolve(rootAbs, `.${decoded.startsWith('/') ? decoded : `/${decoded}`}`);
  if (abs !== rootAbs && !abs.startsWith(rootAbs + path.sep)) return null;
  return abs;
}

/**
 * Serve a static file for the gateway. Returns false when no file matches.
 * @param {import('node:http').ServerResponse} res
 * @param {{wwwDir?:string, packageDir?:string}} opts
 * @param {string} rawPath raw URL path
 * @param {object} headers extra headers (CORS)
 * @returns {Promise<{status:number}|false>}
 */
export async function serveStatic(req, res, opts, rawPath, headers) {
  let root;
  let rel;
  const packagePart = /^\/package\/(js|pkg|dist)\//.exec(rawPath)?.[1];
  if (packagePart) {
    if (!opts.packageDir) return false;
    root = path.join(opts.packageDir, packagePart);
    rel = rawPath.slice(rawPath.indexOf('/', 9));
  } else {
    if (!opts.wwwDir) return false;
    root = opts.wwwDir;
    rel = rawPath === '/' ? '/index.html' : rawPath;
  }
  const file = safeJoin(root, rel);
  // Against a real server the demo's keys have no use: never served, whatever is on disk.
  if (file && !packagePart && opts.upstream && file === safeJoin(root, CREDENTIALS_FILE)) return false;
  if (!file) {
    const body = 'Forbidden\n';
    res.writeHead(403, { ...headers, 'Content-Type': 'text/plain', 'Content-Length': body.length });
    res.end(body);
    return { status: 403 };
  }
  let st;
  try {
    st = await fsp.stat(file);
    if (st.isDirectory()) {
      const idx = path.join(file, 'index.html');
      st = await fsp.stat(idx);
      return sendFile(req, res, idx, st, headers);
    }
  } catch {
    return false;
  }
  return sendFile(req, res, file, st, headers);
}

function sendFile(req, res, file, st, headers) {
  const type = TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
  res.writeHead(200, { ...headers, 'Content-Type': type, 'Content-Length': st.size, 'Cache-Control': 'no-cache' });
  if (req.method === 'HEAD') {
    res.end();
    return { status: 200 };
  }
  createReadStream(file).pipe(res);
  return { status: 200 };
}

/** The demo's credentials file (written by `npm start` against the emulator only). */
export const CREDENTIALS_FILE = '/demo-credentials.json';

/** Paths that hand out credentials: never served to another origin, never with CORS headers. */
export const isPrivatePath = (p) => p === CREDENTIALS_FILE || p === '/emulator' || p.startsWith('/emulator/');

/** The headers a browser may read from a cross-origin answer besides the safelisted ones. */
const EXPOSED = 'Retry-After, ETag, Content-Length, Content-Disposition, WWW-Authenticate';

/**
 * The gateway's CORS rule. With an allow-list (`--allow-origin`, repeatable; in gateway mode
 * the default is the server's own origin only) only those origins get CORS headers, without
 * `Access-Control-Allow-Credentials` (API keys and tokens do not need it). Without one (the
 * plain emulator) every origin is echoed with credentials, as today's core does (delta §2.2).
 * @param {{allowOrigins?: string[]|null, reflectAny: boolean}} rule
 * @returns {(req: import('node:http').IncomingMessage, ownOrigins: Set<string>) => object}
 */
export function corsPolicy({ allowOrigins, reflectAny }) {
  const allowed = new Set((allowOrigins ?? []).map(originOf));
  return (req, ownOrigins) => {
    const origin = req.headers.origin;
    // Answers differ by origin: caches must not give one origin's answer to another.
    if (!origin) return { Vary: 'Origin' };
    if (reflectAny && !allowOrigins) {
      return { 'Access-Control-Allow-Origin': origin, 'Access-Control-Allow-Credentials': 'true', 'Access-Control-Expose-Headers': EXPOSED, Vary: 'Origin' };
    }
    if (!allowed.has(origin) && !ownOrigins.has(origin)) return { Vary: 'Origin' };
    return { 'Access-Control-Allow-Origin': origin, 'Access-Control-Expose-Headers': EXPOSED, Vary: 'Origin' };
  };
}

/**
 * The headers of a preflight answer for an allowed origin (nothing more for the others). Today's
 * core (`core` '2026') allows every requested header and PATCH (delta §2.2).
 */
export function preflightHeaders(cors, req, core) {
  if (!cors['Access-Control-Allow-Origin']) return cors;
  const requested = req.headers['access-control-request-headers'];
  const today = core === '2026';
  return {
    ...cors,
    'Access-Control-Allow-Headers': today && requested ? requested : 'Authorization, Content-Type, dateFull, Content-MD5',
    'Access-Control-Allow-Methods': today ? 'GET, POST, PUT, DELETE, OPTIONS, PATCH' : 'GET, POST, PUT, DELETE, HEAD',
    'Access-Control-Max-Age': '600',
  };
}

/**
 * `scheme://host[:port]` of a URL or origin, as browsers send it in `Origin`.
 * @throws {Error} when it is not an http(s) URL (also for `null`, the origin of sandboxed and
 *   `file:` pages, which any site can take on)
 */
export function originOf(value) {
  const u = new URL(value);
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error(`not an http(s) origin: ${value}`);
  return u.origin;
}

/** True when a request comes from a page of another origin (`Origin` or `Sec-Fetch-Site` says so). */
export function isCrossOrigin(req, ownOrigins) {
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return true;
  const origin = req.headers.origin;
  return origin !== undefined && !ownOrigins.has(origin);
}

const WILDCARDS = new Set(['0.0.0.0', '::', '']);
const IP_LITERAL = /^(\d{1,3}(\.\d{1,3}){3}|\[[0-9a-f:.]+\])$/i;

/**
 * The host names a request may name in `Host`: a page of a DNS-rebinding attack names its own
 * domain there. Allowed: `localhost`, the loopback addresses, the address listened on (any IP
 * address when listening on all of them), and the host of `--server-url`.
 * @param {string} listenHost
 * @param {string[]} extraNames host names of configured URLs
 * @returns {(hostHeader: string|undefined) => boolean}
 */
export function hostCheck(listenHost, extraNames = []) {
  const names = new Set(['localhost', '127.0.0.1', '[::1]', ...extraNames.map((n) => n.toLowerCase())]);
  const anyAddress = WILDCARDS.has(listenHost);
  if (!anyAddress) names.add(listenHost.includes(':') ? `[${listenHost.toLowerCase()}]` : listenHost.toLowerCase());
  return (hostHeader) => {
    if (hostHeader === undefined) return true; // HTTP/1.0 without Host: not from a browser
    const name = hostHeader.toLowerCase().replace(/:\d+$/, '').replace(/\.$/, '');
    return names.has(name) || (anyAddress && IP_LITERAL.test(name));
  };
}

/**
 * The path prefixes the gateway forwards to the upstream Cytomine: core and its extras, the IAM,
 * and the image server and services today's gateway routes (delta §2.3).
 */
const FORWARDED = /^\/(api|server|session|iam|command|custom-ui|ims|cbir|sam)(\/|$)|^\/status\.json$/;

/** True for a path (already normalised) that belongs to Cytomine rather than to the demo. */
export const isForwardedPath = (p) => FORWARDED.test(p);

/**
 * Removes dot-segments (also percent-encoded ones) from a raw URL path, keeping the encoding of
 * the other segments. Returns null for a path that climbs above the root, has a malformed escape,
 * or hides a separator in a segment (`%2f`, `\\`), which servers behind may read differently.
 * @param {string} rawPath
 * @returns {string|null}
 */
export function normalizePath(rawPath) {
  if (!rawPath.startsWith('/')) return null;
  const out = [];
  const segments = rawPath.slice(1).split('/');
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i];
    let decoded;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      return null;
    }
    if (/[\\/\0]/.test(decoded)) return null;
    const last = i === segments.length - 1;
    if (decoded === '.') {
      if (last) out.push('');
    } else if (decoded === '..') {
      if (out.length === 0) return null;
      out.pop();
      if (last) out.push('');
    } else out.push(segment);
  }
  return `/${out.join('/')}`;
}

const HOP = new Set(['connection', 'keep-alive', 'proxy-authenticate', 'proxy-authorization', 'te', 'trailer', 'transfer-encoding', 'upgrade', 'host']);

/**
 * Forward a request to the upstream Cytomine and stream the answer back. The upstream's own
 * CORS headers are dropped: the gateway's rule replaces them, so none is doubled.
 * @param {string} upstream base URL (http or https)
 * @param {string} rawUrl path (normalised, see {@link normalizePath}) + query
 * @returns {Promise<{status:number}>}
 */
export function proxy(req, res, upstream, rawUrl, extraHeaders) {
  return new Promise((resolve) => {
    const base = new URL(upstream);
    const headers = {};
    for (const [k, v] of Object.entries(req.headers)) if (!HOP.has(k)) headers[k] = v;
    headers.host = base.host;
    const mod = base.protocol === 'https:' ? https : http;
    const up = mod.request({
      protocol: base.protocol, hostname: base.hostname, port: base.port || undefined, method: req.method,
      path: `${base.pathname.replace(/\/$/, '')}${rawUrl}`, headers,
    }, (ur) => {
      const h = { ...extraHeaders };
      for (const [k, v] of Object.entries(ur.headers)) if (!HOP.has(k) && !k.startsWith('access-control-')) h[k] = v;
      res.writeHead(ur.statusCode ?? 502, h);
      ur.pipe(res);
      ur.on('end', () => resolve({ status: ur.statusCode ?? 502 }));
      ur.on('error', () => {
        res.destroy();
        resolve({ status: 0 });
      });
    });
    up.on('error', (e) => {
      if (!res.headersSent) {
        const body = Buffer.from(`Upstream error: ${e.code ?? e.message}\n`);
        res.writeHead(502, { ...extraHeaders, 'Content-Type': 'text/plain', 'Content-Length': body.length });
        res.end(body);
      } else res.destroy();
      resolve({ status: 502 });
    });
    req.pipe(up);
  });
}
