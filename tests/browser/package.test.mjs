// The package in a real browser (Debian's Chromium): loaded as a plain ES module with no bundler
// and no init call, signing through the demo gateway (Chromium drops `Date`, the gateway copies
// `dateFull` into it), the 401 explanation without the gateway, and bearer tokens across origins.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { start } from '../../emulator/server.mjs';
import { launchBrowser } from '../support/browser.mjs';

const root = resolve(import.meta.dirname, '../..');
let gateway;
let plain;
let browser;
let page;

before(async () => {
  gateway = await start({ dataset: 'demo', gateway: true, wwwDir: resolve(root, 'www'), packageDir: root });
  plain = await start({ dataset: 'demo' });
  browser = await launchBrowser();
  page = await browser.newPage();
  await page.goto(`${gateway.url}/server/ping.json`);
});

after(async () => {
  await browser?.close();
  await gateway?.close();
  await plain?.close();
});

test('loads without a bundler or an init call and signs through the gateway', async () => {
  const alice = gateway.credentials.find((c) => c.username === 'alice');
  const before = gateway.requests.length;
  const result = await page.evaluate(async ({ publicKey, privateKey }) => {
    const t0 = performance.now();
    const { Cytomine, ProjectCollection, User } = await import('/package/js/index.js');
    const loadMs = performance.now() - t0;
    const cytomine = new Cytomine(window.location.origin, { publicKey, privateKey });
    const me = await User.fetchCurrent();
    const projects = await ProjectCollection.fetchAll();
    return { loadMs, username: me.username, names: projects.array.map((p) => p.name).sort(), kind: cytomine.authKind };
  }, alice);
  assert.equal(result.username, 'alice');
  assert.equal(result.kind, 'api-key');
  const aliceId = gateway.state.all('user').find((u) => u.username === 'alice').id;
  const expected = gateway.state
    .all('project')
    .filter((p) => {
      const m = gateway.state.membersOf(p.id);
      return m.contributors.has(aliceId) || m.managers.has(aliceId);
    })
    .map((p) => p.name)
    .sort();
  assert.deepEqual(result.names, expected);
  const apiRequests = gateway.requests.slice(before).filter((r) => r.path.startsWith('/api/'));
  assert.ok(apiRequests.length >= 2);
  for (const r of apiRequests) {
    assert.equal(r.auth, 'apikey', `${r.path} not authenticated by API key`);
    assert.equal(r.dateCopiedFromDateFull, true, `${r.path}: the browser sent Date itself?`);
  }
  console.log(`# module import + wasm instantiation in Chromium: ${result.loadMs.toFixed(1)} ms`);
});

test('the minified single-module build works the same way', async () => {
  const bob = gateway.credentials.find((c) => c.username === 'bob');
  const result = await page.evaluate(async ({ publicKey, privateKey }) => {
    const { Cytomine, User, ProjectCollection } = await import('/package/dist/cytomine-wasm.min.js');
    const cytomine = new Cytomine(window.location.origin, { publicKey, privateKey });
    const { User: BoundUser } = cytomine.models;
    return { username: (await BoundUser.fetchCurrent()).username, unbound: typeof User.fetchCurrent, projects: typeof ProjectCollection };
  }, bob);
  assert.deepEqual(result, { username: 'bob', unbound: 'function', projects: 'function' });
});

test('works in a module Web Worker', async () => {
  const alice = gateway.credentials.find((c) => c.username === 'alice');
  const answer = await page.evaluate(async ({ publicKey, privateKey, origin }) => {
    const code = `import { Cytomine, User, ProjectCollection } from '${origin}/package/dist/cytomine-wasm.min.js';
      self.onmessage = async (event) => {
        try {
          new Cytomine('${origin}', event.data);
          const me = await User.fetchCurrent();
          const projects = await ProjectCollection.fetchAll();
          self.postMessage({ username: me.username, projects: projects.length });
        } catch (error) {
          self.postMessage({ error: String(error.message) });
        }
      };
      self.postMessage('ready');`;
    const worker = new Worker(URL.createObjectURL(new Blob([code], { type: 'text/javascript' })), { type: 'module' });
    // Messages posted before the module (and its top-level await) finished are not delivered:
    // the worker says when it is ready.
    return new Promise((resolve) => {
      worker.onmessage = (event) => (event.data === 'ready' ? worker.postMessage({ publicKey, privateKey }) : resolve(event.data));
      worker.onerror = (event) => resolve({ error: `worker: ${event.message}` });
    });
  }, { ...alice, origin: gateway.url });
  const aliceId = gateway.state.all('user').find((u) => u.username === 'alice').id;
  const expected = gateway.state.all('project').filter((p) => {
    const m = gateway.state.membersOf(p.id);
    return m.contributors.has(aliceId) || m.managers.has(aliceId);
  }).length;
  assert.deepEqual(answer, { username: 'alice', projects: expected });
});

