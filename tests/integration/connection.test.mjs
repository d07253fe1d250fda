// Connections against the emulator: API keys, bearer tokens, cookie sessions, several
// connections side by side, undo/redo, the signature helper, admin sessions, network errors.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { Cytomine, CytomineError, User, Project } from '../../js/index.js';
import {
  startEmulator, cred, userOf, connectAs, failure, rejectsWith, idsOf, sorted, projectsOfUser, closedPort, uniqueName, TODAY,
} from '../support/integration.mjs';

let server;
let alice; // the default connection (Cytomine.instance)
let panc; // a project alice is a member of

before(async () => {
  server = await startEmulator();
  alice = connectAs(server, 'alice');
  panc = server.state.all('project').find((p) => p.name === 'PANC-Biopsies');
});
after(() => server?.close());

test('API keys: ping and the current user', async () => {
  assert.equal(Cytomine.instance, alice);
  assert.equal(alice.authKind, 'api-key');
  const pong = await alice.ping();
  assert.equal(pong.alive, true);
  assert.equal(pong.serverURL, server.url);
  assert.equal(typeof pong.version, 'string');

  const me = await User.fetchCurrent();
  assert.ok(me instanceof User);
  const record = userOf(server, 'alice');
  assert.equal(me.id, record.id);
  assert.equal(me.username, 'alice');
  assert.equal(me.name, record.name);
  const last = server.requests.findLast((r) => r.path === '/api/user/current.json');
  assert.equal(last.auth, 'apikey');
  assert.equal(last.user, 'alice');
});

test('bearer token: a string', async () => {
  const bob = new Cytomine(server.url, { token: server.issueToken('bob'), retries: 0 });
  assert.equal(bob.authKind, 'token');
  const me = await bob.models.User.fetchCurrent();
  assert.equal(me.id, userOf(server, 'bob').id);
  assert.equal(me.username, 'bob');
  assert.equal(server.requests.findLast((r) => r.path === '/api/user/current.json').auth, 'bearer');
});

test('bearer token: an async function called before each request', async () => {
  const issued = [];
  const carol = new Cytomine(server.url, {
    retries: 0,
    token: async () => {
      await new Promise((r) => setTimeout(r, 1));
      const t = server.issueToken('carol');
      issued.push(t);
      return t;
    },
  });
  const me = await carol.models.User.fetchCurrent();
  assert.equal(me.username, 'carol');
  const projects = await carol.models.ProjectCollection.fetchAll();
  assert.deepEqual(sorted(idsOf(projects)), sorted(idsOf(projectsOfUser(server.state, me.id))));
  assert.equal(issued.length, 2);
  assert.notEqual(issued[0], issued[1]);
});

test('an expired token is an auth error (401)', async () => {
  const expired = server.issueToken('alice', { expiresInMs: -60_000 });
  const c = new Cytomine(server.url, { token: expired, retries: 0 });
  const e = await failure(c.models.User.fetchCurrent());
  assert.equal(e.kind, 'auth');
  assert.equal(e.status, 401);
  assert.equal(e.method, 'GET');
  assert.equal(e.url, `${server.url}/api/user/current.json`);
  assert.match(e.message, /authentication failed, the server did not accept the token/);
  assert.ok(!e.message.includes(expired) && !JSON.stringify(e).includes(expired), 'token leaked');
});

test('a wrong private key is an auth error (401) naming the API key signature', async () => {
  const { publicKey, privateKey } = cred(server, 'alice');
  const wrong = `${privateKey.slice(0, -1)}${privateKey.endsWith('0') ? '1' : '0'}`;
  const c = new Cytomine(server.url, { publicKey, privateKey: wrong, retries: 0 });
  const e = await rejectsWith(c.models.Project.fetch(panc.id), 401, 'Authorization required');
  assert.equal(e.message, `401 Unauthorized: authentication failed, the server did not accept the API key signature (GET /api/project/${panc.id}.json)`);
  assert.equal(e.mayHaveReachedServer, true);
  assert.ok(!`${e.message}${e.stack}${JSON.stringify(e)}`.includes(wrong), 'private key leaked');
});

