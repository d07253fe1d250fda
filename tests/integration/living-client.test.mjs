// The forms of Cytomine's living JS API layer (`web-ui/src/api` of cytomine/cytomine, since
// 2025-10): `new Cytomine(coreUrl, iamUrl, interceptor)`, the IAM URL (MyAccount), the request
// hook that adds headers as its axios interceptor does, and `save`/`update` reading `data.data`.
// Against the emulator speaking the generation of CYTOMINE_CORE; values checked against its state
// and against what arrived on the wire (a recording proxy in front of it).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, request as httpRequest } from 'node:http';
import { Cytomine, CytomineError, keycloakToken } from '../../js/index.js';
import { startEmulator, cred, connectAs, failure, uniqueName, CORE, TODAY } from '../support/integration.mjs';

let server;
let iamServer;
let proxy;
const seen = [];

/** A proxy in front of the emulator that records the headers each request arrived with. */
function startRecordingProxy(target) {
  const upstream = new URL(target);
  const p = createServer((req, res) => {
    seen.push({ method: req.method, path: req.url, headers: { ...req.headers } });
    const forward = httpRequest({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: { ...req.headers, host: upstream.host } }, (answer) => {
      res.writeHead(answer.statusCode, answer.headers);
      answer.pipe(res);
    });
    forward.on('error', () => res.destroy());
    req.pipe(forward);
  });
  return new Promise((resolve) => p.listen(0, '127.0.0.1', () => resolve(p)));
}

before(async () => {
  server = await startEmulator();
  iamServer = await startEmulator();
  proxy = await startRecordingProxy(server.url);
});
after(async () => {
  await server?.close();
  await iamServer?.close();
  proxy?.close();
});

const proxyUrl = () => `http://127.0.0.1:${proxy.address().port}`;

/** The web UI's interceptor (web-ui/src/App.vue), with a fixed token instead of keycloak-js. */
const webUiInterceptor = (token) => async (config) => {
  config.headers = config.headers || {};
  config.headers['Authorization'] = `Bearer ${token}`;
  return config;
};

test('the constructor forms are told apart by argument types', () => {
  const fn = async (c) => c;
  const living = new Cytomine('http://core.test:8080/api/', 'http://iam.test:8100/iam/realms/cytomine', fn);
  assert.deepEqual([living.host, living.basePath, living.coreUrl, living.iamUrl], ['http://core.test:8080', '/api/', 'http://core.test:8080/api/', 'http://iam.test:8100/iam/realms/cytomine/']);
  const rootCore = new Cytomine('https://core.test', 'https://core.test/iam/realms/cytomine/');
  assert.deepEqual([rootCore.basePath, rootCore.coreUrl], ['/', 'https://core.test/'], 'the core URL is the API base, as in the web UI');
  const withOptions = new Cytomine('http://core.test/api/', 'http://core.test/iam/realms/cytomine/', null, { token: 't', credentials: 'include', core: '2026' });
  assert.deepEqual([withOptions.authKind, withOptions.core, withOptions.basePath], ['token', '2026', '/api/']);
  const client = new Cytomine('core.test', '/core/api', 'auth/realms/lab', fn);
  assert.deepEqual([client.host, client.basePath, client.iamUrl], ['http://core.test', '/core/api/', 'http://core.test/auth/realms/lab/']);
  const options = new Cytomine('https://core.test/api/', { token: 't', iamUrl: 'https://login.test/realms/cytomine' });
  assert.deepEqual([options.host, options.basePath, options.iamUrl], ['https://core.test', '/api/', 'https://login.test/realms/cytomine/']);
  const plain = new Cytomine('https://core.test', { token: 't' });
  assert.deepEqual([plain.basePath, plain.iamUrl], ['/api/', 'https://core.test/iam/realms/cytomine/']);
  const refusals = [
    [() => new Cytomine('http://c.test/api/', 'http://i.test/', 'not a function'), /third argument \(the request interceptor\) must be a function/],
    [() => new Cytomine('http://c.test', '/api/', () => 1), /third argument of new Cytomine\(host, basePath, iamPath, interceptor\) must be the IAM path/],
    [() => new Cytomine('http://c.test/api/', { basePath: '/api/' }), /give the base path once/],
    [() => new Cytomine('http://c.test', { iamUrl: '/iam/' }), /iamUrl must be an absolute http\(s\) URL/],
    [() => new Cytomine('http://c.test', { iamUrl: 'https://user:pw@i.test/' }), /iamUrl must not carry credentials/],
    [() => new Cytomine('http://c.test', { onRequest: 'x' }), /option `onRequest` must be a function/],
    [() => new Cytomine('http://c.test', {}, 'extra'), /takes two arguments/],
    [() => new Cytomine('http://c.test/api/', 'http://i.test/', null, 'x'), /fourth argument of new Cytomine\(coreUrl, iamUrl, interceptor, options\) must be an options object/],
    [() => new Cytomine('http://c.test/api/', 'http://i.test/', fn, { onRequest: fn }), /give onRequest once/],
  ];
  for (const [make, message] of refusals) {
    assert.throws(make, (e) => e instanceof CytomineError && e.kind === 'invalid-argument' && message.test(e.message));
  }
});

