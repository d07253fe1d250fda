import { test, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { installFakeFetch, verifySignature } from '../support/fake-fetch.mjs';
import { Cytomine, CytomineError, Project, ProjectCollection, AnnotationCollection, Annotation, User } from '../../js/index.js';

const PUBLIC = 'pub-123';
const PRIVATE = 'priv-secret-456';
let fake;
let answer;

beforeEach(() => {
  answer = () => ({ body: { id: 5, name: 'P1', class: 'be.cytomine.domain.project.Project' } });
  fake = installFakeFetch((r) => answer(r));
});
afterEach(() => fake.restore());

const connect = (options = {}) => new Cytomine('cytomine.test', { publicKey: PUBLIC, privateKey: PRIVATE, retries: 0, ...options });

test('API-key requests carry a signature core accepts, Date and dateFull', async () => {
  const cytomine = connect();
  const project = await cytomine.models.Project.fetch(5);
  assert.equal(project.name, 'P1');
  const [request] = fake.requests;
  assert.equal(request.url, 'http://cytomine.test/api/project/5.json');
  assert.ok(verifySignature(request, PUBLIC, PRIVATE));
  assert.equal(request.headers.date, request.headers.datefull);
  assert.match(request.headers.date, /^\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} GMT$/);
  assert.equal(request.headers['content-type'], undefined);
});

test('the signed path and query are byte for byte what is sent, for JSON bodies too', async () => {
  const cytomine = connect();
  answer = () => ({ body: { collection: [], offset: 0, perPage: 0, size: 0, totalPages: 0 } });
  const projects = new cytomine.models.ProjectCollection({ name: { ilike: 'a b&c' }, withMembersCount: true, nbPerPage: 10 });
  await projects.fetchPage(0);
  const { url } = fake.requests[0];
  assert.equal(url, 'http://cytomine.test/api/project.json?max=10&offset=0&withMembersCount=true&name%5Bilike%5D=a%20b%26c');
  assert.ok(verifySignature(fake.requests[0], PUBLIC, PRIVATE));

  const search = new cytomine.models.AnnotationCollection({ project: 3, terms: [1, 2], showWKT: true });
  await search.fetchAll();
  const post = fake.requests[1];
  assert.equal(post.method, 'POST');
  assert.equal(post.url, 'http://cytomine.test/api/annotation/search.json');
  assert.equal(post.headers['content-type'], 'application/json');
  assert.deepEqual(JSON.parse(post.body), { showDefault: true, project: 3, terms: '1,2', showWKT: true });
  assert.ok(verifySignature(post, PUBLIC, PRIVATE));
});

test('bearer tokens: a string, or a function called before each request', async () => {
  const fixed = new Cytomine('https://c.test/', { token: 'tok-1', retries: 0 });
  await fixed.models.Project.fetch(1);
  assert.equal(fake.requests[0].headers.authorization, 'Bearer tok-1');
  let calls = 0;
  const refreshing = new Cytomine('https://c.test', { token: async () => `tok-${++calls}`, retries: 0 });
  await refreshing.models.Project.fetch(1);
  await refreshing.models.Project.fetch(2);
  assert.deepEqual(fake.requests.slice(1).map((r) => r.headers.authorization), ['Bearer tok-1', 'Bearer tok-2']);
  const broken = new Cytomine('https://c.test', { token: () => { throw new Error('no'); }, retries: 0 });
  await assert.rejects(broken.models.Project.fetch(1), (e) => e instanceof CytomineError && e.kind === 'auth' && /token function threw/.test(e.message));
  assert.equal(fake.requests.length, 3);
});

test('invalid ids are refused before any request is sent', async () => {
  const cytomine = connect();
  for (const bad of ['1/../2', NaN, -1, 1.5, 0, Infinity, '', ' 1', {}, true, 2 ** 60]) {
    await assert.rejects(cytomine.models.Project.fetch(bad), (e) => {
      assert.ok(e instanceof CytomineError, String(bad));
      assert.equal(e.kind, 'invalid-argument');
      assert.equal(e.mayHaveReachedServer, false);
      return /invalid id|with no id/.test(e.message);
    });
  }
  assert.equal(fake.requests.length, 0);
});

test('bad hosts and options are refused', () => {
  for (const host of ['ftp://x', 'http://', 'http://a b', 'javascript://alert(1)']) {
    assert.throws(() => new Cytomine(host), (e) => e instanceof CytomineError && /host/.test(e.message));
  }
  assert.throws(() => new Cytomine('x', { publicKey: 'a' }), /both publicKey and privateKey/);
  assert.throws(() => new Cytomine('x', { token: 5 }), /token must be a string or a function/);
  assert.throws(() => new Cytomine('x', { timeoutMs: -1 }), /timeoutMs/);
  assert.throws(() => new Cytomine('x', { credentials: 'always' }), /credentials/);
  assert.equal(new Cytomine('localhost:8080', 'cyto/api').basePath, '/cyto/api/');
});

