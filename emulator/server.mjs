/**
 * The Cytomine-core emulator: wiring of the HTTP server (auth, routing, CORS, gateway,
 * latency and faults). Use {@link start} as a library, or `emulator/cli.mjs`.
 */
import http from 'node:http';
import { ApiError, renderError, notImplemented } from './envelope.mjs';
import { Router, Ctx } from './router.mjs';
import { Store } from './store.mjs';
import { Commands } from './commands.mjs';
import { Auth, UNAUTHORIZED_HTML } from './auth.mjs';
import { seedDataset, DATASETS } from './datasets/index.mjs';
import { FaultInjector, applyFault } from './faults.mjs';
import { serveStatic, proxy } from './gateway.mjs';
import { LruCache } from './lru.mjs';
import * as serverRoutes from './routes/server.mjs';
import * as projectRoutes from './routes/projects.mjs';
import * as ontologyRoutes from './routes/ontologies.mjs';
import * as imageRoutes from './routes/images.mjs';
import * as annotationRoutes from './routes/annotations.mjs';
import * as userRoutes from './routes/users.mjs';
import * as metaRoutes from './routes/meta.mjs';
import * as emulatorRoutes from './routes/emulator.mjs';
import * as activityRoutes from './routes/activity.mjs';
import * as storageRoutes from './routes/storage.mjs';
import * as groupRoutes from './routes/groups.mjs';
import * as settingRoutes from './routes/settings.mjs';
import * as socialRoutes from './routes/social.mjs';
import * as attachmentRoutes from './routes/attachments.mjs';
import * as accountRoutes from './routes/account.mjs';
import * as editingRoutes from './routes/editing.mjs';
import * as reportRoutes from './routes/reports.mjs';

const MAX_BODY = 50 * 1024 * 1024;
const JSON_TYPE = 'application/json;charset=UTF-8';
const REQUEST_LOG_CAP = 10000;

/** Build the route table (order matters: specific routes first). */
export function buildRouter() {
  const r = new Router();
  for (const m of [emulatorRoutes, activityRoutes, serverRoutes, userRoutes, projectRoutes, ontologyRoutes, annotationRoutes, imageRoutes, metaRoutes, storageRoutes, groupRoutes, settingRoutes, socialRoutes, attachmentRoutes, accountRoutes, editingRoutes, reportRoutes]) m.register(r);
  return r;
}

const sleep = (ms) => new Promise((res) => setTimeout(res, ms));

