import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start } from '../../emulator/server.mjs';
import { api, cred, raw, sign } from './helpers.mjs';

let emu;
before(async () => { emu = await start({ dataset: 'demo' }); });
after(async () => { await emu.close(); });

const is401Html = (r) => {
  assert.equal(r.status, 401);
  assert.match(r.headers['content-type'], /text\/html/);
  assert.match(r.text, /<title>Cytomine error 401<\/title>/);
  assert.match(r.text, /Authorization required/);
  assert.match(r.text, /This page is not publicly available\. To access it, please login first or use a valid token\./);
};

test('public ping answers without auth', async () => {
  const r = await raw(emu, 'GET', '/server/ping.json');
  assert.equal(r.status, 200);
  assert.deepEqual(Object.keys(r.json).sort(), ['alive', 'serverID', 'serverURL', 'version']);
  assert.equal(r.json.alive, true);
  assert.equal(r.json.serverURL, emu.url);
  const p = await raw(emu, 'POST', '/server/ping.json', { body: '{"project":1}', headers: { 'Content-Type': 'application/json' } });
  assert.equal(p.status, 200);
});

test('valid API key signature (forced application/json for .json URLs) is accepted', async () => {
  const c = cred(emu, 'alice');
  const date = 'Mon, 01 Jan 2024 00:00:00 GMT'; // no freshness check
  const pq = '/api/user/current.json?max=10&offset=0';
  const r = await raw(emu, 'GET', pq, { headers: { Date: date, Authorization: `CYTOMINE ${c.publicKey}:${sign(c.privateKey, 'GET', 'application/json', date, pq)}` } });
  assert.equal(r.status, 200);
  assert.equal(r.json.username, 'alice');
  assert.equal(emu.requests.at(-1).auth, 'apikey');
  assert.equal(emu.requests.at(-1).user, 'alice');
});

test('signature computed with an empty content type is accepted (Java client fallback)', async () => {
  const c = cred(emu, 'bob');
  const date = new Date().toUTCString();
  const pq = '/api/user/current.json';
  const r = await raw(emu, 'GET', pq, { headers: { Date: date, Authorization: `CYTOMINE ${c.publicKey}:${sign(c.privateKey, 'GET', '', date, pq)}` } });
  assert.equal(r.status, 200);
  assert.equal(r.json.username, 'bob');
});

test('signature over the raw, still-encoded query string', async () => {
  const r = await api(emu, 'alice', 'GET', '/api/project.json?name%255Bilike%255D=P*&max=0');
  assert.equal(r.status, 200);
  assert.ok(r.json.collection.every((p) => p.name.startsWith('P')));
  // signing the decoded form must fail
  const c = cred(emu, 'alice');
  const date = new Date().toUTCString();
  const bad = await raw(emu, 'GET', '/api/project.json?name%255Bilike%255D=P*', { headers: { Date: date, Authorization: `CYTOMINE ${c.publicKey}:${sign(c.privateKey, 'GET', '', date, '/api/project.json?name[ilike]=P*')}` } });
  is401Html(bad);
});

test('wrong signature -> 401 HTML page', async () => {
  const c = cred(emu, 'alice');
  const r = await raw(emu, 'GET', '/api/project.json', { headers: { Date: new Date().toUTCString(), Authorization: `CYTOMINE ${c.publicKey}:AAAAAAAAAAAAAAAAAAAAAAAAAAA=` } });
  is401Html(r);
  // signed with another user's private key
  const other = cred(emu, 'bob');
  const date = new Date().toUTCString();
  const r2 = await raw(emu, 'GET', '/api/project.json', { headers: { Date: date, Authorization: `CYTOMINE ${c.publicKey}:${sign(other.privateKey, 'GET', '', date, '/api/project.json')}` } });
  is401Html(r2);
});