test('cache mode: none set outside browsers unless asked; the request option overrides', async () => {
  await connect().models.Project.fetch(5);
  await connect({ cache: 'no-cache' }).models.Project.fetch(5);
  const cytomine = connect({ cache: 'no-cache' });
  await cytomine.request('GET', 'project/{id}.json', { params: { id: 5 }, cache: 'reload' });
  await cytomine.request('GET', 'project/{id}.json', { params: { id: 5 }, responseType: 'blob' });
  assert.deepEqual(fake.requests.map((r) => r.cache), [undefined, 'no-cache', 'reload', 'no-cache']);
  await assert.rejects(cytomine.request('GET', 'project.json', { cache: 'sometimes' }), (e) => e.kind === 'invalid-argument' && /option `cache` must be one of/.test(e.message));
  assert.equal(fake.requests.length, 4);
});

test('each attempt clears its timeout timer when it ends, whatever the outcome', async () => {
  const [realSet, realClear] = [globalThis.setTimeout, globalThis.clearTimeout];
  const pending = new Set();
  let started = 0;
  globalThis.setTimeout = (fn, ms, ...rest) => {
    const t = realSet(fn, ms, ...rest);
    if (ms === 30_000) { started++; pending.add(t); }
    return t;
  };
  globalThis.clearTimeout = (t) => { pending.delete(t); return realClear(t); };
  try {
    const cytomine = connect({ core: '5.2' }); // no detection probe among the counted attempts
    for (let i = 0; i < 5; i++) assert.equal((await cytomine.models.Project.fetch(5)).id, 5);
    answer = () => ({ status: 500, body: { errors: 'boom' } });
    await assert.rejects(cytomine.models.Project.fetch(5), (e) => e.status === 500);
    answer = () => ({ body: 'not json' });
    await assert.rejects(cytomine.models.Project.fetch(5), (e) => e.kind === 'decode');
    assert.equal(started, 7);
    assert.equal(pending.size, 0, 'a timer outlived its request');
  } finally {
    Object.assign(globalThis, { setTimeout: realSet, clearTimeout: realClear });
  }
});

test('every error shape gives a CytomineError with the server message, and no secret', async () => {
  const cytomine = connect();
  const cases = [
    [{ status: 404, body: { errors: { message: 'Project 9 not found' }, errorValues: {} } }, 'http', 'Project 9 not found'],
    [{ status: 409, body: { success: false, errors: 'Project X already exist!', errorValues: {} } }, 'http', 'Project X already exist!'],
    [{ status: 404, body: { errors: { message: 'Project not found with filters : {id=9}' } } }, 'http', 'Project not found with filters : {id=9}'],
    [{ status: 500, body: '<html><head><title>500</title></head><body><h1>Internal error</h1></body></html>', headers: { 'content-type': 'text/html' } }, 'http', 'Internal error'],
    [{ status: 401, body: '<html><title>Cytomine error 401</title><h1>Authorization required</h1></html>', headers: { 'content-type': 'text/html' } }, 'auth', 'Authorization required'],
  ];
  for (const [response, kind, serverMessage] of cases) {
    answer = () => response;
    const error = await cytomine.models.Project.fetch(9).then(() => null, (e) => e);
    assert.ok(error instanceof CytomineError);
    assert.equal(error.kind, kind);
    assert.equal(error.status, response.status);
    assert.equal(error.method, 'GET');
    assert.equal(error.url, 'http://cytomine.test/api/project/9.json');
    assert.equal(error.serverMessage, serverMessage);
    const everything = `${error.message} ${error.stack} ${JSON.stringify(error)} ${String(cytomine)} ${JSON.stringify(cytomine)}`;
    assert.ok(!everything.includes(PRIVATE), 'private key leaked');
    assert.ok(!everything.includes(fake.requests.at(-1).headers.authorization.split(':')[1]), 'signature leaked');
  }
  answer = () => ({ status: 401, body: '<h1>Authorization required</h1>', headers: { 'content-type': 'text/html' } });
  const e = await cytomine.models.Project.fetch(9).catch((x) => x);
  assert.match(e.message, /^401 Unauthorized: authentication failed, the server did not accept the API key signature \(GET \/api\/project\/9.json\)$/);
});