test('no credentials at all: 401 explaining that none were given', async () => {
  const c = new Cytomine(server.url, { retries: 0 });
  assert.equal(c.authKind, 'none');
  const e = await rejectsWith(c.models.User.fetchCurrent(), 401);
  assert.match(e.message, /request without credentials/);
});

// Node's fetch has no cookie jar: the browser's behaviour (sending the session cookie with
// `credentials: 'include'`) is reproduced by a fetch wrapper that adds the cookie the
// emulator set at login, for the duration of the test only.
test('cookie session (emulator login, cookie sent as a browser would)', async () => {
  const login = await fetch(`${server.url}/emulator/login`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'bob' }),
  });
  assert.equal(login.status, 200);
  const cookie = login.headers.get('set-cookie').split(';')[0];
  assert.match(cookie, /^JSESSIONID=\w+$/);

  const realFetch = globalThis.fetch;
  const sentCredentials = [];
  const probeCredentials = [];
  globalThis.fetch = (url, init = {}) => {
    // The generation probe (server/ping*) is sent once, without credentials.
    (/\/server\/ping/.test(url) ? probeCredentials : sentCredentials).push(init.credentials);
    const headers = new Headers(init.headers);
    if (init.credentials === 'include' && String(url).startsWith(server.url)) headers.set('cookie', cookie);
    return realFetch(url, { ...init, headers });
  };
  try {
    const c = new Cytomine(server.url, { credentials: 'include', retries: 0 });
    const me = await c.models.User.fetchCurrent();
    assert.equal(me.username, 'bob');
    assert.equal(server.requests.findLast((r) => r.path === '/api/user/current.json').auth, 'cookie');
    const projects = await c.models.ProjectCollection.fetchAll();
    assert.deepEqual(sorted(idsOf(projects)), sorted(idsOf(projectsOfUser(server.state, me.id))));
    assert.deepEqual(sentCredentials, ['include', 'include']);
    assert.deepEqual(probeCredentials, TODAY ? ['omit', 'omit'] : ['omit']);
  } finally {
    globalThis.fetch = realFetch;
  }
});

// Browsers drop the Date header scripts set; the package also sends dateFull, which a gateway
// copies into Date (README "API keys in browsers"). Reproduced by removing Date before sending.
test('API keys without a Date header: refused by core, accepted behind a dateFull gateway', async () => {
  const gateway = await startEmulator({ gateway: true });
  const realFetch = globalThis.fetch;
  globalThis.fetch = (url, init = {}) => {
    const headers = new Headers(init.headers);
    assert.ok(headers.get('datefull'), 'dateFull is sent');
    headers.delete('date');
    return realFetch(url, { ...init, headers });
  };
  try {
    const direct = connectAs(server, 'alice');
    const e = await rejectsWith(direct.models.User.fetchCurrent(), 401);
    assert.match(e.message, /API key signature/);
    const behindGateway = connectAs(gateway, 'alice');
    assert.equal((await behindGateway.models.User.fetchCurrent()).username, 'alice');
    const last = gateway.requests.findLast((r) => r.path === '/api/user/current.json');
    assert.equal(last.dateCopiedFromDateFull, true);
    assert.equal(last.auth, 'apikey');
    // a signed POST with a JSON body too
    const p = await new behindGateway.models.Project({ name: uniqueName('gateway') }).save();
    assert.equal(gateway.state.get('project', p.id).name, p.name);
  } finally {
    globalThis.fetch = realFetch;
    await gateway.close();
  }
});

test('Cytomine.setDefault changes the connection of the unbound classes', async () => {
  const bob = connectAs(server, 'bob');
  try {
    Cytomine.setDefault(bob);
    assert.equal(Cytomine.instance, bob);
    assert.equal((await User.fetchCurrent()).username, 'bob');
    assert.equal((await Project.fetch(panc.id)).cytomine, bob);
  } finally {
    Cytomine.setDefault(alice);
  }
  assert.equal((await User.fetchCurrent()).username, 'alice');
});

