import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { start } from '../../emulator/server.mjs';
import { cred, raw, sign } from './helpers.mjs';
import { parseArgs } from '../../emulator/cli.mjs';

let emu;
let upstream;
let proxyEmu;
let allowing;
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
  allowing = await start({ dataset: 'demo', gateway: true, wwwDir: path.join(dir, 'www'), allowOrigins: ['http://example.test:5173/'] });
});
after(async () => {
  await emu.close();
  await upstream.close();
  await proxyEmu.close();
  await allowing.close();
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

test('CORS: an allow-list (default: its own origin only), Vary: Origin, no credentials', async () => {
  const other = 'http://example.test:5173';
  const ask = (server, origin) => raw(server, 'OPTIONS', '/api/project.json', { headers: { Origin: origin, 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'authorization,datefull' } });
  // Default gateway: another origin gets no CORS header at all, preflight or not.
  const refused = await ask(emu, other);
  assert.equal(refused.status, 204);
  assert.equal(refused.headers['access-control-allow-origin'], undefined);
  assert.equal(refused.headers['access-control-allow-methods'], undefined);
  assert.equal(refused.headers.vary, 'Origin');
  const get = await raw(emu, 'GET', '/api/project.json', { headers: { Origin: other } });
  assert.equal(get.headers['access-control-allow-origin'], undefined);
  assert.equal(get.headers['access-control-allow-credentials'], undefined);
  assert.equal((await raw(emu, 'GET', '/api/project.json', { headers: { Origin: 'null' } })).headers['access-control-allow-origin'], undefined);
  // Its own origin (a same-origin POST carries Origin too).
  const own = await raw(emu, 'GET', '/api/project.json', { headers: { Origin: emu.url } });
  assert.equal(own.headers['access-control-allow-origin'], emu.url);
  // An allowed origin: echoed, with Vary, never with credentials.
  const pre = await ask(allowing, other);
  assert.equal(pre.status, 204);
  assert.equal(pre.headers['access-control-allow-origin'], other);
  assert.equal(pre.headers['access-control-allow-credentials'], undefined);
  assert.equal(pre.headers['access-control-allow-headers'], 'Authorization, Content-Type, dateFull, Content-MD5');
  for (const m of ['GET', 'POST', 'PUT', 'DELETE', 'HEAD']) assert.match(pre.headers['access-control-allow-methods'], new RegExp(m));
  const r = await raw(allowing, 'GET', '/api/project.json', { headers: { Origin: other } });
  assert.equal(r.status, 401);
  assert.equal(r.headers['access-control-allow-origin'], other);
  assert.equal(r.headers['access-control-allow-credentials'], undefined);
  assert.equal(r.headers.vary, 'Origin');
  assert.match(r.headers['access-control-expose-headers'], /Retry-After/);
  assert.equal((await raw(allowing, 'GET', '/api/project.json', { headers: { Origin: 'http://example.test:5174' } })).headers['access-control-allow-origin'], undefined);
  const noOrigin = await raw(emu, 'GET', '/server/ping.json');
  assert.equal(noOrigin.headers['access-control-allow-origin'], undefined);
});

test('--allow-origin is repeatable and checked', () => {
  assert.deepEqual(parseArgs(['--allow-origin', 'http://a.test:1', '--allow-origin=https://b.test']).allowOrigins, ['http://a.test:1', 'https://b.test']);
  for (const bad of ['null', 'file:///x', 'not a url']) assert.throws(() => parseArgs(['--allow-origin', bad]), /origin|Invalid URL/, bad);
});

test('the plain emulator answers any origin, as today\'s core does', async () => {
  const r = await raw(upstream, 'GET', '/api/project.json', { headers: { Origin: 'http://example.test:5173' } });
  assert.equal(r.headers['access-control-allow-origin'], 'http://example.test:5173');
  assert.equal(r.headers['access-control-allow-credentials'], 'true');
});

test('Host must name the server: DNS rebinding is refused (421)', async () => {
  for (const host of ['evil.example', 'evil.example:80', `attacker.test:${emu.port}`, '127.0.0.1.evil.example']) {
    const r = await raw(emu, 'GET', '/server/ping.json', { headers: { Host: host } });
    assert.equal(r.status, 421, host);
  }
  for (const host of [`127.0.0.1:${emu.port}`, `localhost:${emu.port}`, 'LOCALHOST', `[::1]:${emu.port}`]) {
    assert.equal((await raw(emu, 'GET', '/server/ping.json', { headers: { Host: host } })).status, 200, host);
  }
  const named = await start({ dataset: 'empty', serverURL: 'http://cytomine.lan:8080' });
  try {
    assert.equal((await raw(named, 'GET', '/server/ping.json', { headers: { Host: 'cytomine.lan:8080' } })).status, 200);
    assert.equal((await raw(named, 'GET', '/server/ping.json', { headers: { Host: 'other.lan' } })).status, 421);
  } finally {
    await named.close();
  }
});

test('credentials and emulator endpoints are never given to another origin', async () => {
  writeFileSync(path.join(dir, 'www', 'demo-credentials.json'), '[{"username":"alice","privateKey":"k"}]');
  const same = await raw(emu, 'GET', '/demo-credentials.json', { headers: { 'Sec-Fetch-Site': 'same-origin' } });
  assert.equal(same.status, 200);
  assert.equal(same.json[0].username, 'alice');
  const attempts = [
    ['GET', '/demo-credentials.json', { Origin: 'http://evil.test' }],
    ['GET', '/demo-credentials.json', { 'Sec-Fetch-Site': 'cross-site' }],
    ['GET', '/demo-credentials%2Ejson', { 'Sec-Fetch-Site': 'same-site' }],
    ['POST', '/emulator/token', { Origin: 'http://evil.test', 'Content-Type': 'text/plain' }],
    ['POST', '/emulator/%74oken', { 'Sec-Fetch-Site': 'cross-site', 'Content-Type': 'text/plain' }],
    ['POST', '/emulator/login', { Origin: 'null' }],
  ];
  for (const server of [emu, allowing, upstream]) {
    for (const [method, p, headers] of attempts) {
      const r = await raw(server, method, p, { headers, body: method === 'POST' ? '{"username":"admin"}' : undefined });
      assert.equal(r.status, 403, `${method} ${p} ${JSON.stringify(headers)}`);
      assert.equal(r.headers['access-control-allow-origin'], undefined);
      assert.ok(!r.text.includes('privateKey') && !r.text.includes('token'), r.text);
    }
  }
  // Its own pages may still use them.
  const own = await raw(emu, 'POST', '/emulator/token', { headers: { Origin: emu.url, 'Content-Type': 'application/json' }, body: { username: 'bob' } });
  assert.equal(own.status, 200);
  assert.match(own.json.token, /^ey/);
});

test('--upstream: the demo\'s keys are never served, whatever is on disk', async () => {
  writeFileSync(path.join(dir, 'www', 'demo-credentials.json'), '[{"username":"alice","privateKey":"k"}]');
  for (const p of ['/demo-credentials.json', '/demo-credentials%2Ejson', '/sub/../demo-credentials.json']) {
    const r = await raw(proxyEmu, 'GET', p);
    assert.notEqual(r.status, 200, p);
    assert.ok(!r.text.includes('privateKey'), p);
  }
});

test('npm start writes no credentials file with --upstream, in either spelling', async () => {
  const { emulatorArgs } = await import('../../scripts/start.mjs');
  const file = '/tmp/x/demo-credentials.json';
  assert.ok(emulatorArgs([], file).includes('--credentials-out'));
  for (const extra of [['--upstream', 'https://c.example'], ['--upstream=https://c.example']]) {
    const args = emulatorArgs(extra, file);
    assert.ok(!args.includes('--credentials-out'), extra.join(' '));
    assert.ok(!args.includes(file));
  }
  assert.deepEqual(emulatorArgs(['--port=9000'], file).filter((a) => a.startsWith('--port')), ['--port=9000']);
});

test('the request log redacts query tokens, whatever the spelling of their names', async () => {
  const token = upstream.issueToken('bob');
  for (const name of ['Authorization', 'authorization', 'Author%69zation', '%41uthorization', 'AUTHORIZATION', 'auth', '%61uth']) {
    await raw(upstream, 'GET', `/api/imageinstance/1/thumb.png?maxSize=64&${name}=Bearer%20${token}`);
    const entry = upstream.requests.at(-1);
    assert.equal(entry.query, `maxSize=64&${name}=[redacted]`, name);
    assert.ok(!JSON.stringify(upstream.requests).includes(token.split('.')[2]), name);
  }
  const { redactQuery } = await import('../../emulator/request-log.mjs');
  assert.equal(redactQuery('a=1&b=%zz&authorization'), 'a=1&b=%zz&authorization=[redacted]');
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

test('--upstream forwards every Cytomine path, and only the demo\'s files are served locally', async () => {
  for (const p of ['/status.json', '/iam/realms/cytomine/account', '/custom-ui/config.json', '/command/undo.json', '/session/admin/info.json', '/api', '/server/ping.json', '/ims/formats', '/cbir/x', '/sam/y']) {
    const before = upstream.requests.length;
    await raw(proxyEmu, 'GET', `${p}?probe=1`);
    const seen = upstream.requests.slice(before).map((e) => `${e.path}?${e.query}`);
    assert.deepEqual(seen, [`${p}?probe=1`], p);
  }
  // The upstream's own CORS headers (here: any origin, with credentials) never pass through.
  const direct = await raw(upstream, 'GET', '/server/ping.json', { headers: { Origin: 'http://evil.test' } });
  assert.equal(direct.headers['access-control-allow-credentials'], 'true');
  const forwarded = await raw(proxyEmu, 'GET', '/server/ping.json', { headers: { Origin: 'http://evil.test' } });
  assert.equal(forwarded.status, 200);
  assert.equal(forwarded.headers['access-control-allow-origin'], undefined);
  assert.equal(forwarded.headers['access-control-allow-credentials'], undefined);
  const before = upstream.requests.length;
  assert.equal((await raw(proxyEmu, 'GET', '/sub/app.js')).text, 'export const x = 1;');
  assert.equal(upstream.requests.length, before, 'a demo file went upstream');
});

test('--upstream normalises dot-segments and refuses paths that leave the API', async () => {
  const c = cred(upstream, 'bob');
  const d = new Date().toUTCString();
  // Inside the API: forwarded normalised (the signature covers the path the client sent).
  const before = upstream.requests.length;
  await raw(proxyEmu, 'GET', '/api/project/../user/current.json', { headers: { Date: d, Authorization: `CYTOMINE ${c.publicKey}:x` } });
  assert.deepEqual(upstream.requests.slice(before).map((e) => e.path), ['/api/user/current.json']);
  for (const p of ['/api/../../etc/passwd', '/server/../actuator/env', '/api/%2e%2e/actuator/env', '/api/.%2E/%2e%2e/etc/passwd', '/session/..%2f..%2factuator', '/api/..', '/iam/../../x', '/api/x%5c..%5c..%5cactuator']) {
    const n = upstream.requests.length;
    const r = await raw(proxyEmu, 'GET', p);
    assert.equal(r.status, 400, p);
    assert.equal(upstream.requests.length, n, `${p} reached the upstream`);
  }
  const { normalizePath } = await import('../../emulator/gateway.mjs');
  assert.equal(normalizePath('/api/a/./b/../c.json'), '/api/a/c.json');
  assert.equal(normalizePath('/api/a/%2E%2e/b'), '/api/b');
  assert.equal(normalizePath('/../x'), null);
  assert.equal(normalizePath('/a%2fb'), null);
});

test('through the --upstream gateway: cytomine-client 3.1.0 sending only Date, and dateFull alone', async () => {
  const { loadJsClient } = await import('../support/js-client.mjs');
  const bob = cred(upstream, 'bob');
  const { User, cytomine } = await loadJsClient({ host: proxyEmu.url, ...bob });
  // Its signing helper sends dateFull too: dropped after signing (axios 0.21 runs request
  // interceptors last-registered first, so this one goes first in the list).
  cytomine.api.interceptors.request.handlers.unshift({ fulfilled: (config) => {
    delete config.headers.dateFull;
    return config;
  } });
  const from = upstream.requests.length;
  assert.equal((await User.fetchCurrent()).username, 'bob');
  const seen = upstream.requests.slice(from);
  assert.equal(seen.length, 1);
  assert.equal(seen[0].headers.datefull, null);
  assert.match(seen[0].headers.date, /GMT$/);
  assert.equal(seen[0].auth, 'apikey');
  assert.equal(proxyEmu.requests.at(-1).dateCopiedFromDateFull, false);
  // A browser's request: dateFull only, copied into Date on the way.
  const d = new Date().toUTCString();
  const pq = '/api/user/current.json';
  const r = await raw(proxyEmu, 'GET', pq, { headers: { dateFull: d, Authorization: `CYTOMINE ${bob.publicKey}:${sign(bob.privateKey, 'GET', '', d, pq)}` } });
  assert.equal(r.json.username, 'bob');
  assert.equal(upstream.requests.at(-1).headers.date, d);
  assert.equal(proxyEmu.requests.at(-1).dateCopiedFromDateFull, true);
});
