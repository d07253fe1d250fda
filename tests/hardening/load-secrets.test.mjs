// Load (2,000 concurrent calls from one connection, with its own concurrency bound) and secrets
// (neither the private key nor the token appears anywhere but the Authorization header).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start } from '../../emulator/server.mjs';
import { Cytomine } from '../../js/index.js';

let server;
before(async () => (server = await start({ dataset: 'demo', latencyMs: 2 })));
after(() => server?.close());

/** Wraps the global fetch to record every request and the number in flight. */
function spyFetch() {
  const real = globalThis.fetch;
  const spy = { requests: [], inFlight: 0, maxInFlight: 0, restore: () => (globalThis.fetch = real) };
  globalThis.fetch = async (url, init = {}) => {
    spy.requests.push({ url: String(url), init });
    spy.maxInFlight = Math.max(spy.maxInFlight, ++spy.inFlight);
    try {
      return await real(url, init);
    } finally {
      spy.inFlight--;
    }
  };
  return spy;
}

/** The connection's generation probe (an unauthenticated GET of /server/ping*). */
const isProbe = (r) => /\/server\/ping/.test(new URL(r.url).pathname);

test('2,000 concurrent calls from one connection all complete, at most maxConcurrentRequests at a time', async () => {
  const alice = server.credentials.find((c) => c.username === 'alice');
  const cytomine = new Cytomine(server.url, { publicKey: alice.publicKey, privateKey: alice.privateKey, maxConcurrentRequests: 12 });
  const projects = server.state.all('project').filter((p) => server.state.membersOf(p.id).managers.has(server.state.all('user').find((u) => u.username === 'alice').id));
  const spy = spyFetch();
  try {
    const results = await Promise.all(Array.from({ length: 2000 }, (_, i) => cytomine.models.Project.fetch(projects[i % projects.length].id)));
    assert.equal(results.length, 2000);
    results.forEach((p, i) => assert.equal(p.name, projects[i % projects.length].name));
    // Plus the connection's one generation probe, sent before the first call.
    assert.deepEqual(spy.requests.filter(isProbe).map((r) => new URL(r.url).pathname), ['/server/ping.json']);
    assert.equal(spy.requests.filter((r) => !isProbe(r)).length, 2000);
    assert.equal(spy.maxInFlight, 12);
  } finally {
    spy.restore();
  }
});

/** Runs a session of varied calls, including failing ones, capturing everything observable. */
async function observeSession(options) {
  const spy = spyFetch();
  const printed = [];
  const originals = {};
  for (const level of ['log', 'info', 'warn', 'error', 'debug']) {
    originals[level] = console[level];
    console[level] = (...args) => printed.push(args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a) ?? String(a))).join(' '));
  }
  const seen = [];
  try {
    const cytomine = new Cytomine(server.url, { ...options, retries: 0 });
    const { Project, ProjectCollection, User, AnnotationCollection } = cytomine.models;
    seen.push(String(cytomine), JSON.stringify(cytomine), cytomine.url('project/{id}.json', { id: 1 }));
    const me = await User.fetchCurrent();
    const projects = await ProjectCollection.fetchAll();
    const annotations = await new AnnotationCollection({ project: projects.get(0).id, nbPerPage: 50 }).fetchPage(0);
    seen.push(String(me), JSON.stringify(me), String(projects), JSON.stringify(projects.array), JSON.stringify(annotations.array.slice(0, 3)));
    for (const failing of [() => Project.fetch(999999), () => Project.fetch('../x'), () => new Project({ name: projects.get(0).name }).save()]) {
      const error = await failing().then(() => null, (e) => e);
      assert.ok(error, 'the call should have failed');
      seen.push(error.message, error.stack, JSON.stringify(error), String(error), error.url ?? '', error.serverMessage ?? '');
    }
    console.log('cytomine', cytomine, 'me', me);
  } finally {
    spy.restore();
    Object.assign(console, originals);
  }
  for (const r of spy.requests) {
    const { Authorization, ...otherHeaders } = r.init.headers ?? {};
    seen.push(r.url, JSON.stringify(otherHeaders), String(r.init.body ?? ''));
  }
  return { seen: seen.concat(printed).join('\n'), requests: spy.requests };
}

test('API keys: the private key appears nowhere, not even in the Authorization header', async () => {
  const bob = server.credentials.find((c) => c.username === 'bob');
  const { seen, requests } = await observeSession({ publicKey: bob.publicKey, privateKey: bob.privateKey });
  assert.ok(requests.length >= 5);
  assert.ok(!seen.includes(bob.privateKey), 'private key leaked');
  for (const r of requests) {
    assert.ok(!String(r.init.headers.Authorization).includes(bob.privateKey));
    const signature = String(r.init.headers.Authorization).split(':')[1];
    assert.ok(!seen.includes(signature), 'a signature leaked outside the Authorization header');
  }
});

test('tokens: the token appears only in the Authorization header', async () => {
  const bob = server.credentials.find((c) => c.username === 'bob');
  const { seen, requests } = await observeSession({ token: async () => bob.token });
  assert.ok(requests.length >= 5);
  assert.ok(!seen.includes(bob.token), 'token leaked');
  // The generation probe carries no credentials at all; every other request the bearer token.
  assert.deepEqual(requests.filter(isProbe).map((r) => [r.init.headers.Authorization, r.init.credentials]), [[undefined, 'omit']]);
  assert.ok(requests.filter((r) => !isProbe(r)).every((r) => r.init.headers.Authorization === `Bearer ${bob.token}`));
});