test('two connections side by side through cytomine.models', async () => {
  const bob = connectAs(server, 'bob');
  const [a, b] = await Promise.all([
    alice.models.ProjectCollection.fetchAll(),
    bob.models.ProjectCollection.fetchAll(),
  ]);
  const aliceId = userOf(server, 'alice').id;
  const bobId = userOf(server, 'bob').id;
  assert.deepEqual(sorted(idsOf(a)), sorted(idsOf(projectsOfUser(server.state, aliceId))));
  assert.deepEqual(sorted(idsOf(b)), sorted(idsOf(projectsOfUser(server.state, bobId))));
  assert.notDeepEqual(sorted(idsOf(a)), sorted(idsOf(b)));
  // items are bound to the connection that fetched them
  const onlyBob = b.array.find((p) => !idsOf(a).includes(p.id));
  assert.ok(onlyBob, 'bob sees a project alice does not');
  assert.equal(onlyBob.cytomine, bob);
  await onlyBob.fetch();
  await rejectsWith(alice.models.Project.fetch(onlyBob.id), 403);
  // the unbound classes use the default connection (alice)
  assert.equal((await User.fetchCurrent()).username, 'alice');
  assert.equal((await bob.models.User.fetchCurrent()).username, 'bob');
});

test('lastCommand, undo() and redo() of a project creation', async () => {
  const carol = connectAs(server, 'carol');
  assert.equal(carol.lastCommand, null);
  const name = uniqueName('undo');
  const project = await new carol.models.Project({ name }).save();
  assert.ok(project.id > 0);
  assert.equal(typeof carol.lastCommand, 'number');
  assert.ok(server.commands.cmds.has(carol.lastCommand), 'lastCommand is a command of the emulator');
  assert.equal(server.state.get('project', project.id).name, name);

  const undone = await carol.undo();
  assert.equal(undone.length, 1);
  assert.equal(undone[0].project.id, project.id);
  assert.equal(undone[0].callback.method, 'be.cytomine.DeleteProjectCommand');
  assert.equal(server.state.get('project', project.id), undefined);
  const e = await rejectsWith(carol.models.Project.fetch(project.id), 404);
  assert.equal(e.serverMessage, `Project not found with filters : {id=${project.id}}`);

  const redone = await carol.redo();
  assert.equal(redone.length, 1);
  const again = await carol.models.Project.fetch(project.id);
  assert.equal(again.name, name);
  assert.equal(server.state.get('project', project.id).name, name);

  // the command id form
  await carol.undo(carol.lastCommand);
  await rejectsWith(carol.models.Project.fetch(project.id), 404);
  await carol.redo(carol.lastCommand);
  assert.equal((await carol.models.Project.fetch(project.id)).name, name);
  await carol.models.Project.delete(project.id);
});

test('fetchSignature() equals the HMAC-SHA1 computed locally', async () => {
  const input = {
    method: 'POST', uri: '/api/project.json', queryString: 'max=10&offset=0', date: 'Tue, 02 Jun 2026 10:00:00 GMT',
    contentMD5: '', contentType: 'application/json',
  };
  const signature = await alice.fetchSignature(input);
  // Today's core signs without the path and query (it ignores forwardURI and queryString).
  const tail = (pathAndQuery) => (TODAY ? '' : `\n${pathAndQuery}`);
  const message = `${input.method}\n${input.contentMD5}\n${input.contentType}\n${input.date}${tail(`${input.uri}?${input.queryString}`)}`;
  const expected = createHmac('sha1', cred(server, 'alice').privateKey).update(message).digest('base64');
  assert.equal(signature, expected);
  // without a query string
  const bare = await alice.fetchSignature({ method: 'GET', uri: '/api/user/current.json', date: input.date });
  assert.equal(bare, createHmac('sha1', cred(server, 'alice').privateKey).update(`GET\n\n\n${input.date}${tail('/api/user/current.json')}`).digest('base64'));
});

