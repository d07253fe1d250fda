// The README's nginx block, exactly as printed (extracted from README.md here, so the two cannot
// drift), run in nginx (Debian's nginx-light, installed by scripts/setup.sh) in front of the
// emulator, which answers CORS for any origin with credentials as today's core does. Checked:
// - clients that send only `Date` (cytomine-client 3.1.0 in Node, a raw signed request) and this
//   package in Chromium (sends `dateFull`, Chromium drops `Date`) are all authenticated, and core
//   receives the date each one signed;
// - CORS only for the listed origin: one Access-Control-Allow-Origin (core's are hidden), Vary:
//   Origin, no Allow-Credentials; a page of another origin cannot read an answer.
// Without nginx the tests are skipped with a message saying so.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { start } from '../../emulator/server.mjs';
import { launchBrowser } from '../support/browser.mjs';
import { loadJsClient, signRequest } from '../support/js-client.mjs';

const ROOT = path.resolve(import.meta.dirname, '../..');
const NGINX = process.env.NGINX ?? ['/usr/sbin/nginx', '/usr/bin/nginx'].find((p) => existsSync(p));
const SKIP = NGINX ? false : 'nginx is not installed (scripts/setup.sh installs Debian\'s nginx-light): the README\'s nginx block was NOT tested';
if (SKIP) console.log(`# SKIPPED: ${SKIP}`);

/** The README's nginx block (the one with the origin allow-list). */
function readmeBlock() {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const blocks = [...readme.matchAll(/```nginx\n([\s\S]*?)```/g)].map((m) => m[1]).filter((b) => b.includes('map $http_origin'));
  assert.equal(blocks.length, 1, 'the README has one nginx block with the origin map');
  return blocks[0];
}

/** Replaces `from` (which must occur exactly once) by `to`. */
function once(text, from, to) {
  assert.equal(text.split(from).length, 2, `the README block must contain "${from}" once`);
  return text.replace(from, () => to);
}

const freePort = () => new Promise((resolve) => {
  const s = net.createServer().listen(0, '127.0.0.1', () => {
    const { port } = s.address();
    s.close(() => resolve(port));
  });
});

