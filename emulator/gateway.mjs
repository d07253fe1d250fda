/**
 * Gateway mode: static files for the demo page and the built package on the same origin,
 * and a streaming reverse proxy to a real Cytomine (`--upstream`), copying `dateFull`
 * into `date` on the way.
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

const HOP = new Set(['connection', 'keep-alive', 'proxy-authenticate', 'proxy-authorization', 'te', 'trailer', 'transfer-encoding', 'upgrade', 'host']);

/**
 * Forward a request to the upstream Cytomine and stream the answer back.
 * @param {string} upstream base URL (http or https)
 * @param {string} rawUrl path + query as received
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