test('a 200 answer that is not what the API returns is a decode error', async () => {
  const cytomine = connect();
  answer = () => ({ status: 200, body: '<html><h1>Login</h1></html>', headers: { 'content-type': 'text/html' } });
  await assert.rejects(cytomine.models.Project.fetch(1), (e) => e.kind === 'decode' && /not JSON: Login/.test(e.message));
  answer = () => ({ body: [1, 2] });
  await assert.rejects(cytomine.models.Project.fetch(1), (e) => e.kind === 'decode' && /expected a JSON object/.test(e.message));
  answer = () => ({ body: { collection: 'nope' } });
  await assert.rejects(cytomine.models.ProjectCollection.fetchAll(), (e) => e.kind === 'decode' && /not an array/.test(e.message));
  answer = () => ({ body: { message: 'ok' } });
  await assert.rejects(new cytomine.models.Project({ name: 'x' }).save(), (e) => e.kind === 'decode' && /command response with `project`/.test(e.message));
});

test('GET is retried on 502/503/504/429 and network errors; POST never', async () => {
  const cytomine = connect({ retries: 2, retryDelayMs: 1 });
  let n = 0;
  answer = () => (++n < 3 ? { status: 503, body: 'busy', headers: { 'retry-after': '0' } } : { body: { id: 1, name: 'ok' } });
  assert.equal((await cytomine.models.Project.fetch(1)).name, 'ok');
  assert.equal(fake.requests.length, 3);
  answer = () => { throw new TypeError('fetch failed'); };
  await assert.rejects(new cytomine.models.Project({ name: 'x' }).save(), (e) => e.kind === 'network' && e.mayHaveReachedServer === true);
  assert.equal(fake.requests.length, 4, 'POST was retried');
  answer = () => ({ status: 502, body: '<h1>502 Bad Gateway</h1>' });
  await assert.rejects(cytomine.models.Project.delete(3), (e) => e.status === 502 && e.serverMessage === '502 Bad Gateway');
  assert.equal(fake.requests.length, 5, 'DELETE was retried');
});

test('models are plain objects with the Cytomine fields; save sends the public ones', async () => {
  const cytomine = connect();
  answer = (r) => ({ body: { message: 'ok', project: { ...JSON.parse(r.body), id: 42 }, command: 7 } });
  const project = new cytomine.models.Project({ name: 'Prostate', ontology: 3 });
  assert.ok(project instanceof Project);
  // Own keys are exactly the fields given; declared fields not given read as null.
  assert.deepEqual(Object.keys({ ...project }), ['name', 'ontology']);
  assert.equal(project.id, null);
  assert.equal(project.isClosed, null);
  assert.ok('isClosed' in project);
  await project.save();
  assert.deepEqual(JSON.parse(fake.requests[0].body), { name: 'Prostate', ontology: 3 });
  assert.equal(project.id, 42);
  assert.equal(cytomine.lastCommand, 7);
  assert.equal(project.uri, 'project/42.json');
  assert.equal(String(project), '[project] 42: Prostate');
  assert.deepEqual(JSON.parse(JSON.stringify(project)).name, 'Prostate');
  const copy = project.clone();
  assert.notEqual(copy, project);
  assert.deepEqual({ ...copy }, { ...project });
});

test('collections: filters are checked, paging and iteration work', async () => {
  const cytomine = connect();
  const { ProjectCollection: Projects, User: BoundUser } = cytomine.models;
  assert.throws(() => new Projects({ filterKey: 'image', filterValue: 1 }), /does not accept the filter "image"/);
  const items = Array.from({ length: 25 }, (_, i) => ({ id: 100 - i, name: `P${i}` }));
  answer = (r) => {
    const u = new URL(r.url);
    const max = Number(u.searchParams.get('max') ?? 0) || items.length;
    const offset = Number(u.searchParams.get('offset') ?? 0);
    return { body: { collection: items.slice(offset, offset + max), offset, perPage: Math.min(max, items.length), size: items.length, totalPages: Math.ceil(items.length / max) } };
  };
  const projects = new Projects({ nbPerPage: 10, filterKey: 'user', filterValue: 7 });
  await projects.fetchPage(2);
  assert.equal(projects.length, 5);
  assert.equal(projects.totalNbItems, 25);
  assert.equal(projects.nbPages, 3);
  assert.ok(fake.requests.at(-1).url.startsWith('http://cytomine.test/api/user/7/project.json?'));
  await assert.rejects(projects.fetchNextPage(), /out of bounds/);
  await projects.fetchPreviousPage();
  assert.deepEqual([...projects].map((p) => p.name), items.slice(10, 20).map((p) => p.name));
  const seen = [];
  for await (const p of new Projects({ nbPerPage: 7 })) seen.push(p.id);
  assert.deepEqual(seen, items.map((p) => p.id));
  const all = await Projects.fetchAll({ nbPerPage: 4 });
  assert.deepEqual(all.array.map((p) => p.id), items.map((p) => p.id));
  assert.ok(all.get(0) instanceof Project);
  assert.throws(() => all.push({}), /only holds Project objects/);
  all.push(new Project());
  assert.equal(all.length, 26);
  assert.ok(BoundUser.cytomine === cytomine && new BoundUser() instanceof User);
});

