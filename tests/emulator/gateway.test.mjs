import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { start } from '../../emulator/server.mjs';
import { cred, raw, sign } from './helpers.mjs';

let emu;
let upstream;
let proxyEmu;
let dir;
before(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'emu-gw-'));
  mkdirSync(path.join(dir, 'www', 'sub'), { recursive: true });
  mkdirSync(path.join(dir, 'repo', 'js'), { recursive: true });
  mkdirSync(path.join(dir, 'repo', 'pkg'), { recursive: true });
  writeFileSync(path.join(dir, 'www', 'index.html'), '<!doctype html><title>demo</title>');
  writeFileSync(path.join(dir, 'www', 'sub', 'app.js'), 'export const x = 1;');
  writeFileSync(path.join(dir, 'repo', 'js', 'index.js'), 'export default 42;');
  writeFileSync(path.join(dir, 'repo', 'pkg', 'lib_bg.wasm'), Buffer.from([0, 97, 115, 109, 1, 0, 0, 0]));
  writeFileSync(path.join(dir, 'secret.txt'), 'TOP SECRET');
  emu = await start({ dataset: 'demo', gateway: true, wwwDir: path.join(dir, 'www'), packageDir: path.join(dir, 'repo') });
  upstream = await start({ dataset: 'demo' });
  proxyEmu = await start({ dataset: 'empty', gateway: true, wwwDir: path.join(dir, 'www'), upstream: upstream.url });
});
after(async () => {
  await emu.close();
  await upstream.close();
  await proxyEmu.close();
});

test('serves www/ at / and the package under /package/js and /package/pkg', async () => {
  const r = await raw(emu, 'GET', '/');
  assert.equal(r.status, 200);
  assert.match(r.headers['content-type'], /text\/html/);
  assert.equal(r.text, '<!doctype html><title>demo</title>');
  const js = await raw(emu, 'GET', '/sub/app.js');
  assert.match(js.headers['content-type'], /javascript/);
  const pj = await raw(emu, 'GET', '/package/js/index.js');
  assert.equal(pj.text, 'export default 42;');
  const wasm = await raw(emu, 'GET', '/package/pkg/lib_bg.wasm');
  assert.equal(wasm.headers['content-type'], 'application/wasm');
  assert.equal(wasm.body.length, 8);
  assert.equal((await raw(emu, 'GET', '/missing.html')).status, 404);
});

test('refuses path traversal', async () => {
  for (const p of ['/../secret.txt', '/%2e%2e/secret.txt', '/sub/..%2f..%2fsecret.txt', '/package/js/..%2f..%2f..%2fsecret.txt', '/package/pkg/%2e%2e/%2e%2e/secret.txt', '/..%5c..%5csecret.txt']) {
    const r = await raw(emu, 'GET', p);
    assert.notEqual(r.status, 200, p);
    assert.ok(!r.text.includes('TOP SECRET'), p);
  }
});

test('copies dateFull into date in gateway mode (browsers cannot set Date)', async () => {
  const c = cred(emu, 'alice');
  const d = new Date().toUTCString();
  const pq = '/api/user/current.json';
  const r = await raw(emu, 'GET', pq, { headers: { dateFull: d, Authorization: `CYTOMINE ${c.publicKey}:${sign(c.privateKey, 'GET', '', d, pq)}` } });
  assert.equal(r.status, 200);
  assert.equal(r.json.username, 'alice');
  const entry = emu.requests.at(-1);
  assert.equal(entry.dateCopiedFromDateFull, true);
  assert.equal(entry.headers.datefull, d);
  assert.equal(entry.headers.date, null);
  // an explicit Date wins and nothing is copied
  const r2 = await raw(emu, 'GET', pq, { headers: { Date: d, dateFull: 'ignored', Authorization: `CYTOMINE ${c.publicKey}:${sign(c.privateKey, 'GET', '', d, pq)}` } });
  assert.equal(r2.status, 200);
  assert.equal(emu.requests.at(-1).dateCopiedFromDateFull, false);
});

test('CORS: preflight and actual responses', async () => {
  const pre = await raw(emu, 'OPTIONS', '/api/project.json', { headers: { Origin: 'http://example.test:5173', 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'authorization,datefull' } });
  assert.equal(pre.status, 204);
  assert.equal(pre.headers['access-control-allow-origin'], 'http://example.test:5173');
  assert.equal(pre.headers['access-control-allow-credentials'], 'true');
  assert.equal(pre.headers['access-control-allow-headers'], 'Authorization, Content-Type, dateFull, Content-MD5');
  for (const m of ['GET', 'POST', 'PUT', 'DELETE', 'HEAD']) assert.match(pre.headers['access-control-allow-methods'], new RegExp(m));
  const r = await raw(emu, 'GET', '/api/project.json', { headers: { Origin: 'http://example.test:5173' } });
  assert.equal(r.status, 401);
  assert.equal(r.headers['access-control-allow-origin'], 'http://example.test:5173');
  assert.equal(r.headers.vary, 'Origin');
  assert.match(r.headers['access-control-expose-headers'], /Retry-After/);
  const noOrigin = await raw(emu, 'GET', '/server/ping.json');
  assert.equal(noOrigin.headers['access-control-allow-origin'], undefined);
});

test('--upstream forwards /api, /server and /session with dateFull copied to date', async () => {
  const c = cred(upstream, 'bob');
  const d = new Date().toUTCString();
  const pq = '/api/user/current.json?x=1';
  const r = await raw(proxyEmu, 'GET', pq, { headers: { dateFull: d, Authorization: `CYTOMINE ${c.publicKey}:${sign(c.privateKey, 'GET', '', d, pq)}` } });
  assert.equal(r.status, 200);
  assert.equal(r.json.username, 'bob');
  const seen = upstream.requests.at(-1);
  assert.equal(seen.path, '/api/user/current.json');
  assert.equal(seen.query, 'x=1');
  assert.equal(seen.headers.date, d);
  const ping = await raw(proxyEmu, 'GET', '/server/ping.json');
  assert.equal(ping.json.serverURL, upstream.url);
  const page = await raw(proxyEmu, 'GET', '/');
  assert.equal(page.status, 200);
  assert.match(page.text, /demo/);
});