test('new Cytomine(coreUrl, iamUrl, interceptor) as the web UI calls it: the interceptor authenticates core and IAM calls', async () => {
  const { token } = cred(server, 'alice');
  const c = new Cytomine(`${server.url}/api/`, `${server.url}/iam/realms/cytomine/`, webUiInterceptor(token));
  assert.equal(c.authKind, 'none');
  const { User, ProjectCollection, MyAccount } = c.models;
  const start = server.requests.length;
  const me = await User.fetchCurrent();
  assert.equal(me.username, 'alice');
  const projects = await ProjectCollection.fetchAll();
  const expected = server.state.all('project').filter((p) => { const m = server.state.membersOf(p.id); return m.contributors.has(me.id) || m.managers.has(me.id); }).map((p) => p.id).sort((a, b) => a - b);
  assert.deepEqual([...projects].map((p) => p.id).sort((a, b) => a - b), expected);
  const account = await MyAccount.fetch();
  assert.equal(account.username, 'alice');
  const probes = server.requests.slice(start).filter((r) => /server\/ping/.test(r.path));
  assert.deepEqual(probes.map((r) => r.path), TODAY ? ['/server/ping.json', '/server/ping'] : ['/server/ping.json']);
  assert.deepEqual(probes.map((r) => r.auth), probes.map(() => null), 'the generation probe does not go through the hook');
  const sent = server.requests.slice(start).filter((r) => !/server\/ping/.test(r.path));
  assert.ok(sent.length >= 3);
  assert.deepEqual([...new Set(sent.map((r) => r.auth))], ['bearer'], 'every request carried the interceptor\'s token');
  assert.equal(sent.at(-1).path, '/iam/realms/cytomine/account');
});

test('an IAM on another origin: MyAccount goes to iamUrl, with the hook\'s token and never an API-key signature', async () => {
  const { token } = cred(server, 'bob');
  const iamUrl = `${iamServer.url}/iam/realms/cytomine/`;
  const c = new Cytomine(`${server.url}/api/`, iamUrl, webUiInterceptor(token));
  const { MyAccount } = c.models;
  const coreBefore = server.requests.length;
  const iamBefore = iamServer.requests.length;
  const account = await MyAccount.fetch();
  assert.equal(account.username, 'bob');
  account.firstName = 'Robert';
  await account.update();
  const credentials = await MyAccount.fetchCredentials();
  assert.equal(credentials[0].type, 'password');
  const bobOnIam = iamServer.state.userByUsername('bob');
  assert.equal(bobOnIam.account.firstName, 'Robert', 'the update reached the IAM server');
  assert.equal(server.state.userByUsername('bob').account?.firstName ?? null, null, 'and not the core server');
  assert.equal(server.requests.length, coreBefore, 'no account call went to core');
  const onIam = iamServer.requests.slice(iamBefore);
  assert.deepEqual(onIam.map((r) => [r.method, r.path, r.auth]), [
    ['GET', '/iam/realms/cytomine/account', 'bearer'],
    ['POST', '/iam/realms/cytomine/account', 'bearer'],
    ['GET', '/iam/realms/cytomine/account/credentials', 'bearer'],
  ], 'no generation probe either');

  // API keys are not sent to an IAM on another origin (today's core accepts a replayed signature).
  const keys = connectAs(server, 'bob', { iamUrl });
  const before = iamServer.requests.length;
  const e = await failure(keys.models.MyAccount.fetch());
  assert.equal(e.status, 401);
  const [refused] = iamServer.requests.slice(before);
  assert.equal(refused.headers['authorization-present'], false);
  assert.equal(refused.headers.datefull, null);
});