test('unknown public key -> 401 HTML page', async () => {
  const date = new Date().toUTCString();
  const r = await raw(emu, 'GET', '/api/project.json', { headers: { Date: date, Authorization: `CYTOMINE 00000000-0000-4000-8000-000000000000:${sign('x', 'GET', '', date, '/api/project.json')}` } });
  is401Html(r);
});

test('missing date header -> 401 even with a signature over an empty date', async () => {
  const c = cred(emu, 'alice');
  const r = await raw(emu, 'GET', '/api/project.json', { headers: { Authorization: `CYTOMINE ${c.publicKey}:${sign(c.privateKey, 'GET', '', '', '/api/project.json')}` } });
  is401Html(r);
  // dateFull alone is not enough outside gateway mode (core reads only `date`)
  const d = new Date().toUTCString();
  const r2 = await raw(emu, 'GET', '/api/project.json', { headers: { dateFull: d, Authorization: `CYTOMINE ${c.publicKey}:${sign(c.privateKey, 'GET', '', d, '/api/project.json')}` } });
  is401Html(r2);
});

test('the signed method and content type matter', async () => {
  const c = cred(emu, 'alice');
  const date = new Date().toUTCString();
  const pq = '/api/project.json';
  const body = JSON.stringify({ name: 'Signed-by-GET' });
  const r = await raw(emu, 'POST', pq, { body, headers: { Date: date, 'Content-Type': 'application/json', Authorization: `CYTOMINE ${c.publicKey}:${sign(c.privateKey, 'GET', 'application/json', date, pq)}` } });
  is401Html(r);
  const ok = await raw(emu, 'POST', pq, { body, headers: { Date: date, 'Content-Type': 'application/json;charset=utf-8', Authorization: `CYTOMINE ${c.publicKey}:${sign(c.privateKey, 'POST', 'application/json;charset=utf-8', date, pq)}` } });
  assert.equal(ok.status, 200);
  assert.equal(ok.json.project.name, 'Signed-by-GET');
});

test('no credentials at all -> 401 HTML on /api and on /session/admin', async () => {
  is401Html(await raw(emu, 'GET', '/api/project.json'));
  is401Html(await raw(emu, 'GET', '/api/does/not/exist.json'));
  is401Html(await raw(emu, 'GET', '/session/admin/info.json'));
});

test('bearer token: valid, expired, forged', async () => {
  const good = await raw(emu, 'GET', '/api/user/current.json', { headers: { Authorization: `Bearer ${cred(emu, 'carol').token}` } });
  assert.equal(good.status, 200);
  assert.equal(good.json.username, 'carol');
  assert.equal(emu.requests.at(-1).auth, 'bearer');
  const expired = emu.issueToken('carol', { expiresInMs: -1000 });
  const r = await raw(emu, 'GET', '/api/user/current.json', { headers: { Authorization: `Bearer ${expired}` } });
  assert.equal(r.status, 401);
  assert.match(r.headers['www-authenticate'], /^Bearer error="invalid_token"/);
  assert.equal(r.body.length, 0);
  const t = cred(emu, 'carol').token.split('.');
  const forgedPayload = Buffer.from(JSON.stringify({ preferred_username: 'admin', exp: 4102444800 })).toString('base64url');
  const r2 = await raw(emu, 'GET', '/api/user/current.json', { headers: { Authorization: `Bearer ${t[0]}.${forgedPayload}.${t[2]}` } });
  assert.equal(r2.status, 401);
  assert.match(r2.headers['www-authenticate'], /invalid_token/);
});

test('POST /emulator/token issues working tokens', async () => {
  const r = await raw(emu, 'POST', '/emulator/token', { body: { username: 'bob', expiresInMs: 60000 }, headers: { 'Content-Type': 'application/json' } });
  assert.equal(r.status, 200);
  const me = await raw(emu, 'GET', '/api/user/current.json', { headers: { Authorization: `Bearer ${r.json.token}` } });
  assert.equal(me.json.username, 'bob');
  const unknown = await raw(emu, 'POST', '/emulator/token', { body: { username: 'nobody' }, headers: { 'Content-Type': 'application/json' } });
  assert.equal(unknown.status, 404);
});

