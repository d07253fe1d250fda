// What differs between core 5.2 and today's core, end to end against the emulator speaking the
// generation of CYTOMINE_CORE (tests/support/integration.mjs): detection, the 401 fallback when
// the probe is impossible, paging past the repository's 20-item default, undo, the annotation
// report, Keycloak tokens and token query parameters. Values checked against the emulator state.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Cytomine, keycloakToken } from '../../js/index.js';
import { startEmulator, cred, connectAs, userOf, sorted, idsOf, uniqueName, CORE, TODAY } from '../support/integration.mjs';

let server;
let state;
let alice;
let panc;

before(async () => {
  server = await startEmulator({ tokenLifetimeS: 4 });
  state = server.state;
  alice = connectAs(server, 'alice');
  panc = state.all('project').find((p) => p.name === 'PANC-Biopsies');
});
after(() => server?.close());

test('the generation is detected once, without credentials', async () => {
  const c = connectAs(server, 'bob');
  const before = server.requests.length;
  assert.equal(await c.detectCore(), CORE);
  assert.equal(c.core, CORE);
  const probes = server.requests.slice(before);
  assert.deepEqual(probes.map((r) => r.path), TODAY ? ['/server/ping.json', '/server/ping'] : ['/server/ping.json']);
  assert.deepEqual(probes.map((r) => r.auth), probes.map(() => null), 'no credentials on the probe');
  assert.equal((await c.models.User.fetchCurrent()).username, 'bob');
  assert.equal(await c.detectCore(), CORE);
  const after = server.requests.slice(before + probes.length);
  assert.deepEqual(after.map((r) => [r.path, r.auth]), [['/api/user/current.json', 'apikey']], 'detected once');
});

test('probe impossible (as under CORS): a 401 is retried once in the other form, which is then kept', async () => {
  const { publicKey, privateKey } = cred(server, 'carol');
  const sent = [];
  const blockedProbe = (url, init) => {
    if (String(url).includes('/server/ping')) return Promise.reject(new TypeError('Failed to fetch'));
    sent.push(`${init.method} ${new URL(url).pathname}`);
    return fetch(url, init);
  };
  const c = new Cytomine(server.url, { publicKey, privateKey, retries: 0, fetch: blockedProbe });
  const name = uniqueName('fallback');
  const created = await new c.models.Project({ name, ontology: null }).save();
  assert.equal(state.get('project', created.id).name, name, 'applied exactly once');
  assert.equal(state.all('project').filter((p) => p.name === name).length, 1);
  // 5.2's form is tried first: today's core refuses it once, then accepts today's form.
  assert.deepEqual(sent, TODAY ? ['POST /api/project.json', 'POST /api/project.json'] : ['POST /api/project.json']);
  assert.equal(c.core, TODAY ? '2026' : null);
  await c.models.Project.fetch(created.id);
  assert.equal(sent.length, TODAY ? 3 : 2, 'no second 401');
  await created.delete();
});

test('repository lists: fetchAll returns every item past the 20-item default page, in parallel pages with progress', async () => {
  const names = Array.from({ length: 45 }, (_, i) => uniqueName(`many-${i}`));
  for (const name of names) await new alice.models.Tag({ name }).save();
  const expected = sorted(idsOf(state.all('tag')));
  assert.ok(expected.length > 45);
  for (const nbPerPage of [0, 7, 20]) {
    const loaded = [];
    const tags = await alice.models.TagCollection.fetchAll({ nbPerPage }, { onProgress: ({ loaded: n }) => loaded.push(n) });
    assert.deepEqual(sorted(idsOf(tags)), expected, `nbPerPage ${nbPerPage}`);
    assert.equal(tags.totalNbItems, expected.length);
    assert.equal(loaded.at(-1), expected.length);
  }
  // fetchPage and nbPages keep their meaning
  const third = await new alice.models.TagCollection({ nbPerPage: 20 }).fetchPage(2);
  assert.equal(third.nbPages, Math.ceil(expected.length / 20));
  assert.equal(third.length, Math.min(20, expected.length - 40));
  const lastQuery = server.requests.findLast((r) => r.path === '/api/tag.json').query ?? '';
  assert.match(String(lastQuery), TODAY ? /page=2&size=20/ : /max=20&offset=40/);
  // async iteration pages too
  const seen = [];
  for await (const t of new alice.models.TagCollection({ nbPerPage: 13 })) seen.push(t.id);
  assert.deepEqual(sorted(seen), expected);
});