/** Runs `block` in nginx with the allowed origin and core's address filled in. */
async function runNginx(block, { allowed, core }) {
  const dir = mkdtempSync(path.join(tmpdir(), 'nginx-readme-'));
  chmodSync(dir, 0o755);
  const port = await freePort();
  let site = once(block, '"https://app.example.org"', JSON.stringify(allowed));
  site = once(site, 'proxy_pass http://core:8080;', `proxy_pass ${core};`);
  site = once(site, 'server {', `server {\n    listen 127.0.0.1:${port};`);
  const conf = `daemon off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 128; }
http {
    access_log off;
    client_body_temp_path ${dir}/body;
    proxy_temp_path ${dir}/proxy;
    fastcgi_temp_path ${dir}/fastcgi;
    uwsgi_temp_path ${dir}/uwsgi;
    scgi_temp_path ${dir}/scgi;
${site}
}
`;
  writeFileSync(path.join(dir, 'nginx.conf'), conf);
  const child = spawn(NGINX, ['-p', dir, '-c', path.join(dir, 'nginx.conf'), '-e', path.join(dir, 'error.log')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (c) => (stderr += c));
  const deadline = Date.now() + 10_000;
  for (;;) {
    const up = await new Promise((resolve) => {
      const s = net.connect(port, '127.0.0.1', () => s.end(() => resolve(true)));
      s.on('error', () => resolve(false));
    });
    if (up) break;
    if (child.exitCode !== null || Date.now() > deadline) {
      const log = existsSync(path.join(dir, 'error.log')) ? readFileSync(path.join(dir, 'error.log'), 'utf8') : '';
      throw new Error(`nginx did not start: ${stderr}${log}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () => new Promise((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => {
        rmSync(dir, { recursive: true, force: true });
        resolve();
      });
      child.kill('SIGTERM');
    }),
  };
}

/** A raw request through nginx. */
function request(base, method, pathAndQuery, headers = {}) {
  const u = new URL(base);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: u.hostname, port: u.port, method, path: pathAndQuery, headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, raw: res.rawHeaders, text: Buffer.concat(chunks).toString() }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Header values by name in a raw header list (every occurrence, to see doubles). */
const values = (raw, name) => {
  const out = [];
  for (let i = 0; i < raw.length; i += 2) if (raw[i].toLowerCase() === name) out.push(raw[i + 1]);
  return out;
};

let core; // the emulator as core (any origin, with credentials)
let pages; // serves the package: the allowed page origin (127.0.0.1) and another (localhost)
let nginx;
let browser;
let alice;

before(async () => {
  if (SKIP) return;
  core = await start({ dataset: 'demo' });
  pages = await start({ dataset: 'empty', gateway: true, wwwDir: path.join(ROOT, 'www'), packageDir: ROOT });
  alice = core.credentials.find((c) => c.username === 'alice');
  nginx = await runNginx(readmeBlock(), { allowed: pages.url, core: core.url });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await nginx?.stop();
  await core?.close();
  await pages?.close();
});

/** Signed raw GET of `pathAndQuery` with the date in `Date`, `dateFull` or both. */
function signed(base, pathAndQuery, { date = true, dateFull = false, origin } = {}) {
  const d = new Date().toUTCString();
  const headers = { Authorization: `CYTOMINE ${alice.publicKey}:${signRequest(alice.privateKey, { method: 'GET', date: d, pathAndQuery })}` };
  if (date) headers.Date = d;
  if (dateFull) headers.dateFull = d;
  if (origin) headers.Origin = origin;
  return { d, response: request(base, 'GET', pathAndQuery, headers) };
}

test('a client that sends only Date (cytomine-client 3.1.0 in Node) is authenticated through the block', { skip: SKIP }, async () => {
  const { User, ProjectCollection, cytomine } = await loadJsClient({ host: nginx.url, ...alice });
  // cytomine-client's signing helper sends dateFull too: drop it after signing (axios 0.21 runs
  // the request interceptors last-registered first, so this one goes first in the list).
  cytomine.api.interceptors.request.handlers.unshift({ fulfilled: (config) => {
    delete config.headers.dateFull;
    return config;
  } });
  const from = core.requests.length;
  const me = await User.fetchCurrent();
  assert.equal(me.username, 'alice');
  const projects = await ProjectCollection.fetchAll();
  assert.ok(projects.array.length > 0);
  const seen = core.requests.slice(from).filter((r) => r.path.startsWith('/api/'));
  assert.ok(seen.length >= 2);
  for (const r of seen) {
    assert.equal(r.headers.datefull, null, 'the client sent dateFull');
    assert.match(r.headers.date, /GMT$/);
    assert.equal(r.auth, 'apikey');
    assert.equal(r.user, 'alice');
  }
});

test('raw signed requests: Date only, dateFull only and both are authenticated with the date signed', { skip: SKIP }, async () => {
  for (const [name, how] of [['Date only', { date: true }], ['dateFull only', { date: false, dateFull: true }], ['both', { date: true, dateFull: true }]]) {
    const from = core.requests.length;
    const { d, response } = signed(nginx.url, '/api/user/current.json', how);
    const r = await response;
    assert.equal(r.status, 200, `${name}: ${r.text.slice(0, 200)}`);
    assert.equal(JSON.parse(r.text).username, 'alice');
    const seen = core.requests.slice(from);
    assert.equal(seen.length, 1);
    assert.equal(seen[0].headers.date, d, name);
  }
});

test('the one-line rule of old (proxy_set_header Date $http_datefull) fails Date-only clients: this test would see it', { skip: SKIP }, async () => {
  const old = readmeBlock().replace('proxy_set_header Date $signed_date;', 'proxy_set_header Date $http_datefull;');
  const oldNginx = await runNginx(old, { allowed: pages.url, core: core.url });
  try {
    assert.equal((await signed(oldNginx.url, '/api/user/current.json', { date: true }).response).status, 401);
    assert.equal((await signed(oldNginx.url, '/api/user/current.json', { date: false, dateFull: true }).response).status, 200);
  } finally {
    await oldNginx.stop();
  }
});

test('CORS: the listed origin only, once, with Vary: Origin and without credentials', { skip: SKIP }, async () => {
  const other = pages.url.replace('127.0.0.1', 'localhost');
  const ok = await signed(nginx.url, '/api/user/current.json', { origin: pages.url }).response;
  assert.equal(ok.status, 200);
  assert.deepEqual(values(ok.raw, 'access-control-allow-origin'), [pages.url]);
  assert.deepEqual(values(ok.raw, 'access-control-allow-credentials'), []);
  assert.ok(values(ok.raw, 'vary').some((v) => /\bOrigin\b/.test(v)));
  assert.match(ok.headers['access-control-expose-headers'], /Retry-After/);
  // Core answered with its own CORS headers (any origin, credentials): hidden.
  const direct = await signed(core.url, '/api/user/current.json', { origin: other }).response;
  assert.equal(direct.headers['access-control-allow-credentials'], 'true');
  for (const origin of [other, 'https://evil.example', 'null']) {
    const r = await signed(nginx.url, '/api/user/current.json', { origin }).response;
    assert.equal(r.status, 200);
    assert.deepEqual(values(r.raw, 'access-control-allow-origin'), [], origin);
    assert.deepEqual(values(r.raw, 'access-control-allow-credentials'), [], origin);
    const pre = await request(nginx.url, 'OPTIONS', '/api/user/current.json', { Origin: origin, 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'authorization,datefull' });
    assert.equal(pre.status, 204);
    assert.deepEqual(values(pre.raw, 'access-control-allow-origin'), [], origin);
  }
  const pre = await request(nginx.url, 'OPTIONS', '/api/project.json', { Origin: pages.url, 'Access-Control-Request-Method': 'PUT', 'Access-Control-Request-Headers': 'authorization,content-type,datefull' });
  assert.equal(pre.status, 204);
  assert.deepEqual(values(pre.raw, 'access-control-allow-origin'), [pages.url]);
  assert.deepEqual(values(pre.raw, 'access-control-allow-credentials'), []);
  assert.match(pre.headers['access-control-allow-methods'], /PUT/);
  assert.match(pre.headers['access-control-allow-headers'], /dateFull/);
  assert.equal(pre.headers.vary, 'Origin');
});

test('this package in Chromium (dateFull, Date dropped) from the listed origin; another origin cannot read', { skip: SKIP }, async () => {
  const page = await browser.newPage();
  try {
    const run = (origin) => page.goto(`${origin}/server/ping.json`).then(() => page.evaluate(async ({ api, publicKey, privateKey }) => {
      const { Cytomine } = await import('/package/js/index.js');
      const cytomine = new Cytomine(api, { publicKey, privateKey });
      try {
        const me = await cytomine.models.User.fetchCurrent();
        const project = (await cytomine.models.ProjectCollection.fetchAll()).get(0);
        const fetched = await cytomine.models.Project.fetch(project.id);
        return { username: me.username, project: fetched.name };
      } catch (e) {
        return { kind: e.kind, message: e.message };
      }
    }, { api: nginx.url, publicKey: alice.publicKey, privateKey: alice.privateKey }));
    const from = core.requests.length;
    const allowed = await run(pages.url);
    assert.equal(allowed.username, 'alice', JSON.stringify(allowed));
    assert.ok(allowed.project);
    const seen = core.requests.slice(from).filter((r) => r.path.startsWith('/api/'));
    assert.ok(seen.length >= 3);
    for (const r of seen) {
      assert.equal(r.auth, 'apikey');
      assert.match(r.headers.datefull, /GMT$/);
      assert.equal(r.headers.date, r.headers.datefull, 'nginx copied dateFull into Date');
    }
    const refused = await run(pages.url.replace('127.0.0.1', 'localhost'));
    assert.equal(refused.kind, 'network', JSON.stringify(refused));
  } finally {
    await page.close();
  }
});