test('without the gateway rule, a 401 explains the Date / dateFull problem', async () => {
  const alice = plain.credentials.find((c) => c.username === 'alice');
  const error = await page.evaluate(async ({ url, publicKey, privateKey }) => {
    const { Cytomine, CytomineError } = await import('/package/js/index.js');
    const cytomine = new Cytomine(url, { publicKey, privateKey });
    try {
      await cytomine.models.User.fetchCurrent();
      return null;
    } catch (e) {
      return { isCytomineError: e instanceof CytomineError, kind: e.kind, status: e.status, message: e.message };
    }
  }, { url: plain.url, ...alice });
  assert.ok(error, 'the request should fail: Chromium cannot send Date');
  assert.equal(error.isCytomineError, true);
  assert.equal(error.kind, 'auth');
  assert.equal(error.status, 401);
  assert.match(error.message, /Date header cannot be set by scripts/);
  assert.match(error.message, /map \$http_datefull \$signed_date \{ default \$http_datefull; "" \$http_date; \} and proxy_set_header Date \$signed_date;/);
});

test('bearer tokens work across origins without any gateway rule', async () => {
  const bob = plain.credentials.find((c) => c.username === 'bob');
  const username = await page.evaluate(async ({ url, token }) => {
    const { Cytomine } = await import('/package/js/index.js');
    const cytomine = new Cytomine(url, { token: async () => token });
    return (await cytomine.models.User.fetchCurrent()).username;
  }, { url: plain.url, token: bob.token });
  assert.equal(username, 'bob');
});

// Cytomine's JSON answers carry no freshness information: browsers would store each one in the
// HTTP cache without ever reusing it. Images keep the cache (the thumbnail answer has max-age).
test('in browsers JSON answers bypass the HTTP cache, images use it', async () => {
  const alice = gateway.credentials.find((c) => c.username === 'alice');
  const aliceId = gateway.state.all('user').find((u) => u.username === 'alice').id;
  const image = gateway.state.all('imageinstance').find((i) => gateway.state.membersOf(i.project).contributors.has(aliceId) || gateway.state.membersOf(i.project).managers.has(aliceId));
  assert.ok(image, 'the demo dataset has an image alice can see');
  const count = (p) => gateway.requests.filter((r) => r.path === p).length;
  const [jsonPath, thumbPath] = [`/api/imageinstance/${image.id}.json`, `/api/imageinstance/${image.id}/thumb.png`];
  const [json0, thumb0] = [count(jsonPath), count(thumbPath)];
  const out = await page.evaluate(async ({ keys, id }) => {
    const { Cytomine } = await import('/package/js/index.js');
    const modes = [];
    // (each connection's one generation probe, /server/ping*, is not counted: it is always no-store)
    const recording = (options) => new Cytomine(location.origin, { ...keys, ...options, fetch: (url, init) => { if (!/\/server\/ping/.test(url)) modes.push(init.cache ?? null); return fetch(url, init); } });
    const c = recording({});
    const first = await c.models.ImageInstance.fetch(id);
    const second = await c.models.ImageInstance.fetch(id);
    const thumbs = [await first.fetchThumb(), await first.fetchThumb()];
    const forced = recording({ cache: 'reload' });
    const third = await (await forced.models.ImageInstance.fetch(id)).fetchThumb();
    await c.request('GET', 'imageinstance/{id}.json', { params: { id }, cache: 'default' });
    return { modes, ids: [first.id, second.id], sizes: [...thumbs, third].map((b) => b.size), type: thumbs[0].type };
  }, { keys: { publicKey: alice.publicKey, privateKey: alice.privateKey }, id: image.id });
  assert.deepEqual(out.ids, [image.id, image.id]);
  assert.equal(out.type, 'image/png');
  assert.ok(out.sizes.every((s) => s > 0 && s === out.sizes[0]));
  assert.deepEqual(out.modes, ['no-store', 'no-store', null, null, 'reload', 'reload', 'default']);
  // Every JSON request reached the server; the second thumbnail came from the browser's cache.
  assert.equal(count(jsonPath) - json0, 4);
  assert.equal(count(thumbPath) - thumb0, 2);
});

