/**
 * The emulated Keycloak (delta §1.4): RS256 JWTs with the claims core reads, signed with one RSA
 * key per process, and the token endpoint of realm `cytomine` for the public client `core`
 * (`grant_type=password` and `grant_type=refresh_token`), answering like Keycloak.
 */
import { createHash, generateKeyPairSync, randomUUID, sign, verify } from 'node:crypto';
import { reply } from './router.mjs';

/** Realm path prefix, as Keycloak serves it under `KC_HTTP_RELATIVE_PATH=/iam`. */
export const REALM_PATH = '/iam/realms/cytomine';
/** Access-token lifetime of the development realm (`accessTokenLifespan`). */
export const DEFAULT_ACCESS_LIFETIME_S = 300;
/** Refresh-token lifetime (`ssoSessionIdleTimeout` of the development realm). */
export const REFRESH_LIFETIME_S = 1800;
/** The only client accepted by the token endpoint (public, direct-access grants enabled). */
export const CLIENT_ID = 'core';

let keyPair = null;
const KID = randomUUID();

/** The per-process RSA key pair (generated on first use). */
function keys() {
  keyPair ??= generateKeyPairSync('rsa', { modulusLength: 2048 });
  return keyPair;
}

const b64url = (x) => Buffer.from(typeof x === 'string' ? x : JSON.stringify(x)).toString('base64url');

/**
 * Sign `claims` as an RS256 JWT living `lifetimeMs` from now (`iat`, `exp`, `jti` added).
 * `exp` = `iat` + the lifetime rounded up to the second (a negative lifetime gives an expired token).
 */
export function signJwt(claims, lifetimeMs) {
  const iat = Math.floor(Date.now() / 1000);
  const body = { exp: iat + Math.ceil(lifetimeMs / 1000), iat, jti: randomUUID(), ...claims };
  const input = `${b64url({ alg: 'RS256', typ: 'JWT', kid: KID })}.${b64url(body)}`;
  return `${input}.${sign('sha256', Buffer.from(input), keys().privateKey).toString('base64url')}`;
}

/** Claims of a JWT without checking anything (null if it does not parse). */
export function decodeJwtUnverified(token) {
  const parts = String(token).split('.');
  if (parts.length < 2) return null;
  try {
    const c = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
    return c && typeof c === 'object' ? c : null;
  } catch {
    return null;
  }
}

