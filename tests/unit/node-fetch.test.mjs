// The Node transport (js/node-fetch.js, over undici's `request`): what the client reads of a
// response, streaming limits, redirects, compression, cancellation and failures, against real
// local HTTP servers; undici's global dispatcher (MockAgent) answers the package's requests.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { gzipSync } from 'node:zlib';
import { Cytomine, CytomineError } from '../../js/index.js';
import { createNodeFetch } from '../../js/node-fetch.js';
import { installFakeFetch } from '../support/fake-fetch.mjs';

/** A local server answering with `handler(req, res, body)`; records requests and sockets. */
async function serve(handler) {
  const requests = [];
  let sockets = 0;
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      requests.push({ method: req.method, url: req.url, headers: req.headers, body });
      handler(req, res, body);
    });
  });
  server.on('connection', () => sockets++);
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${server.address().port}`;
  const close = () => new Promise((resolve) => {
    server.closeAllConnections();
    server.close(resolve);
  });
  servers.push(close);
  return { url, requests, sockets: () => sockets, close };
}
const servers = [];
after(() => Promise.all(servers.map((close) => close())));

const json = (res, value, headers = {}) => {
  const text = JSON.stringify(value);
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
};

// The generation is forced: these tests count and read the transport's requests, and no
// detection probe should be among them.
const connect = (url, options = {}) => new Cytomine(url, { token: 'tok', retries: 0, core: '5.2', ...options });

test('the Node transport is the default in Node: keep-alive, headers as set (Date too), values read', async () => {
  const server = await serve((req, res) => json(res, { id: 5, name: 'Prostate ✓', class: 'x' }));
  const cytomine = new Cytomine(server.url, { publicKey: 'pub', privateKey: 'priv', retries: 0, core: '5.2' });
  for (let i = 0; i < 20; i++) {
    const project = await cytomine.models.Project.fetch(5);
    assert.equal(project.name, 'Prostate ✓');
  }
  assert.equal(server.requests.length, 20);
  // undici's pool opens a second connection for the second request (the first one is released
  // just after its body ends), then reuses them: never one connection per request.
  assert.ok(server.sockets() <= 2, `kept-alive connections for sequential requests (${server.sockets()} for 20)`);
  const { headers } = server.requests[0];
  assert.match(headers.authorization, /^CYTOMINE pub:/);
  assert.match(headers.date, /^\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} GMT$/);
  assert.equal(headers.date, headers.datefull);
  assert.equal(headers['accept-encoding'], 'gzip, deflate, br');
});

test('JSON bodies: Content-Type, Content-Length in bytes, the body as sent', async () => {
  const server = await serve((req, res, body) => json(res, { message: 'ok', project: { ...JSON.parse(body), id: 9 }, command: 1 }));
  const project = new (connect(server.url).models.Project)({ name: 'é ü 漢' });
  await project.save();
  assert.equal(project.id, 9);
  const [request] = server.requests;
  assert.equal(request.method, 'POST');
  assert.equal(request.headers['content-type'], 'application/json');
  assert.equal(Number(request.headers['content-length']), Buffer.byteLength(request.body));
  assert.deepEqual(JSON.parse(request.body), { name: 'é ü 漢' });
});

test('chunked bodies are streamed and refused past maxResponseBytes', async () => {
  const big = JSON.stringify({ collection: Array.from({ length: 3000 }, (_, i) => ({ id: i + 1, name: `n${i}` })), size: 3000 });
  const server = await serve((req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' }); // no Content-Length: chunked
    for (let i = 0; i < big.length; i += 4096) res.write(big.slice(i, i + 4096));
    res.end();
  });
  const small = connect(server.url, { maxResponseBytes: 10_000 });
  await assert.rejects(small.request('GET', 'project.json'), (e) => e instanceof CytomineError && e.kind === 'too-large');
  const data = await connect(server.url).request('GET', 'project.json');
  assert.equal(data.collection.length, 3000);
  assert.equal(data.collection[2999].name, 'n2999');
});

test('gzip and deflate bodies are decoded; the declared (compressed) length is not trusted', async () => {
  const value = { id: 3, name: 'z'.repeat(5000) };
  const packed = gzipSync(JSON.stringify(value));
  const server = await serve((req, res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip', 'content-length': packed.length });
    res.end(packed);
  });
  assert.deepEqual(await connect(server.url).request('GET', 'project/3.json'), value);
  // The limit applies to the decoded size, with this transport and with the global fetch (which
  // shows the compressed Content-Length).
  for (const fetch of [undefined, globalThis.fetch]) {
    await assert.rejects(connect(server.url, { maxResponseBytes: 2048, fetch }).request('GET', 'project/3.json'), (e) => e.kind === 'too-large');
    assert.deepEqual(await connect(server.url, { fetch }).request('GET', 'project/3.json'), value);
  }
});

test('bodiless answers are not decoded; a body refused by its declared size is dropped at once', async () => {
  let closedAt = null;
  const server = await serve((req, res) => {
    if (req.method === 'HEAD') {
      res.writeHead(200, { 'content-encoding': 'gzip', 'content-length': 20 });
      res.end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': 10_000_000 });
    res.write('{"collection":[' + ' '.repeat(60_000));
    res.socket.on('close', () => (closedAt = Date.now()));
  });
  const cytomine = connect(server.url, { maxResponseBytes: 1024 });
  assert.equal(await cytomine.request('HEAD', 'project/1.json', { responseType: 'text' }), '');
  const t0 = Date.now();
  await assert.rejects(cytomine.request('GET', 'project.json'), (e) => e.kind === 'too-large');
  await new Promise((resolve) => setTimeout(resolve, 300));
  assert.ok(closedAt !== null && closedAt - t0 < 300, 'the connection of the refused body is closed, not left open until the timeout');
});

test('redirects are followed; credentials are not sent to another origin', async () => {
  const other = await serve((req, res) => json(res, { id: 2, where: 'other' }));
  const server = await serve((req, res) => {
    if (req.url.startsWith('/api/project/1.json')) {
      res.writeHead(302, { location: '/api/project/1b.json' });
      res.end();
    } else if (req.url.startsWith('/api/project/2.json')) {
      res.writeHead(307, { location: `${other.url}/api/project/2.json` });
      res.end();
    } else json(res, { id: 1, where: 'same' });
  });
  const cytomine = connect(server.url);
  assert.deepEqual(await cytomine.request('GET', 'project/1.json'), { id: 1, where: 'same' });
  assert.equal(server.requests[1].url, '/api/project/1b.json');
  assert.equal(server.requests[1].headers.authorization, 'Bearer tok');
  assert.deepEqual(await cytomine.request('GET', 'project/2.json'), { id: 2, where: 'other' });
  assert.equal(other.requests[0].headers.authorization, undefined);
  const nodeFetch = createNodeFetch();
  const manual = await nodeFetch(`${server.url}/api/project/1.json`, { redirect: 'manual' });
  assert.equal(manual.status, 302);
  assert.equal(manual.headers.get('location'), '/api/project/1b.json');
  await assert.rejects(nodeFetch(`${server.url}/api/project/1.json`, { redirect: 'error' }), /redirected/);
});

test('timeouts, aborts, refused connections and truncated bodies give the right CytomineError', async () => {
  const server = await serve((req, res) => {
    if (req.url.includes('hang')) return; // never answers
    if (req.url.includes('truncated')) {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': 1000 });
      res.write('{"collection":[');
      setTimeout(() => res.socket.destroy(), 20);
      return;
    }
    json(res, { ok: true });
  });
  const cytomine = connect(server.url, { timeoutMs: 200 });
  const t0 = Date.now();
  await assert.rejects(cytomine.request('GET', 'hang.json'), (e) => e.kind === 'timeout' && e.mayHaveReachedServer === true);
  assert.ok(Date.now() - t0 < 2000);

  const controller = new AbortController();
  const pending = cytomine.request('GET', 'hang2.json', { signal: controller.signal });
  setTimeout(() => controller.abort(), 30);
  await assert.rejects(pending, (e) => e.kind === 'aborted');

  await assert.rejects(cytomine.request('GET', 'truncated.json'), (e) => e.kind === 'network' && /broke while reading/.test(e.message));

  const closed = await serve(() => {});
  await closed.close();
  await assert.rejects(connect(closed.url).request('GET', 'project.json'), (e) =>
    e.kind === 'network' && /ECONNREFUSED/.test(e.message) && e.mayHaveReachedServer === false);

  // The connection still works afterwards.
  assert.deepEqual(await cytomine.request('GET', 'fine.json'), { ok: true });
});

test('binary bodies: arraybuffer and blob with the response type', async () => {
  const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 255]);
  const server = await serve((req, res) => {
    res.writeHead(200, { 'content-type': 'image/png', 'content-length': bytes.length });
    res.end(bytes);
  });
  const cytomine = connect(server.url);
  const buffer = await cytomine.request('GET', 'abstractimage/1/thumb.png', { responseType: 'arraybuffer' });
  assert.deepEqual([...new Uint8Array(buffer)], [...bytes]);
  const blob = await cytomine.request('GET', 'abstractimage/1/thumb.png', { responseType: 'blob' });
  assert.equal(blob.type, 'image/png');
  assert.deepEqual([...new Uint8Array(await blob.arrayBuffer())], [...bytes]);
});

test('FormData bodies, a replaced globalThis.fetch and the fetch option go through fetch', async () => {
  const server = await serve((req, res) => json(res, { id: 1 }));
  const cytomine = connect(server.url);
  const form = new FormData();
  form.append('files[]', new Blob(['abc'], { type: 'text/plain' }), 'a.txt');
  await cytomine.request('POST', 'attachedfile.json', { body: form });
  assert.match(server.requests[0].headers['content-type'], /^multipart\/form-data; boundary=/);
  assert.match(server.requests[0].body, /filename="a.txt"[\s\S]*abc/);

  const fake = installFakeFetch(() => ({ body: { id: 77 } }));
  try {
    assert.deepEqual(await cytomine.request('GET', 'project/77.json'), { id: 77 });
    assert.equal(fake.requests.length, 1);
  } finally {
    fake.restore();
  }
  assert.equal(server.requests.length, 1, 'the replaced fetch answered, not the server');

  const seen = [];
  const own = new Cytomine(server.url, { token: 't', core: '5.2', fetch: (url, init) => (seen.push([url, init.method]), globalThis.fetch(url, init)) });
  assert.deepEqual(await own.request('GET', 'project/1.json'), { id: 1 });
  assert.deepEqual(seen, [[`${server.url}/api/project/1.json`, 'GET']]);
  assert.throws(() => new Cytomine(server.url, { fetch: 'no' }), (e) => e.kind === 'invalid-argument' && /`fetch` must be a function/.test(e.message));
  const broken = new Cytomine(server.url, { retries: 0, fetch: async () => ({ nope: true }) });
  await assert.rejects(broken.request('GET', 'project/1.json'), (e) => e.kind === 'network' && /not a Response/.test(e.message));
  const throwing = new Cytomine(server.url, { retries: 0, fetch: () => { throw new Error('sync failure'); } });
  await assert.rejects(throwing.request('GET', 'project/1.json'), (e) => e.kind === 'network');
  assert.deepEqual(await broken.request('GET', 'project/1.json').catch((e) => e.kind), 'network', 'still usable');
});

test('createNodeFetch: a Response-like object with status, case-insensitive headers, body read once', async () => {
  const server = await serve((req, res) => {
    res.writeHead(201, { 'content-type': 'application/json', 'x-multi': ['a', 'b'], 'content-length': 2 });
    res.end('{}');
  });
  const nodeFetch = createNodeFetch();
  const response = await nodeFetch(`${server.url}/x`, { method: 'GET', headers: { Accept: 'application/json' } });
  assert.equal(response.status, 201);
  assert.equal(response.ok, true);
  assert.equal(response.headers.get('Content-Type'), 'application/json');
  assert.equal(response.headers.get('x-multi'), 'a, b');
  assert.equal(response.headers.get('missing'), null);
  assert.deepEqual(await response.json(), {});
  await assert.rejects(response.text(), /already been used/);
  await assert.rejects(nodeFetch('not a url'), TypeError);
  await assert.rejects(nodeFetch('ftp://example.org/x'), /unsupported protocol/);
  // A header value that cannot be sent is a rejected fetch carrying the cause, not a throw.
  await assert.rejects(nodeFetch(`${server.url}/x`, { headers: { 'X-Bad': 'a\nb' } }), (e) => e instanceof TypeError && /invalid x-bad header/.test(e.cause?.message));
});

test("undici's global dispatcher answers the package's requests: a MockAgent set with setGlobalDispatcher", async () => {
  const { MockAgent, getGlobalDispatcher, setGlobalDispatcher } = await import('undici');
  const previous = getGlobalDispatcher();
  const mock = new MockAgent();
  mock.disableNetConnect();
  setGlobalDispatcher(mock);
  try {
    const pool = mock.get('http://cytomine.test');
    pool.intercept({ path: '/api/project/5.json', method: 'GET' })
      .reply(200, { id: 5, name: 'Mocked' }, { headers: { 'content-type': 'application/json' } });
    pool.intercept({ path: (p) => p.startsWith('/api/project.json'), method: 'GET' })
      .reply(200, { collection: [{ id: 1 }, { id: 2 }], size: 2 }, { headers: { 'content-type': 'application/json' } });
    const cytomine = connect('http://cytomine.test');
    const project = await cytomine.models.Project.fetch(5);
    assert.equal(project.name, 'Mocked');
    assert.deepEqual((await cytomine.request('GET', 'project.json')).collection.map((p) => p.id), [1, 2]);
    // Nothing left unanswered, and a request no interceptor matches fails as a network error.
    mock.assertNoPendingInterceptors();
    await assert.rejects(cytomine.request('GET', 'user/1.json'), (e) => e instanceof CytomineError && e.kind === 'network');
  } finally {
    setGlobalDispatcher(previous);
    await mock.close();
  }
});

test('a globalThis.fetch replaced before the package is imported is honoured', async () => {
  const { execFileSync } = await import('node:child_process');
  const script = `
    globalThis.fetch = async (url) => new Response(JSON.stringify({ id: 9, seen: String(url) }), { headers: { 'content-type': 'application/json' } });
    const { Cytomine } = await import(${JSON.stringify(new URL('../../js/index.js', import.meta.url).href)});
    const data = await new Cytomine('http://nowhere.invalid', { token: 't', retries: 0 }).request('GET', 'project/9.json');
    console.log(JSON.stringify(data));`;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  assert.deepEqual(JSON.parse(out), { id: 9, seen: 'http://nowhere.invalid/api/project/9.json' });
});

test('without undici, Node warns once and the requests go through globalThis.fetch', async () => {
  const { url, requests } = await serve((req, res) => json(res, { id: 5, ua: req.headers['user-agent'] ?? null }));
  // A resolve hook that makes `undici` unresolvable, as in an install or bundle that lost it.
  const hooks = `data:text/javascript,${encodeURIComponent(`export async function resolve(spec, ctx, next) {
    if (spec === 'undici') throw Object.assign(new Error("Cannot find package 'undici'"), { code: 'ERR_MODULE_NOT_FOUND' });
    return next(spec, ctx);
  }`)}`;
  const register = `data:text/javascript,${encodeURIComponent(`import { register } from 'node:module'; register(${JSON.stringify(hooks)});`)}`;
  const script = `
    const { Cytomine } = await import(${JSON.stringify(new URL('../../js/index.js', import.meta.url).href)});
    const c = new Cytomine(${JSON.stringify(url)}, { token: 't', retries: 0 });
    const a = await c.request('GET', 'project/5.json');
    const b = await c.request('GET', 'project/5.json');
    console.log(JSON.stringify([a, b]));`;
  const { execFile } = await import('node:child_process');
  // Asynchronous: this process's server answers the child.
  const run = await new Promise((resolve) => {
    execFile(process.execPath, ['--import', register, '--input-type=module', '-e', script], { encoding: 'utf8', timeout: 30_000 }, (error, stdout, stderr) => resolve({ status: error ? error.code ?? 1 : 0, stdout, stderr }));
  });
  assert.equal(run.status, 0, run.stderr);
  const [a, b] = JSON.parse(run.stdout);
  assert.equal(a.id, 5);
  assert.equal(b.id, 5);
  // Node's own fetch sends its user agent ('node'); the undici transport sends none.
  assert.equal(a.ua, 'node');
  // (the connection's generation probe came first)
  assert.deepEqual(requests.map((r) => r.url).filter((u) => u.startsWith('/api/project')), ['/api/project/5.json', '/api/project/5.json']);
  const warnings = run.stderr.split('\n').filter((l) => l.includes('CytomineWarning'));
  assert.equal(warnings.length, 1, run.stderr);
  assert.match(warnings[0], /the Node transport could not load \(.*undici.*\); requests use globalThis\.fetch/);
});
