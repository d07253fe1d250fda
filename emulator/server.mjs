/**
 * The Cytomine-core emulator: wiring of the HTTP server (auth, routing, CORS, gateway,
 * latency and faults). Use {@link start} as a library, or `emulator/cli.mjs`.
 */
import http from 'node:http';
import { ApiError, renderError, notImplemented, Problem, problemBody, PROBLEM_TYPE } from './envelope.mjs';
import { Router, Ctx } from './router.mjs';
import { Store } from './store.mjs';
import { Commands } from './commands.mjs';
import { Auth, UNAUTHORIZED_HTML } from './auth.mjs';
import { seedDataset, DATASETS } from './datasets/index.mjs';
import { FaultInjector, applyFault } from './faults.mjs';
import {
  serveStatic, proxy, corsPolicy, preflightHeaders, originOf, isCrossOrigin, isPrivatePath, hostCheck, normalizePath, isForwardedPath,
} from './gateway.mjs';
import { redactQuery } from './request-log.mjs';
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
import * as repositoryRoutes from './routes/repository.mjs';
import * as reportRoutes from './routes/reports.mjs';
import * as layerRoutes from './routes/layers.mjs';
import * as keycloak from './keycloak.mjs';

const MAX_BODY = 50 * 1024 * 1024;
const JSON_TYPE = 'application/json;charset=UTF-8';
const REQUEST_LOG_CAP = 10000;

/** Server generations the emulator speaks: core 5.2 (June 2025) and today's core (delta file). */
export const CORES = ['5.2', '2026'];

/**
 * Build the route table (order matters: specific routes first). Today's repository-backed routes
 * come first and exist only with `core: '2026'`; legacy routes removed today carry `core: '5.2'`.
 */
export function buildRouter() {
  const r = new Router();
  for (const m of [repositoryRoutes, keycloak, emulatorRoutes, activityRoutes, serverRoutes, userRoutes, projectRoutes, ontologyRoutes, annotationRoutes, imageRoutes, metaRoutes, storageRoutes, groupRoutes, settingRoutes, socialRoutes, attachmentRoutes, accountRoutes, editingRoutes, reportRoutes, layerRoutes]) m.register(r);
  return r;
}