function corsHeaders(req) {
  const origin = req.headers.origin;
  if (!origin) return {};
  return {
    'Access-Control-Allow-Origin': origin,
    'Access-Control-Allow-Credentials': 'true',
    'Access-Control-Expose-Headers': 'Retry-After, ETag, Content-Length, WWW-Authenticate',
    Vary: 'Origin',
  };
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    const len = Number(req.headers['content-length'] ?? 0);
    if (len > MAX_BODY) {
      reject(Object.assign(new Error('too large'), { tooLarge: true }));
      return;
    }
    const chunks = [];
    let size = 0;
    req.on('data', (c) => {
      size += c.length;
      if (size > MAX_BODY) {
        req.pause();
        reject(Object.assign(new Error('too large'), { tooLarge: true }));
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

const isCoreApiPath = (p) => p === '/api' || p.startsWith('/api/') || p.startsWith('/server/') || p.startsWith('/session/')
  || p === '/status.json' || p.startsWith('/command/') || p.startsWith('/custom-ui/') || p.startsWith('/iam/');
const isUpstreamPath = (p) => /^\/(api|server|session)(\/|$)/.test(p);

/**
 * Start an emulator.
 * @param {object} [options]
 * @param {number} [options.port=0] 0 = random
 * @param {string} [options.host='127.0.0.1']
 * @param {'demo'|'empty'|'large'} [options.dataset='demo']
 * @param {number} [options.latencyMs=0] delay added to every response
 * @param {number} [options.faultRate=0] share of /api requests answered with a fault (0..1)
 * @param {number} [options.faultSeed=1] seed of the fault PRNG
 * @param {boolean} [options.gateway=false] serve static files and copy dateFull into date
 * @param {string} [options.wwwDir] gateway: directory served at `/`
 * @param {string} [options.packageDir] gateway: repo root; serves `/package/js/*` and `/package/pkg/*`
 * @param {string} [options.upstream] forward /api, /server, /session to this Cytomine
 * @param {string} [options.serverURL] URL used in thumb/crop/image URLs (default: own URL)
 * @returns {Promise<{url:string, port:number, close:() => Promise<void>, credentials:Array, state:Store,
 *   requests:Array, faults:Array, issueToken:(username:string, o?:{expiresInMs?:number}) => string, commands: Commands}>}
 */
export async function start(options = {}) {
  const opts = {
    port: 0, host: '127.0.0.1', dataset: 'demo', latencyMs: 0, faultRate: 0, faultSeed: 1, gateway: false, ...options,
  };
  if (!DATASETS.includes(opts.dataset)) throw new Error(`Unknown dataset "${opts.dataset}"`);
  const store = new Store();
  seedDataset(store, opts.dataset);
  const cmds = new Commands(store);
  const auth = new Auth(store);
  const router = buildRouter();
  const injector = new FaultInjector({ rate: opts.faultRate, seed: opts.faultSeed });
  const requests = [];
  let url = '';
  const env = {
    store, cmds, auth, imageCache: new LruCache(), lastSeen: new Map(), serverURL: () => opts.serverURL ?? url,
  };
  const sockets = new Set();

  async function handle(req, res) {
    const rawUrl = req.url ?? '/';
    const qi = rawUrl.indexOf('?');
    const rawPath = qi < 0 ? rawUrl : rawUrl.slice(0, qi);
    const rawQuery = qi < 0 ? '' : rawUrl.slice(qi + 1);
    let path;
    try {
      path = decodeURIComponent(rawPath);
    } catch {
      path = rawPath;
    }
    const entry = {
      method: req.method, path: rawPath, query: rawQuery.replace(/(^|&)(Authorization=)[^&]*/gi, '$1$2[redacted]'), status: 0, user: null, auth: null, dateCopiedFromDateFull: false,
      headers: { date: req.headers.date ?? null, datefull: req.headers.datefull ?? null, 'authorization-present': !!req.headers.authorization },
    };
    requests.push(entry);
    if (requests.length > REQUEST_LOG_CAP) requests.splice(0, requests.length - REQUEST_LOG_CAP);
    const cors = corsHeaders(req);
    const delay = () => (opts.latencyMs > 0 ? sleep(opts.latencyMs) : null);

    if (req.method === 'OPTIONS') {
      await delay();
      res.writeHead(204, {
        ...cors,
        'Access-Control-Allow-Origin': req.headers.origin ?? '*',
        'Access-Control-Allow-Headers': 'Authorization, Content-Type, dateFull, Content-MD5',
        'Access-Control-Allow-Methods': 'GET, POST, PUT, DELETE, HEAD',
        'Access-Control-Max-Age': '600',
        'Content-Length': 0,
      });
      res.end();
      entry.status = 204;
      return;
    }
    if ((opts.gateway || opts.upstream) && req.headers.date === undefined && req.headers.datefull !== undefined) {
      req.headers.date = req.headers.datefull;
      entry.dateCopiedFromDateFull = true;
    }
    if (opts.upstream && isUpstreamPath(path)) {
      await delay();
      const r = await proxy(req, res, opts.upstream, rawUrl, cors);
      entry.status = r.status;
      return;
    }
    const isEmu = path.startsWith('/emulator/');
    if (!isEmu && !isCoreApiPath(path)) {
      await delay();
      if (opts.gateway) {
        const r = await serveStatic(req, res, opts, rawPath, cors);
        if (r) {
          entry.status = r.status;
          return;
        }
      }
      const body = Buffer.from('Not Found\n');
      res.writeHead(404, { ...cors, 'Content-Type': 'text/plain', 'Content-Length': body.length });
      res.end(body);
      entry.status = 404;
      return;
    }

    const fault = path.startsWith('/api/') ? injector.decide(req.method, rawPath) : null;
    if (fault && fault.phase === 'before') {
      await delay();
      entry.status = applyFault(res, fault, cors);
      return;
    }

    let out; // { status, headers, body: Buffer }
    try {
      out = await dispatch(req, path, rawPath, rawQuery, entry);
    } catch (e) {
      if (e?.tooLarge) {
        out = jsonOut(413, { errors: { message: 'Maximum upload size exceeded (50 MB)' } }, { Connection: 'close' });
      } else {
        throw e;
      }
    }
    await delay();
    entry.status = out.status;
    const headers = { ...cors, ...out.headers };
    if (fault) {
      entry.status = applyFault(res, fault, cors, { status: out.status, headers: out.headers, body: out.body });
      return;
    }
    headers['Content-Length'] = out.body.length;
    res.writeHead(out.status, headers);
    res.end(req.method === 'HEAD' ? undefined : out.body);
    if (out.status === 413) req.destroy();
  }

  function jsonOut(status, obj, headers = {}) {
    return { status, headers: { 'Content-Type': JSON_TYPE, ...headers }, body: Buffer.from(JSON.stringify(obj)) };
  }

  function unauthorized() {
    return { status: 401, headers: { 'Content-Type': 'text/html;charset=UTF-8' }, body: Buffer.from(UNAUTHORIZED_HTML) };
  }

  async function dispatch(req, path, rawPath, rawQuery, entry) {
    const body = req.method === 'GET' || req.method === 'HEAD' ? Buffer.alloc(0) : await readBody(req);
    const a = auth.authenticate(req, rawPath, rawQuery);
    if (a.invalidBearer) {
      return { status: 401, headers: { 'WWW-Authenticate': 'Bearer error="invalid_token", error_description="An error occurred while attempting to decode the Jwt: invalid or expired token"' }, body: Buffer.alloc(0) };
    }
    let user = a.user;
    entry.auth = a.auth;
    const m = router.match(req.method, path);
    const opt = m?.route?.opts ?? {};
    if (!user && opt.auth === 'queryToken') {
      const qp = new URLSearchParams(rawQuery).get('Authorization');
      if (qp) {
        user = auth.userFromUnverifiedToken(qp);
        if (user) entry.auth = 'bearer';
      }
    }
    if (!user && opt.auth !== 'none') return unauthorized();
    entry.user = user?.username ?? null;
    if (user) env.lastSeen.set(user.id, Date.now());
    if (!m || m.methodMismatch) {
      return jsonOut(404, { errors: { message: `No endpoint ${req.method} ${path}` }, errorValues: {} });
    }
    const ctx = new Ctx({ req, method: req.method, path, rawPath, rawQuery, params: m.params, body, user, auth: entry.auth, env });
    // Writes may change records in place: they invalidate the read caches (searches only read).
    const writes = req.method !== 'GET' && req.method !== 'HEAD' && !path.endsWith('/search.json');
    if (writes) store.version++;
    try {
      if (path.startsWith('/api/')) ctx.checkRepeated();
      const result = await m.route.handler(ctx);
      if (writes) store.version++;
      return toOut(result);
    } catch (e) {
      if (e instanceof ApiError) {
        const { status, body: b } = renderError(e, 'A');
        return jsonOut(status, b);
      }
      console.error('[emulator] internal error on', req.method, path, e);
      return jsonOut(500, { errors: { message: 'Internal error' }, errorValues: {} });
    }
  }

  function toOut(result) {
    if (result && result.__reply) {
      const h = { ...result.headers };
      if (Buffer.isBuffer(result.body)) return { status: result.status, headers: { 'Content-Type': result.contentType ?? 'application/octet-stream', ...h }, body: result.body };
      if (result.body === null || result.body === undefined) return { status: result.status, headers: h, body: Buffer.alloc(0) };
      return { status: result.status, headers: { 'Content-Type': result.contentType ?? JSON_TYPE, ...h }, body: Buffer.from(typeof result.body === 'string' ? result.body : JSON.stringify(result.body)) };
    }
    return jsonOut(200, result);
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((e) => {
      console.error('[emulator] unexpected error', e);
      if (!res.headersSent) {
        res.writeHead(500, { 'Content-Type': JSON_TYPE });
        res.end(JSON.stringify({ errors: { message: 'Internal error' } }));
      } else res.destroy();
    });
  });
  server.keepAliveTimeout = 5000;
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  server.on('clientError', (err, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    else socket.destroy();
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, resolve);
  });
  const port = server.address().port;
  const h = opts.host === '0.0.0.0' || opts.host === '::' ? '127.0.0.1' : opts.host.includes(':') ? `[${opts.host}]` : opts.host;
  url = `http://${h}:${port}`;

  const credentials = [...store.t.user.values()].map((u) => ({
    username: u.username, publicKey: u.publicKey, privateKey: u.privateKey,
    admin: u.roles.includes('ROLE_ADMIN') || u.roles.includes('ROLE_SUPER_ADMIN'),
    token: auth.issueToken(u.username, { expiresInMs: 7 * 24 * 3600_000 }),
  }));

  return {
    url,
    port,
    credentials,
    state: store,
    commands: cmds,
    requests,
    faults: injector.log,
    issueToken: (username, o) => auth.issueToken(username, o),
    close: () => new Promise((resolve) => {
      server.close(() => resolve());
      for (const s of sockets) s.destroy();
    }),
  };
}

export { notImplemented };