test('cookie login via /emulator/login', async () => {
  const r = await raw(emu, 'POST', '/emulator/login', { body: { username: 'alice' }, headers: { 'Content-Type': 'application/json' } });
  assert.equal(r.status, 200);
  const setCookie = r.headers['set-cookie'][0];
  assert.match(setCookie, /^JSESSIONID=[0-9a-f]+; Path=\/; HttpOnly/);
  const cookie = setCookie.split(';')[0];
  const me = await raw(emu, 'GET', '/api/user/current.json', { headers: { Cookie: cookie } });
  assert.equal(me.status, 200);
  assert.equal(me.json.username, 'alice');
  assert.equal(emu.requests.at(-1).auth, 'cookie');
  const bad = await raw(emu, 'GET', '/api/user/current.json', { headers: { Cookie: 'JSESSIONID=deadbeef' } });
  assert.equal(bad.status, 401);
});

test('?Authorization=Bearer on thumbnails (core quirk §1.6)', async () => {
  const ii = [...emu.state.t.imageinstance.values()][0];
  const r = await raw(emu, 'GET', `/api/imageinstance/${ii.id}/thumb.png?maxSize=64&Authorization=${encodeURIComponent(`Bearer ${cred(emu, 'alice').token}`)}`);
  assert.equal(r.status, 200);
  assert.equal(r.headers['content-type'], 'image/png');
  assert.deepEqual([...r.body.subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47]);
  const none = await raw(emu, 'GET', `/api/imageinstance/${ii.id}/thumb.png?maxSize=64`);
  assert.equal(none.status, 401);
});

test('the request log never stores secrets', async () => {
  await api(emu, 'alice', 'GET', '/api/user/current.json');
  const text = JSON.stringify(emu.requests);
  for (const c of emu.credentials) {
    assert.ok(!text.includes(c.privateKey));
    assert.ok(!text.includes(c.token));
  }
  assert.equal(emu.requests.at(-1).headers['authorization-present'], true);
});

test('signature.json, session admin and keys endpoints', async () => {
  const r = await api(emu, 'alice', 'GET', '/api/signature.json?method=GET&forwardURI=/api/project.json&date=D');
  const c = cred(emu, 'alice');
  assert.equal(r.json.signature, sign(c.privateKey, 'GET', '', 'D', '/api/project.json'));
  assert.equal(r.json.publicKey, c.publicKey);
  const info = await api(emu, 'alice', 'GET', '/session/admin/info.json');
  assert.deepEqual(info.json, { admin: false, user: true, guest: true, adminByNow: false, userByNow: true, guestByNow: true });
  const refused = await api(emu, 'alice', 'GET', '/session/admin/open.json');
  assert.equal(refused.status, 403);
  assert.equal(refused.json.errors.message, 'You are not an admin!');
  const open = await api(emu, 'admin', 'GET', '/session/admin/open.json');
  assert.equal(open.json.adminByNow, true);
  const close = await api(emu, 'admin', 'GET', '/session/admin/close.json');
  assert.equal(close.json.adminByNow, false);
  const keys = await api(emu, 'bob', 'GET', `/api/userkey/${cred(emu, 'bob').publicKey}/keys.json`);
  assert.deepEqual(keys.json, { privateKey: cred(emu, 'bob').privateKey, publicKey: cred(emu, 'bob').publicKey });
  const other = await api(emu, 'bob', 'GET', `/api/userkey/${cred(emu, 'alice').publicKey}/keys.json`);
  assert.equal(other.status, 403);
  assert.equal(other.json.errors.message, 'You must be the same user!');
  const cur = await api(emu, 'bob', 'GET', '/api/user/current/keys');
  assert.deepEqual(cur.json, { primaryKey: cred(emu, 'bob').publicKey, secondaryKey: cred(emu, 'bob').privateKey });
});