test('fetchAll keeps pages in flight in parallel, reports progress, and AbortSignal cancels', async () => {
  const cytomine = connect({ pageConcurrency: 4 });
  let inFlight = 0;
  let maxInFlight = 0;
  answer = async (r) => {
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    await new Promise((res) => setTimeout(res, 20));
    inFlight--;
    const body = JSON.parse(r.body);
    const ids = Array.from({ length: Math.max(0, Math.min(body.max, 95 - body.offset)) }, (_, i) => ({ id: 1000 - body.offset - i }));
    return { body: { collection: ids, offset: body.offset, perPage: body.max, size: 95, totalPages: 10 } };
  };
  const progress = [];
  const annotations = new cytomine.models.AnnotationCollection({ project: 1, nbPerPage: 10 });
  await annotations.fetchAll({ onProgress: (p) => progress.push(p.loaded) });
  assert.equal(annotations.length, 95);
  assert.deepEqual(annotations.array.map((a) => a.id), Array.from({ length: 95 }, (_, i) => 1000 - i));
  assert.equal(maxInFlight, 4);
  assert.equal(progress.at(-1), 95);
  assert.ok(annotations.get(0) instanceof Annotation);

  // Models are built page by page as pages arrive: when the last page is in, the first pages'
  // models already exist (mapPage runs once per page, with that page's items).
  const pages = [];
  const all = await cytomine.requestAllPages('POST', 'annotation/search.json', {
    body: { project: 1 },
    pageSize: 10,
    mapPage: (items) => (pages.push(items.map((i) => i.id)), items.map((i) => ({ wrapped: i.id }))),
  });
  assert.equal(pages.length, 10);
  assert.deepEqual(pages.flat().sort((a, b) => b - a), Array.from({ length: 95 }, (_, i) => 1000 - i));
  assert.ok(pages.every((p) => p.length === 10 || p.length === 5));
  assert.deepEqual(all.collection.map((x) => x.wrapped), Array.from({ length: 95 }, (_, i) => 1000 - i));
  // A failing mapPage fails the whole fetch with its own error; a non-array result is refused.
  await assert.rejects(cytomine.requestAllPages('POST', 'annotation/search.json', { body: { project: 1 }, pageSize: 10, mapPage: () => { throw new RangeError('mine'); } }), RangeError);
  await assert.rejects(cytomine.requestAllPages('POST', 'annotation/search.json', { body: { project: 1 }, pageSize: 10, mapPage: () => 5 }), (e) => e.kind === 'invalid-argument' && /mapPage/.test(e.message));

  const controller = new AbortController();
  const pending = new cytomine.models.AnnotationCollection({ project: 1, nbPerPage: 10 }).fetchAll({ signal: controller.signal });
  setTimeout(() => controller.abort(), 30);
  await assert.rejects(pending, (e) => e instanceof CytomineError && e.kind === 'aborted');
});

test('extra methods: path, query, result', async () => {
  const cytomine = connect();
  answer = () => ({ body: { collection: [{ id: 3, username: 'alice' }], offset: 0, perPage: 1, size: 1, totalPages: 1 } });
  const project = new cytomine.models.Project({ id: 8 });
  const users = await project.fetchUsers(true);
  assert.equal(fake.requests[0].url, 'http://cytomine.test/api/project/8/user.json?online=true');
  assert.equal(users.get(0).username, 'alice');
  assert.ok(users.get(0) instanceof User);
  answer = () => ({ body: { data: { message: 'OK' }, command: 12 } });
  assert.equal(await project.addUsers([3, 4]), undefined);
  assert.equal(fake.requests[1].method, 'POST');
  assert.equal(fake.requests[1].url, 'http://cytomine.test/api/project/8/user.json?users=3,4');
  await assert.rejects(project.addUser('x/1'), /invalid user/);
  await assert.rejects(new Project().fetchUsers(), /Cannot fetchUsers with no id/);
  answer = () => ({ body: { id: 3, username: 'me' } });
  assert.equal((await cytomine.models.User.fetchCurrent()).username, 'me');
});
