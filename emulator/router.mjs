/**
 * Route table and the per-request context handed to handlers. Patterns use `:name`
 * placeholders inside a path (`/api/project/:id.json`, `/api/imageinstance/:id/thumb.:fmt`);
 * the first matching route wins, so specific routes are registered before generic ones.
 */
import { ApiError, wrongArgument, notImplemented } from './envelope.mjs';
import { makePerms } from './perms.mjs';

/** A handler result with an explicit status, headers or a non-JSON body. */
export function reply(status, body, { headers = {}, contentType, raw } = {}) {
  return { __reply: true, status, body, headers, contentType, raw };
}

/** Percent-decoding as a servlet does for query strings (`+` is a space); never throws. */
export function decodeParam(s) {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}

/** Parse a raw query into `[key, value]` pairs (decoded once). */
export function parseQuery(raw) {
  const out = [];
  if (!raw) return out;
  for (const part of raw.split('&')) {
    if (!part) continue;
    const i = part.indexOf('=');
    out.push(i < 0 ? [decodeParam(part), ''] : [decodeParam(part.slice(0, i)), decodeParam(part.slice(i + 1))]);
  }
  return out;
}

export class Router {
  constructor() {
    this.routes = [];
  }

  /**
   * @param {string|string[]} methods e.g. 'GET' or ['GET','POST']
   * @param {string} pattern path pattern
   * @param {(ctx: Ctx) => any} handler
   * @param {object} [opts] `{ auth: 'required'|'none'|'queryToken', core: '5.2'|'2026' }` (auth default
   *   required; `core`: the route exists only in that generation)
   */
  add(methods, pattern, handler, opts = {}) {
    const names = [];
    const re = pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:([a-zA-Z][a-zA-Z0-9]*)/g, (_, n) => {
      names.push(n);
      return '([^/]+?)';
    });
    this.routes.push({ methods: [].concat(methods), re: new RegExp(`^${re}$`), names, handler, opts, pattern });
  }

  /** A route registered after `first` that also takes the request and has fewer path variables. */
  _moreSpecific(first, method, path, core) {
    let best = null;
    for (const r of this.routes.slice(this.routes.indexOf(first) + 1)) {
      if ((r.opts.core && r.opts.core !== core) || r.names.length >= (best ?? first).names.length) continue;
      if ((r.methods.includes(method) || (method === 'HEAD' && r.methods.includes('GET'))) && r.re.test(path)) best = r;
    }
    return best;
  }

  /**
   * Find the route for a method and (decoded) path. Routes declared with `opts.core` exist only
   * in that server generation. On a method mismatch, `allow` lists the methods the path takes.
   * @param {string} method
   * @param {string} path
   * @param {'5.2'|'2026'} [core='5.2']
   */
  match(method, path, core = '5.2') {
    const allow = new Set();
    for (const r of this.routes) {
      if (r.opts.core && r.opts.core !== core) continue;
      const m = r.re.exec(path);
      if (!m) continue;
      if (!r.methods.includes(method) && !(method === 'HEAD' && r.methods.includes('GET'))) {
        for (const x of r.methods) allow.add(x);
        continue;
      }
      // Spring prefers the most specific pattern: a later route with fewer variables wins over a
      // today's-core route (e.g. `user/current.json` over `user/{id}.json`).
      const best = r.opts.core === '2026' ? this._moreSpecific(r, method, path, core) ?? r : r;
      const bm = best === r ? m : best.re.exec(path);
      const params = {};
      best.names.forEach((n, i) => {
        params[n] = decodeParam(bm[i + 1]);
      });
      return { route: best, params };
    }
    return allow.size ? { methodMismatch: true, allow: [...allow] } : null;
  }
}

/** Everything a handler needs about one request. */
export class Ctx {
  constructor({ req, method, path, rawPath, rawQuery, params, body, user, auth, env }) {
    Object.assign(this, { req, method, path, rawPath, rawQuery, params, bodyBuf: body, user, auth, env });
    this.store = env.store;
    this.cmds = env.cmds;
    this.pairs = parseQuery(rawQuery);
    this.query = new Map();
    this.repeated = false;
    for (const [k, v] of this.pairs) {
      if (this.query.has(k)) this.repeated = true;
      this.query.set(k, v);
    }
    this.perms = makePerms(env.store, user);
    this.view = { store: env.store, serverURL: env.serverURL(), perms: this.perms, core: env.core };
    /** The emulated server generation, '5.2' or '2026'. */
    this.core = env.core;
    this._json = undefined;
  }

  /** A query parameter (decoded once; `name%5Bop%5D` spellings are found by {@link filterParams}). */
  q(name) {
    return this.query.get(name);
  }

  /** Boolean parameter parsed like Java's Boolean.parseBoolean. */
  qBool(name, dflt = false) {
    const v = this.q(name);
    if (v === undefined || v === '') return dflt;
    return String(v).toLowerCase() === 'true';
  }

  /** Long parameter or `dflt`; 400 if not a number. */
  qLong(name, dflt = null) {
    const v = this.q(name);
    if (v === undefined || v === '' || v === 'null') return dflt;
    const n = Number(v);
    if (!Number.isFinite(n)) throw wrongArgument(`${name} must be a number: ${v}`);
    return Math.trunc(n);
  }

  /** Path parameter as an integer id (404-prone ids are checked by the handler). */
  pid(name = 'id') {
    const n = Number(this.params[name]);
    if (!Number.isInteger(n)) throw wrongArgument(`Failed to convert value of type 'java.lang.String' to required type 'java.lang.Long'; For input string: "${this.params[name]}"`);
    return n;
  }

  /** Is there a request body? */
  hasBody() {
    return this.bodyBuf && this.bodyBuf.length > 0;
  }

  /** The JSON body (400 shape A if it cannot be parsed; `{}` when empty). */
  json() {
    if (this._json !== undefined) return this._json;
    if (!this.hasBody()) return (this._json = {});
    try {
      this._json = JSON.parse(this.bodyBuf.toString('utf8'));
    } catch {
      throw wrongArgument('The body cannot be parsed, is the body content in the good format?', { shape: 'A' });
    }
    return this._json;
  }

  /** The JSON body, required to be an object (not an array). */
  jsonObject() {
    const b = this.json();
    if (b === null || typeof b !== 'object' || Array.isArray(b)) {
      throw wrongArgument('The body cannot be parsed, is the body content in the good format?', { shape: 'A' });
    }
    return b;
  }

  /**
   * Generic search parameters `field[op]=value` (contract §2.3). Keys and values are decoded
   * a second time like core's retrieveRequestParam, so `name%255Bilike%255D` also works.
   * @returns {Array<{field:string, op:string, value:string}>}
   */
  filterParams() {
    const out = [];
    for (const [k, v] of this.pairs) {
      const key = decodeParam(k);
      const m = /^([A-Za-z0-9_.]+)\[(equals|nequals|like|ilike|lte|gte|in)\]$/.exec(key);
      if (m) out.push({ field: m[1], op: m[2], value: decodeParam(v) });
    }
    return out;
  }

  /** Reject repeated query parameters like core (500 shape A). */
  checkRepeated() {
    if (this.repeated) throw notImplemented();
  }
}

export { ApiError };

/**
 * A view of `router` whose routes exist only in one server generation (e.g. the 5.2 routes that
 * today's core removed): `only(r, '5.2').add(...)`.
 */
export const only = (router, core) => ({ add: (methods, pattern, handler, opts = {}) => router.add(methods, pattern, handler, { ...opts, core }) });
