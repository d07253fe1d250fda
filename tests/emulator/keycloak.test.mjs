/**
 * The emulated Keycloak token endpoint (delta §1.4), on both generations: password and refresh
 * grants of the public client `core`, Keycloak's answers and errors, RS256 tokens with the claims
 * core reads (verified here with the published JWKS), accepted as bearer tokens until they expire.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createPublicKey, verify } from 'node:crypto';
import { start } from '../../emulator/server.mjs';
import { raw } from './helpers.mjs';

const TOKEN_PATH = '/iam/realms/cytomine/protocol/openid-connect/token';
let e52;
let e26;
before(async () => {
  e52 = await start({ dataset: 'empty' });
  e26 = await start({ dataset: 'empty', core: '2026', tokenLifetimeS: 1 });
});
after(async () => {
  await e52.close();
  await e26.close();
});

const form = (emu, fields) => raw(emu, 'POST', TOKEN_PATH, {
  headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString(),
});
const password = (emu, username, pw = `${username}-password`) => form(emu, { grant_type: 'password', client_id: 'core', username, password: pw });
const claims = (jwt) => JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString('utf8'));
const bearer = (emu, token, p = '/api/user/current.json') => raw(emu, 'GET', p, { headers: { Authorization: `Bearer ${token}` } });

test('password grant answers like Keycloak with an RS256 token carrying the claims core reads', async () => {
  for (const emu of [e52, e26]) {
    const r = await password(emu, 'admin');
    assert.equal(r.status, 200);
    assert.equal(r.headers['cache-control'], 'no-store');
    assert.deepEqual(Object.keys(r.json).sort(), ['access_token', 'expires_in', 'not-before-policy', 'refresh_expires_in', 'refresh_token', 'scope', 'session_state', 'token_type']);
    assert.equal(r.json.token_type, 'Bearer');
    assert.equal(r.json.expires_in, emu === e26 ? 1 : 300);
    assert.equal(r.json.refresh_expires_in, 1800);
    const [h] = r.json.access_token.split('.');
    const header = JSON.parse(Buffer.from(h, 'base64url').toString('utf8'));
    assert.equal(header.alg, 'RS256');
    const c = claims(r.json.access_token);
    assert.equal(c.preferred_username, 'admin');
    assert.equal(c.name, 'Ada Admin');
    assert.equal(c.given_name, 'Ada');
    assert.equal(c.family_name, 'Admin');
    assert.equal(c.email, 'admin@cytomine.test');
    assert.match(c.sub, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.deepEqual(c.resource_access, { core: { roles: ['ADMIN', 'USER'] } });
    assert.equal(c.iss, `${emu.url}/iam/realms/cytomine`);
    assert.equal(c.exp - c.iat, r.json.expires_in);
    // the signature verifies with the published key
    const certs = await raw(emu, 'GET', '/iam/realms/cytomine/protocol/openid-connect/certs');
    const jwk = certs.json.keys.find((k) => k.kid === header.kid);
    const [hh, pp, ss] = r.json.access_token.split('.');
    assert.ok(verify('sha256', Buffer.from(`${hh}.${pp}`), createPublicKey({ key: { kty: 'RSA', n: jwk.n, e: jwk.e }, format: 'jwk' }), Buffer.from(ss, 'base64url')));
    // accepted as a bearer token
    const me = await bearer(emu, r.json.access_token);
    assert.equal(me.status, 200);
    assert.equal(me.json.username, 'admin');
  }
  assert.deepEqual(claims((await password(e52, 'guest')).json.access_token).resource_access.core.roles, ['GUEST']);
});

test('errors as Keycloak: invalid_grant, invalid_client, unsupported_grant_type', async () => {
  const bad = await password(e26, 'alice', 'nope');
  assert.equal(bad.status, 401);
  assert.deepEqual(bad.json, { error: 'invalid_grant', error_description: 'Invalid user credentials' });
  assert.equal((await password(e26, 'nobody')).status, 401);
  const client = await form(e26, { grant_type: 'password', client_id: 'web', username: 'alice', password: 'alice-password' });
  assert.deepEqual([client.status, client.json.error], [401, 'invalid_client']);
  const grant = await form(e26, { grant_type: 'client_credentials', client_id: 'core' });
  assert.deepEqual([grant.status, grant.json.error], [400, 'unsupported_grant_type']);
  const missing = await form(e26, { client_id: 'core' });
  assert.deepEqual([missing.status, missing.json.error], [400, 'invalid_request']);
  const junk = await form(e26, { grant_type: 'refresh_token', client_id: 'core', refresh_token: 'x.y.z' });
  assert.deepEqual([junk.status, junk.json.error], [400, 'invalid_grant']);
});

test('short access lifetime: the token expires, the refresh grant gives a new one', async () => {
  const r = await password(e26, 'bob');
  assert.equal((await bearer(e26, r.json.access_token)).status, 200);
  // a refresh token is not a bearer token; a tampered token is refused
  assert.equal((await bearer(e26, r.json.refresh_token)).status, 401);
  const t = r.json.access_token;
  const tampered = `${t.split('.')[0]}.${Buffer.from(JSON.stringify({ ...claims(t), preferred_username: 'admin' })).toString('base64url')}.${t.split('.')[2]}`;
  assert.equal((await bearer(e26, tampered)).status, 401);
  await new Promise((res) => setTimeout(res, 2100));
  const expired = await bearer(e26, r.json.access_token);
  assert.equal(expired.status, 401);
  assert.match(expired.headers['www-authenticate'], /invalid_token/);
  const refreshed = await form(e26, { grant_type: 'refresh_token', client_id: 'core', refresh_token: r.json.refresh_token });
  assert.equal(refreshed.status, 200);
  assert.equal(claims(refreshed.json.access_token).sid, claims(r.json.access_token).sid, 'same session');
  const me = await bearer(e26, refreshed.json.access_token);
  assert.deepEqual([me.status, me.json.username], [200, 'bob']);
});

test('emu.issueToken keeps working and gives the same kind of token', async () => {
  const t = e52.issueToken('carol', { expiresInMs: 60_000 });
  assert.equal(claims(t).preferred_username, 'carol');
  assert.equal((await bearer(e52, t)).json.username, 'carol');
  assert.equal((await bearer(e52, e52.issueToken('carol', { expiresInMs: -1000 }))).status, 401);
});
