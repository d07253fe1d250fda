/**
 * Authentication like core (contract §1, delta §1): HMAC-SHA1 API keys in the message form of
 * the emulated generation, bearer tokens and session cookies. Bearer tokens are RS256 JWTs with
 * the claims core reads from Keycloak, signed with a per-process RSA key (`keycloak.mjs`); the
 * emulator accepts only the tokens it issued.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { signJwt, verifyJwt, decodeJwtUnverified, claimsOf } from './keycloak.mjs';

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

/**
 * The message core signs. Core 5.2 (contract §1.2): `METHOD\nMD5\nCT\nDate\n<path><?query>`;
 * today's core (delta §1.1, since 0facf2d99): `METHOD\nMD5\nCT\nDate`, nothing after the date.
 * @param {{method:string, contentMD5?:string, contentType?:string, date:string, path?:string, query?:string,
 *   core?:'5.2'|'2026'}} m
 * @returns {string}
 */
export function signatureMessage({ method, contentMD5 = '', contentType = '', date, path = '', query = '', core = '5.2' }) {
  const head = `${method}\n${contentMD5}\n${contentType}\n${date}`;
  return core === '2026' ? head : `${head}\n${path}${query ? `?${query}` : ''}`;
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
  /**
   * @param {import('./store.mjs').Store} store
   * @param {{core?:'5.2'|'2026', issuer?:() => string}} [opts] the emulated generation (signature form)
   *   and the token issuer (`<url>/iam/realms/cytomine`)
   */
  constructor(store, { core = '5.2', issuer = () => 'http://127.0.0.1/iam/realms/cytomine' } = {}) {
    this.store = store;
    this.core = core;
    this.issuer = issuer;
    /** JSESSIONID -> user id */
    this.sessions = new Map();
  }

  /**
   * Issue an access token (RS256 JWT, Keycloak claims) for `username`.
   * @param {string} username
   * @param {{expiresInMs?: number, sid?: string}} [opts] default lifetime one hour
   */
  issueToken(username, { expiresInMs = 3600_000, sid } = {}) {
    const u = this.store.userByUsername(username);
    return signJwt({ ...claimsOf(u ?? { username, name: username, roles: [] }, this.issuer(), sid), typ: 'Bearer' }, expiresInMs);
  }

  /** Verify one of our access tokens (signature, expiry, type); returns the user record or null. */
  verifyToken(token) {
    const claims = verifyJwt(token);
    if (!claims || claims.typ !== 'Bearer') return null;
    return this.store.userByUsername(claims.preferred_username) ?? null;
  }

  /**
   * Core's token query parameter on thumb/download endpoints (delta §1.6: `Authorization` in 5.2,
   * `authorization` today): the JWT is decoded WITHOUT verification, only `preferred_username` is used.
   */
  userFromUnverifiedToken(param) {
    const claims = decodeJwtUnverified(String(param).replace(/^Bearer\s+/i, ''));
    return claims ? this.store.userByUsername(claims.preferred_username) ?? null : null;
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
    const base = { method: req.method, contentMD5: h['content-md5'] ?? '', date: h.date, path: rawPath, query: rawQuery, core: this.core };
    if (safeEqual(sign(user.privateKey, signatureMessage({ ...base, contentType: ct })), sig)) return user;
    if (safeEqual(sign(user.privateKey, signatureMessage({ ...base, contentType: '' })), sig)) return user;
    return null;
  }
}
