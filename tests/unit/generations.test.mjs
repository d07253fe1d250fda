// The two Cytomine core generations (delta file): detection, the option `core`, both signature
// forms and the 401 fallback, repository paging, renamed fields and bodies, v2 command responses,
// undo/redo, ProblemDetail errors and removed routes, checked on the wire with a fake fetch.
import { test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { installFakeFetch } from '../support/fake-fetch.mjs';
import { Cytomine, CytomineError } from '../../js/index.js';

const PUBLIC = 'pub-1';
const PRIVATE = 'priv-2';
let fake;
afterEach(() => fake?.restore());

const keys = (host, options = {}) => new Cytomine(host, { publicKey: PUBLIC, privateKey: PRIVATE, retries: 0, ...options });
const sign = (message) => createHmac('sha1', PRIVATE).update(message).digest('base64');
const signatureOf = (r) => /^CYTOMINE [^:]+:(.+)$/.exec(r.headers.authorization ?? '')?.[1];
/** Which form the request was signed in ('5.2', '2026' or null), checked as each core does. */
function formOf(r) {
  const u = new URL(r.url);
  const types = u.pathname.includes('.json') && !r.headers['content-type'] ? ['application/json', ''] : [r.headers['content-type'] ?? ''];
  for (const type of types) {
    const head = `${r.method}\n\n${type}\n${r.headers.date}`;
    if (sign(`${head}\n${u.pathname}${u.search}`) === signatureOf(r)) return '5.2';
    if (sign(head) === signatureOf(r)) return '2026';
  }
  return null;
}
const page = (items, extra = {}) => ({ collection: items, offset: 0, perPage: items.length, size: items.length, totalPages: 1, ...extra });
const HTML_401 = { status: 401, body: '<html><body><h1>Unauthorized</h1></body></html>', headers: { 'content-type': 'text/html' } };

test('detection: one unauthenticated probe per connection, cached; 200 on ping.json is core 5.2', async () => {
  fake = installFakeFetch(() => ({ body: { id: 1, name: 'P' } }));
  const cytomine = keys('cytomine.test');
  assert.equal(cytomine.core, null);
  const [a, b] = await Promise.all([cytomine.models.Project.fetch(1), cytomine.models.Project.fetch(2)]);
  assert.deepEqual([a.id, b.id], [1, 1]);
  assert.equal(cytomine.core, '5.2');
  assert.equal(await cytomine.detectCore(), '5.2');
  assert.equal(fake.probes.length, 1, 'one probe for concurrent requests and later calls');
  assert.equal(fake.probes[0].url, 'http://cytomine.test/server/ping.json');
  assert.equal(fake.probes[0].headers.authorization, undefined);
  assert.equal(fake.probes[0].headers.date, undefined);
  assert.equal(formOf(fake.requests[0]), '5.2');
  assert.deepEqual(cytomine.toJSON(), { host: 'http://cytomine.test', basePath: '/api/', authKind: 'api-key', core: '5.2' });
});

test("detection: 404 on ping.json then 200 on ping is today's core, signed without the path", async () => {
  fake = installFakeFetch(() => ({ body: { id: 1 } }), { probe: '2026' });
  const cytomine = keys('https://c.test');
  assert.equal(await cytomine.detectCore(), '2026');
  assert.deepEqual(fake.probes.map((p) => p.url), ['https://c.test/server/ping.json', 'https://c.test/server/ping']);
  await cytomine.models.Project.fetch(1);
  assert.equal(formOf(fake.requests[0]), '2026');
  // The path is not in today's message: the same date signs every path alike.
  const r = fake.requests[0];
  assert.equal(signatureOf(r), sign(`GET\n\n\n${r.headers.date}`));
});

test('detection follows a base path under a prefix, and 404 on both pings leaves the generation unknown', async () => {
  fake = installFakeFetch(() => ({ body: { id: 1 } }), { probe: () => ({ status: 404, body: {} }) });
  const cytomine = keys('c.test', { basePath: '/cytomine/api/' });
  assert.equal(await cytomine.detectCore(), null);
  assert.deepEqual(fake.probes.map((p) => new URL(p.url).pathname), ['/cytomine/server/ping.json', '/cytomine/server/ping']);
  assert.equal(cytomine.core, null);
});

test('the option core forces the generation (no probe) and refuses other values', async () => {
  fake = installFakeFetch(() => ({ body: { id: 1 } }));
  const today = keys('c.test', { core: '2026' });
  assert.equal(today.core, '2026');
  await today.models.Project.fetch(1);
  const old = keys('c.test', { core: '5.2' });
  await old.models.Project.fetch(1);
  assert.equal(fake.probes.length, 0);
  assert.deepEqual(fake.requests.map(formOf), ['2026', '5.2']);
  for (const core of ['5.3', 2026, 'today']) {
    assert.throws(() => keys('c.test', { core }), (e) => e instanceof CytomineError && e.kind === 'invalid-argument' && /core/.test(e.message));
  }
});

test('detection impossible: an HTML 401 is retried once in the other form, which is kept', async () => {
  // The probe fails like a CORS-blocked request; the server accepts only today's form.
  const project = { id: 7, name: 'x' };
  fake = installFakeFetch((r) => (formOf(r) !== '2026' ? HTML_401 : r.method === 'POST' ? { body: { project, command: 31, message: 'added' } } : { body: project }), {
    probe: () => { throw new TypeError('Failed to fetch'); },
  });
  const cytomine = keys('c.test');
  // A POST too: a 401 applied nothing, so the retry is safe.
  const created = await new cytomine.models.Project({ name: 'x' }).save();
  assert.equal(created.id, 7);
  assert.equal(cytomine.lastCommand, 31);
  assert.deepEqual(fake.requests.map((r) => [r.method, formOf(r)]), [['POST', '5.2'], ['POST', '2026']]);
  assert.equal(cytomine.core, '2026');
  await cytomine.models.Project.fetch(7);
  assert.deepEqual(fake.requests.slice(2).map(formOf), ['2026'], 'the working form is kept, no more 401s');
});

test('detection impossible: concurrent requests all end up in the working form', async () => {
  // The first 401 comes at once; the other two only after the first request succeeded in the
  // other form (so the form is settled by then, and they must still be sent again in it).
  let release;
  const settled = new Promise((resolve) => { release = resolve; });
  let refused = 0;
  fake = installFakeFetch(async (r) => {
    if (formOf(r) !== '2026') {
      if (refused++ > 0) await settled;
      return HTML_401;
    }
    setTimeout(release, 20);
    return { body: { id: 1, name: 'P' } };
  }, { probe: () => { throw new TypeError('Failed to fetch'); } });
  const cytomine = keys('c.test');
  const all = Promise.all([1, 2, 3].map((id) => cytomine.models.Project.fetch(id)));
  assert.deepEqual((await all).map((p) => p.id), [1, 1, 1]);
  assert.deepEqual(fake.requests.map(formOf).sort(), ['2026', '2026', '2026', '5.2', '5.2', '5.2']);
  assert.equal(cytomine.core, '2026');
});

test('wrong keys: one retry in the other form at most, then the 401', async () => {
  fake = installFakeFetch(() => HTML_401, { probe: () => { throw new TypeError('Failed to fetch'); } });
  const cytomine = keys('c.test');
  const e = await cytomine.models.Project.fetch(1).catch((x) => x);
  assert.equal(e.status, 401);
  assert.equal(e.kind, 'auth');
  assert.deepEqual(fake.requests.map(formOf), ['5.2', '2026']);
  assert.equal(cytomine.core, null);
  // A JSON 401 (a token refused) is not a signature problem: no retry.
  fake.restore();
  fake = installFakeFetch(() => ({ status: 401, body: { error: 'invalid_token' } }), { probe: () => { throw new TypeError('x'); } });
  await assert.rejects(keys('c.test').models.Project.fetch(1), (x) => x.status === 401);
  assert.equal(fake.requests.length, 1);
});

test('once the generation is known, a 401 is final (no switching)', async () => {
  fake = installFakeFetch(() => HTML_401);
  await assert.rejects(keys('c.test').models.Project.fetch(1), (e) => e.status === 401);
  assert.deepEqual(fake.requests.map(formOf), ['5.2']);
});

test("repository lists: page/size on today's core, max/offset on 5.2, fetchAll gets every item", async () => {
  const terms = Array.from({ length: 45 }, (_, i) => ({ id: i + 1, name: `t${i + 1}`, ontologyId: 3, dataType: 'TERM', children: [] }));
  const spring = (r) => {
    const q = new URL(r.url).searchParams;
    const size = Number(q.get('size') ?? 20);
    const p = Number(q.get('page') ?? 0);
    return { body: { collection: terms.slice(p * size, p * size + size), offset: p * size, perPage: size, size: terms.length, totalPages: Math.ceil(terms.length / size) } };
  };
  fake = installFakeFetch(spring, { probe: '2026' });
  const today = keys('c.test');
  const progress = [];
  const all = await new today.models.TermCollection({ filterKey: 'ontology', filterValue: 3, nbPerPage: 10 }).fetchAll({ onProgress: (p) => progress.push(p.loaded) });
  assert.equal(all.length, 45);
  assert.deepEqual(all.array.map((t) => t.id), terms.map((t) => t.id));
  assert.equal(all.get(0).ontology, 3, 'cytomine-client name filled from ontologyId');
  assert.equal(all.get(0).ontologyId, 3);
  assert.equal(all.totalNbItems, 45);
  assert.deepEqual(progress.at(-1), 45);
  const queries = fake.requests.map((r) => new URL(r.url).search).sort();
  assert.deepEqual(queries, ['?page=0&size=10', '?page=1&size=10', '?page=2&size=10', '?page=3&size=10', '?page=4&size=10']);

  // nbPerPage 0 ("everything"): Spring's largest pages, never the first 20 only.
  fake.requests.length = 0;
  const everything = await new today.models.TermCollection({ filterKey: 'ontology', filterValue: 3 }).fetchAll();
  assert.equal(everything.length, 45);
  assert.equal(everything.nbPages, 1);
  assert.deepEqual(fake.requests.map((r) => new URL(r.url).search), ['?page=0&size=2000']);

  // fetchPage keeps its meaning.
  fake.requests.length = 0;
  const third = await new today.models.TermCollection({ filterKey: 'ontology', filterValue: 3, nbPerPage: 20 }).fetchPage(2);
  assert.deepEqual(third.array.map((t) => t.id), [41, 42, 43, 44, 45]);
  assert.equal(third.nbPages, 3);
  assert.equal(new URL(fake.requests[0].url).search, '?page=2&size=20');

  // Same collection against 5.2: max/offset as cytomine-client sends.
  fake.restore();
  fake = installFakeFetch(() => ({ body: page(terms.slice(0, 5).map(({ ontologyId, ...t }) => ({ ...t, ontology: ontologyId })), { size: 5 }) }));
  const old = keys('c.test');
  await new old.models.TermCollection({ filterKey: 'ontology', filterValue: 3, nbPerPage: 5 }).fetchPage(0);
  assert.equal(new URL(fake.requests[0].url).search, '?max=5&offset=0');
});

test('repository paging with the generation unknown sends both parameter sets', async () => {
  fake = installFakeFetch(() => ({ body: page([], { size: 100, totalPages: 10 }) }), { probe: () => { throw new TypeError('x'); } });
  const cytomine = new Cytomine('c.test', { token: 't', retries: 0 });
  await new cytomine.models.TagCollection({ nbPerPage: 10 }).fetchPage(3);
  assert.equal(new URL(fake.requests[0].url).search, '?max=10&offset=30&page=3&size=10');
});

test("models: today's names fill cytomine-client's, bodies carry today's names, commands of both forms", async () => {
  const uuid = '0b0f3c52-7a53-4b8e-9a1e-3f1d2c4b5a6e';
  fake = installFakeFetch((r) => {
    const body = r.body ? JSON.parse(r.body) : null;
    if (r.method === 'POST' && r.url.endsWith('/tag_domain_association.json')) {
      return { body: { printMessage: true, data: { id: 4, tagId: body.tagId, domainClassName: body.domainClassName, domainId: body.domainId, dataType: 'TAG_DOMAIN_ASSOCIATION' }, commandId: uuid, command: 'be.cytomine.AddTagDomainAssociationCommand', subCommands: [] } };
    }
    if (r.url.includes('/commands/undo/')) return { body: { printMessage: true, data: { subCommand: { id: 4 }, dataType: 'UNDO_COMMAND' }, commandId: uuid, command: 'x', subCommands: [] } };
    return { status: 404, body: { type: 'about:blank', title: 'Not Found', status: 404, detail: 'Unable to find tag with id: 9', instance: '/api/tag/9.json' }, headers: { 'content-type': 'application/problem+json' } };
  }, { probe: '2026' });
  const cytomine = keys('c.test');
  const { TagDomainAssociation, Tag } = cytomine.models;
  const tda = await new TagDomainAssociation({ tag: 2, domainClassName: 'be.cytomine.domain.project.Project', domainIdent: 5 }).save();
  const sent = JSON.parse(fake.requests[0].body);
  assert.equal(new URL(fake.requests[0].url).pathname, '/api/tag_domain_association.json');
  assert.equal(sent.tagId, 2);
  assert.equal(sent.domainId, 5);
  assert.equal(sent.domainClassName, 'be.cytomine.domain.project.Project');
  assert.equal(tda.id, 4);
  assert.equal(tda.tag, 2);
  assert.equal(tda.domainIdent, 5);
  assert.equal(tda.tagId, 2);
  assert.equal(cytomine.lastCommand, uuid);
  const undone = await cytomine.undo(cytomine.lastCommand);
  assert.equal(fake.requests[1].method, 'POST');
  assert.equal(new URL(fake.requests[1].url).pathname, `/api/commands/undo/${uuid}`);
  assert.equal(undone[0].data.dataType, 'UNDO_COMMAND');
  // Without an argument: this connection's last command, when it is a repository one.
  await cytomine.undo();
  assert.equal(`${fake.requests[2].method} ${new URL(fake.requests[2].url).pathname}`, `POST /api/commands/undo/${uuid}`);
  fake.requests.splice(2, 1);
  const redo = await cytomine.redo(uuid).catch((e) => e);
  assert.equal(redo.kind, 'unsupported');
  assert.match(redo.message, /no redo/);
  assert.match(redo.message, /today's Cytomine core \(2026\)/);
  assert.equal(fake.requests.length, 2, 'redo sent nothing');
  const missing = await Tag.fetch(9).catch((e) => e);
  assert.equal(missing.status, 404);
  assert.equal(missing.serverMessage, 'Unable to find tag with id: 9');
});

test('removed routes reject naming the generation; replacements are used where they exist', async () => {
  fake = installFakeFetch((r) => ({ body: r.url.includes('ping') ? { alive: true } : page([{ id: 1, name: 'O' }]) }), { probe: '2026' });
  const cytomine = keys('c.test');
  const { Storage, RelationTerm, TermCollection, OntologyCollection } = cytomine.models;
  for (const call of [() => new Storage({ id: 3 }).addUser(4), () => Storage.create(4), () => RelationTerm.fetchAllOfTerm(3), () => new TermCollection().fetchAll(), () => new RelationTerm({ term1: 1, term2: 2 }).fetch()]) {
    const e = await call().catch((x) => x);
    assert.ok(e instanceof CytomineError, String(e));
    assert.equal(e.kind, 'unsupported', e.message);
    assert.match(e.message, /today's Cytomine core \(2026\)/);
  }
  assert.equal(fake.requests.length, 0, 'nothing sent for a removed route');
  await cytomine.ping();
  await new OntologyCollection({ light: true }).fetchAll();
  await cytomine.fetchUIConfigCurrentUser(5);
  await new RelationTerm({ id: 12 }).fetch().catch(() => null);
  assert.deepEqual(fake.requests.map((r) => `${r.method} ${new URL(r.url).pathname}${new URL(r.url).search}`), [
    'GET /server/ping',
    'GET /api/ontology_light.json?page=0&size=2000',
    'GET /api/custom-ui/config.json?project=5',
    'GET /api/relation/term/12.json',
  ]);
});

test('5.2 keeps the 5.2 routes', async () => {
  fake = installFakeFetch((r) => ({ body: r.url.includes('ping') ? { alive: true } : page([]) }));
  const cytomine = keys('c.test');
  await cytomine.ping(3);
  await new cytomine.models.OntologyCollection({ light: true }).fetchAll();
  await cytomine.fetchUIConfigCurrentUser();
  assert.deepEqual(fake.requests.map((r) => `${r.method} ${new URL(r.url).pathname}${new URL(r.url).search}`), [
    'POST /server/ping.json',
    'GET /api/ontology.json?light=true',
    'GET /custom-ui/config.json',
  ]);
});

test('token query parameters carry the name each generation reads; API-key connections have none', async () => {
  fake = installFakeFetch(() => ({ body: {} }), { probe: '2026' });
  const today = new Cytomine('c.test', { token: async () => 'jwt-1', retries: 0 });
  assert.equal(await today.withTokenParameter('http://c.test/api/imageinstance/5/thumb.png?maxSize=256'), 'http://c.test/api/imageinstance/5/thumb.png?maxSize=256&authorization=Bearer+jwt-1');
  const old = new Cytomine('c.test', { token: 'jwt-2', retries: 0, core: '5.2' });
  assert.equal(await old.withTokenParameter('/api/abstractimage/3/thumb.jpg'), 'http://c.test/api/abstractimage/3/thumb.jpg?Authorization=Bearer+jwt-2');
  await assert.rejects(keys('c.test').withTokenParameter('/x'), (e) => e.kind === 'invalid-argument');
});

test("malformed answers of today's core are decode errors, never crashes", async () => {
  const answers = [
    { body: { printMessage: true, data: null, commandId: 'x', command: 'c' } }, // a v2 command without its record
    { body: { printMessage: true, data: [1, 2], commandId: 'x' } }, // record not an object
    { body: { collection: 'nope', size: 3 } }, // a list that is not one
  ];
  let next = 0;
  fake = installFakeFetch(() => answers[next++], { probe: '2026' });
  const cytomine = keys('c.test');
  const saves = [new cytomine.models.Term({ name: 't', color: '#000000', ontology: 1 }).save(), new cytomine.models.Tag({ name: 't' }).save()];
  for (const e of await Promise.all(saves.map((p) => p.catch((x) => x)))) {
    assert.ok(e instanceof CytomineError, String(e));
    assert.equal(e.kind, 'decode');
    assert.match(e.message, /expected a command response/);
  }
  const list = await new cytomine.models.TagCollection({ nbPerPage: 5 }).fetchPage(0).catch((x) => x);
  assert.equal(list.kind, 'decode');
  // The module keeps working.
  fake.restore();
  fake = installFakeFetch(() => ({ body: { id: 3, name: 'ok', dataType: 'TAG' } }), { probe: '2026' });
  assert.equal((await keys('c.test').models.Tag.fetch(3)).name, 'ok');
});