test('bad input in the browser never traps the module', async () => {
  const out = await page.evaluate(async () => {
    const { Cytomine, Project } = await import('/package/js/index.js');
    const messages = [];
    for (const bad of ['1/../2', NaN, -1, 1.5, {}, Symbol('x')]) {
      try {
        await Project.fetch(bad);
      } catch (e) {
        messages.push(e.kind);
      }
    }
    // The same module instance still works afterwards.
    const c = new Cytomine('http://example.invalid', { token: 't' });
    return { messages, host: c.host };
  });
  assert.deepEqual(out.messages, Array(6).fill('invalid-argument'));
  assert.equal(out.host, 'http://example.invalid');
});

test("bodies made in an iframe's realm are recognised: File, Blob, FormData, URLSearchParams, typed arrays", async () => {
  const alice = gateway.credentials.find((c) => c.username === 'alice');
  const panc = gateway.state.all('project').find((p) => p.name === 'PANC-Biopsies');
  // Answered by the browser test itself, so that the body and type the page sent can be read.
  const echoed = [];
  await page.route('**/api/echo-body.json', async (route) => {
    const request = route.request();
    echoed.push({ type: request.headers()['content-type'] ?? null, body: request.postDataBuffer()?.toString('latin1') ?? null });
    await route.fulfill({ status: 200, contentType: 'application/json', body: '{}' });
  });
  const out = await page.evaluate(async ({ publicKey, privateKey, projectId }) => {
    const { Cytomine } = await import('/package/js/index.js');
    const cytomine = new Cytomine(window.location.origin, { publicKey, privateKey });
    const { Project, AttachedFile } = cytomine.models;
    const frame = document.createElement('iframe');
    document.documentElement.append(frame);
    const other = frame.contentWindow;
    const project = await Project.fetch(projectId);
    const file = new other.File(['from an iframe'], 'iframe.txt', { type: 'text/plain' });
    const foreign = !(file instanceof Blob) && !(new other.FormData() instanceof FormData);
    const attached = await new AttachedFile({ file, filename: 'iframe.txt' }, project).save();
    const form = new other.FormData();
    form.append('domainIdent', String(projectId));
    form.append('domainClassName', 'be.cytomine.domain.project.Project');
    form.append('files[]', new other.Blob(['a blob from an iframe']), 'blob.txt');
    const viaForm = await cytomine.request('POST', 'attachedfile.json', { body: form });
    await cytomine.request('POST', 'echo-body.json', { body: new other.URLSearchParams({ a: '1', b: 'x y' }) });
    await cytomine.request('POST', 'echo-body.json', { body: new other.Uint8Array([104, 105]) });
    await cytomine.request('POST', 'echo-body.json', { body: new other.Blob(['blob body'], { type: 'text/plain' }) });
    return { foreign, attached: [attached.id, attached.filename], viaForm: [viaForm.id, viaForm.filename] };
  }, { ...alice, projectId: panc.id });
  await page.unroute('**/api/echo-body.json');
  assert.equal(out.foreign, true, 'the iframe objects are of another realm');
  assert.equal(out.attached[1], 'iframe.txt');
  assert.equal(Buffer.from(gateway.state.get('attachedfile', out.attached[0]).data).toString('utf8'), 'from an iframe');
  assert.equal(out.viaForm[1], 'blob.txt');
  assert.equal(Buffer.from(gateway.state.get('attachedfile', out.viaForm[0]).data).toString('utf8'), 'a blob from an iframe');
  assert.deepEqual(echoed, [
    { type: 'application/x-www-form-urlencoded;charset=UTF-8', body: 'a=1&b=x+y' },
    { type: null, body: 'hi' },
    { type: 'text/plain', body: 'blob body' },
  ]);
});