test('undo of a term creation, on either command form; redo only on 5.2', async () => {
  const ontology = state.all('ontology').find((o) => o.user === userOf(server, 'alice').id) ?? (await new alice.models.Ontology({ name: uniqueName('undo') }).save());
  const term = await new alice.models.Term({ name: uniqueName('u'), color: '#123456', ontology: ontology.id }).save();
  assert.ok(state.get('term', term.id));
  const command = alice.lastCommand;
  if (TODAY) assert.match(command, /^[0-9a-f]{8}-[0-9a-f]{4}-/);
  else assert.equal(typeof command, 'number');
  if (TODAY) {
    // Today's command history lists it first (newest first), paged with page/size.
    const history = await alice.fetchCommands({ nbPerPage: 5 });
    assert.equal(history.collection[0].id, command);
    assert.equal(history.collection[0].commandRequest.commandType, 'INSERT_TERM_COMMAND');
    assert.equal(history.collection[0].commandRequest.data.after.name, term.name);
    assert.equal(history.perPage, 5);
    assert.match(String(server.requests.findLast((r) => r.path === '/api/commands').query), /page=0&size=5/);
  } else {
    const e = await alice.fetchCommands().catch((x) => x);
    assert.equal(e.kind, 'unsupported');
    assert.match(e.message, /Cytomine core 5\.2/);
  }
  const undone = await alice.undo(command);
  assert.ok(Array.isArray(undone) && undone.length >= 1);
  assert.equal(state.get('term', term.id), undefined, 'the creation is undone');
  if (TODAY) {
    const e = await alice.redo(command).catch((x) => x);
    assert.equal(e.kind, 'unsupported');
    assert.match(e.message, /no redo/);
    assert.equal(state.get('term', term.id), undefined);
  } else {
    await alice.redo(command);
    assert.equal(state.get('term', term.id).name, term.name, 'redone');
    await term.delete();
  }
});

test('the annotation report downloads on both (GET on 5.2, POST today)', async () => {
  const bob = userOf(server, 'bob');
  const search = new alice.models.AnnotationCollection({ project: panc.id, users: [bob.id] });
  const blob = await search.download('csv');
  // Core's report: comma-separated, CRLF lines, the annotation id first.
  const lines = (await blob.text()).trimEnd().split('\r\n');
  const expected = state.all('annotation').filter((a) => a.project === panc.id && a.user === bob.id);
  assert.equal(lines[0].split(',')[0], 'Id');
  assert.equal(lines.length - 1, expected.length);
  assert.deepEqual(sorted(lines.slice(1).map((l) => Number(l.split(',')[0]))), sorted(idsOf(expected)));
  const last = server.requests.findLast((r) => r.path === `/api/project/${panc.id}/annotation/download`);
  assert.equal(last.method, TODAY ? 'POST' : 'GET');
  if (TODAY) assert.throws(() => search.getDownloadURL('csv'), (e) => e.kind === 'unsupported');
  else assert.match(search.getDownloadURL('csv'), /annotation\/download\?format=csv&users=/);
});

test('keycloakToken: password grant, refresh before expiry; thumbnails with the token parameter each core reads', async () => {
  const token = keycloakToken({ url: server.url, username: 'alice', password: 'alice-password', refreshMarginSeconds: 3 });
  const c = new Cytomine(server.url, { token, retries: 0 });
  assert.equal((await c.models.User.fetchCurrent()).username, 'alice');
  const first = await token();
  await new Promise((resolve) => setTimeout(resolve, 1200)); // tokens live 4 s here: within the 3 s margin now
  assert.equal((await c.models.User.fetchCurrent()).username, 'alice');
  const second = await token();
  assert.notEqual(second, first, 'refreshed before expiry');
  const grants = server.requests.filter((r) => r.path === '/iam/realms/cytomine/protocol/openid-connect/token');
  assert.ok(grants.length >= 2);

  const image = state.all('imageinstance').find((i) => i.project === panc.id);
  const url = await c.withTokenParameter(`${server.url}/api/imageinstance/${image.id}/thumb.png?maxSize=64`);
  assert.equal(new URL(url).searchParams.has(TODAY ? 'authorization' : 'Authorization'), true);
  const response = await fetch(url);
  assert.equal(response.status, 200);
  assert.equal(response.headers.get('content-type'), 'image/png');
  await assert.rejects(keycloakToken({ url: server.url, username: 'alice', password: 'wrong' })(), (e) => e.kind === 'auth' && e.serverMessage === 'Invalid user credentials');
});

test('ping: POST /server/ping.json on 5.2, GET /server/ping today', async () => {
  const pong = await alice.ping();
  assert.equal(pong.alive, true);
  const last = server.requests.findLast((r) => r.path.startsWith('/server/ping') && r.auth === 'apikey');
  assert.deepEqual([last.method, last.path], TODAY ? ['GET', '/server/ping'] : ['POST', '/server/ping.json']);
});

test("User.defineRole gives exactly the role and the lower ones (today's core: by authority, read back from the user record)", async () => {
  const admin = connectAs(server, 'admin');
  const { User, Role, RoleCollection } = admin.models;
  const carol = await User.fetch(userOf(server, 'carol').id);
  const roles = await RoleCollection.fetchAll();
  const byAuthority = (a) => roles.array.find((r) => r.authority === a);
  try {
    const defined = await carol.defineRole(byAuthority('ROLE_ADMIN').id);
    assert.ok(defined instanceof RoleCollection);
    assert.ok(defined.get(0) instanceof Role);
    assert.deepEqual(defined.array.map((r) => r.authority), ['ROLE_USER', 'ROLE_ADMIN']);
    assert.deepEqual(defined.array.map((r) => r.id), [byAuthority('ROLE_USER').id, byAuthority('ROLE_ADMIN').id]);
    assert.deepEqual(state.get('user', carol.id).roles, ['ROLE_USER', 'ROLE_ADMIN']);
    // An authority works as well as an id.
    assert.deepEqual((await carol.defineRole('ROLE_USER')).array.map((r) => r.authority), ['ROLE_USER']);
    assert.deepEqual(state.get('user', carol.id).roles, ['ROLE_USER']);
  } finally {
    admin.free();
  }
});