test('keycloakToken({ iamUrl }) logs in at the realm given as the web UI\'s IAM_URL', async () => {
  const token = keycloakToken({ iamUrl: `${server.url}/iam/realms/cytomine/`, username: 'carol', password: 'carol-password' });
  const c = new Cytomine(`${server.url}/api/`, { token, iamUrl: `${server.url}/iam/realms/cytomine` });
  assert.equal((await c.models.User.fetchCurrent()).username, 'carol');
  assert.equal((await c.models.MyAccount.fetch()).username, 'carol');
  assert.throws(() => keycloakToken({ iamUrl: 'not a url', username: 'u', password: 'p' }), /iamUrl must be an absolute http\(s\) URL/);
});

test('onRequest runs before signing: its headers are sent, signed, and API-key requests still authenticate', async () => {
  const saw = [];
  const proxied = new Cytomine(proxyUrl(), { ...keysOf('alice'), core: CORE, retries: 0, onRequest: (request) => {
    saw.push({ method: request.method, url: request.url, body: request.body, headers: { ...request.headers } });
    request.headers['X-Request-Id'] = `r-${saw.length}`;
    request.headers['Content-MD5'] = 'bWQ1LW9mLXRoZS1ib2R5';
    request.headers.authorization = 'Bearer not-used';
    request.headers['X-Count'] = 3;
    request.headers['X-Flag'] = true;
    request.headers.Accept = null;
  } });
  const { Project, Term } = proxied.models;
  const panc = server.state.all('project').find((p) => p.name === 'PANC-Biopsies');
  seen.length = 0;
  saw.length = 0;
  const project = await Project.fetch(panc.id);
  assert.equal(project.name, 'PANC-Biopsies');
  const term = await new Term({ name: uniqueName('hooked'), color: '#123456', ontology: panc.ontology }).save();
  assert.equal(server.state.get('term', term.id).name, term.name);

  assert.deepEqual(saw.map((s) => s.method), ['GET', 'POST']);
  assert.equal(saw[0].url, `${proxyUrl()}/api/project/${panc.id}.json`);
  assert.deepEqual(Object.keys(saw[0].headers), ['Accept'], 'the hook sees no credentials');
  assert.deepEqual(Object.keys(saw[1].headers), ['Accept', 'Content-Type']);
  assert.equal(JSON.parse(saw[1].body).name, term.name, 'the hook sees the JSON body');
  const arrived = seen.filter((r) => !/server\/ping/.test(r.path));
  assert.deepEqual(arrived.map((r) => r.headers['x-request-id']), ['r-1', 'r-2']);
  assert.deepEqual(arrived.map((r) => r.headers['content-md5']), ['bWQ1LW9mLXRoZS1ib2R5', 'bWQ1LW9mLXRoZS1ib2R5']);
  for (const r of arrived) {
    assert.match(r.headers.authorization, /^CYTOMINE /, 'the connection\'s own credentials win');
    assert.deepEqual([r.headers['x-count'], r.headers['x-flag'], r.headers.accept], ['3', 'true', undefined], 'numbers and booleans as text; null removes');
  }
  const logged = server.requests.slice(-2);
  assert.deepEqual(logged.map((r) => [r.status, r.auth]), [[200, 'apikey'], [200, 'apikey']], 'signed with the hook\'s Content-MD5');
  proxied.free();
});

function keysOf(username) {
  const { publicKey, privateKey } = cred(server, username);
  return { publicKey, privateKey };
}

