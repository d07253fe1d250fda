/**
 * Authentication like core (contract §1): HMAC-SHA1 API keys, bearer tokens and session
 * cookies. Bearer tokens here are JWT-shaped HS256 tokens signed with a per-process secret
 * (core uses Keycloak RS256 tokens; the emulator only accepts the ones it issued).
 */
import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';

/** The HTML page core renders for an unauthenticated /api call (§1.1). */
export const UNAUTHORIZED_HTML = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Cytomine error 401</title>
</head>
<body>
<h1>Authorization required</h1>
<p>This page is not publicly available. To access it, please login first or use a valid token.</p>
</body>
</html>
`;

const b64url = (buf) => Buffer.from(buf).toString('base64url');

/**
 * The message core signs (§1.2).
 * @returns {string}
 */
export function signatureMessage({ method, contentMD5 = '', contentType = '', date, path, query = '' }) {
  return `${method}\n${contentMD5}\n${contentType}\n${date}\n${path}${query ? `?${query}` : ''}`;
}

/** Base64 HMAC-SHA1 of `message` with `privateKey`. */
export function sign(privateKey, message) {
  return createHmac('sha1', privateKey).update(message, 'utf8').digest('base64');
}

function safeEqual(a, b) {
  const x = Buffer.from(String(a));
  const y = Buffer.from(String(b));
  return x.length === y.length && timingSafeEqual(x, y);
}

export class Auth {
  /** @param {import('./store.mjs').Store} store */
  constructor(store) {
    this.store = store;
    this.secret = randomBytes(32);
    /** JSESSIONID -> user id */
    this.sessions = new Map();
  }

  /**
   * Issue a bearer token for `username`.
   * @param {string} username
   * @param {{expiresInMs?: number}} [opts] default one hour
   */
  issueToken(username, { expiresInMs = 3600_000 } = {}) {
    const head = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
    const now = Date.now();
    const body = b64url(JSON.stringify({
      preferred_username: username, iat: Math.floor(now / 1000), exp: Math.floor((now + expiresInMs) / 1000),
      exp_ms: now + expiresInMs, iss: 'cytomine-emulator', jti: randomUUID(),
    }));
    const sig = b64url(createHmac('sha256', this.secret).update(`${head}.${body}`).digest());
    return `${head}.${body}.${sig}`;
  }

  /** Verify one of our tokens; returns the user record or null. */
  verifyToken(token) {
    const parts = String(token).split('.');
    if (parts.length !== 3) return null;
    const sig = b64url(createHmac('sha256', this.secret).update(`${parts[0]}.${parts[1]}`).digest());
    if (!safeEqual(sig, parts[2])) return null;
    let claims;
    try {
      claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
    } catch {
      return null;
    }
    const expMs = claims.exp_ms ?? claims.exp * 1000;
    if (!(expMs > Date.now())) return null;
    return this.store.userByUsername(claims.preferred_username) ?? null;
  }

  /**
   * Core's `?Authorization=Bearer <jwt>` parameter on thumb/crop endpoints (§1.6): the JWT is
   * decoded WITHOUT verification and only `preferred_username` is used.
   */
  userFromUnverifiedToken(param) {
    const token = String(param).replace(/^Bearer\s+/i, '');
    const parts = token.split('.');
    if (parts.length < 2) return null;
    try {
      const claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
      return this.store.userByUsername(claims.preferred_username) ?? null;
    } catch {
      return null;
    }
  }

  /** Create a cookie session; returns the JSESSIONID value. */
  login(user) {
    const sid = randomBytes(18).toString('hex');
    this.sessions.set(sid, user.id);
    return sid;
  }

  /**
   * Authenticate a request.
   * @param {{method:string, headers:object}} req
   * @param {string} rawPath raw path (percent-encoded as sent)
   * @param {string} rawQuery raw query without `?` ('' if none)
   * @returns {{user:any, auth:'apikey'|'bearer'|'cookie'|null, invalidBearer?:boolean}}
   */
  authenticate(req, rawPath, rawQuery) {
    const h = req.headers;
    const authz = h.authorization;
    if (authz && authz.startsWith('CYTOMINE') && h.date !== undefined && h.host !== undefined) {
      const u = this._apiKey(req, authz, rawPath, rawQuery);
      if (u) return { user: u, auth: 'apikey' };
    } else if (authz && /^Bearer /i.test(authz)) {
      const u = this.verifyToken(authz.slice(7).trim());
      if (u && u.enabled !== false) return { user: u, auth: 'bearer' };
      return { user: null, auth: null, invalidBearer: true };
    }
    const cookie = h.cookie;
    if (cookie) {
      const m = /(?:^|;\s*)JSESSIONID=([^;]+)/.exec(cookie);
      const uid = m && this.sessions.get(m[1]);
      const u = uid && this.store.get('user', uid);
      if (u) return { user: u, auth: 'cookie' };
    }
    return { user: null, auth: null };
  }

  _apiKey(req, authz, rawPath, rawQuery) {
    const sp = authz.indexOf(' ');
    const colon = authz.indexOf(':');
    if (sp < 0 || colon < 0 || colon < sp) return null;
    const pub = authz.slice(sp + 1, colon);
    const sig = authz.slice(colon + 1);
    const user = this.store.userByPublicKey(pub);
    if (!user || user.enabled === false) return null;
    const h = req.headers;
    let ct = h['content-type'] ?? '';
    if (rawPath.includes('.json') && (ct === '' || ct === 'application/octet-stream')) ct = 'application/json';
    const base = { method: req.method, contentMD5: h['content-md5'] ?? '', date: h.date, path: rawPath, query: rawQuery };
    if (safeEqual(sign(user.privateKey, signatureMessage({ ...base, contentType: ct })), sig)) return user;
    if (safeEqual(sign(user.privateKey, signatureMessage({ ...base, contentType: '' })), sig)) return user;
    return null;
  }
}