/** Claims of one of our JWTs if its RS256 signature holds and it has not expired, else null. */
export function verifyJwt(token) {
  const parts = String(token).split('.');
  if (parts.length !== 3) return null;
  let header;
  try {
    header = JSON.parse(Buffer.from(parts[0], 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (header?.alg !== 'RS256') return null;
  const ok = verify('sha256', Buffer.from(`${parts[0]}.${parts[1]}`), keys().publicKey, Buffer.from(parts[2], 'base64url'));
  if (!ok) return null;
  const claims = decodeJwtUnverified(token);
  if (!claims || !(Number(claims.exp) * 1000 > Date.now())) return null;
  return claims;
}

/** Keycloak's `sub` of a user: a stable UUID derived from the username (core's `sec_user.reference`). */
export function subjectOf(username) {
  const h = createHash('sha1').update(`cytomine-emulator:${username}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Client roles of `core` for a user's core roles (ADMIN, USER, GUEST). */
const coreRoles = (roles) => ['ADMIN', 'USER', 'GUEST'].filter((r) => roles.includes(`ROLE_${r}`) || (r === 'ADMIN' && roles.includes('ROLE_SUPER_ADMIN')));

/** The identity claims core reads (delta §1.4) for a user record. */
export function claimsOf(u, issuer, sid = randomUUID()) {
  return {
    iss: issuer, aud: 'account', sub: subjectOf(u.username), azp: CLIENT_ID, sid, scope: 'openid profile email',
    preferred_username: u.username, name: u.name, given_name: u.firstname ?? u.name, family_name: u.lastname ?? '',
    email: u.email ?? null, email_verified: true, resource_access: { [CLIENT_ID]: { roles: coreRoles(u.roles ?? []) } },
  };
}

/** The public key as a JWKS (what core would fetch from `.../protocol/openid-connect/certs`). */
export function jwks() {
  const jwk = keys().publicKey.export({ format: 'jwk' });
  return { keys: [{ kid: KID, kty: 'RSA', alg: 'RS256', use: 'sig', n: jwk.n, e: jwk.e }] };
}

const oauthError = (status, error, description) =>
  reply(status, { error, error_description: description }, { headers: { 'Cache-Control': 'no-store', Pragma: 'no-cache' } });

/**
 * Registers the realm's token and certs endpoints.
 * @param {import('./router.mjs').Router} r
 */
export function register(r) {
  r.add('GET', `${REALM_PATH}/protocol/openid-connect/certs`, () => jwks(), { auth: 'none' });
  r.add('POST', `${REALM_PATH}/protocol/openid-connect/token`, (ctx) => {
    const ct = String(ctx.req.headers['content-type'] ?? '');
    if (!ct.toLowerCase().startsWith('application/x-www-form-urlencoded')) {
      return oauthError(400, 'invalid_request', 'Content-Type must be application/x-www-form-urlencoded');
    }
    const form = new URLSearchParams(ctx.bodyBuf.toString('utf8'));
    const grant = form.get('grant_type');
    if (!grant) return oauthError(400, 'invalid_request', 'Missing form parameter: grant_type');
    if (form.get('client_id') !== CLIENT_ID) return oauthError(401, 'invalid_client', 'Invalid client or Invalid client credentials');
    const kc = ctx.env.keycloak;
    if (grant === 'password') {
      const u = ctx.store.userByUsername(form.get('username') ?? '');
      if (!u || u.enabled === false || !u.password || u.password !== form.get('password')) {
        return oauthError(401, 'invalid_grant', 'Invalid user credentials');
      }
      return tokenResponse(ctx, u, randomUUID(), kc);
    }
    if (grant === 'refresh_token') {
      const raw = form.get('refresh_token');
      if (!raw) return oauthError(400, 'invalid_request', 'Missing parameter: refresh_token');
      const claims = verifyJwt(raw);
      if (!claims) {
        const any = decodeJwtUnverified(raw);
        return oauthError(400, 'invalid_grant', any?.typ === 'Refresh' ? 'Token is not active' : 'Invalid refresh token');
      }
      if (claims.typ !== 'Refresh') return oauthError(400, 'invalid_grant', 'Invalid refresh token');
      const u = ctx.store.userByUsername(claims.preferred_username);
      if (!u || u.enabled === false) return oauthError(400, 'invalid_grant', 'Invalid refresh token');
      return tokenResponse(ctx, u, claims.sid, kc);
    }
    return oauthError(400, 'unsupported_grant_type', 'Unsupported grant_type');
  }, { auth: 'none' });
}

function tokenResponse(ctx, u, sid, kc) {
  const issuer = kc.issuer();
  const base = claimsOf(u, issuer, sid);
  const access = signJwt({ ...base, typ: 'Bearer' }, kc.accessLifetimeS * 1000);
  const refresh = signJwt({ iss: issuer, aud: issuer, sub: base.sub, azp: CLIENT_ID, sid, scope: base.scope, typ: 'Refresh', preferred_username: u.username }, REFRESH_LIFETIME_S * 1000);
  return reply(200, {
    access_token: access, expires_in: kc.accessLifetimeS, refresh_expires_in: REFRESH_LIFETIME_S, refresh_token: refresh,
    token_type: 'Bearer', 'not-before-policy': 0, session_state: sid, scope: base.scope,
  }, { headers: { 'Cache-Control': 'no-store', Pragma: 'no-cache' } });
}
