// The demo gateway (`npm start`) against pages of other origins, in Chromium:
// - a page of another origin (same site: 127.0.0.1 on another port, so the victim's SameSite=Lax
//   session cookie goes along) can neither read the demo's keys, nor mint a token, nor read or
//   change anything with the victim's cookie session;
// - an origin given with --allow-origin works with API keys, but never with the cookie;
// - a DNS-rebinding page (a name that resolves to 127.0.0.1) is refused by the Host check.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { start } from '../../emulator/server.mjs';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from '../support/browser.mjs';

const ROOT = path.resolve(import.meta.dirname, '../..');
let dir;
let victim; // the demo gateway, default rule (its own origin only)
let allowing; // a gateway with --allow-origin <app>
let attacker; // serves a blank page on another origin
let browser;

before(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'gw-security-'));
  writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>demo</title>');
  attacker = http.createServer((req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html' });
    res.end('<!doctype html><title>another site</title>');
  });
  await new Promise((resolve) => attacker.listen(0, '127.0.0.1', resolve));
  attacker.url = `http://127.0.0.1:${attacker.address().port}`;
  victim = await start({ dataset: 'demo', gateway: true, wwwDir: dir, packageDir: ROOT });
  allowing = await start({ dataset: 'demo', gateway: true, wwwDir: dir, packageDir: ROOT, allowOrigins: [attacker.url] });
  const keys = victim.credentials.map(({ username, publicKey, privateKey, admin }) => ({ username, publicKey, privateKey, admin }));
  writeFileSync(path.join(dir, 'demo-credentials.json'), JSON.stringify(keys));
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_FLAGS, '--host-resolver-rules=MAP rebind.test 127.0.0.1'] });
});

after(async () => {
  await browser?.close();
  await victim?.close();
  await allowing?.close();
  attacker?.closeAllConnections();
  attacker?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A page on the attacker's origin, in a context where alice is logged in on `server` (cookie). */
async function attackerPage(server) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${server.url}/`);
  const login = await page.evaluate(async () => (await fetch('/emulator/login', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: 'alice' }) })).status);
  assert.equal(login, 200, 'alice logs in on the demo');
  assert.equal(await page.evaluate(async () => (await (await fetch('/api/user/current.json')).json()).username), 'alice', 'the cookie session works same-origin');
  await page.goto(`${attacker.url}/`);
  return { page, context };
}

/** Runs the attacks from the attacker's page; each result is what the page could read. */
const attack = (page, target, projectId) => page.evaluate(async ({ target, projectId }) => {
  const attempt = async (run) => {
    try {
      return { read: await run() };
    } catch (e) {
      return { blocked: String(e) };
    }
  };
  return {
    credentialsFile: await attempt(async () => (await fetch(`${target}/demo-credentials.json`)).text()),
    token: await attempt(async () => (await fetch(`${target}/emulator/token`, { method: 'POST', body: JSON.stringify({ username: 'admin' }) })).text()),
    currentUser: await attempt(async () => (await fetch(`${target}/api/user/current.json`, { credentials: 'include' })).text()),
    rename: await attempt(async () => (await fetch(`${target}/api/project/${projectId}.json`, {
      method: 'PUT', credentials: 'include', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ id: projectId, name: 'pwned' }),
    })).status),
  };
}, { target, projectId });

test('a page of another origin reads no keys, mints no token and cannot use the session cookie', async () => {
  const { page, context } = await attackerPage(victim);
  try {
    const project = victim.state.all('project')[0];
    const before = victim.requests.length;
    const out = await attack(page, victim.url, project.id);
    for (const [name, result] of Object.entries(out)) assert.ok(result.blocked, `${name} was readable: ${JSON.stringify(result)}`);
    assert.equal(victim.state.get('project', project.id).name, project.name);
    assert.notEqual(victim.state.get('project', project.id).name, 'pwned');
    const seen = victim.requests.slice(before);
    const status = (p) => seen.filter((r) => r.path === p).map((r) => r.status);
    assert.deepEqual(status('/demo-credentials.json'), [403]);
    assert.deepEqual(status('/emulator/token'), [403]);
    // The PUT never left the browser: its preflight got no CORS headers.
    assert.deepEqual(seen.filter((r) => r.path === `/api/project/${project.id}.json`).map((r) => r.method), ['OPTIONS']);
  } finally {
    await context.close();
  }
});

test('an origin given with --allow-origin works with API keys, never with the cookie', async () => {
  const { page, context } = await attackerPage(allowing);
  try {
    const alice = allowing.credentials.find((c) => c.username === 'alice');
    const out = await page.evaluate(async ({ target, publicKey, privateKey }) => {
      const d = new Date().toUTCString();
      const path = '/api/user/current.json';
      const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(privateKey), { name: 'HMAC', hash: 'SHA-1' }, false, ['sign']);
      const mac = await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(`GET\n\n\n${d}\n${path}`));
      const signature = btoa(String.fromCharCode(...new Uint8Array(mac)));
      const signed = await fetch(`${target}${path}`, { headers: { dateFull: d, Authorization: `CYTOMINE ${publicKey}:${signature}` } });
      let cookie;
      try {
        cookie = { read: await (await fetch(`${target}${path}`, { credentials: 'include' })).text() };
      } catch (e) {
        cookie = { blocked: String(e) };
      }
      let credentialsFile;
      try {
        credentialsFile = { read: await (await fetch(`${target}/demo-credentials.json`)).text() };
      } catch (e) {
        credentialsFile = { blocked: String(e) };
      }
      return { status: signed.status, username: (await signed.json()).username, cookie, credentialsFile };
    }, { target: allowing.url, publicKey: alice.publicKey, privateKey: alice.privateKey });
    assert.equal(out.status, 200);
    assert.equal(out.username, 'alice');
    assert.ok(out.cookie.blocked, `the cookie session was usable: ${JSON.stringify(out.cookie)}`);
    assert.ok(out.credentialsFile.blocked, `the keys were readable: ${JSON.stringify(out.credentialsFile)}`);
  } finally {
    await context.close();
  }
});

test('DNS rebinding: a page whose name resolves to the demo server gets 421, not the keys', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  try {
    const port = new URL(victim.url).port;
    const response = await page.goto(`http://rebind.test:${port}/`);
    assert.equal(response.status(), 421);
    const out = await page.evaluate(async () => {
      const r = await fetch('/demo-credentials.json');
      const t = await fetch('/emulator/token', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: 'admin' }) });
      return { status: r.status, text: await r.text(), tokenStatus: t.status, token: await t.text() };
    });
    assert.equal(out.status, 421);
    assert.equal(out.tokenStatus, 421);
    assert.ok(!out.text.includes('privateKey') && !out.token.includes('token'), JSON.stringify(out));
    // The same server under its own name still works.
    assert.equal((await page.goto(`${victim.url}/demo-credentials.json`)).status(), 200);
  } finally {
    await context.close();
  }
});