test('onRequest may return the request (axios style), a new object with headers, or a promise; its failures reject before sending', async () => {
  const { token } = cred(server, 'alice');
  const returning = new Cytomine(server.url, { core: CORE, retries: 0, onRequest: async (r) => ({ headers: { ...r.headers, Authorization: `Bearer ${token}` } }) });
  assert.equal((await returning.models.User.fetchCurrent()).username, 'alice');
  assert.equal(server.requests.at(-1).auth, 'bearer');

  const before = server.requests.length;
  const cases = [
    [() => { throw new Error('secret-in-message'); }, /^the onRequest hook threw an error/],
    [async () => { throw new Error('secret-in-message'); }, /^the onRequest hook rejected/],
    [(r) => { r.headers['X-Bad'] = 'a\r\nX-Injected: 1'; }, /^the onRequest hook set a header that cannot be sent: X-Bad has a value with a line break/],
    [(r) => { r.headers['Bad Name'] = 'x'; }, /Bad Name is not a valid header name/],
    [(r) => { r.headers['X-Obj'] = {}; }, /X-Obj is not a string/],
    [() => 'nonsense', /returned something else than the request/],
    [(r) => { 'use strict'; r.url = 'http://elsewhere.test/'; }, /^the onRequest hook threw an error/],
  ];
  for (const [hook, message] of cases) {
    const c = new Cytomine(server.url, { core: CORE, retries: 0, onRequest: hook });
    const e = await failure(c.models.User.fetchCurrent());
    assert.equal(e.kind, 'invalid-argument');
    assert.match(e.message, message);
    assert.doesNotMatch(e.message, /secret-in-message|Injected/);
    assert.equal(e.mayHaveReachedServer, false);
    c.free();
  }
  assert.equal(server.requests.length, before, 'nothing was sent');
});

test('onRequest runs on every attempt (a retried read calls it again)', async () => {
  let attempts = 0;
  const calls = [];
  const c = new Cytomine('http://fake.test', { token: 't', core: CORE, retries: 2, retryDelayMs: 0, onRequest: (r) => { calls.push(r.url); r.headers['X-Attempt'] = calls.length; }, fetch: async (url, init) => {
    attempts += 1;
    if (attempts === 1) return new Response('busy', { status: 503 });
    return new Response(JSON.stringify({ id: 7, name: `attempt ${init.headers['X-Attempt']}` }), { status: 200, headers: { 'content-type': 'application/json' } });
  } });
  const project = await c.models.Project.fetch(7);
  assert.equal(project.name, 'attempt 2');
  assert.deepEqual(calls, ['http://fake.test/api/project/7.json', 'http://fake.test/api/project/7.json']);
});

test('save() and update() populate from data.data (today\'s command responses) and from the object key', async () => {
  const c = connectAs(server, 'alice');
  const { Term } = c.models;
  const panc = server.state.all('project').find((p) => p.name === 'PANC-Biopsies');
  const term = new Term({ name: uniqueName('data'), color: '#00AA00', ontology: panc.ontology });
  assert.equal(await term.save(), term);
  const stored = server.state.get('term', term.id);
  assert.ok(Number.isSafeInteger(term.id) && term.id > 0);
  assert.equal(stored.name, term.name);
  if (TODAY) assert.match(String(c.lastCommand), /^[0-9a-f-]{36}$/, 'a repository command id');
  else assert.ok(Number.isSafeInteger(c.lastCommand));
  term.name = uniqueName('renamed');
  assert.equal(await term.update(), term);
  assert.equal(server.state.get('term', term.id).name, term.name);
  assert.equal(term.ontology, panc.ontology);

  // A response with only `data` (and the command's class name as `command`), as today's v2
  // command responses for any domain.
  const onlyData = new Cytomine('http://fake.test', { token: 't', core: CORE, retries: 0, fetch: async (url, init) => {
    const sent = JSON.parse(init.body);
    const body = { data: { ...sent, id: 4242, created: '1700000000000' }, command: 'AddProjectCommand', commandId: '0c4a2a9e-5b4f-4c1a-9f55-2d7f5f0f0a11' };
    return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
  } });
  const project = await new onlyData.models.Project({ name: 'From data' }).save();
  assert.deepEqual([project.id, project.name, project.created], [4242, 'From data', '1700000000000']);
  assert.equal(onlyData.lastCommand, '0c4a2a9e-5b4f-4c1a-9f55-2d7f5f0f0a11');
  project.name = 'Renamed from data';
  await project.update();
  assert.equal(project.name, 'Renamed from data');
});

test(`the generation of this run is ${CORE}`, () => {
  assert.equal(server.core, CORE);
});