test('openAdminSession() as admin: every project becomes visible, closeAdminSession() hides them', async () => {
  const admin = connectAs(server, 'admin');
  const adminId = userOf(server, 'admin').id;
  const before = await admin.models.ProjectCollection.fetchAll();
  assert.deepEqual(sorted(idsOf(before)), sorted(idsOf(projectsOfUser(server.state, adminId))));
  assert.equal(await admin.openAdminSession(), true);
  assert.ok(server.state.adminSessions.has(adminId));
  const all = await admin.models.ProjectCollection.fetchAll();
  assert.deepEqual(sorted(idsOf(all)), sorted(idsOf(server.state.all('project'))));
  assert.equal(await admin.closeAdminSession(), true);
  assert.ok(!server.state.adminSessions.has(adminId));
  const afterClose = await admin.models.ProjectCollection.fetchAll();
  assert.equal(afterClose.length, before.length);
  // a non-admin cannot open one
  const e = await rejectsWith(connectAs(server, 'bob').openAdminSession(), 403, 'You are not an admin!');
  assert.equal(e.method, 'GET');
});

test('an unreachable server is a network error that certainly did not reach it', async () => {
  const port = await closedPort();
  const { publicKey, privateKey } = cred(server, 'alice');
  const c = new Cytomine(`http://127.0.0.1:${port}`, { publicKey, privateKey, retries: 0 });
  for (const attempt of [c.models.Project.fetch(panc.id), new c.models.Project({ name: 'x' }).save()]) {
    const e = await failure(attempt);
    assert.ok(e instanceof CytomineError);
    assert.equal(e.kind, 'network');
    assert.equal(e.status, null);
    assert.equal(e.mayHaveReachedServer, false);
    assert.match(e.message, /could not connect to the server/);
  }
  // retries of a GET still end with a network error
  const retrying = new Cytomine(`http://127.0.0.1:${port}`, { token: 'x', retries: 2, retryDelayMs: 1 });
  const e = await failure(retrying.models.Project.fetch(panc.id));
  assert.equal(e.kind, 'network');
  assert.equal(e.mayHaveReachedServer, false);
});

test('maxResponseBytes: a larger answer is refused as too-large', async () => {
  const small = connectAs(server, 'alice', { maxResponseBytes: 2000 });
  assert.equal((await small.models.User.fetchCurrent()).username, 'alice');
  const e = await failure(small.models.AnnotationCollection.fetchAll({ project: panc.id }));
  assert.equal(e.kind, 'too-large');
  assert.match(e.message, /larger than the limit of 2000 bytes/);
});

test('request() and url() with placeholders, queries and absolute paths', async () => {
  assert.equal(alice.url('project/{id}.json', { id: panc.id }, { a: 'x y', b: [1, 2] }), `${server.url}/api/project/${panc.id}.json?a=x%20y&b=1,2`);
  const raw = await alice.request('GET', 'project/{id}/user.json', { params: { id: panc.id }, query: { max: 2 } });
  assert.equal(raw.collection.length, 2);
  assert.equal(raw.size, new Set([...server.state.membersOf(panc.id).contributors, ...server.state.membersOf(panc.id).managers]).size);
  if (TODAY) {
    // Today's core only has GET /server/ping.
    assert.equal((await alice.request('GET', '/server/ping')).alive, true);
    await rejectsWith(alice.request('GET', '/server/ping.json'), 404);
  } else {
    assert.equal((await alice.request('GET', '/server/ping.json')).alive, true);
  }
  const text = await alice.request('GET', 'user/current.json', { responseType: 'text' });
  assert.equal(JSON.parse(text).username, 'alice');
  await assert.rejects(alice.request('GET', 'project/{id}.json', { params: { id: '1/../2' } }), (e) => e.kind === 'invalid-argument');
});

test('the default connection is the first one and models stay plain objects', async () => {
  const p = await Project.fetch(panc.id);
  assert.equal(p.cytomine, alice);
  assert.equal(p.name, panc.name);
  assert.equal(JSON.parse(JSON.stringify(p)).id, panc.id);
  assert.equal(String(alice).includes(cred(server, 'alice').privateKey), false);
});