const sleep = (ms) => new Promise((res) => setTimeout(res, ms));

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
 * @param {string} [options.upstream] forward every Cytomine path (/api, /server, /session, /iam...) to this Cytomine
 * @param {string} [options.serverURL] URL used in thumb/crop/image URLs (default: own URL)
 * @param {string[]} [options.allowOrigins] origins whose pages may call it (CORS, no credentials); default: in gateway
 *   mode its own origin only, else any origin (echoed with credentials, as today's core)
 * @param {'5.2'|'2026'} [options.core='5.2'] server generation on the wire (signature form, routes, JSON, errors)
 * @param {number} [options.tokenLifetimeS=300] lifetime of access tokens from the emulated Keycloak token endpoint
 * @returns {Promise<{url:string, port:number, core:string, close:() => Promise<void>, credentials:Array, state:Store,
 *   requests:Array, faults:Array, issueToken:(username:string, o?:{expiresInMs?:number}) => string, commands: Commands}>}
 */
export async function start(options = {}) {
  const opts = {
    port: 0, host: '127.0.0.1', dataset: 'demo', latencyMs: 0, faultRate: 0, faultSeed: 1, gateway: false, core: '5.2',
    tokenLifetimeS: keycloak.DEFAULT_ACCESS_LIFETIME_S, ...options,
  };
  if (!DATASETS.includes(opts.dataset)) throw new Error(`Unknown dataset "${opts.dataset}"`);
  opts.core = String(opts.core);
  if (!CORES.includes(opts.core)) throw new Error(`Unknown core "${opts.core}" (expected ${CORES.join(' or ')})`);
  if (!(Number(opts.tokenLifetimeS) > 0)) throw new Error('tokenLifetimeS must be a positive number of seconds');
  const store = new Store();
  seedDataset(store, opts.dataset);
  const cmds = new Commands(store);
  const issuer = () => `${opts.serverURL ?? url}${keycloak.REALM_PATH}`;
  const auth = new Auth(store, { core: opts.core, issuer });
  const router = buildRouter();
  const injector = new FaultInjector({ rate: opts.faultRate, seed: opts.faultSeed });
  const requests = [];
  let url = '';
  const env = {
    store, cmds, auth, imageCache: new LruCache(), lastSeen: new Map(), serverURL: () => opts.serverURL ?? url, core: opts.core,
    keycloak: { issuer, accessLifetimeS: Number(opts.tokenLifetimeS) },
  };
  const sockets = new Set();
  const corsFor = corsPolicy({ allowOrigins: opts.allowOrigins, reflectAny: !opts.gateway && !opts.upstream });
  const ownOrigins = new Set();
  let hostAllowed = () => true;

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
      method: req.method, path: rawPath, query: redactQuery(rawQuery), status: 0, user: null, auth: null, dateCopiedFromDateFull: false,
      headers: { date: req.headers.date ?? null, datefull: req.headers.datefull ?? null, 'authorization-present': !!req.headers.authorization },
    };
    requests.push(entry);
    if (requests.length > REQUEST_LOG_CAP) requests.splice(0, requests.length - REQUEST_LOG_CAP);
    const delay = () => (opts.latencyMs > 0 ? sleep(opts.latencyMs) : null);
    const refuse = (status, text, headers = {}) => {
      const body = Buffer.from(`${text}\n`);
      res.writeHead(status, { ...headers, 'Content-Type': 'text/plain', 'Content-Length': body.length });
      res.end(body);
      entry.status = status;
    };
    // A page of a DNS-rebinding attack is same-origin with us but names its own domain in Host.
    if (!hostAllowed(req.headers.host)) {
      refuse(421, 'Misdirected request: this server does not answer to that host name (see --server-url)');
      return;
    }
    // Credentials (the demo's keys file, the token and login endpoints) never go to another origin.
    const privatePath = isPrivatePath(path);
    if (privatePath && isCrossOrigin(req, ownOrigins)) {
      refuse(403, 'Forbidden: not available to pages of other origins');
      return;
    }
    const cors = privatePath ? {} : corsFor(req, ownOrigins);

    if (req.method === 'OPTIONS') {
      await delay();
      res.writeHead(204, { ...preflightHeaders(cors, req, opts.core), 'Content-Length': 0 });
      res.end();
      entry.status = 204;
      return;
    }
    if ((opts.gateway || opts.upstream) && req.headers.date === undefined && req.headers.datefull !== undefined) {
      req.headers.date = req.headers.datefull;
      entry.dateCopiedFromDateFull = true;
    }
    if (opts.upstream && !privatePath) {
      // Every Cytomine path goes to the real server; only the demo's own files are served here.
      const normalized = normalizePath(rawPath);
      if (normalized !== null && isForwardedPath(normalized)) {
        await delay();
        const r = await proxy(req, res, opts.upstream, `${normalized}${qi < 0 ? '' : rawUrl.slice(qi)}`, cors);
        entry.status = r.status;
        return;
      }
      if (normalized === null || isCoreApiPath(path)) {
        refuse(400, 'Bad request: the path leaves the Cytomine API');
        return;
      }
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

  function problemOut(status, detail, instance, headers = {}) {
    return { status, headers: { 'Content-Type': PROBLEM_TYPE, ...headers }, body: Buffer.from(JSON.stringify(problemBody(status, detail, instance))) };
  }

  async function dispatch(req, path, rawPath, rawQuery, entry) {
    const body = req.method === 'GET' || req.method === 'HEAD' ? Buffer.alloc(0) : await readBody(req);
    if (opts.core === '2026' && !req.headers.authorization) {
      // TokenFromParameterFilter (delta §1.6): `auth`, else `Authorization`, becomes a bearer header (verified).
      const qp = new URLSearchParams(rawQuery);
      const t = qp.get('auth') ?? qp.get('Authorization');
      if (t) req.headers.authorization = /^Bearer /i.test(t) ? t : `Bearer ${t}`;
    }
    const a = auth.authenticate(req, rawPath, rawQuery);
    if (a.invalidBearer) {
      return { status: 401, headers: { 'WWW-Authenticate': 'Bearer error="invalid_token", error_description="An error occurred while attempting to decode the Jwt: invalid or expired token"' }, body: Buffer.alloc(0) };
    }
    let user = a.user;
    entry.auth = a.auth;
    // today a bearer token with the ADMIN client role opens the admin session by itself (delta §1.4)
    if (opts.core === '2026' && a.auth === 'bearer' && user && (user.roles.includes('ROLE_ADMIN') || user.roles.includes('ROLE_SUPER_ADMIN'))) {
      store.adminSessions.add(user.id);
    }
    const m = router.match(req.method, path, opts.core);
    const opt = m?.route?.opts ?? {};
    if (!user && opt.auth === 'queryToken' && (!opt.queryTokenCore || opt.queryTokenCore === opts.core)) {
      // The handler's own token parameter, decoded without verification: `Authorization` in 5.2, `authorization` today.
      const qp = new URLSearchParams(rawQuery).get(opts.core === '2026' ? 'authorization' : 'Authorization');
      if (qp) {
        user = auth.userFromUnverifiedToken(qp);
        if (user) entry.auth = 'bearer';
      }
    }
    const found = m && !m.methodMismatch;
    // Today's core lets unmapped paths outside /api and /session through security (then 404/405).
    const needsAuth = found || opts.core !== '2026' ? opt.auth !== 'none' : /^\/(api|session)\//.test(path);
    if (!user && needsAuth) return unauthorized();
    entry.user = user?.username ?? null;
    if (user) env.lastSeen.set(user.id, Date.now());
    if (opts.core === '2026' && (!m || m.methodMismatch) && !path.startsWith('/emulator/')) {
      // Spring 6's own answers, rendered as ProblemDetail by ResponseEntityExceptionHandler.
      if (m?.methodMismatch) return problemOut(405, `Method '${req.method}' is not supported.`, path, { Allow: m.allow.join(', ') });
      return problemOut(404, `No static resource ${path.slice(1)}.`, path);
    }
    if (!m || m.methodMismatch) {
      return jsonOut(404, { errors: { message: `No endpoint ${req.method} ${path}` }, errorValues: {} });
    }
    const ctx = new Ctx({ req, method: req.method, path, rawPath, rawQuery, params: m.params, body, user, auth: entry.auth, env });
    // Writes may change records in place: they invalidate the read caches (searches only read).
    const writes = req.method !== 'GET' && req.method !== 'HEAD' && !path.endsWith('/search.json');
    if (writes) store.version++;
    try {
      if (path.startsWith('/api/') && !opt.repeatable) ctx.checkRepeated();
      const result = await m.route.handler(ctx);
      if (writes) store.version++;
      return toOut(result);
    } catch (e) {
      if (e instanceof ApiError) {
        const { status, body: b } = renderError(e, 'A');
        return jsonOut(status, b);
      }
      if (e instanceof Problem) return problemOut(e.status, e.detail, path, e.headers);
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
  for (const name of ['127.0.0.1', 'localhost', '[::1]', h]) ownOrigins.add(`http://${name}:${port}`);
  if (opts.serverURL) ownOrigins.add(originOf(opts.serverURL));
  hostAllowed = hostCheck(opts.host, opts.serverURL ? [new URL(opts.serverURL).hostname] : []);

  const credentials = [...store.t.user.values()].map((u) => ({
    username: u.username, publicKey: u.publicKey, privateKey: u.privateKey,
    admin: u.roles.includes('ROLE_ADMIN') || u.roles.includes('ROLE_SUPER_ADMIN'),
    token: auth.issueToken(u.username, { expiresInMs: 7 * 24 * 3600_000 }),
  }));

  return {
    url,
    port,
    core: opts.core,
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
